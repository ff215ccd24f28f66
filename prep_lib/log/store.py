"""The log's SQLite file: opening it, checking it is sound, transactions, and the small steps
every entry shares.

``Store`` is the base of ``InterviewLog``: it opens (and creates, owner-only) the file, checks an
existing one (``PRAGMA quick_check``, through a read-only connection, so nothing is written to a
damaged file), switches it to WAL mode, enforces foreign keys and migrates an older schema (after
an automatic backup). The first open of a day backs the log up (``prep_lib.log.backups``). Every
public write runs in ``transaction()`` (``BEGIN IMMEDIATE``), so an error or a crash never leaves
half an entry behind, and a second notebook writing at the same time waits instead of failing.
What SQLite reports about the file itself (busy, damaged, disk full) reaches the user as a
``LogError``; damage as a ``DamagedLogError`` naming the backups, after which the log refuses
every write.
"""

from __future__ import annotations

import os
import sqlite3
import time
import urllib.parse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, Self

import numpy as np
import pandas as pd

from prep_lib.errors import LogError
from prep_lib.files import create_private
from prep_lib.log.backups import automatic_backup, list_backups, made_today
from prep_lib.log.checks import FieldError, round_label
from prep_lib.log.schema import MIGRATIONS, NOUNS, SCHEMA_VERSION
from prep_lib.paths import outside_project, user_path

LOG_FILE = "interview_log.sqlite"
BUSY_TIMEOUT_S = 30
SQLITE_HEADER = b"SQLite format 3\x00"
_INT64 = 2**63


