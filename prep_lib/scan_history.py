"""The scan history: how the match score and the missing terms changed as you edited the resume.

``ScanHistory(log.scans(application_id))`` reads the comparisons the log kept (one per Compare,
see ``InterviewLog.record_scan``). ``table()`` lists them with the change in score and the terms
each version newly proves or newly misses; ``plot(ax=None)`` draws the score over the versions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from matplotlib.axes import Axes

COLUMNS = ("when", "resume", "score", "change", "now proven", "newly missing", "missing")


@dataclass(frozen=True)
class ScanHistory:
    """The kept comparisons of one application (rows of ``InterviewLog.scans``)."""

    scans: pd.DataFrame

    def __len__(self) -> int:
        return len(self.scans)

    def table(self) -> pd.DataFrame:
        """One row per comparison, oldest first: when, resume (its label), score (0–1),
        change (points since the one before), now proven and newly missing (terms, compared
        with the one before; a changed posting starts afresh), missing (how many)."""
        rows: list[dict[str, object]] = []
        last_posting, last_score, before = "", 0.0, list[str]()
        for scan in self.scans.to_dict("records"):
            missing, score = list(scan["missing"]), float(scan["score"])
            same = bool(rows) and scan["posting_hash"] == last_posting
            before = before if same else []
            rows.append(
                {
                    "when": str(scan["scanned_at"])[:16],
                    "resume": str(scan["resume_label"]),
                    "score": score,
                    "change": round(100 * (score - last_score), 1) if same else None,
                    "now proven": ", ".join(t for t in before if t not in missing),
                    "newly missing": ", ".join(t for t in missing if t not in before)
                    if same
                    else "",
                    "missing": len(missing),
                }
            )
            last_posting, last_score, before = str(scan["posting_hash"]), score, missing
        return pd.DataFrame(rows, columns=list(COLUMNS))

    def plot(self, ax: Axes | None = None) -> Axes:
        """The score of each kept comparison, in order, labelled with the resume version;
        returns the Axes."""
        import matplotlib.pyplot as plt
        from matplotlib.ticker import PercentFormatter

        if ax is None:
            _, ax = plt.subplots(figsize=(7, 2.8), layout="constrained")
        table = self.table()
        x = list(range(len(table)))
        ax.plot(x, 100 * table["score"], marker="o", color="#1f5f8b")
        for n, score in enumerate(table["score"]):
            ax.annotate(f"{score:.0%}", (n, 100 * score), textcoords="offset points",
                        xytext=(0, 7), ha="center", fontsize=8)  # fmt: skip
        _version_ticks(ax, table)
        ax.yaxis.set_major_formatter(PercentFormatter())
        top = max([*(100 * table["score"]), 10.0])
        ax.set_ylim(0, min(100, top * 1.3))
        ax.set_ylabel("match score")
        ax.set_title("Match score of each resume version")
        ax.grid(axis="y", alpha=0.3)
        return ax


def _version_ticks(ax: Axes, table: pd.DataFrame) -> None:
    """Each comparison's number and the start of its version's name under the x axis."""
    labels = [f"{n + 1}. {label[:18]}" for n, label in enumerate(table["resume"])]
    ax.set_xticks(range(len(table)), labels, rotation=20, ha="right", fontsize=8,
                  parse_math=False)  # fmt: skip
