"""The scan history under the compare panel (notebook 01): each Compare of a changed resume is
kept, so the score and the missing terms can be seen changing as the resume is edited.

``build_scan_history(log, application_id)`` returns a ``ScanHistoryPanel``: a name for the next
version kept; a table, one row per comparison (when, the version, its score and the number of
terms it misses, each drawn as a bar so the table reads as a small chart, the change, the terms
it newly proves and newly misses); and a picker to delete a comparison kept by mistake (with
undo). ``keep(report, resume=..., posting=...)`` is what the panel's Compare button calls. The
bars are HTML, so the panel costs no plotting (``ScanHistory.plot`` draws the same in
Matplotlib, from Python).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import ipywidgets as widgets

from prep_lib.log import InterviewLog
from prep_lib.scan_history import ScanHistory
from prep_lib.text import html_text
from prep_lib.widgets.common import Panel, guarded, show_ok
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

MOST_ROWS = 30  # the newest comparisons shown
BAR_EM = 8  # the length of a full bar (a score of 100%, the most terms missing)
SCORE_COLOUR, MISSING_COLOUR = "#1f5f8b", "#c0504d"


@dataclass(eq=False)
class ScanHistoryPanel(Panel):
    """The kept comparisons of one application: ``label`` names the next one, ``table`` shows
    them, ``entry`` and ``delete`` remove one. ``seen`` is the last result
    offered to ``keep`` (a Compare that failed leaves it, and nothing is kept)."""

    log: InterviewLog
    application_id: int
    label: widgets.Text
    message: widgets.HTML
    table: widgets.HTML
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
        """Show the kept comparisons again (the table and the picker)."""
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
            return
        self.table.value = _table_html(history)


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
        entry=entry,
        delete=build_delete_control(lambda: None),
    )

    def prepare() -> Deletion | None:
        chosen = panel.entry.value
        return None if chosen in (None, NEW) else log_deletion(log, "scan", int(chosen))

    panel.delete = build_delete_control(prepare, after=panel.refresh, label="Delete this one…")
    panel.widget.add_class("prep-scans")
    panel.table.add_class("prep-scan-history")
    panel.widget.children = [
        widgets.HTML(
            "<h3>Your resume versions</h3><small>Each Compare of a changed resume is kept here: "
            "the score and the missing terms, version by version.</small>"
        ),
        widgets.HBox([panel.label, panel.message]),
        panel.table,
        widgets.HBox([panel.entry, panel.delete.widget]),
    ]
    panel.refresh()
    return panel


def _table_html(history: ScanHistory) -> str:
    """The comparisons as a table whose score and missing columns are bars (every text
    escaped)."""
    table = history.table().tail(MOST_ROWS)
    most_missing = max([*table["missing"], 1])
    left = "style='text-align:left'"
    nowrap = "style='text-align:left;white-space:nowrap'"  # a date, a bar and its figure
    head = "".join(
        f"<th {left}>{html_text(c)}</th>"
        for c in (
            "when",
            "version",
            "score",
            "key terms missing",
            "change",
            "now proven",
            "newly missing",
        )
    )
    rows = []
    for row in table.to_dict("records"):
        change = row["change"]
        shown = "" if change is None or change != change else f"{change:+.1f} points"
        cells = [
            html_text(row["when"]),
            html_text(row["resume"]),
            _bar(row["score"], f"{row['score']:.0%}", SCORE_COLOUR),
            _bar(row["missing"] / most_missing, str(row["missing"]), MISSING_COLOUR),
            html_text(shown),
            html_text(row["now proven"]),
            html_text(row["newly missing"]),
        ]
        rows.append(
            "<tr>"
            + "".join(
                f"<td {nowrap if n in (0, 2, 3, 4) else left}>{cell}</td>"
                for n, cell in enumerate(cells)
            )
            + "</tr>"
        )
    return (
        f"<table class='prep-scan-table'><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _bar(share: float, label: str, colour: str) -> str:
    """A bar of ``share`` (0–1) of BAR_EM, with its figure after it."""
    width = round(BAR_EM * min(max(share, 0.0), 1.0), 2)
    return (
        f"<span class='prep-bar' style='display:inline-block;width:{width}em;height:0.8em;"
        f"background:{colour};vertical-align:middle'></span> {html_text(label)}"
    )
