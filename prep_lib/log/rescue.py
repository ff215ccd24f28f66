"""Keeping the log safe: backups on request, restoring one, checking the file, and salvaging a
damaged one.

- ``backup()`` writes the whole log to a JSON file; ``backups()`` lists the log's backups (the
  automatic ones too, newest first).
- ``restore(backup, path)`` checks every row of a backup (``prep_lib.log.validate``) before it
  writes anything, then loads it whole into a new or empty log.
- ``check()`` says what is wrong with an open log (SQLite's full integrity check, references
  between tables, every value); empty when it is sound.
- ``salvage(damaged, path)`` copies every row that can still be read from a damaged file into a
  new log: it reads a copy (never the damaged file itself), table by table, narrowing around the
  parts SQLite cannot read, rebuilds a blank header, and sets aside (in a JSON file beside the
  new log) the rows that cannot be placed, such as a story told to a person whose row was lost.
- ``put_in_place(new, old)`` moves the old file aside and gives the new one its name, so the
  notebooks open the rescued log as before.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

from prep_lib.errors import LogError
from prep_lib.files import write_private
from prep_lib.log.backups import Tables, list_backups, read_backup, snapshot, write_backup
from prep_lib.log.schema import SCHEMA_VERSION, TABLES
from prep_lib.log.store import SQLITE_HEADER, Store
from prep_lib.log.validate import sort_rows
from prep_lib.paths import outside_project, user_path

PAGE_SIZES = (4096, 1024, 2048, 8192, 16384, 32768, 65536)
MAX_FAILED_READS = 20_000  # per table: how hard salvage tries around unreadable parts


@dataclass(frozen=True)
class SalvageReport:
    """What ``salvage`` recovered: rows kept in the new log and rows set aside, per table."""

    damaged: Path
    path: Path  # the new log
    kept: dict[str, int]
    set_aside: dict[str, int]
    set_aside_path: Path | None  # the rows that could not be placed, with why
    unreadable_parts: int  # places in the file SQLite could not read

    @property
    def rows_kept(self) -> int:
        return sum(self.kept.values())

    def summary(self) -> str:
        text = f"Recovered {self.rows_kept} entries into {self.path}."
        if self.unreadable_parts:
            text += (
                f" {self.unreadable_parts} part{'s' * (self.unreadable_parts != 1)} of the file "
                "could not be read; what they held is lost unless a backup has it."
            )
        if self.set_aside_path:
            count = sum(self.set_aside.values())
            text += (
                f" {count} entr{'ies' if count != 1 else 'y'} could not be placed (what they refer "
                f"to was lost) and are kept in {self.set_aside_path}."
            )
        return text


class Rescue(Store):
    """Backups, restores, checks and salvage (mixed into ``InterviewLog``)."""

    def backup(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Write the whole log to a JSON file (replaced atomically, owner-only); return its path.

        ``path`` defaults to ``<log name>_backup.json`` in the data folder.
        """
        target = outside_project(
            Path(path) if path else user_path(f"{self.path.stem}_backup.json"), error=LogError
        )
        with self._reading():
            return write_backup(self._con, target, source=self.path)

    def backups(self) -> list[Path]:
        """The backups of this log, newest first (see ``prep_lib.log.backups``)."""
        return list_backups(self.path)

    def check(self) -> list[str]:
        """What is wrong with the log's file and entries; empty when it is sound. Reads the
        whole file (slower than the quick check made on opening)."""
        with self._reading():
            problems = [row[0] for row in self._con.execute("PRAGMA integrity_check")]
            problems = [] if problems == ["ok"] else problems
            problems += [
                f"{table} row {rowid} points to a missing {parent}"
                for table, rowid, parent, _ in self._con.execute("PRAGMA foreign_key_check")
            ]
            if not problems:
                _, tables = snapshot(self._con)
                problems = [r.describe() for r in sort_rows(tables)[1]]
        return problems

    @classmethod
    def restore(
        cls, backup_path: str | os.PathLike[str], path: str | os.PathLike[str] | None = None
    ) -> Self:
        """Load a JSON backup into a new or empty log at ``path``; return that log, open.

        Every row is checked first; a backup with any bad value restores nothing (and creates no
        file). Everything comes back with its ids, or nothing does.
        """
        source = Path(backup_path)
        _, tables = read_backup(source)
        kept, rejected = sort_rows(tables)
        if rejected:
            shown = "; ".join(r.describe() for r in rejected[:3])
            raise LogError(
                f"The backup {source.name} is damaged and was not restored: {shown}"
                + (f" (and {len(rejected) - 3} more)" if len(rejected) > 3 else "")
                + ". Restore another backup, or salvage the log it came from."
            )
        return cls._from_rows(kept, path)

    @classmethod
    def salvage(
        cls, damaged: str | os.PathLike[str], path: str | os.PathLike[str] | None = None
    ) -> SalvageReport:
        """Copy every readable row of a damaged log file into a new log at ``path`` (default:
        ``<name>-salvaged-<time>.sqlite`` beside it); the damaged file is only read."""
        source = outside_project(damaged, error=LogError)
        if not source.is_file():
            raise LogError(f"There is no file {source} to salvage.")
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = Path(path) if path else source.with_name(f"{source.stem}-salvaged-{stamp}.sqlite")
        tables, unreadable = read_what_can_be_read(source)
        kept, rejected = sort_rows(tables)
        cls._from_rows(kept, target).close()
        target = outside_project(target, error=LogError)
        aside = None
        if rejected:
            aside = target.with_name(f"{target.stem}-set-aside.json")
            document = [{"table": r.table, "why": r.reason, "row": r.row} for r in rejected]
            write_private(aside, json.dumps(document, ensure_ascii=False, indent=1, default=str))
        return SalvageReport(
            path=target,
            kept={table: len(rows) for table, rows in kept.items()},
            set_aside={t: sum(r.table == t for r in rejected) for t in TABLES},
            set_aside_path=aside,
            unreadable_parts=unreadable,
            damaged=source,
        )

    @classmethod
    def _from_rows(cls, tables: Tables, path: str | os.PathLike[str] | None) -> Self:
        """A new (or empty) log at ``path`` holding ``tables``, checked rows, with their ids."""
        log = cls(path)
        try:
            with log.transaction():
                if any(log._fetch(f"SELECT 1 FROM {t} LIMIT 1") for t in TABLES):
                    raise LogError(
                        f"{log.path.name} already holds entries; a backup is restored only into "
                        "a new or empty log. Give another file name."
                    )
                try:
                    for table in TABLES:
                        for row in tables.get(table, []):
                            log._insert(table, **row)
                except sqlite3.Error as exc:  # checked rows: only a bug gets here
                    raise LogError(f"The rows could not be loaded ({exc}).") from None
        except BaseException:
            log.close()
            raise
        return log


