"""Choosing the application every panel works on, starting one, and keeping its details.

``build_chooser()`` returns a ``Chooser``: a switcher listing the user's applications and one
clearly labelled choice, the fictional sample candidate; a form **Start an application**
(company, role, the posting, your resume, the company's other postings, the posting's pay range,
the next round and its people); and, for one of your own applications, its details, its status
history and its company postings to correct, and a delete that asks first and can be undone.

The user's applications live in their own log (``InterviewLog()``); the sample lives in the
sample's log (``open_demo_log()``), so nothing of the sample ever mixes into the user's work.
The choice is remembered in the data folder, so every notebook and the app open on the same
application; with no application of the user's yet, the sample is chosen. Panels that follow the
choice register with ``on_change``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd

from prep_lib.documents import load_text
from prep_lib.errors import PrepError, SalaryDataError
from prep_lib.files import write_private
from prep_lib.log import DEMO_TODAY, STATUSES, FieldError, InterviewLog, open_demo_log
from prep_lib.paths import sample_path, user_path
from prep_lib.salary import format_money, parse_pay, research_path, to_annual
from prep_lib.widgets.common import (
    Panel,
    clear_message,
    fit,
    guarded,
    message_label,
    show_error,
    show_ok,
    uploaded_files,
)
from prep_lib.widgets.forms import (
    DeleteControl,
    Deletion,
    Editing,
    Form,
    area,
    build_delete_control,
    build_form,
    combobox,
    date_picker,
    dropdown,
    log_deletion,
    text,
)

SAMPLE = "sample"
SAMPLE_LABEL = "Sample candidate (fictional): Dana Whitlock"
CHOICE_FILE = "chosen_application.json"
DOCUMENT_TYPES = ".pdf,.docx,.md,.txt,.html,.htm"
ROUND_NAMES = ("first", "second", "panel", "final")
FORMATS = ("phone", "video call", "on site")
# The start form's input for each field the log names in an error.
START_FIELDS = {
    "name": "people", "title": "people", "date": "round_date", "format": "round_format",
    "posting_path": "posting", "pay_low": "pay", "pay_high": "pay", "pay_currency": "pay",
    "pay_period": "pay", "pay_text": "pay",
}  # fmt: skip


@dataclass(frozen=True)
class Chosen:
    """The application the panels show: its log, its id, and whether it is the sample."""

    log: InterviewLog
    application_id: int
    sample: bool

    @property
    def today(self) -> dt.date | None:
        """The sample's fixed "today" (so its dates make sense); None for the real date."""
        return DEMO_TODAY if self.sample else None

    def record(self) -> dict[str, Any]:
        return self.log.application(self.application_id)

    def company_postings(self) -> dict[str, str]:
        rows = self.log.company_postings(self.application_id)
        return dict(zip(rows["name"], rows["text"], strict=True))

    @property
    def research_path(self) -> Path:
        """The salary figures of this application: the sample's file, or the user's own."""
        return sample_path("salary_research.csv") if self.sample else research_path()

    def posting_range(self) -> tuple[float, float] | None:
        """The posting's pay range on a yearly scale, when it states both ends."""
        row = self.record()
        if row["pay_low"] is None or row["pay_high"] is None:
            return None
        period = row["pay_period"] or "annual"
        return (to_annual(row["pay_low"], period), to_annual(row["pay_high"], period))


