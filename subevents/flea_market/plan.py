"""A site plan drawn for print: the grid scaled to the space given, pitches as
boxes in their type's colour with their number, drawn marks such as the entrance,
a dot for a power socket, optionally one pitch marked and the sellers' names."""

from collections.abc import Iterable

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from events.pdf.fonts import BOLD, REGULAR, printable
from events.pdf.layout import INK, MUTED, PALE, RULE

from .models import PitchType
from .selectors import PlanView

# Light fills that keep black numbers readable (and differ in grey, too).
PALETTE = ["#cfe3f7", "#f9d9b5", "#d4ecd0", "#ead6f0", "#f6efb0", "#f2cfcf"]
HIGHLIGHT = colors.HexColor("#a3231a")
SOCKET = colors.HexColor("#1f2328")


def type_colours(types: Iterable[PitchType]) -> dict[int, colors.Color]:
    ordered = sorted(set(types), key=lambda t: (t.position, t.pk))
    return {
        t.pk: colors.HexColor(PALETTE[index % len(PALETTE)])
        for index, t in enumerate(ordered)
    }


def _fit(canvas, text: str, font: str, size: float, width: float) -> str:
    text = printable(text)
    while text and canvas.stringWidth(text, font, size) > width:
        text = text[:-2] + "…" if len(text) > 2 else ""
    return text


class PlanDrawing(Flowable):
    """One site plan, as wide as allowed and at most `max_height` high."""

    def __init__(
        self,
        view: PlanView,
        *,
        max_height: float,
        width: float | None = None,
        highlight: int | None = None,
        names: bool = False,
    ) -> None:
        super().__init__()
        self.view = view
        self.max_height = max_height
        self.fixed_width = width
        self.highlight = highlight
        self.names = names
        self.colours = type_colours(p.pitch.pitch_type for p in view.pitches)

    def wrap(self, available_width: float, available_height: float):
        plan = self.view.plan
        width = min(self.fixed_width or available_width, available_width)
        self.cell = min(width / plan.columns, self.max_height / plan.rows)
        self.width = self.cell * plan.columns
        self.height = self.cell * plan.rows
        return self.width, self.height

    def _box(self, x: int, y: int, w: int, h: int) -> tuple[float, float, float, float]:
        """Grid cells (origin top left) to points (origin bottom left)."""
        c = self.cell
        return x * c, self.height - (y + h) * c, w * c, h * c

    def draw(self) -> None:
        canvas = self.canv
        plan = self.view.plan
        canvas.saveState()
        canvas.setFillColor(colors.white)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.25)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=1)
        canvas.setStrokeColor(PALE)
        for column in range(1, plan.columns):
            canvas.line(column * self.cell, 0, column * self.cell, self.height)
        for row in range(1, plan.rows):
            canvas.line(0, row * self.cell, self.width, row * self.cell)
        for label in plan.labels or []:
            self._label(label)
        for placed in self.view.pitches:
            self._pitch(placed)
        canvas.restoreState()

    def _label(self, label: dict) -> None:
        try:
            x, y = int(label.get("x", 0)), int(label.get("y", 0))
            w, h = int(label.get("w", 1)), int(label.get("h", 1))
        except (TypeError, ValueError):
            return
        canvas = self.canv
        bx, by, bw, bh = self._box(x, y, w, h)
        canvas.setFillColor(colors.HexColor("#e4e6ea"))
        canvas.setStrokeColor(MUTED)
        canvas.setDash(2, 2)
        canvas.rect(bx, by, bw, bh, stroke=1, fill=1)
        canvas.setDash()
        room = (bh if bh > bw * 1.5 else bw) - 4
        raw = printable(str(label.get("text", "")))
        size = max(5.0, min(self.cell * 0.55, 14))
        # Smaller type before a shortened word ("Info & Kasse", not "Info & …").
        while size > 5 and canvas.stringWidth(raw, BOLD, size) > room:
            size -= 0.5
        canvas.setFillColor(MUTED)
        canvas.setFont(BOLD, size)
        text = _fit(canvas, raw, BOLD, size, room)
        if bh > bw * 1.5:
            canvas.saveState()
            canvas.translate(bx + bw / 2 + size / 3, by + bh / 2)
            canvas.rotate(90)
            canvas.drawCentredString(0, 0, text)
            canvas.restoreState()
        else:
            canvas.drawCentredString(bx + bw / 2, by + bh / 2 - size / 3, text)

    def _pitch(self, placed) -> None:
        canvas = self.canv
        pitch = placed.pitch
        bx, by, bw, bh = self._box(pitch.x, pitch.y, pitch.w, pitch.h)
        marked = pitch.pk == self.highlight
        canvas.setFillColor(HIGHLIGHT if marked else self.colours[pitch.pitch_type_id])
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(1.6 if marked else 0.6)
        canvas.rect(bx, by, bw, bh, stroke=1, fill=1)
        canvas.setFillColor(colors.white if marked else INK)
        name = (
            placed.application.seller_label
            if (self.names and placed.application)
            else ""
        )
        size = max(5.0, min(bh * (0.42 if name else 0.6), bw * 0.4, 16))
        canvas.setFont(BOLD, size)
        middle = by + bh / 2 - size / 3 + (size * 0.45 if name else 0)
        canvas.drawCentredString(bx + bw / 2, middle, str(pitch.number))
        if name:
            small = max(4.0, min(size * 0.6, 8))
            canvas.setFont(REGULAR, small)
            canvas.drawCentredString(
                bx + bw / 2,
                by + 1.5,
                _fit(canvas, name, REGULAR, small, bw - 2),
            )
        if pitch.electricity:
            radius = max(1.5, min(self.cell * 0.16, 2.5 * mm))
            inset = radius + max(1.5, radius * 0.6)
            canvas.setFillColor(colors.white if marked else SOCKET)
            canvas.circle(bx + bw - inset, by + bh - inset, radius, 0, 1)


class Swatch(Flowable):
    """A legend's sample: a pitch box in a colour, or the socket dot."""

    def __init__(self, colour: colors.Color, *, socket: bool = False) -> None:
        super().__init__()
        self.colour = colour
        self.socket = socket

    def wrap(self, available_width: float, available_height: float):
        return 7 * mm, 5 * mm

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.6)
        canvas.setFillColor(self.colour)
        canvas.rect(0, 0, 7 * mm, 5 * mm, stroke=1, fill=1)
        if self.socket:
            canvas.setFillColor(SOCKET)
            canvas.circle(7 * mm - 2.2 * mm, 5 * mm - 2 * mm, 1.2 * mm, 0, 1)
