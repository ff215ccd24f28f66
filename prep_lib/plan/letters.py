"""The letters before and after a round, besides the thank-you notes: the reply to the invitation
(confirm, ask for the agenda and names, ask whether to prepare anything) and a follow-up with news
since the interview (a course finished, a change in when you could start).

The words come from the content's [letters]. The reply asks for the agenda only while the log has
no agenda or no names for the round, and asks about a presentation, case or test only when the
log has one; otherwise it asks whether to prepare anything. Both go to the person who arranges the
interviews: the application's recruiter or people-team partner when the log has one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from prep_lib.plan.content import Content
from prep_lib.plan.dates import long_date, shift
from prep_lib.plan.model import Letter
from prep_lib.plan.questions import interviewer_kind

REPLY_DAYS_BEFORE = 7  # the checklist's "Reply to the invitation" item
FOLLOW_UP_DAYS_AFTER = 7  # the checklist's "Send a follow-up" item


def recipient(everyone: pd.DataFrame, *, posting: str) -> str:
    """The application's recruiter (the first person of an HR kind), else ''."""
    for person in everyone.to_dict("records"):
        if interviewer_kind(person["title"], posting=posting) == "hr":
            return str(person["name"])
    return ""


def letters(
    content: Content,
    *,
    to: str,
    round_name: str,
    round_date: dt.date | None,
    round_format: str,
    role: str,
    company: str,
    candidate: str,
    has_agenda: bool,
    tasks: Sequence[str] = (),
    news: Sequence[str] = (),
) -> list[Letter]:
    """The reply to the invitation and the follow-up, as drafts (see the module docstring).

    ``tasks`` name the presentation, case or test of the round ("a 10-minute presentation on
    ..."); ``news`` are the updates to share, one sentence each.
    """
    words = content.letters
    label = round_name if "interview" in round_name.casefold() else f"{round_name} interview"
    when = f"on {long_date(round_date)}" if round_date else "on the date you proposed"
    if round_format:
        when += f" ({round_format})"
    values = {
        "first_name": to.split()[0] if to.split() else "[name]",
        "role": role,
        "company": company,
        "round": label,
        "when": when,
        "candidate": candidate.strip() or "[your name]",
        "task": " and ".join(tasks),
    }
    asks = [] if has_agenda else [words["reply_ask_agenda"]]
    asks.append(words["reply_ask_task"] if tasks else words["reply_ask_prepare"])
    reply = [words["reply_opening"].strip(), " ".join(asks), words["reply_closing"].strip()]
    updates = "\n".join(f"- {_sentence(n)}" for n in news) or words["follow_up_no_news"]
    follow_up = [  # the news is the user's text: never read as a template
        words["follow_up_opening"].strip().format_map(values),
        updates,
        words["follow_up_closing"].strip().format_map(values),
    ]
    return [
        Letter(
            kind="reply",
            to=to,
            subject=words["reply_subject"].format_map(values),
            body="\n\n".join(reply).format_map(values),
            due=shift(round_date, -REPLY_DAYS_BEFORE) if round_date else None,
        ),
        Letter(
            kind="follow-up",
            to=to,
            subject=words["follow_up_subject"].format_map(values),
            body="\n\n".join(follow_up),
            due=shift(round_date, FOLLOW_UP_DAYS_AFTER) if round_date else None,
        ),
    ]


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."
