"""Small server-side SVG charts for the planners' dashboard: no JavaScript.

Each function takes plain numbers and labels and returns safe SVG markup: sized by
its viewBox (it scales to the width of its container), `role="img"` with a
<title> and <desc>, every value also written as text next to or on its bar, every
label escaped. The page puts the same numbers in a table below each chart. With
nothing to show a chart says "No data yet" instead of drawing empty axes.

Colours have a contrast of at least 4.5:1 to white (the background, and the text
written on a bar segment).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

INK = "#1a1f29"
MUTED = "#4a5262"
GRID = "#d5d9e0"
BLUE = "#174a85"
GREEN = "#2e7d32"
BROWN = "#8a5300"
GREY = "#5b6270"
RED = "#a3231a"

WIDTH = 460  # viewBox width of every chart (wider only with many columns)
FONT = 13
SMALL = 12
LABEL = 13  # the row labels of horizontal bars
LABEL_CHARS = 20


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    values: Sequence[int] = ()


def _num(value: float) -> str:
    """A coordinate: at most two decimals, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _svg(
    *, chart_id: str, width: float, height: float, title: str, desc: str, body: str
) -> SafeString:
    cid = escape(chart_id)
    wide = f' style="min-width: {_num(width * 0.7)}px"' if width > WIDTH else ""
    # Every label and title below went through escape(); numbers are formatted.
    return mark_safe(  # noqa: S308
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pl-chart__svg" '
        f'viewBox="0 0 {_num(width)} {_num(height)}" role="img" '
        f'aria-labelledby="{cid}-title {cid}-desc" focusable="false"{wide}>'
        f'<title id="{cid}-title">{escape(title)}</title>'
        f'<desc id="{cid}-desc">{escape(desc)}</desc>'
        f"{body}</svg>"
    )


def _text(
    x: float,
    y: float,
    content: str,
    *,
    size: int = FONT,
    anchor: str = "start",
    fill: str = INK,
    css: str = "",
    extra: str = "",
) -> str:
    klass = f' class="{css}"' if css else ""
    return (
        f'<text x="{_num(x)}" y="{_num(y)}" font-size="{size}" '
        f'text-anchor="{anchor}" fill="{fill}"{klass}{extra}>{escape(content)}</text>'
    )


def no_data(*, chart_id: str, title: str, message: str = "") -> SafeString:
    """A chart with nothing to show yet: a readable sentence in the frame."""
    message = message or _("No data yet")
    body = (
        f'<rect x="1" y="1" width="{WIDTH - 2}" height="78" rx="8" fill="none" '
        f'stroke="{GRID}" stroke-width="2"/>'
        + _text(
            WIDTH / 2, 45, message, anchor="middle", fill=MUTED, css="pl-chart__empty"
        )
    )
    return _svg(
        chart_id=chart_id, width=WIDTH, height=80, title=title, desc=message, body=body
    )


def _legend(series: Sequence[Series], y: float) -> str:
    parts, x = [], 0.0
    for item in series:
        parts.append(
            f'<rect x="{_num(x)}" y="{_num(y - 10)}" width="12" height="12" '
            f'fill="{escape(item.colour)}"/>' + _text(x + 16, y, item.name, size=SMALL)
        )
        x += 16 + len(item.name) * 7 + 18
    return '<g class="pl-chart__legend">' + "".join(parts) + "</g>"


# --- Horizontal bars ---------------------------------------------------------------
BAR_LEFT = 180  # room for the labels
BAR_RIGHT = 56  # room for the values
BAR_ROW = 28
BAR_HEIGHT = 18


def bar_chart(
    items: Sequence[tuple[str, int]],
    *,
    chart_id: str,
    title: str,
    desc: str,
    colour: str = BLUE,
    suffix: str = "",
) -> SafeString:
    """One horizontal bar per (label, value); the longest bar is the largest
    value, each value written after its bar (with `suffix`, e.g. " %")."""
    if not items:
        return no_data(chart_id=chart_id, title=title)
    plot = WIDTH - BAR_LEFT - BAR_RIGHT
    top = max((value for _label, value in items), default=0) or 1
    rows = []
    for n, (label, value) in enumerate(items):
        y = n * BAR_ROW + (BAR_ROW - BAR_HEIGHT) / 2
        length = value / top * plot
        middle = y + BAR_HEIGHT / 2 + 4.5
        rows.append(
            f'<g class="pl-chart__row"><title>{escape(label)}: {value}{escape(suffix)}'
            "</title>"
            + _text(BAR_LEFT - 8, middle, _short(label), size=LABEL, anchor="end")
            + f'<rect class="pl-chart__bar" x="{BAR_LEFT}" y="{_num(y)}" '
            f'width="{_num(length)}" height="{BAR_HEIGHT}" fill="{escape(colour)}"/>'
            + _text(
                BAR_LEFT + length + 6, middle, f"{value}{suffix}", css="pl-chart__value"
            )
            + "</g>"
        )
    return _svg(
        chart_id=chart_id,
        width=WIDTH,
        height=len(items) * BAR_ROW,
        title=title,
        desc=desc,
        body="".join(rows),
    )


