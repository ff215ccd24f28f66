"""Building the plan for one round from what the log holds. Building only reads: the log is left
exactly as it was."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from prep_lib.log import InterviewLog
from prep_lib.matching import MatchReport
from prep_lib.plan.beyond import Beyond
from prep_lib.plan.checklist import checklist_entries
from prep_lib.plan.content import Content, load_content
from prep_lib.plan.dates import as_date
from prep_lib.plan.model import Brief, Plan, RehearsalItem
from prep_lib.plan.questions import interviewer_kind, questions_for
from prep_lib.plan.rounds import application_info, round_info
from prep_lib.plan.thank_yous import thank_you_drafts
from prep_lib.stories import best_story, story_ideas
from prep_lib.text import text_key

if TYPE_CHECKING:
    from prep_lib.salary import Ask

MOST_QUESTIONS = 5  # questions to ask one person: a research gap may add one to the usual four


def build_plan(
    log: InterviewLog,
    application_id: int,
    round_id: int,
    *,
    match_report: MatchReport | None = None,
    ask: Ask | None = None,
    company_postings: Sequence[str] | Mapping[str, str] = (),
    candidate: str = "",
    resume: str = "",
    today: dt.date | None = None,
    content: Content | None = None,
) -> Plan:
    """Build the plan for ``round_id`` of an application from what the log holds.

    ``match_report`` (from ``matching.compare``) lets the plan put first the stories that prove
    key terms your resume misses; ``ask`` (from ``salary.recommend_ask``) is the salary ask;
    ``candidate`` signs the thank-you notes and the letters; ``resume`` (its text) opens your
    pitch with its summary. The log is only read: the checklist shows the standard items
    beside the logged ones, and ticking one adds it (see ``checklist_entries``).
    """
    content = content or load_content()
    today = today or dt.date.today()
    app = application_info(log, application_id)
    round_ = round_info(log, application_id, round_id)
    posting = log.posting_text(application_id)
    people = log.interviewers(application_id, round_id=round_id)
    missing = list(match_report.missing) if match_report else []
    ideas = story_ideas(
        log,
        application_id,
        people,
        posting=posting,
        company_postings=company_postings,
        missing=missing,
    )
    uses = log.story_uses(application_id)
    facts = log.facts(application_id)
    mine = log.my_questions(application_id)
    asked = {text_key(t) for t in mine.loc[mine["asked_to_id"].notna(), "text"]}
    questions = questions_for(
        people, posting, content, asked, log.unasked_questions(application_id)
    )
    beyond = Beyond.read(
        log,
        application_id,
        round_,
        people,
        content=content,
        posting=posting,
        report=match_report,
        ask=ask,
        resume=resume,
        candidate=candidate,
        today=today,
    )
    briefs = []
    for p in people.to_dict("records"):
        person = int(p["id"])
        gap_questions = beyond.gap_questions.get(person, [])
        heard = uses.loc[uses["interviewer_id"] == person, "story"].drop_duplicates()
        told = facts[facts["interviewer_id"] == person].to_dict("records")
        briefs.append(
            Brief(
                interviewer_id=person,
                name=p["name"],
                title=p["title"],
                team=p["team"],
                tenure=p["tenure"],
                background=p["background"],
                kind=interviewer_kind(p["title"], posting=posting),
                stories=tuple(ideas.get(person, ())),
                questions=tuple([*gap_questions, *questions[person]][:MOST_QUESTIONS]),
                heard=tuple(heard),
                facts=tuple((f["topic"], f["value"]) for f in told),
                points=tuple(beyond.points.get(person, ())),
                concerns=tuple(beyond.concerns_for.get(person, ())),
                contact=beyond.contact_for(person),
            )
        )
    due = log.thank_yous_due(application_id, today=today)
    return Plan(
        company=app["company"],
        role=app["role"],
        round_id=round_id,
        round_name=round_["name"],
        round_date=as_date(round_["date"]),
        round_format=round_["format"],
        agenda=round_["agenda"],
        briefs=briefs,
        rehearse=rehearsal_items(log, application_id, content),
        checklist=checklist_entries(
            log,
            application_id,
            round_id,
            content=content,
            extra=[item for task in beyond.tasks for item in task.checklist_items()],
        ),
        thank_yous=thank_you_drafts(
            log, application_id, round_, briefs, content, report=match_report, candidate=candidate
        ),
        facts=facts[["topic", "value", "interviewer", "round"]],
        conflicts=log.fact_conflicts(application_id),
        references_to_warn=log.references_not_warned(application_id),
        overdue_thank_yous=due[due["round_id"] != round_id].reset_index(drop=True),
        missing_terms=missing,
        ask=ask,
        today=today,
        research=beyond.research,
        research_gaps=beyond.gaps,
        contacts=beyond.contacts,
        concerns=beyond.concerns,
        tasks=beyond.tasks,
        pitches=beyond.pitches,
        letters=beyond.letters,
        offer=beyond.offer,
    )


def rehearsal_items(
    log: InterviewLog, application_id: int, content: Content
) -> list[RehearsalItem]:
    """The questions you rated low and the common second-round ones, each with the story of
    your bank that answers it best, weakest first (unrated ones count as a 3)."""
    bank = log.stories()
    items = []
    for q in log.questions_to_rehearse(application_id).to_dict("records"):
        rating = log.last_rehearsal_rating(application_id, q["text"]) or int(q["rating"])
        why = (
            f"You rated your answer {q['rating']}/5 in the {q['round']} round ({q['interviewer']})."
        )
        items.append(RehearsalItem(q["text"], why, rating, best_story(bank, q["text"])))
    for common in content.common:
        query = " ".join([common["text"], *common["cues"]])
        items.append(
            RehearsalItem(
                common["text"],
                "Often asked in second rounds.",
                log.last_rehearsal_rating(application_id, common["text"]),
                best_story(bank, query, cues=common["cues"]),
                common["advice"],
            )
        )
    items.sort(key=lambda item: 3 if item.rating is None else item.rating)  # stable
    return items
