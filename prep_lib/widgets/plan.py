"""The second-interview plan's panel: the plan, the checklist, the rehearsal drill, thank-you notes.

``build_plan_panel(log, application_id)`` returns a ``PlanPanel`` without displaying it. Choosing
an application or a round rebuilds the plan. Ticking a checklist item, saving a rehearsal rating
or marking a thank-you note sent writes to the log (these are the panel's only writes: building
the plan reads) and rebuilds the plan, so what is shown is always what the log says. The export
buttons write to the data folder's ``plans``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from prep_lib.errors import LogError
from prep_lib.log import InterviewLog
from prep_lib.matching import MatchReport
from prep_lib.plan import (
    ChecklistEntry,
    Plan,
    RehearsalItem,
    ThankYouDraft,
    build_plan,
    next_round,
)
from prep_lib.plan.pitch import WORDS_PER_MINUTE, duration_text, word_budget, word_count
from prep_lib.rehearsal import check_star
from prep_lib.text import html_text
from prep_lib.widgets.common import Panel, fit, guarded, markdown, message_label, render, show_ok
from prep_lib.widgets.forms import STYLE, Editing, Form, area, build_form
from prep_lib.widgets.links import show_saved
from prep_lib.widgets.rounds import (
    LettersTab,
    PresentationRehearsal,
    build_letters_tab,
    build_presentation_rehearsal,
    pitch_items,
    show_letters,
)

if TYPE_CHECKING:
    from prep_lib.salary import Ask

NO_ROUNDS = (
    "This application has no rounds yet: add its next round in the interview log (notebook 03, "
    "or tab 3 of the app)."
)
TARGET_SECONDS = 120  # a spoken STAR answer of about two minutes
TAB_TITLES = (
    "Plan", "Checklist", "Rehearse", "Pitch", "Presentation", "Thank-you notes", "Letters",
    "Export",
)  # fmt: skip
_STYLE = {"description_width": "9em"}
_WIDE = widgets.Layout(width="min(46em, 95%)")


@dataclass(eq=False)
class Drill(Panel):
    """One question at a time with a running clock; checks a typed answer for the STAR parts
    and saves a self-rating (through ``save``), so the weakest answers come back first."""

    position: widgets.HTML
    question: widgets.HTML
    hint: widgets.HTML
    clock: widgets.Play
    seconds: widgets.IntProgress
    answer: widgets.Textarea
    check_button: widgets.Button
    feedback: widgets.HTML
    rating: widgets.ToggleButtons
    save_button: widgets.Button
    message: widgets.HTML
    previous_button: widgets.Button
    next_button: widgets.Button
    save: Callable[[RehearsalItem, int, str], None]  # logs (question, rating, answer)
    items: list[RehearsalItem] = field(default_factory=list)
    index: int = 0

    def load(self, items: Sequence[RehearsalItem]) -> None:
        """Take the plan's questions (weakest first); stay on the same question if it is there."""
        current = self.items[self.index].question if self.items else None
        self.items = list(items)
        questions = [item.question for item in self.items]
        self.show(questions.index(current) if current in questions else 0, keep_answer=True)

    def show(self, index: int, *, keep_answer: bool = False) -> None:
        if not self.items:
            self.question.value = "<b>Nothing to rehearse for this round.</b>"
            return
        self.index = index % len(self.items)
        item = self.items[self.index]
        self.position.value = f"Question {self.index + 1} of {len(self.items)}"
        self.seconds.max = item.seconds
        self.seconds.description = duration_text(item.seconds)
        self.question.value = f"<h3>{html_text(item.question)}</h3>"
        hint = item.why + (f" {item.advice}" if item.advice else "")
        if item.story:
            hint += f" Try the story “{item.story.title}”."
        self.hint.value = f"<i>{html_text(hint)}</i>"
        if not keep_answer:
            self.answer.value = ""
            self.feedback.value = ""
            self.rating.value = None
            self.message.value = ""
            # a new question restarts the clock (toggled, so a drawn clock notices)
            self.clock.playing = False
            self.clock.value = 0
            self.clock.playing = True

    def check(self) -> None:
        """Show which STAR parts the answer has and what to add."""
        if not self.answer.value.strip():
            self.feedback.value = "Type your answer, or its key points, then check it."
            return
        took = int(self.clock.value)  # seconds counted in the browser since the clock started
        item = self.items[self.index] if self.items else None
        if item is not None and item.script:
            self.clock.playing = False
            self.feedback.value = pitch_feedback(self.answer.value, item, took)
            return
        result = check_star(self.answer.value)
        parts = [
            f"{'✓' if getattr(result, part) else '✗'} {part}"
            for part in ("situation", "task", "action", "result", "measurable")
        ]
        lines = "".join(f"<li>{html_text(line)}</li>" for line in result.feedback())
        self.clock.playing = False
        timing = (
            f"You took {took // 60} min {took % 60} s; aim for about two minutes."
            if took
            else "Start the clock (▶) next time to see how long your answer takes."
        )
        self.feedback.value = (
            f"<div class='prep-star'><b>{' · '.join(parts)}</b><ul>{lines}</ul>"
            f"<small>{timing}</small></div>"
        )

    def save_rating(self) -> None:
        """Log the self-rating (and the answer) for this question."""
        if not self.items:
            return
        item, rating, answer = self.items[self.index], self.rating.value, self.answer.value

        def save() -> None:
            if rating is None:
                raise LogError("Pick how it went, from 1 (badly) to 5 (very well), then save.")
            self.save(item, rating, answer)

        if guarded(self.message, save):
            show_ok(self.message, f"Saved {rating}/5 for this question.")


