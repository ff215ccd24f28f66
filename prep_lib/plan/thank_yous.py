"""Thank-you drafts: one note per interviewer of the round, each from a different template, about
what you discussed with that person (as the log shows it), signed with your name."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from prep_lib.log import InterviewLog
from prep_lib.matching import MatchReport
from prep_lib.plan.content import Content
from prep_lib.plan.dates import as_date, day_after, long_date
from prep_lib.plan.model import Brief, ThankYouDraft


def thank_you_drafts(
    log: InterviewLog,
    application_id: int,
    round_: Mapping[str, Any],
    briefs: Sequence[Brief],
    content: Content,
    *,
    report: MatchReport | None,
    candidate: str,
) -> list[ThankYouDraft]:
    """A draft per brief; a note already logged for that person and round gives its due date,
    sent date and topic. ``round_`` is ``rounds.round_info``'s record."""
    round_id = int(round_["id"])
    notes = log.thank_yous(application_id)
    questions = log.my_questions(application_id)
    strength = _strength(report)
    day = as_date(round_["date"])
    drafts = []
    for n, brief in enumerate(briefs):
        mine = notes[
            (notes["round_id"] == round_id) & (notes["interviewer_id"] == brief.interviewer_id)
        ]
        note = {str(k): v for k, v in mine.iloc[0].items()} if not mine.empty else None
        asked = questions[
            (questions["asked_to_id"] == brief.interviewer_id) & (questions["round_id"] == round_id)
        ]
        topic = _topic(note, list(asked["text"]), brief, round_)
        template = content.thank_you[n % len(content.thank_you)]
        values = {
            "first_name": brief.name.split()[0] if brief.name.split() else brief.name,
            "role": round_["role"],
            "company": round_["company"],
            "topic": topic,
            "day": f"on {long_date(day)}" if day else "recently",
            "strength": strength,
            "candidate": candidate.strip() or "[your name]",
        }
        drafts.append(
            ThankYouDraft(
                interviewer_id=brief.interviewer_id,
                name=brief.name,
                subject=template["subject"].format_map(values),
                body=template["body"].strip().format_map(values),
                topic=topic,
                due=as_date(note["due"]) if note is not None else day_after(day),
                sent_on=note["sent_on"] if note is not None else None,
                thank_you_id=int(note["id"]) if note is not None else None,
                template=template,
                values=values,
                note=str(note["note"]) if note is not None else "",
            )
        )
    return drafts


def _strength(report: MatchReport | None) -> str:
    """The posting's heaviest key term the resume proves, preferring a phrase to a single word."""
    matched = list(report.matched) if report else []
    phrases = [term for term in matched if " " in term]
    return (phrases or matched or ["this kind of work"])[0]


def _topic(
    note: Mapping[str, Any] | None, asked: Sequence[str], brief: Brief, round_: Mapping[str, Any]
) -> str:
    """What you discussed with someone: the topic logged with their thank-you note, else the
    subject of a question you asked them, else their team's work."""
    if note is not None and note["topic"].strip():
        return str(note["topic"]).strip()
    if asked:
        text = asked[0].strip().rstrip("?")
        return f"your answer to my question, “{text}?”"
    if brief.team:
        return f"the work of the {brief.team} team"
    return f"the {round_['role']} role"
