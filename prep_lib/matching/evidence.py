"""Evidence: where a text says each key term, quoted as written and trimmed to its sentence.

``evidence`` finds, for each key term, the resume sentences that use it (at most two, each at
most ``MOST_CHARS`` characters around the term) and where in each the term is, so that the report
can mark it. ``places`` finds every place a text uses the key terms (to mark a posting).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from prep_lib.matching.sections import MARKUP

MOST_CHARS = 220
Span = tuple[int, int]
_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=[A-Z0-9\"“(])")
_BULLET = re.compile(r"^\s*(?:[-*•·+–—]|\d+[.)])\s|^\s*#")
WRAPPED = 8  # a line of this many words or more without end punctuation was wrapped


@dataclass(frozen=True)
class Quote:
    """Lines of a text quoting a term: ``text`` (one quote per line) and the (start, end) of
    the term in it, counted in ``text``."""

    text: str
    marks: tuple[Span, ...]


def resume_lines(text: str) -> tuple[list[int], list[str]]:
    """The resume's lines and where each starts. A line that continues a sentence wrapped by a
    PDF joins the one before: it starts in lower case, or the line before is long and ends
    without punctuation (and this one is no bullet or heading)."""
    starts: list[int] = []
    items: list[str] = []
    position = 0
    joinable = long_line = False
    for line in text.splitlines(keepends=True):
        clean = MARKUP.sub("", line).strip()
        if not clean:
            joinable = False
        elif joinable and (clean[0].islower() or (long_line and not _BULLET.match(line))):
            items[-1] = f"{items[-1]} {clean}"
        else:
            starts.append(position)
            items.append(clean)
        if clean:
            joinable = not items[-1].endswith((".", ":", ";", "!", "?"))
            long_line = len(clean.split()) >= WRAPPED
        position += len(line)
    return starts, items


def evidence(
    text: str,
    raws: Sequence[str],
    words: Sequence[str],
    spans: Sequence[Span],
    keys: Iterable[str],
    per_term: int = 2,
) -> dict[str, Quote]:
    """For each key term found in the resume, the (at most two) sentences that use it.

    ``raws``, ``words`` and ``spans`` are the resume's words as written, normalised, and where
    the piece of text holding each is (``Analyzer.tokens_with_spans``); ``keys`` the
    normalised terms to look for."""
    starts, items = resume_lines(text)
    found: dict[str, Quote] = {}
    for key, hits in places(text, raws, words, spans, keys).items():
        quotes: list[tuple[str, Span]] = []
        lines: list[int] = []
        for start, end in hits:
            line = bisect_right(starts, start) - 1
            if line < 0 or line in lines:
                continue
            lines.append(line)
            quotes.append(_sentence(items[line], text[start:end]))
            if len(quotes) == per_term:
                break
        joined, marks, at = [], [], 0
        for quote, (a, b) in quotes:
            joined.append(quote)
            if b > a:
                marks.append((at + a, at + b))
            at += len(quote) + 1
        found[key] = Quote("\n".join(joined), tuple(marks))
    return found


def places(
    text: str,
    raws: Sequence[str],
    words: Sequence[str],
    spans: Sequence[Span],
    keys: Iterable[str],
) -> dict[str, list[Span]]:
    """For each normalised term, the (start, end) in ``text`` of every use, as written."""
    at: dict[str, list[int]] = {}  # first word -> positions (a word may be "machine learning")
    for i, word in enumerate(words):
        at.setdefault(word.split(" ")[0], []).append(i)
    found: dict[str, list[Span]] = {}
    for key in keys:
        hits: list[Span] = []
        for i in at.get(key.split(" ")[0], ()):
            for size in (1, 2, 3):
                if " ".join(words[i : i + size]) == key:
                    hits.append(_written(text, raws, spans, i, i + size - 1))
                    break
        found[key] = hits
    return found


def _written(text: str, raws: Sequence[str], spans: Sequence[Span], first: int, last: int) -> Span:
    """Where words ``first`` to ``last`` are in ``text``, as exactly as the pieces allow."""
    start, end = spans[first][0], spans[last][1]
    left = text.find(raws[first].split(" ")[0], start, spans[first][1])
    last_raw = raws[last].split(" ")[-1]
    if first == last and left >= 0 and " " not in raws[first]:
        return left, left + len(last_raw)
    right = text.rfind(last_raw, spans[last][0], end)
    return (
        left if left >= 0 else start,
        right + len(last_raw) if right >= 0 and last_raw else end,
    )


def _sentence(item: str, written: str) -> tuple[str, Span]:
    """The sentence of ``item`` that holds ``written`` (trimmed to about ``MOST_CHARS``
    characters around it), and where ``written`` is in what is returned."""
    at = item.find(written) if written else -1
    if at < 0:
        flat = " ".join(written.split())
        at = item.find(flat)
        written = flat if at >= 0 else written
    if at < 0:
        return item[:MOST_CHARS] + ("…" if len(item) > MOST_CHARS else ""), (0, 0)
    begin, end = 0, len(item)
    for match in _SENTENCE.finditer(item):
        if match.end() <= at:
            begin = match.end()
        elif match.start() >= at + len(written):
            end = match.start()
            break
    cut_left = cut_right = False
    if end - begin > MOST_CHARS:
        room = max(0, (MOST_CHARS - len(written)) // 2)
        cut_left, cut_right = at - room > begin, at + len(written) + room < end
        begin, end = max(begin, at - room), min(end, at + len(written) + room)
    quote = item[begin:end]
    lead = len(quote) - len(quote.lstrip())
    quote = quote.strip()
    prefix, suffix = ("…" if cut_left else ""), ("…" if cut_right else "")
    start = len(prefix) + at - begin - lead
    return f"{prefix}{quote}{suffix}", (start, start + len(written))
