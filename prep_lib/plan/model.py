"""What a plan is made of: typed records for each part, and the ``Plan`` that holds them.

``Plan`` is built by ``prep_lib.plan.build.build_plan`` and exported by ``prep_lib.plan.render``
(its ``to_markdown``, ``to_html``, ``to_ics`` and ``save`` call that module).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from prep_lib.plan import render
from prep_lib.plan.dates import as_date
from prep_lib.plan.pitch import Pitch
from prep_lib.plan.render import EXPORT_FORMATS
from prep_lib.plan.tasks import RoundTask
from prep_lib.stories import StoryIdea
from prep_lib.text import text_key

if TYPE_CHECKING:
    from prep_lib.salary import Ask
    from prep_lib.salary.offer import OfferComparison


@dataclass(frozen=True)
class QuestionToAsk:
    text: str
    category: str
    own: bool = False  # one of your own questions from the log, not from the bank
    why: str = ""  # e.g. "your research has nothing on competitors yet"


@dataclass(frozen=True)
class ResearchPoint:
    """A note of your company research worth mentioning, with where and when you found it."""

    topic: str  # a ``topic`` of the content's [[research]] (mission, products, news...)
    label: str  # how the topic reads ("Recent news")
    note: str
    source: str = ""
    noted_on: dt.date | None = None

    def line(self) -> str:
        where = ", ".join(x for x in (self.source, str(self.noted_on or "")) if x)
        return f"{self.label}: {self.note}" + (f" ({where})" if where else "")


@dataclass(frozen=True)
class Concern:
    """Something an interviewer may doubt, where the doubt comes from, and your answer."""

    topic: str
    source: str  # "your resume does not show it" or "a reference was asked about it"
    raised_by: tuple[str, ...]  # the interviewers of the round most likely to raise it
    story: StoryIdea | None = None  # the story that answers it best, if any fits
    fact: str = ""  # or a fact you stated that answers it ("team size: 16 people")

    @property
    def answer(self) -> str:
        if self.story is not None:
            return f"Answer with the story “{self.story.title}”."
        if self.fact:
            return f"Answer with what you said before: {self.fact}."
        return "No story or fact of yours answers it yet: prepare one."

    def line(self) -> str:
        who = f" Likely from {', '.join(self.raised_by)}." if self.raised_by else ""
        return f"{self.topic} ({self.source}).{who} {self.answer}"


@dataclass(frozen=True)
class Contact:
    """Someone at the company you talked to outside the interviews."""

    name: str
    title: str = ""
    relationship: str = ""
    talked_on: dt.date | None = None
    told_me: str = ""
    referred_me: bool = False
    interviewer_id: int | None = None  # the same person as this interviewer of the application

    def line(self) -> str:
        who = ", ".join(x for x in (self.title, self.relationship) if x)
        text = self.name + (f" ({who})" if who else "")
        if self.referred_me:
            text += ", who referred you"
        if self.told_me:
            when = f" on {self.talked_on}" if self.talked_on else ""
            text += f": told you{when} that {self.told_me}"
        return text


@dataclass(frozen=True)
class Brief:
    """Everything to know and bring for one interviewer."""

    interviewer_id: int
    name: str
    title: str
    team: str
    tenure: str
    background: str
    kind: str
    stories: tuple[StoryIdea, ...]
    questions: tuple[QuestionToAsk, ...]
    heard: tuple[str, ...]  # stories they already heard from you
    facts: tuple[tuple[str, str], ...]  # (topic, what you said) that they heard from you
    points: tuple[ResearchPoint, ...] = ()  # company research worth mentioning to them
    concerns: tuple[Concern, ...] = ()  # what they may doubt, with your answer
    contact: Contact | None = None  # when you also know them outside the interviews


@dataclass(frozen=True)
class RehearsalItem:
    question: str
    why: str
    rating: int | None  # your latest self-rating (from the interview or a rehearsal)
    story: StoryIdea | None
    advice: str = ""
    seconds: int = 120  # the time to aim for
    script: str = ""  # a text prepared to say (a pitch): checked for length, not for STAR


@dataclass(frozen=True)
class ChecklistEntry:
    """One thing to do before the round. ``item_id`` is the log's row, None for a standard item
    the log does not hold yet (ticking it adds it: ``InterviewLog.ensure_checklist``)."""

    item_id: int | None
    text: str
    done: bool
    note: str = ""  # what the log shows about it
    due: dt.date | None = None
    shown_by_log: bool = False  # done because the log shows it, not because it was ticked


@dataclass(frozen=True)
class ThankYouDraft:
    interviewer_id: int
    name: str
    subject: str
    body: str
    topic: str
    due: dt.date | None
    sent_on: str | None = None
    thank_you_id: int | None = None  # the log's note, once one is logged
    template: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)
    values: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)
    note: str = ""  # the note as you edited it (subject line included); '' for the draft

    @property
    def text(self) -> str:
        """The note as it is shown, saved and sent: your edited text, or the draft."""
        return self.note or f"Subject: {self.subject}\n\n{self.body}"

    def with_topic(self, topic: str) -> ThankYouDraft:
        """The same note redrafted around another topic (an edited text gives way to it)."""
        topic = " ".join(topic.split()) or self.topic
        values = {**self.values, "topic": topic}
        return replace(
            self,
            topic=topic,
            subject=self.template["subject"].format_map(values),
            body=self.template["body"].strip().format_map(values),
            values=values,
            note="",
        )

    def with_text(self, text: str) -> ThankYouDraft:
        """The same note with the text you edited; the draft's text counts as no edit."""
        draft = f"Subject: {self.subject}\n\n{self.body}"
        return replace(self, note="" if text.strip() == draft.strip() else text.strip())


