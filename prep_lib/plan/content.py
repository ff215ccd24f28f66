"""The plan's words: question bank, common second-round questions, checklist, thank-you templates.

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


@dataclass(frozen=True)
class Content:
    """The editable words of the plan (see ``prep_lib/data/plan_content.toml``)."""

    questions: tuple[dict[str, Any], ...]
    common: tuple[dict[str, Any], ...]
    checklist: tuple[dict[str, Any], ...]
    thank_you: tuple[dict[str, Any], ...]


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
    for number, item in enumerate(raw["questions"], start=1):
        unknown = set(item["fits"]) - {*KINDS, "any"}
        if unknown:
            raise PlanError(
                f"{path.name}: [[questions]] entry {number} fits unknown kinds "
                f"{', '.join(sorted(unknown))}; use {', '.join(KINDS)} or any."
            )
    return Content(*(tuple(raw[t]) for t in needs))
