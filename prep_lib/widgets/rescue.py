"""Rescuing a damaged interview log without code: salvage it, or restore one of its backups.

``build_rescue_panel(path)`` returns a ``RescuePanel``. **Salvage the log** copies every entry
that can still be read into a new log; **Restore this backup** loads the chosen backup (every
value checked first) into a new log. Either way the damaged file is kept, renamed beside the new
one, and the new log takes its name, so the notebooks open it as before once run again.

In notebook 03 the panel appears by itself: ``with rescue_if_damaged():`` around opening the log
shows it when the log is damaged, and the log panel shows it when damage turns up later.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets
from IPython.display import display

from prep_lib.log import DamagedLogError, InterviewLog, put_in_place
from prep_lib.log.backups import list_backups
from prep_lib.text import html_text
from prep_lib.widgets.common import Panel, fit, guarded, message_label, show_ok

RESCUE_CLASS = "prep-rescue"
_WIDE = widgets.Layout(width="min(46em, 95%)")


@dataclass(eq=False)
class RescuePanel(Panel):
    """What is wrong, a button to salvage the log, and its backups to restore one."""

    path: Path
    explanation: widgets.HTML
    salvage_button: widgets.Button
    backups: widgets.Dropdown
    restore_button: widgets.Button
    message: widgets.HTML

    def salvage(self) -> None:
        """Copy what can be read into a new log and put it in the damaged one's place."""

        said: list[str] = []

        def rescue() -> None:
            report = InterviewLog.salvage(self.path)
            kept = put_in_place(report.path, self.path)
            said.append(f"{report.summary()} The damaged file is kept as {kept.name}.")

        if guarded(self.message, rescue):
            self._done(said[0])

    def restore(self) -> None:
        """Restore the chosen backup into a new log and put it in the damaged one's place."""
        backup = self.backups.value

        said: list[str] = []

        def rescue() -> None:
            if backup is None:
                raise DamagedLogError(self.path, "and it has no backup to restore yet")
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            new = self.path.with_name(f"{self.path.stem}-restored-{stamp}.sqlite")
            InterviewLog.restore(backup, new).close()
            kept = put_in_place(new, self.path)
            said.append(f"Restored {backup.name}. The damaged file is kept as {kept.name}.")

        if guarded(self.message, rescue):
            self._done(said[0])

    def _done(self, what: str) -> None:
        self.salvage_button.disabled = self.restore_button.disabled = True
        show_ok(
            self.message, f"{what} Reload the page (in a notebook: Run ▸ Run All Cells) to go on."
        )


def build_rescue_panel(path: str | Path, problem: str = "") -> RescuePanel:
    """The rescue panel for the damaged log at ``path``; ``problem`` says what was found."""
    log_path = Path(path)
    found = list_backups(log_path)
    what = f"{log_path} is damaged" + (f" ({problem})" if problem else "")
    explanation = widgets.HTML(
        f"<h3>Your interview log needs rescuing</h3><p>{html_text(what)}.</p>"
        "<p>Nothing more is written to the damaged file. <b>Salvage the log</b> copies every "
        "entry that can still be read into a new log; or pick a backup and restore it. The "
        "damaged file is kept either way.</p>"
    )
    salvage_button = widgets.Button(
        description="Salvage the log", button_style="warning", layout=fit()
    )
    options: list[tuple[str, Path | None]] = [(_label(backup), backup) for backup in found]
    backups = widgets.Dropdown(
        description="Backup",
        options=options or [("no backup yet", None)],
        style={"description_width": "6em"},
        layout=_WIDE,
    )
    restore_button = widgets.Button(
        description="Restore this backup", disabled=not found, layout=fit()
    )
    message = message_label()
    panel = RescuePanel(
        widget=widgets.VBox(
            [
                explanation,
                widgets.HBox([salvage_button]),
                widgets.HBox([backups, restore_button]),
                message,
            ]
        ),
        path=log_path,
        explanation=explanation,
        salvage_button=salvage_button,
        backups=backups,
        restore_button=restore_button,
        message=message,
    )
    panel.widget.add_class(RESCUE_CLASS)
    salvage_button.on_click(lambda _b: panel.salvage())
    restore_button.on_click(lambda _b: panel.restore())
    return panel


@contextmanager
def rescue_if_damaged() -> Iterator[None]:
    """Around opening the log in a notebook: when the log is damaged, show the rescue panel
    (then let the error stop the notebook, with its message saying what to do)."""
    try:
        yield
    except DamagedLogError as error:
        display(build_rescue_panel(error.path, error.problem))  # type: ignore[no-untyped-call]
        raise DamagedLogError(error.path, error.problem) from None  # the short traceback


def _label(backup: Path) -> str:
    made = dt.datetime.fromtimestamp(backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    return f"{made} · {backup.name} ({backup.stat().st_size / 1000:.0f} kB)"
