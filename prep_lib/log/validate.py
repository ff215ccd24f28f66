"""Checking rows before they enter a log: a backup being restored, or rows rescued from a damaged
file. Every value is checked the way the log's own writers would have stored it, so a restored or
salvaged log answers every query:

- each column known, of its type (whole numbers, text that is valid UTF-8), present when required;
- dates real ``YYYY-MM-DD`` days in ``checks.FIRST_YEAR``..``checks.LAST_YEAR``; ratings 1–5;
  yes/no columns 0 or 1; a story's tags a JSON list of texts;
- ids unique, and every reference pointing at a row that is kept (parents are checked first);
- no two rows with the same name where the log allows one (the ``*_key`` columns are recomputed
  from the names, as the writers make them).

``sort_rows`` returns the rows that pass and, for each one that does not, why.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sqlite3
from dataclasses import dataclass
from typing import Any

from prep_lib.errors import LogError
from prep_lib.log import checks
from prep_lib.log.checks import FIRST_YEAR, LAST_YEAR
from prep_lib.log.schema import MIGRATIONS, TABLES
from prep_lib.text import text_key

DATES = {
    ("application", "applied_on"), ("round", "date"), ("story_use", "told_on"),
    ("thank_you", "due"), ("thank_you", "sent_on"), ("reference", "contacted_on"),
    ("rehearsal", "practiced_on"), ("application_status", "date"),
    ("research_note", "noted_on"), ("contact", "talked_on"), ("news", "noted_on"),
    ("package", "received_on"),
}  # fmt: skip
FLAGS = {("reference", "permission"), ("reference", "approached_by_employer"),
         ("checklist_item", "done"), ("contact", "referred_me")}  # fmt: skip
RATINGS = {("question_asked", "rating"), ("rehearsal", "rating")}
JSON_LISTS = {("story", "tags"), ("scan", "missing")}
OUTLINES = {("round_task", "outline")}  # a JSON list of [section, minutes]
# Each key column and the column it is made from.
KEYS = {
    "company_key": "company", "role_key": "role", "name_key": "name", "title_key": "title",
    "question_key": "question",
}  # fmt: skip
# Rows that must differ in these columns (besides their id).
UNIQUE = {
    "application": ("company_key", "role_key"),
    "round": ("application_id", "name_key"),
    "interviewer": ("application_id", "name_key"),
    "round_interviewer": ("round_id", "interviewer_id"),
    "story": ("title_key",),
    "reference": ("application_id", "name_key"),
    "contact": ("application_id", "name_key"),
}
_INT64 = 2**63


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # INTEGER, REAL or TEXT
    required: bool  # NOT NULL without a default: a row must give it
    nullable: bool
    parent: str | None  # the table an id in this column points to


@dataclass(frozen=True)
class Rejected:
    """A row left out, and why."""

    table: str
    row: dict[str, Any]
    reason: str

    def describe(self) -> str:
        which = f" {self.row['id']}" if isinstance(self.row.get("id"), int) else ""
        return f"{self.table}{which}: {self.reason}"


def _columns() -> dict[str, dict[str, Column]]:
    """Each table's columns, read from the schema itself."""
    con = sqlite3.connect(":memory:")
    try:
        for statements in MIGRATIONS:
            for statement in statements:
                con.execute(statement)
        columns = {}
        for table in TABLES:
            parents = {row[3]: row[2] for row in con.execute(f"PRAGMA foreign_key_list({table})")}
            columns[table] = {
                name: Column(
                    name,
                    kind,
                    required=bool(notnull) and default is None,
                    nullable=not notnull and not primary,
                    parent=parents.get(name),
                )
                for _, name, kind, notnull, default, primary in con.execute(
                    f"PRAGMA table_info({table})"
                )
            }
        return columns
    finally:
        con.close()


COLUMNS = _columns()


