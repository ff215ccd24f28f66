"""The second-interview plan: one brief per interviewer, what to rehearse, the ask, the checklist.

``build_plan(log, application_id, round_id)`` reads the interview log and returns a ``Plan``:

- for each interviewer of the round: who they are, two or three fresh stories (told to nobody at
  the company yet, the best fit for the posting first, and first of all those proving a key term
  the resume misses), three to five questions to ask that suit their role and were not asked
  before at this company, and the facts they already heard from you;
- for the round: the questions you rated low before and the common second-round questions, each
  with the outline of a story that answers it, weakest first; facts told differently to different
  people; the salary ask; the checklist, with what the log shows as done;
- after the round: a thank-you draft per interviewer naming what you discussed.

The words come from ``prep_lib/data/plan_content.toml`` (question bank, common questions,
checklist, thank-you templates), which can be edited. ``Plan.to_markdown()``, ``Plan.to_html()``
(one printable file, every piece of user text escaped), ``Plan.to_ics()`` (reminders for any
calendar) and ``Plan.save()`` export it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import icalendar
import pandas as pd

from prep_lib.errors import MatchingError, PlanError
from prep_lib.log import InterviewLog
from prep_lib.matching import MatchReport, compare, relevance
from prep_lib.paths import user_path
from prep_lib.salary import Ask

CONTENT_PATH = Path(__file__).with_name("data") / "plan_content.toml"
KINDS = ("hr", "manager", "leader", "peer", "report")
EXPORT_FORMATS = ("markdown", "html", "ics")
STORIES_PER_PERSON = 3
QUESTIONS_PER_PERSON = 4
# A story answers a question when it covers at least this share of the question's key-term weight
# (or carries one of the question's cue tags).
MIN_STORY_FIT = 0.4

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


@dataclass(frozen=True)
class Content:
    """The editable words of the plan (see ``prep_lib/data/plan_content.toml``)."""

    questions: tuple[dict, ...]
    common: tuple[dict, ...]
    checklist: tuple[dict, ...]
    thank_you: tuple[dict, ...]


def load_content(path: str | Path | None = None) -> Content:
    """Read and check the plan's words; a malformed file raises ``PlanError`` naming the entry."""
    path = Path(path) if path else CONTENT_PATH
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PlanError(f"Cannot read the plan's words from {path.name}: {exc}.") from None
    needs = {
        "questions": ("text", "category", "fits"),
        "common": ("key", "text", "cues", "advice"),
        "checklist": ("text", "when"),
        "thank_you": ("subject", "body"),
    }
    for table, fields in needs.items():
        items = raw.get(table)
        if not isinstance(items, list) or not items:
            raise PlanError(f"{path.name} has no [[{table}]] entries; restore the file.")
        for number, item in enumerate(items, start=1):
            missing = [f for f in fields if not isinstance(item, dict) or f not in item]
            if missing:
                raise PlanError(
                    f"{path.name}: [[{table}]] entry {number} lacks {', '.join(missing)}."
                )
    for number, item in enumerate(raw["questions"], start=1):
        unknown = set(item["fits"]) - {*KINDS, "any"}
        if unknown:
            raise PlanError(
                f"{path.name}: [[questions]] entry {number} fits unknown kinds "
                f"{', '.join(sorted(unknown))}; use {', '.join(KINDS)} or any."
            )
    return Content(*(tuple(raw[t]) for t in needs))


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
        if _key(boss).startswith(_key(title)) or _key(title).startswith(_key(boss)):
            return "manager"
    if _HR.search(title):
        return "hr"
    if _LEADER.search(title):
        return "leader"
    if _REPORT.search(title):
        return "report"
    return "peer"


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


@dataclass(frozen=True)
class QuestionToAsk:
    text: str
    category: str
    own: bool = False  # one of your own questions from the log, not from the bank


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


@dataclass(frozen=True)
class RehearsalItem:
    question: str
    why: str
    rating: int | None  # your latest self-rating (from the interview or a rehearsal)
    story: StoryIdea | None
    advice: str = ""


