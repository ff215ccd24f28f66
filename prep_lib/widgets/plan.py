"""The second-interview plan's panel: the plan, the checklist, the rehearsal drill, thank-you notes.

``build_plan_panel(log, application_id)`` returns a ``PlanPanel`` (a VBox) without displaying it.
Choosing an application or a round rebuilds the plan. Ticking a checklist item, saving a
rehearsal rating or marking a thank-you note sent writes to the log and rebuilds the plan, so what
is shown is always what the log says. The export buttons write to the data folder's ``plans``.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping, Sequence

import ipywidgets as widgets

from prep_lib.errors import LogError
from prep_lib.log import InterviewLog
from prep_lib.matching import MatchReport
from prep_lib.plan import Plan, RehearsalItem, ThankYouDraft, build_plan
from prep_lib.rehearsal import check_star
from prep_lib.salary import Ask
from prep_lib.widgets.common import guarded, markdown, message_label, render, show_ok

TARGET_SECONDS = 120  # a spoken STAR answer of about two minutes
_STYLE = {"description_width": "9em"}
_WIDE = widgets.Layout(width="min(46em, 95%)")


class PlanPanel(widgets.VBox):
    """Application and round pickers above tabs: Plan, Checklist, Rehearse, Thank-you notes,
    Export."""

    def __init__(
        self,
        interview_log: InterviewLog,
        application_id: int,
        round_id: int | None = None,
        *,
        match_report: MatchReport | None = None,
        ask: Ask | None = None,
        company_postings: Sequence[str] | Mapping[str, str] = (),
        candidate: str = "",
        today: dt.date | None = None,
    ) -> None:
        super().__init__()
        self.interview_log = interview_log
        self.options = {
            "match_report": match_report,
            "ask": ask,
            "company_postings": company_postings,
            "candidate": candidate,
        }
        self.today = today or dt.date.today()
        self.plan: Plan | None = None
        apps = interview_log.applications()
        self.application = widgets.Dropdown(
            description="Application",
            options=[(f"{a.role} at {a.company}", int(a.id)) for a in apps.itertuples()],
            value=application_id,
            style=_STYLE,
            layout=_WIDE,
        )
        self.round = widgets.Dropdown(description="Round", style=_STYLE, layout=_WIDE)
        self.message = message_label()
        self.plan_output = widgets.Output()
        self.checklist_box = widgets.VBox()
        self.drill = Drill(self)
        self.thank_you_box = widgets.VBox()
        self.export_buttons = {
            "markdown": widgets.Button(description="Save Markdown"),
            "html": widgets.Button(description="Save web page (HTML)"),
            "ics": widgets.Button(description="Save calendar (.ics)"),
        }
        self.export_message = message_label()
        for kind, button in self.export_buttons.items():
            button.layout = widgets.Layout(width="auto")
            button.on_click(lambda _b, kind=kind: self.export(kind))
        export = widgets.VBox(
            [
                widgets.HTML("Save the plan to your data folder: Markdown to edit, a web page "
                             "to print, and calendar reminders to import."),
                widgets.HBox(list(self.export_buttons.values())),
                self.export_message,
            ]
        )  # fmt: skip
        self.tabs = widgets.Tab(
            children=[self.plan_output, self.checklist_box, self.drill, self.thank_you_box, export]
        )
        for n, title in enumerate(["Plan", "Checklist", "Rehearse", "Thank-you notes", "Export"]):
            self.tabs.set_title(n, title)
        self.children = [self.application, self.round, self.message, self.tabs]
        self._filling = False
        self.application.observe(lambda _c: self._fill_rounds(None), names="value")
        self.round.observe(lambda _c: self._filling or self.rebuild(), names="value")
        self._fill_rounds(round_id)

    def _fill_rounds(self, round_id: int | None) -> None:
        rounds = self.interview_log.rounds(self.application.value)
        options = [(f"{r.name} ({r.date or 'no date'})", int(r.id)) for r in rounds.itertuples()]
        upcoming = [int(r.id) for r in rounds.itertuples() if r.date and r.date >= str(self.today)]
        default = round_id or (upcoming[0] if upcoming else (options[-1][1] if options else None))
        self._filling = True
        try:
            self.round.options = options
            self.round.value = default
        finally:
            self._filling = False
        if options:
            self.rebuild()
        else:
            render(self.plan_output, "This application has no rounds yet: add one in notebook 03.")

    def rebuild(self) -> None:
        """Build the plan for the chosen round again from the log and show it everywhere."""
        if self.round.value is None:
            return

        def build() -> None:
            self.plan = build_plan(
                self.interview_log,
                self.application.value,
                self.round.value,
                today=self.today,
                **self.options,
            )

        if not guarded(self.message, build):
            return
        plan = self.plan
        render(self.plan_output, markdown(plan.to_markdown()))
        self.checklist_box.children = [self._checklist_row(entry) for entry in plan.checklist]
        self.drill.load(plan.rehearse)
        self.thank_you_box.children = [
            ThankYouEditor(self, draft) for draft in plan.thank_yous
        ] or [widgets.HTML("No interviewers are logged for this round yet.")]

    def _checklist_row(self, entry) -> widgets.HBox:
        box = widgets.Checkbox(
            value=entry.done,
            description=entry.text,
            indent=False,
            disabled=entry.shown_by_log,
            layout=widgets.Layout(width="auto"),
        )
        note = widgets.HTML(
            f"<small>{html.escape(entry.note)}{f' · by {entry.due}' if entry.due else ''}</small>"
        )

        def tick(change) -> None:
            def save() -> None:
                self.interview_log.mark_checklist_done(entry.item_id, done=change["new"])

            if guarded(self.message, save):
                self.rebuild()

        box.observe(tick, names="value")
        return widgets.HBox([box, note], layout=widgets.Layout(align_items="center"))

    def export(self, kind: str) -> None:
        """Write one format of the plan to the data folder and say where."""
        if self.plan is None:
            return
        plan = self.plan

        saved = {}

        def save() -> None:
            saved.update(plan.save(formats=(kind,)))

        if guarded(self.export_message, save):
            show_ok(self.export_message, f"Saved {saved[kind]}")


class Drill(widgets.VBox):
    """One question at a time with a running clock; checks a typed answer for the STAR parts
    and saves a self-rating to the log, so the weakest answers come back first next time."""

    def __init__(self, panel: PlanPanel) -> None:
        super().__init__()
        self.panel = panel
        self.items: list[RehearsalItem] = []
        self.index = 0
        self.position = widgets.HTML()
        self.question = widgets.HTML()
        self.hint = widgets.HTML()
        # The clock runs in the browser (Play counts seconds there), so it never waits on Python.
        self.clock = widgets.Play(
            interval=1000, max=30 * 60, show_repeat=False, description="Clock"
        )
        self.seconds = widgets.IntProgress(
            max=TARGET_SECONDS, description="Two minutes", style=_STYLE, bar_style="info"
        )
        self.clock_hint = widgets.HTML("<small>Press ▶ when you start answering.</small>")
        widgets.jslink((self.clock, "value"), (self.seconds, "value"))
        self.answer = widgets.Textarea(
            description="Your answer",
            placeholder="Say it aloud, or type it or the key points here",
            rows=7,
            style=_STYLE,
            layout=_WIDE,
        )
        self.check_button = widgets.Button(description="Check my answer", button_style="primary")
        self.feedback = widgets.HTML()
        self.rating = widgets.ToggleButtons(
            options=[("1", 1), ("2", 2), ("3", 3), ("4", 4), ("5", 5)],
            value=None,
            description="How did it go?",
            tooltips=["badly", "weak", "fair", "good", "very good"],
            style={**_STYLE, "button_width": "3em"},
            layout=widgets.Layout(width="auto"),
        )
        self.save_button = widgets.Button(description="Save rating")
        self.message = message_label()
        self.previous_button = widgets.Button(description="Previous question")
        self.next_button = widgets.Button(description="Next question")
        self.check_button.on_click(lambda _b: self.check())
        self.save_button.on_click(lambda _b: self.save_rating())
        self.previous_button.on_click(lambda _b: self.show(self.index - 1))
        self.next_button.on_click(lambda _b: self.show(self.index + 1))
        self.children = [
            self.position,
            self.question,
            self.hint,
            widgets.HBox([self.clock, self.seconds, self.clock_hint]),
            self.answer,
            self.check_button,
            self.feedback,
            self.rating,
            self.save_button,
            self.message,
            widgets.HBox([self.previous_button, self.next_button]),
        ]

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
        self.position.value = f"Question {self.index + 1} of {len(self.items)}, weakest first"
        self.question.value = f"<h3>{html.escape(item.question)}</h3>"
        hint = item.why + (f" {item.advice}" if item.advice else "")
        if item.story:
            hint += f" Try the story “{item.story.title}”."
        self.hint.value = f"<i>{html.escape(hint)}</i>"
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
        result = check_star(self.answer.value)
        took = self.clock.value  # seconds counted in the browser since the clock started
        parts = [
            f"{'✓' if getattr(result, part) else '✗'} {part}"
            for part in ("situation", "task", "action", "result", "measurable")
        ]
        lines = "".join(f"<li>{html.escape(line)}</li>" for line in result.feedback())
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
        item = self.items[self.index]
        rating = self.rating.value

        def save() -> None:
            if rating is None:
                raise LogError("Pick how it went, from 1 (badly) to 5 (very well), then save.")
            self.panel.interview_log.record_rehearsal(
                self.panel.application.value,
                question=item.question,
                answer=self.answer.value,
                rating=rating,
                on=self.panel.today,
            )

        if guarded(self.message, save):
            show_ok(self.message, f"Saved {rating}/5 for this question.")


class ThankYouEditor(widgets.VBox):
    """One thank-you draft: the topic you discussed (redrafts the note), the note, Mark sent."""

    def __init__(self, panel: PlanPanel, draft: ThankYouDraft) -> None:
        super().__init__(layout=widgets.Layout(margin="0 0 1.5em 0"))
        self.panel, self.draft = panel, draft
        status = f"sent on {draft.sent_on}" if draft.sent_on else f"send by {draft.due or '—'}"
        self.heading = widgets.HTML(f"<b>{html.escape(draft.name)}</b> ({status})")
        self.topic = widgets.Text(
            value=draft.topic,
            description="Topic discussed",
            continuous_update=False,
            style=_STYLE,
            layout=_WIDE,
        )
        self.body = widgets.Textarea(
            value=f"Subject: {draft.subject}\n\n{draft.body}",
            description="Note",
            rows=12,
            style=_STYLE,
            layout=_WIDE,
        )
        self.sent_button = widgets.Button(
            description="Mark as sent", disabled=bool(draft.sent_on), button_style="success"
        )
        self.message = message_label()
        self.topic.observe(lambda change: self.redraft(change["new"]), names="value")
        self.sent_button.on_click(lambda _b: self.mark_sent())
        self.children = [
            self.heading,
            self.topic,
            self.body,
            widgets.HBox([self.sent_button, self.message]),
        ]

    def redraft(self, topic: str) -> None:
        self.draft = self.draft.with_topic(topic)
        self.body.value = f"Subject: {self.draft.subject}\n\n{self.draft.body}"

    def mark_sent(self) -> None:
        log, draft, today = self.panel.interview_log, self.draft, self.panel.today

        def save() -> None:
            if draft.thank_you_id is not None:
                log.mark_thank_you_sent(draft.thank_you_id, sent_on=today)
            else:
                log.add_thank_you(
                    draft.interviewer_id,
                    self.panel.round.value,
                    due=draft.due,
                    sent_on=today,
                    topic=draft.topic,
                )

        if guarded(self.message, save):
            self.panel.rebuild()


def build_plan_panel(
    interview_log: InterviewLog, application_id: int, round_id: int | None = None, **options
) -> PlanPanel:
    """The plan panel for an application (``round_id`` None: the next round by date).

    ``options``: ``match_report``, ``ask``, ``company_postings``, ``candidate``, ``today``.
    """
    return PlanPanel(interview_log, application_id, round_id, **options)
