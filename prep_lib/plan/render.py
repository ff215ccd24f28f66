"""The plan as files: Markdown to edit, one printable HTML page, calendar reminders (.ics).

``blocks`` lays the plan out once as headings, paragraphs and lists; the Markdown and HTML
renderers draw the same blocks, escaping every piece of user text (``prep_lib.text``), so a
pasted ``<script>`` or ``[link](javascript:...)`` shows as written. The calendar is written by the
icalendar library, which escapes its own text. ``save`` writes the files owner-only, each whole
or not at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import icalendar

from prep_lib.errors import PlanError, SaveError
from prep_lib.files import write_version
from prep_lib.paths import outside_project, user_path
from prep_lib.plan.dates import day_after, long_date
from prep_lib.plan.pitch import WORDS_PER_MINUTE
from prep_lib.stories import StoryIdea
from prep_lib.text import file_stem, html_text, markdown_text

if TYPE_CHECKING:
    from prep_lib.plan.model import Letter, Plan

EXPORT_FORMATS = ("markdown", "html", "ics")
SUFFIXES = {"markdown": ".md", "html": ".html", "ics": ".ics"}


@dataclass(frozen=True)
class Block:
    """One piece of the laid-out plan: a heading (h1–h4), a paragraph (p), a list (ul), a
    checklist, or preformatted text (pre)."""

    kind: str
    text: str = ""
    items: tuple[str, ...] = ()
    checks: tuple[tuple[bool, str, str], ...] = ()  # (done, item, note)


def to_markdown(plan: Plan) -> str:
    """The plan as Markdown; user text is escaped so it shows as written."""
    out: list[str] = []
    for block in blocks(plan):
        if block.kind.startswith("h"):
            out += ["#" * int(block.kind[1]) + " " + markdown_text(block.text), ""]
        elif block.kind == "p":
            out += [markdown_text(block.text), ""]
        elif block.kind == "ul":
            out += [f"- {markdown_text(item)}" for item in block.items] + [""]
        elif block.kind == "checklist":
            for done, text, note in block.checks:
                line = f"- [{'x' if done else ' '}] {markdown_text(text)}"
                out.append(line + (f" — {markdown_text(note)}" if note else ""))
            out.append("")
        elif block.kind == "pre":
            out += ["```", block.text.replace("```", "'''"), "```", ""]
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


def to_html(plan: Plan) -> str:
    """The plan as one self-contained, printable HTML page; all user text is escaped."""
    e = html_text
    body: list[str] = []
    for block in blocks(plan):
        if block.kind.startswith("h"):
            body.append(f"<{block.kind}>{e(block.text)}</{block.kind}>")
        elif block.kind == "p":
            body.append(f"<p>{e(block.text)}</p>")
        elif block.kind == "ul":
            body.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in block.items) + "</ul>")
        elif block.kind == "checklist":
            items = "".join(
                f'<li><span class="{"done" if done else "open"}">{"☑" if done else "☐"}</span> '
                f"{e(text)}" + (f" <small>({e(note)})</small>" if note else "") + "</li>"
                for done, text, note in block.checks
            )
            body.append(f'<ul class="checklist">{items}</ul>')
        elif block.kind == "pre":
            body.append(f"<pre>{e(block.text)}</pre>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{e(plan.title)}</title><style>{_CSS}</style></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def to_ics(plan: Plan) -> bytes:
    """Calendar reminders: the round, open checklist items, the reply to the invitation and
    the follow-up, thank-you notes still to send (``Plan.reminders``)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//second-interview-prep//plan//EN")
    calendar.add("version", "2.0")
    stamp = dt.datetime.combine(plan.today, dt.time(), tzinfo=dt.UTC)
    for day, summary, description in plan.reminders():
        event = icalendar.Event()
        event.add("uid", _uid(day, summary))
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day_after(day) or day)
        event.add("summary", summary)
        event.add("description", description)
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def save(
    plan: Plan, folder: str | Path | None = None, *, formats: Sequence[str] = EXPORT_FORMATS
) -> dict[str, Path]:
    """Write the plan as .md, .html and .ics (or the ``formats`` named) into ``folder``
    (default: ``plans`` in the data folder); return paths by format. A file saved before is
    never overwritten: a changed plan goes beside it as ``<name> (2).md``..., and saving the
    same plan again writes nothing new (``write_version``)."""
    unknown = set(formats) - set(EXPORT_FORMATS)
    if unknown:
        raise PlanError(
            f"Unknown export format {', '.join(sorted(unknown))}; choose from "
            f"{', '.join(EXPORT_FORMATS)}."
        )
    target = outside_project(folder if folder else user_path("plans"), error=SaveError)
    stem = file_stem(f"{plan.company} {plan.round_name} round plan", "plan")
    renderers: dict[str, Callable[[Plan], str | bytes]] = {
        "markdown": to_markdown,
        "html": to_html,
        "ics": to_ics,
    }
    return {
        kind: write_version(target / (stem + SUFFIXES[kind]), renderers[kind](plan))
        for kind in formats
    }


