"""Forms that add an entry to the log, or correct and delete one already there.

A ``Form`` has labelled ``fields``, a button and a message line. Given an ``Editing`` it also
has an ``entry`` picker: "New …" adds an entry; picking one already in the log fills the
fields with it, the button saves the changes, and a ``DeleteControl`` deletes it. A delete first
says exactly what goes with the entry (``InterviewLog.removal``) and asks to confirm; after it an
**Undo** button puts everything back, and the log's automatic backup keeps it in any case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as widgets

from prep_lib.errors import PrepError
from prep_lib.log import FieldError, InterviewLog
from prep_lib.text import html_text
from prep_lib.widgets.common import (
    Panel,
    clear_message,
    fit,
    guarded,
    message_label,
    show_error,
    show_ok,
)

WARNING_CLASS = "prep-warning"
MOST_DETAILS = 12  # entries listed by name in a delete's confirmation; the rest are counted
STYLE = {"description_width": "10em"}
NEW = -1  # the entry picker's value for "add a new entry" (ids are positive)

# Returned by a form's action: a confirmation, or warnings about an entry that was saved anyway.
Outcome = str | list[str]


def wide() -> widgets.Layout:
    return widgets.Layout(width="min(46em, 95%)")


@dataclass(frozen=True)
class Deletion:
    """A delete, prepared: what goes (``summary`` and each other entry in ``details``), and
    ``perform``, which deletes and returns the function that undoes it."""

    what: str
    summary: str
    details: tuple[str, ...]
    perform: Callable[[], Callable[[], None]]


def log_deletion(log: InterviewLog, table: str, row_id: int) -> Deletion:
    """Deleting an entry of the log and everything that belongs to it (``log.removal``)."""
    removal = log.removal(table, row_id)

    def perform() -> Callable[[], None]:
        removed = log.delete(table, row_id)
        return lambda: log.undo(removed)

    return Deletion(removal.what, removal.summary(), removal.details, perform)


@dataclass(eq=False)
class DeleteControl(Panel):
    """A **Delete…** button that asks first, saying what goes, and offers an **Undo** after.

    ``prepare`` gives the ``Deletion`` of what is chosen, or None when nothing is; ``after``
    runs after a delete or an undo (to refresh what is shown).
    """

    prepare: Callable[[], Deletion | None]
    after: Callable[[], None]
    button: widgets.Button
    question: widgets.HTML
    confirm_button: widgets.Button
    cancel_button: widgets.Button
    confirm_box: widgets.Box
    undo_button: widgets.Button
    message: widgets.HTML
    note: str = "A backup is made first, and you can undo it right after."
    pending: Deletion | None = None
    undo_last: tuple[str, Callable[[], None]] | None = None

    def ask(self) -> None:
        """Say what deleting the chosen entry would take with it, and ask to confirm."""
        self.undo_button.layout.display = "none"
        found: list[Deletion | None] = []
        if not guarded(self.message, lambda: found.append(self.prepare())):
            return
        if not found or found[0] is None:
            show_error(self.message, "Choose what to delete first.")
            return
        deletion = self.pending = found[0]
        shown = "".join(f"<li>{html_text(d)}</li>" for d in deletion.details[:MOST_DETAILS])
        more = len(deletion.details) - MOST_DETAILS
        if more > 0:
            shown += f"<li>and {more} more</li>"
        self.question.value = (
            f'<div class="{WARNING_CLASS}" role="alert" style="color:#8a4b00">'
            f"⚠ {html_text(deletion.summary)}{f'<ul>{shown}</ul>' if shown else ' '}"
            f"{html_text(self.note)}</div>"
        )
        self.confirm_box.layout.display = "flex"

    def confirm(self) -> None:
        deletion = self.pending
        self.cancel()
        if deletion is None:
            return
        undo: list[Callable[[], None]] = []
        if guarded(self.message, lambda: undo.append(deletion.perform())):
            self.undo_last = (deletion.what, undo[0])
            show_ok(self.message, f"Deleted {deletion.what}.")
            self.undo_button.layout.display = "inline-flex"
            self.after()

    def cancel(self) -> None:
        self.pending = None
        self.question.value = ""
        self.confirm_box.layout.display = "none"

    def undo(self) -> None:
        if self.undo_last is None:
            return
        what, undo = self.undo_last
        if guarded(self.message, undo):
            self.undo_last = None
            self.undo_button.layout.display = "none"
            show_ok(self.message, f"Brought back {what}.")
            self.after()


def build_delete_control(
    prepare: Callable[[], Deletion | None],
    *,
    after: Callable[[], None] = lambda: None,
    label: str = "Delete…",
) -> DeleteControl:
    """A delete button for what ``prepare`` names, with its confirmation and undo."""
    button = widgets.Button(description=label, button_style="danger", layout=fit())
    confirm = widgets.Button(description="Yes, delete", button_style="danger", layout=fit())
    cancel = widgets.Button(description="Cancel", layout=fit())
    undo = widgets.Button(description="Undo", layout=fit(display="none"))
    question = widgets.HTML()
    box = widgets.VBox([question, widgets.HBox([confirm, cancel])], layout=fit(display="none"))
    message = message_label()
    control = DeleteControl(
        widget=widgets.VBox([widgets.HBox([button, undo, message]), box]),
        prepare=prepare,
        after=after,
        button=button,
        question=question,
        confirm_button=confirm,
        cancel_button=cancel,
        confirm_box=box,
        undo_button=undo,
        message=message,
    )
    button.on_click(lambda _b: control.ask())
    confirm.on_click(lambda _b: control.confirm())
    cancel.on_click(lambda _b: control.cancel())
    undo.on_click(lambda _b: control.undo())
    return control


@dataclass(frozen=True)
class Editing:
    """How a form corrects the entries of one table: ``entries`` lists them (label, id);
    ``load`` gives an entry's field values; ``save`` writes the form's values to an entry;
    ``locked`` fields cannot change once an entry exists (delete it and add a new one)."""

    table: str
    noun: str
    entries: Callable[[], list[tuple[str, int]]]
    load: Callable[[int], dict[str, Any]]
    save: Callable[[int, dict[str, Any]], Outcome]
    locked: tuple[str, ...] = ()


def form_maker(
    log: InterviewLog,
    *,
    after_save: Callable[[], None],
    on_error: Callable[[PrepError], None],
) -> Callable[
    [dict[str, widgets.ValueWidget], str, Callable[[dict[str, Any]], Outcome], Editing], Form
]:
    """A maker of a panel's log forms: ``form(fields, button, add, editing)``, each saving
    into ``log`` and reporting to the panel as ``build_form`` does."""

    def form(
        fields: dict[str, widgets.ValueWidget],
        button: str,
        add: Callable[[dict[str, Any]], Outcome],
        editing: Editing,
    ) -> Form:
        return build_form(
            fields, button, add, after_save=after_save, on_error=on_error, editing=editing, log=log
        )

    return form


def log_editing(
    log: InterviewLog,
    table: str,
    noun: str,
    entries: Callable[[], list[tuple[str, int]]],
    *,
    load: Callable[[int], dict[str, Any]] | None = None,
    save: Callable[[int, dict[str, Any]], Outcome] | None = None,
    locked: tuple[str, ...] = (),
) -> Editing:
    """Correcting the entries of one of the log's tables: by default an entry's fields are read
    with ``log.entry`` and saved with ``log.edit`` (``locked`` fields left as they were)."""

    def saved(entry: int, values: dict[str, Any]) -> Outcome:
        log.edit(table, entry, **{k: v for k, v in values.items() if k not in locked})
        return f"Saved the changes to the {noun}."

    return Editing(
        table=table,
        noun=noun,
        entries=entries,
        load=load or (lambda entry: log.entry(table, entry)),
        save=save or saved,
        locked=locked,
    )


@dataclass(eq=False)
class Form(Panel):
    """Labelled inputs, a button and a message line; a ``FieldError`` shows beside its input.

    ``fields`` are keyed like the arguments of the log method the form calls; ``errors`` holds
    the message line beside each. ``action`` adds an entry from the values and says what
    happened; ``after_save`` runs after a successful save; ``on_error`` hears of every error
    but those of one input. With ``editing``, ``entry`` picks an entry to correct or delete.
    """

    fields: dict[str, widgets.ValueWidget]
    errors: dict[str, widgets.HTML]
    button: widgets.Button
    message: widgets.HTML
    action: Callable[[dict[str, Any]], Outcome]
    after_save: Callable[[], None]
    on_error: Callable[[PrepError], None] = lambda _error: None
    add_label: str = ""
    editing: Editing | None = None
    entry: widgets.Dropdown | None = None
    delete: DeleteControl | None = None
    defaults: dict[str, Any] = field(default_factory=dict)
    filling: bool = False  # the entry picker is being refilled: no reloading for each step
    clear_after: bool = True  # empty the inputs after adding (False: a form that corrects one)

    def submit(self) -> None:
        """Save what the inputs hold (a new entry, or changes to the chosen one); show the
        outcome, or the error beside its input."""
        for label in (*self.errors.values(), self.message):
            clear_message(label)
        chosen = self.entry.value if self.entry is not None else NEW
        values = {name: f.value for name, f in self.fields.items()}
        try:
            if chosen == NEW or self.editing is None:
                outcome = self.action(values)
            else:
                outcome = self.editing.save(int(chosen), values)
        except FieldError as error:
            show_error(self.errors.get(error.field, self.message), error)
            return
        except PrepError as error:
            show_error(self.message, error)
            self.on_error(error)
            return
        if chosen == NEW and self.clear_after:
            self.clear()
        if isinstance(outcome, str):
            show_ok(self.message, outcome)
        else:
            show_warning(self.message, outcome)
        self.after_save()

    def clear(self) -> None:
        """Empty the inputs for the next entry; choices stay, defaults come back."""
        for name, f in self.fields.items():
            if name in self.defaults:
                f.value = self.defaults[name]
            elif isinstance(f, widgets.Text | widgets.Textarea) and not isinstance(
                f, widgets.Combobox
            ):
                f.value = ""
            elif isinstance(f, widgets.DatePicker):
                f.value = None

    def refresh_entries(self) -> None:
        """Offer the log's entries again (after a change), keeping the chosen one if there
        (its form and message stay as they are)."""
        if self.editing is None or self.entry is None:
            return
        kept = self.entry.value
        self.filling = True
        try:
            set_options(self.entry, [(f"New {self.editing.noun}", NEW), *self.editing.entries()])
        finally:
            self.filling = False
        if self.entry.value != kept:  # the entry is gone: back to a new one
            self.choose(self.entry.value)

    def choose(self, entry_id: int | None) -> None:
        """Show a new entry's empty form, or an entry's values ready to correct."""
        if self.filling:
            return
        entry_id = NEW if entry_id is None else entry_id
        for label in (*self.errors.values(), self.message):
            clear_message(label)
        editing = self.editing
        if editing is None:
            return
        locked = entry_id != NEW
        for name in editing.locked:
            self.fields[name].disabled = locked
        if self.delete is not None:
            self.delete.widget.layout.display = "flex" if locked else "none"
            self.delete.cancel()
        if entry_id == NEW:
            self.button.description = self.add_label
            self.clear()
            return
        self.button.description = "Save changes"

        def load() -> None:
            for name, value in editing.load(int(entry_id)).items():
                if name in self.fields:
                    set_value(self.fields[name], value)

        guarded(self.message, load)


def build_form(
    fields: dict[str, widgets.ValueWidget],
    button: str,
    action: Callable[[dict[str, Any]], Outcome],
    *,
    after_save: Callable[[], None] = lambda: None,
    on_error: Callable[[PrepError], None] = lambda _error: None,
    editing: Editing | None = None,
    log: InterviewLog | None = None,
    clear_after: bool = True,
) -> Form:
    """A form of ``fields`` whose ``button`` calls ``action`` with the fields' values;
    ``on_error`` hears of every error but those of one input. With ``editing`` (and the
    ``log``), an entry picker above the fields corrects or deletes what the log holds;
    ``clear_after=False`` keeps the inputs after a save (a form that corrects one thing)."""
    errors = {name: message_label() for name in fields}
    save = widgets.Button(description=button, button_style="primary", layout=fit())
    message = message_label()
    rows: list[widgets.Widget] = [widgets.HBox([f, errors[name]]) for name, f in fields.items()]
    form = Form(
        widget=widgets.VBox(),
        fields=fields,
        errors=errors,
        button=save,
        message=message,
        action=action,
        after_save=after_save,
        on_error=on_error,
        add_label=button,
        editing=editing,
        defaults={name: f.value for name, f in fields.items() if isinstance(f, widgets.Checkbox)},
        clear_after=clear_after,
    )
    if editing is not None and log is not None:
        form.entry = dropdown("Entry")
        form.entry.options = [(f"New {editing.noun}", NEW)]
        form.entry.value = NEW
        form.entry.observe(lambda change: form.choose(change["new"]), names="value")

        def prepare() -> Deletion | None:
            chosen = form.entry.value if form.entry is not None else NEW
            return None if chosen == NEW else log_deletion(log, editing.table, int(chosen))

        def deleted() -> None:
            if form.entry is not None:
                form.entry.value = NEW
            form.after_save()

        form.delete = build_delete_control(prepare, after=deleted)
        form.delete.widget.layout.display = "none"
        rows.insert(0, form.entry)
    bottom: list[widgets.Widget] = [widgets.HBox([save, message])]
    if form.delete is not None:
        bottom.append(form.delete.widget)
    form.widget.children = [*rows, *bottom]
    save.on_click(lambda _button: form.submit())
    return form


def show_warning(label: widgets.HTML, lines: Sequence[str]) -> None:
    """Show warnings beside a button: a warning sign and the lines, escaped."""
    text = "<br>".join(html_text(line) for line in lines)
    label.value = (
        f'<span class="{WARNING_CLASS}" role="status" style="color:#8a4b00">⚠ {text}</span>'
    )


def set_options(choice: widgets.Dropdown, options: list[tuple[str, Any]]) -> None:
    """Replace a dropdown's options, keeping what was picked when it is still there."""
    if list(choice.options) == options:
        return
    kept = choice.value
    values = [value for _, value in options]
    choice.options = options
    if isinstance(choice, widgets.SelectMultiple):
        choice.value = tuple(v for v in kept if v in values)
    else:
        choice.value = kept if kept in values else (NEW if NEW in values else None)