def put_in_place(new: Path, old: Path) -> Path:
    """Move ``old`` (and its -wal and -shm files) aside as ``<name>.replaced-<time>`` and give
    ``new`` its name; return where ``old`` went. Close every notebook using ``old`` first."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = old.with_name(f"{old.stem}.replaced-{stamp}{old.suffix}")
    try:
        for suffix in ("-wal", "-shm"):
            companion = old.with_name(old.name + suffix)
            if companion.exists():
                companion.rename(aside.with_name(aside.name + suffix))
        if old.exists():
            old.rename(aside)
        new.rename(old)
    except OSError as exc:
        raise LogError(
            f"Cannot put {new.name} in the place of {old.name} ({exc.strerror}). Close the other "
            f"notebooks that use the log and try again; {new} holds the rescued log."
        ) from None
    return aside


def read_what_can_be_read(damaged: Path) -> tuple[dict[str, list[Any]], int]:
    """Every row SQLite can still read from a copy of ``damaged``, per table, and how many parts
    of the file could not be read."""
    with tempfile.TemporaryDirectory(prefix="prep-salvage-") as folder:
        copy = Path(folder) / "damaged.sqlite"
        try:
            shutil.copyfile(damaged, copy)
            wal = damaged.with_name(damaged.name + "-wal")
            if wal.is_file():
                shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        except OSError as exc:
            raise LogError(f"Cannot read {damaged} ({exc.strerror}).") from None
        con = _readable_copy(copy)
        if con is None:
            return {}, 1
        try:
            tables, unreadable = {}, 0
            present = _tables_in(con)
            for table in TABLES:
                if table in present:
                    tables[table], failed = _read_table(con, table)
                    unreadable += failed
            return tables, unreadable
        finally:
            con.close()


def _readable_copy(copy: Path) -> sqlite3.Connection | None:
    """A connection to ``copy`` that can list its tables, after rebuilding a blank or broken
    header if need be; None when nothing in it can be read."""
    con = _connect(copy)
    if _tables_in(con):
        return con
    con.close()
    size = copy.stat().st_size
    wal = copy.with_name(copy.name + "-wal").exists()
    for page_size in PAGE_SIZES:
        if size < page_size:
            continue
        with copy.open("r+b") as handle:
            handle.write(_header(page_size, size // page_size, wal=wal))
        con = _connect(copy)
        if set(TABLES) & _tables_in(con):
            return con
        con.close()
    return None


def _connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path, isolation_level=None)
    con.row_factory = sqlite3.Row
    return con


def _tables_in(con: sqlite3.Connection) -> set[str]:
    try:
        return {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError:
        return set()


def _read_table(con: sqlite3.Connection, table: str) -> tuple[list[dict[str, Any]], int]:
    """The rows of ``table`` that can be read, in rowid order, and how many parts could not."""
    rows: dict[int, dict[str, Any]] = {}
    failures = [0]
    holes: list[tuple[int, int]] = []
    _read_range(con, table, 0, 2**63 - 1, rows, failures, holes)
    return [rows[rowid] for rowid in sorted(rows)], len(_merged(holes))


def _read_range(
    con: sqlite3.Connection,
    table: str,
    low: int,
    high: int,
    rows: dict[int, dict[str, Any]],
    failures: list[int],
    holes: list[tuple[int, int]],
) -> None:
    """Read the rows with rowids from ``low`` to ``high``; where SQLite fails, split the range
    in two and try each half, down to single rows (within ``MAX_FAILED_READS`` failures)."""
    try:
        for row in con.execute(
            f"SELECT rowid AS salvage_rowid, * FROM {table} WHERE rowid BETWEEN ? AND ?",
            (low, high),
        ):
            record = dict(row)
            rows[record.pop("salvage_rowid")] = record
        return
    except (sqlite3.DatabaseError, ValueError, OverflowError):  # bad pages, or undecodable text
        failures[0] += 1
    if low == high or failures[0] >= MAX_FAILED_READS:
        holes.append((low, high))
        return
    middle = (low + high) // 2
    _read_range(con, table, low, middle, rows, failures, holes)
    _read_range(con, table, middle + 1, high, rows, failures, holes)


def _merged(holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Adjacent unreadable ranges as one."""
    merged: list[tuple[int, int]] = []
    for low, high in sorted(holes):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return merged


def _header(page_size: int, pages: int, *, wal: bool) -> bytes:
    """A plain SQLite header for a file of ``pages`` pages of ``page_size`` bytes (the layout of
    https://www.sqlite.org/fileformat.html#the_database_header)."""
    version = 2 if wal else 1
    return b"".join(
        [
            SQLITE_HEADER,
            struct.pack(">HBBBBBB", page_size if page_size < 65536 else 1, version, version,
                        0, 64, 32, 32),
            struct.pack(">IIIIIIIIIIII", 1, pages, 0, 0, 1, 4, 0, 0, 1, SCHEMA_VERSION, 0, 0),
            bytes(20),
            struct.pack(">II", 1, sqlite3.sqlite_version_info[0] * 1_000_000
                        + sqlite3.sqlite_version_info[1] * 1000 + sqlite3.sqlite_version_info[2]),
        ]
    )  # fmt: skip