def sort_rows(
    tables: dict[str, list[Any]],
) -> tuple[dict[str, list[dict[str, Any]]], list[Rejected]]:
    """The rows of ``tables`` that may enter a log (keys recomputed), and those that may not."""
    kept: dict[str, list[dict[str, Any]]] = {}
    rejected: list[Rejected] = []
    ids: dict[str, set[int]] = {}
    for table in TABLES:
        kept[table], ids[table] = [], set()
        seen: set[tuple[Any, ...]] = set()
        for row in tables.get(table, []):
            if not isinstance(row, dict):
                rejected.append(Rejected(table, {}, "not a row"))
                continue
            problem, clean = _check_row(table, row, ids)
            if problem is None and table in UNIQUE:
                unique = tuple(clean.get(column) for column in UNIQUE[table])
                if unique in seen:
                    problem = "the same as an earlier row"
                seen.add(unique)
            if problem is None and "id" in clean:
                if clean["id"] in ids[table]:
                    problem = f"id {clean['id']} is used twice"
                ids[table].add(clean["id"])
            if problem is None:
                kept[table].append(clean)
            else:
                rejected.append(Rejected(table, dict(row), problem))
    return kept, rejected


def _check_row(
    table: str, row: dict[Any, Any], ids: dict[str, set[int]]
) -> tuple[str | None, dict[str, Any]]:
    """What is wrong with a row (None: nothing), and the row as the log stores it."""
    columns = COLUMNS[table]
    unknown = [str(name) for name in row if name not in columns]
    if unknown:
        return f"unknown column {unknown[0]!r}", {}
    clean = dict(row)
    for key, source in KEYS.items():
        if key in columns and isinstance(clean.get(source), str):
            clean[key] = text_key(clean[source])
    for column in columns.values():
        if column.name not in clean:
            if column.required or (column.name == "id" and table != "round_interviewer"):
                return f"{column.name} is missing", {}
            continue
        problem = _check_value(table, column, clean[column.name], ids)
        if problem:
            return problem, {}
    return None, clean


def _check_value(table: str, column: Column, value: Any, ids: dict[str, set[int]]) -> str | None:
    name = column.name
    if value is None:
        return None if column.nullable else f"{name} is empty"
    if column.type == "INTEGER":
        if isinstance(value, bool) or not isinstance(value, int) or not -_INT64 <= value < _INT64:
            return f"{name} is not a whole number"
        if name == "id" and value < 1:
            return "its id is not a positive number"
    elif column.type == "REAL":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"{name} is not a number"
        if not math.isfinite(value):
            return f"{name} is not a number"
    elif not isinstance(value, str):
        return f"{name} is not text"
    elif not _utf8(value):
        return f"{name} holds a broken character"
    if column.parent and value not in ids[column.parent]:
        return f"{name} points to a {column.parent} that is not there"
    if (table, name) in DATES:
        return _check_date(name, value)
    if (table, name) in FLAGS and value not in (0, 1):
        return f"{name} is neither 0 nor 1"
    if (table, name) in RATINGS and not 1 <= value <= 5:
        return f"{name} is not from 1 to 5"
    if (table, name) in JSON_LISTS:
        return _check_list(name, value)
    if (table, name) in OUTLINES:
        return _check_outline(name, value)
    return None


def _check_outline(name: str, value: str) -> str | None:
    try:
        checks.outline(json.loads(value))
    except (json.JSONDecodeError, RecursionError, LogError):
        return f"{name} is not a list of sections with their minutes"
    return None


def _check_date(name: str, value: str) -> str | None:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return f"{name} is not a date (YYYY-MM-DD)"
    if day.isoformat() != value or not FIRST_YEAR <= day.year <= LAST_YEAR:
        return f"{name} is not a date from {FIRST_YEAR} to {LAST_YEAR}"
    return None


def _check_list(name: str, value: str) -> str | None:
    try:
        items = json.loads(value)
    except (json.JSONDecodeError, RecursionError):
        return f"{name} is not a list of words"
    if not isinstance(items, list) or not all(isinstance(i, str) and _utf8(i) for i in items):
        return f"{name} is not a list of words"
    return None


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