def set_value(f: widgets.ValueWidget, value: Any) -> None:
    """Put a value from the log into an input of the matching kind."""
    if isinstance(f, widgets.DatePicker):
        f.value = dt.date.fromisoformat(value) if value else None
    elif isinstance(f, widgets.SelectMultiple):
        f.value = tuple(value or ())
    elif isinstance(f, widgets.Checkbox):
        f.value = bool(value)
    elif isinstance(f, widgets.Dropdown):
        f.value = value if value in [v for _, v in f.options] else None
    elif isinstance(value, list):
        f.value = ", ".join(map(str, value))
    else:
        f.value = "" if value is None else str(value)


def dropdown(label: str, options: Sequence[tuple[str, Any]] = ()) -> widgets.Dropdown:
    return widgets.Dropdown(
        description=label, options=list(options), value=None, style=STYLE, layout=wide()
    )


def text(label: str, placeholder: str = "") -> widgets.Text:
    return widgets.Text(description=label, placeholder=placeholder, style=STYLE, layout=wide())


def area(label: str, placeholder: str = "") -> widgets.Textarea:
    return widgets.Textarea(
        description=label,
        placeholder=placeholder,
        style=STYLE,
        layout=widgets.Layout(width="min(46em, 95%)", height="4.5em"),
    )


def combobox(label: str, options: Sequence[str]) -> widgets.Combobox:
    return widgets.Combobox(
        description=label, options=list(options), ensure_option=False, style=STYLE, layout=wide()
    )


def date_picker(label: str) -> widgets.DatePicker:
    return widgets.DatePicker(description=label, style=STYLE)
