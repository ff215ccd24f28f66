"""The plan panel's tabs for what is not a conversation, and for the letters.

- ``PresentationRehearsal``: the round's presentation with its outline, and a rehearsal on the
  same clock as the drill (a ``widgets.Play`` counting seconds in the browser): press ▶, say
  each section, press **Next section** at each change and **Finish** at the end; it shows each
  section's time against the plan. Case studies and tests are listed with what to practise.
- ``PitchTab``: the three lengths of your pitch, each with its word count, and a drill (the
  plan's ``Drill``) that times you saying each one.
- ``LettersTab``: the reply to the invitation and the follow-up, editable, and a form that adds
  news to the follow-up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import ipywidgets as widgets

from prep_lib.plan.model import Letter, RehearsalItem
from prep_lib.plan.pitch import WORDS_PER_MINUTE, Pitch
from prep_lib.plan.tasks import RoundTask, clock_text
from prep_lib.text import html_text
from prep_lib.widgets.common import Panel, fit, guarded, message_label, show_ok

_STYLE = {"description_width": "9em"}
_WIDE = widgets.Layout(width="min(46em, 95%)")


@dataclass(eq=False)
class PresentationRehearsal(Panel):
    """The round's tasks; the presentation rehearsed section by section against the clock."""

    tasks_html: widgets.HTML
    clock: widgets.Play
    progress: widgets.IntProgress
    current: widgets.HTML
    next_button: widgets.Button
    finish_button: widgets.Button
    result: widgets.HTML
    task: RoundTask | None = None
    splits: list[int] = field(default_factory=list)

    def load(self, tasks: Sequence[RoundTask]) -> None:
        """Show the round's tasks; the first presentation is the one to rehearse."""
        self.tasks_html.value = "".join(_task_html(t) for t in tasks) or (
            "<p>No presentation, case or test is logged for this round. If they asked for one, "
            "add it in the interview log (notebook 03).</p>"
        )
        self.task = next((t for t in tasks if t.kind == "presentation" and t.outline), None)
        for button in (self.next_button, self.finish_button):
            button.disabled = self.task is None
        if self.task is not None:
            limit = round(60 * (self.task.minutes or self.task.planned_minutes))
            self.progress.max = limit
            self.progress.description = f"{clock_text(limit)} limit"
        self.restart()

    def restart(self) -> None:
        self.splits = []
        self.clock.playing = False
        self.clock.value = 0
        self.result.value = ""
        self._show_current()

    def next_section(self) -> None:
        """Note the time at the end of the section being said, and move to the next."""
        if self.task is None or len(self.splits) >= len(self.task.outline):
            return
        self.splits.append(int(self.clock.value))
        if len(self.splits) == len(self.task.outline):
            self.finish()
        else:
            self._show_current()

    def finish(self) -> None:
        """Stop the clock and show each section's time against the plan."""
        if self.task is None:
            return
        if len(self.splits) < len(self.task.outline):
            self.splits.append(int(self.clock.value))
        self.clock.playing = False
        rows, start = [], 0
        for (section, planned_start, planned_end), end in zip(
            self.task.schedule(), self.splits, strict=False
        ):
            took, planned = end - start, planned_end - planned_start
            diff = took - planned
            verdict = "on time" if abs(diff) <= 10 else (
                f"{diff} s over" if diff > 0 else f"{-diff} s under"
            )  # fmt: skip
            rows.append(
                f"<tr><td>{html_text(section.title)}</td><td>{clock_text(took)}</td>"
                f"<td>{clock_text(planned)}</td><td>{verdict}</td></tr>"
            )
            start = end
        total, limit = self.splits[-1] if self.splits else 0, self.progress.max
        over = total > limit
        summary = f"You took {clock_text(total)} of {clock_text(limit)}" + (
            ": over the limit, cut where you ran long." if over else "."
        )
        self.result.value = (
            f"<div class='prep-rehearsal-result'><b>{html_text(summary)}</b>"
            "<table style='border-spacing:1.2em 0.1em;margin-left:-1.2em;text-align:left'>"
            "<tr><th>section</th><th>took</th><th>planned</th><th></th></tr>"
            + "".join(rows)
            + "</table></div>"
        )
        self._show_current()

    def _show_current(self) -> None:
        if self.task is None:
            self.current.value = ""
            return
        schedule = self.task.schedule()
        n = len(self.splits)
        if n >= len(schedule):
            self.current.value = "<b>Done.</b> Press ▶ again after <i>Start over</i> to rerun."
            return
        section, start, end = schedule[n]
        self.current.value = (
            f"<b>Now: section {n + 1} of {len(schedule)}, {html_text(section.title)}</b> "
            f"(planned {clock_text(start)}–{clock_text(end)})"
        )