def blocks(plan: Plan) -> list[Block]:
    """The plan laid out as blocks, in reading order, for both renderers."""
    b: list[Block] = [Block("h1", plan.title)]
    when = long_date(plan.round_date) if plan.round_date else "date not set"
    b.append(Block("p", f"{when} · {plan.round_format or 'format not set'}"))
    if plan.agenda:
        b.append(Block("p", f"Agenda: {plan.agenda}"))
    todo = [
        f"Thank {row['interviewer']} for the {row['round']} round ({row['status']})"
        for row in plan.overdue_thank_yous.to_dict("records")
    ] + [f"{row['name']}: {row['next_step']}" for row in plan.references_to_warn.to_dict("records")]
    if todo:
        b += [Block("h2", "Do first"), Block("ul", items=tuple(todo))]
    b += _company_blocks(plan)
    b.append(Block("h2", "The people you will meet"))
    if not plan.briefs:
        b.append(Block("p", "No interviewers are logged for this round yet: ask for their names."))
    for brief in plan.briefs:
        b.append(Block("h3", f"{brief.name} — {brief.title}" if brief.title else brief.name))
        about = [x for x in (brief.team, brief.tenure) if x]
        if about:
            b.append(Block("p", " · ".join(about)))
        if brief.background:
            b.append(Block("p", brief.background))
        if brief.heard:
            b.append(Block("p", "Already heard from you: " + "; ".join(brief.heard)))
        if brief.facts:
            told = "; ".join(f"{t}: {v}" for t, v in brief.facts)
            b.append(Block("p", "You told them: " + told))
        if brief.contact:
            b.append(Block("p", "You know them: " + brief.contact.line()))
        stories = tuple(_story_line(s) for s in brief.stories) or ("No fresh story left.",)
        b += [Block("h4", "Stories to tell"), Block("ul", items=stories)]
        if brief.points:
            points = tuple(point.line() for point in brief.points)
            b += [Block("h4", "Points to mention"), Block("ul", items=points)]
        if brief.concerns:
            doubts = tuple(f"{c.topic}: {c.answer}" for c in brief.concerns)
            b += [Block("h4", "They may ask about"), Block("ul", items=doubts)]
        questions = tuple(
            q.text + (" (yours)" if q.own else "") + (f" ({q.why})" if q.why else "")
            for q in brief.questions
        )
        b += [Block("h4", "Questions to ask"), Block("ul", items=questions)]
    for task in plan.tasks:
        b += [Block("h2", task.title), Block("ul", items=tuple(task.lines()))]
    if plan.pitches:
        b.append(Block("h2", "Your pitch: “Tell me about yourself”"))
        pace = f"{WORDS_PER_MINUTE} words a minute, a calm speaking pace"
        b.append(Block("p", f"For people who join unannounced. Word counts assume {pace}."))
        for pitch in plan.pitches:
            b += [Block("h4", pitch.summary()), Block("p", pitch.text)]
    if plan.concerns:
        b.append(Block("h2", "Concerns they may raise"))
        b.append(Block("ul", items=tuple(concern.line() for concern in plan.concerns)))
    if not plan.conflicts.empty:
        lines = tuple(
            f"{r['topic']}: “{r['value']}” to {r['interviewer']} ({r['round']} round)"
            for r in plan.conflicts.to_dict("records")
        )
        b += [
            Block("h2", "Facts you told differently: settle on one version"),
            Block("ul", items=lines),
        ]
    if not plan.facts.empty:
        b.append(Block("h2", "Facts you stated: keep them the same"))
        stated = tuple(f"{r['topic']}: {r['value']}" for r in plan.facts.to_dict("records"))
        b.append(Block("ul", items=stated))
    b.append(Block("h2", "Rehearse, weakest first"))
    for item in plan.rehearse:
        rating = f" (your last rating: {item.rating}/5)" if item.rating else ""
        b.append(Block("h4", item.question + rating))
        b.append(Block("p", item.why + (f" {item.advice}" if item.advice else "")))
        if item.story:
            b.append(Block("p", f"Answer with: {item.story.title}"))
            b.append(Block("ul", items=tuple(item.story.outline())))
        else:
            b.append(Block("p", "No story in your bank answers this well: prepare one."))
    b.append(Block("h2", "Salary"))
    if plan.ask:
        b += [Block("p", plan.ask.headline), Block("p", plan.ask.rationale)]
    else:
        b.append(
            Block("p", "No ask yet: add your salary figures (notebook 02, or tab 2 of the app).")
        )
    if plan.offer:
        b += [Block("h3", "The offer"), Block("p", plan.offer.summary())]
        b.append(Block("ul", items=tuple(plan.offer.lines())))
        b += [
            Block("h4", "What to negotiate next"),
            Block("ul", items=tuple(plan.offer.negotiate())),
        ]
    b.append(Block("h2", "Checklist"))
    b.append(Block("checklist", checks=tuple((e.done, e.text, e.note) for e in plan.checklist)))
    for letter in plan.letters[:1]:
        b += _letter_blocks(letter)
    b.append(Block("h2", "Thank-you notes"))
    for draft in plan.thank_yous:
        status = f"sent {draft.sent_on}" if draft.sent_on else f"send by {draft.due or '—'}"
        b.append(Block("h4", f"{draft.name} ({status})"))
        b.append(Block("pre", draft.text))
    for letter in plan.letters[1:]:
        b += _letter_blocks(letter)
    return b


