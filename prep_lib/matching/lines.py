"""Many postings read at once, one distinct line at a time.

Postings share many of their lines (a job board's headings, a trust's boilerplate, the same
requirement in several adverts), so a ``LineReader`` reads each distinct line once: what the
line says by itself (``sections.line_info``) and its words, without the sentences it cuts out
(pay, recruitment, equal opportunity). A batch of postings is then a list of line numbers:
``sections.line_kinds`` gives every line its part of the posting with numpy, and the words of
each part are gathered from the lines' words with numpy too. The result is the same as cutting
each posting with ``sections.layout`` and reading its parts, in a fraction of the time: on the
benchmark's 10,000 postings of real text, 1.5 million lines of which 1,690 distinct.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from prep_lib.matching.analyzer import Analyzer, ObjectArray
from prep_lib.matching.sections import (
    BODY,
    SKIPPED,
    Layout,
    LineArrays,
    LineInfo,
    job_title,
    line_info,
    line_kinds,
    read_header,
)
from prep_lib.matching.words import BoolArray, IntArray, verb_form

MOST_LINES = 200_000  # distinct lines remembered; past this the memory is cleared
PARTS = 3  # BODY, ESSENTIAL, DESIRABLE: the parts a posting's words are read in


class Read(NamedTuple):
    """The words of several postings, part by part (see ``vectors.Texts``), and what each
    posting says about itself (``Layout`` without pieces)."""

    ids: IntArray
    raws: ObjectArray
    doc: IntArray
    kind: IntArray
    capital: npt.NDArray[np.bool_]
    verb_form: npt.NDArray[np.bool_]  # written as a verb's past or third-person form
    layouts: list[Layout]
    initials: list[list[str]]  # words in capitals that abbreviate the employer's name


class Store(NamedTuple):
    """The lines a ``LineReader`` has read: per line, what ``line_kinds`` needs, whether a cut
    sentence starts or ends it, whether it names an employer, the first letters of its words in
    capitals (as bits), its first word and number of words; and all their words."""

    blank: BoolArray
    gap: BoolArray
    field: BoolArray
    label: BoolArray
    long: BoolArray
    details: BoolArray
    cut_first: BoolArray
    cut_last: BoolArray
    about: BoolArray
    named: BoolArray
    heading: IntArray
    letters: IntArray
    starts: IntArray
    sizes: IntArray
    ids: IntArray
    raws: ObjectArray
    capital: BoolArray
    verb_form: BoolArray

    def __add__(self, more: object) -> Store:
        """This store with ``more`` (a store of new lines) after it."""
        assert isinstance(more, Store)
        starts = more.starts + len(self.ids)
        parts = [np.concatenate([a, b]) for a, b in zip(self, more._replace(starts=starts),
                                                          strict=True)]  # fmt: skip
        return Store(*parts)


_NONE, _NO_IDS = np.zeros(0, dtype=bool), np.zeros(0, dtype=np.int64)
_EMPTY = Store(_NONE, _NONE, _NONE, _NONE, _NONE, _NONE, _NONE, _NONE, _NONE, _NONE, _NO_IDS,
               _NO_IDS, _NO_IDS, _NO_IDS, _NO_IDS, np.zeros(0, dtype=object), _NONE,
               _NONE)  # fmt: skip


class LineReader(dict[str, int]):
    """A number for each distinct line, its ``LineInfo`` and its words (the analyzer's)."""

    def __init__(self, analyzer: Analyzer) -> None:
        super().__init__()
        self.analyzer = analyzer
        self.clear()

    def clear(self) -> None:
        super().clear()
        self.infos: list[LineInfo] = []
        self._store = _EMPTY

    def __missing__(self, line: str) -> int:
        self.add([line])
        return self[line]

    def add(self, lines: Sequence[str]) -> None:
        """Read new lines (distinct, not read before)."""
        infos = [line_info(line) for line in lines]
        segments: list[str] = []  # the parts of each line that are read, between cut sentences
        owner: list[int] = []
        for number, (line, info) in enumerate(zip(lines, infos, strict=True)):
            at = 0
            for a, b in info.cuts:
                segments.append(line[at:a])
                at = b
            segments.append(line[at:])
            owner += [number] * (len(info.cuts) + 1)
        ids, raws, segment, capital = self.analyzer.chunk_tokens(segments)
        line_of = np.array(owner, dtype=np.int64)[segment]
        # Each segment opens with a break: a cut sentence ends a phrase. Breaks in a row
        # (common words, punctuation) are one break, the last one kept; none opens a line.
        opens = np.append(True, line_of[1:] != line_of[:-1])
        closes = np.append(line_of[1:] != line_of[:-1], True)
        following = np.append(ids[1:], 1)
        keep = ~((ids == 0) & (opens | ((following == 0) & ~closes)))
        ids, raws, capital, line_of = ids[keep], raws[keep], capital[keep], line_of[keep]
        words = self.analyzer.ids.words
        flags = np.array(
            [(info.blank, info.gap, bool(info.field), info.label, info.long, info.details,
              bool(info.cuts) and not line[: info.cuts[0][0]].strip(),
              bool(info.cuts) and not line[info.cuts[-1][1] :].strip(),
              bool(info.about), bool(info.named)) for line, info in zip(lines, infos, strict=True)],
            dtype=bool,
        ).reshape(-1, 10)  # fmt: skip
        starts = np.searchsorted(line_of, np.arange(len(lines)))
        verbs = [verb_form(r, words[i]) for i, r in zip(ids.tolist(), raws.tolist(), strict=True)]
        blank, gap, field, label, long, details, cut_first, cut_last, about, named = flags.T
        self._store = self._store + Store(
            blank, gap, field, label, long, details, cut_first, cut_last, about, named,
            heading=np.array([info.heading for info in infos], dtype=np.int64),
            letters=np.array([_letters(info.capitals) for info in infos], dtype=np.int64),
            starts=starts,
            sizes=np.append(starts[1:], len(ids)) - starts,
            ids=ids,
            raws=raws,
            capital=capital.astype(bool),
            verb_form=np.array(verbs, dtype=bool),
        )  # fmt: skip
        for line, info in zip(lines, infos, strict=True):
            self.infos.append(info)
            self[line] = len(self.infos) - 1

    def arrays(self) -> Store:
        """Every line read so far, as arrays."""
        return self._store

    def read(self, texts: Sequence[str], employers: Sequence[str] = ()) -> Read:
        """The words of ``texts`` (postings), by text and part, and what each says of itself.
        ``employers``: each text's employer's name when known ('' if not), besides any the
        text names itself."""
        if len(self) > MOST_LINES:  # bulk ranking of varied text: bounded memory
            self.clear()
        lines = [text.split("\n") for text in texts]
        flat = list(itertools.chain.from_iterable(lines))
        number = np.fromiter(map(self.get, flat, itertools.repeat(-1)), np.int64, len(flat))
        if (number < 0).any():
            new = np.flatnonzero(number < 0)
            self.add(list(dict.fromkeys(flat[i] for i in new.tolist())))
            number[new] = [self[flat[i]] for i in new.tolist()]
        counts = np.array([len(x) for x in lines], dtype=np.int64)
        first = np.cumsum(counts) - counts
        layouts = [Layout([]) for _ in texts]
        store = self.arrays()
        kind, header, heads = line_kinds(
            LineArrays(store.blank[number], store.field[number], store.heading[number],
                       store.label[number], store.long[number]),
            first,
        )  # fmt: skip
        kind = np.where(store.details[number], SKIPPED, kind)
        doc = np.repeat(np.arange(len(texts)), counts)
        # A header's "Title:" line reads as its value alone, in the body.
        source = number.copy()
        title = self._describe(flat, number, doc, header, heads, layouts, first, counts)
        source[title] = [self[self.infos[number[i]].value] for i in title.tolist()]
        kind[title] = BODY
        store = self.arrays()  # the titles may have added lines
        opens, closes = store.cut_first[source], store.cut_last[source]
        opens[title] = closes[title] = True
        # A phrase ends where the part does: at a line of another kind or kept apart.
        same = np.zeros(len(flat), dtype=bool)
        same[1:] = (doc[1:] == doc[:-1]) & (kind[1:] == kind[:-1]) & ~store.gap[source[:-1]]
        same[1:] &= ~closes[:-1] & ~opens[1:]
        read = np.flatnonzero(kind != SKIPPED)
        read = read[np.argsort(doc[read] * PARTS + kind[read], kind="stable")]
        groups = np.arange(len(texts) * PARTS)  # each part opens with a phrase break
        key = np.concatenate([groups, doc[read] * PARTS + kind[read]])
        order = np.argsort(key, kind="stable")
        is_line = order >= len(groups)
        line = read[np.maximum(order - len(groups), 0)] if len(read) else 0 * order
        lead = np.where(is_line, ~same[line], True).astype(np.int64)
        words = np.where(is_line, store.sizes[source[line]], 0)
        total = lead + words
        at = np.cumsum(total) - total
        ids = np.zeros(int(total.sum()), dtype=np.int64)
        raws = np.full(len(ids), "", dtype=object)
        capital = np.zeros(len(ids), dtype=bool)
        verbs = np.zeros(len(ids), dtype=bool)
        item = np.repeat(np.arange(len(order)), words)
        within = np.arange(len(item)) - np.repeat(np.cumsum(words) - words, words)
        target = at[item] + lead[item] + within
        origin = store.starts[source[line[item]]] + within
        ids[target] = store.ids[origin]
        raws[target] = store.raws[origin]
        capital[target] = store.capital[origin]
        verbs[target] = store.verb_form[origin]
        part = np.repeat(key[order], total)
        ids, raws, (part, capital, verbs), _ = self.analyzer.join_synonyms(
            ids, raws, [part, capital, verbs]
        )
        part = part.astype(np.int64)
        for found, employer in zip(layouts, employers, strict=False):
            if employer.strip():
                found.employer.append(employer)
        initials = self._initials(number, doc, layouts)
        return Read(ids, raws, part // PARTS, part % PARTS, capital.astype(bool),
                    verbs.astype(bool), layouts, initials)  # fmt: skip

    def _initials(self, number: IntArray, doc: IntArray, layouts: list[Layout]) -> list[list[str]]:
        """For each posting, its words in capitals that abbreviate its employer's name: "MFT"
        for "Manchester University NHS Foundation Trust" (its initials, in order, from the
        first). Only the lines with a word in capitals of the right first letter are looked at."""
        names = [[_name_initials(n) for n in found.employer] for found in layouts]
        wanted = np.array([_letters(found) for found in names], dtype=np.int64)
        letters = self._store.letters[number]
        found: list[set[str]] = [set() for _ in layouts]
        for i in np.flatnonzero(letters & wanted[doc] if len(doc) else []).tolist():
            for word in self.infos[number[i]].capitals:
                if any(n.startswith(word[0]) and _subsequence(word, n) for n in names[doc[i]]):
                    found[doc[i]].add(word)
        return [sorted(words) for words in found]

    def _describe(
        self,
        flat: list[str],
        number: IntArray,
        doc: IntArray,
        header: BoolArray,
        heads: BoolArray,
        layouts: list[Layout],
        first: IntArray,
        counts: IntArray,
    ) -> IntArray:
        """Fill in each posting's employer, location and title (``sections.layout`` does the
        same for one posting); return the header lines that give a title."""
        infos = self.infos
        titles = []
        for i in np.flatnonzero(header).tolist():
            info = infos[number[i]]
            read_header(info, layouts[doc[i]])
            if info.field == "title" and info.value:
                titles.append(i)
        about = self._store.about[number] & heads
        named = self._store.named[number]
        for i in np.flatnonzero(about | named).tolist():
            info = infos[number[i]]
            if about[i]:
                layouts[doc[i]].employer.append(info.about)
            layouts[doc[i]].employer += info.named
        for at, count, found in zip(first.tolist(), counts.tolist(), layouts, strict=True):
            if not found.title:
                found.title = job_title(flat[k] for k in range(at, at + count))
        return np.array(titles, dtype=np.int64)


@functools.lru_cache(maxsize=4096)
def _name_initials(name: str) -> str:
    """The initials of a name, in capitals: "MUNFT" for "Manchester University NHS Foundation
    Trust"."""
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w&'’-]*", name)).upper()


def _letters(words: Iterable[str]) -> int:
    """The first letters (A to Z) of ``words``, as bits."""
    bits = 0
    for word in words:
        if "A" <= word[:1] <= "Z":
            bits |= 1 << (ord(word[0]) - ord("A"))
    return bits


def _subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(ch in letters for ch in short)
