"""Geometry of the server-made SVG charts (bar, line, stacked bar). Pure: the
templates draw what these return, so a chart is tested without a browser.

Coordinates are whole SVG user units computed with integer arithmetic; the
values themselves (fen, people) are integers and never become floats."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

Text = Callable[[int], str]
WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 72, 16, 16, 40
# Colour-blind-safe palette (Okabe-Ito), each ≥ 3:1 against white as a graphic.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000", "#999999")


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    label: str
    value_text: str
    colour: str


@dataclass(frozen=True)
class Tick:
    y: int
    text: str


@dataclass(frozen=True)
class BarChart:
    title: str
    description: str
    width: int
    height: int
    bars: list[Bar]
    ticks: list[Tick]
    baseline_y: int
    # Characters of a label that fit under a bar before it is shortened.
    label_chars: int = 14


@dataclass(frozen=True)
class Point:
    x: int
    y: int
    label: str
    value_text: str


@dataclass(frozen=True)
class LineChart:
    title: str
    description: str
    width: int
    height: int
    points: list[Point]
    ticks: list[Tick]
    baseline_y: int

    @property
    def path(self) -> str:
        return " ".join(f"{'M' if n == 0 else 'L'}{p.x},{p.y}" for n, p in enumerate(self.points))


@dataclass(frozen=True)
class Segment:
    x: int
    width: int
    label: str
    value_text: str
    colour: str


@dataclass(frozen=True)
class StackedBar:
    title: str
    description: str
    width: int
    height: int
    bar_y: int
    bar_height: int
    segments: list[Segment]


def _ticks(maximum: int, plot_height: int, text: Text, count: int = 4) -> list[Tick]:
    """Gridlines at whole values placed exactly where a bar of that value ends
    (a small maximum gets fewer lines rather than repeated labels)."""
    if maximum <= 0:
        return [Tick(TOP + plot_height, text(0))]
    values = sorted({maximum * n // min(count, maximum) for n in range(min(count, maximum) + 1)})
    return [Tick(TOP + plot_height - v * plot_height // maximum, text(v)) for v in values]


def bar_chart(title: str, description: str, labels: Sequence[str], values: Sequence[int],
              text: Text = str, width: int = WIDTH, height: int = HEIGHT) -> BarChart:
    """Bars from the baseline up, scaled to the largest value; a zero or
    negative value gets no height (a chart of counts and sums never has negatives)."""
    if len(labels) != len(values):
        raise ValueError("one label per value")
    plot_w, plot_h = width - LEFT - RIGHT, height - TOP - BOTTOM
    maximum = max([v for v in values if v > 0], default=0)
    slot = plot_w // max(1, len(values))
    bar_w = max(1, slot * 2 // 3)
    bars = []
    for n, (label, value) in enumerate(zip(labels, values)):
        h = value * plot_h // maximum if maximum and value > 0 else 0
        bars.append(Bar(LEFT + n * slot + (slot - bar_w) // 2, TOP + plot_h - h, bar_w, h, label, text(value),
                        PALETTE[0]))
    return BarChart(title, description, width, height, bars, _ticks(maximum, plot_h, text), TOP + plot_h,
                    max(3, slot // 7))


def line_chart(title: str, description: str, labels: Sequence[str], values: Sequence[int],
               text: Text = str, width: int = WIDTH, height: int = HEIGHT) -> LineChart:
    """Points left to right, evenly spaced, scaled to the largest value."""
    if len(labels) != len(values):
        raise ValueError("one label per value")
    plot_w, plot_h = width - LEFT - RIGHT, height - TOP - BOTTOM
    maximum = max([v for v in values if v > 0], default=0)
    step = plot_w // max(1, len(values) - 1) if len(values) > 1 else 0
    points = [Point(LEFT + (n * step if len(values) > 1 else plot_w // 2),
                    TOP + plot_h - (max(0, v) * plot_h // maximum if maximum else 0), label, text(v))
              for n, (label, v) in enumerate(zip(labels, values))]
    return LineChart(title, description, width, height, points, _ticks(maximum, plot_h, text), TOP + plot_h)


def stacked_bar(title: str, description: str, labels: Sequence[str], values: Sequence[int],
                text: Text = str, width: int = WIDTH, height: int = 64) -> StackedBar:
    """One horizontal bar split into shares of the total. Rounding never makes
    the segments overflow: each ends where the running total's share ends."""
    if len(labels) != len(values):
        raise ValueError("one label per value")
    plot_w = width - 2 * RIGHT
    total = sum(v for v in values if v > 0)
    segments, running = [], 0
    for n, (label, value) in enumerate(zip(labels, values)):
        if value <= 0:
            continue
        start = running * plot_w // total
        running += value
        end = running * plot_w // total
        segments.append(Segment(RIGHT + start, end - start, label, text(value), PALETTE[n % len(PALETTE)]))
    return StackedBar(title, description, width, height, 8, height - 16, segments)