@dataclass(eq=False)
class Chooser(Panel):
    """The switcher, the start form and the chosen application's details; ``chosen`` is the
    application every following panel shows."""

    user_log: InterviewLog
    switcher: widgets.Dropdown
    hint: widgets.HTML
    start: StartForm
    sections: widgets.Accordion
    details: Form
    statuses: Form
    postings: Form
    delete: DeleteControl
    chosen: Chosen | None = None
    sample_log: InterviewLog | None = None
    listeners: list[Callable[[Chosen], None]] = field(default_factory=list)
    filling: bool = False

    @property
    def own(self) -> Chosen | None:
        """The chosen application when it is one of the user's own (None for the sample)."""
        return None if self.chosen is None or self.chosen.sample else self.chosen

    def own_or_refuse(self, field: str) -> Chosen:
        """The chosen application of one's own; a ``FieldError`` at ``field`` for the sample."""
        if self.own is None:
            raise FieldError(field, "Choose one of your own applications first.")
        return self.own

    def on_change(self, callback: Callable[[Chosen], None]) -> None:
        """Call ``callback(chosen)`` now and whenever another application is chosen."""
        self.listeners.append(callback)
        if self.chosen is not None:
            callback(self.chosen)

    def fill(self, choose: int | str | None = None, *, notify: bool = True) -> None:
        """List the applications again and choose ``choose`` (None: the remembered one); with
        ``notify=False`` only the labels are brought up to date (the panels stay)."""
        apps = self.user_log.applications().to_dict("records")
        options: list[tuple[str, int | str]] = [
            (f"{a['role']} at {a['company']}" + (f" ({a['status']})" if a["status"] else ""),
             int(a["id"])) for a in apps
        ]  # fmt: skip
        options.append((SAMPLE_LABEL, SAMPLE))
        wanted = choose if choose is not None else remembered()
        values = [value for _, value in options]
        if wanted not in values:
            wanted = values[-2] if len(values) > 1 else SAMPLE  # the newest of one's own
        self.filling = True
        try:
            self.switcher.options = options
            self.switcher.value = wanted
        finally:
            self.filling = False
        if len(options) == 1:
            self.sections.selected_index = 0
        if notify or self.chosen is None:
            self.switch(wanted)

    def relabel(self) -> None:
        """Bring the switcher's labels (statuses) and the status list up to date."""
        self.fill(self.switcher.value, notify=False)
        self.statuses.refresh_entries()

    def switch(self, value: int | str) -> None:
        """Choose an application (an id, or ``SAMPLE``), remember it, and tell the panels."""
        if value == SAMPLE:
            if self.sample_log is None:
                self.sample_log = open_demo_log()
            app = self.sample_log.find_application("Larkspur Valley Health")
            self.chosen = Chosen(self.sample_log, app, sample=True)
        else:
            self.chosen = Chosen(self.user_log, int(value), sample=False)
        remember(value)
        own = len(self.switcher.options) > 1
        self.hint.value = (
            "<small>You are looking at the <b>fictional sample candidate</b>. "
            + ("Your own applications are in the list above. " if own else
               "To prepare your own interview, open <b>Start an application</b> below. ")
            + "Nothing of the sample is mixed into yours.</small>"
            if value == SAMPLE
            else ""
        )  # fmt: skip
        self.show_details()
        for callback in self.listeners:
            callback(self.chosen)

    def show_details(self) -> None:
        """Fill the details section with the chosen application (own applications only)."""
        own = self.own is not None
        self.sections.titles = (
            "Start an application",
            "This application: details, status, company postings"
            if own
            else "This application (for your own applications)",
        )
        for part in (self.details, self.statuses, self.postings):
            part.widget.layout.display = "flex" if own else "none"
            for label in (*part.errors.values(), part.message):
                clear_message(label)
        self.delete.widget.layout.display = "flex" if own else "none"
        self.delete.cancel()
        if self.own is None:
            return
        row = self.own.record()
        values = {
            "company": row["company"],
            "role": row["role"],
            "candidate": row["candidate"],
            "pay": row["pay_text"],
            "posting": row["posting_text"],
            "resume": row["resume_text"],
        }
        for name, value in values.items():
            self.details.fields[name].value = value or ""
        self.statuses.refresh_entries()
        self.postings.refresh_entries()

    def save_details(self, values: dict[str, Any]) -> str:
        """Correct the chosen application's company, role, name, pay range and documents."""
        chosen = self.own_or_refuse("company")
        chosen.log.edit(
            "application",
            chosen.application_id,
            company=values["company"],
            role=values["role"],
            candidate=values["candidate"],
            posting=values["posting"],
            resume=values["resume"],
            **pay_fields(values["pay"]),
        )
        self.fill(chosen.application_id)
        return "Saved the changes to this application."