def build_presentation_rehearsal() -> PresentationRehearsal:
    clock = widgets.Play(interval=1000, max=2 * 60 * 60, show_repeat=False, description="Clock")
    progress = widgets.IntProgress(max=600, style=_STYLE, bar_style="info")
    widgets.jslink((clock, "value"), (progress, "value"))
    parts = {
        "tasks_html": widgets.HTML(),
        "current": widgets.HTML(),
        "next_button": widgets.Button(
            description="Next section", button_style="primary", layout=fit()
        ),
        "finish_button": widgets.Button(description="Finish", layout=fit()),
        "result": widgets.HTML(),
    }
    restart = widgets.Button(description="Start over", layout=fit())
    hint = widgets.HTML("<small>Press ▶ as you start speaking.</small>")
    box = widgets.VBox(
        [
            parts["tasks_html"],
            widgets.HTML("<h4>Rehearse the presentation</h4>"),
            widgets.HBox([clock, progress, hint]),
            parts["current"],
            widgets.HBox([parts["next_button"], parts["finish_button"], restart]),
            parts["result"],
        ]
    )
    box.add_class("prep-presentation")
    parts["current"].add_class("prep-now")
    panel = PresentationRehearsal(widget=box, clock=clock, progress=progress, **parts)
    panel.next_button.on_click(lambda _b: panel.next_section())
    panel.finish_button.on_click(lambda _b: panel.finish())
    restart.on_click(lambda _b: panel.restart())
    return panel


def _task_html(task: RoundTask) -> str:
    items = "".join(f"<li>{html_text(line)}</li>" for line in task.lines())
    return f"<h4>{html_text(task.title)}</h4><ul>{items}</ul>"


def pitch_items(pitches: Sequence[Pitch]) -> list[RehearsalItem]:
    """The pitch's lengths as drill items: the clock aims at each length."""
    return [
        RehearsalItem(
            question=f"Tell me about yourself ({pitch.label})",
            why=f"{pitch.words} words; about {pitch.spoken_seconds} s at {WORDS_PER_MINUTE} "
            "words a minute.",
            rating=None,
            story=None,
            advice=f"Your draft: {pitch.text}",
            seconds=pitch.seconds,
            script=pitch.text,
        )
        for pitch in pitches
    ]


@dataclass(eq=False)
class LettersTab(Panel):
    """The letters before and after the round, editable, and a form for news."""

    boxes: list[widgets.Textarea]
    news: widgets.Text
    add_news_button: widgets.Button
    message: widgets.HTML
    add_news_action: Callable[[str], None]

    def add_news(self) -> None:
        text = self.news.value
        if guarded(self.message, lambda: self.add_news_action(text)):
            self.news.value = ""
            show_ok(self.message, "Added to the follow-up.")


def build_letters_tab(add_news: Callable[[str], None]) -> LettersTab:
    news = widgets.Text(
        description="News", placeholder="a course finished, an earlier start…",
        style=_STYLE, layout=_WIDE, continuous_update=False,
    )  # fmt: skip
    button = widgets.Button(description="Add to the follow-up", layout=fit())
    message = message_label()
    tab = LettersTab(
        widget=widgets.VBox(),
        boxes=[],
        news=news,
        add_news_button=button,
        message=message,
        add_news_action=add_news,
    )
    button.on_click(lambda _b: tab.add_news())
    return tab


def show_letters(tab: LettersTab, letters: Sequence[Letter]) -> None:
    """Put the plan's letters into the tab (what was typed in them is redrafted)."""
    tab.boxes = [
        widgets.Textarea(
            value=f"Subject: {letter.subject}\n\n{letter.body}",
            description="Letter",
            rows=12,
            style=_STYLE,
            layout=_WIDE,
        )
        for letter in letters
    ]
    parts: list[widgets.Widget] = []
    for letter, box in zip(letters, tab.boxes, strict=True):
        when = f" · send by {letter.due}" if letter.due else ""
        parts += [widgets.HTML(f"<b>{html_text(letter.heading)}</b>{when}"), box]
        if letter.kind == "follow-up":
            parts.append(widgets.HBox([tab.news, tab.add_news_button, tab.message]))
    tab.widget.children = parts
