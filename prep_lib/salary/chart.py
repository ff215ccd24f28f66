"""The chart: every source as a bar on one yearly scale, with the ask and current pay.

All bars of a kind are one collection (one artist), so a chart of 10,000 sources draws in well
under a second (``benchmarks/bench_salary.py`` measures it against bare Matplotlib).
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from prep_lib.errors import SalaryDataError
from prep_lib.salary.ask import Ask, checked_amount, current_pay, posting_bounds, row_spans
from prep_lib.salary.pay import format_money
from prep_lib.salary.table import check_table

KIND_COLORS = {
    "government": "#1f5f8b",
    "salary site": "#2a9d8f",
    "recruiter": "#e07b39",
    "posting": "#8e5ea2",
    "offer": "#c0392b",
    "peer": "#7f8c3a",
    "other": "#7f7f7f",
}
THIN, THICK = 0.14, 0.5  # bar heights, in rows
MOST_LABELS = 120


def plot_ranges(
    frame: pd.DataFrame,
    *,
    ask: Ask | None = None,
    current: float | None = None,
    posting_range: tuple[float, float] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw one horizontal bar per source, sorted by its middle figure, and return the Axes.

    Thin bar: low to high (p10–p90 in wage tables); thick bar: p25 to p75; tick: median; a
    dot for a single figure. The ask is a shaded band with a dashed line at its target; current
    pay (``current``, else the table's "current pay" row) a solid line; the posting's own range
    a hatched band. Rows are labelled with source and date (the labels thin out when there are
    too many to read), the money axis reads like $85K, and colours show the kind of source.
    The table, the ask, current pay and the posting's range are checked first, as
    ``recommend_ask`` checks them: bad figures are refused with a clear error, never drawn.
    """
    frame = check_table(frame, use="draw the chart")
    ask = _checked_ask(ask)
    current = current_pay(frame) if current is None else checked_amount(current, "Current pay")
    posting = None if posting_range is None else posting_bounds(posting_range)
    rows = frame[frame["source_kind"] != "current pay"]
    if rows.empty:
        raise SalaryDataError("There are no figures to draw; add some or widen the filters.")
    _, centre, _ = row_spans(rows)
    order = np.argsort(centre, kind="stable")
    rows, centre = rows.iloc[order], centre[order]
    n = len(rows)
    if ax is None:
        _, ax = plt.subplots(figsize=(9, min(2 + 0.32 * n, 40)), layout="constrained")
    y = np.arange(n, dtype=float)
    colors = rows["source_kind"].map(KIND_COLORS).fillna(KIND_COLORS["other"]).to_numpy(str)
    median = rows["median"].to_numpy(float)
    outer_low = rows["low"].fillna(rows["p25"]).fillna(rows["median"]).to_numpy(float)
    outer_high = rows["high"].fillna(rows["p75"]).fillna(rows["median"]).to_numpy(float)
    outer_low, outer_high = np.fmin(outer_low, outer_high), np.fmax(outer_low, outer_high)
    spans = (outer_high > outer_low) & (rows["low"].notna() | rows["high"].notna()).to_numpy()
    p25, p75 = rows["p25"].to_numpy(float), rows["p75"].to_numpy(float)
    quartiles = ~np.isnan(p25) & ~np.isnan(p75)
    _bars(ax, outer_low[spans], outer_high[spans], y[spans], THIN, colors[spans], "_thin")
    _bars(ax, p25[quartiles], p75[quartiles], y[quartiles], THICK, colors[quartiles], "_thick")
    ticks = ~np.isnan(median) & (spans | quartiles)
    ax.scatter(
        median[ticks], y[ticks], marker="|", s=220, linewidths=2.5, color="black", zorder=3,
        label="_median",
    )  # fmt: skip
    points = ~spans & ~quartiles
    ax.scatter(
        centre[points], y[points], s=45, color=colors[points], zorder=3, edgecolors="black",
        linewidths=0.6, label="_point",
    )  # fmt: skip
    top = rows["top_coded"].to_numpy(bool)
    ax.scatter(outer_high[top], y[top], marker=">", s=40, color="black", zorder=3, label="_top")
    handles = _marks(ax, rows, ask=ask, current=current, posting=posting, top=bool(top.any()))
    _label_rows(ax, rows, n)
    currency = str(rows["currency"].iloc[0])
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_money(v, currency, short=True)))
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6))
    ax.set_xlabel(f"Annual pay ({currency})")
    ax.set_title(f"Pay by source ({n} source{'s' if n > 1 else ''})")
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    ax.autoscale_view()
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return ax