@dataclass(eq=False)
class StartForm(Panel):
    """The form that starts an application: its inputs, uploads, button and messages."""

    fields: dict[str, widgets.ValueWidget]
    errors: dict[str, widgets.HTML]
    posting_upload: widgets.FileUpload
    resume_upload: widgets.FileUpload
    company_upload: widgets.FileUpload
    button: widgets.Button
    message: widgets.HTML
    resume_name: str = ""
    posting_name: str = ""
    company_postings: dict[str, str] = field(default_factory=dict)

    def read_upload(self, which: str) -> None:
        """Read an uploaded posting or resume into its box (the error shows beside it)."""
        upload = self.posting_upload if which == "posting" else self.resume_upload
        files = uploaded_files(upload)
        if not files:
            return
        name, data = files[0]

        def read() -> None:
            self.fields[which].value = load_text((name, data))
            setattr(self, f"{which}_name", name)

        if guarded(self.errors[which], read):
            show_ok(self.errors[which], f"Read {name}.")

    def read_company(self) -> None:
        files = uploaded_files(self.company_upload)

        def read() -> None:
            self.company_postings = {Path(n).stem: load_text((n, d)) for n, d in files}

        if files and guarded(self.errors["company_postings"], read):
            names = ", ".join(self.company_postings)
            show_ok(self.errors["company_postings"], f"Read {len(files)}: {names}.")

    def clear(self) -> None:
        for name, f in self.fields.items():
            if isinstance(f, widgets.DatePicker):
                f.value = None
            elif isinstance(f, widgets.Text | widgets.Textarea):
                f.value = "first" if name == "round_name" else ""
        for upload in (self.posting_upload, self.resume_upload, self.company_upload):
            upload.value = ()
        self.resume_name = self.posting_name = ""
        self.company_postings = {}
        for label in self.errors.values():
            clear_message(label)


def build_chooser(user_log: InterviewLog | None = None) -> Chooser:
    """The application switcher with its forms (not displayed); ``user_log`` defaults to the
    user's own log in their data folder."""
    own = user_log if user_log is not None else InterviewLog()
    start = _start_form()
    chooser: Chooser
    details = build_form(
        {
            "company": text("Company"),
            "role": text("Role"),
            "candidate": text("Your name", "signs your thank-you notes"),
            "pay": text("Posting's pay", "as the posting writes it, e.g. $52,000–$61,000 a year"),
            "posting": area("The posting"),
            "resume": area("Your resume"),
        },
        "Save changes",
        lambda values: chooser.save_details(values),
        clear_after=False,
    )
    statuses = build_form(
        {"status": dropdown("Status", [(s, s) for s in STATUSES]), "date": date_picker("Since")},
        "Add status",
        lambda values: _add_status(chooser, values),
        editing=Editing(
            "application_status",
            "status",
            lambda: _status_entries(chooser),
            lambda entry: own.entry("application_status", entry),
            lambda entry, values: _edit_status(own, entry, values),
        ),
        log=own,
        after_save=lambda: chooser.relabel(),
    )
    postings = build_form(
        {"name": text("Name"), "text": area("The posting")},
        "Add company posting",
        lambda values: _add_company_posting(chooser, values),
        editing=Editing(
            "company_posting",
            "company posting",
            lambda: _posting_entries(chooser),
            lambda entry: own.entry("company_posting", entry),
            lambda entry, values: _edit_company_posting(own, entry, values),
        ),
        log=own,
    )

    def own_application() -> Deletion | None:
        chosen = chooser.own
        return None if chosen is None else log_deletion(own, "application", chosen.application_id)

    delete = build_delete_control(
        own_application, after=lambda: chooser.fill(None), label="Delete this application…"
    )
    own_box = widgets.VBox(
        [
            widgets.HTML("<b>Details</b>"), details.widget,
            widgets.HTML("<b>Where it stands</b>"), statuses.widget,
            widgets.HTML("<b>The company's other postings</b>"), postings.widget,
            delete.widget,
        ]
    )  # fmt: skip
    sections = widgets.Accordion(
        children=[start.widget, own_box], titles=("Start an application", "This application")
    )
    sections.selected_index = None
    switcher = widgets.Dropdown(
        description="Application",
        style={"description_width": "8em"},
        layout=widgets.Layout(width="min(46em, 95%)"),
    )
    chooser = Chooser(
        widget=widgets.VBox([switcher, widgets.HTML(), sections]),
        user_log=own,
        switcher=switcher,
        hint=widgets.HTML(),
        start=start,
        sections=sections,
        details=details,
        statuses=statuses,
        postings=postings,
        delete=delete,
    )
    chooser.widget.children = [switcher, chooser.hint, sections]
    chooser.widget.add_class("prep-chooser")
    details.widget.add_class("prep-details")

    def switched(change: dict[str, Any]) -> None:
        if not chooser.filling and change["new"] is not None:
            chooser.switch(change["new"])

    switcher.observe(switched, names="value")
    start.button.on_click(lambda _b: _start(chooser))
    chooser.fill()
    return chooser


