"""The interview log: whom you met, what you told them, what you asked, and what is still to do.

One SQLite file (stdlib ``sqlite3``) in the user's data folder holds every application (company and
role), its rounds and interviewers, the candidate's STAR stories and who heard which, questions both
ways, facts stated, thank-you notes, references and checklists. Interviewers compare notes, so the
queries answer what a candidate must not get wrong: which stories are still fresh for a panel, which
facts were told differently to different people, what is overdue.

Every public write is one transaction (``BEGIN IMMEDIATE``), so an error or a crash never leaves
half an entry behind, and a second notebook writing at the same time waits instead of failing. The
file is in WAL mode, foreign keys are enforced, and the schema carries its version in ``PRAGMA
user_version``; opening an older file migrates it in place, keeping its data. Ids are ints; dates
are ``datetime.date`` (or ``YYYY-MM-DD`` text) in and ``YYYY-MM-DD`` text in the tables out.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import os
import sqlite3
import time
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from prep_lib.documents import load_text
from prep_lib.errors import LogError, PrepError
from prep_lib.matching import relevance
from prep_lib.paths import PROJECT_ROOT, sample_path, user_path

LOG_FILE = "interview_log.sqlite"
DEMO_FILE = "demo_interview_log.sqlite"
SEED_FILE = "interview_log.toml"
# "Today" for the sample candidate: after the first round, a few days before the second, so the
# demo shows an overdue thank-you and an upcoming round whatever the real date is.
DEMO_TODAY = dt.date(2026, 11, 28)
BUSY_TIMEOUT_S = 30
BACKUP_FORMAT = "prep_lib interview log backup"

# Each entry upgrades the schema by one version; a file at version n gets MIGRATIONS[n:] applied.
# Never edit a released entry: add a new one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # 1: applications, rounds, people, stories and everything said in the rooms
        """CREATE TABLE application (
            id INTEGER PRIMARY KEY,
            company TEXT NOT NULL, company_key TEXT NOT NULL,
            role TEXT NOT NULL, role_key TEXT NOT NULL,
            posting_text TEXT NOT NULL DEFAULT '', posting_path TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT '', applied_on TEXT,
            UNIQUE (company_key, role_key))""",
        """CREATE TABLE round (
            id INTEGER PRIMARY KEY,
            application_id INTEGER NOT NULL REFERENCES application(id),
            name TEXT NOT NULL, name_key TEXT NOT NULL, date TEXT,
            format TEXT NOT NULL DEFAULT '', agenda TEXT NOT NULL DEFAULT '',
            UNIQUE (application_id, name_key))""",
        """CREATE TABLE interviewer (
            id INTEGER PRIMARY KEY,
            application_id INTEGER NOT NULL REFERENCES application(id),
            name TEXT NOT NULL, name_key TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '', team TEXT NOT NULL DEFAULT '',
            tenure TEXT NOT NULL DEFAULT '', background TEXT NOT NULL DEFAULT '',
            contact TEXT NOT NULL DEFAULT '',
            UNIQUE (application_id, name_key))""",
        """CREATE TABLE round_interviewer (
            round_id INTEGER NOT NULL REFERENCES round(id),
            interviewer_id INTEGER NOT NULL REFERENCES interviewer(id),
            PRIMARY KEY (round_id, interviewer_id))""",
        """CREATE TABLE story (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL, title_key TEXT NOT NULL UNIQUE,
            situation TEXT NOT NULL, task TEXT NOT NULL, action TEXT NOT NULL,
            result TEXT NOT NULL, tags TEXT NOT NULL DEFAULT '[]')""",
        """CREATE TABLE story_use (
            id INTEGER PRIMARY KEY,
            story_id INTEGER NOT NULL REFERENCES story(id),
            interviewer_id INTEGER NOT NULL REFERENCES interviewer(id),
            round_id INTEGER NOT NULL REFERENCES round(id),
            told_on TEXT, landed TEXT NOT NULL DEFAULT '')""",
        "CREATE INDEX story_use_by_story ON story_use (story_id, interviewer_id)",
        "CREATE INDEX story_use_by_interviewer ON story_use (interviewer_id)",
        """CREATE TABLE question_asked (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES round(id),
            interviewer_id INTEGER NOT NULL REFERENCES interviewer(id),
            text TEXT NOT NULL, category TEXT NOT NULL DEFAULT '',
            answer TEXT NOT NULL DEFAULT '',
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5))""",
        """CREATE TABLE my_question (
            id INTEGER PRIMARY KEY,
            application_id INTEGER NOT NULL REFERENCES application(id),
            text TEXT NOT NULL, category TEXT NOT NULL DEFAULT '')""",
        """CREATE TABLE my_question_ask (
            id INTEGER PRIMARY KEY,
            question_id INTEGER NOT NULL REFERENCES my_question(id),
            interviewer_id INTEGER NOT NULL REFERENCES interviewer(id),
            round_id INTEGER NOT NULL REFERENCES round(id),
            answer TEXT NOT NULL DEFAULT '')""",
        """CREATE TABLE fact (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES round(id),
            interviewer_id INTEGER NOT NULL REFERENCES interviewer(id),
            topic TEXT NOT NULL, value TEXT NOT NULL)""",
        """CREATE TABLE thank_you (
            id INTEGER PRIMARY KEY,
            interviewer_id INTEGER NOT NULL REFERENCES interviewer(id),
            round_id INTEGER NOT NULL REFERENCES round(id),
            due TEXT NOT NULL, sent_on TEXT, channel TEXT NOT NULL DEFAULT '',
            topic TEXT NOT NULL DEFAULT '')""",
        """CREATE TABLE reference (
            id INTEGER PRIMARY KEY,
            application_id INTEGER NOT NULL REFERENCES application(id),
            name TEXT NOT NULL, name_key TEXT NOT NULL,
            relationship TEXT NOT NULL DEFAULT '', contact TEXT NOT NULL DEFAULT '',
            permission INTEGER NOT NULL DEFAULT 0, contacted_on TEXT,
            approached_by_employer INTEGER NOT NULL DEFAULT 0,
            asked_about TEXT NOT NULL DEFAULT '',
            UNIQUE (application_id, name_key))""",
    ),
    (  # 2: a story's metrics; a checklist per round
        "ALTER TABLE story ADD COLUMN metrics TEXT NOT NULL DEFAULT ''",
        """CREATE TABLE checklist_item (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES round(id),
            item TEXT NOT NULL, done INTEGER NOT NULL DEFAULT 0)""",
    ),
    (  # 3: answers rehearsed before a round, with a self-rating
        """CREATE TABLE rehearsal (
            id INTEGER PRIMARY KEY,
            application_id INTEGER NOT NULL REFERENCES application(id),
            question TEXT NOT NULL, question_key TEXT NOT NULL,
            answer TEXT NOT NULL DEFAULT '',
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
            practiced_on TEXT NOT NULL)""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
# Every table, parents before children (the order a restore inserts them in).
TABLES = (
    "application", "round", "interviewer", "round_interviewer", "story", "story_use",
    "question_asked", "my_question", "my_question_ask", "fact", "thank_you", "reference",
    "checklist_item", "rehearsal",
)  # fmt: skip
_NOUNS = {
    "application": "application",
    "round": "round",
    "interviewer": "interviewer",
    "story": "story",
    "my_question": "question of yours",
    "thank_you": "thank-you note",
    "reference": "reference",
    "checklist_item": "checklist item",
    "rehearsal": "rehearsal",
}