def pitch_feedback(answer: str, item: RehearsalItem, took: int) -> str:
    """How a said (or typed) pitch compares with its length: words and time."""
    words = word_count(answer)
    budget = word_budget(item.seconds)
    verdict = "within" if words <= budget else f"{words - budget} words over"
    timing = (
        f"You took {took // 60} min {took % 60} s of {duration_text(item.seconds)}."
        if took
        else "Start the clock (▶) next time to see how long it takes."
    )
    return (
        f"<div class='prep-pitch-check'><b>{words} words: {html_text(verdict)} the "
        f"{budget}-word budget</b> ({WORDS_PER_MINUTE} words a minute).<br>"
        f"<small>{html_text(timing)}</small></div>"
    )


def build_drill(save: Callable[[RehearsalItem, int, str], None]) -> Drill:
    """An empty drill (``load`` gives it questions); ``save`` logs a rating."""
    # The clock runs in the browser (Play counts seconds there), so it never waits on Python.
    clock = widgets.Play(interval=1000, max=30 * 60, show_repeat=False, description="Clock")
    seconds = widgets.IntProgress(
        max=TARGET_SECONDS, description="Two minutes", style=_STYLE, bar_style="info"
    )
    widgets.jslink((clock, "value"), (seconds, "value"))
    clock_hint = widgets.HTML("<small>Press ▶ when you start answering.</small>")
    parts: dict[str, Any] = {
        "position": widgets.HTML(),
        "question": widgets.HTML(),
        "hint": widgets.HTML(),
        "answer": widgets.Textarea(
            description="Your answer",
            placeholder="Say it aloud, or type it or the key points here",
            rows=7,
            style=_STYLE,
            layout=_WIDE,
        ),
        "check_button": widgets.Button(description="Check my answer", button_style="primary"),
        "feedback": widgets.HTML(),
        "rating": widgets.ToggleButtons(
            options=[("1", 1), ("2", 2), ("3", 3), ("4", 4), ("5", 5)],
            value=None,
            description="How did it go?",
            tooltips=["badly", "weak", "fair", "good", "very good"],
            style={**_STYLE, "button_width": "3em"},
            layout=fit(),
        ),
        "save_button": widgets.Button(description="Save rating"),
        "message": message_label(),
        "previous_button": widgets.Button(description="Previous question"),
        "next_button": widgets.Button(description="Next question"),
    }
    p = parts
    box = widgets.VBox(
        [
            p["position"],
            p["question"],
            p["hint"],
            widgets.HBox([clock, seconds, clock_hint]),
            p["answer"],
            p["check_button"],
            p["feedback"],
            p["rating"],
            p["save_button"],
            p["message"],
            widgets.HBox([p["previous_button"], p["next_button"]]),
        ]
    )
    drill = Drill(widget=box, clock=clock, seconds=seconds, save=save, **parts)
    drill.check_button.on_click(lambda _b: drill.check())
    drill.save_button.on_click(lambda _b: drill.save_rating())
    drill.previous_button.on_click(lambda _b: drill.show(drill.index - 1))
    drill.next_button.on_click(lambda _b: drill.show(drill.index + 1))
    return drill


