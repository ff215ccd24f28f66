"""plot_ranges draws one bar per source; checked by what was drawn, not by pixels."""

import subprocess
import sys

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PathCollection, PolyCollection
from test_salary_ask import BAD_TABLES

from prep_lib.errors import SalaryDataError
from prep_lib.paths import sample_path
from prep_lib.salary import Ask, load_research, plot_ranges, summarize


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return load_research(sample_path("salary_research.csv"))


def bars(ax) -> tuple[list, list]:
    """The thin and the thick bars, each as (left, right, height) per bar."""
    found = {c.get_label(): c for c in ax.collections if isinstance(c, PolyCollection)}
    spans = []
    for name in ("_thin", "_thick"):
        corners = [p.vertices for p in found[name].get_paths()]
        spans.append(
            [(v[:, 0].min(), v[:, 0].max(), v[:, 1].max() - v[:, 1].min()) for v in corners]
        )
    return spans[0], spans[1]


def test_one_row_per_source_sorted_and_labelled(sample):
    ax = plot_ranges(sample)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 11  # twelve rows, one of them current pay (a line, not a bar)
    assert "WageView · Nov 2026" in labels
    assert not any("My current pay" in label for label in labels)
    thin, thick = bars(ax)
    assert len(thin) == 8  # sources with a low and a high
    assert len(thick) == 5  # sources with p25 and p75: three BLS rows, PayCompass, the survey
    middles = [(left + right) / 2 for left, right, _ in thick]
    assert middles[0] < middles[-1]
    assert len([c for c in ax.collections if isinstance(c, PolyCollection)]) == 2  # one per kind
    assert ax.get_title() == "Pay by source (11 sources)"


def test_quartile_bars_span_p25_to_p75(sample):
    ax = plot_ranges(sample[sample["source"] == "PayCompass"])
    thin, thick = bars(ax)
    assert len(thin) == 0
    ((left, right, height),) = thick
    assert (left, right) == (71_000, 93_000)
    assert height > 0.3  # the thick bar


def test_single_figures_are_dots_and_medians_ticks(sample):
    ax = plot_ranges(sample)
    dots = [
        c for c in ax.collections if isinstance(c, PathCollection) and c.get_label() == "_point"
    ]
    assert len(dots[0].get_offsets()) == 1  # the former colleague's monthly figure
    assert dots[0].get_offsets()[0][0] == 7300 * 12
    ticks = next(c for c in ax.collections if c.get_label() == "_median")
    assert len(ticks.get_offsets()) == 5


def test_ask_band_current_line_and_posting_range(sample):
    ask = Ask(85_000, 87_500, 90_000, "because")
    ax = plot_ranges(sample, ask=ask, posting_range=(76_000, 94_000))
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert {"ask", "ask target", "current pay", "posting's range", "government"} <= set(legend)
    band = next(p for p in ax.patches if p.get_label() == "ask")
    assert (band.get_x(), band.get_x() + band.get_width()) == (85_000, 90_000)
    current = next(line for line in ax.lines if line.get_label() == "current pay")
    assert current.get_xdata()[0] == 71_500
    posting = next(p for p in ax.patches if p.get_label() == "posting's range")
    assert posting.get_hatch() == "//"


def test_money_axis_reads_like_dollars(sample):
    ax = plot_ranges(sample)
    ax.figure.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert all(t.startswith("$") and t.endswith("K") for t in ticks), ticks
    assert ax.get_xlabel() == "Annual pay (USD)"


def test_dollar_signs_and_html_in_names_are_drawn_as_text():
    table = load_research(
        pd.DataFrame(
            {
                "source": ["$53K-$91K <script>alert(1)</script>"],
                "median": [70_000],
                "currency": ["USD"],
                "period": ["annual"],
            }
        )
    )
    ax = plot_ranges(table)
    ax.figure.canvas.draw()
    (label,) = ax.get_yticklabels()
    assert label.get_text() == "$53K-$91K <script>alert(1)</script>"
    assert not label.get_parse_math()  # else "$53K-$" would be typeset as mathematics


