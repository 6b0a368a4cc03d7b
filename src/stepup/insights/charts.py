"""Bar charts drawn on the server as SVG: each is a picture of a table on the same page,
with a plain-English summary beside it, so nobody needs the picture to read the figures."""

from dataclasses import dataclass

LABEL_HEIGHT = 22
BAR_HEIGHT = 18
GAP = 10
LONGEST = 75  # per cent of the width: room to the right of the longest bar for its figure


@dataclass(frozen=True)
class Bar:
    label: str
    text: str  # the figure as written in the table
    y: int
    percent: float  # of the chart's width; 0 for a hidden or unknown figure
    highlighted: bool = False

    @property
    def bar_y(self) -> int:
        return self.y + LABEL_HEIGHT

    @property
    def text_y(self) -> int:
        return self.bar_y + BAR_HEIGHT - 4


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    summary: str
    bars: list[Bar]
    height: int


def bar_chart(
    *,
    key: str,
    title: str,
    summary: str,
    bars: list[tuple[str, float | None, str]],
    highlighted: set[str] = frozenset(),
    scale_to: float | None = None,
) -> Chart:
    """``bars`` are (label, value, the figure as text). Each label sits above its bar, and
    bars are drawn in percentages of the width, not scaled with it, so the text stays the
    size of the page's at 320 pixels as on a desktop."""
    known = [value for _, value, _ in bars if value is not None]
    top = scale_to or max(known, default=0) or 1
    drawn = []
    for index, (label, value, text) in enumerate(bars):
        percent = round(LONGEST * value / top, 2) if value else 0
        drawn.append(
            Bar(
                label=label,
                text=text,
                y=index * (LABEL_HEIGHT + BAR_HEIGHT + GAP),
                percent=percent,
                highlighted=label in highlighted,
            )
        )
    height = len(bars) * (LABEL_HEIGHT + BAR_HEIGHT + GAP)
    return Chart(key=key, title=title, summary=summary, bars=drawn, height=max(height, 1))
