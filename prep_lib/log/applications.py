"""Applications: a role at a company, and what the job search keeps with it.

An application holds the posting (its text and file name), the resume compared with it, the
pay range the posting states (as typed, in its own period and currency), the company's other
postings, the status history (applied, first round, ... each with a date), the name that signs
the thank-you notes, and the salary choices its ask is made from. Rounds, people and everything
said hang off it (``prep_lib.log.entries``).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from prep_lib.documents import load_text
from prep_lib.errors import PrepError
from prep_lib.log import checks
from prep_lib.log.checks import FieldError
from prep_lib.log.lookups import Lookups
from prep_lib.text import text_key

STATUSES = ("applied", "first round", "second round", "offer", "rejected", "withdrawn")
MAX_DOCUMENT_CHARS = 1_000_000  # a resume or posting is a few pages; this is a whole book
MAX_COMPANY_POSTINGS = 50
LARGEST_PAY = 1e9  # no pay figure in any currency is this large


def document_text(value: Any, field: str, label: str, *, required: bool = False) -> str:
    """A pasted or uploaded document (resume, posting), checked: text, at most
    ``MAX_DOCUMENT_CHARS`` characters."""
    text = checks.text(value, field, label, required=required, multiline=True)
    if len(text) > MAX_DOCUMENT_CHARS:
        raise FieldError(
            field,
            f"{label[:1].upper()}{label[1:]} is {len(text):,} characters long, more than "
            f"{MAX_DOCUMENT_CHARS:,}: that is not one document. Paste or upload only it.",
        )
    return text


def status_value(value: Any, field: str = "status") -> str:
    """One of ``STATUSES`` (case and spacing aside)."""
    status = checks.text(value, field, "the status", required=True, name=True).casefold()
    if status not in STATUSES:
        raise FieldError(
            field, f"The status {value!r} is not one of: {', '.join(STATUSES)}. Pick one of those."
        )
    return status


def pay_values(
    low: Any, high: Any, currency: Any, period: Any, text: Any
) -> dict[str, float | str | None]:
    """The posting's pay range as the log stores it; amounts positive and low ≤ high."""
    amounts: dict[str, float | None] = {}
    for field, value in (("pay_low", low), ("pay_high", high)):
        if value is None:
            amounts[field] = None
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise FieldError(field, f"A pay amount must be a number, not {value!r}.")
        if not (math.isfinite(value) and 0 < value < LARGEST_PAY):
            raise FieldError(field, f"{value:,} is not a pay amount; check the figure.")
        amounts[field] = float(value)
    low, high = amounts["pay_low"], amounts["pay_high"]
    if low is not None and high is not None and low > high:
        raise FieldError("pay_low", "The lower figure of the pay range is above the higher.")
    given = amounts["pay_low"] is not None or amounts["pay_high"] is not None
    return {
        **amounts,
        "pay_currency": checks.text(currency, "pay_currency", "the currency", name=True).upper()
        if given
        else "",
        "pay_period": checks.text(period, "pay_period", "the period", name=True) if given else "",
        "pay_text": checks.text(text, "pay_text", "the pay range", name=True),
    }


def company_posting_items(
    postings: Mapping[str, str] | Iterable[tuple[str, str]],
) -> list[tuple[str, str]]:
    """The company's other postings as (name, text) pairs, each checked."""
    pairs = list(postings.items() if isinstance(postings, Mapping) else postings)
    if len(pairs) > MAX_COMPANY_POSTINGS:
        raise FieldError(
            "company_postings",
            f"{len(pairs)} company postings is more than the {MAX_COMPANY_POSTINGS} an "
            "application keeps; choose the ones closest to this role.",
        )
    checked = []
    for pair in pairs:
        if not (isinstance(pair, tuple | list) and len(pair) == 2):
            raise FieldError("company_postings", "Give each company posting as (name, text).")
        name, text = pair
        checked.append(
            (
                checks.text(name, "company_postings", "a company posting's name", name=True)
                or "posting",
                document_text(
                    text, "company_postings", f"the company posting {name}", required=True
                ),
            )
        )
    return checked