@dataclass(eq=False)
class ThankYouEditor(Panel):
    """One thank-you draft: the topic you discussed (redrafts the note), the note (your edits
    are kept in the log through ``keep_text_action``, so the saved plan holds them), Mark sent
    (which calls ``mark_sent_action`` with the draft)."""

    draft: ThankYouDraft
    heading: widgets.HTML
    topic: widgets.Text
    body: widgets.Textarea
    sent_button: widgets.Button
    message: widgets.HTML
    mark_sent_action: Callable[[ThankYouDraft], None]
    keep_text_action: Callable[[ThankYouDraft], ThankYouDraft]

    def redraft(self, topic: str) -> None:
        self.draft = self.draft.with_topic(topic)
        self.body.value = self.draft.text

    def keep_text(self, text: str) -> None:
        """Keep the note as it now reads (an edit, or the draft again)."""
        draft = self.draft.with_text(text)
        if draft.note == self.draft.note:
            return
        kept: list[ThankYouDraft] = []
        if guarded(self.message, lambda: kept.append(self.keep_text_action(draft))):
            self.draft = kept[0]
            show_ok(self.message, "Your edits are kept: saving the plan saves this text.")

    def mark_sent(self) -> None:
        draft = self.draft
        guarded(self.message, lambda: self.mark_sent_action(draft))


def build_thank_you_editor(
    draft: ThankYouDraft,
    mark_sent: Callable[[ThankYouDraft], None],
    keep_text: Callable[[ThankYouDraft], ThankYouDraft] = lambda draft: draft,
) -> ThankYouEditor:
    status = f"sent on {draft.sent_on}" if draft.sent_on else f"send by {draft.due or '—'}"
    heading = widgets.HTML(f"<b>{html_text(draft.name)}</b> ({status})")
    topic = widgets.Text(
        value=draft.topic,
        description="Topic discussed",
        continuous_update=False,
        style=_STYLE,
        layout=_WIDE,
    )
    body = widgets.Textarea(
        value=draft.text,
        description="Note",
        continuous_update=False,
        rows=12,
        style=_STYLE,
        layout=_WIDE,
    )
    sent = widgets.Button(
        description="Mark as sent", disabled=bool(draft.sent_on), button_style="success"
    )
    message = message_label()
    editor = ThankYouEditor(
        widget=widgets.VBox(
            [heading, topic, body, widgets.HBox([sent, message])],
            layout=widgets.Layout(margin="0 0 1.5em 0"),
        ),
        draft=draft,
        heading=heading,
        topic=topic,
        body=body,
        sent_button=sent,
        message=message,
        mark_sent_action=mark_sent,
        keep_text_action=keep_text,
    )
    topic.observe(lambda change: editor.redraft(change["new"]), names="value")
    body.observe(lambda change: editor.keep_text(change["new"]), names="value")
    sent.on_click(lambda _b: editor.mark_sent())
    return editor


