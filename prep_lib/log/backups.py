"""Backups of the log: the JSON file format, automatic copies kept in rotation, reading one.

A backup holds every row of every table with its ids, so a restore gives back the same log. It
is written whole or not at all, readable by its owner only. Besides the backups the user asks for
(``InterviewLog.backup``), the log makes its own in ``backups/`` in the data folder:

- ``daily``: on the first open of a day, of a log that holds entries;
- ``before-migration``: before an older file is brought up to date;
- ``before-edit``: before an edit that overwrites or deletes what the user entered.

Each kind keeps its newest ``KEEP[kind]`` files per log; older ones are deleted. Reading a backup
is bounded (``MAX_BACKUP_BYTES``) and refuses anything that is not a backup's shape;
``prep_lib.log.validate`` then checks every value before a restore writes anything.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

from prep_lib.errors import LogError
from prep_lib.files import write_private
from prep_lib.log.schema import SCHEMA_VERSION, TABLES
from prep_lib.paths import user_path

BACKUP_FORMAT = "prep_lib interview log backup"
BACKUP_FOLDER = "backups"
KEEP = {"daily": 7, "before-migration": 3, "before-edit": 10}
MAX_BACKUP_BYTES = 200_000_000  # a log of pasted postings and notes is a few megabytes

Tables = dict[str, list[dict[str, Any]]]


def snapshot(con: sqlite3.Connection) -> tuple[int, Tables]:
    """The schema version and every row of every table the file has, read in one consistent
    view (inside the caller's transaction when there is one)."""
    own = not con.in_transaction
    if own:
        con.execute("BEGIN")
    try:
        version = int(con.execute("PRAGMA user_version").fetchone()[0])
        present = {row[0] for row in con.execute("SELECT name FROM sqlite_master")}
        tables = {
            table: [dict(row) for row in con.execute(f"SELECT * FROM {table} ORDER BY rowid")]
            for table in TABLES
            if table in present
        }
    finally:
        if own:
            con.execute("COMMIT")
    return version, tables


def write_backup(
    con: sqlite3.Connection, target: Path, *, source: Path, reason: str = "asked for"
) -> Path:
    """Write a backup of the log open on ``con`` to ``target``; return the path."""
    version, tables = snapshot(con)
    document = {
        "format": BACKUP_FORMAT,
        "schema_version": version,
        "source": str(source),
        "made": dt.datetime.now().isoformat(timespec="seconds"),
        "reason": reason,
        "tables": tables,
    }
    text = json.dumps(document, ensure_ascii=False, indent=1)
    return write_private(target, text, error=LogError)


def backup_folder(log_path: Path) -> Path:
    """Where the automatic backups of a log live: ``backups/<log name>`` in the data folder."""
    return user_path(BACKUP_FOLDER) / log_path.stem


def automatic_backup(con: sqlite3.Connection, log_path: Path, kind: str) -> Path:
    """Make an automatic backup of ``kind`` (a key of ``KEEP``) and delete the oldest of that
    kind beyond ``KEEP[kind]``; return its path."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backup_folder(log_path) / f"{kind}-{stamp}.json"
    write_backup(con, target, source=log_path, reason=kind)
    for old in _automatic(log_path, kind)[KEEP[kind] :]:
        old.unlink(missing_ok=True)
    return target


def made_today(log_path: Path, kind: str = "daily") -> bool:
    """Whether an automatic backup of ``kind`` of this log was made today."""
    today = dt.date.today().strftime("%Y%m%d")
    return any(_stamp(path, kind).startswith(today) for path in _automatic(log_path, kind))


def list_backups(log_path: Path) -> list[Path]:
    """The backups of a log, newest first: the automatic ones, and the one ``backup()`` writes
    by default (``<log name>_backup.json`` in the data folder)."""
    found = [path for kind in KEEP for path in _automatic(log_path, kind)]
    asked = user_path(f"{log_path.stem}_backup.json")
    if asked.is_file():
        found.append(asked)
    return sorted(found, key=_modified, reverse=True)


def read_backup(path: Path) -> tuple[int, Tables]:
    """A backup's schema version and rows, its shape checked; ``LogError`` when it is not one."""
    try:
        size = path.stat().st_size
        if size > MAX_BACKUP_BYTES:
            raise LogError(
                f"{path.name} is {size / 1e6:.0f} MB, too large to be a backup of an interview "
                f"log (at most {MAX_BACKUP_BYTES / 1e6:.0f} MB). Choose the backup file itself."
            )
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LogError(f"Cannot read the backup {path.name}: {exc}.") from None
    except RecursionError:
        raise LogError(f"The backup {path.name} is damaged: it is nested too deeply.") from None
    if not isinstance(document, dict) or document.get("format") != BACKUP_FORMAT:
        raise LogError(f"{path.name} is not an interview log backup (made by backup()).")
    version, tables = document.get("schema_version"), document.get("tables")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise LogError(f"The backup {path.name} is damaged: its format number is missing.")
    if version > SCHEMA_VERSION:
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
    return version, tables


def _automatic(log_path: Path, kind: str) -> list[Path]:
    """The automatic backups of ``kind`` of a log, newest first."""
    found = backup_folder(log_path).glob(f"{kind}-*.json")
    return sorted(found, key=lambda path: _stamp(path, kind), reverse=True)


def _stamp(path: Path, kind: str) -> str:
    """The ``YYYYMMDD-HHMMSS-ffffff`` in the name of an automatic backup of ``kind``."""
    return path.stem[len(kind) + 1 :]


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
