"""The interview log panel's forms: one per kind of entry, each adding a new entry or correcting
and deleting one already in the log (``prep_lib.widgets.forms``).

``build_log_forms(panel)`` returns them keyed by what they log: ``story_use``, ``interviewer``,
``story``, ``question_asked``, ``my_question``, ``fact``, ``thank_you``, ``round``,
``reference`` (the checklist's form is in the plan's panel, beside the list it adds to).
Fields are keyed like the log method's arguments; what was typed stays when an error shows
beside its input.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from prep_lib.log import FieldError
from prep_lib.widgets.common import fit
from prep_lib.widgets.forms import (
    STYLE,
    Editing,
    Form,
    Outcome,
    area,
    combobox,
    date_picker,
    dropdown,
    form_maker,
    log_editing,
    text,
)

if TYPE_CHECKING:
    from prep_lib.widgets.log import LogPanel

FACT_TOPICS = (
    "team size", "reason for leaving", "salary expectation", "current salary", "start date",
    "notice period", "years of experience", "willing to relocate",
)  # fmt: skip
QUESTION_CATEGORIES = (
    "behavioral", "technical", "motivation", "salary", "the role", "the team", "culture",
    "process",
)  # fmt: skip
TITLES = {
    "story_use": "Story told", "interviewer": "Interviewer", "story": "Story",
    "question_asked": "Asked of me", "my_question": "My question", "fact": "Fact stated",
    "thank_you": "Thank-you", "round": "Round", "reference": "Reference",
}  # fmt: skip


def chosen(values: dict[str, Any], field: str) -> int:
    """The id picked in a dropdown, or a ``FieldError`` asking to pick one."""
    value = values.pop(field)
    if value is None:
        raise FieldError(field, f"Choose the {field.replace('_', ' ')} from the list.")
    return int(value)


def build_log_forms(panel: LogPanel) -> dict[str, Form]:
    """The panel's forms, keyed by what they log."""
    log, app = panel.log, panel.application_id
    refresh, notice = panel.refresh_after_save, panel.notice

    form = form_maker(log, after_save=refresh, on_error=notice)

    def editing(
        table: str,
        noun: str,
        entries: Callable[[], list[tuple[str, int]]],
        *,
        locked: tuple[str, ...] = (),
        load: Callable[[int], dict[str, Any]] | None = None,
        save: Callable[[int, dict[str, Any]], Outcome] | None = None,
    ) -> Editing:
        """Entries read with their parents (the round and person an entry belongs to)."""
        return log_editing(
            log,
            table,
            noun,
            entries,
            load=load or (lambda entry: _with_parents(log.entry(table, entry))),
            save=save,
            locked=locked,
        )

    # -- what each form adds -----------------------------------------------------------------

    def log_story_use(values: dict[str, Any]) -> Outcome:
        story, person = chosen(values, "story"), chosen(values, "interviewer")
        warnings = log.record_story_use(story, person, chosen(values, "round"), **values)
        if warnings:
            return ["Logged, but note:", *warnings]
        fields = panel.forms["story_use"].fields
        return f"Logged: {fields['interviewer'].label} heard “{fields['story'].label}”."

    def add_interviewer(values: dict[str, Any]) -> Outcome:
        log.add_interviewer(app, **values)
        return f"Added {' '.join(values['name'].split())}."

    def add_story(values: dict[str, Any]) -> Outcome:
        log.add_story(**values)
        return f"Added the story “{' '.join(values['title'].split())}”."

    def log_question_asked(values: dict[str, Any]) -> Outcome:
        round_id, person = chosen(values, "round"), chosen(values, "interviewer")
        if values["rating"] is None:
            raise FieldError("rating", "Choose how it went, from 1 (badly) to 5 (very well).")
        log.add_question_asked_of_me(round_id, person, **values)
        return "Logged the question."

    def save_my_question(values: dict[str, Any]) -> Outcome:
        round_id = values.pop("round")
        log.add_my_question(app, round_id=round_id, **values)
        return "Saved your question." if round_id is None else "Logged your question."

    def edit_my_question(entry: int, values: dict[str, Any]) -> Outcome:
        with log.transaction():
            log.edit("my_question", entry, text=values["text"], category=values["category"])
            person, round_id = values["asked_to"], values["round"]
            if (person is None) != (round_id is None):
                raise FieldError("round", "Say both whom you asked and in which round, or neither.")
            if person is not None:
                asks = log.my_questions(app)
                same = asks[
                    (asks["id"] == entry)
                    & (asks["asked_to_id"] == person)
                    & (asks["round_id"] == round_id)
                ]
                if same.empty:
                    log.record_my_question_asked(entry, person, round_id, answer=values["answer"])
                else:
                    log.edit(
                        "my_question_ask", int(same.iloc[0]["ask_id"]), answer=values["answer"]
                    )
        return "Saved the changes to your question."

    def load_my_question(entry: int) -> dict[str, Any]:
        values = log.entry("my_question", entry)
        asks = log.my_questions(app)
        asked = asks[(asks["id"] == entry) & asks["asked_to_id"].notna()]
        first = asked.iloc[0] if not asked.empty else None
        values["asked_to"] = None if first is None else int(first["asked_to_id"])
        values["round"] = None if first is None else int(first["round_id"])
        values["answer"] = "" if first is None else first["answer"]
        return values

    def log_fact(values: dict[str, Any]) -> Outcome:
        round_id, person = chosen(values, "round"), chosen(values, "interviewer")
        log.add_fact(round_id, person, **values)
        return "Logged the fact."

    def log_thank_you(values: dict[str, Any]) -> Outcome:
        person, round_id = chosen(values, "interviewer"), chosen(values, "round")
        log.add_thank_you(person, round_id, **values)
        return "Logged the thank-you note."

    def add_round(values: dict[str, Any]) -> Outcome:
        log.add_round(app, **values)
        return f"Added the {' '.join(values['name'].split())} round."

    def add_reference(values: dict[str, Any]) -> Outcome:
        log.add_reference(app, **values)
        return f"Added {' '.join(values['name'].split())} as a reference."

    # -- the entries each form can correct ---------------------------------------------------

    def uses() -> list[tuple[str, int]]:
        rows = log.story_uses(app).to_dict("records")
        return [(f"“{r['story']}” to {r['interviewer']} ({r['round']})", r["id"]) for r in rows]

    def people() -> list[tuple[str, int]]:
        return _pairs(log.interviewers(app), "name")

    def stories() -> list[tuple[str, int]]:
        return _pairs(log.stories(), "title")

    def asked() -> list[tuple[str, int]]:
        rows = log.questions_asked_of_me(app).to_dict("records")
        return [(f"{short(r['text'])} ({r['interviewer']}, {r['round']})", r["id"]) for r in rows]

    def mine() -> list[tuple[str, int]]:
        rows = log.my_questions(app).drop_duplicates("id").to_dict("records")
        return [(short(r["text"]), r["id"]) for r in rows]

    def facts() -> list[tuple[str, int]]:
        rows = log.facts(app).to_dict("records")
        return [(f"{r['topic']}: {short(r['value'])} ({r['interviewer']})", r["id"]) for r in rows]

    def notes() -> list[tuple[str, int]]:
        rows = log.thank_yous(app).to_dict("records")
        return [
            (f"to {r['interviewer']} ({r['round']} round, {r['status']})", r["id"]) for r in rows
        ]

    def rounds() -> list[tuple[str, int]]:
        return _pairs(log.rounds(app), "name")

    def references() -> list[tuple[str, int]]:
        return _pairs(log.references(app), "name")

    rating = [("1 – badly", 1), ("2", 2), ("3", 3), ("4", 4), ("5 – very well", 5)]
    return {
        "story_use": form(
            {
                "story": dropdown("Story"),
                "interviewer": dropdown("Interviewer"),
                "round": dropdown("Round"),
                "landed": text("How it landed", "e.g. they asked a follow-up on costs"),
            },
            "Log story",
            log_story_use,
            editing("story_use", "story told", uses, locked=("story", "interviewer", "round")),
        ),
        "interviewer": form(
            {
                "name": text("Name"),
                "title": text("Title"),
                "team": text("Team"),
                "tenure": text("Tenure", "e.g. 6 years there"),
                "background": area("Background", "what you found out about them"),
                "contact": text("Contact", "email or phone, for the thank-you"),
                "round_ids": widgets.SelectMultiple(
                    description="Rounds", style=STYLE, layout=widgets.Layout(height="6em")
                ),
            },
            "Add interviewer",
            add_interviewer,
            editing("interviewer", "interviewer", people),
        ),
        "story": form(
            {
                "title": text("Title", "a short name you will recognise"),
                "situation": area("Situation"),
                "task": area("Task"),
                "action": area("Action"),
                "result": area("Result"),
                "tags": text("Tags", "key terms, separated by commas"),
                "metrics": text("Metrics", "e.g. 14% to 9% in six months"),
            },
            "Add story",
            add_story,
            editing("story", "story", stories),
        ),
        "question_asked": form(
            {
                "round": dropdown("Round"),
                "interviewer": dropdown("Asked by"),
                "text": area("Question"),
                "category": combobox("Category", QUESTION_CATEGORIES),
                "answer": area("My answer", "what you said, in brief"),
                "rating": dropdown("How it went", rating),
            },
            "Log question",
            log_question_asked,
            editing("question_asked", "question", asked, locked=("round", "interviewer")),
        ),
        "my_question": form(
            {
                "text": area("My question"),
                "category": combobox("Category", QUESTION_CATEGORIES),
                "asked_to": dropdown("Asked to"),
                "round": dropdown("Round"),
                "answer": area("Their answer"),
            },
            "Save question",
            save_my_question,
            editing(
                "my_question",
                "question of yours",
                mine,
                load=load_my_question,
                save=edit_my_question,
            ),
        ),
        "fact": form(
            {
                "round": dropdown("Round"),
                "interviewer": dropdown("Told to"),
                "topic": combobox("Topic", FACT_TOPICS),
                "value": text("What I said"),
            },
            "Log fact",
            log_fact,
            editing("fact", "fact", facts, locked=("round", "interviewer")),
        ),
        "thank_you": form(
            {
                "interviewer": dropdown("To"),
                "round": dropdown("Round"),
                "due": date_picker("Due"),
                "sent_on": date_picker("Sent on"),
                "channel": combobox("Channel", ("email", "card", "LinkedIn message")),
                "topic": text("Topic mentioned", "what you will remind them of"),
            },
            "Log thank-you",
            log_thank_you,
            editing("thank_you", "thank-you note", notes, locked=("interviewer", "round")),
        ),
        "round": form(
            {
                "name": combobox("Round", ("first", "second", "panel", "final")),
                "date": date_picker("Date"),
                "format": combobox("Format", ("phone", "video call", "on site")),
                "agenda": area("Agenda", "times, people, a tour..."),
            },
            "Add round",
            add_round,
            editing("round", "round", rounds),
        ),
        "reference": form(
            {
                "name": text("Name"),
                "relationship": text("Relationship", "e.g. my manager 2021–2024"),
                "contact": text("Contact"),
                "permission": _checkbox("They agreed to be named"),
                "contacted_on": date_picker("Warned on"),
                "approached_by_employer": _checkbox("The employer contacted them"),
                "asked_about": area("They were asked", "what the employer asked them about"),
            },
            "Add reference",
            add_reference,
            editing("reference", "reference", references),
        ),
    }


def _with_parents(values: dict[str, Any]) -> dict[str, Any]:
    """An entry's values with the ids it belongs to named like the forms' dropdowns."""
    for column, field in (("story_id", "story"), ("interviewer_id", "interviewer"),
                          ("round_id", "round")):  # fmt: skip
        if column in values:
            values[field] = values.pop(column)
    return values


def _pairs(frame: Any, column: str) -> list[tuple[str, int]]:
    return [(str(label), int(i)) for label, i in zip(frame[column], frame["id"], strict=True)]


def short(text: str, most: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= most else text[: most - 1] + "…"


def _checkbox(label: str) -> widgets.Checkbox:
    return widgets.Checkbox(description=label, style=STYLE, layout=fit())  # the whole label shows