@dataclass(eq=False)
class PlanPanel(Panel):
    """Application and round pickers above tabs: Plan, Checklist, Rehearse, Thank-you notes,
    Export. Build it with ``build_plan_panel``."""

    log: InterviewLog
    today: dt.date
    match_report: MatchReport | None
    ask: Ask | None
    company_postings: Sequence[str] | Mapping[str, str]
    candidate: str
    application: widgets.Dropdown
    round: widgets.Dropdown
    message: widgets.HTML
    tabs: widgets.Tab
    plan_output: widgets.Output
    checklist_box: widgets.VBox
    checklist_form: Form
    drill: Drill
    pitch_drill: Drill
    presentation: PresentationRehearsal
    letters: LettersTab
    thank_you_box: widgets.VBox
    export_buttons: dict[str, widgets.Button]
    export_message: widgets.HTML
    plan: Plan | None = None
    checkboxes: list[widgets.Checkbox] = field(default_factory=list)
    thank_you_editors: list[ThankYouEditor] = field(default_factory=list)
    filling: bool = False  # the round picker is being refilled: no rebuild for each step
    resume: str = ""  # the resume's text, whose summary opens the pitch

    def add_news(self, text: str) -> None:
        """Log news for the follow-up letter, then rebuild."""
        self.log.add_news(self.application.value, text=text, noted_on=self.today)
        self.rebuild()

    def fill_rounds(self, round_id: int | None = None) -> None:
        """Offer the rounds of the chosen application and pick ``round_id`` (None: the next
        round by date, else the last)."""
        rounds = self.log.rounds(self.application.value).to_dict("records")
        options = [(f"{r['name']} ({r['date'] or 'no date'})", int(r["id"])) for r in rounds]
        default = round_id or next_round(self.log, self.application.value, self.today)
        self.filling = True
        try:
            self.round.options = options
            self.round.value = default
        finally:
            self.filling = False
        if options:
            self.rebuild()
        else:
            render(self.plan_output, NO_ROUNDS)

    def rebuild(self) -> None:
        """Build the plan for the chosen round again from the log and show it everywhere."""
        round_id = self.round.value
        if round_id is None:
            return
        built: list[Plan] = []

        def build() -> None:
            built.append(
                build_plan(
                    self.log,
                    self.application.value,
                    round_id,
                    match_report=self.match_report,
                    ask=self.ask,
                    company_postings=self.company_postings,
                    candidate=self.candidate,
                    resume=self.resume,
                    today=self.today,
                )
            )

        if not guarded(self.message, build):
            return
        self.plan = plan = built[0]
        render(self.plan_output, markdown(plan.to_markdown()))
        rows = [self._checklist_row(entry) for entry in plan.checklist]
        self.checkboxes = [box for box, _ in rows]
        self.checklist_form.refresh_entries()
        self.checklist_box.children = [
            *(row for _, row in rows),
            widgets.HTML("<h4>Your own items</h4><small>Add something to do before this round, "
                         "or pick one of yours under <b>Entry</b> to correct or delete it."
                         "</small>"),
            self.checklist_form.widget,
        ]  # fmt: skip
        self.drill.load(plan.rehearse)
        self.pitch_drill.load(pitch_items(plan.pitches))
        self.presentation.load(plan.tasks)
        show_letters(self.letters, plan.letters)
        self.thank_you_editors = [
            build_thank_you_editor(draft, self.mark_sent, self.keep_note)
            for draft in plan.thank_yous
        ]
        self.thank_you_box.children = [e.widget for e in self.thank_you_editors] or [
            widgets.HTML("No interviewers are logged for this round yet.")
        ]

    def tick(self, entry: ChecklistEntry, done: bool) -> None:
        """Tick (or untick) a checklist item in the log, adding a standard item the log does
        not hold yet, then rebuild."""
        round_id = self.round.value

        def save() -> None:
            with self.log.transaction():
                item_id = entry.item_id
                if item_id is None:
                    (item_id,) = self.log.ensure_checklist(round_id, [entry.text])
                self.log.mark_checklist_done(item_id, done=done)

        if guarded(self.message, save):
            self.rebuild()

    def save_rating(self, item: RehearsalItem, rating: int, answer: str) -> None:
        self.log.record_rehearsal(
            self.application.value,
            question=item.question,
            answer=answer,
            rating=rating,
            on=self.today,
        )

    def mark_sent(self, draft: ThankYouDraft) -> None:
        """Log a thank-you note as sent today (adding it when the log has none), then rebuild."""
        if draft.thank_you_id is not None:
            self.log.mark_thank_you_sent(draft.thank_you_id, sent_on=self.today)
        else:
            self.log.add_thank_you(
                draft.interviewer_id,
                self.round.value,
                due=draft.due,
                sent_on=self.today,
                topic=draft.topic,
            )
        self.rebuild()

    def keep_note(self, draft: ThankYouDraft) -> ThankYouDraft:
        """Keep a thank-you note's text as edited in the log (a note is logged for the person
        when there is none yet), and in the plan that is saved; return the draft as kept."""
        plan = self.plan
        if draft.thank_you_id is not None:
            self.log.edit("thank_you", draft.thank_you_id, note=draft.note)
        elif draft.note:
            note_id = self.log.add_thank_you(
                draft.interviewer_id,
                self.round.value,
                due=draft.due or self.today,
                topic=draft.topic,
                note=draft.note,
            )
            draft = replace(draft, thank_you_id=note_id)
        if plan is not None:
            plan.thank_yous = [
                draft if d.interviewer_id == draft.interviewer_id else d for d in plan.thank_yous
            ]
            render(self.plan_output, markdown(plan.to_markdown()))
        return draft

    def export(self, kind: str) -> None:
        """Write one format of the plan to the data folder and say where, with a link."""
        plan = self.plan
        if plan is None:
            return
        saved = {}

        def save() -> None:
            saved.update(plan.save(formats=(kind,)))

        if guarded(self.export_message, save):
            show_saved(
                self.export_message,
                [saved[kind]],
                note="A plan you change is saved beside the earlier one, never over it.",
            )

    def _checklist_row(self, entry: ChecklistEntry) -> tuple[widgets.Checkbox, widgets.HBox]:
        box = widgets.Checkbox(
            value=entry.done,
            description=entry.text,
            indent=False,
            disabled=entry.shown_by_log,
            layout=fit(),
        )
        note = widgets.HTML(
            f"<small>{html_text(entry.note)}{f' · by {entry.due}' if entry.due else ''}</small>"
        )
        box.observe(lambda change: self.tick(entry, bool(change["new"])), names="value")
        return box, widgets.HBox([box, note], layout=widgets.Layout(align_items="center"))


