"""Correcting and deleting entries: any row a form added can be edited or deleted, and a delete
can be undone.

- ``edit(table, id, **changes)`` checks each change as the entry's ``add_...`` method checks it
  (names stay unique where the log keeps them unique), then writes them in one transaction.
- ``removal(table, id)`` says what deleting an entry takes with it, before anything is deleted:
  an interviewer takes the stories told to them, the questions they asked, the facts they heard
  and their thank-you notes; a round takes what happened in it; an application takes everything
  of it. ``delete(table, id)`` deletes exactly that and returns the same ``Removal``, and
  ``undo(removal)`` puts every row back with its id.

Both edits and deletes first make an automatic backup of the whole log (``destructive_edit``),
so nothing is ever lost for good, even after the undo is gone.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from prep_lib.errors import LogError
from prep_lib.log import checks
from prep_lib.log.applications import document_text, pay_values, status_value
from prep_lib.log.checks import FieldError, and_list, round_label
from prep_lib.log.company import PACKAGE_PARTS, RESEARCH_TOPICS, TASK_KINDS
from prep_lib.log.entries import Entries
from prep_lib.log.schema import NOUNS, TABLES
from prep_lib.log.validate import COLUMNS, FLAGS, UNIQUE
from prep_lib.text import text_key

Check = Callable[[Any], Any]


def _text(field: str, label: str, *, required: bool = False, name: bool = False) -> Check:
    return lambda value: checks.text(value, field, label, required=required, name=name)


def _date(field: str, label: str, *, required: bool = False) -> Check:
    def check(value: Any) -> str | None:
        day = checks.date(value, field, label)
        if required and day is None:
            raise FieldError(field, f"{label[:1].upper()}{label[1:]} is empty; give a date.")
        return day

    return check


def _flag(field: str, label: str) -> Check:
    return lambda value: checks.flag(value, field, label)


def _story_part(field: str) -> Check:
    return _text(field, f"the {field}", required=True)


def _choice(field: str, label: str, options: tuple[str, ...]) -> Check:
    return lambda value: checks.choice(value, options, field, label)


def _amount(field: str, label: str) -> Check:
    def check(value: Any) -> float:
        number = checks.amount(value, field, label)
        if field == "base" and number <= 0:
            raise FieldError("base", "The base salary must be more than zero.")
        return number

    return check


def _outline(value: Any) -> str:
    return json.dumps(checks.outline(value), ensure_ascii=False)


# For each table: the changes ``edit`` accepts (keyed like the add_... method's arguments), the
# column each is stored in, and its check.
EDITABLE: dict[str, dict[str, tuple[str, Check]]] = {
    "application": {
        "company": ("company", _text("company", "the company", required=True, name=True)),
        "role": ("role", _text("role", "the role", required=True, name=True)),
        "posting": ("posting_text", lambda v: document_text(v, "posting", "the posting")),
        "posting_name": ("posting_name", _text("posting_name", "the posting's name")),
        "resume": ("resume_text", lambda v: document_text(v, "resume", "the resume")),
        "resume_name": ("resume_name", _text("resume_name", "the resume's name")),
        "candidate": ("candidate", _text("candidate", "your name", name=True)),
    },
    "application_status": {
        "status": ("status", status_value),
        "date": ("date", _date("date", "the date", required=True)),
    },
    "company_posting": {
        "name": ("name", _text("name", "the posting's name", required=True, name=True)),
        "text": ("text", lambda v: document_text(v, "text", "the posting", required=True)),
    },
    "round": {
        "name": ("name", _text("name", "the round's name", required=True, name=True)),
        "date": ("date", _date("date", "the round's date")),
        "format": ("format", _text("format", "the format")),
        "agenda": ("agenda", _text("agenda", "the agenda")),
    },
    "interviewer": {
        "name": ("name", _text("name", "the interviewer's name", required=True, name=True)),
        "title": ("title", _text("title", "the title", name=True)),
        "team": ("team", _text("team", "the team", name=True)),
        "tenure": ("tenure", _text("tenure", "the tenure")),
        "background": ("background", _text("background", "the background")),
        "contact": ("contact", _text("contact", "the contact")),
    },
    "story": {
        "title": ("title", _text("title", "the story's title", required=True, name=True)),
        **{part: (part, _story_part(part)) for part in ("situation", "task", "action", "result")},
        "tags": ("tags", lambda v: json.dumps(checks.tags(v), ensure_ascii=False)),
        "metrics": ("metrics", _text("metrics", "the metrics")),
    },
    "story_use": {
        "landed": ("landed", _text("landed", "how it landed")),
        "told_on": ("told_on", _date("told_on", "the date told")),
    },
    "question_asked": {
        "text": ("text", _text("text", "the question", required=True)),
        "category": ("category", _text("category", "the category", name=True)),
        "answer": ("answer", _text("answer", "your answer")),
        "rating": ("rating", checks.rating),
    },
    "my_question": {
        "text": ("text", _text("text", "your question", required=True)),
        "category": ("category", _text("category", "the category", name=True)),
    },
    "my_question_ask": {"answer": ("answer", _text("answer", "their answer"))},
    "fact": {
        "topic": ("topic", _text("topic", "the topic", required=True, name=True)),
        "value": ("value", _text("value", "what you said", required=True)),
    },
    "thank_you": {
        "due": ("due", _date("due", "the due date", required=True)),
        "sent_on": ("sent_on", _date("sent_on", "the date sent")),
        "channel": ("channel", _text("channel", "the channel", name=True)),
        "topic": ("topic", _text("topic", "the topic mentioned")),
        "note": ("note", _text("note", "the note")),
    },
    "reference": {
        "name": ("name", _text("name", "the reference's name", required=True, name=True)),
        "relationship": ("relationship", _text("relationship", "the relationship")),
        "contact": ("contact", _text("contact", "the contact")),
        "permission": ("permission", _flag("permission", "permission")),
        "contacted_on": ("contacted_on", _date("contacted_on", "the date contacted")),
        "approached_by_employer": (
            "approached_by_employer",
            _flag("approached_by_employer", "approached by the employer"),
        ),
        "asked_about": ("asked_about", _text("asked_about", "what they were asked")),
    },
    "checklist_item": {
        "item": ("item", _text("item", "the checklist item", required=True)),
        "done": ("done", _flag("done", "done")),
    },
    "rehearsal": {
        "answer": ("answer", _text("answer", "your answer")),
        "rating": ("rating", checks.rating),
    },
    # prep_lib.log.company's entries
    "research_note": {
        "topic": ("topic", _choice("topic", "the topic", RESEARCH_TOPICS)),
        "note": ("note", _text("note", "the note", required=True)),
        "source": ("source", _text("source", "the source")),
        "noted_on": ("noted_on", _date("noted_on", "the date")),
    },
    "contact": {
        "name": ("name", _text("name", "the name", required=True, name=True)),
        "title": ("title", _text("title", "the title", name=True)),
        "relationship": ("relationship", _text("relationship", "how you know them")),
        "contact": ("contact", _text("contact", "the contact")),
        "talked_on": ("talked_on", _date("talked_on", "the date you talked")),
        "told_me": ("told_me", _text("told_me", "what they told you")),
        "referred_me": ("referred_me", _flag("referred_me", "referred you")),
    },
    "round_task": {
        "kind": ("kind", _choice("kind", "the kind", TASK_KINDS)),
        "topic": ("topic", _text("topic", "the topic", required=True, name=True)),
        "minutes": ("minutes", lambda v: checks.minutes(v, "minutes", "the time limit")),
        "known": ("known", _text("known", "what you know about it")),
        "practice": ("practice", _text("practice", "what to practise")),
        "materials": ("materials", _text("materials", "what to bring")),
        "outline": ("outline", _outline),
    },
    "news": {
        "text": ("text", _text("text", "the news", required=True)),
        "noted_on": ("noted_on", _date("noted_on", "the date")),
    },
    "scan": {"label": ("resume_label", _text("label", "the label", required=True, name=True))},
    "package": {
        "label": ("label", _text("label", "the name", required=True, name=True)),
        **{part: (part, _amount(part, part.replace("_", " "))) for part in PACKAGE_PARTS},
        "notes": ("notes", _text("notes", "the notes")),
        "currency": ("currency", _text("currency", "the currency", required=True, name=True)),
        "received_on": ("received_on", _date("received_on", "the date received")),
    },
}
PAY_FIELDS = ("pay_low", "pay_high", "pay_currency", "pay_period", "pay_text")
# The key column kept beside each name column.
KEYS = {
    ("application", "company"): "company_key",
    ("application", "role"): "role_key",
    ("round", "name"): "name_key",
    ("interviewer", "name"): "name_key",
    ("story", "title"): "title_key",
    ("reference", "name"): "name_key",
    ("contact", "name"): "name_key",
}
# Each table's children: (child table, column pointing at the parent's id).
CHILDREN = {
    table: [
        (child, column.name)
        for child in TABLES
        for column in COLUMNS[child].values()
        if column.parent == table
    ]
    for table in TABLES
}
# How many rows of a table, in words.
PLURALS = {
    "application": "applications", "application_status": "statuses",
    "company_posting": "company postings", "round": "rounds", "interviewer": "interviewers",
    "story": "stories", "story_use": "stories told", "question_asked": "questions asked of you",
    "my_question": "questions of yours",
    "my_question_ask": "times you asked one of your questions",
    "fact": "facts stated", "thank_you": "thank-you notes", "reference": "references",
    "checklist_item": "checklist items", "rehearsal": "rehearsals",
    "research_note": "research notes", "contact": "contacts",
    "round_task": "presentations, cases and tests", "news": "pieces of news",
    "scan": "comparisons", "package": "pay packages",
}  # fmt: skip
LINKS = ("round_interviewer",)  # rows that only link two entries: they go unmentioned


@dataclass(frozen=True)
class Removal:
    """What deleting one entry takes: every row that goes, by table, and the same in words.

    ``what`` names the entry ("the interviewer Marcus Bellweather"); ``details`` name each other
    entry that goes with it.
    """

    table: str
    row_id: int
    what: str
    rows: Mapping[str, tuple[dict[str, Any], ...]]
    details: tuple[str, ...]

    def counts(self) -> dict[str, int]:
        """How many entries of each table go with it (links between entries aside)."""
        return {
            table: len(rows) - (table == self.table)
            for table, rows in self.rows.items()
            if table not in LINKS and len(rows) - (table == self.table) > 0
        }

    def summary(self) -> str:
        """One sentence: what is deleted, and everything that goes with it."""
        others = [
            f"{n} {PLURALS[t] if n != 1 else NOUNS.get(t, t)}" for t, n in self.counts().items()
        ]
        if not others:
            return f"Deletes {self.what}; nothing else goes with it."
        return f"Deletes {self.what}, and with it {and_list(others)}."


class Edits(Entries):
    """Editing, deleting and undoing (mixed into ``InterviewLog``)."""

    def edit(self, table: str, row_id: int, **changes: Any) -> None:
        """Change fields of one entry (named like its ``add_...`` method's arguments).

        An interviewer's ``round_ids`` says every round they sit in; a round is taken away only
        when nothing happened with them in it. An application's pay range (``pay_low``,
        ``pay_high``, ``pay_currency``, ``pay_period``, ``pay_text``) is checked as a whole.
        """
        fields = EDITABLE.get(table)
        if fields is None:
            raise LogError(f"{table!r} is not a kind of entry that can be edited.")
        rounds = changes.pop("round_ids", None) if table == "interviewer" else None
        pay = {k: changes.pop(k) for k in PAY_FIELDS if k in changes and table == "application"}
        unknown = sorted(set(changes) - set(fields))
        if unknown:
            raise FieldError(
                unknown[0],
                f"A {NOUNS.get(table, table)} has no field {unknown[0]!r}; it has "
                f"{', '.join(fields)}.",
            )
        values = {fields[name][0]: fields[name][1](value) for name, value in changes.items()}
        with self.transaction():
            row = self._row(table, row_id, table)
            if pay:
                values.update(pay_values(**{k[4:]: pay.get(k, row[k]) for k in PAY_FIELDS}))
            for (keyed, column), key in KEYS.items():
                if keyed == table and column in values:
                    values[key] = text_key(values[column])
            self._refuse_same_name(table, row, values)
            changed = {c: v for c, v in values.items() if row[c] != v}
            if not changed and rounds is None:
                return
            with self.destructive_edit(f"{table} {row['id']}"):
                if changed:
                    sets = ", ".join(f"{column} = ?" for column in changed)
                    self._con.execute(
                        f"UPDATE {table} SET {sets} WHERE id = ?", (*changed.values(), row["id"])
                    )
                if rounds is not None:
                    self._set_rounds(row, checks.ids(rounds, "round_ids"))

    def entry(self, table: str, row_id: int) -> dict[str, Any]:
        """An entry's fields as ``edit`` takes them: tags as a list, yes/no as bools, dates as
        ``YYYY-MM-DD`` text, an interviewer's ``round_ids``, an application's pay range."""
        fields = EDITABLE.get(table)
        if fields is None:
            raise LogError(f"{table!r} is not a kind of entry that can be edited.")
        row = self._row(table, row_id, table)
        values = {name: row[column] for name, (column, _) in fields.items()}
        for name in values:
            if (table, name) in FLAGS:
                values[name] = bool(values[name])
        if table == "story":
            values["tags"] = json.loads(row["tags"])
        if table == "round_task":
            values["outline"] = json.loads(row["outline"])
        if table == "interviewer":
            values["round_ids"] = [
                int(r["round_id"])
                for r in self._fetch(
                    "SELECT round_id FROM round_interviewer WHERE interviewer_id = ? ORDER BY 1",
                    (row["id"],),
                )
            ]
        if table == "application":
            values.update({name: row[name] for name in PAY_FIELDS})
        for column in COLUMNS[table].values():  # what the entry belongs to, by id
            if column.parent and column.parent != "application":
                values[column.name] = row[column.name]
        return values

    def removal(self, table: str, row_id: int) -> Removal:
        """What deleting an entry would take with it (nothing is deleted)."""
        if table not in EDITABLE:
            raise LogError(f"{table!r} is not a kind of entry that can be deleted.")
        row = self._row(table, row_id, table)
        found: dict[str, dict[int, dict[str, Any]]] = {t: {} for t in TABLES}
        own = self._fetch(f"SELECT rowid AS rowid_, * FROM {table} WHERE id = ?", (row["id"],))
        found[table] = {r["rowid_"]: dict(r) for r in own}
        queue = [(table, {int(row["id"])})]
        while queue:
            parent, ids = queue.pop()
            for child, column in CHILDREN[parent]:
                hits = self._fetch(
                    f"SELECT rowid AS rowid_, * FROM {child} "
                    f"WHERE {column} IN (SELECT value FROM json_each(?))",
                    (json.dumps(sorted(ids)),),
                )
                new = {r["rowid_"]: dict(r) for r in hits if r["rowid_"] not in found[child]}
                found[child].update(new)
                if new and "id" in COLUMNS[child]:
                    queue.append((child, {int(r["id"]) for r in new.values()}))
        rows = {t: tuple(found[t].values()) for t in TABLES if found[t]}
        details = tuple(
            self.describe(t, r)
            for t in TABLES
            if t not in LINKS
            for r in rows.get(t, ())
            if not (t == table and r["id"] == row["id"])
        )
        return Removal(table, int(row["id"]), self.describe(table, dict(row)), rows, details)

    def delete(self, table: str, row_id: int) -> Removal:
        """Delete an entry and everything that belongs to it (see ``removal``); return what
        went, which ``undo`` puts back. An automatic backup is made first."""
        with self.transaction():
            removal = self.removal(table, row_id)
            with self.destructive_edit(f"delete {table} {removal.row_id}"):
                for name in reversed(TABLES):
                    rowids = [r["rowid_"] for r in removal.rows.get(name, ())]
                    if rowids:
                        self._con.execute(
                            f"DELETE FROM {name} WHERE rowid IN (SELECT value FROM json_each(?))",
                            (json.dumps(rowids),),
                        )
        return removal

    def undo(self, removal: Removal) -> None:
        """Put back every row a ``delete`` removed, with its id; all of them or none."""
        try:
            with self.transaction():
                for name in TABLES:
                    for row in removal.rows.get(name, ()):
                        values = {k: v for k, v in row.items() if k != "rowid_"}
                        if "id" not in values:  # a link: its place in the table kept too
                            values["rowid"] = row["rowid_"]
                        self._insert(name, **values)
        except LogError as error:
            raise LogError(
                f"Cannot bring back {removal.what}: the log changed since ({error}). The "
                "automatic backup made before the delete still holds it (in the backups folder of "
                "your data folder)."
            ) from None

    def describe(self, table: str, row: Mapping[str, Any]) -> str:
        """An entry in words, for messages: "the interviewer Marcus Bellweather"."""

        def name(of: str, row_id: Any, column: str = "name") -> str:
            found = self._fetch(f"SELECT {column} FROM {of} WHERE id = ?", (row_id,))
            return str(found[0][column]) if found else "?"

        def quoted(text: Any, most: int = 60) -> str:
            text = " ".join(str(text).split())
            return f"“{text if len(text) <= most else text[: most - 1] + '…'}”"

        match table:
            case "application":
                return f"the application for {row['role']} at {row['company']}"
            case "application_status":
                return f"the status “{row['status']}” ({row['date'] or 'no date'})"
            case "company_posting":
                return f"the company posting {quoted(row['name'])}"
            case "round":
                return f"the {round_label(row['name'])}"
            case "interviewer":
                return f"the interviewer {row['name']}"
            case "story":
                return f"the story {quoted(row['title'])}"
            case "story_use":
                return (
                    f"{quoted(name('story', row['story_id'], 'title'))} told to "
                    f"{name('interviewer', row['interviewer_id'])} "
                    f"({round_label(name('round', row['round_id']))})"
                )
            case "question_asked":
                return f"the question {quoted(row['text'])} asked of you"
            case "my_question":
                return f"your question {quoted(row['text'])}"
            case "my_question_ask":
                return (
                    f"asking {name('interviewer', row['interviewer_id'])} "
                    f"{quoted(name('my_question', row['question_id'], 'text'))}"
                )
            case "fact":
                return (
                    f"the fact {quoted(row['topic'] + ': ' + row['value'])} told to "
                    f"{name('interviewer', row['interviewer_id'])}"
                )
            case "thank_you":
                return f"the thank-you note to {name('interviewer', row['interviewer_id'])}"
            case "reference":
                return f"the reference {row['name']}"
            case "checklist_item":
                return f"the checklist item {quoted(row['item'])}"
            case "rehearsal":
                return f"the rehearsal of {quoted(row['question'])}"
            case "research_note":
                return f"the research note {quoted(row['note'])}"
            case "contact":
                return f"the contact {row['name']}"
            case "round_task":
                return f"the {row['kind']} {quoted(row['topic'])}"
            case "news":
                return f"the news {quoted(row['text'])}"
            case "scan":
                return f"the comparison of {quoted(row['resume_label'])} ({row['scanned_at']})"
            case "package":
                owner = "your current job" if row["application_id"] is None else "the offer"
                return f"{owner} {quoted(row['label'])}"
        return f"the {NOUNS.get(table, table)} {row.get('id', '')}".strip()

    def _refuse_same_name(self, table: str, row: sqlite3.Row, values: Mapping[str, Any]) -> None:
        """A ``FieldError`` when the edit gives an entry the name of another one (where the log
        keeps names unique)."""
        columns = UNIQUE.get(table, ())
        if not any(c in values for c in columns) or table == "round_interviewer":
            return
        wanted = {c: values.get(c, row[c]) for c in columns}
        where = " AND ".join(f"{c} = ?" for c in wanted)
        same = self._fetch(
            f"SELECT * FROM {table} WHERE {where} AND id != ?", (*wanted.values(), row["id"])
        )
        if same:
            other = same[0]
            shown = (
                f"{other['role']} at {other['company']}"
                if table == "application"
                else other["title"]
                if table == "story"
                else other["name"]
            )
            raise FieldError(
                "title" if table == "story" else "role" if table == "application" else "name",
                f"Another {NOUNS[table]} is already called {shown!r} (id {same[0]['id']}). "
                "Choose another name, or edit that one.",
            )

    def _set_rounds(self, person: sqlite3.Row, round_ids: list[Any]) -> None:
        """Make ``round_ids`` the rounds an interviewer sits in; a round where something
        happened with them is kept, with the reason."""
        wanted = {self._id("round", r, "round_ids") for r in round_ids}
        have = {
            int(r["round_id"])
            for r in self._fetch(
                "SELECT round_id FROM round_interviewer WHERE interviewer_id = ?", (person["id"],)
            )
        }
        for round_id in sorted(have - wanted):
            busy = [
                PLURALS[t]
                for t in ("story_use", "question_asked", "my_question_ask", "fact", "thank_you")
                if self._fetch(
                    f"SELECT 1 FROM {t} WHERE interviewer_id = ? AND round_id = ?",
                    (person["id"], round_id),
                )
            ]
            if busy:
                round_name = self._row("round", round_id, "round_ids")["name"]
                raise FieldError(
                    "round_ids",
                    f"{person['name']} cannot leave the {round_label(round_name)}: the log has "
                    f"{and_list(busy)} with them there. Delete those first.",
                )
            self._con.execute(
                "DELETE FROM round_interviewer WHERE interviewer_id = ? AND round_id = ?",
                (person["id"], round_id),
            )
        for round_id in sorted(wanted - have):
            self._pair(int(person["id"]), round_id)
