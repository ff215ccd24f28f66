"""Must-haves and concerns: what each interviewer may doubt, and the story or fact that answers it.

Two things point to a doubt: a key term of the posting that your resume does not show (the
heaviest ``MOST_TERMS`` of the match report's missing terms), and what the employer asked your
references about (``asked_about``, one concern per line or per ";"). A concern is put to the
interviewers whose title, team and background fit it (the matcher's relevance, at least
``MIN_PERSON_FIT``); when nobody's does, to the hiring manager, else the senior leaders, else the
whole round. Its answer is the story of your bank that fits it best, else a fact you stated that
mentions it, else a note to prepare one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from prep_lib.plan.model import Concern
from prep_lib.plan.questions import interviewer_kind
from prep_lib.stories import best_story, relevance_or_zero
from prep_lib.text import text_key

MOST_TERMS = 4
MIN_PERSON_FIT = 0.3
FROM_RESUME = "your resume does not show it"
FROM_REFERENCES = "a reference was asked about it"


def reference_topics(references: pd.DataFrame) -> list[str]:
    """What the employer asked your references about, one topic per line or ";" part."""
    topics: list[str] = []
    seen: set[str] = set()
    for text in references.get("asked_about", pd.Series(dtype=object)):
        for part in re.split(r"[;\n]+", str(text or "")):
            topic = " ".join(part.split()).strip(" .,")
            if topic and text_key(topic) not in seen:
                seen.add(text_key(topic))
                topics.append(topic[0].upper() + topic[1:])
    return topics


def find_concerns(
    *,
    missing: Sequence[str],
    references: pd.DataFrame,
    people: pd.DataFrame,
    bank: pd.DataFrame,
    facts: pd.DataFrame,
    posting: str,
) -> tuple[list[Concern], dict[int, list[Concern]]]:
    """The round's concerns (reference ones first, then missing terms) and, per interviewer id,
    those that person may raise."""
    sources = [(t, FROM_REFERENCES) for t in reference_topics(references)]
    sources += [(t, FROM_RESUME) for t in list(missing)[:MOST_TERMS]]
    persons = people.to_dict("records")
    abouts = [" ".join([p["title"], p["team"], p["background"]]) for p in persons]
    kinds = [interviewer_kind(p["title"], posting=posting) for p in persons]
    concerns: list[Concern] = []
    per_person: dict[int, list[Concern]] = {int(p["id"]): [] for p in persons}
    for topic, source in sources:
        fit = relevance_or_zero(topic, abouts)
        chosen = [n for n, f in enumerate(fit) if f >= MIN_PERSON_FIT]
        for fallback in ("manager", "leader"):
            chosen = chosen or [n for n, k in enumerate(kinds) if k == fallback]
        chosen = chosen or list(range(len(persons)))
        concern = Concern(
            topic=topic,
            source=source,
            raised_by=tuple(persons[n]["name"] for n in chosen),
            story=best_story(bank, topic),
            fact=_fact_about(topic, facts),
        )
        concerns.append(concern)
        for n in chosen:
            per_person[int(persons[n]["id"])].append(concern)
    return concerns, per_person


def _fact_about(topic: str, facts: pd.DataFrame) -> str:
    """The first fact you stated whose topic or words the concern names, as "topic: value"."""
    key = text_key(topic)
    for row in facts.to_dict("records"):
        if text_key(row["topic"]) in key or key in text_key(f"{row['topic']} {row['value']}"):
            return f"{row['topic']}: {row['value']}"
    return ""
