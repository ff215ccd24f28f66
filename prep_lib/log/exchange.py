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
from prep_lib.log.edits import Edits
from prep_lib.log.schema import TABLES
from prep_lib.paths import outside_project, user_path
from prep_lib.text import spreadsheet_cell, text_key

SEED_FILE = "interview_log.toml"
COMPANY_FORMAT = 5  # the log format that added the company's tables (schema.MIGRATIONS)


class Exchange(Edits, Company):
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
                    found = self.find_application(info.get("company", ""), info.get("role"))
                    _Seed(self, seed, path).fill_in(found)
                    return found
            return _Seed(self, seed, path).load()


class _Seed:
    """Loads one seed document into a log, naming the entry at fault in every error."""

    def __init__(self, log: Exchange, seed: dict[str, Any], path: Path) -> None:
        self.log, self.seed, self.path = log, seed, path
        self.ids: dict[str, dict[str, int]] = {"rounds": {}, "interviewers": {}, "stories": {}}

    def load(self) -> int:
        app = self._call("[application]", self.log.add_application, **self._application())
        self._application_extras(app)
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

    def fill_in(self, app: int) -> None:
        """Add to a log made from an older seed what this one adds to the application (its
        resume, the company's postings, the pay range, statuses, salary choices; what you
        know of the company and the offer), once."""
        if 0 < self.log.format_on_open < COMPANY_FORMAT:
            self.ids["rounds"] = self._round_ids(app)
            self._load_company(app)
        if self.log.application(app)["resume_text"] or "resume" not in self.seed["application"]:
            return
        info = self._application()
        fields = ("resume", "resume_name", "candidate", "pay_low", "pay_high", "pay_currency",
                  "pay_period", "pay_text")  # fmt: skip
        self._call("[application]", self.log.edit, "application", app,
                   **{k: info[k] for k in fields if k in info})  # fmt: skip
        for name, text in info.get("company_postings", ()):
            self._call("[application]", self.log.add_company_posting, app, name=name, text=text)
        self._application_extras(app)

    def _round_ids(self, app: int) -> dict[str, int]:
        """The seed's round keys and the ids of the rounds of that name in the log."""
        have = {text_key(r["name"]): int(r["id"]) for r in self.log.rounds(app).to_dict("records")}
        found = {}
        for where, item in self._items("rounds"):
            key, name = self._key(where, item), item.get("name")
            if isinstance(name, str) and text_key(name) in have:
                found[key] = have[text_key(name)]
        return found

    def _load_company(self, app: int) -> None:
        """The sections of ``prep_lib.log.company``: research, contacts, round tasks, news,
        the scan history, the offer and the current job."""
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
            resume = self._read(item.pop("resume", None), where)
            posting = self.log.posting_text(app)
            self._call(where, self.log.record_scan, app, resume=resume, posting=posting, **item)
        for name, owner in (("offer", app), ("current_job", None)):
            if name in self.seed:
                item = dict(_section(self.seed, name, self.path))
                if owner is not None or self.log.package(None) is None:
                    self._call(f"[{name}]", self.log.save_package, owner, **item)

    def _application(self) -> dict[str, Any]:
        """The [application] table as ``add_application``'s arguments: the files it names
        read, the pay range spread into its fields."""
        info = dict(_section(self.seed, "application", self.path))
        for field in ("posting", "resume"):
            name = info.pop(field, None)
            if name is None:
                continue
            if not isinstance(name, str):
                raise LogError(f"{self.path.name}: [application] {field} must be a file name.")
            if field == "posting":
                info["posting_path"] = self.path.parent / name
            else:
                info["resume"], info["resume_name"] = self._read(name), Path(name).name
        names = info.pop("company_postings", [])
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise LogError(f"{self.path.name}: [application] company_postings must list files.")
        info["company_postings"] = [(Path(n).stem, self._read(n)) for n in names]
        pay = info.pop("pay", {})
        if not isinstance(pay, dict):
            raise LogError(f"{self.path.name}: [application] pay must be a table {{low = ...}}.")
        info.update({f"pay_{k}": v for k, v in pay.items()})
        return info

    def _application_extras(self, app: int) -> None:
        """The seed's status history and salary choices."""
        for where, item in self._items("statuses"):
            item["on"] = item.pop("date", None)
            self._call(where, self.log.add_status, app, **item)
        salary = self.seed.get("salary", {})
        if not isinstance(salary, dict):
            raise LogError(f"{self.path.name}: [salary] must be a table.")
        if salary:
            self.log.set_salary_choices(app, salary)

    def _read(self, name: Any, where: str = "[application]") -> str:
        """The text of a file the seed names, next to the seed file."""
        if not isinstance(name, str) or not name:
            raise LogError(f"{self.path.name}: {where} must name a file next to the seed.")
        try:
            return load_text(self.path.parent / name)
        except PrepError as exc:
            raise LogError(f"{self.path.name}: {where} names {name}: {exc}") from None

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