def _start_form() -> StartForm:
    fields: dict[str, widgets.ValueWidget] = {
        "company": text("Company", "e.g. Harbor Clinic"),
        "role": text("Role", "the job title in the posting"),
        "candidate": text("Your name", "signs your thank-you notes"),
        "posting": area("The posting", "paste it here, or upload it below"),
        "resume": area("Your resume", "upload it below (.pdf, .docx, .md, .txt), or paste it"),
        "company_postings": widgets.HTML(),  # where the company postings' message shows
        "pay": text("Posting's pay", "as the posting writes it, e.g. $52,000–$61,000 a year"),
        "applied_on": date_picker("Applied on"),
        "round_name": combobox("Next round", ROUND_NAMES),
        "round_date": date_picker("Its date"),
        "round_format": combobox("Format", FORMATS),
        "agenda": area("Agenda", "times, people, a tour..."),
        "people": area("People", "the people you will meet, one a line: name, title"),
    }
    fields["round_name"].value = "first"
    errors = {name: message_label() for name in fields}
    upload = {
        "posting": widgets.FileUpload(accept=DOCUMENT_TYPES, description="Upload posting"),
        "resume": widgets.FileUpload(accept=DOCUMENT_TYPES, description="Upload resume"),
        "company": widgets.FileUpload(
            accept=DOCUMENT_TYPES, multiple=True, description="Company's other postings"
        ),
    }
    for button in upload.values():
        button.layout = fit(margin="2px 0 8px 10.5em")
    rows: list[widgets.Widget] = []
    for name, f in fields.items():
        if name == "company_postings":
            rows.append(widgets.HBox([upload["company"], errors[name]]))
        elif name in ("posting", "resume"):
            rows += [f, widgets.HBox([upload[name], errors[name]])]
        else:
            rows.append(widgets.HBox([f, errors[name]]))
    button = widgets.Button(description="Start application", button_style="primary")
    message = message_label()
    form = StartForm(
        widget=widgets.VBox([*rows, widgets.HBox([button, message])]),
        fields=fields,
        errors=errors,
        posting_upload=upload["posting"],
        resume_upload=upload["resume"],
        company_upload=upload["company"],
        button=button,
        message=message,
    )
    form.widget.add_class("prep-start")
    form.posting_upload.observe(lambda _c: form.read_upload("posting"), names="value")
    form.resume_upload.observe(lambda _c: form.read_upload("resume"), names="value")
    form.company_upload.observe(lambda _c: form.read_company(), names="value")
    return form


def _start(chooser: Chooser) -> None:
    """Start an application from the form: the application, its next round and people, in
    one transaction; then choose it."""
    form, log = chooser.start, chooser.user_log
    for label in (*form.errors.values(), form.message):
        clear_message(label)
    v = {name: f.value for name, f in form.fields.items()}
    try:
        people = people_lines(v["people"])
        with log.transaction():
            app = log.add_application(
                company=v["company"],
                role=v["role"],
                candidate=v["candidate"],
                posting=v["posting"],
                posting_name=form.posting_name,
                resume=v["resume"],
                resume_name=form.resume_name,
                company_postings=form.company_postings,
                applied_on=v["applied_on"],
                **pay_fields(v["pay"]),
            )
            if people or v["round_date"] or v["agenda"].strip():
                round_id = log.add_round(
                    app,
                    name=v["round_name"] or "next",
                    date=v["round_date"],
                    format=v["round_format"],
                    agenda=v["agenda"],
                )
                for name, title in people:
                    log.add_interviewer(app, name=name, title=title, round_ids=[round_id])
    except FieldError as error:
        target = START_FIELDS.get(error.field, error.field)
        show_error(form.errors.get(target, form.message), error)
        return
    except PrepError as error:
        show_error(form.message, error)
        return
    company, role = " ".join(v["company"].split()), " ".join(v["role"].split())
    form.clear()
    chooser.sections.selected_index = None  # the four jobs come up, right under the switcher
    chooser.fill(app)
    show_ok(chooser.hint, f"Started {role} at {company}. Every panel now shows it.")


