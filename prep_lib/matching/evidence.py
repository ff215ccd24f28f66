"""Evidence: the lines of a resume that prove each key term, quoted as the resume writes them."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence

from prep_lib.matching.sections import MARKUP


def resume_lines(text: str) -> tuple[list[int], list[str]]:
    """The resume's lines and where each starts (a line that continues a wrapped sentence joins
    the one before, as PDFs wrap them)."""
    starts: list[int] = []
    items: list[str] = []
    position = 0
    joinable = False
    for line in text.splitlines(keepends=True):
        clean = MARKUP.sub("", line).strip()
        if not clean:
            joinable = False
        elif joinable and clean[0].islower():
            items[-1] = f"{items[-1]} {clean}"
        else:
            starts.append(position)
            items.append(clean)
        if clean:
            joinable = not items[-1].endswith((".", ":", ";", "!", "?"))
        position += len(line)
    return starts, items


def evidence(
    text: str,
    words: Sequence[str],
    spans: Sequence[tuple[int, int]],
    keys: Iterable[str],
    per_term: int = 2,
) -> dict[str, str]:
    """For each key term found in the resume, the (at most two) resume lines that contain it.

    ``words`` and ``spans`` are the resume's normalised words and where each is in ``text``
    (``Analyzer.tokens_with_spans``); ``keys`` the normalised terms to look for.
    """
    starts, items = resume_lines(text)
    at: dict[str, list[int]] = {}  # first word -> positions (a word may be "machine learning")
    for i, word in enumerate(words):
        at.setdefault(word.split(" ")[0], []).append(i)
    found = {}
    for key in keys:
        lines: list[int] = []
        for i in at.get(key.split(" ")[0], ()):
            if any(" ".join(words[i : i + size]) == key for size in (1, 2, 3)):
                line = bisect_right(starts, spans[i][0]) - 1
                if line >= 0 and line not in lines:
                    lines.append(line)
                if len(lines) == per_term:
                    break
        found[key] = "\n".join(items[line] for line in lines)
    return found
