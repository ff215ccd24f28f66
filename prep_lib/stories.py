"""Which STAR story to tell: the one place where stories are ranked.

The interview log knows which stories a panel has not heard yet (``InterviewLog.unheard_stories``);
this module ranks them with the matcher, for notebook 03 and for the plan:

- ``fresh_stories``: the unheard stories, the best fit for the posting first (``relevance``: the
  share of the posting's key-term weight a story covers);
- ``story_ideas``: two or three stories per interviewer of a round, those proving a key term the
  resume misses first, spread so that panelists hear different ones;
- ``best_story``: the story of the bank that best answers a question;
- ``covers``: which of the resume's missing terms a story proves.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from prep_lib.errors import MatchingError
from prep_lib.log import InterviewLog
from prep_lib.matching import compare, normalise_term, relevance
from prep_lib.text import text_key

STORIES_PER_PERSON = 3
# A story answers a question when it covers at least this share of the question's key-term weight
# (or carries one of the question's cue tags).
MIN_STORY_FIT = 0.4

CompanyPostings = Sequence[str] | Mapping[str, str]


@dataclass(frozen=True)
class StoryIdea:
    """A STAR story suggested for someone, with why it was chosen."""

    story_id: int
    title: str
    situation: str
    task: str
    action: str
    result: str
    metrics: str = ""
    covers: tuple[str, ...] = ()  # key terms of the posting it proves that the resume misses
    shared_with: tuple[str, ...] = ()  # others of this round it is also suggested for

    def outline(self) -> list[str]:
        return [
            f"Situation: {self.situation}",
            f"Task: {self.task}",
            f"Action: {self.action}",
            f"Result: {self.result}",
        ]


def story_text(story: Mapping[Any, Any]) -> str:
    """A story of the log (a row of ``stories()``) as one text to match: every part, its tags
    and metrics."""
    parts = [story[part] for part in ("title", "situation", "task", "action", "result")]
    return "\n".join([*parts, ", ".join(story["tags"]), story["metrics"]])


def fresh_stories(
    log: InterviewLog,
    interviewer_ids: Iterable[int],
    *,
    application_id: int | None = None,
    company_wide: bool = True,
    posting: str | None = None,
    company_postings: CompanyPostings = (),
) -> pd.DataFrame:
    """Stories none of these people heard, the best fit for the posting first.

    By default a story told to anyone at the same company is not fresh either (the panel
    compares notes); ``company_wide=False`` only leaves out what these people heard.
    Columns: story_id, title, relevance (0–1: how much of the posting's key-term weight the
    story covers; NaN when the application has no posting text), tags, metrics.
    ``application_id`` (whose posting ranks the stories) defaults to the interviewers'
    application; ``posting`` replaces that posting's text. ``company_postings`` (the
    employer's other postings) lower the weight of words the employer uses everywhere.
    """
    ranked = _ranked_unheard(
        log,
        interviewer_ids,
        application_id=application_id,
        company_wide=company_wide,
        posting=posting,
        company_postings=company_postings,
    )
    return pd.DataFrame(
        {
            "story_id": [int(i) for i in ranked["id"]],
            "title": list(ranked["title"]),
            "relevance": list(ranked["relevance"]),
            "tags": [", ".join(tags) for tags in ranked["tags"]],
            "metrics": list(ranked["metrics"]),
        }
    )


def _ranked_unheard(
    log: InterviewLog,
    interviewer_ids: Iterable[int],
    *,
    application_id: int | None,
    company_wide: bool,
    posting: str | None,
    company_postings: CompanyPostings,
) -> pd.DataFrame:
    """``log.unheard_stories`` with a ``relevance`` column, the best fit first."""
    application_id = log.application_for(interviewer_ids, application_id)
    unheard = log.unheard_stories(
        interviewer_ids, application_id=application_id, company_wide=company_wide
    )
    text = log.posting_text(application_id) if posting is None else posting
    if len(unheard) and text.strip():
        texts = [story_text(row) for row in unheard.to_dict("records")]
        scores = relevance(text, texts, company_postings=company_postings)
    else:
        scores = [float("nan")] * len(unheard)
    unheard["relevance"] = pd.Series(scores, index=unheard.index, dtype=float)
    unheard = unheard.sort_values("relevance", ascending=False, kind="stable", na_position="last")
    return unheard.reset_index(drop=True)


def story_ideas(
    log: InterviewLog,
    application_id: int,
    people: pd.DataFrame,
    *,
    posting: str,
    company_postings: CompanyPostings = (),
    missing: Sequence[str] = (),
) -> dict[int, list[StoryIdea]]:
    """Two or three stories per interviewer (``people``: rows of ``log.interviewers``), told to
    nobody at the company, spread so that panelists hear different ones where the bank allows.

    A story scores one point per missing term of the resume it proves (``missing``), plus its
    fit with the posting, plus half its fit with the person's title, team and background.
    """
    if people.empty:
        return {}
    persons = people.to_dict("records")
    fresh = _ranked_unheard(
        log,
        [int(p["id"]) for p in persons],
        application_id=application_id,
        company_wide=True,
        posting=None,
        company_postings=company_postings,
    )
    if fresh.empty:
        return {}
    rows = {int(row["id"]): row for row in fresh.to_dict("records")}
    order = list(rows)
    texts = [story_text(rows[sid]) for sid in order]
    base = {
        sid: 0.0 if pd.isna(rows[sid]["relevance"]) else rows[sid]["relevance"] for sid in order
    }
    proves = {sid: covers(posting, text, missing) for sid, text in zip(order, texts, strict=True)}
    assigned: dict[int, list[int]] = {}
    load = dict.fromkeys(order, 0)
    for person in persons:
        about = " ".join([person["title"], person["team"], person["background"]])
        personal = relevance_or_zero(about, texts)
        score = {
            sid: len(proves[sid]) + base[sid] + 0.5 * fit
            for sid, fit in zip(order, personal, strict=True)
        }
        ranked = sorted(order, key=lambda sid: (load[sid], -score[sid], sid))
        # three each when the bank allows everyone different ones, otherwise two
        per_person = STORIES_PER_PERSON if len(ranked) >= STORIES_PER_PERSON * len(persons) else 2
        picks = ranked[:per_person]
        picks.sort(key=lambda sid: (-len(proves[sid]), -score[sid], sid))
        for sid in picks:
            load[sid] += 1
        assigned[int(person["id"])] = picks
    names = {int(p["id"]): str(p["name"]) for p in persons}
    return {
        pid: [
            idea(
                rows[sid],
                covers=proves[sid],
                shared=tuple(
                    names[o] for o, other in assigned.items() if o != pid and sid in other
                ),
            )
            for sid in picks
        ]
        for pid, picks in assigned.items()
    }


def best_story(bank: pd.DataFrame, query: str, *, cues: Sequence[str] = ()) -> StoryIdea | None:
    """The story of ``bank`` (``log.stories()``) that best answers a question; None when none
    fits well enough (``MIN_STORY_FIT``). A story carrying one of the ``cues`` as a tag gains a
    point per cue."""
    if bank.empty:
        return None
    stories = bank.to_dict("records")
    fit = relevance_or_zero(query, [story_text(story) for story in stories])
    cue_keys = [text_key(cue) for cue in cues]
    tagged = [
        sum(key in {text_key(tag) for tag in story["tags"]} for key in cue_keys)
        for story in stories
    ]
    scores = [f + t for f, t in zip(fit, tagged, strict=True)]
    best = max(range(len(scores)), key=lambda n: (scores[n], -n))
    if scores[best] < MIN_STORY_FIT:
        return None
    return idea(stories[best])


def covers(posting: str, text: str, missing: Sequence[str]) -> tuple[str, ...]:
    """The resume's missing terms that a story (``text``) proves, in ``missing``'s order.

    Terms are compared in their normal form, so "denials" in the list is proved by a story the
    posting's key term "denial" matches."""
    if not missing or not posting.strip():
        return ()
    try:
        proven = {normalise_term(term) for term in compare(posting, text).matched}
        return tuple(term for term in missing if normalise_term(term) in proven)
    except MatchingError:
        return ()


def relevance_or_zero(query: str, texts: Sequence[str]) -> list[float]:
    """How well each text fits a short query; zeros when the query has no usable terms."""
    if not query.strip():
        return [0.0] * len(texts)
    try:
        return list(relevance(query, texts))
    except MatchingError:
        return [0.0] * len(texts)


def idea(
    story: Mapping[Any, Any], *, covers: Iterable[str] = (), shared: Iterable[str] = ()
) -> StoryIdea:
    """A row of the log's stories as a ``StoryIdea``."""
    return StoryIdea(
        story_id=int(story["id"]),
        title=story["title"],
        situation=story["situation"],
        task=story["task"],
        action=story["action"],
        result=story["result"],
        metrics=story["metrics"],
        covers=tuple(covers),
        shared_with=tuple(shared),
    )
