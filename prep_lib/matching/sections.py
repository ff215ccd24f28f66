"""The parts of a posting: its header, headings, requirements, boilerplate, employer and title.

``layout`` cuts a posting into pieces of four kinds:

- ``BODY``: the job itself (duties, the role, about you);
- ``ESSENTIAL`` and ``DESIRABLE``: requirements under must-have headings ("Essential", "Required",
  "What you bring", "You will have") and nice-to-have ones ("Desirable", "Preferred", "Nice to
  have"), as in the Essential and Desirable columns of a person specification;
- ``SKIPPED``: never read for terms: the header a job board puts first ("Employer: ...",
  "Salary: ..."), headings, sections under a boilerplate heading (benefits, "Our offer to you",
  "Living here", "About us", how to apply, contacts), lines such as "Hours: 30" and sentences
  about pay, recruitment or equal opportunity ("... per annum pro rata", "is an equal
  opportunity employer", "closing date").

It also finds what the posting says about itself: the employer's name (from the header, "About
Larkspur Valley Health" or "... is an equal opportunity employer"), the location and the title.
Headings are recognised by their form (Markdown, bold, capitals, a label ending in ":") or, for
a plain line, by their words. ``title_endings`` gives the terms that name the job.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from prep_lib.matching.analyzer import Analyzer
from prep_lib.matching.lexicon import lexicon
from prep_lib.matching.words import BoolArray, IntArray, english_frequencies, term_code

BODY, ESSENTIAL, DESIRABLE, SKIPPED = 0, 1, 2, 3
KIND_NAMES = {ESSENTIAL: "must-have", DESIRABLE: "nice-to-have"}
Piece = tuple[int, int, int]  # (start, end, kind) of a part of a text

_HEADER_FIELD = re.compile(
    r"(?P<field>title|employer|company|location|salary|pay|employment type|contract|hours"
    r"|date posted|posted|closing date|url|reference|job reference|band|grade|job type"
    r"|working pattern|staff group|specialty|department|site|town)[ \t]*:[ \t]*(?P<value>.*)",
    re.I,
)
_HEADING_RE = re.compile(
    r"""^[ \t>]*(?:
          \#{1,6}[ \t]+(?P<md>[^\n]+?)[ \t#]*                    # ## Benefits
        | (?:\*\*|__)(?P<bold>[^\n*_]{1,80})(?:\*\*|__)[ \t]*:?[ \t]*  # **Benefits**
        | (?P<caps>[A-Z][A-Z0-9 &'’/,-]{1,50}[A-Z0-9]):?[ \t]*     # WHAT WE OFFER
        | (?P<label>[A-Za-z][^\n:.!?]{0,50}):[ \t]*(?P<rest>[^\n]*) # Benefits: (text may follow)
        | (?P<plain>[A-Z][^\n.:;]{1,60}?)[ \t]*[?!…]*               # Our offer to you
    )$""",
    re.M | re.X,
)
_BOILERPLATE_HEADING = re.compile(
    r"""^\W*(?:benefits?|perks?|what\ we\ offer|we\ offer|our\ offer|what\W?s\ in\ it\ for\ you
        |why\ (?:join|work|choose)|why\ [\w’'&-]+\ ?\?|we\W?ll\ offer|what\ (?:we|can\ we)\ offer
        |in\ return|rewards?|compensation|pay|pay\ range|salary|total\ rewards|living\ (?:here|in)
        |the\ location|about\ (?!the\ role|this\ role|the\ job|this\ job|the\ position|you\b
        |your\b|the\ team)|who\ we\ are|our\ (?:company|culture|mission|story|values|vision)
        |working\ (?:for|at|with)\ us|equal\b|eeo|diversity|disability|how\ to\ apply|to\ apply
        |apply|application|next\ steps|what\ next|disclaimer|legal|please\ note|covid
        |for\ (?:further|more)|further\ (?:details|information)|additional\ information
        |informal|enquiries|location|employer|date|url|closing|reference|contact|interview
        |job\ type|schedule|employment\ type|hours|working\ hours)\b""",
    re.I | re.X,
)
_ESSENTIAL_HEADING = re.compile(
    r"""^\W*(?:essential|required|requirements|minimum|must[\ -]haves?|you\ (?:will|must)\ have
        |what\ you\ (?:will\ |'ll\ |’ll\ )?(?:need|bring)|qualifications|person\ specification
        |skills\ and\ experience|experience\ and\ qualifications)\b""",
    re.I | re.X,
)
_DESIRABLE_HEADING = re.compile(
    r"^\W*(?:desirable|preferred|nice[ -]to[ -]have|bonus|advantageous|ideally|it would be)\b",
    re.I,
)
_JOB_HEADING = re.compile(  # plain-line headings that start the job's own parts
    r"""^\W*(?:the\ role|about\ (?:the\ role|you|the\ job|this\ role)|job\ (?:purpose|summary
        |description)|main\ (?:duties|responsibilities)|key\ (?:duties|responsibilities|tasks)
        |responsibilities|duties|your\ day|what\ you(?:\ will|'ll|’ll)?\ do|role\ purpose
        |overview|summary)\b""",
    re.I | re.X,
)
_SKIP_CUES = (  # searched in the lower-cased text; the sentence around is skipped
    "equal opportunit", "equal employment opportunit", "without regard to", "regardless of",
    "affirmative action", "reasonable accommodation", "e-verify", "everify", "benefit package",
    "benefits package", "per annum", "pro rata", "pro-rata", "per hour", "closing date",
    "shortlist", "disclosure and barring", "dbs check", "click the link", "apply online",
    "certificate of sponsorship", "right to work", "disability confident", "mindful employer",
    "armed forces", "we welcome applications", "annual leave", "pension scheme", "nhs pension",
    "interviews will", "interview date", "invited to interview", "early closure",
    "agenda for change", "this post may attract", "recruitment premium",
)  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?\n]")
_ABOUT_NAME = re.compile(r"^\W*about\s+(?!us\b|the\b|our\b|this\b|you)(?P<name>.+)$", re.I)
_EOE_NAME = re.compile(
    r"(?P<name>(?:[A-Z][\w&.'’-]*\s+){0,4}[A-Z][\w&.'’-]*)\s+is\s+(?:an?\s+|proud\s+to\s+be\s+an?\s+)"
    r"equal\s+(?:employment\s+)?opportunity"
)
_DETAILS_SEPARATOR = re.compile(r"[ \t][·|][ \t]")
LONG_PARAGRAPH = 45  # words: prose this long after a list of requirements ends that list


@dataclass
class Layout:
    """A posting's pieces (``Piece``: start, end, kind) covering it, the employer's name as
    written (several spellings may be found), the location and the title (from the header, or
    the first line)."""

    pieces: list[Piece]
    employer: list[str] = field(default_factory=list)
    location: str = ""
    title: str = ""


NO_HEADING = -1
_MAILBOX = re.compile(r"([A-Za-z][A-Za-z0-9'’]*)[._-]([A-Za-z][A-Za-z'’]*)\d*@")  # jo.bloggs@
EVERYDAY = 10**-5.5  # a word rarer than this in everyday English is no everyday word
_CAPITALS = re.compile(r"\b[A-Z]{2,6}\b")  # words in capitals: perhaps the employer's initials


class LineInfo(NamedTuple):
    """What one line of a posting says by itself (``line_info``); the line's place in the
    posting decides the rest (``line_kinds``)."""

    blank: bool  # nothing but white space
    gap: bool  # nothing but spaces and tabs: a paragraph break
    field: str  # the header field it is ("title", "employer"...), lower case; '' if none
    value: str  # the header field's value
    heading: int  # the kind of section it heads (BODY...SKIPPED), or NO_HEADING
    label: bool  # a heading with text after it on the line ("Benefits: dental, vision")
    about: str  # the name in an "About Larkspur Valley Health" heading
    long: bool  # prose long enough to end a list of requirements (LONG_PARAGRAPH)
    details: bool  # "Company · Place · Full time"
    cuts: tuple[tuple[int, int], ...]  # sentences about pay, recruitment, equal opportunity
    named: tuple[str, ...]  # employers named in them ("... is an equal opportunity employer"),
    # and the people of its e-mail addresses
    capitals: tuple[str, ...]  # words in capitals
    clean: str  # the line without markup, stripped


def line_info(line: str) -> LineInfo:
    """The rules of the module's help that look at one line (without its newline)."""
    stripped = line.strip()
    field = _HEADER_FIELD.fullmatch(stripped)
    heading, label, about = NO_HEADING, False, ""
    match = _HEADING_RE.match(line) if stripped and (len(line) <= 90 or ":" in line[:60]) else None
    if match and (found := _heading_kind(match)):
        heading, name = found
        label = bool(match["label"] and match["rest"].strip())
        about_name = None if label else _ABOUT_NAME.match(name)
        about = about_name["name"] if about_name else ""
    cuts: list[tuple[int, int]] = []
    named: list[str] = []
    lowered = line.lower()
    if len(lowered) != len(line):  # a few letters grow when lower-cased: keep positions
        lowered = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in line)
    for cue_start, cue_end in _find_all(lowered, _SKIP_CUES):  # and the sentence around
        begin = max(line.rfind(mark, 0, cue_start) for mark in ".!?") + 1
        end_mark = _SENTENCE_END.search(line, cue_end)
        end = end_mark.end() if end_mark else len(line)
        cuts.append((begin, end))
        named += [m["name"] for m in _EOE_NAME.finditer(line, begin, end)]
    named += _people(line) if "@" in line else []
    return LineInfo(
        blank=not stripped,
        gap=not line.strip(" \t"),
        field=field["field"].lower() if field else "",
        value=field["value"].strip() if field else "",
        heading=heading,
        label=label,
        about=about,
        long=len(line.split()) > LONG_PARAGRAPH,
        details=bool(_DETAILS_SEPARATOR.search(line)) and stripped[:1] not in "·|•",
        cuts=_merged(cuts),
        named=tuple(named),
        capitals=tuple(sorted(set(_CAPITALS.findall(line)))),
        clean=MARKUP.sub("", line).strip(),
    )


def _people(line: str) -> list[str]:
    """The names of people in the e-mail addresses of a line: "Sharron Hodson" from
    sharron.hodson@...; each part three letters or more, and a first name or no everyday
    word ("necsu.consultants@" names nobody)."""
    first_names, frequencies = lexicon().first_names, english_frequencies()
    found = []
    for first, last in _MAILBOX.findall(line):
        rare = [frequencies.get(part.lower(), 0.0) < EVERYDAY for part in (first, last)]
        if min(len(first), len(last)) >= 3 and (first.lower() in first_names or all(rare)):
            found.append(f"{first.title()} {last.title()}")
    return found


def _merged(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return tuple(merged)


class LineArrays(NamedTuple):
    """Per line of several texts, in order: what ``line_kinds`` needs of each ``LineInfo``."""

    blank: BoolArray
    field: BoolArray  # a header field
    heading: IntArray
    label: BoolArray
    long: BoolArray

    @classmethod
    def of(cls, infos: Sequence[LineInfo]) -> LineArrays:
        return cls(
            np.array([i.blank for i in infos], dtype=bool),
            np.array([bool(i.field) for i in infos], dtype=bool),
            np.array([i.heading for i in infos], dtype=np.int64),
            np.array([i.label for i in infos], dtype=bool),
            np.array([i.long for i in infos], dtype=bool),
        )


def line_kinds(
    lines: LineArrays, first: IntArray, *, resume: bool = False
) -> tuple[IntArray, BoolArray, BoolArray]:
    """For the lines of many texts at once (text ``t`` starts at line ``first[t]``): each
    line's kind (``BODY``, ``ESSENTIAL``, ``DESIRABLE`` or ``SKIPPED``), whether it is in the
    header and whether it heads a section (see the module's help). Sentences a line cuts out
    (``LineInfo.cuts``), "Title:" values and details lines are left to the caller."""
    size = len(lines.blank)
    index = np.arange(size)
    ends = np.append(first[1:], size)
    start = np.repeat(first, ends - first)  # each line's text's first line
    # The header: one blank line may come first, then "Field: value" lines.
    lead = np.minimum(first + lines.blank[np.minimum(first, size - 1)] * (first < ends), ends)
    others = np.append(np.flatnonzero(~lines.field), size)
    stop = np.minimum(others[np.searchsorted(others, lead)], ends)
    lead_of, stop_of = np.repeat(lead, ends - first), np.repeat(stop, ends - first)
    header = (index >= lead_of) & (index < stop_of)
    heading = (lines.heading != NO_HEADING) & (index >= stop_of)
    if resume:
        kind = np.where(header | (heading & ~lines.label), SKIPPED, BODY)
        return kind, header, heading & ~lines.label
    heads = heading & ~lines.label
    title_line = heads & (stop_of == start) & (index == start)  # the title, first, no header
    kind = np.where(header | (heads & ~title_line), SKIPPED, BODY)
    label_kind = np.where(heading & lines.label, lines.heading, BODY)
    last = np.maximum.accumulate(np.where(heads, index, -1))
    before = np.append(-1, last[:-1])  # the last heading above each line
    governed = before >= start
    section = np.where(governed, lines.heading[np.maximum(before, 0)], BODY)
    listing = (section == ESSENTIAL) | (section == DESIRABLE)
    ended = np.cumsum(listing & lines.long & ~heads)  # long prose ends a list
    closed = ended - ended[np.maximum(before, 0)] > 0
    section = np.where(listing & closed, BODY, section)
    return np.maximum(np.maximum(kind, section), label_kind), header, heads


def layout(text: str, *, resume: bool = False) -> Layout:
    """The posting cut into pieces of each kind (see the module's help). Of a ``resume`` only
    the header and headings are skipped."""
    lines = text.split("\n")
    infos = [line_info(line) for line in lines]
    kinds, header, heads = line_kinds(
        LineArrays.of(infos), np.zeros(1, dtype=np.int64), resume=resume
    )
    found = Layout([], title=job_title(lines))
    parts: list[Piece] = []
    position = 0
    for line, info, kind, in_header, head in zip(
        lines, infos, kinds.tolist(), header.tolist(), heads.tolist(), strict=True
    ):
        end = min(position + len(line) + 1, len(text))
        spans = [(position, end, kind)]
        if in_header:
            read_header(info, found)
            if info.field == "title" and info.value:
                at = position + line.index(info.value)
                spans = [(position, at, SKIPPED), (at, at + len(info.value), BODY),
                         (at + len(info.value), end, SKIPPED)]  # fmt: skip
        elif head and info.about and not resume:
            found.employer.append(info.about)
        if not resume:
            if info.details:
                spans.append((position, end, SKIPPED))
            spans += [(position + a, position + b, SKIPPED) for a, b in info.cuts]
            found.employer += info.named
        parts += spans
        position = end
    found.pieces = _pieces(parts, len(text))
    return found


def read_header(info: LineInfo, found: Layout) -> None:
    """Note what a header line says about the posting: employer, location or title."""
    if info.field in ("employer", "company") and info.value:
        found.employer.append(info.value)
    elif info.field == "location":
        found.location = info.value
    elif info.field == "title" and info.value:  # the title counts (as a title, no key term)
        found.title = info.value


def _heading_kind(match: re.Match[str]) -> tuple[int, str] | None:
    """The kind of section a heading starts (None: not a heading) and its text."""
    name = match["md"] or match["bold"] or match["label"] or match["caps"] or match["plain"] or ""
    if match["caps"] and len(name.split()) > 6:
        return None  # a long line in capitals is not a heading
    kind = (
        SKIPPED
        if _BOILERPLATE_HEADING.match(name)
        else DESIRABLE
        if _DESIRABLE_HEADING.match(name)
        else ESSENTIAL
        if _ESSENTIAL_HEADING.match(name)
        else BODY
    )
    if match["plain"] and (
        len(name.split()) > 8 or (kind == BODY and not _JOB_HEADING.match(name))
    ):
        return None  # a short line of text, not a heading
    return kind, name


def _find_all(text: str, needles: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of each needle, in order (``in`` and ``str.find`` are
    far quicker here than one regular expression of all the needles)."""
    found: list[tuple[int, int]] = []
    for needle in needles:
        if needle not in text:
            continue
        at = text.find(needle)
        while at >= 0:
            found.append((at, at + len(needle)))
            at = text.find(needle, at + len(needle))
    return sorted(found)


def _pieces(parts: list[Piece], length: int) -> list[Piece]:
    """Non-overlapping pieces covering the text; where parts overlap, the larger kind wins
    (skipped over desirable over essential over body)."""
    changes: dict[int, list[tuple[int, int]]] = {}
    for a, b, kind in parts:
        if a < b:
            changes.setdefault(a, []).append((kind, 1))
            changes.setdefault(b, []).append((kind, -1))
    active = [0, 0, 0, 0]  # how many parts of each kind cover the current piece
    pieces: list[Piece] = []
    for a, b in itertools.pairwise(sorted({0, length, *changes})):
        for kind, change in changes.get(a, ()):
            active[kind] += change
        kind = max((k for k in range(4) if active[k] > 0), default=BODY)
        if pieces and pieces[-1][2] == kind:
            pieces[-1] = (pieces[-1][0], b, kind)
        else:
            pieces.append((a, b, kind))
    return pieces


def title_endings(analyzer: Analyzer, titles: Sequence[str]) -> list[set[int]]:
    """For each title, the codes of the last two and three words of each part of it between
    punctuation: "Patient Access Manager, Outpatient Services" gives "Access Manager",
    "Patient Access Manager" and "Outpatient Services". They name the job, not a skill."""
    ids, _, which, _ = analyzer.tokenize(list(titles))
    endings: list[set[int]] = [set() for _ in titles]
    part: list[int] = []
    owner = 0
    for i, text in zip([*ids.tolist(), 0], [*which.tolist(), -1], strict=True):
        if i:
            part.append(i)
            owner = text
            continue
        endings[owner].update(term_code(part[-n:]) for n in (1, 2, 3) if len(part) >= n)
        part = []
    return endings


# Markdown and bullet marks at the start of a line, and emphasis marks within it.
MARKUP = re.compile(r"^[\s>#*•·+\-–—]+|\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")


def job_title(lines: Iterable[str]) -> str:
    """The title a posting states, from its lines: its header's "Title:", or a first line that
    reads as a title (a heading, or a short line that is no sentence); '' when there is none."""
    first, title = "", None
    for line in lines:
        first = first or line.strip()
        if title is None and (clean := MARKUP.sub("", line).strip()):
            title = _title_text(clean)
        if first and title is not None:
            break
    title = title or ""
    short = len(title.split()) <= 8 and not first.endswith((".", "!", "?"))
    return title if first.startswith(("#", "**", "__", "Title:")) or short else ""


def title_of(text: str) -> str:
    """A posting's title: its header's "Title:" or its first line, without markup (at most 80
    characters)."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if clean := MARKUP.sub("", text[start:end]).strip():
            return _title_text(clean)
        start = end + 1
    return ""


def _title_text(clean: str) -> str:
    match = _HEADER_FIELD.fullmatch(clean)
    if match and match["field"].lower() == "title":
        clean = match["value"].strip()
    return clean if len(clean) <= 80 else clean[:79] + "…"
