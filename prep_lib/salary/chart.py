"""The chart: every source as a bar on one yearly scale, with the ask and current pay."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from prep_lib.errors import SalaryDataError
from prep_lib.salary.ask import Ask, current_pay, row_spans
from prep_lib.salary.pay import format_money

KIND_COLORS = {
    "government": "#1f5f8b",
    "salary site": "#2a9d8f",
    "recruiter": "#e07b39",
    "posting": "#8e5ea2",
    "offer": "#c0392b",
    "peer": "#7f8c3a",
    "other": "#7f7f7f",
}


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
    """
    current = current_pay(frame) if current is None else current
    rows = frame[frame["source_kind"] != "current pay"]
    if rows.empty:
        raise SalaryDataError("There are no figures to draw; add some or widen the filters.")
    _, centre, _ = row_spans(rows)
    order = np.argsort(centre, kind="stable")
    rows, centre = rows.iloc[order], centre[order]
    n = len(rows)
    if ax is None:
        _, ax = plt.subplots(figsize=(9, min(2 + 0.32 * n, 40)), layout="constrained")
    y = np.arange(n)
    colors = [KIND_COLORS.get(k, KIND_COLORS["other"]) for k in rows["source_kind"]]
    outer_low = rows["low"].fillna(rows["p25"]).fillna(rows["median"]).to_numpy(float)
    outer_high = rows["high"].fillna(rows["p75"]).fillna(rows["median"]).to_numpy(float)
    spans = (outer_high > outer_low) & (rows["low"].notna() | rows["high"].notna()).to_numpy()
    ax.barh(
        y[spans],
        (outer_high - outer_low)[spans],
        left=outer_low[spans],
        height=0.14,
        color=np.array(colors)[spans],
        label="_thin",
    )
    quartiles = rows["p25"].notna().to_numpy() & rows["p75"].notna().to_numpy()
    p25, p75 = rows["p25"].to_numpy(float), rows["p75"].to_numpy(float)
    ax.barh(
        y[quartiles],
        (p75 - p25)[quartiles],
        left=p25[quartiles],
        height=0.5,
        color=np.array(colors)[quartiles],
        label="_thick",
    )
    medians = rows["median"].to_numpy(float)
    ticks = ~np.isnan(medians) & (spans | quartiles)
    ax.scatter(
        medians[ticks],
        y[ticks],
        marker="|",
        s=220,
        linewidths=2.5,
        color="black",
        zorder=3,
        label="_median",
    )
    points = ~spans & ~quartiles
    ax.scatter(
        centre[points],
        y[points],
        s=45,
        color=np.array(colors)[points],
        zorder=3,
        edgecolors="black",
        linewidths=0.6,
        label="_point",
    )
    top = rows["top_coded"].to_numpy(bool)
    ax.scatter(outer_high[top], y[top], marker=">", s=40, color="black", zorder=3, label="_top")
    handles: list[Artist] = [
        Patch(color=KIND_COLORS.get(kind, KIND_COLORS["other"]), label=kind)
        for kind in dict.fromkeys(rows["source_kind"])
    ]
    if posting_range is not None:
        handles.append(
            ax.axvspan(
                *posting_range,
                facecolor="none",
                edgecolor="#8e5ea2",
                hatch="//",
                alpha=0.35,
                label="posting's range",
            )
        )
    if ask is not None:
        handles.append(ax.axvspan(ask.low, ask.high, color="#f4a261", alpha=0.3, label="ask"))
        ax.axvline(ask.target, color="#d1495b", linestyle="--", linewidth=1.5, label="_target")
        handles.append(Line2D([], [], color="#d1495b", linestyle="--", label="ask target"))
    if current is not None:
        handles.append(ax.axvline(current, color="black", linewidth=1.5, label="current pay"))
    if top.any():
        handles.append(Line2D([], [], marker=">", color="black", linestyle="", label="at least"))
    _label_rows(ax, rows, n)
    currency = str(rows["currency"].iloc[0])
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_money(v, currency, short=True)))
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6))
    ax.set_xlabel(f"Annual pay ({currency})")
    ax.set_title(f"Pay by source ({n} source{'s' if n > 1 else ''})")
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return ax


def _label_rows(ax: Axes, rows: pd.DataFrame, n: int) -> None:
    """Source and date on each row; only every k-th row when the Axes is too short for all."""
    dates = rows["collected_on"].dt.strftime(" · %b %Y").fillna("")
    labels = [s[:60] + d for s, d in zip(rows["source"], dates, strict=True)]
    height_points = ax.bbox.height * 72 / ax.figure.dpi
    step = max(1, math.ceil(n * 10 / max(height_points, 1)))
    ax.set_yticks(np.arange(0, n, step), labels[::step], fontsize=8, parse_math=False)
    ax.set_ylim(-0.7, n - 0.3)
