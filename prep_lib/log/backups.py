"""Backups of the log: the whole log as one JSON file, and restoring one into a new log.

A backup holds every row of every table with its ids, so a restore gives back the same log. It
is written whole or not at all, readable by its owner only.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any, Self

from prep_lib.errors import LogError
from prep_lib.files import write_private
from prep_lib.log.schema import SCHEMA_VERSION, TABLES
from prep_lib.log.store import Store
from prep_lib.paths import outside_project, user_path

BACKUP_FORMAT = "prep_lib interview log backup"


class Backups(Store):
    """Backing up and restoring (mixed into ``InterviewLog``)."""

    def backup(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Write the whole log to a JSON file (replaced atomically); return its path.

        ``path`` defaults to ``<log name>_backup.json`` in the data folder.
        """
        target = outside_project(
            Path(path) if path else user_path(f"{self.path.stem}_backup.json"), error=LogError
        )
        self._con.execute("BEGIN")  # one consistent snapshot of every table
        try:
            tables = {table: self._rows(table) for table in TABLES}
        finally:
            self._con.execute("COMMIT")
        document = {"format": BACKUP_FORMAT, "schema_version": SCHEMA_VERSION, "tables": tables}
        return write_private(
            target, json.dumps(document, ensure_ascii=False, indent=1), error=LogError
        )

    @classmethod
    def restore(
        cls, backup_path: str | os.PathLike[str], path: str | os.PathLike[str] | None = None
    ) -> Self:
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
