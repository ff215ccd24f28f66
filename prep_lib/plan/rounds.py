"""The application and the round a plan is for, read from the log; unknown ids are refused with a
``PlanError`` listing the ones there are."""

from __future__ import annotations

import datetime as dt
from typing import Any

from prep_lib.errors import PlanError
from prep_lib.log import InterviewLog


def application_info(log: InterviewLog, application_id: int) -> dict[str, Any]:
    """The application's row of ``log.applications()``."""
    apps = log.applications()
    found = apps[apps["id"] == application_id]
    if found.empty:
        raise PlanError(
            f"There is no application with id {application_id} in the log. Pick one of "
            f"{', '.join(map(str, apps['id'])) or 'none (start one at the top of the app)'}."
        )
    return {str(k): v for k, v in found.iloc[0].to_dict().items()}


def round_info(log: InterviewLog, application_id: int, round_id: int) -> dict[str, Any]:
    """The round's row of ``log.rounds()``, with its application's company and role."""
    rounds = log.rounds(application_id)
    found = rounds[rounds["id"] == round_id]
    if found.empty:
        names = (
            ", ".join(f"{r['name']} (id {r['id']})" for r in rounds.to_dict("records"))
            or "none yet"
        )
        raise PlanError(
            f"Round {round_id!r} is not a round of this application; its rounds are: {names}. "
            "Add the round in the interview log first (notebook 03, or tab 3 of the app)."
        )
    app = application_info(log, application_id)
    row = {str(k): v for k, v in found.iloc[0].to_dict().items()}
    return row | {"company": app["company"], "role": app["role"]}


def next_round(log: InterviewLog, application_id: int, today: dt.date | None = None) -> int | None:
    """The round to prepare for: the first one dated today or later, else the latest; None
    when the application has no rounds yet."""
    rounds = log.rounds(application_id).to_dict("records")  # in date order, undated last
    day = (today or dt.date.today()).isoformat()
    upcoming = [int(r["id"]) for r in rounds if r["date"] and r["date"] >= day]
    if upcoming:
        return upcoming[0]
    dated = [int(r["id"]) for r in rounds if r["date"]]
    return dated[-1] if dated else (int(rounds[-1]["id"]) if rounds else None)
