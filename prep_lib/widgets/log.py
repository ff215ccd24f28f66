"""The interview log's panel: forms to log what happened, the story grid, and the to-do list.

``build_log_panel(log, application_id)`` returns a ``LogPanel`` without displaying it (a cell
that ends with it shows it). Its ``forms`` are keyed by what they log (``story_use``,
``interviewer``, ``story``, ``question_asked``, ``my_question``, ``fact``, ``thank_you``,
``round``, ``reference``); each has labelled ``fields`` (keyed like the log method's arguments),
a ``button`` and a ``message`` line. An error appears beside the input that caused it and the
form keeps what was typed; after a save the text inputs are emptied for the next entry, and the
grid, the to-do list and every dropdown are brought up to date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
import pandas as pd
from IPython.display import HTML
from pandas.io.formats.style import Styler

from prep_lib.errors import PrepError
from prep_lib.log import DamagedLogError, FieldError, InterviewLog
from prep_lib.text import html_text
from prep_lib.widgets.common import (
    Panel,
    clear_message,
    message_label,
    render,
    show_error,
    show_ok,
)
from prep_lib.widgets.rescue import build_rescue_panel

REPEAT_WARNING_CLASS = "prep-warning"
FACT_TOPICS = (
    "team size", "reason for leaving", "salary expectation", "current salary", "start date",
    "notice period", "years of experience", "willing to relocate",
)  # fmt: skip
QUESTION_CATEGORIES = (
    "behavioral", "technical", "motivation", "salary", "the role", "the team", "culture",
    "process",
)  # fmt: skip
_STYLE = {"description_width": "10em"}
_WIDE = widgets.Layout(width="46em")

# Returned by a form's action: a confirmation, or warnings about an entry that was saved anyway.
Outcome = str | list[str]


@dataclass(eq=False)
class Form(Panel):
    """Labelled inputs, a button and a message line; a ``FieldError`` shows beside its input.

    ``fields`` are keyed like the arguments of the log method the form calls; ``errors`` holds
    the message line beside each. ``action`` saves the values and says what happened;
    ``after_save`` runs after a successful save.
    """

    fields: dict[str, widgets.ValueWidget]
    errors: dict[str, widgets.HTML]
    button: widgets.Button
    message: widgets.HTML
    action: Callable[[dict[str, Any]], Outcome]
    after_save: Callable[[], None]
    on_error: Callable[[PrepError], None] = lambda _error: None

    def submit(self) -> None:
        """Save what the inputs hold; show the outcome, or the error beside its input."""
        for label in (*self.errors.values(), self.message):
            clear_message(label)
        try:
            outcome = self.action({name: field.value for name, field in self.fields.items()})
        except FieldError as error:
            show_error(self.errors.get(error.field, self.message), error)
            return
        except PrepError as error:
            show_error(self.message, error)
            self.on_error(error)
            return
        for field in self.fields.values():  # ready for the next entry; choices stay
            if isinstance(field, widgets.Text | widgets.Textarea) and not isinstance(
                field, widgets.Combobox
            ):
                field.value = ""
            elif isinstance(field, widgets.DatePicker):
                field.value = None
        if isinstance(outcome, str):
            show_ok(self.message, outcome)
        else:
            show_warning(self.message, outcome)
        self.after_save()


def build_form(
    fields: dict[str, widgets.ValueWidget],
    button: str,
    action: Callable[[dict[str, Any]], Outcome],
    *,
    after_save: Callable[[], None] = lambda: None,
    on_error: Callable[[PrepError], None] = lambda _error: None,
) -> Form:
    """A form of ``fields`` whose ``button`` calls ``action`` with the fields' values;
    ``on_error`` hears of every error but those of one input."""
    errors = {name: message_label() for name in fields}
    save = widgets.Button(description=button, button_style="primary")
    message = message_label()
    rows = [widgets.HBox([field, errors[name]]) for name, field in fields.items()]
    form = Form(
        widget=widgets.VBox([*rows, widgets.HBox([save, message])]),
        fields=fields,
        errors=errors,
        button=save,
        message=message,
        action=action,
        after_save=after_save,
        on_error=on_error,
    )
    save.on_click(lambda _button: form.submit())
    return form


@dataclass(eq=False)
class LogPanel(Panel):
    """The forms, the story × interviewer grid and the to-do list of one application.

    Build it with ``build_log_panel``; ``forms`` are keyed by what they log.
    """

    log: InterviewLog
    application_id: int
    today: dt.date | None
    forms: dict[str, Form]
    grid_output: widgets.Output
    todo_output: widgets.Output
    rescue: widgets.VBox  # empty until the log turns out damaged: then the rescue panel

    def notice(self, error: PrepError) -> None:
        """Show the rescue panel when an error says the log is damaged."""
        if isinstance(error, DamagedLogError) and not self.rescue.children:
            self.rescue.children = [build_rescue_panel(error.path, str(error)).widget]

    def refresh_after_save(self) -> None:
        try:
            self.refresh()
        except PrepError as error:
            self.notice(error)

    def refresh(self) -> None:
        """Bring the dropdowns, the grid and the to-do list up to date with the log."""
        log, app = self.log, self.application_id
        stories = log.stories()
        people = log.interviewers(app)
        rounds = log.rounds(app)
        story_options = list(zip(stories["title"], stories["id"], strict=True))
        people_options = list(zip(people["name"], people["id"], strict=True))
        round_options = [
            (f"{name} ({date})" if date else name, rid)
            for name, date, rid in zip(rounds["name"], rounds["date"], rounds["id"], strict=True)
        ]
        for key, form in self.forms.items():
            for name, field in form.fields.items():
                if name == "story":
                    _set_options(field, story_options)
                elif name in ("interviewer", "asked_to"):
                    blank = [("not asked yet", None)] if name == "asked_to" else []
                    _set_options(field, blank + people_options)
                elif name in ("round", "round_ids"):
                    blank = [("–", None)] if key == "my_question" else []
                    _set_options(field, blank + round_options)
        render(self.grid_output, style_story_grid(log.story_grid(app)))
        render(self.todo_output, HTML(todo_html(log, app, today=self.today)))  # type: ignore[no-untyped-call]

    # Each action reads a form's values, calls the log and says what happened.

    def log_story_use(self, values: dict[str, Any]) -> Outcome:
        story, person = _chosen(values, "story"), _chosen(values, "interviewer")
        warnings = self.log.record_story_use(
            story, person, _chosen(values, "round"), landed=values["landed"]
        )
        if warnings:
            return ["Logged, but note:", *warnings]
        fields = self.forms["story_use"].fields
        return f"Logged: {fields['interviewer'].label} heard “{fields['story'].label}”."

    def add_interviewer(self, values: dict[str, Any]) -> Outcome:
        self.log.add_interviewer(self.application_id, **values)
        return f"Added {' '.join(values['name'].split())}."

    def add_story(self, values: dict[str, Any]) -> Outcome:
        self.log.add_story(**values)
        return f"Added the story “{' '.join(values['title'].split())}”."

    def log_question_asked(self, values: dict[str, Any]) -> Outcome:
        round_id, person = _chosen(values, "round"), _chosen(values, "interviewer")
        if values["rating"] is None:
            raise FieldError("rating", "Choose how it went, from 1 (badly) to 5 (very well).")
        self.log.add_question_asked_of_me(round_id, person, **values)
        return "Logged the question."

    def save_my_question(self, values: dict[str, Any]) -> Outcome:
        round_id = values.pop("round")
        self.log.add_my_question(self.application_id, round_id=round_id, **values)
        return "Saved your question." if round_id is None else "Logged your question."

    def log_fact(self, values: dict[str, Any]) -> Outcome:
        round_id, person = _chosen(values, "round"), _chosen(values, "interviewer")
        self.log.add_fact(round_id, person, **values)
        return "Logged the fact."

    def log_thank_you(self, values: dict[str, Any]) -> Outcome:
        person, round_id = _chosen(values, "interviewer"), _chosen(values, "round")
        self.log.add_thank_you(person, round_id, **values)
        return "Logged the thank-you note."

    def add_round(self, values: dict[str, Any]) -> Outcome:
        self.log.add_round(self.application_id, **values)
        return f"Added the {' '.join(values['name'].split())} round."

    def add_reference(self, values: dict[str, Any]) -> Outcome:
        self.log.add_reference(self.application_id, **values)
        return f"Added {' '.join(values['name'].split())} as a reference."


def build_log_panel(
    log: InterviewLog, application_id: int, *, today: dt.date | None = None
) -> LogPanel:
    """The interview log's panel for one application (not displayed).

    ``today`` dates the to-do list (thank-yous due); None means the real date.
    """
    panel = LogPanel(
        widget=widgets.VBox(),
        log=log,
        application_id=application_id,
        today=today,
        forms={},
        grid_output=widgets.Output(),
        todo_output=widgets.Output(),
        rescue=widgets.VBox(),
    )
    panel.forms = _forms(panel)
    panel.forms["thank_you"].fields["channel"].value = "email"
    titles = (
        "Story told", "Interviewer", "Story", "Asked of me", "My question",
        "Fact stated", "Thank-you", "Round", "Reference",
    )  # fmt: skip
    tabs = widgets.Tab(children=[f.widget for f in panel.forms.values()], titles=titles)
    panel.widget.children = [
        panel.rescue,
        widgets.HTML("<h3>Log what happened</h3>"),
        tabs,
        widgets.HTML("<h3>Who heard which story</h3>"),
        panel.grid_output,
        widgets.HTML("<h3>To do</h3>"),
        panel.todo_output,
    ]
    panel.refresh()
    return panel


def _forms(panel: LogPanel) -> dict[str, Form]:
    """The panel's forms, keyed by what they log; each saves through one of its actions."""
    refresh, notice = panel.refresh_after_save, panel.notice
    return {
        "story_use": build_form(
            {
                "story": _dropdown("Story"),
                "interviewer": _dropdown("Interviewer"),
                "round": _dropdown("Round"),
                "landed": _text("How it landed", "e.g. they asked a follow-up on costs"),
            },
            "Log story",
            panel.log_story_use,
            after_save=refresh,
            on_error=notice,
        ),
        "interviewer": build_form(
            {
                "name": _text("Name"),
                "title": _text("Title"),
                "team": _text("Team"),
                "tenure": _text("Tenure", "e.g. 6 years there"),
                "background": _area("Background", "what you found out about them"),
                "contact": _text("Contact", "email or phone, for the thank-you"),
                "round_ids": widgets.SelectMultiple(
                    description="Rounds", style=_STYLE, layout=widgets.Layout(height="6em")
                ),
            },
            "Add interviewer",
            panel.add_interviewer,
            after_save=refresh,
            on_error=notice,
        ),
        "story": build_form(
            {
                "title": _text("Title", "a short name you will recognise"),
                "situation": _area("Situation"),
                "task": _area("Task"),
                "action": _area("Action"),
                "result": _area("Result"),
                "tags": _text("Tags", "key terms, separated by commas"),
                "metrics": _text("Metrics", "e.g. 14% to 9% in six months"),
            },
            "Add story",
            panel.add_story,
            after_save=refresh,
            on_error=notice,
        ),
        "question_asked": build_form(
            {
                "round": _dropdown("Round"),
                "interviewer": _dropdown("Asked by"),
                "text": _area("Question"),
                "category": _combobox("Category", QUESTION_CATEGORIES),
                "answer": _area("My answer", "what you said, in brief"),
                "rating": _dropdown(
                    "How it went",
                    [("1 – badly", 1), ("2", 2), ("3", 3), ("4", 4), ("5 – very well", 5)],
                ),
            },
            "Log question",
            panel.log_question_asked,
            after_save=refresh,
            on_error=notice,
        ),
        "my_question": build_form(
            {
                "text": _area("My question"),
                "category": _combobox("Category", QUESTION_CATEGORIES),
                "asked_to": _dropdown("Asked to"),
                "round": _dropdown("Round"),
                "answer": _area("Their answer"),
            },
            "Save question",
            panel.save_my_question,
            after_save=refresh,
            on_error=notice,
        ),
        "fact": build_form(
            {
                "round": _dropdown("Round"),
                "interviewer": _dropdown("Told to"),
                "topic": _combobox("Topic", FACT_TOPICS),
                "value": _text("What I said"),
            },
            "Log fact",
            panel.log_fact,
            after_save=refresh,
            on_error=notice,
        ),
        "thank_you": build_form(
            {
                "interviewer": _dropdown("To"),
                "round": _dropdown("Round"),
                "due": widgets.DatePicker(description="Due", style=_STYLE),
                "sent_on": widgets.DatePicker(description="Sent on", style=_STYLE),
                "channel": _combobox("Channel", ("email", "card", "LinkedIn message")),
                "topic": _text("Topic mentioned", "what you will remind them of"),
            },
            "Log thank-you",
            panel.log_thank_you,
            after_save=refresh,
            on_error=notice,
        ),
        "round": build_form(
            {
                "name": _combobox("Round", ("first", "second", "panel", "final")),
                "date": widgets.DatePicker(description="Date", style=_STYLE),
                "format": _combobox("Format", ("phone", "video call", "on site")),
                "agenda": _area("Agenda", "times, people, a tour..."),
            },
            "Add round",
            panel.add_round,
            after_save=refresh,
            on_error=notice,
        ),
        "reference": build_form(
            {
                "name": _text("Name"),
                "relationship": _text("Relationship", "e.g. my manager 2021–2024"),
                "contact": _text("Contact"),
                "permission": widgets.Checkbox(
                    description="They agreed to be named",
                    style=_STYLE,
                    layout=widgets.Layout(width="auto"),  # the whole label shows
                ),
                "contacted_on": widgets.DatePicker(description="Warned on", style=_STYLE),
            },
            "Add reference",
            panel.add_reference,
            after_save=refresh,
            on_error=notice,
        ),
    }


