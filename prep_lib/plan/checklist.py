"""The round's checklist: what the log holds, merged with the standard items, and what the log
shows as done. Reading it never writes: a standard item the log lacks has no id until the user
ticks it (``InterviewLog.ensure_checklist`` adds it then)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from prep_lib.log import InterviewLog
from prep_lib.plan.content import Content, load_content
from prep_lib.plan.dates import as_date, shift
from prep_lib.plan.model import ChecklistEntry
from prep_lib.plan.rounds import round_info
from prep_lib.text import text_key


def checklist_entries(
    log: InterviewLog,
    application_id: int,
    round_id: int,
    *,
    content: Content | None = None,
    extra: Sequence[tuple[str, int]] = (),
) -> list[ChecklistEntry]:
    """The round's checklist: the log's items, then the standard items it does not hold yet
    and the ``extra`` ones (text, days before the round: a presentation's rehearsal...), the
    soonest due first.

    An item counts as done when ticked in the log, or when the log shows it done: the agenda and
    the interviewers' names recorded, every reference warned, every interviewer researched.
    """
    content = content or load_content()
    round_ = round_info(log, application_id, round_id)
    logged = log.checklist(application_id, round_id=round_id).to_dict("records")
    have = {text_key(row["item"]) for row in logged}
    items: list[tuple[int | None, str, bool]] = [
        (int(row["id"]), row["item"], bool(row["done"])) for row in logged
    ]
    standards = [*content.checklist, *({"text": t, "when": w} for t, w in extra)]
    for standard in standards:
        if text_key(standard["text"]) not in have:
            have.add(text_key(standard["text"]))
            items.append((None, standard["text"], False))
    when = {text_key(item["text"]): item["when"] for item in standards}
    shown = _shown_by_log(log, application_id, round_id, agenda=round_["agenda"])
    day = as_date(round_["date"])
    entries = []
    for item_id, text, ticked in items:
        derived, note = next(
            (v for k, v in shown.items() if text_key(text).startswith(k)), (False, "")
        )
        days = when.get(text_key(text))
        entries.append(
            ChecklistEntry(
                item_id=item_id,
                text=text,
                done=ticked or derived,
                note=note,
                due=shift(day, -days) if day and days is not None else None,
                shown_by_log=derived and not ticked,
            )
        )
    return sorted(entries, key=lambda e: (e.due is None, e.due or dt.date.max))


def _shown_by_log(
    log: InterviewLog, application_id: int, round_id: int, *, agenda: str
) -> dict[str, tuple[bool, str]]:
    """For the standard items the log can vouch for (keyed by how their text starts): whether
    the log shows them done, and what it shows."""
    people = log.interviewers(application_id, round_id=round_id)
    not_warned = log.references_not_warned(application_id)
    unresearched = [p["name"] for p in people.to_dict("records") if not p["background"].strip()]
    has_agenda = bool(agenda.strip()) and not people.empty
    return {
        "ask for the agenda": (
            has_agenda,
            f"the log has the agenda and {len(people)} names"
            if has_agenda
            else "the log has no agenda or no names for this round yet",
        ),
        "warn every reference": (
            not_warned.empty,
            "every reference is warned"
            if not_warned.empty
            else "still to warn: " + ", ".join(not_warned["name"]),
        ),
        "research each interviewer": (
            not people.empty and not unresearched,
            "every interviewer has notes"
            if not unresearched
            else "no notes yet on " + ", ".join(unresearched),
        ),
    }