def pay_fields(typed: str) -> dict[str, Any]:
    """The posting's pay range as the log keeps it, read from what was typed (nothing typed:
    no range). Figures of 1,000 or more with no period are read as yearly."""
    typed = " ".join((typed or "").split())
    if not typed:
        return {"pay_low": None, "pay_high": None, "pay_text": ""}
    try:
        pay = parse_pay(typed)
    except SalaryDataError as error:
        raise FieldError("pay", str(error)) from None
    if pay is None:
        raise FieldError("pay", "No pay figure found; write it like $52,000–$61,000 a year.")
    if pay.currency is None:
        raise FieldError("pay", "Write the currency too, like $52,000 or 52,000 USD.")
    amounts = [a for a in (pay.low, pay.high) if a is not None]
    period = pay.period or ("annual" if min(amounts) >= 1000 else None)
    if period is None:
        raise FieldError("pay", "Say what period the pay is for, like $25–$30 an hour.")
    return {
        "pay_low": pay.low,
        "pay_high": pay.high,
        "pay_currency": pay.currency,
        "pay_period": period,
        "pay_text": typed,
    }


def pay_summary(record: dict[str, Any]) -> str:
    """The posting's pay range in words ("$52,000 to $61,000 a year"), '' when none."""
    low, high, currency = record["pay_low"], record["pay_high"], record["pay_currency"] or "USD"
    if low is None and high is None:
        return ""
    amounts = " to ".join(format_money(a, currency) for a in (low, high) if a is not None)
    return f"{amounts} ({record['pay_period'] or 'annual'})"


def people_lines(typed: str) -> list[tuple[str, str]]:
    """The people typed one a line as "name, title" (or "name – title"): (name, title) pairs."""
    people = []
    for line in (typed or "").splitlines():
        if not line.strip():
            continue
        for separator in (",", " – ", " - ", ";"):
            if separator in line:
                name, title = line.split(separator, 1)
                break
        else:
            name, title = line, ""
        people.append((name.strip(), title.strip()))
    return people


def remembered() -> int | str | None:
    """The application chosen last time (an id or ``SAMPLE``), or None."""
    try:
        value = json.loads(user_path(CHOICE_FILE).read_text(encoding="utf-8")).get("chosen")
    except (OSError, ValueError, AttributeError):
        return None
    return value if value == SAMPLE or (isinstance(value, int) and value > 0) else None


def remember(value: int | str) -> None:
    """Keep the choice for the next notebook (never fails the choice itself)."""
    if value == remembered():
        return
    with suppress(PrepError):
        write_private(user_path(CHOICE_FILE), json.dumps({"chosen": value}))


def _add_status(chooser: Chooser, values: dict[str, Any]) -> str:
    chosen = chooser.own_or_refuse("status")
    if values["status"] is None:
        raise FieldError("status", "Choose a status from the list.")
    chosen.log.add_status(chosen.application_id, status=values["status"], on=values["date"])
    return f"Noted: {values['status']}."


def _edit_status(log: InterviewLog, entry: int, values: dict[str, Any]) -> str:
    log.edit("application_status", entry, **values)
    return "Saved the status."


def _status_entries(chooser: Chooser) -> list[tuple[str, int]]:
    chosen = chooser.own
    if chosen is None:
        return []
    rows: pd.DataFrame = chosen.log.statuses(chosen.application_id)
    return [(f"{r['status']} ({r['date'] or 'no date'})", int(r["id"])) for _, r in rows.iterrows()]


def _add_company_posting(chooser: Chooser, values: dict[str, Any]) -> str:
    chosen = chooser.own_or_refuse("name")
    chosen.log.add_company_posting(chosen.application_id, **values)
    return f"Added {' '.join(values['name'].split())}."


def _edit_company_posting(log: InterviewLog, entry: int, values: dict[str, Any]) -> str:
    log.edit("company_posting", entry, **values)
    return "Saved the company posting."


def _posting_entries(chooser: Chooser) -> list[tuple[str, int]]:
    chosen = chooser.own
    if chosen is None:
        return []
    rows = chosen.log.company_postings(chosen.application_id)
    return [(str(n), int(i)) for n, i in zip(rows["name"], rows["id"], strict=True)]