def style_story_grid(grid: pd.DataFrame) -> Styler:
    """The story × interviewer grid as a table: "told" on green where a person heard a story.

    Cells have the class ``told`` or ``not-told`` and the table ``prep-story-grid``; every name
    and title is HTML-escaped.
    """
    cells = grid.map(lambda told: "told" if told else "")
    classes = grid.map(lambda told: "told" if told else "not-told")
    return (
        cells.style.set_uuid("story-grid")
        .set_td_classes(classes)
        .format(escape="html")
        .format_index(escape="html", axis=0)
        .format_index(escape="html", axis=1)
        .set_table_attributes('class="prep-story-grid"')
        .set_table_styles(
            [
                {"selector": "td", "props": "text-align: center; min-width: 7em;"},
                {"selector": "td.told", "props": "background: #c8e6c9; font-weight: bold;"},
                {"selector": "td.not-told", "props": "background: #f5f5f5;"},
            ]
        )
    )


def todo_html(log: InterviewLog, application_id: int, *, today: dt.date | None = None) -> str:
    """What is still to do for an application, as HTML lists (escaped)."""
    sections = {
        "Thank-you notes due": [
            f"{r['interviewer']} ({r['round']} round): {r['status']}"
            + (f" – mention {r['topic']}" if r["topic"] else "")
            for r in log.thank_yous_due(application_id, today=today).to_dict("records")
        ],
        "References to contact": [
            f"{r['name']}: {r['next_step']}"
            for r in log.references_not_warned(application_id).to_dict("records")
        ],
        "Facts told differently": _conflict_lines(log.fact_conflicts(application_id)),
        "Questions to rehearse": [
            f"{r['text']} ({r['interviewer']}, rated {r['rating']}/5)"
            for r in log.questions_to_rehearse(application_id).to_dict("records")
        ],
        "Your questions not yet asked": list(log.unasked_questions(application_id)["text"]),
        "Checklist": [
            f"{r['item']} ({r['round']} round)"
            for r in log.checklist(application_id).to_dict("records")
            if not r["done"]
        ],
    }
    parts = []
    for heading, lines in sections.items():
        items = "".join(f"<li>{html_text(line)}</li>" for line in lines) or "<li>nothing</li>"
        parts.append(f"<h4>{html_text(heading)}</h4><ul>{items}</ul>")
    return '<div class="prep-log-todo">' + "".join(parts) + "</div>"