@dataclass(frozen=True)
class ChecklistEntry:
    item_id: int
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

    def with_topic(self, topic: str) -> ThankYouDraft:
        """The same note redrafted around another topic."""
        topic = " ".join(topic.split()) or self.topic
        values = {**self.values, "topic": topic}
        return replace(
            self,
            topic=topic,
            subject=self.template["subject"].format_map(values),
            body=self.template["body"].strip().format_map(values),
            values=values,
        )


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

    @property
    def title(self) -> str:
        return f"{self.round_name.capitalize()} round: {self.role} at {self.company}"

    def to_markdown(self) -> str:
        """The plan as Markdown; user text is escaped so it shows as written."""
        return _render_markdown(self._blocks())

    def to_html(self) -> str:
        """The plan as one self-contained, printable HTML page; all user text is escaped."""
        return _render_html(self.title, self._blocks())

    def to_ics(self) -> bytes:
        """Calendar reminders: the round, open checklist items, thank-you notes still to send."""
        calendar = icalendar.Calendar()
        calendar.add("prodid", "-//second-interview-prep//plan//EN")
        calendar.add("version", "2.0")
        stamp = dt.datetime.combine(self.today, dt.time(), tzinfo=dt.UTC)
        for day, summary, description in self.reminders():
            event = icalendar.Event()
            event.add("uid", _uid(day, summary))
            event.add("dtstamp", stamp)
            event.add("dtstart", day)
            event.add("dtend", day + dt.timedelta(days=1))
            event.add("summary", summary)
            event.add("description", description)
            calendar.add_component(event)
        return calendar.to_ical()

    def reminders(self) -> list[tuple[dt.date, str, str]]:
        """(day, summary, description) of each calendar reminder, in date order."""
        where = f"{self.company} ({self.role})"
        items: list[tuple[dt.date, str, str]] = []
        if self.round_date:
            names = ", ".join(b.name for b in self.briefs) or "interviewers not known yet"
            items.append(
                (self.round_date, f"{self.round_name.capitalize()} interview: {where}",
                 f"{self.round_format}\n{self.agenda}\nMeeting: {names}".strip())
            )  # fmt: skip
        for entry in self.checklist:
            if not entry.done and entry.due:
                items.append((entry.due, f"Before the interview: {entry.text}", where))
        for draft in self.thank_yous:
            if not draft.sent_on and draft.due:
                items.append((draft.due, f"Send a thank-you note to {draft.name}", where))
        for row in self.overdue_thank_yous.itertuples():
            day = _as_date(row.due) or self.today
            items.append((day, f"Send a thank-you note to {row.interviewer}", where))
        return sorted(items, key=lambda item: (item[0], item[1]))

    def save(
        self, folder: str | Path | None = None, *, formats: Sequence[str] = EXPORT_FORMATS
    ) -> dict[str, Path]:
        """Write the plan as .md, .html and .ics (or the ``formats`` named) into ``folder``
        (default: ``plans`` in the data folder), each replaced whole; return paths by format."""
        unknown = set(formats) - set(EXPORT_FORMATS)
        if unknown:
            raise PlanError(
                f"Unknown export format {', '.join(sorted(unknown))}; choose from "
                f"{', '.join(EXPORT_FORMATS)}."
            )
        folder = Path(folder) if folder else user_path("plans")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PlanError(
                f"Cannot create {folder} ({exc.strerror}); choose another folder."
            ) from None
        stem = _slug(f"{self.company} {self.round_name} round plan")
        writers = {
            "markdown": (".md", lambda: self.to_markdown().encode("utf-8")),
            "html": (".html", lambda: self.to_html().encode("utf-8")),
            "ics": (".ics", self.to_ics),
        }
        paths = {}
        for kind in formats:
            suffix, render = writers[kind]
            name, data = stem + suffix, render()
            path = folder / name
            temporary = path.with_suffix(path.suffix + ".tmp")
            temporary.write_bytes(data)
            temporary.replace(path)
            paths[kind] = path
        return paths

    def _blocks(self) -> list[tuple[str, object]]:
        """The plan as a list of (kind, content) blocks that both renderers draw."""
        b: list[tuple[str, object]] = [("h1", self.title)]
        when = _long_date(self.round_date) if self.round_date else "date not set"
        b.append(("p", f"{when} · {self.round_format or 'format not set'}"))
        if self.agenda:
            b.append(("p", f"Agenda: {self.agenda}"))
        todo = [
            f"Thank {row.interviewer} for the {row.round} round ({row.status})"
            for row in self.overdue_thank_yous.itertuples()
        ] + [f"{row.name}: {row.next_step}" for row in self.references_to_warn.itertuples()]
        if todo:
            b += [("h2", "Do first"), ("ul", todo)]
        b.append(("h2", "The people you will meet"))
        if not self.briefs:
            b.append(("p", "No interviewers are logged for this round yet: ask for their names."))
        for brief in self.briefs:
            b.append(("h3", f"{brief.name} — {brief.title}" if brief.title else brief.name))
            about = [x for x in (brief.team, brief.tenure) if x]
            if about:
                b.append(("p", " · ".join(about)))
            if brief.background:
                b.append(("p", brief.background))
            if brief.heard:
                b.append(("p", "Already heard from you: " + "; ".join(brief.heard)))
            if brief.facts:
                b.append(("p", "You told them: " + "; ".join(f"{t}: {v}" for t, v in brief.facts)))
            b.append(("h4", "Stories to tell"))
            b.append(("ul", [_story_line(s) for s in brief.stories] or ["No fresh story left."]))
            b.append(("h4", "Questions to ask"))
            b.append(("ul", [q.text + (" (yours)" if q.own else "") for q in brief.questions]))
        if not self.conflicts.empty:
            lines = [
                f"{r.topic}: “{r.value}” to {r.interviewer} ({r.round} round)"
                for r in self.conflicts.itertuples()
            ]
            b += [("h2", "Facts you told differently: settle on one version"), ("ul", lines)]
        if not self.facts.empty:
            b.append(("h2", "Facts you stated: keep them the same"))
            b.append(("ul", [f"{r.topic}: {r.value}" for r in self.facts.itertuples()]))
        b.append(("h2", "Rehearse, weakest first"))
        for item in self.rehearse:
            rating = f" (your last rating: {item.rating}/5)" if item.rating else ""
            b.append(("h4", item.question + rating))
            b.append(("p", item.why + (f" {item.advice}" if item.advice else "")))
            if item.story:
                b.append(("p", f"Answer with: {item.story.title}"))
                b.append(("ul", item.story.outline()))
            else:
                b.append(("p", "No story in your bank answers this well: prepare one."))
        b.append(("h2", "Salary"))
        if self.ask:
            b.append(("p", self.ask.headline))
            b.append(("p", self.ask.rationale))
        else:
            b.append(("p", "No ask yet: work one out in the salary notebook (02)."))
        b.append(("h2", "Checklist"))
        b.append(("checklist", [(e.done, e.text, e.note) for e in self.checklist]))
        b.append(("h2", "Thank-you notes"))
        for draft in self.thank_yous:
            status = f"sent {draft.sent_on}" if draft.sent_on else f"send by {draft.due or '—'}"
            b.append(("h4", f"{draft.name} ({status})"))
            b.append(("pre", f"Subject: {draft.subject}\n\n{draft.body}"))
        return b


