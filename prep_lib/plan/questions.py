"""Questions to ask each interviewer: who the person is (their kind of role), then your own
unasked questions and the bank's questions that suit that kind, none asked before at the company."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from prep_lib.plan.content import Content
from prep_lib.plan.model import QuestionToAsk
from prep_lib.text import text_key

QUESTIONS_PER_PERSON = 4

_HR = re.compile(r"\b(recruit\w*|talent|human resources|hr|people|hiring partner)\b", re.I)
_LEADER = re.compile(
    r"\b(director|vice president|vp|chief|head|executive|president|dean|partner)\b|\bc[eofio]o\b",
    re.I,
)
_REPORT = re.compile(
    r"\b(representative|associate|assistant|coordinator|clerk|agent|technician|lead|officer)\b",
    re.I,
)
_REPORTS_TO = re.compile(r"\breport(?:s|ing)? (?:directly )?to (?:the |our |a )?([^.,;:\n]+)", re.I)


def interviewer_kind(title: str, *, posting: str = "") -> str:
    """What kind of interviewer a title suggests: hr, manager, leader, peer or report.

    "manager" is the hiring manager: the person the posting says the role reports to. Otherwise
    recruiting and HR titles are "hr"; directors, heads, vice presidents and chiefs "leader";
    representatives, coordinators, assistants and leads "report" (people who would report to the
    role); everyone else "peer".
    """
    title = " ".join(title.split())
    if not title:
        return "peer"
    for boss in _REPORTS_TO.findall(posting):
        if text_key(boss).startswith(text_key(title)) or text_key(title).startswith(text_key(boss)):
            return "manager"
    if _HR.search(title):
        return "hr"
    if _LEADER.search(title):
        return "leader"
    if _REPORT.search(title):
        return "report"
    return "peer"


def questions_for(
    people: pd.DataFrame,
    posting: str,
    content: Content,
    asked: Iterable[str],
    own: pd.DataFrame,
) -> dict[int, list[QuestionToAsk]]:
    """Three to five questions per interviewer (``people``: rows of ``log.interviewers``): your
    own unasked ones (``own``) first, spread across the panel, then bank questions that suit the
    person's role, each question used once, categories varied, none of the ``asked`` keys."""
    persons = people.to_dict("records")
    result: dict[int, list[QuestionToAsk]] = {int(p["id"]): [] for p in persons}
    if not persons:
        return result
    used = set(asked)
    order = list(result)
    for n, question in enumerate(own.to_dict("records")):
        if text_key(question["text"]) not in used:
            asked_by = result[order[n % len(order)]]
            asked_by.append(QuestionToAsk(question["text"], question["category"], own=True))
            used.add(text_key(question["text"]))
    for person in persons:
        kind = interviewer_kind(person["title"], posting=posting)
        mine = result[int(person["id"])]
        suitable = [
            q for q in content.questions
            if (kind in q["fits"] or "any" in q["fits"]) and text_key(q["text"]) not in used
        ]  # fmt: skip
        categories = {q.category for q in mine}
        for q in sorted(
            suitable, key=lambda q: (q["category"] in categories, kind not in q["fits"])
        ):
            if len(mine) >= QUESTIONS_PER_PERSON:
                break
            if text_key(q["text"]) in used:
                continue
            mine.append(QuestionToAsk(q["text"], q["category"]))
            used.add(text_key(q["text"]))
            categories.add(q["category"])
    return result