class Applications(Lookups):
    """Adding applications and reading what they keep (mixed into ``InterviewLog``)."""

    def add_application(
        self,
        *,
        company: str,
        role: str,
        posting: str = "",
        posting_path: str | os.PathLike[str] | None = None,
        posting_name: str = "",
        resume: str = "",
        resume_name: str = "",
        company_postings: Mapping[str, str] | Iterable[tuple[str, str]] = (),
        pay_low: float | None = None,
        pay_high: float | None = None,
        pay_currency: str = "",
        pay_period: str = "",
        pay_text: str = "",
        candidate: str = "",
        status: str = "",
        applied_on: dt.date | str | None = None,
    ) -> int:
        """Add an application (a role at a company) with what is known of it; return its id.

        ``posting_path`` is read and its text kept. ``applied_on`` starts the status history
        ("applied" on that day); ``status`` adds a later status (undated). The same company and
        role twice (case and spacing aside) is refused, with the id of the one already there.
        """
        company = checks.text(company, "company", "the company", required=True, name=True)
        role = checks.text(role, "role", "the role", required=True, name=True)
        posting = document_text(posting, "posting", "the posting")
        source = ""
        if posting_path is not None:
            try:
                posting = load_text(posting_path)
            except PrepError as exc:
                raise FieldError("posting_path", str(exc)) from None
            source = str(Path(posting_path).expanduser().resolve())
            posting_name = posting_name or Path(posting_path).name
        values: dict[str, Any] = {
            "posting_name": checks.text(posting_name, "posting_name", "the posting's name"),
            "resume_text": document_text(resume, "resume", "the resume"),
            "resume_name": checks.text(resume_name, "resume_name", "the resume's name"),
            "candidate": checks.text(candidate, "candidate", "your name", name=True),
            **pay_values(pay_low, pay_high, pay_currency, pay_period, pay_text),
        }
        others = company_posting_items(company_postings)
        history: list[tuple[str, str | None]] = []
        applied = checks.date(applied_on, "applied_on", "the application date")
        if applied:
            history.append(("applied", applied))
        if status.strip() and status_value(status) != "applied":
            history.append((status_value(status), None))
        with self.transaction():
            same = self._fetch(
                "SELECT id FROM application WHERE company_key = ? AND role_key = ?",
                (text_key(company), text_key(role)),
            )
            if same:
                raise FieldError(
                    "role",
                    f"{role} at {company} is already in the log (application "
                    f"{same[0]['id']}). Choose it in the list instead of starting it again, or "
                    "give this role a different name.",
                )
            app = self._insert(
                "application",
                company=company,
                company_key=text_key(company),
                role=role,
                role_key=text_key(role),
                posting_text=posting,
                posting_path=source,
                **values,
            )
            for name, text in others:
                self._insert("company_posting", application_id=app, name=name, text=text)
            for state, day in history:
                self._insert("application_status", application_id=app, status=state, date=day)
            return app

    def application(self, application_id: int) -> dict[str, Any]:
        """Everything an application keeps, as one record: id, company, role, status (the
        latest), applied_on, posting_text, posting_name, resume_text, resume_name, pay_low,
        pay_high, pay_currency, pay_period, pay_text, candidate."""
        application_id = self._id("application", application_id, "application")
        row = dict(self._row("application", application_id, "application"))
        listed = self.applications()
        current = listed[listed["id"] == application_id].iloc[0]
        row["status"], row["applied_on"] = current["status"], current["applied_on"]
        for hidden in ("company_key", "role_key", "posting_path", "salary_choices"):
            row.pop(hidden)
        return row

    def company_postings(self, application_id: int) -> pd.DataFrame:
        """The company's other postings kept with an application: id, name, text."""
        application_id = self._id("application", application_id, "application")
        return self._frame(
            "SELECT id, name, text FROM company_posting WHERE application_id = ? ORDER BY id",
            (application_id,),
        )

    def add_company_posting(self, application_id: int, *, name: str, text: str) -> int:
        """Keep another posting of the company with an application (for what it asks for
        across its postings)."""
        ((name, text),) = company_posting_items([(name, text)])
        with self.transaction():
            application_id = self._id("application", application_id, "application")
            count = self._fetch(
                "SELECT count(*) AS n FROM company_posting WHERE application_id = ?",
                (application_id,),
            )[0]["n"]
            if count >= MAX_COMPANY_POSTINGS:
                raise FieldError(
                    "company_postings",
                    f"This application already keeps {count} company postings, the most it "
                    "keeps; delete one first.",
                )
            return self._insert(
                "company_posting", application_id=application_id, name=name, text=text
            )

    def add_status(
        self, application_id: int, *, status: str, on: dt.date | str | None = None
    ) -> int:
        """Note where an application stands (one of ``STATUSES``) from ``on`` (default today)."""
        status = status_value(status)
        on = checks.date(on, "on", "the date") or dt.date.today().isoformat()
        with self.transaction():
            application_id = self._id("application", application_id, "application")
            return self._insert(
                "application_status", application_id=application_id, status=status, date=on
            )

    def statuses(self, application_id: int) -> pd.DataFrame:
        """The status history of an application, oldest first: id, status, date."""
        application_id = self._id("application", application_id, "application")
        return self._frame(
            """SELECT id, status, date FROM application_status WHERE application_id = ?
               ORDER BY date IS NULL, date, id""",
            (application_id,),
        )

    def salary_choices(self, application_id: int) -> dict[str, Any]:
        """The salary panel's choices saved for an application (title, location, years,
        strengths); empty when none were saved."""
        row = self._row("application", application_id, "application")
        try:
            choices = json.loads(row["salary_choices"] or "{}")
        except json.JSONDecodeError:
            return {}
        return choices if isinstance(choices, dict) else {}

    def set_salary_choices(self, application_id: int, choices: Mapping[str, Any]) -> None:
        """Keep the salary panel's choices for an application, so that its ask is the same
        wherever it is shown. A preference, not an entry: no backup is made for it."""
        try:
            text = json.dumps(dict(choices), ensure_ascii=False, sort_keys=True)
        except (TypeError, ValueError):
            raise FieldError(
                "salary_choices", "Salary choices must be plain values (text, numbers, lists)."
            ) from None
        with self.transaction():
            application_id = self._id("application", application_id, "application")
            self._con.execute(
                "UPDATE application SET salary_choices = ? WHERE id = ?", (text, application_id)
            )
