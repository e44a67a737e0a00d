from hypothesis import given, settings
from hypothesis import strategies as st

from portal.domain import charts


def test_the_largest_bar_fills_the_plot_and_the_others_scale_in_proportion() -> None:
    chart = charts.bar_chart("t", "d", ["a", "b", "c"], [100, 50, 0])
    plot_height = charts.HEIGHT - charts.TOP - charts.BOTTOM
    heights = [bar.height for bar in chart.bars]
    assert heights == [plot_height, plot_height // 2, 0]
    assert all(bar.y + bar.height == chart.baseline_y for bar in chart.bars)


def test_bars_sit_side_by_side_inside_the_plot_without_overlapping() -> None:
    chart = charts.bar_chart("t", "d", [str(n) for n in range(7)], [n + 1 for n in range(7)])
    for left, right in zip(chart.bars, chart.bars[1:]):
        assert left.x + left.width <= right.x
    assert chart.bars[0].x >= charts.LEFT and chart.bars[-1].x + chart.bars[-1].width <= charts.WIDTH - charts.RIGHT


def test_a_chart_of_nothing_but_zeros_draws_no_height_and_one_tick() -> None:
    chart = charts.bar_chart("t", "d", ["a"], [0])
    assert chart.bars[0].height == 0 and len(chart.ticks) == 1


def test_bar_values_are_labelled_with_the_text_function_given() -> None:
    chart = charts.bar_chart("t", "d", ["2009"], [109_832], lambda fen: f"{fen // 100}.{fen % 100:02d}")
    assert chart.bars[0].value_text == "1098.32"


def test_a_line_chart_runs_left_to_right_and_higher_values_sit_higher() -> None:
    chart = charts.line_chart("t", "d", ["2009", "2011", "2012"], [109_832, 1_110_000, 1_306_848])
    xs, ys = [p.x for p in chart.points], [p.y for p in chart.points]
    assert xs == sorted(xs) and len(set(xs)) == 3
    assert ys[0] > ys[1] > ys[2] == charts.TOP
    assert chart.path.startswith(f"M{xs[0]},{ys[0]} L")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**12), min_size=1, max_size=12))
def test_stacked_segments_fill_the_bar_exactly_and_never_overflow(values: list[int]) -> None:
    chart = charts.stacked_bar("t", "d", [str(n) for n in range(len(values))], values)
    if sum(values) == 0:
        assert chart.segments == []
        return
    assert chart.segments[0].x == charts.RIGHT
    for left, right in zip(chart.segments, chart.segments[1:]):
        assert left.x + left.width == right.x
    last = chart.segments[-1]
    assert last.x + last.width == chart.width - charts.RIGHT


def test_one_label_is_needed_per_value() -> None:
    for make in (charts.bar_chart, charts.line_chart, charts.stacked_bar):
        try:
            make("t", "d", ["a"], [1, 2])
        except ValueError as error:
            assert "one label per value" in str(error)
        else:
            raise AssertionError(f"{make.__name__} accepted two values for one label")


def test_gridlines_sit_where_a_bar_of_their_value_ends_and_never_repeat_a_label() -> None:
    chart = charts.bar_chart("t", "d", ["a", "b"], [3, 2])
    assert [t.text for t in chart.ticks] == ["0", "1", "2", "3"]
    tick_of = {t.text: t.y for t in chart.ticks}
    assert tick_of["3"] == chart.bars[0].y and tick_of["2"] == chart.bars[1].y


def test_labels_are_shortened_to_what_fits_under_a_bar() -> None:
    few = charts.bar_chart("t", "d", ["a", "b"], [1, 2])
    many = charts.bar_chart("t", "d", [str(n) for n in range(20)], list(range(20)))
    assert few.label_chars > many.label_chars >= 3