# --- Stacked horizontal bars -------------------------------------------------------
def stacked_bars(
    rows: Sequence[tuple[str, Sequence[int]]],
    *,
    segments: Sequence[Series],
    chart_id: str,
    title: str,
    desc: str,
) -> SafeString:
    """One horizontal bar per row, split into `segments` (counts, in the order of
    `segments`); the longest bar is the largest total, written after it. A
    segment wide enough carries its count in white."""
    if not rows or not any(sum(values) for _label, values in rows):
        return no_data(chart_id=chart_id, title=title)
    legend_h = 26
    plot = WIDTH - BAR_LEFT - BAR_RIGHT
    top = max(sum(values) for _label, values in rows)
    parts = [_legend(segments, 14)]
    for n, (label, values) in enumerate(rows):
        y = legend_h + n * BAR_ROW + (BAR_ROW - BAR_HEIGHT) / 2
        middle = y + BAR_HEIGHT / 2 + 4.5
        named = ", ".join(
            f"{segment.name}: {value}"
            for segment, value in zip(segments, values, strict=True)
        )
        row = [
            f'<g class="pl-chart__row"><title>{escape(label)}: {escape(named)}</title>',
            _text(BAR_LEFT - 8, middle, _short(label), size=LABEL, anchor="end"),
        ]
        x = float(BAR_LEFT)
        for segment, value in zip(segments, values, strict=True):
            length = value / top * plot
            if value:
                row.append(
                    f'<rect class="pl-chart__bar" x="{_num(x)}" y="{_num(y)}" '
                    f'width="{_num(length)}" height="{BAR_HEIGHT}" '
                    f'fill="{escape(segment.colour)}"/>'
                )
                if length >= 18:
                    row.append(
                        _text(
                            x + length / 2,
                            middle,
                            str(value),
                            size=SMALL,
                            anchor="middle",
                            fill="#ffffff",
                            css="pl-chart__value",
                        )
                    )
            x += length
        row.append(_text(x + 6, middle, str(sum(values)), css="pl-chart__total"))
        row.append("</g>")
        parts.append("".join(row))
    return _svg(
        chart_id=chart_id,
        width=WIDTH,
        height=legend_h + len(rows) * BAR_ROW,
        title=title,
        desc=desc,
        body="".join(parts),
    )


# --- Columns -------------------------------------------------------------------------
COL_LEFT = 8
COL_RIGHT = 8
COL_TOP = 44  # the legend and the values above the highest column
COL_PLOT = 180
COL_BOTTOM = 46  # the category labels


def column_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    chart_id: str,
    title: str,
    desc: str,
) -> SafeString:
    """Grouped vertical columns: one group per label (e.g. a day), one column per
    series, each value written above its column. Many groups make the chart
    wider than WIDTH (the page lets it scroll sideways) rather than unreadable."""
    if not labels or not any(value for item in series for value in item.values):
        return no_data(chart_id=chart_id, title=title)
    count = len(labels)
    least = len(series) * 16 + 10
    group = max((WIDTH - COL_LEFT - COL_RIGHT) / count, least)
    width = COL_LEFT + group * count + COL_RIGHT
    bar = min((group - 10) / len(series), 40)
    top = max(value for item in series for value in item.values)
    base = COL_TOP + COL_PLOT
    parts = [
        _legend(series, 14),
        f'<line x1="{COL_LEFT}" y1="{base}" x2="{_num(width - COL_RIGHT)}" '
        f'y2="{base}" stroke="{MUTED}" stroke-width="1"/>',
    ]
    rotate = group < 44
    for n, label in enumerate(labels):
        left = COL_LEFT + n * group + (group - bar * len(series)) / 2
        centre = COL_LEFT + n * group + group / 2
        named = ", ".join(f"{item.name}: {item.values[n]}" for item in series)
        parts.append(
            f'<g class="pl-chart__group">'
            f"<title>{escape(label)}: {escape(named)}</title>"
        )
        for k, item in enumerate(series):
            value = item.values[n]
            height = value / top * COL_PLOT
            x = left + k * bar
            parts.append(
                f'<rect class="pl-chart__bar" x="{_num(x)}" y="{_num(base - height)}" '
                f'width="{_num(bar)}" height="{_num(height)}" '
                f'fill="{escape(item.colour)}"/>'
            )
            if not value:
                continue  # a row of zeros would bury the few values that count
            parts.append(
                _text(
                    x + bar / 2,
                    base - height - 4,
                    str(value),
                    size=SMALL,
                    anchor="middle",
                    css="pl-chart__value",
                )
            )
        if rotate:
            parts.append(
                _text(
                    centre,
                    base + 14,
                    label,
                    size=SMALL,
                    anchor="end",
                    css="pl-chart__label",
                    extra=f' transform="rotate(-45 {_num(centre)} {base + 14})"',
                )
            )
        else:
            parts.append(
                _text(
                    centre,
                    base + 18,
                    label,
                    size=SMALL,
                    anchor="middle",
                    css="pl-chart__label",
                )
            )
        parts.append("</g>")
    return _svg(
        chart_id=chart_id,
        width=width,
        height=base + COL_BOTTOM,
        title=title,
        desc=desc,
        body="".join(parts),
    )
