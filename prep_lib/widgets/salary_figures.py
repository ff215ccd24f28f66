"""Correcting and deleting the figures of the user's research file from the salary panel.

The **Add a figure** tab starts with a **Figure** picker: "New figure" adds one; picking a
figure of the file (rows the panel leaves out because of a mistake included) fills the form
with it, the button saves the corrected figure in its place, and **Delete figure…** asks first
and can be undone. A copy of the file as it was is kept before every change
(``prep_lib.salary.replace_research_row``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from prep_lib import salary
from prep_lib.errors import SalaryDataError
from prep_lib.salary.pay import cell_period
from prep_lib.widgets.common import clear_message
from prep_lib.widgets.forms import DeleteControl, Deletion, build_delete_control
from prep_lib.widgets.salary_import import PERIOD_CHOICES

if TYPE_CHECKING:
    from prep_lib.widgets.salary import SalaryPanel

NEW_FIGURE = -1  # the picker's value for "add a new figure"


@dataclass(eq=False)
class FigurePicker:
    """The picker of the file's figures and the delete control beside it."""

    path: Path
    picker: widgets.Dropdown
    delete: DeleteControl

    @property
    def chosen(self) -> int | None:
        """The row of the file being corrected (0: the first figure), None for a new one."""
        value = self.picker.value
        return None if value in (None, NEW_FIGURE) else int(value)

    def refresh(self) -> None:
        """List the file's figures again; keep the chosen one when it is still there."""
        rows = salary.research_rows(self.path).to_dict("records")
        options = [("New figure", NEW_FIGURE)] + [
            (f"{label(row)} (row {n + 2})", n) for n, row in enumerate(rows)
        ]
        kept = self.picker.value
        self.picker.options = options
        self.picker.value = kept if kept in [v for _, v in options] else NEW_FIGURE


def build_figure_picker(
    path: Path, *, on_pick: Callable[[int | None], None], after: Callable[[], None]
) -> FigurePicker:
    """A picker of the figures in the research file at ``path``; ``on_pick`` hears which row
    was picked (None: a new figure), ``after`` runs after a delete or an undo."""
    picker = widgets.Dropdown(
        description="Figure",
        options=[("New figure", NEW_FIGURE)],
        value=NEW_FIGURE,
        style={"description_width": "8em"},
        layout=widgets.Layout(width="36em"),
    )
    figures: FigurePicker

    def prepare() -> Deletion | None:
        index = figures.chosen
        if index is None:
            return None
        row = salary.research_rows(path).iloc[index].to_dict()

        def perform() -> Callable[[], None]:
            removed = salary.replace_research_row(index, None, path=path)
            return lambda: salary.put_back_research_row(index, removed, path=path)

        what = f"the figure {label(row)}"
        return Deletion(what, f"Deletes {what} from your research file.", (), perform)

    def deleted() -> None:
        figures.refresh()
        after()

    delete = build_delete_control(prepare, after=deleted, label="Delete figure…")
    delete.note = "A copy of the file is kept first, and you can undo it right after."
    figures = FigurePicker(path=path, picker=picker, delete=delete)
    picker.observe(lambda change: on_pick(figures.chosen), names="value")
    figures.refresh()
    return figures


def fill_form(p: SalaryPanel, row: int | None) -> None:
    """Fill the form with a figure of the file to correct it, or empty it for a new one."""
    for label in (p.source_message, p.pay_message, p.experience_message, p.add_message):
        clear_message(label)
    p.figures.delete.cancel()
    p.figures.delete.widget.layout.display = "none" if row is None else "flex"
    p.add.description = "Add figure" if row is None else "Save changes"
    if row is None:
        ready_for_the_next(p)
        p.figure_title.value = p.figure_location.value = ""
        p.collected_on.value = None
        return
    values = form_values(salary.research_rows(p.research_path).iloc[row].to_dict())
    p.source_kind.value = (
        values["source_kind"] if values["source_kind"] in salary.SOURCE_KINDS else "salary site"
    )
    p.currency.value = values["currency"]
    p.period.value = (
        values["period"] if values["period"] in [v for _, v in PERIOD_CHOICES] else "annual"
    )
    for name in ("source", "pay", "notes", "experience", "collected_on", "weight"):
        getattr(p, name).value = values[name]
    p.figure_title.value, p.figure_location.value = (
        values["figure_title"],
        values["figure_location"],
    )


def ready_for_the_next(p: SalaryPanel) -> None:
    """Empty the form for the next figure: a period chosen for this one (say, per hour) must
    not silently apply to the next, which may be yearly."""
    for text in (p.source, p.pay, p.notes, p.experience):
        text.value = ""
    p.period.value, p.weight.value = "annual", 1


def label(row: dict[Any, Any]) -> str:
    """A figure of the file in words: its source and pay as written."""
    pay = typed_pay(row)
    return f"{row.get('source') or 'no source'}: {pay or 'no pay'}"


def typed_pay(row: dict[Any, Any]) -> str:
    """The pay of a file row as one would type it: "45-48", "90000"."""
    low, high, median = (str(row.get(c) or "").strip() for c in ("low", "high", "median"))
    if low and high:
        return f"{low}-{high}"
    return median or low or high


def form_values(row: dict[Any, Any]) -> dict[str, Any]:
    """A file row as the add-a-figure form's values (keyed like the panel's parts)."""
    least, most = (str(row.get(c) or "").strip() for c in ("experience_min", "experience_max"))
    experience = f"{least}-{most}" if least and most and least != most else least or most
    try:
        weight = float(row.get("weight") or 1)
    except ValueError:
        weight = 1.0
    collected = str(row.get("collected_on") or "").strip()
    try:
        collected_on: dt.date | None = dt.date.fromisoformat(collected[:10]) if collected else None
    except ValueError:
        collected_on = None
    return {
        "source": row.get("source") or "",
        "source_kind": row.get("source_kind") or "salary site",
        "figure_title": row.get("title") or "",
        "figure_location": row.get("location") or "",
        "pay": typed_pay(row),
        "period": cell_period(str(row.get("period") or "")) or "annual",
        "currency": str(row.get("currency") or "USD").upper(),
        "collected_on": collected_on,
        "notes": row.get("notes") or "",
        "weight": weight,
        "experience": experience if least or most else "",
    }


def replace_figure(path: Path, index: int, figure: dict[str, object]) -> None:
    """Save a corrected figure in place of row ``index`` of the research file."""
    if index < 0:
        raise SalaryDataError("Pick the figure to correct first.")
    salary.replace_research_row(index, figure, path=path)