def build_plan(
    log: InterviewLog,
    application_id: int,
    round_id: int,
    *,
    match_report: MatchReport | None = None,
    ask: Ask | None = None,
    company_postings: Sequence[str] | Mapping[str, str] = (),
    candidate: str = "",
    today: dt.date | None = None,
    content: Content | None = None,
) -> Plan:
    """Build the plan for ``round_id`` of an application from what the log holds.

    ``match_report`` (from ``matching.compare``) lets the plan put first the stories that prove
    key terms your resume misses; ``ask`` (from ``salary.recommend_ask``) is the salary ask;
    ``candidate`` signs the thank-you notes. The standard checklist items are added to the
    round in the log when missing, so they can be ticked there.
    """
    content = content or load_content()
    today = today or dt.date.today()
    app = _application(log, application_id)
    round_ = _round(log, application_id, round_id)
    posting = log.posting_text(application_id)
    people = log.interviewers(application_id, round_id=round_id)
    missing = list(match_report.missing) if match_report else []
    ideas = _story_ideas(log, application_id, people, posting, company_postings, missing)
    uses = log.story_uses(application_id)
    facts = log.facts(application_id)
    asked = {_key(t) for t in log.my_questions(application_id).dropna(subset=["asked_to"])["text"]}
    questions = _questions_for(
        people, posting, content, asked, log.unasked_questions(application_id)
    )
    briefs = [
        Brief(
            interviewer_id=int(p.id),
            name=p.name,
            title=p.title,
            team=p.team,
            tenure=p.tenure,
            background=p.background,
            kind=interviewer_kind(p.title, posting=posting),
            stories=tuple(ideas.get(int(p.id), ())),
            questions=tuple(questions[int(p.id)]),
            heard=tuple(uses.loc[uses["interviewer_id"] == p.id, "story"].drop_duplicates()),
            facts=tuple(
                (f.topic, f.value) for f in facts[facts["interviewer"] == p.name].itertuples()
            ),
        )
        for p in people.itertuples()
    ]
    due = log.thank_yous_due(application_id, today=today)
    return Plan(
        company=app["company"],
        role=app["role"],
        round_id=round_id,
        round_name=round_["name"],
        round_date=_as_date(round_["date"]),
        round_format=round_["format"],
        agenda=round_["agenda"],
        briefs=briefs,
        rehearse=_rehearsal(log, application_id, posting, content),
        checklist=checklist_entries(log, application_id, round_id, content=content),
        thank_yous=_thank_yous(
            log, application_id, round_, briefs, content, match_report, candidate
        ),
        facts=facts[["topic", "value", "interviewer", "round"]],
        conflicts=log.fact_conflicts(application_id),
        references_to_warn=log.references_not_warned(application_id),
        overdue_thank_yous=due[due["round_id"] != round_id].reset_index(drop=True),
        missing_terms=missing,
        ask=ask,
        today=today,
    )


