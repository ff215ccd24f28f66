"""The parts of a posting: headings, boilerplate, the employer's name and the job title.

``structure`` cuts a posting into pieces that weigh 1 (the job itself), ``BOILERPLATE_WEIGHT``
(benefits, about the company, how to apply, equal opportunity, details lines such as "Company ·
Place · Full time") or 0 (headings), and finds the employer's name where the posting states it
("About Larkspur Valley Health", "... is an equal opportunity employer"). ``title_endings`` gives
the terms that name the job on the first line, and ``title_of`` the first line itself.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence

from prep_lib.matching.analyzer import Analyzer
from prep_lib.matching.words import term_code

BOILERPLATE_WEIGHT = 0.2
Piece = tuple[int, int, float]  # (start, end, weight) of a part of a text

_HEADING_RE = re.compile(
    r"""^[ \t>]*(?:
          \#{1,6}[ \t]+(?P<md>[^\n]+?)[ \t#]*                    # ## Benefits
        | (?:\*\*|__)(?P<bold>[^\n*_]{1,80})(?:\*\*|__)[ \t]*:?[ \t]*  # **Benefits**
        | (?P<caps>[A-Z][A-Z0-9 &'’/,-]{1,50}[A-Z0-9]):?[ \t]*     # WHAT WE OFFER
        | (?P<label>[A-Za-z][^\n:.!?]{0,50}):[ \t]*(?P<rest>[^\n]*) # Benefits: (text may follow)
    )$""",
    re.M | re.X,
)
_BOILERPLATE_HEADING = re.compile(
    r"""^\W*(?:benefits?|perks?|what\ we\ offer|we\ offer|our\ offer|what\W?s\ in\ it\ for\ you
        |why\ (?:join|work)|compensation|pay|pay\ range|salary|total\ rewards
        |about\ (?!the\ role|this\ role|the\ job|this\ job|the\ position|you\b|your\b|the\ team)
        |who\ we\ are|our\ (?:company|culture|mission|story|values)|equal\b|eeo|diversity
        |how\ to\ apply|to\ apply|apply|application|next\ steps|disclaimer|legal
        |for\ (?:further|more)|further\ (?:details|information)|informal|enquiries
        |location|employer|date|url|closing|reference|contact|interview|job\ type|schedule
        |employment\ type|hours|working\ hours)\b""",
    re.I | re.X,
)
_BOILERPLATE_CUES = (  # searched in the lower-cased text
    "equal opportunit", "equal employment opportunit", "without regard to", "regardless of",
    "affirmative action", "reasonable accommodation", "e-verify", "everify", "benefit package",
    "benefits package",
)  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?\n]")
_ABOUT_NAME = re.compile(r"^\W*about\s+(?!us\b|the\b|our\b|this\b|you)(?P<name>.+)$", re.I)
_EOE_NAME = re.compile(
    r"(?P<name>(?:[A-Z][\w&.'’-]*\s+){0,4}[A-Z][\w&.'’-]*)\s+is\s+(?:an?\s+|proud\s+to\s+be\s+an?\s+)"
    r"equal\s+(?:employment\s+)?opportunity"
)
_DETAILS_SEPARATOR = re.compile(r"[ \t][·|][ \t]")


def structure(text: str) -> tuple[list[Piece], list[str]]:
    """The posting cut into (start, end, weight) pieces, and the employer's name as written.

    Headings weigh 0 ("What you bring" is not a skill; the title on the first line counts);
    sections under a boilerplate heading, "Benefits: ..." lines, lines of details such as
    "Company · Place · Full time" and sentences such as "... is an equal opportunity employer"
    weigh ``BOILERPLATE_WEIGHT``; everything else 1.
    """
    parts: list[Piece] = []
    names: list[str] = []
    start: int | None = None
    first_word = len(text) - len(text.lstrip())
    for match in _HEADING_RE.finditer(text):
        heading = match["md"] or match["bold"] or match["label"] or match["caps"] or ""
        boiler = bool(_BOILERPLATE_HEADING.match(heading))
        if match["caps"] and len(heading.split()) > 6:
            continue  # a long line in capitals is not a heading
        if match["label"] and match["rest"].strip():
            if boiler:  # "Benefits: medical, dental ..." - just this line
                parts.append((*match.span(), BOILERPLATE_WEIGHT))
            continue
        if about := _ABOUT_NAME.match(heading):
            names.append(about["name"])
        if first_word < match.start():
            parts.append((*match.span(), 0.0))
        if start is not None:
            parts.append((start, match.start(), BOILERPLATE_WEIGHT))
            start = None
        if boiler:
            start = match.end()
    if start is not None:
        parts.append((start, len(text), BOILERPLATE_WEIGHT))
    details = _DETAILS_SEPARATOR.finditer(text) if "·" in text or "|" in text else ()
    for separator in details:  # "Company · Place · Full time"
        begin = text.rfind("\n", 0, separator.start()) + 1
        end = text.find("\n", separator.end())
        if text[begin:end].strip()[:1] not in "·|•":  # not a bullet list
            parts.append((begin, end if end >= 0 else len(text), BOILERPLATE_WEIGHT))
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters grow when lower-cased: keep positions
        lowered = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    for cue_start, cue_end in _find_all(lowered, _BOILERPLATE_CUES):  # and the sentence around
        begin = max(text.rfind(mark, 0, cue_start) for mark in ".!?\n") + 1
        found = _SENTENCE_END.search(text, cue_end)
        end = found.end() if found else len(text)
        parts.append((begin, end, BOILERPLATE_WEIGHT))
        names += [m["name"] for m in _EOE_NAME.finditer(text, begin, end)]
    return _pieces(parts, len(text)), names


def _find_all(text: str, needles: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of each needle, in order (str.find is quick)."""
    found: list[tuple[int, int]] = []
    for needle in needles:
        at = text.find(needle)
        while at >= 0:
            found.append((at, at + len(needle)))
            at = text.find(needle, at + len(needle))
    return sorted(found)


def _pieces(parts: list[Piece], length: int) -> list[Piece]:
    """Non-overlapping pieces covering the text; where parts overlap, the smallest weight wins."""
    parts = sorted(p for p in parts if p[0] < p[1])
    if all(a[1] <= b[0] for a, b in itertools.pairwise(parts)):  # the usual case: no overlap
        pieces: list[Piece] = []
        end = 0
        for a, b, w in [*parts, (length, length, 1.0)]:
            for piece in ((end, a, 1.0), (a, b, w)):
                if piece[0] >= piece[1]:
                    continue
                if pieces and pieces[-1][2] == piece[2] and pieces[-1][1] == piece[0]:
                    pieces[-1] = (pieces[-1][0], piece[1], piece[2])
                else:
                    pieces.append(piece)
            end = b
        return pieces
    changes: dict[int, list[tuple[float, int]]] = {}
    for a, b, w in parts:
        if a < b:
            changes.setdefault(a, []).append((w, 1))
            changes.setdefault(b, []).append((w, -1))
    active: Counter[float] = Counter()  # how many parts of each weight cover the current piece
    pieces = []
    for a, b in itertools.pairwise(sorted({0, length, *changes})):
        for w, change in changes.get(a, ()):
            active[w] += change
        weight = min((w for w, n in active.items() if n > 0), default=1.0)
        if pieces and pieces[-1][2] == weight:
            pieces[-1] = (pieces[-1][0], b, weight)
        else:
            pieces.append((a, b, weight))
    return pieces


def title_endings(analyzer: Analyzer, texts: Sequence[str]) -> list[set[int]]:
    """For each text, the codes of the last two and three words of each part of its first line
    between punctuation: "Patient Access Manager, Outpatient Services" gives "Access Manager",
    "Patient Access Manager" and "Outpatient Services". They name the job, not a skill."""
    firsts = [next((line for line in text.splitlines() if line.strip()), "") for text in texts]
    ids, _, which, _ = analyzer.tokenize(firsts)
    endings: list[set[int]] = [set() for _ in texts]
    part: list[int] = []
    owner = 0
    for i, text in zip([*ids.tolist(), 0], [*which.tolist(), -1], strict=True):
        if i:
            part.append(i)
            owner = text
            continue
        endings[owner].update(term_code(part[-n:]) for n in (2, 3) if len(part) >= n)
        part = []
    return endings


# Markdown and bullet marks at the start of a line, and emphasis marks within it.
MARKUP = re.compile(r"^[\s>#*•·+\-–—]+|\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")


def title_of(text: str) -> str:
    """A posting's first line without its markup (at most 80 characters): its title."""
    for line in text.splitlines():
        line = MARKUP.sub("", line).strip()
        if line:
            return line if len(line) <= 80 else line[:79] + "…"
    return ""