# How the checklist items of the letters start (the letter's reminder takes their place).
LETTER_ITEMS = {"reply": "reply to the invitation", "follow-up": "send a follow-up"}


@dataclass(frozen=True)
class Letter:
    """A draft letter before or after a round: the reply to the invitation, or a follow-up
    with news since the interview."""

    kind: str  # "reply" or "follow-up"
    to: str  # whom it is for ('' when the log does not say)
    subject: str
    body: str
    due: dt.date | None = None  # when to send it (its checklist item's date)

    @property
    def heading(self) -> str:
        what = "Reply to the invitation" if self.kind == "reply" else "Follow-up with news"
        return what + (f" (to {self.to})" if self.to else "")


@dataclass
class Plan:
    """A second-interview plan; build it with ``build_plan``."""

    company: str
    role: str
    round_id: int
    round_name: str
    round_date: dt.date | None
    round_format: str
    agenda: str
    briefs: list[Brief]
    rehearse: list[RehearsalItem]
    checklist: list[ChecklistEntry]
    thank_yous: list[ThankYouDraft]
    facts: pd.DataFrame
    conflicts: pd.DataFrame
    references_to_warn: pd.DataFrame
    overdue_thank_yous: pd.DataFrame
    missing_terms: list[str] = field(default_factory=list)
    ask: Ask | None = None
    today: dt.date = field(default_factory=dt.date.today)
    research: list[ResearchPoint] = field(default_factory=list)  # every note, by topic
    research_gaps: list[str] = field(default_factory=list)  # topics with no note yet
    contacts: list[Contact] = field(default_factory=list)
    concerns: list[Concern] = field(default_factory=list)
    tasks: list[RoundTask] = field(default_factory=list)  # presentations, cases, tests
    pitches: list[Pitch] = field(default_factory=list)  # 30 s, 60 s, 2 min
    letters: list[Letter] = field(default_factory=list)  # reply to the invitation, follow-up
    offer: OfferComparison | None = None  # the offer received, beside the current job and ask

    @property
    def title(self) -> str:
        return f"{self.round_name.capitalize()} round: {self.role} at {self.company}"

    def to_markdown(self) -> str:
        """The plan as Markdown; user text is escaped so it shows as written."""
        return render.to_markdown(self)

    def to_html(self) -> str:
        """The plan as one self-contained, printable HTML page; all user text is escaped."""
        return render.to_html(self)

    def to_ics(self) -> bytes:
        """Calendar reminders: the round, open checklist items, the letters, thank-you notes
        still to send."""
        return render.to_ics(self)

    def reminders(self) -> list[tuple[dt.date, str, str]]:
        """(day, summary, description) of each calendar reminder, in date order: the round,
        open checklist items, the reply to the invitation and the follow-up (with their text,
        until their checklist item is ticked), thank-you notes still to send."""
        where = f"{self.company} ({self.role})"
        items: list[tuple[dt.date, str, str]] = []
        if self.round_date:
            names = ", ".join(b.name for b in self.briefs) or "interviewers not known yet"
            items.append(
                (self.round_date, f"{self.round_name.capitalize()} interview: {where}",
                 f"{self.round_format}\n{self.agenda}\nMeeting: {names}".strip())
            )  # fmt: skip
        letter_items = {
            kind: next((e for e in self.checklist if text_key(e.text).startswith(start)), None)
            for kind, start in LETTER_ITEMS.items()
        }
        for entry in self.checklist:
            if entry.done or not entry.due or any(entry is e for e in letter_items.values()):
                continue
            after = self.round_date is not None and entry.due > self.round_date
            items.append((entry.due, f"{'After' if after else 'Before'} the interview: "
                          f"{entry.text}", where))  # fmt: skip
        for letter in self.letters:
            item = letter_items.get(letter.kind)
            late = (
                letter.kind == "reply"
                and self.round_date is not None
                and self.today > self.round_date
            )
            if letter.due and not (item and item.done) and not late:
                text = f"{where}\n\nSubject: {letter.subject}\n\n{letter.body}"
                items.append((max(letter.due, self.today), f"Send: {letter.heading}", text))
        for draft in self.thank_yous:
            if not draft.sent_on and draft.due:
                items.append((draft.due, f"Send a thank-you note to {draft.name}", where))
        for row in self.overdue_thank_yous.to_dict("records"):
            day = as_date(row["due"]) or self.today
            items.append((day, f"Send a thank-you note to {row['interviewer']}", where))
        return sorted(items, key=lambda item: (item[0], item[1]))

    def save(
        self, folder: str | Path | None = None, *, formats: Sequence[str] = EXPORT_FORMATS
    ) -> dict[str, Path]:
        """Write the plan as .md, .html and .ics (or the ``formats`` named) into ``folder``
        (default: ``plans`` in the data folder); return paths by format. A changed plan is
        saved beside the earlier one (``<name> (2).md``...), never over it."""
        return render.save(self, folder, formats=formats)
