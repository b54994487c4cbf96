"""The dashboard's SVG charts: exact geometry, escaped labels, a readable empty
state, and the text alternatives."""

import xml.etree.ElementTree as ET

from django.utils import translation

from planning import charts
from planning.charts import Series

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)  # noqa: S314 - our own markup


def bars(root: ET.Element) -> list[dict[str, str]]:
    return [
        rect.attrib for rect in root.iterfind(".//svg:rect[@class='pl-chart__bar']", NS)
    ]


def values(root: ET.Element) -> list[str]:
    return [
        t.text
        for t in root.iterfind(".//svg:text", NS)
        if t.get("class") in ("pl-chart__value", "pl-chart__total")
    ]


def test_bar_chart_scales_to_the_largest_value_and_writes_every_value():
    root = parse(
        charts.bar_chart(
            [("Kino", 40), ("Theater", 10), ("Lesung", 0)],
            chart_id="waiting",
            title="Waiting",
            desc="People waiting per event.",
        )
    )

    # 460 wide, labels 180, values 56: the plot is 224 units.
    assert [(b["x"], b["width"], b["y"], b["height"]) for b in bars(root)] == [
        ("180", "224", "5", "18"),
        ("180", "56", "33", "18"),
        ("180", "0", "61", "18"),
    ]
    assert values(root) == ["40", "10", "0"]
    assert root.get("viewBox") == "0 0 460 84"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "waiting-title waiting-desc"
    assert root.find("svg:title", NS).text == "Waiting"
    assert root.find("svg:desc", NS).text == "People waiting per event."


def test_labels_are_escaped_and_long_ones_shortened():
    markup = charts.bar_chart(
        [('<b>Fett</b> & "ja"', 3), ("Ein sehr langer Veranstaltungstitel", 1)],
        chart_id="x<y",
        title="<script>",
        desc="a & b",
    )
    root = parse(markup)

    assert "<b>" not in markup and "<script>" not in markup
    texts = [t.text for t in root.iterfind(".//svg:text", NS)]
    assert texts[0] == '<b>Fett</b> & "ja"'
    assert texts[2] == "Ein sehr langer Ver…"
    assert root.find("svg:title", NS).text == "<script>"
    assert root.find(".//svg:g/svg:title", NS).text == '<b>Fett</b> & "ja": 3'
    assert root.get("aria-labelledby") == "x<y-title x<y-desc"


def test_empty_data_says_no_data_yet():
    with translation.override("en"):
        for markup in (
            charts.bar_chart([], chart_id="a", title="A", desc="d"),
            charts.stacked_bars(
                [("Kino", [0, 0])],
                segments=[Series("full", charts.BLUE), Series("empty", charts.GREY)],
                chart_id="b",
                title="B",
                desc="d",
            ),
            charts.column_chart(
                ["Mo", "Di"],
                [Series("n", charts.BLUE, [0, 0])],
                chart_id="c",
                title="C",
                desc="d",
            ),
            charts.column_chart([], [], chart_id="d", title="D", desc="d"),
        ):
            root = parse(markup)
            assert root.get("role") == "img"
            assert bars(root) == []
            assert [t.text for t in root.iterfind(".//svg:text", NS)] == ["No data yet"]
            assert root.find("svg:desc", NS).text == "No data yet"


def test_stacked_bars_split_each_row_by_its_segments():
    root = parse(
        charts.stacked_bars(
            [("Kinowoche", [2, 1, 1, 0]), ("Fest", [0, 0, 1, 1])],
            segments=[
                Series("full", charts.BLUE),
                Series("almost full", charts.GREEN),
                Series("some", charts.BROWN),
                Series("empty", charts.GREY),
            ],
            chart_id="fill",
            title="Fill",
            desc="Events by fill rate.",
        )
    )

    # Largest total 4 → 224 units: 56 per event; rows start below the legend.
    assert [(b["x"], b["width"], b["y"], b["fill"]) for b in bars(root)] == [
        ("180", "112", "31", charts.BLUE),
        ("292", "56", "31", charts.GREEN),
        ("348", "56", "31", charts.BROWN),
        ("180", "56", "59", charts.BROWN),
        ("236", "56", "59", charts.GREY),
    ]
    assert values(root) == ["2", "1", "1", "4", "1", "1", "2"]
    legend = [
        t.text
        for t in root.iterfind(".//svg:g[@class='pl-chart__legend']/svg:text", NS)
    ]
    assert legend == ["full", "almost full", "some", "empty"]


def test_column_chart_draws_groups_of_columns_with_their_values():
    root = parse(
        charts.column_chart(
            ["Mo", "Di"],
            [
                Series("needed", charts.GREY, [10, 4]),
                Series("filled", charts.GREEN, [5, 4]),
            ],
            chart_id="cover",
            title="Coverage",
            desc="Places per day.",
        )
    )

    # Two groups of 222 units; columns 40 wide, the tallest 180 high (base 224).
    assert [(b["x"], b["y"], b["width"], b["height"]) for b in bars(root)] == [
        ("79", "44", "40", "180"),
        ("119", "134", "40", "90"),
        ("301", "152", "40", "72"),
        ("341", "152", "40", "72"),
    ]
    assert values(root) == ["10", "5", "4", "4"]
    labels = [
        t.text for t in root.iterfind(".//svg:text[@class='pl-chart__label']", NS)
    ]
    assert labels == ["Mo", "Di"]
    assert root.get("viewBox") == "0 0 460 270"
    assert root.get("style") is None


def test_many_columns_widen_the_chart_instead_of_squeezing_it():
    days = [f"{n}.6." for n in range(1, 41)]
    root = parse(
        charts.column_chart(
            days,
            [
                Series("a", charts.BLUE, list(range(40))),
                Series("b", charts.BROWN, [1] * 40),
            ],
            chart_id="many",
            title="Many",
            desc="d",
        )
    )

    # Each group at least 2 × 16 + 10 = 42 units: 40 groups → 1696 wide.
    assert root.get("viewBox") == "0 0 1696 270"
    assert root.get("style") == "min-width: 1187.2px"
    label = root.find(".//svg:text[@class='pl-chart__label']", NS)
    assert label.get("transform") == "rotate(-45 29 238)"
    assert len(bars(root)) == 80