def checklist_entries(
    log: InterviewLog, application_id: int, round_id: int, *, content: Content | None = None
) -> list[ChecklistEntry]:
    """The round's checklist from the log, the standard items added when missing.

    An item counts as done when ticked in the log, or when the log shows it done: the agenda and
    the interviewers' names recorded, every reference warned, every interviewer researched.
    """
    content = content or load_content()
    round_ = _round(log, application_id, round_id)
    have = {_key(i) for i in log.checklist(application_id, round_id=round_id)["item"]}
    with log.transaction():
        for item in content.checklist:
            if _key(item["text"]) not in have:
                log.add_checklist_item(round_id, item=item["text"])
    when = {_key(item["text"]): item["when"] for item in content.checklist}
    people = log.interviewers(application_id, round_id=round_id)
    not_warned = log.references_not_warned(application_id)
    unresearched = [p.name for p in people.itertuples() if not p.background.strip()]
    shown = {
        "ask for the agenda": (
            bool(round_["agenda"].strip()) and not people.empty,
            f"the log has the agenda and {len(people)} names"
            if round_["agenda"].strip() and not people.empty
            else "the log has no agenda or no names for this round yet",
        ),
        "warn every reference": (
            not_warned.empty,
            "every reference is warned"
            if not_warned.empty
            else "still to warn: " + ", ".join(not_warned["name"]),
        ),
        "research each interviewer": (
            not people.empty and not unresearched,
            "every interviewer has notes"
            if not unresearched
            else "no notes yet on " + ", ".join(unresearched),
        ),
    }
    entries = []
    day = _as_date(round_["date"])
    for row in log.checklist(application_id, round_id=round_id).itertuples():
        derived, note = next(
            (v for k, v in shown.items() if _key(row.item).startswith(k)), (False, "")
        )
        days = when.get(_key(row.item))
        entries.append(
            ChecklistEntry(
                item_id=int(row.id),
                text=row.item,
                done=bool(row.done) or derived,
                note=note,
                due=day - dt.timedelta(days=days) if day and days is not None else None,
                shown_by_log=derived and not row.done,
            )
        )
    return sorted(entries, key=lambda e: (e.due is None, e.due or dt.date.max))


# ---- stories ---------------------------------------------------------------------------------


