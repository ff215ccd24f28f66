"""Company research in the plan: the points worth mentioning to each interviewer, and the topics
your research has nothing on, turned into questions to ask.

The notes come from the log (``InterviewLog.research_notes``: topic, note, source, noted_on).
Each interviewer gets up to ``POINTS_PER_PERSON`` notes: those that fit their title, team and
background best (the matcher's relevance), with a bonus for a topic their kind of role is placed
to talk about (``fits`` in the content's [[research]]); the best pairs of person and note are
taken first, and a note goes to a second person only once every note is used. A topic with no
note at all becomes its question, given to someone placed to answer it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from prep_lib.plan.content import Content
from prep_lib.plan.dates import as_date
from prep_lib.plan.model import QuestionToAsk, ResearchPoint
from prep_lib.plan.questions import interviewer_kind
from prep_lib.stories import relevance_or_zero

POINTS_PER_PERSON = 2
TOPIC_BONUS = 0.25  # what a topic that suits the person's kind of role adds to a note's fit


def research_point(note: Mapping[Any, Any], content: Content) -> ResearchPoint:
    """A row of ``log.research_notes`` as a ``ResearchPoint``."""
    labels = {r["topic"]: r["label"] for r in content.research}
    topic = str(note["topic"])
    return ResearchPoint(
        topic=topic,
        label=labels.get(topic, topic.capitalize()),
        note=str(note["note"]),
        source=str(note["source"] or ""),
        noted_on=as_date(note["noted_on"]),
    )


def points_for(
    notes: pd.DataFrame, people: pd.DataFrame, *, posting: str, content: Content
) -> dict[int, list[ResearchPoint]]:
    """Up to ``POINTS_PER_PERSON`` research points per interviewer (``people``: rows of
    ``log.interviewers``), the best fit first, spread across the panel."""
    persons = people.to_dict("records")
    result: dict[int, list[ResearchPoint]] = {int(p["id"]): [] for p in persons}
    rows = notes.to_dict("records")
    if not rows:
        return result
    fits = {r["topic"]: set(r["fits"]) for r in content.research}
    texts = [f"{n['note']} {n['source']}" for n in rows]
    pairs = []  # (score, person's position, note's position)
    for at, person in enumerate(persons):
        about = " ".join([person["title"], person["team"], person["background"]])
        kind = interviewer_kind(person["title"], posting=posting)
        for i, fit in enumerate(relevance_or_zero(about, texts)):
            bonus = TOPIC_BONUS if kind in fits.get(rows[i]["topic"], set()) else 0.0
            pairs.append((fit + bonus, at, i))
    pairs.sort(key=lambda pair: (-pair[0], pair[1], pair[2]))
    picks: dict[int, list[tuple[float, int]]] = {at: [] for at in range(len(persons))}
    load = [0] * len(rows)
    for level in range(len(persons) * POINTS_PER_PERSON):  # a note twice only once all are used
        for score, at, i in pairs:
            if (
                load[i] == level
                and len(picks[at]) < POINTS_PER_PERSON
                and all(i != j for _, j in picks[at])
            ):
                picks[at].append((score, i))
                load[i] += 1
        if all(len(p) == min(POINTS_PER_PERSON, len(rows)) for p in picks.values()):
            break
    for at, person in enumerate(persons):
        chosen = sorted(picks[at], key=lambda pick: (-pick[0], pick[1]))
        result[int(person["id"])] = [research_point(rows[i], content) for _, i in chosen]
    return result


def gaps(notes: pd.DataFrame, content: Content) -> list[dict[str, Any]]:
    """The content's research topics that no note covers, in the content's order."""
    covered = set(notes["topic"]) if not notes.empty else set()
    return [r for r in content.research if r["topic"] not in covered]


def gap_questions(
    missing: Sequence[Mapping[str, Any]], people: pd.DataFrame, *, posting: str
) -> dict[int, list[QuestionToAsk]]:
    """Each research gap's question, given to one interviewer whose kind of role suits it (the
    one with the fewest such questions so far), or to the least loaded when none suits it."""
    persons = people.to_dict("records")
    result: dict[int, list[QuestionToAsk]] = {int(p["id"]): [] for p in persons}
    if not persons:
        return result
    kinds = {int(p["id"]): interviewer_kind(p["title"], posting=posting) for p in persons}
    for gap in missing:
        suited = [pid for pid, kind in kinds.items() if kind in gap["fits"]] or list(kinds)
        pid = min(suited, key=lambda p: (len(result[p]), list(kinds).index(p)))
        why = f"your research has nothing on {gap['label'].lower()} yet"
        result[pid].append(QuestionToAsk(gap["question"], "company research", why=why))
    return result