def show_warning(label: widgets.HTML, lines: Sequence[str]) -> None:
    """Show warnings beside a button: a warning sign and the lines, escaped."""
    text = "<br>".join(html_text(line) for line in lines)
    label.value = (
        f'<span class="{REPEAT_WARNING_CLASS}" role="status" style="color:#8a4b00">⚠ {text}</span>'
    )


def _conflict_lines(conflicts: pd.DataFrame) -> list[str]:
    return [
        f"{topic}: " + "; ".join(f"“{r.value}” to {r.interviewer}" for r in group.itertuples())
        for topic, group in conflicts.groupby(conflicts["topic"].str.casefold(), sort=False)
    ]


def _chosen(values: dict[str, Any], field: str) -> int:
    """The id picked in a dropdown, or a ``FieldError`` asking to pick one."""
    value = values.pop(field)
    if value is None:
        raise FieldError(field, f"Choose the {field.replace('_', ' ')} from the list.")
    return int(value)


def _set_options(dropdown: widgets.Dropdown, options: list[tuple[str, Any]]) -> None:
    """Replace a dropdown's options, keeping what was picked when it is still there."""
    if list(dropdown.options) == options:
        return
    kept = dropdown.value
    values = [value for _, value in options]
    dropdown.options = options
    if isinstance(dropdown, widgets.SelectMultiple):
        dropdown.value = tuple(v for v in kept if v in values)
    else:
        dropdown.value = kept if kept in values else None


def _dropdown(label: str, options: Sequence[tuple[str, Any]] = ()) -> widgets.Dropdown:
    return widgets.Dropdown(
        description=label, options=list(options), value=None, style=_STYLE, layout=_WIDE
    )


def _text(label: str, placeholder: str = "") -> widgets.Text:
    return widgets.Text(description=label, placeholder=placeholder, style=_STYLE, layout=_WIDE)


def _area(label: str, placeholder: str = "") -> widgets.Textarea:
    return widgets.Textarea(
        description=label,
        placeholder=placeholder,
        style=_STYLE,
        layout=widgets.Layout(width="46em", height="4.5em"),
    )


def _combobox(label: str, options: Sequence[str]) -> widgets.Combobox:
    return widgets.Combobox(
        description=label, options=list(options), ensure_option=False, style=_STYLE, layout=_WIDE
    )