def build_plan_panel(
    interview_log: InterviewLog,
    application_id: int,
    round_id: int | None = None,
    *,
    match_report: MatchReport | None = None,
    ask: Ask | None = None,
    company_postings: Sequence[str] | Mapping[str, str] = (),
    candidate: str = "",
    resume: str = "",
    today: dt.date | None = None,
    pick_application: bool = True,
) -> PlanPanel:
    """The plan panel for an application (``round_id`` None: the next round by date).

    ``match_report``, ``ask``, ``company_postings``, ``candidate`` and ``resume`` go to
    ``build_plan``; ``today`` (None: the real date) dates the plan, the ratings and the notes
    sent. With ``pick_application=False`` the panel has no application picker of its own (the
    app's switcher chooses it).
    """
    apps = interview_log.applications().to_dict("records")
    plan_output, checklist_box, thank_you_box = widgets.Output(), widgets.VBox(), widgets.VBox()
    export_buttons = {
        "markdown": widgets.Button(description="Save Markdown"),
        "html": widgets.Button(description="Save web page (HTML)"),
        "ics": widgets.Button(description="Save calendar (.ics)"),
    }
    export_message = message_label()
    export = widgets.VBox(
        [
            widgets.HTML("Save the plan to your data folder: Markdown to edit, a web page "
                         "to print, and calendar reminders to import."),
            widgets.HBox(list(export_buttons.values())),
            export_message,
        ]
    )  # fmt: skip
    drill = build_drill(lambda item, rating, answer: panel.save_rating(item, rating, answer))
    pitch_drill = build_drill(lambda item, rating, answer: panel.save_rating(item, rating, answer))
    presentation = build_presentation_rehearsal()
    letters = build_letters_tab(lambda text: panel.add_news(text))
    tabs = widgets.Tab(
        children=[
            plan_output, checklist_box, drill.widget, pitch_drill.widget, presentation.widget,
            thank_you_box, letters.widget, export,
        ],
        titles=TAB_TITLES,
    )  # fmt: skip
    application = widgets.Dropdown(
        description="Application",
        options=[(f"{a['role']} at {a['company']}", int(a["id"])) for a in apps],
        value=application_id,
        style=_STYLE,
        layout=_WIDE if pick_application else widgets.Layout(display="none"),
    )
    round_picker = widgets.Dropdown(description="Round", style=_STYLE, layout=_WIDE)
    message = message_label()
    panel = PlanPanel(
        widget=widgets.VBox([application, round_picker, message, tabs]),
        log=interview_log,
        today=today or dt.date.today(),
        match_report=match_report,
        ask=ask,
        company_postings=company_postings,
        candidate=candidate,
        application=application,
        round=round_picker,
        message=message,
        tabs=tabs,
        plan_output=plan_output,
        checklist_box=checklist_box,
        checklist_form=build_form({}, "", lambda _values: ""),  # replaced just below
        drill=drill,
        pitch_drill=pitch_drill,
        presentation=presentation,
        letters=letters,
        thank_you_box=thank_you_box,
        export_buttons=export_buttons,
        export_message=export_message,
        resume=resume,
    )
    panel.checklist_form = _checklist_form(panel)
    for kind, button in export_buttons.items():
        button.layout = fit()
        button.on_click(lambda _b, kind=kind: panel.export(kind))
    application.observe(lambda _c: panel.fill_rounds(), names="value")

    def round_chosen(_change: object) -> None:
        if not panel.filling:
            panel.rebuild()

    round_picker.observe(round_chosen, names="value")
    panel.fill_rounds(round_id)
    return panel


def _checklist_form(panel: PlanPanel) -> Form:
    """The form that adds an item to the round's checklist, or corrects or deletes one of the
    user's own items (the standard items come from the plan's content)."""
    log = panel.log

    def add(values: dict[str, Any]) -> str:
        log.add_checklist_item(panel.round.value, item=values["item"], done=values["done"])
        return "Added to the checklist."

    def save(entry: int, values: dict[str, Any]) -> str:
        log.edit("checklist_item", entry, **values)
        return "Saved the checklist item."

    def entries() -> list[tuple[str, int]]:
        if panel.round.value is None:
            return []
        rows = log.checklist(panel.application.value, round_id=panel.round.value)
        return [(str(t), int(i)) for t, i in zip(rows["item"], rows["id"], strict=True)]

    form = build_form(
        {"item": area("To do", "e.g. bring three printed copies of the resume"),
         "done": widgets.Checkbox(description="Done", style=STYLE)},
        "Add to checklist",
        add,
        after_save=panel.rebuild,
        editing=Editing("checklist_item", "checklist item", entries,
                        lambda entry: log.entry("checklist_item", entry), save),
        log=log,
    )  # fmt: skip
    form.widget.add_class("prep-form-checklist")
    return form