def _story_ideas(log, application_id, people, posting, company_postings, missing):
    """Two or three stories per interviewer, told to nobody at the company, spread so that
    panelists hear different ones where the bank allows."""
    if people.empty:
        return {}
    ids = [int(i) for i in people["id"]]
    fresh = log.fresh_stories(ids, application_id=application_id, company_postings=company_postings)
    bank = log.stories().set_index("id")
    if fresh.empty:
        return {}
    chosen = bank.loc[list(fresh["story_id"])]
    texts = [_story_text(row) for row in chosen.itertuples()]
    base = dict(zip(fresh["story_id"], fresh["relevance"].fillna(0.0), strict=True))
    covers = {
        sid: _covers(posting, text, missing) for sid, text in zip(chosen.index, texts, strict=True)
    }
    assigned: dict[int, list[int]] = {}
    load: dict[int, int] = dict.fromkeys(chosen.index, 0)
    for person in people.itertuples():
        personal = _relevance_or_zero(
            " ".join([person.title, person.team, person.background]), texts
        )
        score = {
            sid: len(covers[sid]) + base[sid] + 0.5 * fit
            for sid, fit in zip(chosen.index, personal, strict=True)
        }
        ranked = sorted(chosen.index, key=lambda sid: (load[sid], -score[sid], sid))
        # three each when the bank allows everyone different ones, otherwise two
        per_person = STORIES_PER_PERSON if len(ranked) >= STORIES_PER_PERSON * len(people) else 2
        picks = ranked[:per_person]
        picks.sort(key=lambda sid: (-len(covers[sid]), -score[sid], sid))
        for sid in picks:
            load[sid] += 1
        assigned[int(person.id)] = picks
    names = {int(p.id): p.name for p in people.itertuples()}
    ideas = {}
    for pid, picks in assigned.items():
        ideas[pid] = [
            _idea(
                bank.loc[sid],
                sid,
                covers=covers[sid],
                shared=tuple(
                    names[o] for o, other in assigned.items() if o != pid and sid in other
                ),
            )
            for sid in picks
        ]
    return ideas


def _idea(row, story_id, *, covers=(), shared=()) -> StoryIdea:
    return StoryIdea(
        story_id=int(story_id),
        title=row["title"],
        situation=row["situation"],
        task=row["task"],
        action=row["action"],
        result=row["result"],
        metrics=row["metrics"],
        covers=tuple(covers),
        shared_with=tuple(shared),
    )


def _story_text(row) -> str:
    return "\n".join(
        [
            row.title,
            row.situation,
            row.task,
            row.action,
            row.result,
            ", ".join(row.tags),
            row.metrics,
        ]
    )


def _covers(posting: str, text: str, missing: Sequence[str]) -> tuple[str, ...]:
    """The resume's missing terms that a story proves."""
    if not missing or not posting.strip():
        return ()
    try:
        proven = set(compare(posting, text).matched)
    except MatchingError:
        return ()
    return tuple(term for term in missing if term in proven)


def _relevance_or_zero(query: str, texts: Sequence[str]) -> list[float]:
    """How well each text fits a short query; zeros when the query has no usable terms."""
    if not query.strip():
        return [0.0] * len(texts)
    try:
        return relevance(query, texts)
    except MatchingError:
        return [0.0] * len(texts)


def _story_line(story: StoryIdea) -> str:
    line = story.title
    if story.metrics:
        line += f" ({story.metrics})"
    if story.covers:
        line += f" — proves {', '.join(story.covers)}, which your resume does not show"
    if story.shared_with:
        line += f" — also suggested for {', '.join(story.shared_with)}: tell it once"
    return line


# ---- questions -------------------------------------------------------------------------------


def _questions_for(people, posting, content, asked, own) -> dict[int, list[QuestionToAsk]]:
    """Three to five questions per interviewer: your own unasked ones first (spread across the
    panel), then bank questions that suit the person's role, each question used once, categories
    varied, none already asked at this company."""
    result: dict[int, list[QuestionToAsk]] = {int(i): [] for i in people["id"]}
    if people.empty:
        return result
    used = set(asked)
    order = list(result)
    for n, q in enumerate(own.itertuples()):
        if _key(q.text) not in used:
            result[order[n % len(order)]].append(QuestionToAsk(q.text, q.category, own=True))
            used.add(_key(q.text))
    for person in people.itertuples():
        kind = interviewer_kind(person.title, posting=posting)
        mine = result[int(person.id)]
        suitable = [
            q for q in content.questions
            if (kind in q["fits"] or "any" in q["fits"]) and _key(q["text"]) not in used
        ]  # fmt: skip
        categories = {q.category for q in mine}
        for q in sorted(
            suitable, key=lambda q: (q["category"] in categories, kind not in q["fits"])
        ):
            if len(mine) >= QUESTIONS_PER_PERSON:
                break
            if _key(q["text"]) in used:
                continue
            mine.append(QuestionToAsk(q["text"], q["category"]))
            used.add(_key(q["text"]))
            categories.add(q["category"])
    return result


