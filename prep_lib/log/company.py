"""What you know about the company beyond the interview rooms, and what comes after them.

Per application: research notes (mission, products, recent news, competitors, culture; each with
its source and date), people you talked to outside the interviews (what they told you, whether
they referred you; the same person as an interviewer when the names match), rounds that are not
conversations (a presentation with its outline, a case study, a skills test), news to share in a
follow-up, each comparison of a resume version with the posting (the scan history), and pay
packages (the offer; and, for no application, your current job). The amounts are stored as
yearly values; reading them from what people type is ``prep_lib.salary.offer``'s job.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from prep_lib.errors import LogError
from prep_lib.files import write_version
from prep_lib.log import checks
from prep_lib.log.checks import FieldError
from prep_lib.log.lookups import Lookups
from prep_lib.paths import outside_project, user_path
from prep_lib.text import file_stem, text_key

RESEARCH_TOPICS = ("mission", "products", "news", "competitors", "culture")
TASK_KINDS = ("presentation", "case study", "skills test")
PACKAGE_PARTS = ("base", "bonus", "equity", "retirement", "leave_days", "other")


class Company(Lookups):
    """Company research, contacts, round tasks, news, scans and pay packages (mixed into
    ``InterviewLog``)."""

    # ---- research notes ------------------------------------------------------------------------

    def add_research_note(
        self,
        application_id: int,
        *,
        topic: str,
        note: str,
        source: str = "",
        noted_on: dt.date | str | None = None,
    ) -> int:
        """Add a note of your company research; ``topic`` is one of ``RESEARCH_TOPICS``."""
        topic = checks.choice(topic, RESEARCH_TOPICS, "topic", "the topic")
        values = {
            "note": checks.text(note, "note", "the note", required=True, multiline=True),
            "source": checks.text(source, "source", "the source"),
            "noted_on": checks.date(noted_on, "noted_on", "the date"),
        }
        with self.transaction():
            application_id = self._id("application", application_id, "application")
            return self._insert(
                "research_note", application_id=application_id, topic=topic, **values
            )

    def research_notes(self, application_id: int) -> pd.DataFrame:
        """The research notes of an application, by topic (in ``RESEARCH_TOPICS``' order), the
        newest first: id, topic, note, source, noted_on."""
        application_id = self._id("application", application_id, "application")
        frame = self._frame(
            """SELECT id, topic, note, source, noted_on FROM research_note
               WHERE application_id = ? ORDER BY noted_on IS NULL, noted_on DESC, id""",
            (application_id,),
        )
        order = frame["topic"].map({t: n for n, t in enumerate(RESEARCH_TOPICS)})
        return frame.iloc[order.argsort(kind="stable")].reset_index(drop=True)

    # ---- people outside the interviews ---------------------------------------------------------

    def add_contact(
        self,
        application_id: int,
        *,
        name: str,
        title: str = "",
        relationship: str = "",
        contact: str = "",
        talked_on: dt.date | str | None = None,
        told_me: str = "",
        referred_me: bool = False,
    ) -> int:
        """Add someone at the company you talked to (a current employee, a friend of a friend),
        what they told you, and whether they referred you."""
        name = checks.text(name, "name", "the name", required=True, name=True)
        values = {
            "title": checks.text(title, "title", "the title", name=True),
            "relationship": checks.text(relationship, "relationship", "how you know them"),
            "contact": checks.text(contact, "contact", "the contact"),
            "talked_on": checks.date(talked_on, "talked_on", "the date you talked"),
            "told_me": checks.text(told_me, "told_me", "what they told you", multiline=True),
            "referred_me": checks.flag(referred_me, "referred_me", "referred you"),
        }
        with self.transaction():
            application_id = self._id("application", application_id, "application")
            same = self._con.execute(
                "SELECT id, name FROM contact WHERE application_id = ? AND name_key = ?",
                (application_id, text_key(name)),
            ).fetchone()
            if same:
                raise FieldError(
                    "name", f"{same['name']} is already among your contacts (id {same['id']})."
                )
            return self._insert(
                "contact",
                application_id=application_id,
                name=name,
                name_key=text_key(name),
                **values,
            )

    def contacts(self, application_id: int) -> pd.DataFrame:
        """The people of an application you talked to outside the interviews: id, name, title,
        relationship, contact, talked_on, told_me, referred_me, and interviewer_id (the
        interviewer with the same name, case and spacing aside; None when they are not one)."""
        application_id = self._id("application", application_id, "application")
        frame = self._frame(
            """SELECT c.id, c.name, c.title, c.relationship, c.contact, c.talked_on, c.told_me,
                      c.referred_me, i.id AS interviewer_id
               FROM contact c LEFT JOIN interviewer i
                 ON i.application_id = c.application_id AND i.name_key = c.name_key
               WHERE c.application_id = ? ORDER BY c.id""",
            (application_id,),
        )
        frame["referred_me"] = frame["referred_me"].astype(bool)
        return frame

    def export_vcards(
        self, application_id: int, path: str | os.PathLike[str] | None = None
    ) -> Path:
        """Write the application's interviewers and contacts as one vCard file (.vcf) that
        address books import; someone who is both appears once. ``path`` defaults to
        ``<company>-people.vcf`` in the data folder; a different file there is kept (the new
        one is saved beside it, ``... (2).vcf``). Returns the file."""
        from prep_lib.log.vcards import Person, vcards

        application_id = self._id("application", application_id, "application")
        company = str(self._row("application", application_id, "application")["company"])
        people: dict[str, Person] = {}
        for row in self.interviewers(application_id).to_dict("records"):
            people[text_key(row["name"])] = Person(
                name=row["name"],
                organisation=company,
                team=row["team"],
                title=row["title"],
                contact=row["contact"],
                note=row["background"],
                categories=("interviewer",),
            )
        for row in self.contacts(application_id).to_dict("records"):
            told = f"Told me: {row['told_me']}" if row["told_me"] else ""
            contact = Person(
                name=row["name"],
                organisation=company,
                title=row["title"],
                contact=row["contact"],
                note="\n".join(x for x in (row["relationship"], told) if x),
                categories=("contact",) + (("referred me",) if row["referred_me"] else ()),
            )
            people[text_key(row["name"])] = (
                people[text_key(row["name"])].merged(contact)
                if text_key(row["name"]) in people
                else contact
            )
        if not people:
            raise LogError("This application has no interviewers or contacts to export yet.")
        name = f"{file_stem(company + ' people', 'people')}.vcf"
        target = outside_project(Path(path) if path else user_path(name), error=LogError)
        return write_version(target, vcards(list(people.values())), error=LogError)

    # ---- rounds that are not conversations -----------------------------------------------------

    def add_round_task(
        self,
        round_id: int,
        *,
        kind: str,
        topic: str,
        minutes: float | None = None,
        known: str = "",
        practice: str = "",
        materials: str = "",
        outline: Any = (),
    ) -> int:
        """Add a presentation, case study or skills test (``TASK_KINDS``) to a round.

        ``minutes`` is the time limit; ``outline`` the presentation's sections with their
        minutes: pairs, or one text with a section a line ("Where we stand | 2").
        """
        values = {
            "kind": checks.choice(kind, TASK_KINDS, "kind", "the kind"),
            "topic": checks.text(topic, "topic", "the topic", required=True, name=True),
            "minutes": checks.minutes(minutes, "minutes", "the time limit"),
            "known": checks.text(known, "known", "what you know about it", multiline=True),
            "practice": checks.text(practice, "practice", "what to practise", multiline=True),
            "materials": checks.text(materials, "materials", "what to bring", multiline=True),
            "outline": json.dumps(checks.outline(outline), ensure_ascii=False),
        }
        with self.transaction():
            round_id = self._id("round", round_id, "round")
            return self._insert("round_task", round_id=round_id, **values)

    def round_tasks(self, application_id: int, *, round_id: int | None = None) -> pd.DataFrame:
        """The presentations, case studies and tests of an application's rounds (or one round):
        id, round_id, round, kind, topic, minutes, known, practice, materials, outline (a list
        of [section, minutes])."""
        application_id = self._id("application", application_id, "application")
        if round_id is not None:
            round_id = self._id("round", round_id, "round")
        frame = self._frame(
            """SELECT t.id, t.round_id, r.name AS round, t.kind, t.topic, t.minutes, t.known,
                      t.practice, t.materials, t.outline
               FROM round_task t JOIN round r ON r.id = t.round_id
               WHERE r.application_id = ? AND (? IS NULL OR r.id = ?) ORDER BY r.date, t.id""",
            (application_id, round_id, round_id),
        )
        frame["outline"] = frame["outline"].map(json.loads)
        return frame

    # ---- news for a follow-up ------------------------------------------------------------------

    def add_news(
        self, application_id: int, *, text: str, noted_on: dt.date | str | None = None
    ) -> int:
        """Add news to share after an interview (a course finished, an earlier start date)."""
        text = checks.text(text, "text", "the news", required=True, multiline=True)
        noted_on = checks.date(noted_on, "noted_on", "the date")
        with self.transaction():
            application_id = self._id("application", application_id, "application")
            return self._insert("news", application_id=application_id, text=text, noted_on=noted_on)

    def news(self, application_id: int) -> pd.DataFrame:
        """The news of an application to share: id, text, noted_on (oldest first, undated
        last)."""
        application_id = self._id("application", application_id, "application")
        return self._frame(
            """SELECT id, text, noted_on FROM news WHERE application_id = ?
               ORDER BY noted_on IS NULL, noted_on, id""",
            (application_id,),
        )

    # ---- the scan history ----------------------------------------------------------------------

    def record_scan(
        self,
        application_id: int,
        *,
        resume: str,
        posting: str,
        score: float,
        missing: Iterable[str],
        label: str = "",
        at: dt.datetime | None = None,
    ) -> int | None:
        """Keep one comparison of a resume version with the posting: when, a label, a short
        fingerprint of the resume and of the posting, the score and the missing terms.

        Returns the new row's id, or None when the latest scan of this application compared the
        same texts and found the same (pressing Compare again adds nothing).
        """
        if not isinstance(resume, str) or not isinstance(posting, str):
            raise FieldError("resume", "The resume and the posting must be text.")
        if isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 1:
            raise FieldError("score", f"The score must be a share from 0 to 1, not {score!r}.")
        terms = [checks.text(t, "missing", "a missing term", name=True) for t in missing]
        label = checks.text(label, "label", "the label", name=True)
        values = {
            "resume_hash": fingerprint(resume),
            "posting_hash": fingerprint(posting),
            "score": float(score),
            "missing": json.dumps(terms, ensure_ascii=False),
        }
        when = (at or dt.datetime.now()).replace(microsecond=0).isoformat(sep=" ")
        with self.transaction():
            application_id = self._id("application", application_id, "application")
            last = self._con.execute(
                """SELECT resume_hash, posting_hash, score, missing FROM scan
                   WHERE application_id = ? ORDER BY id DESC LIMIT 1""",
                (application_id,),
            ).fetchone()
            if last is not None and dict(last) == values:
                return None
            return self._insert(
                "scan",
                application_id=application_id,
                scanned_at=when,
                resume_label=label or f"resume {values['resume_hash']}",
                **values,
            )

    def scans(self, application_id: int) -> pd.DataFrame:
        """Every kept comparison of an application, oldest first: id, scanned_at,
        resume_label, resume_hash, posting_hash, score, missing (a list)."""
        application_id = self._id("application", application_id, "application")
        frame = self._frame(
            """SELECT id, scanned_at, resume_label, resume_hash, posting_hash, score, missing
               FROM scan WHERE application_id = ? ORDER BY id""",
            (application_id,),
        )
        frame["missing"] = frame["missing"].map(json.loads)
        return frame

    # ---- pay packages --------------------------------------------------------------------------

    def save_package(
        self,
        application_id: int | None,
        *,
        label: str,
        base: float,
        bonus: float = 0,
        equity: float = 0,
        retirement: float = 0,
        leave_days: float = 0,
        other: float = 0,
        notes: str = "",
        currency: str = "USD",
        received_on: dt.date | str | None = None,
    ) -> int:
        """Save the offer of an application (``application_id``), or your current job
        (``None``), as yearly amounts; it replaces the one saved before. Returns its id."""
        values: dict[str, Any] = {
            "label": checks.text(label, "label", "the name", required=True, name=True),
            "notes": checks.text(notes, "notes", "the notes", multiline=True),
            "currency": checks.text(currency, "currency", "the currency", required=True, name=True),
            "received_on": checks.date(received_on, "received_on", "the date received"),
        }
        for part, value in zip(
            PACKAGE_PARTS, (base, bonus, equity, retirement, leave_days, other), strict=True
        ):
            values[part] = checks.amount(value, part, part.replace("_", " "))
        if values["base"] <= 0:
            raise FieldError("base", "The base salary must be more than zero.")
        with self.transaction():
            if application_id is not None:
                application_id = self._id("application", application_id, "application")
            self._con.execute("DELETE FROM package WHERE application_id IS ?", (application_id,))
            return self._insert("package", application_id=application_id, **values)

    def package(self, application_id: int | None) -> dict[str, Any] | None:
        """The saved offer of an application (or your current job, for None), or None."""
        if application_id is not None:
            application_id = self._id("application", application_id, "application")
        row = self._con.execute(
            "SELECT * FROM package WHERE application_id IS ?", (application_id,)
        ).fetchone()
        return None if row is None else dict(row)


def fingerprint(text: str) -> str:
    """Eight hex digits that change whenever the text changes (spacing at the ends aside)."""
    return hashlib.sha256(text.strip().encode("utf-8", "replace")).hexdigest()[:8]
