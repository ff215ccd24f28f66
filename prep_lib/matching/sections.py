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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from prep_lib.matching.analyzer import Analyzer
from prep_lib.matching.words import term_code

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


def layout(text: str, *, resume: bool = False) -> Layout:
    """The posting cut into pieces of each kind (see the module's help). Of a ``resume`` only
    the headings are skipped."""
    parts: list[Piece] = []
    found = Layout([], title=_job_title(text))
    body_start = _header(text, found, parts)
    first_word = len(text) - len(text.lstrip())
    section: tuple[int, int] | None = None  # (start, kind) of the section being read
    for match in _headings(text, body_start):
        heading = _heading_kind(match)
        if heading is None:
            continue
        kind, name = heading
        if resume:  # a resume's headings are skipped, and nothing else
            if not match["label"] or not match["rest"].strip():
                parts.append((*match.span(), SKIPPED))
            continue
        if match["label"] and match["rest"].strip():
            if kind != BODY:  # "Benefits: medical, dental ..." - just this line
                parts.append((*match.span(), SKIPPED if kind == SKIPPED else kind))
            continue
        if about := _ABOUT_NAME.match(name):
            found.employer.append(about["name"])
        if body_start > 0 or match.start() > first_word:  # not the title on the first line
            parts.append((*match.span(), SKIPPED))
        _close(text, section, match.start(), parts)
        section = None
        if kind != BODY:
            section = (match.end(), kind)
    _close(text, section, len(text), parts)
    if resume:
        found.pieces = _pieces(parts, len(text))
        return found
    details = _DETAILS_SEPARATOR.finditer(text) if "·" in text or "|" in text else ()
    for separator in details:  # "Company · Place · Full time"
        begin = text.rfind("\n", 0, separator.start()) + 1
        end = text.find("\n", separator.end())
        if text[begin:end].strip()[:1] not in "·|•":  # not a bullet list
            parts.append((begin, end if end >= 0 else len(text), SKIPPED))
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters grow when lower-cased: keep positions
        lowered = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    for cue_start, cue_end in _find_all(lowered, _SKIP_CUES):  # and the sentence around
        begin = max(text.rfind(mark, 0, cue_start) for mark in ".!?\n") + 1
        end_mark = _SENTENCE_END.search(text, cue_end)
        end = end_mark.end() if end_mark else len(text)
        parts.append((begin, end, SKIPPED))
        found.employer += [m["name"] for m in _EOE_NAME.finditer(text, begin, end)]
    found.pieces = _pieces(parts, len(text))
    return found


def _header(text: str, found: Layout, parts: list[Piece]) -> int:
    """Read the "Field: value" lines a job board puts first; return where the body starts."""
    position = 0
    for line in text.splitlines(keepends=True):
        match = _HEADER_FIELD.fullmatch(line.strip())
        if not line.strip() and position == 0:
            position += len(line)
            continue
        if match is None:
            break
        name, value = match["field"].lower(), match["value"].strip()
        if name in ("employer", "company") and value:
            found.employer.append(value)
        elif name == "location":
            found.location = value
        if name == "title" and value:  # the title counts (as a title, not a key term)
            found.title = value
            start = position + line.index(value)
            parts += [
                (position, start, SKIPPED),
                (start + len(value), position + len(line), SKIPPED),
            ]
        else:
            parts.append((position, position + len(line), SKIPPED))
        position += len(line)
    return position


def _headings(text: str, start: int) -> Iterator[re.Match[str]]:
    """The lines from ``start`` that have the form of a heading, matched one line at a time
    (a regular expression anchored at every line is slow on long postings)."""
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end]
        if line.strip() and (len(line) <= 90 or ":" in line[:60]):
            match = _HEADING_RE.match(text, start, end)
            if match:
                yield match
        start = end + 1


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


def _close(text: str, section: tuple[int, int] | None, end: int, parts: list[Piece]) -> None:
    """End the section being read at ``end``; a list of requirements ends earlier, at the first
    long paragraph of prose after it."""
    if section is None:
        return
    start, kind = section
    if kind in (ESSENTIAL, DESIRABLE):
        for paragraph in re.finditer(r"[^\n]+", text[start:end]):
            if len(paragraph[0].split()) > LONG_PARAGRAPH and paragraph.start() > 0:
                end = start + paragraph.start()
                break
    parts.append((start, end, kind))


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


def _job_title(text: str) -> str:
    """The title a posting states: its header's "Title:", or a first line that reads as a title
    (a heading, or a short line that is no sentence); '' when there is none."""
    title = title_of(text)
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    short = len(title.split()) <= 8 and not first.endswith((".", "!", "?"))
    return title if first.startswith(("#", "**", "__", "Title:")) or short else ""


def title_of(text: str) -> str:
    """A posting's title: its header's "Title:" or its first line, without markup (at most 80
    characters)."""
    for line in text.splitlines():
        line = MARKUP.sub("", line).strip()
        if line:
            match = _HEADER_FIELD.fullmatch(line)
            if match and match["field"].lower() == "title":
                line = match["value"].strip()
            return line if len(line) <= 80 else line[:79] + "…"
    return ""
