"""The scan history under the compare panel (notebook 01): each Compare of a changed resume is
kept, so the score and the missing terms can be seen changing as the resume is edited.

``build_scan_history(log, application_id)`` returns a ``ScanHistoryPanel``: a name for the next
version kept, a table (one row per comparison: when, the version, its score, the change, the
terms it newly proves and newly misses) and a small chart of the score and the number of missing
terms, and a picker to delete a comparison kept by mistake (with undo). ``keep(report, resume,
posting)`` is what the panel's Compare button calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import ipywidgets as widgets

from prep_lib.log import InterviewLog
from prep_lib.scan_history import ScanHistory
from prep_lib.text import html_text
from prep_lib.widgets.common import Panel, figure_image, guarded, render, show_ok
from prep_lib.widgets.forms import (
    NEW,
    DeleteControl,
    Deletion,
    build_delete_control,
    dropdown,
    log_deletion,
    set_options,
    text,
)

if TYPE_CHECKING:
    from prep_lib.matching import MatchReport

MOST_ROWS = 30  # the newest comparisons shown in the table; the chart shows them all


@dataclass(eq=False)
class ScanHistoryPanel(Panel):
    """The kept comparisons of one application: ``label`` names the next one, ``table`` and
        ``chart`` show them, ``entry`` and ``delete`` remove one. ``seen`` is the last result
    offered to ``keep`` (a Compare that failed leaves it, and nothing is kept)."""

    log: InterviewLog
    application_id: int
    label: widgets.Text
    message: widgets.HTML
    table: widgets.HTML
    chart: widgets.Output
    entry: widgets.Dropdown
    delete: DeleteControl
    seen: MatchReport | None = None

    def keep(self, report: MatchReport | None, *, resume: str, posting: str) -> None:
        """Keep the comparison just made, under the name typed (else "version N"); nothing new
        when the result is the one seen before (the Compare failed), or when the texts and the
        result are those of the last comparison kept."""
        if report is None or report is self.seen:
            return
        self.seen = report
        label = (
            self.label.value.strip() or f"version {len(self.log.scans(self.application_id)) + 1}"
        )
        kept: list[int | None] = []

        def record() -> None:
            kept.append(
                self.log.record_scan(
                    self.application_id,
                    resume=resume,
                    posting=posting,
                    score=report.score,
                    missing=report.missing,
                    label=label,
                )
            )

        if not guarded(self.message, record):
            return
        if kept[0] is None:
            self.message.value = "<small>The same as the last comparison kept.</small>"
            return
        self.label.value = ""
        show_ok(self.message, f"Kept this comparison as “{label}”.")
        self.refresh()

    def refresh(self) -> None:
        """Show the kept comparisons again (table, chart, picker)."""
        scans = self.log.scans(self.application_id)
        history = ScanHistory(scans)
        set_options(
            self.entry,
            [(f"{row['scanned_at'][:16]} · {row['resume_label']}", int(row["id"]))
             for row in scans.to_dict("records")][::-1],
        )  # fmt: skip
        self.delete.widget.layout.display = "flex" if len(scans) else "none"
        if not len(history):
            self.table.value = (
                "<p>No comparison kept yet. Each time you press <b>Compare</b> with a changed "
                "resume (or posting), its score and missing terms are kept here.</p>"
            )
            render(self.chart)
            return
        self.table.value = _table_html(history)
        import matplotlib.pyplot as plt

        figure, (score_ax, missing_ax) = plt.subplots(1, 2, figsize=(9, 2.6), layout="constrained")
        history.plot(ax=score_ax)
        history.plot_missing(ax=missing_ax)
        render(self.chart, figure_image(figure))


def build_scan_history(log: InterviewLog, application_id: int) -> ScanHistoryPanel:
    """The scan history of one application (not displayed)."""
    entry = dropdown("Comparison")
    panel = ScanHistoryPanel(
        widget=widgets.VBox(),
        log=log,
        application_id=application_id,
        label=text("Name this version", "optional, e.g. tailored for Acme"),
        message=widgets.HTML(),
        table=widgets.HTML(),
        chart=widgets.Output(),
        entry=entry,
        delete=build_delete_control(lambda: None),
    )

    def prepare() -> Deletion | None:
        chosen = panel.entry.value
        return None if chosen in (None, NEW) else log_deletion(log, "scan", int(chosen))

    panel.delete = build_delete_control(prepare, after=panel.refresh, label="Delete this one…")
    panel.table.add_class("prep-scan-history")
    panel.widget.children = [
        widgets.HTML(
            "<h3>Your resume versions</h3><small>Each Compare of a changed resume is kept here: "
            "the score and the missing terms, version by version.</small>"
        ),
        widgets.HBox([panel.label, panel.message]),
        panel.table,
        panel.chart,
        widgets.HBox([panel.entry, panel.delete.widget]),
    ]
    panel.refresh()
    return panel


def _table_html(history: ScanHistory) -> str:
    table = history.table().tail(MOST_ROWS)
    head = "".join(
        f"<th style='text-align:left'>{html_text(c)}</th>"
        for c in ("when", "version", "score", "change", "now proven", "newly missing", "missing")
    )
    rows = []
    for row in table.to_dict("records"):
        change = row["change"]
        shown = "" if change is None or change != change else f"{change:+.1f} points"
        cells = (row["when"], row["resume"], f"{row['score']:.0%}", shown, row["now proven"],
                 row["newly missing"], str(row["missing"]))  # fmt: skip
        rows.append(
            "<tr>" + "".join(f"<td style='text-align:left'>{html_text(c)}</td>" for c in cells)
            + "</tr>"
        )  # fmt: skip
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