class FieldError(LogError):
    """A ``LogError`` caused by one input, named by ``field`` so a form can show it beside it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class InterviewLog:
    """The interview log in one SQLite file; ``path=None`` is the user's data folder's log.

    Open it once per notebook; ``close()`` it (or use ``with``) when done. Several notebooks may
    have the same file open: writes wait for each other for up to ``BUSY_TIMEOUT_S`` seconds.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = _outside_project(Path(path) if path is not None else user_path(LOG_FILE))
        _create_private(self.path)
        try:
            self._con = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as exc:
            raise LogError(f"Cannot open the interview log {self.path} ({exc}).") from None
        self._con.row_factory = sqlite3.Row
        try:
            self._con.execute("PRAGMA foreign_keys = ON")
            _use_wal(self._con)
            self._migrate()
        except BaseException as exc:
            self._con.close()
            if isinstance(exc, sqlite3.DatabaseError) and (error := _as_log_error(exc, self.path)):
                raise error from None
            raise

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> InterviewLog:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"InterviewLog({str(self.path)!r})"

    # ---- the plumbing -----------------------------------------------------------------------

    def _migrate(self) -> None:
        if self._version() == SCHEMA_VERSION:
            return
        with self.transaction():  # checked again under the lock: another process may have won
            version = self._version()
            if version > SCHEMA_VERSION:
                raise LogError(
                    f"{self.path.name} was written by a newer version of prep_lib (log format "
                    f"{version}, this one reads up to {SCHEMA_VERSION}). Update prep_lib "
                    "(pip install -U prep-lib) and open it again."
                )
            tables = self._con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if version == 0 and tables:
                raise LogError(
                    f"{self.path} is a SQLite file of another program, not an interview log. "
                    "Choose another file name for the log."
                )
            for statements in MIGRATIONS[version:]:
                for statement in statements:
                    self._con.execute(statement)
            self._con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _version(self) -> int:
        return self._con.execute("PRAGMA user_version").fetchone()[0]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes: inside ``with log.transaction():`` all of them are saved, or none.

        Every public write runs in one of these. Nested inside another, it is a savepoint: a
        write that fails undoes only itself, and the outer transaction decides the rest.
        """
        con = self._con
        if con.in_transaction:
            con.execute("SAVEPOINT nested_write")
            try:
                yield
            except BaseException:
                con.execute("ROLLBACK TO nested_write")
                raise
            finally:
                con.execute("RELEASE nested_write")
            return
        try:
            con.execute("BEGIN IMMEDIATE")
            yield
            con.execute("COMMIT")
        except BaseException as exc:
            if con.in_transaction:
                con.execute("ROLLBACK")
            if isinstance(exc, sqlite3.DatabaseError) and (error := _as_log_error(exc, self.path)):
                raise error from None
            raise

    def _frame(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        cursor = self._con.execute(sql, params)
        columns = [c[0] for c in cursor.description]
        return pd.DataFrame([tuple(row) for row in cursor], columns=columns, dtype=object)

    def _insert(self, table: str, **values: Any) -> int:
        columns, marks = ", ".join(values), ", ".join("?" * len(values))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
        return self._con.execute(sql, tuple(values.values())).lastrowid

    def _row(self, table: str, row_id: Any, field: str) -> sqlite3.Row:
        if isinstance(row_id, bool) or not isinstance(row_id, int | np.integer):
            raise FieldError(
                field,
                f"The {_NOUNS[table]} id must be a whole number, not {row_id!r}. Take it from a "
                "table of the log or from the value an add_... method returned.",
            )
        row = self._con.execute(f"SELECT * FROM {table} WHERE id = ?", (int(row_id),)).fetchone()
        if row is None:
            raise FieldError(
                field,
                f"There is no {_NOUNS[table]} with id {row_id} in this log. Pick one that the "
                "log lists.",
            )
        return row

    def _id(self, table: str, row_id: Any, field: str) -> int:
        """``row_id`` checked to exist in ``table``, as a plain int."""
        return self._row(table, row_id, field)["id"]

    def _pair(self, interviewer_id: int, round_id: int) -> tuple[sqlite3.Row, sqlite3.Row]:
        """The interviewer and the round, checked to belong to one application and linked."""
        person = self._row("interviewer", interviewer_id, "interviewer")
        round_ = self._row("round", round_id, "round")
        if person["application_id"] != round_["application_id"]:
            raise FieldError(
                "round",
                f"{person['name']} and the {_round_label(round_['name'])} belong to different "
                "applications. Choose a round of the application this person interviews for.",
            )
        self._con.execute(
            "INSERT OR IGNORE INTO round_interviewer (round_id, interviewer_id) VALUES (?, ?)",
            (round_["id"], person["id"]),
        )
        return person, round_

    # ---- adding what happened ---------------------------------------------------------------

    def add_application(
        self,
        *,
        company: str,
        role: str,
        posting: str = "",
        posting_path: str | os.PathLike[str] | None = None,
        status: str = "",
        applied_on: dt.date | str | None = None,
    ) -> int:
        """Add an application (a role at a company); ``posting_path`` is read and its text kept."""
        company = _text(company, "company", "the company", required=True, name=True)
        role = _text(role, "role", "the role", required=True, name=True)
        posting = _text(posting, "posting", "the posting", multiline=True)
        source = ""
        if posting_path is not None:
            try:
                posting = load_text(posting_path)
            except PrepError as exc:
                raise FieldError("posting_path", str(exc)) from None
            source = str(Path(posting_path).expanduser().resolve())
        values = {
            "status": _text(status, "status", "the status"),
            "applied_on": _date(applied_on, "applied_on", "the application date"),
        }
        with self.transaction():
            same = self._con.execute(
                "SELECT id FROM application WHERE company_key = ? AND role_key = ?",
                (_key(company), _key(role)),
            ).fetchone()
            if same:
                raise FieldError(
                    "role",
                    f"{role} at {company} is already in the log (application id {same['id']}). "
                    "Add rounds and people to that one.",
                )
            return self._insert(
                "application",
                company=company,
                company_key=_key(company),
                role=role,
                role_key=_key(role),
                posting_text=posting,
                posting_path=source,
                **values,
            )

    def add_round(
        self,
        application_id: int,
        *,
        name: str,
        date: dt.date | str | None = None,
        format: str = "",
        agenda: str = "",
    ) -> int:
        """Add a round (first, second, panel, final...) of an application."""
        name = _text(name, "name", "the round's name", required=True, name=True)
        values = {
            "date": _date(date, "date", "the round's date"),
            "format": _text(format, "format", "the format"),
            "agenda": _text(agenda, "agenda", "the agenda", multiline=True),
        }
        with self.transaction():
            application_id = self._id("application", application_id, "application")
            same = self._con.execute(
                "SELECT id FROM round WHERE application_id = ? AND name_key = ?",
                (application_id, _key(name)),
            ).fetchone()
            if same:
                raise FieldError(
                    "name",
                    f"This application already has a round called {name!r} (id {same['id']}). "
                    "Give the new round another name, such as 'second' or 'final'.",
                )
            return self._insert(
                "round", application_id=application_id, name=name, name_key=_key(name), **values
            )

    def add_interviewer(
        self,
        application_id: int,
        *,
        name: str,
        title: str | None = None,
        team: str = "",
        tenure: str = "",
        background: str = "",
        contact: str = "",
        round_ids: Iterable[int] = (),
    ) -> int:
        """Add a person you meet for an application, and the rounds they sit in.

        Adding the same name twice to one application (case and spacing aside) is refused, with
        the id of the person already there.
        """
        name = _text(name, "name", "the interviewer's name", required=True, name=True)
        values = {
            "title": _text(title, "title", "the title", name=True),
            "team": _text(team, "team", "the team", name=True),
            "tenure": _text(tenure, "tenure", "the tenure"),
            "background": _text(background, "background", "the background", multiline=True),
            "contact": _text(contact, "contact", "the contact"),
        }
        with self.transaction():
            application_id = self._id("application", application_id, "application")
            same = self._con.execute(
                "SELECT id, name FROM interviewer WHERE application_id = ? AND name_key = ?",
                (application_id, _key(name)),
            ).fetchone()
            if same:
                raise FieldError(
                    "name",
                    f"{same['name']} is already in the log for this application (id "
                    f"{same['id']}). Pick them from the list instead of adding them again.",
                )
            person = self._insert(
                "interviewer",
                application_id=application_id,
                name=name,
                name_key=_key(name),
                **values,
            )
            for round_id in _ids(round_ids, "round_ids"):
                self._pair(person, round_id)
            return person

    def add_interviewer_to_round(self, interviewer_id: int, round_id: int) -> None:
        """Note that someone already in the log sits in another round too."""
        with self.transaction():
            self._pair(interviewer_id, round_id)

    def add_story(
        self,
        *,
        title: str,
        situation: str,
        task: str,
        action: str,
        result: str,
        tags: Iterable[str] | str = (),
        metrics: str = "",
    ) -> int:
        """Add a STAR story to the story bank (shared by every application).

        ``tags`` is a list of key terms, or one text with the terms separated by commas.
        """
        title = _text(title, "title", "the story's title", required=True, name=True)
        values = {
            field: _text(value, field, f"the {field}", required=True, multiline=True)
            for field, value in {
                "situation": situation,
                "task": task,
                "action": action,
                "result": result,
            }.items()
        }
        values["metrics"] = _text(metrics, "metrics", "the metrics")
        values["tags"] = json.dumps(_tags(tags), ensure_ascii=False)
        with self.transaction():
            same = self._con.execute(
                "SELECT id FROM story WHERE title_key = ?", (_key(title),)
            ).fetchone()
            if same:
                raise FieldError(
                    "title",
                    f"A story called {title!r} is already in the log (id {same['id']}). "
                    "Give this one a title of its own.",
                )
            return self._insert("story", title=title, title_key=_key(title), **values)

    def story_use_warnings(self, story_id: int, interviewer_id: int) -> list[str]:
        """Why telling this story to this person would repeat yourself; empty when it is fresh.

        Warns when the person heard it before, and when others at the same company did (a panel
        compares notes).
        """
        story = self._row("story", story_id, "story")
        person = self._row("interviewer", interviewer_id, "interviewer")
        tellings = self._con.execute(
            """SELECT i.id, i.name, r.name AS round FROM story_use u
               JOIN interviewer i ON i.id = u.interviewer_id
               JOIN round r ON r.id = u.round_id
               JOIN application a ON a.id = i.application_id
               WHERE u.story_id = ? AND a.company_key = (
                   SELECT company_key FROM application WHERE id = ?)
               ORDER BY r.date, u.id""",
            (story["id"], person["application_id"]),
        ).fetchall()
        if not tellings:
            return []
        title = story["title"]
        to_them = _unique(_round_label(t["round"]) for t in tellings if t["id"] == person["id"])
        others = _unique(t["name"] for t in tellings if t["id"] != person["id"])
        warnings = []
        if to_them:
            warnings.append(
                f"{person['name']} has already heard “{title}” ({_and(to_them)}). "
                "Telling it again suggests you have few examples; pick a fresh one."
            )
        if others:
            warnings.append(
                f"{_and(others)} heard “{title}” at the same company. Interviewers compare "
                "notes, so a new example will add more."
            )
        return warnings

    def record_story_use(
        self,
        story_id: int,
        interviewer_id: int,
        round_id: int,
        *,
        told_on: dt.date | str | None = None,
        landed: str = "",
    ) -> list[str]:
        """Log that you told a story to someone in a round; return the repeat warnings.

        The use is always recorded (it happened); the warnings (empty when the story was fresh)
        say whom it repeats. ``told_on`` defaults to the round's date.
        """
        landed = _text(landed, "landed", "how it landed", multiline=True)
        told_on = _date(told_on, "told_on", "the date told")
        with self.transaction():
            person, round_ = self._pair(interviewer_id, round_id)
            story_id = self._id("story", story_id, "story")
            warnings = self.story_use_warnings(story_id, person["id"])
            self._insert(
                "story_use",
                story_id=story_id,
                interviewer_id=person["id"],
                round_id=round_["id"],
                told_on=told_on or round_["date"],
                landed=landed,
            )
        return warnings

    def add_question_asked_of_me(
        self,
        round_id: int,
        interviewer_id: int,
        *,
        text: str,
        rating: int,
        category: str = "",
        answer: str = "",
    ) -> int:
        """Log a question you were asked, your answer in brief and how well it went (1–5)."""
        values = {
            "text": _text(text, "text", "the question", required=True, multiline=True),
            "rating": _rating(rating),
            "category": _text(category, "category", "the category", name=True),
            "answer": _text(answer, "answer", "your answer", multiline=True),
        }
        with self.transaction():
            person, round_ = self._pair(interviewer_id, round_id)
            return self._insert(
                "question_asked", round_id=round_["id"], interviewer_id=person["id"], **values
            )

    def add_my_question(
        self,
        application_id: int,
        *,
        text: str,
        category: str = "",
        asked_to: int | None = None,
        round_id: int | None = None,
        answer: str = "",
    ) -> int:
        """Add a question you want to ask; with ``asked_to`` and ``round_id``, one you asked."""
        text = _text(text, "text", "your question", required=True, multiline=True)
        category = _text(category, "category", "the category", name=True)
        if (asked_to is None) != (round_id is None):
            raise FieldError(
                "round" if round_id is None else "asked_to",
                "Say both whom you asked and in which round, or neither (not asked yet).",
            )
        with self.transaction():
            application_id = self._id("application", application_id, "application")
            question = self._insert(
                "my_question", application_id=application_id, text=text, category=category
            )
            if asked_to is not None:
                self.record_my_question_asked(question, asked_to, round_id, answer=answer)
            return question

    def record_my_question_asked(
        self, question_id: int, interviewer_id: int, round_id: int, *, answer: str = ""
    ) -> int:
        """Log that you asked one of your questions, and their answer."""
        answer = _text(answer, "answer", "their answer", multiline=True)
        with self.transaction():
            question = self._row("my_question", question_id, "question")
            person, round_ = self._pair(interviewer_id, round_id)
            if person["application_id"] != question["application_id"]:
                raise FieldError(
                    "asked_to", f"{person['name']} interviews for another application."
                )
            return self._insert(
                "my_question_ask",
                question_id=question["id"],
                interviewer_id=person["id"],
                round_id=round_["id"],
                answer=answer,
            )

    def add_fact(self, round_id: int, interviewer_id: int, *, topic: str, value: str) -> int:
        """Log a fact you stated (team size, reason for leaving, salary expectation...)."""
        topic = _text(topic, "topic", "the topic", required=True, name=True)
        value = _text(value, "value", "what you said", required=True, multiline=True)
        with self.transaction():
            person, round_ = self._pair(interviewer_id, round_id)
            return self._insert(
                "fact", round_id=round_["id"], interviewer_id=person["id"], topic=topic, value=value
            )

    def add_thank_you(
        self,
        interviewer_id: int,
        round_id: int,
        *,
        due: dt.date | str | None = None,
        sent_on: dt.date | str | None = None,
        channel: str = "email",
        topic: str = "",
    ) -> int:
        """Log a thank-you note to write (or sent); ``due`` defaults to the day after the round."""
        due = _date(due, "due", "the due date")
        values = {
            "sent_on": _date(sent_on, "sent_on", "the date sent"),
            "channel": _text(channel, "channel", "the channel", name=True),
            "topic": _text(topic, "topic", "the topic mentioned", multiline=True),
        }
        with self.transaction():
            person, round_ = self._pair(interviewer_id, round_id)
            if due is None and round_["date"] is None:
                raise FieldError(
                    "due",
                    f"The {_round_label(round_['name'])} has no date, so the note's due date "
                    "cannot be worked out. Give a due date.",
                )
            due = due or _day_after(round_["date"])
            return self._insert(
                "thank_you", interviewer_id=person["id"], round_id=round_["id"], due=due, **values
            )

    def mark_thank_you_sent(
        self, thank_you_id: int, *, sent_on: dt.date | str | None = None
    ) -> None:
        """Note that a thank-you went out (``sent_on`` defaults to today)."""
        sent_on = _date(sent_on, "sent_on", "the date sent") or dt.date.today().isoformat()
        with self.transaction():
            thank_you_id = self._id("thank_you", thank_you_id, "thank_you")
            self._con.execute(
                "UPDATE thank_you SET sent_on = ? WHERE id = ?", (sent_on, thank_you_id)
            )

    def add_reference(
        self,
        application_id: int,
        *,
        name: str,
        relationship: str = "",
        contact: str = "",
        permission: bool = False,
        contacted_on: dt.date | str | None = None,
        approached_by_employer: bool = False,
        asked_about: str = "",
    ) -> int:
        """Add a reference for an application; ``contacted_on`` is when you warned them."""
        name = _text(name, "name", "the reference's name", required=True, name=True)
        values = {
            "relationship": _text(relationship, "relationship", "the relationship"),
            "contact": _text(contact, "contact", "the contact"),
            "permission": _flag(permission, "permission", "permission"),
            "contacted_on": _date(contacted_on, "contacted_on", "the date contacted"),
            "approached_by_employer": _flag(
                approached_by_employer, "approached_by_employer", "approached by the employer"
            ),
            "asked_about": _text(
                asked_about, "asked_about", "what they were asked", multiline=True
            ),
        }
        with self.transaction():
            application_id = self._id("application", application_id, "application")
            same = self._con.execute(
                "SELECT id FROM reference WHERE application_id = ? AND name_key = ?",
                (application_id, _key(name)),
            ).fetchone()
            if same:
                raise FieldError(
                    "name",
                    f"{name} is already a reference for this application (id {same['id']}).",
                )
            return self._insert(
                "reference", application_id=application_id, name=name, name_key=_key(name), **values
            )

    def mark_reference_warned(self, reference_id: int, *, on: dt.date | str | None = None) -> None:
        """Note that you told a reference a call may come (``on`` defaults to today)."""
        on = _date(on, "on", "the date") or dt.date.today().isoformat()
        with self.transaction():
            reference_id = self._id("reference", reference_id, "reference")
            self._con.execute(
                "UPDATE reference SET contacted_on = ? WHERE id = ?", (on, reference_id)
            )

    def record_reference_approached(self, reference_id: int, *, asked_about: str = "") -> None:
        """Note that the employer contacted a reference, and what they asked about."""
        asked_about = _text(asked_about, "asked_about", "what they were asked", multiline=True)
        with self.transaction():
            reference_id = self._id("reference", reference_id, "reference")
            self._con.execute(
                "UPDATE reference SET approached_by_employer = 1, asked_about = ? WHERE id = ?",
                (asked_about, reference_id),
            )

    def add_checklist_item(self, round_id: int, *, item: str, done: bool = False) -> int:
        """Add something to do before a round (ask for the agenda, print the resume...)."""
        item = _text(item, "item", "the checklist item", required=True, multiline=True)
        done = _flag(done, "done", "done")
        with self.transaction():
            round_id = self._id("round", round_id, "round")
            return self._insert("checklist_item", round_id=round_id, item=item, done=done)

    def mark_checklist_done(self, item_id: int, *, done: bool = True) -> None:
        """Tick (or untick, with ``done=False``) a checklist item."""
        done = _flag(done, "done", "done")
        with self.transaction():
            item_id = self._id("checklist_item", item_id, "checklist_item")
            self._con.execute("UPDATE checklist_item SET done = ? WHERE id = ?", (done, item_id))

    def record_rehearsal(
        self,
        application_id: int,
        *,
        question: str,
        rating: int,
        answer: str = "",
        on: dt.date | str | None = None,
    ) -> int:
        """Log a practice answer to a question and how well it went (1–5); ``on`` is today."""
        values = {
            "question": _text(question, "question", "the question", required=True, multiline=True),
            "rating": _rating(rating),
            "answer": _text(answer, "answer", "your answer", multiline=True),
            "practiced_on": _date(on, "on", "the date") or dt.date.today().isoformat(),
        }
        with self.transaction():
            application_id = self._id("application", application_id, "application")
            return self._insert(
                "rehearsal",
                application_id=application_id,
                question_key=_key(values["question"]),
                **values,
            )

    # ---- looking things up ------------------------------------------------------------------

    def find_application(self, company: str, role: str | None = None) -> int:
        """The id of the application at ``company`` (and ``role`` when there are several)."""
        company = _text(company, "company", "the company", required=True, name=True)
        rows = self._con.execute(
            "SELECT id, role, role_key FROM application WHERE company_key = ? ORDER BY id",
            (_key(company),),
        ).fetchall()
        if role is not None:
            rows = [r for r in rows if r["role_key"] == _key(role)]
        if len(rows) == 1:
            return rows[0]["id"]
        if not rows:
            raise FieldError("company", f"The log has no application at {company} for that role.")
        roles = "; ".join(r["role"] for r in rows)
        raise FieldError(
            "role", f"The log has several applications at {company} ({roles}); name the role."
        )

    def posting_text(self, application_id: int) -> str:
        """The text of an application's posting ('' when none was given)."""
        return self._row("application", application_id, "application")["posting_text"]

    def last_rehearsal_rating(self, application_id: int, question: str) -> int | None:
        """Your latest self-rating for a rehearsed question (case and spacing aside), or None."""
        application_id = self._id("application", application_id, "application")
        row = self._con.execute(
            """SELECT rating FROM rehearsal WHERE application_id = ? AND question_key = ?
               ORDER BY practiced_on DESC, id DESC LIMIT 1""",
            (application_id, _key(question)),
        ).fetchone()
        return row["rating"] if row else None

    def applications(self) -> pd.DataFrame:
        """Every application: id, company, role, status, applied_on."""
        return self._frame(
            "SELECT id, company, role, status, applied_on FROM application ORDER BY id"
        )

    def rounds(self, application_id: int) -> pd.DataFrame:
        """The rounds of an application, in date order: id, name, date, format, agenda."""
        application_id = self._id("application", application_id, "application")
        return self._frame(
            """SELECT id, name, date, format, agenda FROM round WHERE application_id = ?
               ORDER BY date IS NULL, date, id""",
            (application_id,),
        )

    def interviewers(self, application_id: int, *, round_id: int | None = None) -> pd.DataFrame:
        """The people of an application (or of one round), with the rounds they sat in."""
        application_id = self._id("application", application_id, "application")
        if round_id is not None:
            round_id = self._id("round", round_id, "round")
        return self._frame(
            """SELECT i.id, i.name, i.title, i.team, i.tenure, i.background, i.contact,
                      (SELECT group_concat(name, ', ') FROM (
                           SELECT r.name FROM round_interviewer ri
                           JOIN round r ON r.id = ri.round_id WHERE ri.interviewer_id = i.id
                           ORDER BY r.date, r.id)) AS rounds
               FROM interviewer i WHERE i.application_id = ?
                 AND (? IS NULL OR i.id IN (SELECT interviewer_id FROM round_interviewer
                                            WHERE round_id = ?))
               ORDER BY i.id""",
            (application_id, round_id, round_id),
        )

    def stories(self) -> pd.DataFrame:
        """The story bank: id, title, situation, task, action, result, tags (a list), metrics."""
        frame = self._frame(
            "SELECT id, title, situation, task, action, result, tags, metrics FROM story "
            "ORDER BY id"
        )
        frame["tags"] = frame["tags"].map(json.loads)
        return frame

    def story_uses(self, application_id: int) -> pd.DataFrame:
        """Who heard which story in which round of an application, and how it landed."""
        application_id = self._id("application", application_id, "application")
        return self._frame(
            """SELECT u.id, s.title AS story, i.name AS interviewer, r.name AS round,
                      u.told_on, u.landed, u.story_id, u.interviewer_id, u.round_id
               FROM story_use u JOIN story s ON s.id = u.story_id
               JOIN interviewer i ON i.id = u.interviewer_id JOIN round r ON r.id = u.round_id
               WHERE i.application_id = ? ORDER BY u.told_on, u.id""",
            (application_id,),
        )

    def fresh_stories(
        self,
        interviewer_ids: Iterable[int],
        *,
        application_id: int | None = None,
        company_wide: bool = True,
        posting: str | None = None,
        company_postings: Sequence[str] = (),
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
        people = [self._row("interviewer", i, "interviewers") for i in _ids(interviewer_ids)]
        if application_id is None:
            applications = {p["application_id"] for p in people}
            if len(applications) != 1:
                raise FieldError(
                    "application",
                    "Say which application the stories are for (application_id=...): "
                    + ("no interviewer was given." if not people else "these people interview for "
                       "different applications."),
                )  # fmt: skip
            application_id = applications.pop()
        application = self._row("application", application_id, "application")
        companies = {application["company_key"]}
        for person in people:
            companies.add(
                self._row("application", person["application_id"], "application")["company_key"]
            )
        rows = self._con.execute(
            """SELECT s.id, s.title, s.situation, s.task, s.action, s.result, s.tags, s.metrics
               FROM story s WHERE NOT EXISTS (
                   SELECT 1 FROM story_use u JOIN interviewer i ON i.id = u.interviewer_id
                   JOIN application a ON a.id = i.application_id
                   WHERE u.story_id = s.id AND (
                       u.interviewer_id IN (SELECT value FROM json_each(?))
                       OR (? AND a.company_key IN (SELECT value FROM json_each(?)))))
               ORDER BY s.id""",
            (json.dumps([p["id"] for p in people]), company_wide, json.dumps(sorted(companies))),
        ).fetchall()
        tags = [json.loads(r["tags"]) for r in rows]
        text = application["posting_text"] if posting is None else posting
        if rows and text.strip():
            texts = [
                "\n".join([*(r[f] for f in ("title", "situation", "task", "action", "result")),
                           ", ".join(t), r["metrics"]])
                for r, t in zip(rows, tags, strict=True)
            ]  # fmt: skip
            scores = relevance(text, texts, company_postings=company_postings)
        else:
            scores = [float("nan")] * len(rows)
        frame = pd.DataFrame(
            {
                "story_id": [r["id"] for r in rows],
                "title": [r["title"] for r in rows],
                "relevance": scores,
                "tags": [", ".join(t) for t in tags],
                "metrics": [r["metrics"] for r in rows],
            }
        )
        frame = frame.sort_values("relevance", ascending=False, kind="stable", na_position="last")
        return frame.reset_index(drop=True)

    def story_grid(self, application_id: int) -> pd.DataFrame:
        """Which story each interviewer of an application heard: True where told.

        One row per story of the bank (index: title), one column per interviewer (name).
        """
        application_id = self._id("application", application_id, "application")
        stories = self._con.execute("SELECT id, title FROM story ORDER BY id").fetchall()
        people = self._con.execute(
            "SELECT id, name FROM interviewer WHERE application_id = ? ORDER BY id",
            (application_id,),
        ).fetchall()
        row_of = {r["id"]: n for n, r in enumerate(stories)}
        column_of = {p["id"]: n for n, p in enumerate(people)}
        told = np.zeros((len(stories), len(people)), dtype=bool)
        for story_id, interviewer_id in self._con.execute(
            """SELECT DISTINCT u.story_id, u.interviewer_id FROM story_use u
               JOIN interviewer i ON i.id = u.interviewer_id WHERE i.application_id = ?""",
            (application_id,),
        ):
            told[row_of[story_id], column_of[interviewer_id]] = True
        return pd.DataFrame(
            told,
            index=pd.Index([r["title"] for r in stories], name="story", dtype=object),
            columns=pd.Index([p["name"] for p in people], name="interviewer", dtype=object),
        )

    def questions_asked_of_me(self, application_id: int) -> pd.DataFrame:
        """Every question you were asked in an application's rounds."""
        return self._questions_asked(application_id, max_rating=5)

    def questions_to_rehearse(self, application_id: int, *, max_rating: int = 2) -> pd.DataFrame:
        """Questions you were asked and rated ``max_rating`` or lower, worst first."""
        return self._questions_asked(application_id, max_rating=_rating(max_rating))

    def _questions_asked(self, application_id: int, *, max_rating: int) -> pd.DataFrame:
        application_id = self._id("application", application_id, "application")
        order = "q.rating, r.date, q.id" if max_rating < 5 else "r.date, q.id"
        return self._frame(
            f"""SELECT q.id, q.text, q.category, q.answer, q.rating, i.name AS interviewer,
                       r.name AS round
                FROM question_asked q JOIN interviewer i ON i.id = q.interviewer_id
                JOIN round r ON r.id = q.round_id
                WHERE i.application_id = ? AND q.rating <= ? ORDER BY {order}""",
            (application_id, max_rating),
        )

    def my_questions(self, application_id: int) -> pd.DataFrame:
        """Your questions for an application: one row per time asked, or one unasked row."""
        application_id = self._id("application", application_id, "application")
        return self._frame(
            """SELECT q.id, q.text, q.category, i.name AS asked_to, r.name AS round, k.answer
               FROM my_question q LEFT JOIN my_question_ask k ON k.question_id = q.id
               LEFT JOIN interviewer i ON i.id = k.interviewer_id
               LEFT JOIN round r ON r.id = k.round_id
               WHERE q.application_id = ? ORDER BY q.id, k.id""",
            (application_id,),
        )

    def unasked_questions(self, application_id: int) -> pd.DataFrame:
        """Your questions for an application that you have not yet asked anyone at the company.

        A question counts as asked when the same text (case and spacing aside) was asked in any
        application at that company. Columns: id, text, category.
        """
        application_id = self._id("application", application_id, "application")
        rows = self._frame(
            """SELECT q.id, q.text, q.category, q.application_id,
                      EXISTS (SELECT 1 FROM my_question_ask k WHERE k.question_id = q.id) AS asked
               FROM my_question q JOIN application a ON a.id = q.application_id
               WHERE a.company_key = (SELECT company_key FROM application WHERE id = ?)
               ORDER BY q.id""",
            (application_id,),
        )
        keys = rows["text"].map(_key)
        asked = set(keys[rows["asked"].astype(bool)])
        keep = (rows["application_id"] == application_id) & ~keys.isin(asked)
        return rows.loc[keep, ["id", "text", "category"]].reset_index(drop=True)

    def facts(self, application_id: int) -> pd.DataFrame:
        """The facts you stated in an application's rounds: topic, value, interviewer, round."""
        application_id = self._id("application", application_id, "application")
        return self._facts("i.application_id = ?", application_id)

    def fact_conflicts(self, application_id: int) -> pd.DataFrame:
        """Statements on topics where you gave different values at the same company.

        Topics and values are compared ignoring case and spacing. One row per statement of a
        conflicting topic; same columns as ``facts``.
        """
        application_id = self._id("application", application_id, "application")
        facts = self._facts(
            "a.company_key = (SELECT company_key FROM application WHERE id = ?)", application_id
        )
        topic, value = facts["topic"].map(_key), facts["value"].map(_key)
        conflicting = value.groupby(topic).transform("nunique") > 1
        return facts[conflicting].reset_index(drop=True)

    def _facts(self, where: str, application_id: int) -> pd.DataFrame:
        return self._frame(
            f"""SELECT f.id, f.topic, f.value, i.name AS interviewer, r.name AS round, r.date
                FROM fact f JOIN interviewer i ON i.id = f.interviewer_id
                JOIN round r ON r.id = f.round_id JOIN application a ON a.id = i.application_id
                WHERE {where} ORDER BY lower(f.topic), r.date, f.id""",
            (application_id,),
        )

    def thank_yous(
        self, application_id: int, *, today: dt.date | str | None = None
    ) -> pd.DataFrame:
        """Every thank-you note of an application, with its status on ``today``.

        Columns: id, interviewer, round, due, sent_on, channel, topic, status ("sent", "overdue
        by N days", "due today", "due in N days").
        """
        application_id = self._id("application", application_id, "application")
        today = _today(today)
        notes = self._frame(
            """SELECT t.id, i.name AS interviewer, r.name AS round, t.due, t.sent_on, t.channel,
                      t.topic
               FROM thank_you t JOIN interviewer i ON i.id = t.interviewer_id
               JOIN round r ON r.id = t.round_id
               WHERE i.application_id = ? ORDER BY t.due, t.id""",
            (application_id,),
        )
        notes["status"] = [
            "sent" if sent else _due_status(due, today)
            for due, sent in zip(notes["due"], notes["sent_on"], strict=True)
        ]
        return notes

    def thank_yous_due(
        self,
        application_id: int | None = None,
        *,
        today: dt.date | str | None = None,
        within_days: int = 0,
    ) -> pd.DataFrame:
        """Thank-you notes not yet sent and due by ``today`` (plus ``within_days``).

        Also lists people of a past round with no note logged at all (``id`` is None; due the day
        after the round), so nobody is forgotten. ``application_id=None``: every application.
        Columns: id, interviewer_id, interviewer, round_id, round, due, status, channel, topic.
        """
        if application_id is not None:
            application_id = self._id("application", application_id, "application")
        today = _today(today)
        if isinstance(within_days, bool) or not isinstance(within_days, int) or within_days < 0:
            raise FieldError(
                "within_days", "within_days must be a whole number of days, 0 or more."
            )
        last_day = (dt.date.fromisoformat(today) + dt.timedelta(days=within_days)).isoformat()
        notes = self._frame(
            """SELECT * FROM (
                 SELECT t.id, i.id AS interviewer_id, i.name AS interviewer, r.id AS round_id,
                        r.name AS round, t.due, t.channel, t.topic, i.application_id
                 FROM thank_you t JOIN interviewer i ON i.id = t.interviewer_id
                 JOIN round r ON r.id = t.round_id WHERE t.sent_on IS NULL
                 UNION ALL
                 SELECT NULL, i.id, i.name, r.id, r.name, date(r.date, '+1 day'), '', '',
                        i.application_id
                 FROM round_interviewer ri JOIN interviewer i ON i.id = ri.interviewer_id
                 JOIN round r ON r.id = ri.round_id
                 WHERE r.date IS NOT NULL AND r.date <= ? AND NOT EXISTS (
                     SELECT 1 FROM thank_you t
                     WHERE t.interviewer_id = i.id AND t.round_id = r.id))
               WHERE due <= ? AND (? IS NULL OR application_id = ?)
               ORDER BY due, interviewer""",
            (today, last_day, application_id, application_id),
        )
        notes["status"] = [_due_status(due, today) for due in notes["due"]]
        columns = ["id", "interviewer_id", "interviewer", "round_id", "round", "due", "status"]
        return notes[[*columns, "channel", "topic"]]

    def references(self, application_id: int) -> pd.DataFrame:
        """The references of an application and what happened with each."""
        application_id = self._id("application", application_id, "application")
        frame = self._frame(
            """SELECT id, name, relationship, contact, permission, contacted_on,
                      approached_by_employer, asked_about
               FROM reference WHERE application_id = ? ORDER BY id""",
            (application_id,),
        )
        for column in ("permission", "approached_by_employer"):
            frame[column] = frame[column].astype(bool)
        return frame

    def references_not_warned(self, application_id: int) -> pd.DataFrame:
        """References you have not yet told that a call may come, with the next step for each."""
        frame = self.references(application_id)
        frame = frame[frame["contacted_on"].isna()].reset_index(drop=True)
        frame["next_step"] = [
            "tell them a call may come" if allowed else "ask whether you may name them"
            for allowed in frame["permission"]
        ]
        return frame[["id", "name", "relationship", "contact", "permission", "next_step"]]

    def checklist(self, application_id: int, *, round_id: int | None = None) -> pd.DataFrame:
        """Checklist items of an application's rounds (or one round): id, round, item, done."""
        application_id = self._id("application", application_id, "application")
        if round_id is not None:
            round_id = self._id("round", round_id, "round")
        frame = self._frame(
            """SELECT c.id, r.name AS round, c.item, c.done, c.round_id
               FROM checklist_item c JOIN round r ON r.id = c.round_id
               WHERE r.application_id = ? AND (? IS NULL OR r.id = ?)
               ORDER BY r.date, c.id""",
            (application_id, round_id, round_id),
        )
        frame["done"] = frame["done"].astype(bool)
        return frame

    # ---- export, backup, restore, seed ------------------------------------------------------

    def export_csv(self, folder: str | os.PathLike[str] | None = None) -> list[Path]:
        """Write every table to ``<folder>/<table>.csv`` (UTF-8 that spreadsheets open).

        ``folder`` defaults to ``<log name>_csv`` in the data folder; returns the files. Text
        that a spreadsheet would run as a formula (starting with =, +, -, @) gets a leading
        apostrophe, so a pasted "=HYPERLINK(...)" shows as text.
        """
        folder = _outside_project(Path(folder) if folder else user_path(f"{self.path.stem}_csv"))
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        written = []
        for table in TABLES:
            frame = self._frame(f"SELECT * FROM {table}")
            frame = frame.drop(columns=[c for c in frame.columns if c.endswith("_key")])
            frame = frame.apply(lambda column: column.map(_as_spreadsheet_text))
            path = folder / f"{table}.csv"
            frame.to_csv(path, index=False, encoding="utf-8-sig")
            written.append(path)
        return written

    def backup(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Write the whole log to a JSON file (replaced atomically); return its path.

        ``path`` defaults to ``<log name>_backup.json`` in the data folder.
        """
        path = _outside_project(Path(path) if path else user_path(f"{self.path.stem}_backup.json"))
        self._con.execute("BEGIN")  # one consistent snapshot of every table
        try:
            tables = {table: self._rows(table) for table in TABLES}
        finally:
            self._con.execute("COMMIT")
        document = {"format": BACKUP_FORMAT, "schema_version": SCHEMA_VERSION, "tables": tables}
        _write_private(path, json.dumps(document, ensure_ascii=False, indent=1))
        return path

    def _rows(self, table: str) -> list[dict[str, Any]]:
        return [dict(row) for row in self._con.execute(f"SELECT * FROM {table} ORDER BY rowid")]

    @classmethod
    def restore(
        cls, backup_path: str | os.PathLike[str], path: str | os.PathLike[str] | None = None
    ) -> InterviewLog:
        """Load a JSON backup into a new or empty log at ``path``; return that log, open.

        Everything comes back with its ids, or nothing does: a damaged backup adds nothing.
        """
        tables = _read_backup(Path(backup_path))
        log = cls(path)
        try:
            with log.transaction():
                if any(log._con.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone() for t in TABLES):
                    raise LogError(
                        f"{log.path.name} already holds entries; a backup is restored only into "
                        "a new or empty log. Give another file name."
                    )
                try:
                    for table in TABLES:
                        for row in tables.get(table, []):
                            log._insert(table, **row)
                except sqlite3.Error as exc:
                    raise LogError(f"The backup is damaged and was not restored ({exc}).") from None
        except BaseException:
            log.close()
            raise
        return log

    def import_seed(self, path: str | os.PathLike[str], *, reuse: bool = False) -> int:
        """Load a seed file (the format of ``data/sample/interview_log.toml``); return its
        application's id.

        All of it is loaded in one transaction, or nothing is. ``reuse=True`` returns the id of
        the seed's application when it is already in the log instead of refusing it.
        """
        path = Path(path)
        try:
            seed = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise LogError(f"Cannot read the seed file {path.name}: {exc}.") from None
        with self.transaction():
            info = _section(seed, "application", path)
            if reuse:
                with suppress(LogError):
                    return self.find_application(info.get("company", ""), info.get("role"))
            return _Seed(self, seed, path).load()


class _Seed:
    """Loads one seed document into a log, naming the entry at fault in every error."""

    def __init__(self, log: InterviewLog, seed: dict[str, Any], path: Path) -> None:
        self.log, self.seed, self.path = log, seed, path
        self.ids: dict[str, dict[str, int]] = {"rounds": {}, "interviewers": {}, "stories": {}}

    def load(self) -> int:
        info = dict(_section(self.seed, "application", self.path))
        posting = info.pop("posting", None)
        if posting is not None and not isinstance(posting, str):
            raise LogError(f"{self.path.name}: [application] posting must be a file name.")
        posting_path = self.path.parent / posting if posting else None
        app = self._call(
            "[application]", self.log.add_application, **info, posting_path=posting_path
        )
        for where, item in self._items("rounds"):
            key = self._key(where, item)
            self.ids["rounds"][key] = self._call(where, self.log.add_round, app, **item)
        for where, item in self._items("interviewers"):
            key = self._key(where, item)
            rounds = [self._ref(where, "rounds", r) for r in item.pop("rounds", [])]
            self.ids["interviewers"][key] = self._call(
                where, self.log.add_interviewer, app, round_ids=rounds, **item
            )
        for where, item in self._items("stories"):
            key = self._key(where, item)
            self.ids["stories"][key] = self._call(where, self.log.add_story, **item)
        for where, item in self._items("story_uses"):
            story = self._ref(where, "stories", item.pop("story", None))
            who, when = self._who_when(where, item)
            self._call(where, self.log.record_story_use, story, who, when, **item)
        for where, item in self._items("questions_asked_of_me"):
            who, when = self._who_when(where, item)
            self._call(where, self.log.add_question_asked_of_me, when, who, **item)
        for where, item in self._items("my_questions"):
            if "asked_to" in item:
                item["asked_to"] = self._ref(where, "interviewers", item["asked_to"])
                item["round_id"] = self._ref(where, "rounds", item.pop("round", None))
            self._call(where, self.log.add_my_question, app, **item)
        for where, item in self._items("facts"):
            who, when = self._who_when(where, item)
            self._call(where, self.log.add_fact, when, who, **item)
        for where, item in self._items("thank_yous"):
            who, when = self._who_when(where, item)
            self._call(where, self.log.add_thank_you, who, when, **item)
        for where, item in self._items("references"):
            self._call(where, self.log.add_reference, app, **item)
        for where, item in self._items("checklist"):
            when = self._ref(where, "rounds", item.pop("round", None))
            self._call(where, self.log.add_checklist_item, when, **item)
        return app

    def _items(self, table: str) -> Iterator[tuple[str, dict[str, Any]]]:
        items = self.seed.get(table, [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise LogError(f"{self.path.name}: {table} must be a list of [[{table}]] tables.")
        for n, item in enumerate(items, start=1):
            yield f"[[{table}]] entry {n}", dict(item)

    def _key(self, where: str, item: dict[str, Any]) -> str:
        key = item.pop("key", None)
        if not isinstance(key, str) or not key.strip():
            raise LogError(f'{self.path.name}: {where} has no key (key = "...").')
        return key

    def _ref(self, where: str, table: str, key: Any) -> int:
        if not isinstance(key, str) or key not in self.ids[table]:
            raise LogError(
                f"{self.path.name}: {where} names {key!r}, but no [[{table}]] entry has that key."
            )
        return self.ids[table][key]

    def _who_when(self, where: str, item: dict[str, Any]) -> tuple[int, int]:
        return (
            self._ref(where, "interviewers", item.pop("interviewer", None)),
            self._ref(where, "rounds", item.pop("round", None)),
        )

    def _call(self, where: str, method: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        unknown = sorted(set(kwargs) - set(inspect.signature(method).parameters))
        if unknown:
            raise LogError(
                f"{self.path.name}: {where} has fields this log does not know: "
                f"{', '.join(unknown)}."
            )
        try:
            return method(*args, **kwargs)
        except LogError as exc:
            raise LogError(f"{self.path.name}: {where}: {exc}") from None


def open_demo_log(path: str | os.PathLike[str] | None = None) -> InterviewLog:
    """The sample candidate's log, in the data folder: created from the seed on first use and
    reused afterwards (so what you add in the notebooks stays).

    Use it with ``today=DEMO_TODAY`` in date-dependent queries to see what the sample candidate
    sees. ``log.find_application("Larkspur Valley Health")`` gives the application's id.
    """
    log = InterviewLog(path if path is not None else user_path(DEMO_FILE))
    try:
        log.import_seed(sample_path(SEED_FILE), reuse=True)
    except BaseException:
        log.close()
        raise
    return log


# ---- checking what the user typed -----------------------------------------------------------


def _use_wal(con: sqlite3.Connection) -> None:
    """Switch a log file to WAL mode (once: the mode is kept in the file).

    SQLite answers "database is locked" at once, without waiting, when two connections switch a
    new file at the same moment (two notebooks opening a new log), so that case is retried.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while con.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        try:
            con.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _key(text: str) -> str:
    """What two spellings of one name have in common: case, width and spacing aside."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _text(
    value: Any,
    field: str,
    label: str,
    *,
    required: bool = False,
    name: bool = False,
    multiline: bool = False,
) -> str:
    """Check one text input: trimmed, names on one line with single spaces, storable as UTF-8."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise FieldError(field, f"{label.capitalize()} must be text, not {type(value).__name__}.")
    value = " ".join(value.split()) if name else value.strip()
    if required and not value:
        raise FieldError(field, f"{label[0].upper()}{label[1:]} is empty; type it in.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise FieldError(
            field,
            f"{label[0].upper()}{label[1:]} holds a broken character (often left by a copy and "
            "paste). Retype the text around it.",
        ) from None
    return value


def _date(value: Any, field: str, label: str) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        with suppress(ValueError):
            return dt.date.fromisoformat(value.strip()).isoformat()
    shown = value if isinstance(value, str) and len(value) < 40 else type(value).__name__
    raise FieldError(
        field,
        f"{label[0].upper()}{label[1:]} ({shown!s}) is not a date; write it as YYYY-MM-DD, "
        "for example 2026-12-02.",
    )


def _today(today: dt.date | str | None) -> str:
    return _date(today, "today", "today") or dt.date.today().isoformat()


def _rating(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or not 1 <= value <= 5:
        raise FieldError(
            "rating",
            f"The rating must be a whole number from 1 (badly) to 5 (very well), not {value!r}.",
        )
    return int(value)


def _flag(value: Any, field: str, label: str) -> bool:
    if not isinstance(value, bool | np.bool_):
        raise FieldError(field, f"{label.capitalize()} must be true or false, not {value!r}.")
    return bool(value)


def _tags(tags: Iterable[str] | str) -> list[str]:
    if isinstance(tags, str):
        tags = tags.split(",")
    try:
        items = list(tags)
    except TypeError:
        raise FieldError("tags", "Tags must be a list of words, or one text with commas.") from None
    cleaned = [_text(t, "tags", "a tag", name=True) for t in items]
    return _unique(t for t in cleaned if t)


def _ids(values: Iterable[int], field: str = "interviewers") -> list[int]:
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise FieldError(field, f"Give a list of ids, not {values!r}.")
    return list(values)


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(_key(item), item)
    return list(seen.values())


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _round_label(name: str) -> str:
    return name if "round" in name.casefold() else f"{name} round"


def _day_after(iso: str) -> str:
    return (dt.date.fromisoformat(iso) + dt.timedelta(days=1)).isoformat()


def _due_status(due: str, today: str) -> str:
    days = (dt.date.fromisoformat(today) - dt.date.fromisoformat(due)).days
    if days == 0:
        return "due today"
    if days > 0:
        return f"overdue by {days} day{'s' * (days != 1)}"
    return f"due in {-days} day{'s' * (days != -1)}"


# ---- files ------------------------------------------------------------------------------------


def _outside_project(path: Path) -> Path:
    path = path.expanduser().resolve()
    if PROJECT_ROOT in path.parents:
        raise LogError(
            f"{path} is inside the project folder, where personal data could end up in the "
            "repository. Keep the log, its backups and exports in your data folder (the default)."
        )
    return path


def _create_private(path: Path) -> None:
    """Create an empty file readable by its owner only, unless it exists."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass
    except OSError as exc:
        raise LogError(f"Cannot create the interview log {path} ({exc.strerror}).") from None


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` (owner-only), replacing any old file only once it is complete."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = path.with_name(f".{path.name}.partial")
    try:
        fd = os.open(partial, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise LogError(f"Cannot write {path} ({exc.strerror}).") from None


def _read_backup(path: Path) -> dict[str, list[dict[str, Any]]]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LogError(f"Cannot read the backup {path.name}: {exc}.") from None
    if not isinstance(document, dict) or document.get("format") != BACKUP_FORMAT:
        raise LogError(f"{path.name} is not an interview log backup (made by backup()).")
    version, tables = document.get("schema_version"), document.get("tables")
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise LogError(
            f"{path.name} comes from a newer version of prep_lib; update prep_lib to restore it."
        )
    if not isinstance(tables, dict) or set(tables) - set(TABLES):
        raise LogError(f"The backup {path.name} is damaged: it has unknown tables.")
    for table, rows in tables.items():
        if not isinstance(rows, list) or not all(
            isinstance(r, dict) and r and all(isinstance(c, str) and c.isidentifier() for c in r)
            for r in rows
        ):
            raise LogError(f"The backup {path.name} is damaged: the {table} rows are malformed.")
    return tables


def _section(seed: dict[str, Any], name: str, path: Path) -> dict[str, Any]:
    section = seed.get(name)
    if not isinstance(section, dict):
        raise LogError(f"{path.name} has no [{name}] table; see data/sample/{SEED_FILE}.")
    return section


def _as_log_error(exc: sqlite3.DatabaseError, path: Path) -> LogError | None:
    """A user-facing error for what SQLite reports about the file itself; None for a bug."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return LogError(
            f"Another notebook has kept the interview log busy for over {BUSY_TIMEOUT_S} "
            "seconds. Let it finish (or restart its kernel) and try again; nothing was saved."
        )
    if "not a database" in text or "malformed" in text:
        return LogError(
            f"{path} is not an interview log or is damaged. Restore a backup into a new file "
            "(InterviewLog.restore)."
        )
    if "full" in text or "readonly" in text or "unable to open" in text or "I/O" in text:
        return LogError(f"Cannot write the interview log {path} ({text}); nothing was saved.")
    if isinstance(exc, sqlite3.IntegrityError):
        return LogError(f"The log refused this entry ({text}); nothing was saved.")
    return None


def _as_spreadsheet_text(value):
    """Text that spreadsheets would run as a formula, made plain text; anything else as is."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
