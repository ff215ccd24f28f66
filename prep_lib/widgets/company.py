"""The company and the people you know there, in the interview log's panel.

``build_company_panel(log, application_id)`` returns a ``CompanyPanel``: four forms (research
notes with their source and date, people you talked to outside the interviews, the
presentations, case studies and skills tests of a round with a presentation's outline, news for
the follow-up), each adding an entry or correcting and deleting one (``prep_lib.widgets.forms``);
what you know, in one list (an interviewer who is also a contact is named as both); and a button
that saves the application's interviewers and contacts as a vCard file for an address book,
with a link to open it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
import pandas as pd

from prep_lib.errors import PrepError
from prep_lib.log import RESEARCH_TOPICS, TASK_KINDS, InterviewLog
from prep_lib.plan.content import load_content
from prep_lib.text import html_text
from prep_lib.widgets.common import Panel, fit, guarded, message_label
from prep_lib.widgets.forms import (
    STYLE,
    Form,
    Outcome,
    area,
    date_picker,
    dropdown,
    form_maker,
    log_editing,
    set_options,
    text,
)
from prep_lib.widgets.links import show_saved
from prep_lib.widgets.log_forms import chosen, short

TITLES = {
    "research_note": "Research", "contact": "People you know", "round_task": "Presentation or test",
    "news": "News",
}  # fmt: skip
OUTLINE_HINT = "one section a line, with its minutes:\nWhere we stand | 2\nWhat I would do | 5"


@dataclass(eq=False)
class CompanyPanel(Panel):
    """The forms (keyed like ``TITLES``), the overview of what you know, and the vCard
    export of one application."""

    log: InterviewLog
    application_id: int
    forms: dict[str, Form]
    tabs: widgets.Tab
    overview: widgets.HTML
    vcard_button: widgets.Button
    vcard_message: widgets.HTML

    def refresh(self) -> None:
        """Bring the round list, the entry pickers and the overview up to date."""
        rounds = self.log.rounds(self.application_id)
        set_options(
            self.forms["round_task"].fields["round"],
            [(str(name), int(rid)) for name, rid in zip(rounds["name"], rounds["id"], strict=True)],
        )
        for form in self.forms.values():
            form.refresh_entries()
        self.overview.value = overview_html(self.log, self.application_id)

    def save_vcards(self) -> None:
        """Save the interviewers and contacts as one .vcf file, with a link to open it."""
        saved = []
        if guarded(
            self.vcard_message, lambda: saved.append(self.log.export_vcards(self.application_id))
        ):
            show_saved(self.vcard_message, saved, note="Open it, or add it to your address book.")


def build_company_panel(
    log: InterviewLog,
    application_id: int,
    *,
    after_save: Callable[[], None] | None = None,
    on_error: Callable[[PrepError], None] = lambda _error: None,
) -> CompanyPanel:
    """The company panel of one application (not displayed). ``after_save`` runs after each
    add, change or delete (by default the panel's own ``refresh``); ``on_error`` hears of
    every error but those of one input."""
    labels = {r["topic"]: r["label"] for r in load_content().research}
    panel = CompanyPanel(
        widget=widgets.VBox(),
        log=log,
        application_id=application_id,
        forms={},
        tabs=widgets.Tab(),
        overview=widgets.HTML(),
        vcard_button=widgets.Button(description="Save people as a vCard (.vcf)", layout=fit()),
        vcard_message=message_label(),
    )
    panel.forms = _forms(panel, labels, after_save or panel.refresh, on_error)
    for key, form in panel.forms.items():
        form.widget.add_class(f"prep-form-{key}")
    panel.tabs.children = [form.widget for form in panel.forms.values()]
    panel.tabs.titles = [TITLES[key] for key in panel.forms]
    panel.widget.add_class("prep-company")
    panel.overview.add_class("prep-company-overview")
    panel.vcard_button.on_click(lambda _b: panel.save_vcards())
    panel.widget.children = [
        widgets.HTML(
            "<small>What you found out about the employer (with its source and date), the "
            "people you talked to outside the interviews, a presentation, case or test of a "
            "round, and news for a follow-up. The plan uses all of it. To correct or delete "
            "an entry, pick it under <b>Entry</b>.</small>"
        ),
        panel.tabs,
        panel.overview,
        widgets.HBox([panel.vcard_button, panel.vcard_message]),
    ]
    panel.refresh()
    return panel


def _forms(
    panel: CompanyPanel,
    labels: dict[str, str],
    after_save: Callable[[], None],
    on_error: Callable[[PrepError], None],
) -> dict[str, Form]:
    log, app = panel.log, panel.application_id

    form = form_maker(log, after_save=after_save, on_error=on_error)

    def add_note(values: dict[str, Any]) -> Outcome:
        log.add_research_note(app, **values)
        return f"Added a note on {labels.get(values['topic'], 'the company').lower()}."

    def add_contact(values: dict[str, Any]) -> Outcome:
        log.add_contact(app, **values)
        return f"Added {' '.join(values['name'].split())}."

    def add_task(values: dict[str, Any]) -> Outcome:
        round_id = chosen(values, "round")
        log.add_round_task(round_id, **values)
        return f"Added the {values['kind']}; the plan's checklist and Presentation tab show it."

    def add_news(values: dict[str, Any]) -> Outcome:
        log.add_news(app, **values)
        return "Added; the follow-up letter in the plan tells it."

    def load_task(entry: int) -> dict[str, Any]:
        values = log.entry("round_task", entry)
        values["round"] = values.pop("round_id")
        values["minutes"] = f"{values['minutes']:g}" if values["minutes"] else ""
        values["outline"] = "\n".join(
            f"{title} | {length:g}" for title, length in values["outline"]
        )
        return values

    def notes() -> list[tuple[str, int]]:
        rows = log.research_notes(app).to_dict("records")
        return [
            (f"{labels.get(r['topic'], r['topic'])}: {short(r['note'])}", r["id"]) for r in rows
        ]

    def people() -> list[tuple[str, int]]:
        rows = log.contacts(app).to_dict("records")
        return [
            (r["name"] + (" (also an interviewer)" if r["interviewer_id"] else ""), r["id"])
            for r in rows
        ]

    def tasks() -> list[tuple[str, int]]:
        rows = log.round_tasks(app).to_dict("records")
        return [(f"{r['kind']}: {short(r['topic'])} ({r['round']} round)", r["id"]) for r in rows]

    def news() -> list[tuple[str, int]]:
        return [(short(r["text"]), r["id"]) for r in log.news(app).to_dict("records")]

    topic_choices = [(labels.get(topic, topic.capitalize()), topic) for topic in RESEARCH_TOPICS]
    return {
        "research_note": form(
            {
                "topic": dropdown("Topic", topic_choices),
                "note": area("What you found", "e.g. opened two clinics this year"),
                "source": text("Source", "a web page, a report, a person"),
                "noted_on": date_picker("Date"),
            },
            "Add note",
            add_note,
            log_editing(log, "research_note", "research note", notes),
        ),
        "contact": form(
            {
                "name": text("Name"),
                "title": text("Title"),
                "relationship": text("Relationship", "e.g. a former colleague"),
                "contact": text("Contact", "email or phone"),
                "talked_on": date_picker("Talked on"),
                "told_me": area("What they told you"),
                "referred_me": widgets.Checkbox(
                    description="They referred me", style=STYLE, layout=fit()
                ),
            },
            "Add person",
            add_contact,
            log_editing(log, "contact", "person", people),
        ),
        "round_task": form(
            {
                "round": dropdown("Round"),
                "kind": dropdown("Kind", [(kind.capitalize(), kind) for kind in TASK_KINDS]),
                "topic": text("Topic"),
                "minutes": text("Time limit (min)", "e.g. 10"),
                "known": area("What you know", "format, audience, equipment"),
                "practice": area("What to practise"),
                "materials": area("What to bring"),
                "outline": widgets.Textarea(
                    description="Outline",
                    placeholder=OUTLINE_HINT,
                    style=STYLE,
                    layout=widgets.Layout(width="min(46em, 95%)", height="7em"),
                ),
            },
            "Add",
            add_task,
            log_editing(
                log,
                "round_task",
                "presentation, case or test",
                tasks,
                load=load_task,
                locked=("round",),
            ),
        ),
        "news": form(
            {
                "text": area("News", "a course finished, an earlier start date…"),
                "noted_on": date_picker("Date"),
            },
            "Add news",
            add_news,
            log_editing(log, "news", "piece of news", news),
        ),
    }


def overview_html(log: InterviewLog, application_id: int) -> str:
    """What you know about the company, the people you know there, the round tasks and your
    news, as HTML lists (every text escaped)."""
    content = load_content()
    labels = {r["topic"]: r["label"] for r in content.research}
    company = str(log.application(application_id)["company"])
    notes = log.research_notes(application_id)
    parts = [f"<h4>What you know about {html_text(company)}</h4>"]
    parts.append(
        _list(
            f"<b>{html_text(labels.get(r['topic'], r['topic']))}</b>: {html_text(r['note'])}"
            + _when(r["source"], r["noted_on"])
            for r in notes.to_dict("records")
        )
    )
    gaps = [labels.get(t, t).lower() for t in RESEARCH_TOPICS if t not in set(notes["topic"])]
    if gaps:
        parts.append(
            f"<p><small>Nothing yet on {html_text(', '.join(gaps))}: the plan turns it into "
            "a question to ask.</small></p>"
        )
    parts.append("<h4>People you know there</h4>")
    parts.append(_list(_person(r) for r in log.contacts(application_id).to_dict("records")))
    parts.append("<h4>Presentations, cases and tests</h4>")
    parts.append(_list(_task(r) for r in log.round_tasks(application_id).to_dict("records")))
    parts.append("<h4>News for the follow-up</h4>")
    parts.append(
        _list(
            html_text(r["text"]) + _when("", r["noted_on"])
            for r in log.news(application_id).to_dict("records")
        )
    )
    return "".join(parts)


def _person(row: Mapping[Any, Any]) -> str:
    about = ", ".join(html_text(x) for x in (row["title"], row["relationship"]) if x)
    line = f"<b>{html_text(row['name'])}</b>" + (f" ({about})" if about else "")
    marks = [
        mark
        for mark, on in (
            ("referred you", row["referred_me"]),
            ("also one of your interviewers", row["interviewer_id"]),
        )
        if on
    ]
    if marks:
        line += " — " + ", ".join(marks)
    if row["told_me"]:
        line += f": told you {html_text(row['told_me'])}" + _when("", row["talked_on"])
    return line


def _task(row: Mapping[Any, Any]) -> str:
    length = f"{row['minutes']:g}-minute " if row["minutes"] and not pd.isna(row["minutes"]) else ""
    line = f"{html_text(row['round'])} round: a {length}{html_text(row['kind'])}, "
    line += f"“{html_text(row['topic'])}”"
    if row["outline"]:
        planned = sum(minutes for _, minutes in row["outline"])
        line += f" (an outline of {len(row['outline'])} sections, {planned:g} minutes)"
    return line


def _when(source: str, day: Any) -> str:
    said = ", ".join(html_text(x) for x in (source, day) if isinstance(x, str) and x)
    return f" <small>({said})</small>" if said else ""


def _list(items: Any) -> str:
    lines = "".join(f"<li>{item}</li>" for item in items)
    return f"<ul>{lines}</ul>" if lines else "<ul><li>nothing yet</li></ul>"
