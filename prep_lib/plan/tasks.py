"""Rounds that are not conversations: a presentation, a case study or a skills test.

A presentation has a topic, an audience (the interviewers of its round), a time limit and an
outline of sections with their minutes; ``RoundTask.schedule()`` says when each section starts
and ends, and ``timing()`` whether the outline fits the limit (a tenth of it is kept for
questions). A case study or a test has what you know about it, what to practise and what to
bring. Each adds its items to the round's checklist (``checklist_items``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

QUESTION_SHARE = 0.1  # of a presentation's time limit, kept free for questions


@dataclass(frozen=True)
class Section:
    title: str
    minutes: float


@dataclass(frozen=True)
class RoundTask:
    """A presentation, case study or skills test of a round (a row of ``log.round_tasks``)."""

    task_id: int
    kind: str  # "presentation", "case study" or "skills test"
    topic: str
    minutes: float | None = None  # the time limit
    known: str = ""
    practice: str = ""
    materials: str = ""
    outline: tuple[Section, ...] = ()
    audience: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        limit = f"{_minutes(self.minutes)}-minute " if self.minutes else ""
        return f"A {limit}{self.kind}: {self.topic}"

    @property
    def planned_minutes(self) -> float:
        return sum(s.minutes for s in self.outline)

    def schedule(self) -> list[tuple[Section, int, int]]:
        """Each section with the second it starts and ends, from the start of the talk."""
        start, rows = 0.0, []
        for section in self.outline:
            end = start + 60 * section.minutes
            rows.append((section, round(start), round(end)))
            start = end
        return rows

    def timing(self) -> str:
        """Whether the outline fits the time limit, in a sentence ('' without either)."""
        if not self.outline or not self.minutes:
            return ""
        planned, limit = self.planned_minutes, self.minutes
        spare = limit - planned
        if spare < 0:
            return (
                f"The outline runs {_minutes(-spare)} min over the {_minutes(limit)}-minute "
                "limit: cut a section or shorten one."
            )
        if spare < QUESTION_SHARE * limit:
            return (
                f"The outline fills {_minutes(planned)} of {_minutes(limit)} minutes: leave a "
                "minute or two for questions."
            )
        return f"The outline takes {_minutes(planned)} of {_minutes(limit)} minutes."

    def lines(self) -> list[str]:
        """The task for the plan, one line per point."""
        lines = []
        if self.audience:
            lines.append("Audience: " + ", ".join(self.audience))
        if self.kind == "presentation":
            for section, start, end in self.schedule():
                lines.append(f"{clock_text(start)}–{clock_text(end)} {section.title}")
            if self.timing():
                lines.append(self.timing())
        for label, text in (
            ("What you know", self.known),
            ("Practise", self.practice),
            ("Bring", self.materials),
        ):
            if text:
                lines.append(f"{label}: {' '.join(text.split())}")
        return lines

    def checklist_items(self) -> list[tuple[str, int]]:
        """Checklist items (text, days before the round) this task adds."""
        items = []
        if self.kind == "presentation":
            limit = f" in {_minutes(self.minutes)} minutes" if self.minutes else ""
            items.append((f"Rehearse the presentation on {self.topic}{limit}, twice", 2))
        elif self.practice:
            items.append((f"Practise for the {self.kind}: {' '.join(self.practice.split())}", 2))
        else:
            items.append((f"Prepare for the {self.kind} on {self.topic}", 2))
        if self.materials:
            items.append((f"Pack for the {self.kind}: {' '.join(self.materials.split())}", 1))
        return items


def round_task(row: Mapping[Any, Any], audience: Sequence[str] = ()) -> RoundTask:
    """A row of ``log.round_tasks`` as a ``RoundTask``; ``audience`` names the round's people."""
    minutes = row["minutes"]
    return RoundTask(
        task_id=int(row["id"]),
        kind=str(row["kind"]),
        topic=str(row["topic"]),
        minutes=None if minutes is None or minutes != minutes else float(minutes),
        known=str(row["known"]),
        practice=str(row["practice"]),
        materials=str(row["materials"]),
        outline=tuple(Section(str(t), float(m)) for t, m in row["outline"]),
        audience=tuple(audience),
    )


def _minutes(value: float | None) -> str:
    return f"{value:g}" if value is not None else ""


def clock_text(seconds: int) -> str:
    """Seconds as a clock shows them: "1:30"."""
    return f"{seconds // 60}:{seconds % 60:02d}"
