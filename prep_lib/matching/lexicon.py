"""The word lists the matcher ships (``prep_lib/data``), read once: what words mean in job ads.

- ``onet_vocabulary.txt``: software, systems and tools, job titles and the phrases of duties
  (two words the task statements often use together), derived from O*NET 29.2
  (CC BY 4.0; its header gives the credit) by ``scripts/build_vocabulary.py``;
- ``qualifications.txt``: qualifications, registrations and licences (written for this project);
- ``not_skills.txt``: pay and terms of employment, recruitment, equal-opportunity and
  accreditation wording, and the generic words of job ads (written for this project);
- ``places.txt`` (GeoNames, CC BY 4.0), ``first_names.txt`` and ``surnames.txt`` (Faker, MIT):
  names of places and people, never key terms;
- ``spellings.txt``: British spellings and their American forms (breame, Apache 2.0);
- ``stop_words.txt``: common English words that never count (scikit-learn's list, BSD).

These are fixed data, the same for every engine; each ``TermEngine`` turns them into its own word
numbers (``prep_lib.matching.kinds``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
NOISE_KINDS = {
    "pay and terms of employment": "pay",
    "recruitment": "recruitment",
    "equal opportunity and accreditation": "equal opportunity",
    "generic words of job ads": "generic",
}


@dataclass(frozen=True)
class Lexicon:
    """The shipped word lists, as written (see the module's help)."""

    tools: tuple[str, ...]
    titles: tuple[str, ...]
    phrases: tuple[str, ...]  # two-word phrases of duties (O*NET task statements)
    duty_words: tuple[str, ...]  # words task statements use more than everyday English does
    qualifications: tuple[str, ...]
    noise: dict[str, tuple[str, ...]]  # kind (``NOISE_KINDS`` values) → words and phrases
    places: tuple[str, ...]
    first_names: frozenset[str]  # lower case
    surnames: frozenset[str]  # lower case
    spellings: dict[str, str]  # British → American, lower case


def _lines(name: str) -> list[str]:
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def common_words() -> frozenset[str]:
    """Common English words that never count as terms (``stop_words.txt``)."""
    return frozenset(_lines("stop_words.txt"))


@functools.cache
def lexicon() -> Lexicon:
    """The word lists, read from the package's data folder the first time."""
    found: dict[str, list[str]] = {"tool": [], "title": [], "phrase": [], "duty": []}
    for line in _lines("onet_vocabulary.txt"):
        kind, _, name = line.partition("\t")
        found[kind].append(name)
    noise: dict[str, list[str]] = {kind: [] for kind in NOISE_KINDS.values()}
    current = ""
    for line in _lines("not_skills.txt"):
        heading = re.fullmatch(r"\[(.+)\]", line)
        if heading:
            current = NOISE_KINDS[heading[1]]
        elif current:
            noise[current].append(line)
    spellings = dict(line.split() for line in _lines("spellings.txt"))
    return Lexicon(
        tools=tuple(found["tool"]),
        titles=tuple(found["title"]),
        phrases=tuple(found["phrase"]),
        duty_words=tuple(found["duty"]),
        qualifications=tuple(_lines("qualifications.txt")),
        noise={kind: tuple(words) for kind, words in noise.items()},
        places=tuple(_lines("places.txt")),
        first_names=frozenset(name.lower() for name in _lines("first_names.txt")),
        surnames=frozenset(name.lower() for name in _lines("surnames.txt")),
        spellings=spellings,
    )
