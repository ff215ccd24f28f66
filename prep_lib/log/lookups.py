"""Looking things up in the log: the tables of an application, and what a candidate must not get
wrong (which stories a panel heard, which facts were told differently, what is overdue).

Every query returns a DataFrame of plain values (ids as ints, dates as ``YYYY-MM-DD`` text), with
the ids of the rows it names so that callers match rows by id, never by a display name. Nothing
here ranks: which unheard story fits a posting best is ``prep_lib.stories``' job.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import numpy as np
import pandas as pd

from prep_lib.log import checks
from prep_lib.log.checks import FieldError
from prep_lib.log.store import Store
from prep_lib.text import text_key

MAX_DAYS_AHEAD = 3660  # ten years: further is a typing mistake


class Lookups(Store):
    """The log's queries (mixed into ``InterviewLog``)."""

    def find_application(self, company: str, role: str | None = None) -> int:
        """The id of the application at ``company`` (and ``role`` when there are several)."""
        company = checks.text(company, "company", "the company", required=True, name=True)
        rows = self._fetch(
            "SELECT id, role, role_key FROM application WHERE company_key = ? ORDER BY id",
            (text_key(company),),
        )
        if role is not None:
            rows = [r for r in rows if r["role_key"] == text_key(role)]
        if len(rows) == 1:
            return int(rows[0]["id"])
        if not rows:
            raise FieldError("company", f"The log has no application at {company} for that role.")
        roles = "; ".join(r["role"] for r in rows)
        raise FieldError(
            "role", f"The log has several applications at {company} ({roles}); name the role."
        )

    def posting_text(self, application_id: int) -> str:
        """The text of an application's posting ('' when none was given)."""
        return str(self._row("application", application_id, "application")["posting_text"])

    def last_rehearsal_rating(self, application_id: int, question: str) -> int | None:
        """Your latest self-rating for a rehearsed question (case and spacing aside), or None."""
        application_id = self._id("application", application_id, "application")
        row = next(
            iter(
                self._fetch(
                    """SELECT rating FROM rehearsal WHERE application_id = ? AND question_key = ?
               ORDER BY practiced_on DESC, id DESC LIMIT 1""",
                    (application_id, text_key(question)),
                )
            ),
            None,
        )
        return int(row["rating"]) if row else None

    def applications(self) -> pd.DataFrame:
        """Every application: id, company, role, status (the latest of its history; an undated
        status counts as the latest), applied_on."""
        return self._frame(
            """SELECT a.id, a.company, a.role,
                      coalesce((SELECT s.status FROM application_status s
                                WHERE s.application_id = a.id
                                ORDER BY coalesce(s.date, '9999') DESC, s.id DESC LIMIT 1),
                               a.status) AS status,
                      coalesce((SELECT min(s.date) FROM application_status s
                                WHERE s.application_id = a.id AND s.status = 'applied'),
                               a.applied_on) AS applied_on
               FROM application a ORDER BY a.id"""
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

    # ---- stories ---------------------------------------------------------------------------

    def stories(self) -> pd.DataFrame:
        """The story bank: id, title, situation, task, action, result, tags (a list), metrics."""
        return self._stories()

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

    def application_for(self, interviewer_ids: Any, application_id: int | None = None) -> int:
        """The application these interviewers meet you for (checked), or ``application_id``."""
        people = [self._row("interviewer", i, "interviewers") for i in checks.ids(interviewer_ids)]
        if application_id is not None:
            return self._id("application", application_id, "application")
        applications = {int(p["application_id"]) for p in people}
        if len(applications) != 1:
            raise FieldError(
                "application",
                "Say which application the stories are for (application_id=...): "
                + ("no interviewer was given." if not people else "these people interview for "
                   "different applications."),
            )  # fmt: skip
        return applications.pop()

    def unheard_stories(
        self,
        interviewer_ids: Any,
        *,
        application_id: int | None = None,
        company_wide: bool = True,
    ) -> pd.DataFrame:
        """The stories of the bank none of these people heard, in the bank's order.

        By default a story told to anyone at the same company counts as heard too (a panel
        compares notes); ``company_wide=False`` only leaves out what these people heard.
        ``application_id`` defaults to the interviewers' application. Same columns as
        ``stories()``.
        """
        application_id = self.application_for(interviewer_ids, application_id)
        people = [int(i) for i in checks.ids(interviewer_ids)]
        companies = {
            row["company_key"]
            for row in self._fetch(
                """SELECT company_key FROM application WHERE id = ? OR id IN (
                       SELECT application_id FROM interviewer
                       WHERE id IN (SELECT value FROM json_each(?)))""",
                (application_id, json.dumps(people)),
            )
        }
        return self._stories(
            """WHERE NOT EXISTS (
                   SELECT 1 FROM story_use u JOIN interviewer i ON i.id = u.interviewer_id
                   JOIN application a ON a.id = i.application_id
                   WHERE u.story_id = s.id AND (
                       u.interviewer_id IN (SELECT value FROM json_each(?))
                       OR (? AND a.company_key IN (SELECT value FROM json_each(?)))))""",
            (json.dumps(people), company_wide, json.dumps(sorted(companies))),
        )

    def _stories(self, where: str = "", params: tuple[Any, ...] = ()) -> pd.DataFrame:
        frame = self._frame(
            "SELECT s.id, s.title, s.situation, s.task, s.action, s.result, s.tags, s.metrics "
            f"FROM story s {where} ORDER BY s.id",
            params,
        )
        frame["tags"] = frame["tags"].map(json.loads)
        return frame

    def story_use_warnings(self, story_id: int, interviewer_id: int) -> list[str]:
        """Why telling this story to this person would repeat yourself; empty when it is fresh.

        Warns when the person heard it before, and when others at the same company did (a panel
        compares notes).
        """
        story = self._row("story", story_id, "story")
        person = self._row("interviewer", interviewer_id, "interviewer")
        tellings = self._fetch(
            """SELECT i.id, i.name, r.name AS round FROM story_use u
               JOIN interviewer i ON i.id = u.interviewer_id
               JOIN round r ON r.id = u.round_id
               JOIN application a ON a.id = i.application_id
               WHERE u.story_id = ? AND a.company_key = (
                   SELECT company_key FROM application WHERE id = ?)
               ORDER BY r.date, u.id""",
            (story["id"], person["application_id"]),
        )
        if not tellings:
            return []
        title = story["title"]
        to_them = checks.unique(
            checks.round_label(t["round"]) for t in tellings if t["id"] == person["id"]
        )
        others = checks.unique(t["name"] for t in tellings if t["id"] != person["id"])
        warnings = []
        if to_them:
            warnings.append(
                f"{person['name']} has already heard “{title}” ({checks.and_list(to_them)}). "
                "Telling it again suggests you have few examples; pick a fresh one."
            )
        if others:
            warnings.append(
                f"{checks.and_list(others)} heard “{title}” at the same company. Interviewers "
                "compare notes, so a new example will add more."
            )
        return warnings

    def story_grid(self, application_id: int) -> pd.DataFrame:
        """Which story each interviewer of an application heard: True where told.

        One row per story of the bank (index: title), one column per interviewer (name).
        """
        application_id = self._id("application", application_id, "application")
        stories = self._fetch("SELECT id, title FROM story ORDER BY id")
        people = self._fetch(
            "SELECT id, name FROM interviewer WHERE application_id = ? ORDER BY id",
            (application_id,),
        )
        row_of = {r["id"]: n for n, r in enumerate(stories)}
        column_of = {p["id"]: n for n, p in enumerate(people)}
        told = np.zeros((len(stories), len(people)), dtype=bool)
        for story_id, interviewer_id in self._fetch(
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

    def story_rounds(self, application_id: int) -> pd.DataFrame:
        """The story grid with what each person heard when: like ``story_grid``, each cell
        the rounds the story was told in ("" when never), such as "first" or "first, second",
        with "×2" after a round it was told in twice."""
        grid = self.story_grid(application_id)
        cells = pd.DataFrame("", index=grid.index, columns=grid.columns, dtype=object)
        told = self._fetch(
            """SELECT s.title, i.name, r.name AS round, count(*) AS times
               FROM story_use u JOIN story s ON s.id = u.story_id
               JOIN interviewer i ON i.id = u.interviewer_id JOIN round r ON r.id = u.round_id
               WHERE i.application_id = ?
               GROUP BY u.story_id, u.interviewer_id, u.round_id
               ORDER BY u.story_id, u.interviewer_id, r.date IS NULL, r.date, r.id""",
            (self._id("application", application_id, "application"),),
        )
        for row in told:
            label = row["round"] + (f" ×{row['times']}" if row["times"] > 1 else "")
            now = str(cells.at[row["title"], row["name"]])
            cells.at[row["title"], row["name"]] = f"{now}, {label}" if now else label
        return cells

    # ---- questions and facts ---------------------------------------------------------------

    def questions_asked_of_me(self, application_id: int) -> pd.DataFrame:
        """Every question you were asked in an application's rounds."""
        return self._questions_asked(application_id, max_rating=5)

    def questions_to_rehearse(self, application_id: int, *, max_rating: int = 2) -> pd.DataFrame:
        """Questions you were asked and rated ``max_rating`` or lower, worst first."""
        return self._questions_asked(application_id, max_rating=checks.rating(max_rating))

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
        """Your questions for an application: one row per time asked, or one unasked row.

        Columns: id, text, category, asked_to, round, answer, asked_to_id, round_id, ask_id
        (the last four None while unasked; ask_id is the row of that asking).
        """
        application_id = self._id("application", application_id, "application")
        return self._frame(
            """SELECT q.id, q.text, q.category, i.name AS asked_to, r.name AS round, k.answer,
                      k.interviewer_id AS asked_to_id, k.round_id, k.id AS ask_id
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
        keys = rows["text"].map(text_key)
        asked = set(keys[rows["asked"].astype(bool)])
        keep = (rows["application_id"] == application_id) & ~keys.isin(asked)
        return rows.loc[keep, ["id", "text", "category"]].reset_index(drop=True)

    def facts(self, application_id: int) -> pd.DataFrame:
        """The facts you stated in an application's rounds: id, topic, value, interviewer,
        round, date, interviewer_id, round_id."""
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
        topic, value = facts["topic"].map(text_key), facts["value"].map(text_key)
        conflicting = value.groupby(topic).transform("nunique") > 1
        return facts[conflicting].reset_index(drop=True)

    def _facts(self, where: str, application_id: int) -> pd.DataFrame:
        return self._frame(
            f"""SELECT f.id, f.topic, f.value, i.name AS interviewer, r.name AS round, r.date,
                       f.interviewer_id, f.round_id
                FROM fact f JOIN interviewer i ON i.id = f.interviewer_id
                JOIN round r ON r.id = f.round_id JOIN application a ON a.id = i.application_id
                WHERE {where} ORDER BY lower(f.topic), r.date, f.id""",
            (application_id,),
        )

    # ---- what is still to do -----------------------------------------------------------------

    def thank_yous(
        self, application_id: int, *, today: dt.date | str | None = None
    ) -> pd.DataFrame:
        """Every thank-you note of an application, with its status on ``today``.

        Columns: id, interviewer, round, due, sent_on, channel, topic, interviewer_id,
        round_id, note (its text as edited; '' for the plan's draft), status ("sent",
        "overdue by N days", "due today", "due in N days").
        """
        application_id = self._id("application", application_id, "application")
        today = checks.today(today)
        notes = self._frame(
            """SELECT t.id, i.name AS interviewer, r.name AS round, t.due, t.sent_on, t.channel,
                      t.topic, t.interviewer_id, t.round_id, t.note
               FROM thank_you t JOIN interviewer i ON i.id = t.interviewer_id
               JOIN round r ON r.id = t.round_id
               WHERE i.application_id = ? ORDER BY t.due, t.id""",
            (application_id,),
        )
        notes["status"] = [
            "sent" if sent else checks.due_status(due, today)
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
        today = checks.today(today)
        if (
            isinstance(within_days, bool)
            or not isinstance(within_days, int)
            or not 0 <= within_days <= MAX_DAYS_AHEAD
        ):
            raise FieldError(
                "within_days",
                f"within_days must be a whole number of days, from 0 to {MAX_DAYS_AHEAD}.",
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
        notes["status"] = [checks.due_status(due, today) for due in notes["due"]]
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
        """Checklist items of an application's rounds (or one round): id, round, item, done,
        round_id."""
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