# ---- rehearsal -------------------------------------------------------------------------------


def _rehearsal(log, application_id, posting, content) -> list[RehearsalItem]:
    """Low-rated questions and the common second-round ones, each with a story, weakest first."""
    bank = log.stories()
    texts = [_story_text(row) for row in bank.itertuples()]
    items = []
    for q in log.questions_to_rehearse(application_id).itertuples():
        rating = log.last_rehearsal_rating(application_id, q.text) or q.rating
        why = f"You rated your answer {q.rating}/5 in the {q.round} round ({q.interviewer})."
        items.append((q.text, why, rating, _best_story(bank, texts, q.text), ""))
    for common in content.common:
        rating = log.last_rehearsal_rating(application_id, common["text"])
        query = " ".join([common["text"], *common["cues"]])
        story = _best_story(bank, texts, query, cues=common["cues"])
        items.append(
            (common["text"], "Often asked in second rounds.", rating, story, common["advice"])
        )
    items.sort(key=lambda item: 3 if item[2] is None else item[2])  # stable: logged ones first
    return [RehearsalItem(*item) for item in items]


def _best_story(bank, texts, query, *, cues=()) -> StoryIdea | None:
    if bank.empty:
        return None
    fit = _relevance_or_zero(query, texts)
    tagged = [sum(_key(c) in {_key(t) for t in tags} for c in cues) for tags in bank["tags"]]
    scores = [f + t for f, t in zip(fit, tagged, strict=True)]
    best = max(range(len(scores)), key=lambda n: (scores[n], -n))
    if scores[best] < MIN_STORY_FIT:
        return None
    row = bank.iloc[best]
    return _idea(row, row["id"])


# ---- thank-you notes -------------------------------------------------------------------------


def _thank_yous(log, application_id, round_, briefs, content, report, candidate):
    logged = log.thank_yous(application_id)
    logged = logged[logged["round"] == round_["name"]]
    questions = log.my_questions(application_id)
    strength = _strength(report)
    day = _as_date(round_["date"])
    drafts = []
    for n, brief in enumerate(briefs):
        note = logged[logged["interviewer"] == brief.name]
        note = note.iloc[0] if not note.empty else None
        asked = questions[
            (questions["asked_to"] == brief.name) & (questions["round"] == round_["name"])
        ]
        topic = _topic(note, asked, brief, round_)
        template = content.thank_you[n % len(content.thank_you)]
        values = {
            "first_name": brief.name.split()[0] if brief.name.split() else brief.name,
            "role": round_["role"],
            "company": round_["company"],
            "topic": topic,
            "day": f"on {_long_date(day)}" if day else "recently",
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
                due=_as_date(note["due"]) if note is not None else _day_after(day),
                sent_on=note["sent_on"] if note is not None else None,
                thank_you_id=int(note["id"]) if note is not None else None,
                template=template,
                values=values,
            )
        )
    return drafts


def _strength(report: MatchReport | None) -> str:
    """The posting's heaviest key term the resume proves, preferring a phrase to a single word."""
    matched = list(report.matched) if report else []
    phrases = [term for term in matched if " " in term]
    return (phrases or matched or ["this kind of work"])[0]


def _topic(note, asked, brief: Brief, round_) -> str:
    """What you discussed with someone: the topic logged with their thank-you note, else the
    subject of a question you asked them, else their team's work."""
    if note is not None and note["topic"].strip():
        return note["topic"].strip()
    if not asked.empty:
        text = asked.iloc[0]["text"].strip().rstrip("?")
        return f"your answer to my question, “{text}?”"
    if brief.team:
        return f"the work of the {brief.team} team"
    return f"the {round_['role']} role"


