"""The parts of the plan beyond the interview rooms, read from the log: company research (points
per interviewer, gaps turned into questions), people you know there, concerns, presentations and
other tasks of the round, your pitch, the letters before and after, and the offer.

``Beyond.read`` gathers them for one round; ``build_plan`` puts them into the briefs and the plan.
Reading only: nothing is written to the log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from prep_lib.log import InterviewLog
from prep_lib.matching import MatchReport
from prep_lib.plan import concerns as concern_rules
from prep_lib.plan import letters as letter_rules
from prep_lib.plan import research
from prep_lib.plan.content import Content
from prep_lib.plan.dates import as_date
from prep_lib.plan.model import Concern, Contact, Letter, QuestionToAsk, ResearchPoint
from prep_lib.plan.pitch import Pitch, build_pitches
from prep_lib.plan.tasks import RoundTask, round_task
from prep_lib.stories import idea, relevance_or_zero, story_text

if TYPE_CHECKING:
    from prep_lib.salary import Ask
    from prep_lib.salary.offer import OfferComparison


@dataclass
class Beyond:
    """What the plan adds from company research, contacts, tasks, letters, pitch and offer."""

    points: dict[int, list[ResearchPoint]] = field(default_factory=dict)
    gap_questions: dict[int, list[QuestionToAsk]] = field(default_factory=dict)
    research: list[ResearchPoint] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    concerns: list[Concern] = field(default_factory=list)
    concerns_for: dict[int, list[Concern]] = field(default_factory=dict)
    tasks: list[RoundTask] = field(default_factory=list)
    pitches: list[Pitch] = field(default_factory=list)
    letters: list[Letter] = field(default_factory=list)
    offer: OfferComparison | None = None

    def contact_for(self, interviewer_id: int) -> Contact | None:
        return next((c for c in self.contacts if c.interviewer_id == interviewer_id), None)

    @classmethod
    def read(
        cls,
        log: InterviewLog,
        application_id: int,
        round_: Mapping[str, Any],
        people: pd.DataFrame,
        *,
        content: Content,
        posting: str,
        report: MatchReport | None,
        ask: Ask | None,
        resume: str,
        candidate: str,
        today: dt.date,
    ) -> Beyond:
        """Gather the parts for the round ``round_`` (``rounds.round_info``'s record) and its
        ``people`` (rows of ``log.interviewers``)."""
        notes = log.research_notes(application_id)
        missing_topics = research.gaps(notes, content)
        names = tuple(people["name"])
        tasks = [
            round_task(row, names)
            for row in log.round_tasks(application_id, round_id=int(round_["id"])).to_dict(
                "records"
            )
        ]
        concerns, per_person = concern_rules.find_concerns(
            missing=list(report.missing) if report else [],
            references=log.references(application_id),
            people=people,
            bank=log.stories(),
            facts=log.facts(application_id),
            posting=posting,
        )
        why_here = next(
            (str(n["note"]) for n in notes.to_dict("records") if n["topic"] == "mission"), ""
        )
        return cls(
            points=research.points_for(notes, people, posting=posting, content=content),
            gap_questions=research.gap_questions(missing_topics, people, posting=posting),
            research=[research.research_point(n, content) for n in notes.to_dict("records")],
            gaps=[g["label"] for g in missing_topics],
            contacts=_contacts(log.contacts(application_id)),
            concerns=concerns,
            concerns_for=per_person,
            tasks=tasks,
            pitches=build_pitches(
                candidate=candidate,
                role=str(round_["role"]),
                company=str(round_["company"]),
                resume=resume,
                report=report,
                stories=_unheard_by(log, application_id, people, posting),
                why_here=why_here,
            ),
            letters=letter_rules.letters(
                content,
                to=letter_rules.recipient(log.interviewers(application_id), posting=posting),
                round_name=str(round_["name"]),
                round_date=as_date(round_["date"]),
                round_format=str(round_["format"]),
                role=str(round_["role"]),
                company=str(round_["company"]),
                candidate=candidate,
                has_agenda=bool(str(round_["agenda"]).strip()) and not people.empty,
                tasks=[f"the {task.kind} (“{task.topic}”)" for task in tasks],
                news=list(log.news(application_id)["text"]),
            ),
            offer=_offer(log, application_id, ask, today),
        )


def _contacts(frame: pd.DataFrame) -> list[Contact]:
    return [
        Contact(
            name=row["name"],
            title=row["title"],
            relationship=row["relationship"],
            talked_on=as_date(row["talked_on"]),
            told_me=row["told_me"],
            referred_me=bool(row["referred_me"]),
            interviewer_id=None if pd.isna(row["interviewer_id"]) else int(row["interviewer_id"]),
        )
        for row in frame.to_dict("records")
    ]


def _unheard_by(
    log: InterviewLog, application_id: int, people: pd.DataFrame, posting: str
) -> list[Any]:
    """The stories none of the round's people heard, the best fit for the posting first."""
    ids = [int(i) for i in people["id"]]
    bank = (
        log.unheard_stories(ids, application_id=application_id, company_wide=False)
        if ids
        else log.stories()
    )
    rows = bank.to_dict("records")
    fit = relevance_or_zero(posting, [story_text(r) for r in rows])
    order = sorted(range(len(rows)), key=lambda n: (-fit[n], n))
    return [idea(rows[n]) for n in order]


def _offer(
    log: InterviewLog, application_id: int, ask: Ask | None, today: dt.date
) -> OfferComparison | None:
    """The offer received by ``today``, beside the current job and the ask; None without one."""
    saved = log.package(application_id)
    received = as_date(saved["received_on"]) if saved else None
    if saved is None or (received is not None and received > today):
        return None
    from prep_lib.salary.offer import Package, compare_offer

    def package(row: Mapping[str, Any]) -> Package:
        fields = ("label", "base", "bonus", "equity", "retirement", "leave_days", "other")
        return Package(**{f: row[f] for f in fields}, notes=row["notes"], currency=row["currency"])

    current = log.package(None)
    if ask is not None and ask.currency != saved["currency"]:
        ask = None
    if current is not None and current["currency"] != saved["currency"]:
        current = None
    return compare_offer(package(saved), current=package(current) if current else None, ask=ask)