def _company_blocks(plan: Plan) -> list[Block]:
    """What you know about the company, and the people you know there."""
    b: list[Block] = []
    if plan.research or plan.research_gaps:
        b.append(Block("h2", f"What you know about {plan.company}"))
        b.append(Block("ul", items=tuple(point.line() for point in plan.research)))
        if plan.research_gaps:
            gaps = ", ".join(plan.research_gaps).lower()
            b.append(Block("p", f"Nothing yet on {gaps}: the questions below ask about it."))
    if plan.contacts:
        b.append(Block("h2", "People you know there"))
        b.append(Block("ul", items=tuple(contact.line() for contact in plan.contacts)))
    return b


def _letter_blocks(letter: Letter) -> list[Block]:
    when = f" (send by {letter.due})" if letter.due else ""
    return [
        Block("h2", letter.heading + when),
        Block("pre", f"Subject: {letter.subject}\n\n{letter.body}"),
    ]


def _story_line(story: StoryIdea) -> str:
    line = story.title
    if story.metrics:
        line += f" ({story.metrics})"
    if story.covers:
        line += f" — proves {', '.join(story.covers)}, which your resume does not show"
    if story.shared_with:
        line += f" — also suggested for {', '.join(story.shared_with)}: tell it once"
    return line


def _uid(day: dt.date, summary: str) -> str:
    digest = hashlib.sha1(f"{day.isoformat()}|{summary}".encode()).hexdigest()[:20]
    return f"{digest}@second-interview-prep"
