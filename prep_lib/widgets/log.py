"""The interview log's panel: forms to log what happened (and to correct or delete it), the story
grid, and the to-do list.

``build_log_panel(log, application_id)`` returns a ``LogPanel`` without displaying it (a cell
that ends with it shows it). Its ``forms`` (``prep_lib.widgets.log_forms``) are keyed by what
they log; each has labelled ``fields`` (keyed like the log method's arguments), a ``button``, a
``message`` line and an ``entry`` picker: "New …" adds, an entry of the log is corrected or
deleted. An error appears beside the input that caused it and the form keeps what was typed;
after a save the grid, the to-do list and every dropdown are brought up to date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import ipywidgets as widgets
import pandas as pd
from IPython.display import HTML
from pandas.io.formats.style import Styler

from prep_lib.errors import PrepError
from prep_lib.log import DamagedLogError, InterviewLog
from prep_lib.plan import checklist_entries, next_round
from prep_lib.text import html_text
from prep_lib.widgets.common import Panel, render
from prep_lib.widgets.company import CompanyPanel, build_company_panel
from prep_lib.widgets.forms import WARNING_CLASS, Form, set_options, show_warning
from prep_lib.widgets.log_forms import TITLES, build_log_forms
from prep_lib.widgets.rescue import RescuePanel, build_rescue_panel

REPEAT_WARNING_CLASS = WARNING_CLASS
__all__ = ["LogPanel", "build_log_panel", "show_warning", "style_story_grid", "todo_html"]


@dataclass(eq=False)
class LogPanel(Panel):
    """The forms, the story × interviewer grid and the to-do list of one application.

    Build it with ``build_log_panel``; ``forms`` are keyed by what they log.
    """

    log: InterviewLog
    application_id: int
    today: dt.date | None
    forms: dict[str, Form]
    tabs: widgets.Tab
    grid_output: widgets.Output
    todo_output: widgets.Output
    rescue: widgets.VBox  # empty until the log turns out damaged: then the rescue panel
    company: CompanyPanel | None = None  # research, people, round tasks, news (set on building)
    rescue_panel: RescuePanel | None = None

    def notice(self, error: PrepError) -> None:
        """Show the rescue panel when an error says the log is damaged."""
        if isinstance(error, DamagedLogError) and self.rescue_panel is None:
            self.rescue_panel = build_rescue_panel(error.path, error.problem)
            self.rescue.children = [self.rescue_panel.widget]

    def refresh_after_save(self) -> None:
        try:
            self.refresh()
        except PrepError as error:
            self.notice(error)

    def refresh(self) -> None:
        """Bring the dropdowns, the entry pickers, the grid and the to-do list up to date."""
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
                    set_options(field, story_options)
                elif name in ("interviewer", "asked_to"):
                    blank = [("not asked yet", None)] if name == "asked_to" else []
                    set_options(field, blank + people_options)
                elif name in ("round", "round_ids"):
                    blank = [("–", None)] if key == "my_question" else []
                    set_options(field, blank + round_options)
            form.refresh_entries()
        if self.company is not None:
            self.company.refresh()
        render(self.grid_output, style_story_grid(log.story_rounds(app)))
        render(self.todo_output, HTML(todo_html(log, app, today=self.today)))  # type: ignore[no-untyped-call]


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
        tabs=widgets.Tab(),
        grid_output=widgets.Output(),
        todo_output=widgets.Output(),
        rescue=widgets.VBox(),
    )
    panel.forms = build_log_forms(panel)
    panel.company = build_company_panel(
        log, application_id, after_save=panel.refresh_after_save, on_error=panel.notice
    )
    for key, form in panel.forms.items():
        form.widget.add_class(f"prep-form-{key}")
    panel.forms["thank_you"].fields["channel"].value = "email"
    panel.forms["thank_you"].defaults["channel"] = "email"
    panel.tabs.children = [f.widget for f in panel.forms.values()]
    panel.tabs.titles = [TITLES[key] for key in panel.forms]
    panel.widget.children = [
        panel.rescue,
        widgets.HTML(
            "<h3>Log what happened</h3><small>Each tab adds an entry. To correct or delete "
            "one, pick it under <b>Entry</b>.</small>"
        ),
        panel.tabs,
        widgets.HTML("<h3>Who heard which story, and in which round</h3>"),
        panel.grid_output,
        widgets.HTML("<h3>To do</h3>"),
        panel.todo_output,
        widgets.HTML("<h3>The company and the people you know there</h3>"),
        panel.company.widget,
    ]
    panel.refresh()
    return panel


def style_story_grid(grid: pd.DataFrame) -> Styler:
    """The story × interviewer grid as a table, green where a person heard a story.

    ``grid`` is ``story_rounds`` (the rounds each story was told in) or ``story_grid`` (True
    where told). Cells have the class ``told`` or ``not-told`` and the table
    ``prep-story-grid``; every name and title is HTML-escaped.
    """
    cells = grid.map(lambda told: "told" if told is True else (told or ""))
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
    """What is still to do for an application, as HTML lists (escaped). The checklist is the
    next round's, as the plan (notebook 04) shows it."""
    round_id = next_round(log, application_id, today)
    checklist = checklist_entries(log, application_id, round_id) if round_id else []
    round_name = (
        str(log.rounds(application_id).set_index("id").loc[round_id, "name"]) if round_id else ""
    )
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
        f"Checklist for the {round_name} round" if round_name else "Checklist": [
            entry.text + (f" (by {entry.due})" if entry.due else "")
            for entry in checklist
            if not entry.done
        ],
    }
    parts = []
    for heading, lines in sections.items():
        items = "".join(f"<li>{html_text(line)}</li>" for line in lines) or "<li>nothing</li>"
        parts.append(f"<h4>{html_text(heading)}</h4><ul>{items}</ul>")
    return '<div class="prep-log-todo">' + "".join(parts) + "</div>"


def _conflict_lines(conflicts: pd.DataFrame) -> list[str]:
    return [
        f"{topic}: " + "; ".join(f"“{r.value}” to {r.interviewer}" for r in group.itertuples())
        for topic, group in conflicts.groupby(conflicts["topic"].str.casefold(), sort=False)
    ]