def _checked_ask(ask: object) -> Ask | None:
    if ask is None:
        return None
    if not isinstance(ask, Ask):
        raise SalaryDataError(f"The ask must come from recommend_ask, not {type(ask).__name__}.")
    low, target, high = (checked_amount(v, "The ask") for v in (ask.low, ask.target, ask.high))
    if not low <= target <= high:
        raise SalaryDataError("The ask's range must run low, target, high; recommend it again.")
    return ask


def _bars(
    ax: Axes, left: np.ndarray, right: np.ndarray, y: np.ndarray, height: float,
    colors: np.ndarray, label: str,
) -> None:  # fmt: skip
    """Rectangles from ``left`` to ``right`` centred on ``y``: one collection for them all."""
    bottom, top = y - height / 2, y + height / 2
    corners = np.stack(
        [np.column_stack(p) for p in ((left, bottom), (left, top), (right, top), (right, bottom))],
        axis=1,
    )
    bars = PolyCollection(list(corners), facecolors=list(colors), edgecolors="none", label=label)
    ax.add_collection(bars, autolim=True)


def _marks(
    ax: Axes,
    rows: pd.DataFrame,
    *,
    ask: Ask | None,
    current: float | None,
    posting: tuple[float, float] | None,
    top: bool,
) -> list[Artist]:
    """The ask, current pay and the posting's range on the chart; the legend's entries."""
    handles: list[Artist] = [
        Patch(color=KIND_COLORS.get(kind, KIND_COLORS["other"]), label=kind)
        for kind in dict.fromkeys(rows["source_kind"])
    ]
    if posting is not None:
        handles.append(
            ax.axvspan(
                *posting, facecolor="none", edgecolor="#8e5ea2", hatch="//", alpha=0.35,
                label="posting's range",
            )
        )  # fmt: skip
    if ask is not None:
        handles.append(ax.axvspan(ask.low, ask.high, color="#f4a261", alpha=0.3, label="ask"))
        ax.axvline(ask.target, color="#d1495b", linestyle="--", linewidth=1.5, label="_target")
        handles.append(Line2D([], [], color="#d1495b", linestyle="--", label="ask target"))
    if current is not None:
        handles.append(ax.axvline(current, color="black", linewidth=1.5, label="current pay"))
    if top:
        handles.append(Line2D([], [], marker=">", color="black", linestyle="", label="at least"))
    return handles


def _label_rows(ax: Axes, rows: pd.DataFrame, n: int) -> None:
    """Source and date on each row; only every k-th row when the Axes is too short for all
    (at most ``MOST_LABELS``: past that, labels are too many to read)."""
    height_points = ax.bbox.height * 72 / ax.figure.dpi
    step = max(1, math.ceil(n * 10 / max(height_points, 1)), math.ceil(n / MOST_LABELS))
    shown = rows.iloc[::step]
    dates = shown["collected_on"].dt.strftime(" · %b %Y").fillna("")
    labels = [s[:60] + d for s, d in zip(shown["source"], dates, strict=True)]
    ax.set_yticks(np.arange(0, n, step), labels, fontsize=8, parse_math=False)
    ax.set_ylim(-0.7, n - 0.3)
