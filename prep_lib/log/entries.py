"""Adding and updating entries: rounds, people, stories and everything said (applications are
added in ``prep_lib.log.applications``).

Each method checks its input first (``prep_lib.log.checks``), then writes in one transaction,
so a refused entry leaves the log as it was. Methods that record something that happened return
the new row's id (``record_story_use`` returns its repeat warnings instead).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from contextlib import nullcontext
from typing import Any

from prep_lib.log import checks
from prep_lib.log.applications import Applications
from prep_lib.log.checks import FieldError
from prep_lib.text import text_key


class Entries(Applications):
    """The log's writers (mixed into ``InterviewLog``)."""

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
        name = checks.text(name, "name", "the round's name", required=True, name=True)
        values = {
            "date": checks.date(date, "date", "the round's date"),
            "format": checks.text(format, "format", "the format"),
            "agenda": checks.text(agenda, "agenda", "the agenda", multiline=True),
        }
        with self.transaction():
            application_id = self._id("application", application_id, "application")
            same = self._con.execute(
                "SELECT id FROM round WHERE application_id = ? AND name_key = ?",
                (application_id, text_key(name)),
            ).fetchone()
            if same:
                raise FieldError(
                    "name",
                    f"This application already has a round called {name!r} (id {same['id']}). "
                    "Give the new round another name, such as 'second' or 'final'.",
                )
            return self._insert(
                "round", application_id=application_id, name=name, name_key=text_key(name), **values
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
        name = checks.text(name, "name", "the interviewer's name", required=True, name=True)
        values = {
            "title": checks.text(title, "title", "the title", name=True),
            "team": checks.text(team, "team", "the team", name=True),
            "tenure": checks.text(tenure, "tenure", "the tenure"),
            "background": checks.text(background, "background", "the background", multiline=True),
            "contact": checks.text(contact, "contact", "the contact"),
        }
        with self.transaction():
            application_id = self._id("application", application_id, "application")
            same = self._con.execute(
                "SELECT id, name FROM interviewer WHERE application_id = ? AND name_key = ?",
                (application_id, text_key(name)),
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
                name_key=text_key(name),
                **values,
            )
            for round_id in checks.ids(round_ids, "round_ids"):
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
        title = checks.text(title, "title", "the story's title", required=True, name=True)
        values = {
            field: checks.text(value, field, f"the {field}", required=True, multiline=True)
            for field, value in {
                "situation": situation,
                "task": task,
                "action": action,
                "result": result,
            }.items()
        }
        values["metrics"] = checks.text(metrics, "metrics", "the metrics")
        values["tags"] = json.dumps(checks.tags(tags), ensure_ascii=False)
        with self.transaction():
            same = self._con.execute(
                "SELECT id FROM story WHERE title_key = ?", (text_key(title),)
            ).fetchone()
            if same:
                raise FieldError(
                    "title",
                    f"A story called {title!r} is already in the log (id {same['id']}). "
                    "Give this one a title of its own.",
                )
            return self._insert("story", title=title, title_key=text_key(title), **values)

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

        The use is recorded (it happened), and the warnings (empty when the story was fresh) say
        whom it repeats. The same story to the same person in the same round is logged once: a
        second time is refused, naming the entry to edit instead. ``told_on`` defaults to the
        round's date.
        """
        landed = checks.text(landed, "landed", "how it landed", multiline=True)
        told_on = checks.date(told_on, "told_on", "the date told")
        with self.transaction():
            person, round_ = self._pair(interviewer_id, round_id)
            story = self._row("story", story_id, "story")
            story_id = int(story["id"])
            if self._fetch(
                """SELECT 1 FROM story_use
                   WHERE story_id = ? AND interviewer_id = ? AND round_id = ?""",
                (story_id, person["id"], round_["id"]),
            ):
                raise FieldError(
                    "story",
                    f"{person['name']} already heard “{story['title']}” in the "
                    f"{checks.round_label(round_['name'])}, and it is logged once. To change how "
                    "it landed, edit that entry.",
                )
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
            "text": checks.text(text, "text", "the question", required=True, multiline=True),
            "rating": checks.rating(rating),
            "category": checks.text(category, "category", "the category", name=True),
            "answer": checks.text(answer, "answer", "your answer", multiline=True),
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
        text = checks.text(text, "text", "your question", required=True, multiline=True)
        category = checks.text(category, "category", "the category", name=True)
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
            if asked_to is not None and round_id is not None:
                self.record_my_question_asked(question, asked_to, round_id, answer=answer)
            return question

    def record_my_question_asked(
        self, question_id: int, interviewer_id: int, round_id: int, *, answer: str = ""
    ) -> int:
        """Log that you asked one of your questions, and their answer."""
        answer = checks.text(answer, "answer", "their answer", multiline=True)
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
        topic = checks.text(topic, "topic", "the topic", required=True, name=True)
        value = checks.text(value, "value", "what you said", required=True, multiline=True)
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
        note: str = "",
    ) -> int:
        """Log a thank-you note to write (or sent); ``due`` defaults to the day after the round.
        ``note`` is the note's text as you wrote it (empty: the plan drafts one)."""
        due = checks.date(due, "due", "the due date")
        values = {
            "sent_on": checks.date(sent_on, "sent_on", "the date sent"),
            "channel": checks.text(channel, "channel", "the channel", name=True),
            "topic": checks.text(topic, "topic", "the topic mentioned", multiline=True),
            "note": checks.text(note, "note", "the note", multiline=True),
        }
        with self.transaction():
            person, round_ = self._pair(interviewer_id, round_id)
            if due is None and round_["date"] is None:
                raise FieldError(
                    "due",
                    f"The {checks.round_label(round_['name'])} has no date, so the note's due date "
                    "cannot be worked out. Give a due date.",
                )
            due = due or checks.day_after(round_["date"])
            return self._insert(
                "thank_you", interviewer_id=person["id"], round_id=round_["id"], due=due, **values
            )

    def mark_thank_you_sent(
        self, thank_you_id: int, *, sent_on: dt.date | str | None = None
    ) -> None:
        """Note that a thank-you went out (``sent_on`` defaults to today)."""
        sent_on = checks.date(sent_on, "sent_on", "the date sent") or dt.date.today().isoformat()
        self._update("thank_you", thank_you_id, "thank_you", sent_on=sent_on)

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
        name = checks.text(name, "name", "the reference's name", required=True, name=True)
        values = {
            "relationship": checks.text(relationship, "relationship", "the relationship"),
            "contact": checks.text(contact, "contact", "the contact"),
            "permission": checks.flag(permission, "permission", "permission"),
            "contacted_on": checks.date(contacted_on, "contacted_on", "the date contacted"),
            "approached_by_employer": checks.flag(
                approached_by_employer, "approached_by_employer", "approached by the employer"
            ),
            "asked_about": checks.text(
                asked_about, "asked_about", "what they were asked", multiline=True
            ),
        }
        with self.transaction():
            application_id = self._id("application", application_id, "application")
            same = self._con.execute(
                "SELECT id FROM reference WHERE application_id = ? AND name_key = ?",
                (application_id, text_key(name)),
            ).fetchone()
            if same:
                raise FieldError(
                    "name",
                    f"{name} is already a reference for this application (id {same['id']}).",
                )
            return self._insert(
                "reference",
                application_id=application_id,
                name=name,
                name_key=text_key(name),
                **values,
            )

    def mark_reference_warned(self, reference_id: int, *, on: dt.date | str | None = None) -> None:
        """Note that you told a reference a call may come (``on`` defaults to today)."""
        on = checks.date(on, "on", "the date") or dt.date.today().isoformat()
        self._update("reference", reference_id, "reference", contacted_on=on)

    def record_reference_approached(self, reference_id: int, *, asked_about: str = "") -> None:
        """Note that the employer contacted a reference, and what they asked about."""
        asked_about = checks.text(
            asked_about, "asked_about", "what they were asked", multiline=True
        )
        self._update(
            "reference",
            reference_id,
            "reference",
            approached_by_employer=True,
            asked_about=asked_about,
        )

    def add_checklist_item(self, round_id: int, *, item: str, done: bool = False) -> int:
        """Add something to do before a round (ask for the agenda, print the resume...)."""
        item = checks.text(item, "item", "the checklist item", required=True, multiline=True)
        done = checks.flag(done, "done", "done")
        with self.transaction():
            round_id = self._id("round", round_id, "round")
            return self._insert("checklist_item", round_id=round_id, item=item, done=done)

    def mark_checklist_done(self, item_id: int, *, done: bool = True) -> None:
        """Tick (or untick, with ``done=False``) a checklist item."""
        done = checks.flag(done, "done", "done")
        with self.transaction():
            item_id = self._id("checklist_item", item_id, "checklist_item")
            self._con.execute("UPDATE checklist_item SET done = ? WHERE id = ?", (done, item_id))

    def ensure_checklist(self, round_id: int, items: Iterable[str]) -> list[int]:
        """The ids of these checklist items of a round, each added (not done) when the round
        does not have it yet (case and spacing aside); in the order of ``items``."""
        texts = [
            checks.text(item, "item", "the checklist item", required=True, multiline=True)
            for item in checks.ids(items, "items")
        ]
        with self.transaction():
            round_id = self._id("round", round_id, "round")
            have = {
                text_key(row["item"]): int(row["id"])
                for row in self._con.execute(
                    "SELECT id, item FROM checklist_item WHERE round_id = ? ORDER BY id DESC",
                    (round_id,),
                )
            }  # the first of two same items wins
            ids = []
            for item in texts:
                if text_key(item) not in have:
                    have[text_key(item)] = self.add_checklist_item(round_id, item=item)
                ids.append(have[text_key(item)])
            return ids

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
        question = checks.text(question, "question", "the question", required=True, multiline=True)
        values = {
            "rating": checks.rating(rating),
            "answer": checks.text(answer, "answer", "your answer", multiline=True),
            "practiced_on": checks.date(on, "on", "the date") or dt.date.today().isoformat(),
        }
        with self.transaction():
            application_id = self._id("application", application_id, "application")
            return self._insert(
                "rehearsal",
                application_id=application_id,
                question=question,
                question_key=text_key(question),
                **values,
            )

    def _update(self, table: str, row_id: int, field: str, **values: Any) -> None:
        """Set ``values`` in a row; when that overwrites a date or a text the user entered, the
        log is backed up first (``destructive_edit``)."""
        with self.transaction():
            row = self._row(table, row_id, field)
            overwrites = any(
                isinstance(row[column], str) and row[column] and row[column] != value
                for column, value in values.items()
            )
            with self.destructive_edit(f"{table} {row['id']}") if overwrites else nullcontext():
                sets = ", ".join(f"{column} = ?" for column in values)
                self._con.execute(
                    f"UPDATE {table} SET {sets} WHERE id = ?", (*values.values(), row["id"])
                )
