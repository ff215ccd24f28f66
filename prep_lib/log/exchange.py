"""Moving entries in and out in other formats: every table as CSV for a spreadsheet, and a seed
file (TOML, the format of ``data/sample/interview_log.toml``) loaded into a log.
"""

from __future__ import annotations

import inspect
import os
import tomllib
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any

from prep_lib.documents import load_text
from prep_lib.errors import LogError, PrepError
from prep_lib.files import write_private
from prep_lib.log.company import Company
from prep_lib.log.entries import Entries
from prep_lib.log.schema import TABLES
from prep_lib.paths import outside_project, user_path
from prep_lib.text import spreadsheet_cell

SEED_FILE = "interview_log.toml"


class Exchange(Company, Entries):
    """CSV export and seed import (mixed into ``InterviewLog``)."""

    def export_csv(self, folder: str | os.PathLike[str] | None = None) -> list[Path]:
        """Write every table to ``<folder>/<table>.csv`` (UTF-8 that spreadsheets open).

        ``folder`` defaults to ``<log name>_csv`` in the data folder; returns the files. Text
        that a spreadsheet would run as a formula (starting with =, +, -, @) gets a leading
        apostrophe, so a pasted "=HYPERLINK(...)" shows as text.
        """
        target = outside_project(
            Path(folder) if folder else user_path(f"{self.path.stem}_csv"), error=LogError
        )
        written = []
        for table in TABLES:
            frame = self._frame(f"SELECT * FROM {table}")
            frame = frame.drop(columns=[c for c in frame.columns if c.endswith("_key")])
            frame = frame.apply(lambda column: column.map(spreadsheet_cell))
            text = "\ufeff" + frame.to_csv(index=False)  # the mark spreadsheets read as UTF-8
            written.append(write_private(target / f"{table}.csv", text, error=LogError))
        return written

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

    def __init__(self, log: Exchange, seed: dict[str, Any], path: Path) -> None:
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
        self._load_company(app)
        return int(app)

    def _load_company(self, app: int) -> None:
        """The sections of ``prep_lib.log.company``: research, contacts, round tasks, news,
        the offer and the current job."""
        for where, item in self._items("research"):
            self._call(where, self.log.add_research_note, app, **item)
        for where, item in self._items("contacts"):
            self._call(where, self.log.add_contact, app, **item)
        for where, item in self._items("round_tasks"):
            when = self._ref(where, "rounds", item.pop("round", None))
            self._call(where, self.log.add_round_task, when, **item)
        for where, item in self._items("news"):
            self._call(where, self.log.add_news, app, **item)
        for where, item in self._items("scans"):
            resume = self._file(where, item.pop("resume", None))
            posting = self.log.posting_text(app)
            self._call(where, self.log.record_scan, app, resume=resume, posting=posting, **item)
        for name, owner in (("offer", app), ("current_job", None)):
            if name in self.seed:
                item = dict(_section(self.seed, name, self.path))
                if owner is not None or self.log.package(None) is None:
                    self._call(f"[{name}]", self.log.save_package, owner, **item)

    def _file(self, where: str, name: Any) -> str:
        """The text of a file named in the seed, next to the seed file."""
        if not isinstance(name, str) or not name:
            raise LogError(f"{self.path.name}: {where} must name a file next to the seed.")
        try:
            return load_text(self.path.parent / name)
        except PrepError as exc:
            raise LogError(f"{self.path.name}: {where}: {exc}") from None

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


def _section(seed: dict[str, Any], name: str, path: Path) -> dict[str, Any]:
    section = seed.get(name)
    if not isinstance(section, dict):
        raise LogError(f"{path.name} has no [{name}] table; see data/sample/{SEED_FILE}.")
    return section
