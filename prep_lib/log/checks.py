"""Checking what the user typed, before it reaches the log, and the words of the log's messages.

Each check returns the value as the log stores it (text trimmed, dates as ``YYYY-MM-DD``) or
raises a ``FieldError`` that names the input at fault, so a form can show the message beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from contextlib import suppress
from typing import Any

import numpy as np

from prep_lib.errors import LogError
from prep_lib.text import text_key

# Dates outside these years are typing mistakes in a job search (and the calendar's edges, where
# "the day after" does not exist).
FIRST_YEAR, LAST_YEAR = 1900, 2199


class FieldError(LogError):
    """A ``LogError`` caused by one input, named by ``field`` so a form can show it beside it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def text(
    value: Any,
    field: str,
    label: str,
    *,
    required: bool = False,
    name: bool = False,
    multiline: bool = False,
) -> str:
    """Check one text input: trimmed, names on one line with single spaces, storable as UTF-8.

    ``multiline`` is documentation at the call site: such text keeps its inner line breaks,
    as every text that is not a ``name`` does."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise FieldError(field, f"{label.capitalize()} must be text, not {type(value).__name__}.")
    cleaned = " ".join(value.split()) if name else value.strip()
    if required and not cleaned:
        raise FieldError(field, f"{_capital(label)} is empty; type it in.")
    try:
        cleaned.encode("utf-8")
    except UnicodeEncodeError:
        raise FieldError(
            field,
            f"{_capital(label)} holds a broken character (often left by a copy and paste). "
            "Retype the text around it.",
        ) from None
    return cleaned


def date(value: Any, field: str, label: str) -> str | None:
    """A date as ``YYYY-MM-DD`` text; None for no date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    day: dt.date | None = None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        with suppress(ValueError):
            day = dt.date.fromisoformat(value.strip())
    shown = value if isinstance(value, str) and len(value) < 40 else type(value).__name__
    if day is None:
        raise FieldError(
            field,
            f"{_capital(label)} ({shown!s}) is not a date; write it as YYYY-MM-DD, for example "
            "2026-12-02.",
        )
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise FieldError(
            field,
            f"{_capital(label)} ({day.isoformat()}) is not a date from {FIRST_YEAR} to "
            f"{LAST_YEAR}; check the year.",
        )
    return day.isoformat()


def today(value: dt.date | str | None) -> str:
    """``value`` checked as a date, or the real date when None."""
    return date(value, "today", "today") or dt.date.today().isoformat()


def rating(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or not 1 <= value <= 5:
        raise FieldError(
            "rating",
            f"The rating must be a whole number from 1 (badly) to 5 (very well), not {value!r}.",
        )
    return int(value)


def flag(value: Any, field: str, label: str) -> bool:
    if not isinstance(value, bool | np.bool_):
        raise FieldError(field, f"{label.capitalize()} must be true or false, not {value!r}.")
    return bool(value)


def tags(value: Iterable[str] | str) -> list[str]:
    """Key terms: a list, or one text with commas; trimmed, duplicates (by key) dropped."""
    if isinstance(value, str):
        value = value.split(",")
    try:
        items = list(value)
    except TypeError:
        raise FieldError("tags", "Tags must be a list of words, or one text with commas.") from None
    cleaned = [text(t, "tags", "a tag", name=True) for t in items]
    return unique(t for t in cleaned if t)


def ids(values: Any, field: str = "interviewers") -> list[Any]:
    """A list of ids (each checked later against its table)."""
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise FieldError(field, f"Give a list of ids, not {values!r}.")
    return list(values)


def unique(items: Iterable[str]) -> list[str]:
    """``items`` in order, each key (case and spacing aside) once."""
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(text_key(item), item)
    return list(seen.values())


def and_list(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def round_label(name: str) -> str:
    """ "first round" for a round called "first"; a name that says "round" as it is."""
    return name if "round" in name.casefold() else f"{name} round"


def day_after(iso: str) -> str | None:
    """The day after ``iso``; None when there is none (``iso`` is the last day of the calendar)."""
    try:
        return (dt.date.fromisoformat(iso) + dt.timedelta(days=1)).isoformat()
    except OverflowError:
        return None


def due_status(due: str, today: str) -> str:
    """ "due today", "overdue by N days" or "due in N days"."""
    days = (dt.date.fromisoformat(today) - dt.date.fromisoformat(due)).days
    if days == 0:
        return "due today"
    if days > 0:
        return f"overdue by {days} day{'s' * (days != 1)}"
    return f"due in {-days} day{'s' * (days != -1)}"


def _capital(label: str) -> str:
    return label[:1].upper() + label[1:]


def choice(value: Any, options: Sequence[str], field: str, label: str) -> str:
    """One of ``options`` (case and spacing aside), as the options spell it."""
    chosen = {text_key(o): o for o in options}.get(
        text_key(value) if isinstance(value, str) else ""
    )
    if chosen is None:
        raise FieldError(
            field, f"{_capital(label)} must be one of {and_list(list(options))}, not {value!r}."
        )
    return chosen


MOST_MINUTES = 600.0
MOST_SECTIONS = 30


def minutes(value: Any, field: str, label: str) -> float | None:
    """A duration in minutes, more than 0 and at most ``MOST_MINUTES``; None for none."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(value) if not isinstance(value, bool) else float("nan")
    except (TypeError, ValueError):
        number = float("nan")
    if not 0 < number <= MOST_MINUTES:  # NaN fails too
        raise FieldError(
            field,
            f"{_capital(label)} must be a number of minutes, more than 0 and at most "
            f"{MOST_MINUTES:g}, not {value!r}.",
        )
    return number


def outline(value: Any) -> list[list[Any]]:
    """A presentation's sections as ``[title, minutes]`` pairs, from pairs or from one text with
    a section a line, its minutes after a "|" ("Where we stand | 2")."""
    if value is None:
        return []
    if isinstance(value, str):
        rows: list[Any] = []
        for n, line in enumerate(value.splitlines(), start=1):
            if not line.strip():
                continue
            title, bar, duration = line.rpartition("|")
            if not bar:
                raise FieldError(
                    "outline",
                    f"Line {n} of the outline has no minutes: write it as 'section | minutes', "
                    "for example 'Where we stand | 2'.",
                )
            rows.append((title, duration))
    else:
        try:
            rows = list(value)
        except TypeError:
            raise FieldError("outline", "The outline must be a list of sections.") from None
    if len(rows) > MOST_SECTIONS:
        raise FieldError("outline", f"An outline of over {MOST_SECTIONS} sections is too long.")
    sections = []
    for n, row in enumerate(rows, start=1):
        if isinstance(row, str | bytes) or not isinstance(row, Sequence) or len(row) != 2:
            raise FieldError("outline", f"Section {n} must be a title and its minutes.")
        title = text(row[0], "outline", f"section {n}'s title", required=True, name=True)
        length = minutes(row[1], "outline", f"section {n}'s time")
        if length is None:
            raise FieldError("outline", f"Section {n} ({title}) has no minutes; give them.")
        sections.append([title, length])
    return sections


def amount(value: Any, field: str, label: str) -> float:
    """A yearly amount (or a number of days): a number from 0 to 100 million."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.number):
        raise FieldError(field, f"The {label} must be a number, not {value!r}.")
    number = float(value)
    if not 0 <= number <= 1e8:  # NaN fails too
        raise FieldError(field, f"The {label} must be from 0 to 100,000,000, not {value!r}.")
    return number