def test_top_coded_highs_are_marked():
    table = load_research(
        pd.DataFrame(
            {
                "source": ["BLS"],
                "low": [80_000],
                "high": [239_200],
                "currency": ["USD"],
                "period": ["annual"],
                "top_coded": ["true"],
            }
        )
    )
    ax = plot_ranges(table)
    marker = next(c for c in ax.collections if c.get_label() == "_top")
    assert marker.get_offsets()[0][0] == 239_200
    assert "at least" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_readable_with_many_sources():
    many = pd.DataFrame(
        {
            "source": [f"Source {i}" for i in range(35)],
            "low": [60_000 + i * 500 for i in range(35)],
            "high": [90_000 + i * 500 for i in range(35)],
            "currency": "USD",
            "period": "annual",
        }
    )
    ax = plot_ranges(load_research(many))
    assert len(ax.get_yticklabels()) == 35
    assert ax.figure.get_figheight() >= 35 * 0.3
    huge = pd.concat([many] * 30, ignore_index=True)
    ax = plot_ranges(load_research(huge))
    shown = len(ax.get_yticklabels())
    assert 30 < shown < len(huge)  # thinned so that labels do not overlap


def test_draws_on_a_given_axes_and_leaves_style_alone(sample):
    before = dict(plt.rcParams)
    _, ax = plt.subplots()
    assert plot_ranges(sample, ax=ax) is ax
    assert dict(plt.rcParams) == before


def test_nothing_to_draw_is_an_error(sample):
    with pytest.raises(SalaryDataError, match="no figures to draw"):
        plot_ranges(sample[sample["source_kind"] == "current pay"])


@pytest.mark.parametrize("module", ["prep_lib.salary", "prep_lib.salary.ask"])
def test_matplotlib_loads_only_with_the_chart(module):
    code = (
        f"import sys, {module}\n"
        "before = any(m.startswith('matplotlib') for m in sys.modules)\n"
        "from prep_lib.salary import plot_ranges\n"
        "print(before, any(m.startswith('matplotlib') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split() == ["False", "True"], result.stderr


@pytest.mark.parametrize(("table", "message"), BAD_TABLES)
def test_the_chart_refuses_bad_tables_as_the_ask_does(table, message):
    with pytest.raises(SalaryDataError, match=message):
        plot_ranges(table)
    assert not plt.get_fignums()  # nothing half-drawn


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"current": -5}, "Current pay must be an amount above zero"),
        ({"current": float("inf")}, "Current pay must be an amount above zero"),
        ({"ask": Ask(float("nan"), 1, 2, "x")}, "The ask must be an amount above zero"),
        ({"ask": Ask(90_000, 80_000, 95_000, "x")}, "low, target, high"),
        ({"ask": (80_000, 85_000, 90_000)}, "must come from recommend_ask"),
        ({"posting_range": (94_000, 76_000)}, "two amounts, low then high"),
        ({"posting_range": (0, float("inf"))}, "two amounts, low then high"),
    ],
)
def test_the_chart_refuses_bad_marks(sample, options, message):
    with pytest.raises(SalaryDataError, match=message):
        plot_ranges(sample, **options)


def test_ten_thousand_ranges_are_one_collection_per_kind_of_bar():
    n = 10_000
    table = load_research(
        pd.DataFrame(
            {
                "source": [f"Source {i}" for i in range(n)],
                "low": 60_000 + np.arange(n),
                "p25": 65_000 + np.arange(n),
                "p75": 85_000 + np.arange(n),
                "high": 90_000 + np.arange(n),
                "currency": "USD",
                "period": "annual",
            }
        )
    )
    ax = plot_ranges(table)
    thin, thick = bars(ax)
    assert len(thin) == len(thick) == n
    assert len(ax.patches) == 0 and len(ax.collections) <= 6  # no artist per bar
    assert len(ax.get_yticklabels()) <= 120


def test_a_source_with_only_one_percentile_is_drawn_and_counted():
    """Washington publishes only the 25th percentile of its best-paid jobs: a dot, not nothing."""
    table = load_research(
        pd.DataFrame(
            {
                "source": ["WA 11-1011", "WA 11-9111"],
                "p25": [82.20, 47.28],
                "median": [None, 60.50],
                "p75": [None, 78.26],
                "currency": "USD",
                "period": "hourly",
            }
        )
    )
    ax = plot_ranges(table)
    (dot,) = [c for c in ax.collections if c.get_label() == "_point"]
    assert [x for x, _ in dot.get_offsets()] == [pytest.approx(82.20 * 2080)]
    summary = summarize(table)
    assert not np.isnan([summary.low, summary.median, summary.high]).any()
