"""The plan's words: question bank, common second-round questions, checklist, thank-you templates,
company-research topics, and the letters before and after a round.

They live in ``prep_lib/data/plan_content.toml``, which can be edited; ``load_content`` reads and
checks it, naming the entry at fault when something is missing.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prep_lib.errors import PlanError

CONTENT_PATH = Path(__file__).resolve().parent.parent / "data" / "plan_content.toml"
# The kinds of interviewer a question can suit (see ``prep_lib.plan.questions.interviewer_kind``).
KINDS = ("hr", "manager", "leader", "peer", "report")
# The pieces of the letters before and after a round (see ``prep_lib.plan.letters``).
LETTER_KEYS = (
    "reply_subject", "reply_opening", "reply_ask_agenda", "reply_ask_prepare", "reply_ask_task",
    "reply_closing", "follow_up_subject", "follow_up_opening", "follow_up_no_news",
    "follow_up_closing",
)  # fmt: skip


@dataclass(frozen=True)
class Content:
    """The editable words of the plan (see ``prep_lib/data/plan_content.toml``)."""

    questions: tuple[dict[str, Any], ...]
    common: tuple[dict[str, Any], ...]
    checklist: tuple[dict[str, Any], ...]
    thank_you: tuple[dict[str, Any], ...]
    research: tuple[dict[str, Any], ...]
    letters: dict[str, str]


def load_content(path: str | Path | None = None) -> Content:
    """Read and check the plan's words; a malformed file raises ``PlanError`` naming the entry."""
    path = Path(path) if path else CONTENT_PATH
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PlanError(f"Cannot read the plan's words from {path.name}: {exc}.") from None
    needs = {
        "questions": ("text", "category", "fits"),
        "common": ("key", "text", "cues", "advice"),
        "checklist": ("text", "when"),
        "thank_you": ("subject", "body"),
        "research": ("topic", "label", "question", "fits"),
    }
    for table, fields in needs.items():
        items = raw.get(table)
        if not isinstance(items, list) or not items:
            raise PlanError(f"{path.name} has no [[{table}]] entries; restore the file.")
        for number, item in enumerate(items, start=1):
            missing = [f for f in fields if not isinstance(item, dict) or f not in item]
            if missing:
                raise PlanError(
                    f"{path.name}: [[{table}]] entry {number} lacks {', '.join(missing)}."
                )
    for table in ("questions", "research"):
        for number, item in enumerate(raw[table], start=1):
            unknown = set(item["fits"]) - {*KINDS, "any"}
            if unknown:
                raise PlanError(
                    f"{path.name}: [[{table}]] entry {number} fits unknown kinds "
                    f"{', '.join(sorted(unknown))}; use {', '.join(KINDS)} or any."
                )
    letters = raw.get("letters")
    missing = [k for k in LETTER_KEYS if not isinstance(letters, dict) or k not in letters]
    if missing:
        raise PlanError(f"{path.name}: [letters] lacks {', '.join(missing)}; restore the file.")
    assert isinstance(letters, dict)
    return Content(
        questions=tuple(raw["questions"]),
        common=tuple(raw["common"]),
        checklist=tuple(raw["checklist"]),
        thank_you=tuple(raw["thank_you"]),
        research=tuple(raw["research"]),
        letters={str(k): str(v) for k, v in letters.items()},
    )