class DamagedLogError(LogError):
    """The log's file is damaged. ``path`` is the file, ``problem`` what SQLite found, ``backups``
    its backups, newest first.

    Nothing is written to a damaged file: salvage it (``InterviewLog.salvage``, or the rescue
    panel of notebook 03) or restore a backup into a new file."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path, self.problem = path, problem
        self.backups = list_backups(path)
        newest = "; ".join(str(b) for b in self.backups[:3]) or "none yet"
        super().__init__(
            f"The interview log {path} is damaged ({problem}); nothing more is written to it. "
            "Rescue it in the interview log (notebook 03 or the app's log tab): \"Salvage the "
            'log" copies every entry that can still be read into a new log, or restore one of '
            f"its backups (newest first: {newest})."
        )


class Store:
    """The interview log in one SQLite file; ``path=None`` is the user's data folder's log.

    Open it once per notebook; ``close()`` it (or use ``with``) when done. Several notebooks may
    have the same file open: writes wait for each other for up to ``BUSY_TIMEOUT_S`` seconds.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = outside_project(
            Path(path) if path is not None else user_path(LOG_FILE), error=LogError
        )
        existed = _size(self.path) > 0
        if existed:
            quick_check(self.path)
        create_private(self.path, error=LogError)
        self._damage: str | None = None
        try:
            self._con = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as exc:
            raise LogError(f"Cannot open the interview log {self.path} ({exc}).") from None
        self._con.row_factory = sqlite3.Row
        try:
            self._con.execute("PRAGMA foreign_keys = ON")
            _use_wal(self._con)
            self._migrate()
            if existed and not made_today(self.path):
                with suppress(LogError):  # a day without a backup never stops the work
                    self._backup_if_filled("daily")
        except BaseException as exc:
            self._con.close()
            if isinstance(exc, sqlite3.DatabaseError) and (error := self._as_log_error(exc)):
                raise error from None
            raise

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self.path)!r})"

    def _migrate(self) -> None:
        self.format_on_open = self._version()  # what the file was before this open updated it
        if self.format_on_open == SCHEMA_VERSION:
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
            if version:
                automatic_backup(self._con, self.path, "before-migration")
            try:
                for statements in MIGRATIONS[version:]:
                    for statement in statements:
                        self._con.execute(statement)
            except sqlite3.Error as exc:  # the tables do not fit the format number; rolled back
                raise DamagedLogError(
                    self.path, f"its tables do not fit its format number {version}: {exc}"
                ) from None
            self._con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _version(self) -> int:
        return int(self._con.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes: inside ``with log.transaction():`` all of them are saved, or none.

        Every public write runs in one of these. Nested inside another, it is a savepoint: a
        write that fails undoes only itself, and the outer transaction decides the rest.
        """
        con = self._con
        if self._damage:
            raise DamagedLogError(self.path, self._damage)
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
            if _in_transaction(con):  # a failed COMMIT or BEGIN may have ended it already
                con.execute("ROLLBACK")
            if isinstance(exc, sqlite3.DatabaseError) and (error := self._as_log_error(exc)):
                raise error from None
            raise

    @contextmanager
    def destructive_edit(self, what: str) -> Iterator[None]:
        """Group writes that overwrite or delete what the user entered (``what`` says which):
        an automatic backup of the whole log as it was is made first, in the same transaction,
        so the edit can be undone by restoring it. If the backup cannot be made, nothing is
        changed."""
        with self.transaction():
            self._backup_if_filled("before-edit")
            yield

    def _backup_if_filled(self, kind: str) -> Path | None:
        """An automatic backup of ``kind``, unless the log holds nothing yet."""
        if self._con.execute("SELECT 1 FROM application LIMIT 1").fetchone() is None and (
            self._con.execute("SELECT 1 FROM story LIMIT 1").fetchone() is None
        ):
            return None
        return automatic_backup(self._con, self.path, kind)

    def _as_log_error(self, exc: sqlite3.DatabaseError) -> LogError | None:
        """``as_log_error``, remembering damage so that no later write reaches the file."""
        error = as_log_error(exc, self.path)
        if isinstance(error, DamagedLogError):
            self._damage = self._damage or str(exc)
        return error

    # ---- the steps every entry and query shares ------------------------------------------------

    def _frame(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        """The rows a query returns, as a DataFrame of plain Python values."""
        with self._reading():
            cursor = self._con.execute(sql, params)
            columns = [c[0] for c in cursor.description]
            rows = [tuple(row) for row in cursor]
        return pd.DataFrame(rows, columns=columns, dtype=object)

    def _fetch(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """The rows a query returns."""
        with self._reading():
            return self._con.execute(sql, params).fetchall()

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """Reads that meet damage in the file raise a ``DamagedLogError`` instead."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            if (error := self._as_log_error(exc)) is not None:
                raise error from None
            raise

    def _insert(self, table: str, **values: Any) -> int:
        columns, marks = ", ".join(values), ", ".join("?" * len(values))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
        row_id = self._con.execute(sql, tuple(values.values())).lastrowid
        assert row_id is not None  # an INSERT always sets it
        return row_id

    def _row(self, table: str, row_id: Any, field: str) -> sqlite3.Row:
        """The row of ``table`` with id ``row_id``, or a ``FieldError`` for ``field``."""
        if (
            isinstance(row_id, bool)
            or not isinstance(row_id, int | np.integer)
            or not -_INT64 <= row_id < _INT64
        ):
            raise FieldError(
                field,
                f"The {NOUNS[table]} id must be a whole number, not {row_id!r}. Take it from a "
                "table of the log or from the value an add_... method returned.",
            )
        with self._reading():
            row: sqlite3.Row | None = self._con.execute(
                f"SELECT * FROM {table} WHERE id = ?", (int(row_id),)
            ).fetchone()
        if row is None:
            raise FieldError(
                field,
                f"There is no {NOUNS[table]} with id {row_id} in this log. Pick one that the "
                "log lists.",
            )
        return row

    def _id(self, table: str, row_id: Any, field: str) -> int:
        """``row_id`` checked to exist in ``table``, as a plain int."""
        return int(self._row(table, row_id, field)["id"])

    def _pair(self, interviewer_id: int, round_id: int) -> tuple[sqlite3.Row, sqlite3.Row]:
        """The interviewer and the round, checked to belong to one application and linked."""
        person = self._row("interviewer", interviewer_id, "interviewer")
        round_ = self._row("round", round_id, "round")
        if person["application_id"] != round_["application_id"]:
            raise FieldError(
                "round",
                f"{person['name']} and the {round_label(round_['name'])} belong to different "
                "applications. Choose a round of the application this person interviews for.",
            )
        self._con.execute(
            "INSERT OR IGNORE INTO round_interviewer (round_id, interviewer_id) VALUES (?, ?)",
            (round_["id"], person["id"]),
        )
        return person, round_

    def _rows(self, table: str) -> list[dict[str, Any]]:
        """Every row of ``table`` as a dict, in the order they were added."""
        return [dict(row) for row in self._con.execute(f"SELECT * FROM {table} ORDER BY rowid")]


def _in_transaction(con: sqlite3.Connection) -> bool:
    return con.in_transaction


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


def quick_check(path: Path) -> None:
    """Refuse a file that is not a sound interview log, reading it only.

    ``DamagedLogError`` for a damaged log (SQLite's quick check fails, the header is blank, the
    format number is impossible); ``LogError`` for a file that is no SQLite database at all.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(100)
    except OSError as exc:
        raise LogError(f"Cannot open the interview log {path} ({exc.strerror}).") from None
    if not head.startswith(SQLITE_HEADER):
        if head.strip(b"\x00"):
            raise LogError(
                f"{path} is not an interview log (it is not a SQLite file). Choose another file "
                "name for the log."
            )
        raise DamagedLogError(path, "its first bytes are blank")
    con = sqlite3.connect(f"file:{urllib.parse.quote(str(path))}?mode=ro", uri=True)
    try:
        found = [row[0] for row in con.execute("PRAGMA quick_check")]
        version = int(con.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return  # another notebook is writing: it has it open, so it was sound
        raise DamagedLogError(path, str(exc)) from None
    finally:
        con.close()
    if found != ["ok"]:
        said = [line for text in found for line in text.splitlines() if not line.startswith("*")]
        raise DamagedLogError(path, (said or ["SQLite found it unsound"])[0][:160])
    if version < 0:
        raise DamagedLogError(path, f"its format number is {version}")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0
    except OSError as exc:
        raise LogError(f"Cannot open the interview log {path} ({exc.strerror}).") from None


def as_log_error(exc: sqlite3.DatabaseError, path: Path) -> LogError | None:
    """A user-facing error for what SQLite reports about the file itself; None for a bug."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return LogError(
            f"Another notebook has kept the interview log busy for over {BUSY_TIMEOUT_S} "
            "seconds. Let it finish (or restart its kernel) and try again; nothing was saved."
        )
    if "not a database" in text or "malformed" in text:
        return DamagedLogError(path, text)
    if "full" in text or "readonly" in text or "unable to open" in text or "I/O" in text:
        return LogError(f"Cannot write the interview log {path} ({text}); nothing was saved.")
    if isinstance(exc, sqlite3.IntegrityError):
        return LogError(f"The log refused this entry ({text}); nothing was saved.")
    return None