# ---- small helpers ---------------------------------------------------------------------------


def _application(log: InterviewLog, application_id: int) -> dict:
    apps = log.applications()
    found = apps[apps["id"] == application_id]
    if found.empty:
        raise PlanError(
            f"There is no application with id {application_id} in the log. Pick one of "
            f"{', '.join(map(str, apps['id'])) or 'none (add one in notebook 03)'}."
        )
    return found.iloc[0].to_dict()


def _round(log: InterviewLog, application_id: int, round_id: int) -> dict:
    rounds = log.rounds(application_id)
    found = rounds[rounds["id"] == round_id]
    if found.empty:
        names = ", ".join(f"{r.name} (id {r.id})" for r in rounds.itertuples()) or "none yet"
        raise PlanError(
            f"Round {round_id!r} is not a round of this application; its rounds are: {names}. "
            "Add the round in notebook 03 first."
        )
    row = found.iloc[0].to_dict()
    app = _application(log, application_id)
    return row | {"company": app["company"], "role": app["role"]}


def _key(text: str) -> str:
    return " ".join(str(text).casefold().split())


def _as_date(value) -> dt.date | None:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _day_after(day: dt.date | None) -> dt.date | None:
    return day + dt.timedelta(days=1) if day else None


def _long_date(day: dt.date) -> str:
    return f"{day:%A}, {day.day} {day:%B} {day.year}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "plan"


def _uid(day: dt.date, summary: str) -> str:
    digest = hashlib.sha1(f"{day.isoformat()}|{summary}".encode()).hexdigest()[:20]
    return f"{digest}@second-interview-prep"


# ---- rendering -------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def _render_markdown(blocks: Iterable[tuple[str, object]]) -> str:
    out: list[str] = []
    for kind, content in blocks:
        if kind.startswith("h"):
            out += ["#" * int(kind[1]) + " " + _md(content), ""]
        elif kind == "p":
            out += [_md(content), ""]
        elif kind == "ul":
            out += [f"- {_md(item)}" for item in content] + [""]
        elif kind == "checklist":
            for done, text, note in content:
                out.append(
                    f"- [{'x' if done else ' '}] {_md(text)}" + (f" — {_md(note)}" if note else "")
                )
            out.append("")
        elif kind == "pre":
            out += ["```", str(content).replace("```", "'''"), "```", ""]
    return "\n".join(out).rstrip() + "\n"


_CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1f;
       max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #ccc; }
h3 { margin-top: 1.5rem; } h4 { margin: 1rem 0 .3rem; }
pre { white-space: pre-wrap; background: #f6f6f6; padding: .8rem; border-radius: 4px;
      font: inherit; }
ul.checklist { list-style: none; padding-left: 0; }
.done { color: #1b5e20; } .open { color: #8a1c1c; font-weight: 600; }
@media print { body { margin: 0; max-width: none; } h2, h3 { break-after: avoid; }
               pre, li { break-inside: avoid; } }
"""


def _render_html(title: str, blocks: Iterable[tuple[str, object]]) -> str:
    e = html.escape
    body: list[str] = []
    for kind, content in blocks:
        if kind.startswith("h"):
            body.append(f"<{kind}>{e(content)}</{kind}>")
        elif kind == "p":
            body.append(f"<p>{e(content)}</p>")
        elif kind == "ul":
            body.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in content) + "</ul>")
        elif kind == "checklist":
            items = "".join(
                f'<li><span class="{"done" if done else "open"}">{"☑" if done else "☐"}</span> '
                f"{e(text)}" + (f" <small>({e(note)})</small>" if note else "") + "</li>"
                for done, text, note in content
            )
            body.append(f'<ul class="checklist">{items}</ul>')
        elif kind == "pre":
            body.append(f"<pre>{e(content)}</pre>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{e(title)}</title><style>{_CSS}</style></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


__all__ = [
    "Brief",
    "ChecklistEntry",
    "Content",
    "Plan",
    "QuestionToAsk",
    "RehearsalItem",
    "StoryIdea",
    "ThankYouDraft",
    "build_plan",
    "checklist_entries",
    "interviewer_kind",
    "load_content",
]
