"""Dates in the plan: the log's ``YYYY-MM-DD`` text as dates, and dates as a person reads them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd


def as_date(value: Any) -> dt.date | None:
    """A date of the log (``YYYY-MM-DD`` text, or None) as a ``datetime.date``; None for what
    is no date (a log written by an older version may hold one)."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def shift(day: dt.date, days: int) -> dt.date | None:
    """``day`` moved by ``days``; None past the ends of the calendar."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


def long_date(day: dt.date) -> str:
    """ "Wednesday, 2 December 2026"."""
    return f"{day:%A}, {day.day} {day:%B} {day.year}"


def day_after(day: dt.date | None) -> dt.date | None:
    return shift(day, 1) if day else None
