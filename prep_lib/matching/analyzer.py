"""The analyzer: texts in, word ids out (normalised words with synonyms applied), fast.

Text is cut at spaces, and each distinct piece ("Python,", "(Cadence") is read once with the
tokeniser of ``prep_lib.matching.words`` and remembered: postings share most of their pieces, so
bulk ranking reads each only the first time, and the words of many texts come out as numpy
arrays in one step. An analyzer belongs to one ``TermEngine`` (``prep_lib.matching.engine``),
which drops it and starts a fresh one when its word numbers run out.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple, cast

import numpy as np
import numpy.typing as npt

from prep_lib.errors import MatchingError
from prep_lib.matching.lexicon import lexicon
from prep_lib.matching.words import (
    CASED_WORDS,
    ID_BITS,
    JOINER,
    LETTER_WORDS,
    MAX_WORDS,
    NUMBERED_TERM,
    STOP_WORDS,
    TOKEN_RE,
    IntArray,
    WordIds,
    english_frequencies,
    in_sorted,
    known_word,
    plain_word,
    split_words,
    without_addresses,
)

ObjectArray = npt.NDArray[np.object_]
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_PARAGRAPH = "\x00"  # stands for a blank line between paragraphs: a phrase break
_TEXT = "\x01"  # stands for the start of a text: a phrase break
_END_MARKS = frozenset(".,;:!?)")
MOST_CHUNKS = 300_000  # pieces remembered; past this the memory is cleared (bulk ranking)


class Tokens(NamedTuple):
    """The words of some texts, one entry per word in reading order: ``ids`` (0 = a phrase
    break), ``raws`` (as written), ``text`` (the text's number) and ``capital`` (written with a
    capital letter first)."""

    ids: IntArray
    raws: ObjectArray
    text: IntArray
    capital: npt.NDArray[np.bool_]


class Analyzer:
    """Turns text into normalised words, with synonyms applied; each word has an id (``ids``).

    A normalised word may hold a space: a synonym's canonical form of several words ("ML" →
    "machine learning") is one word, and so is that form written out ("Machine Learning").
    ``capacity`` is the most words it numbers (see ``WordIds``).
    """

    def __init__(self, synonyms: Mapping[str, str], *, capacity: int = MAX_WORDS) -> None:
        self.synonyms = dict(synonyms)
        self._single: dict[str, str] = {}
        phrases: dict[tuple[str, ...], str] = {}
        self._words: dict[str, str] = {}
        self._chunks = _Chunks(self)
        self.ids = WordIds(capacity)
        self.joiner = self.ids[JOINER]
        for variant, canonical in synonyms.items():
            key = tuple(self._normalise(raw, synonyms=False) for raw in split_words(variant))
            value = " ".join(self._normalise(raw, synonyms=False) for raw in split_words(canonical))
            if not 0 < len(key) <= 3 or not key[0] or not key[-1] or "" in value.split(" "):
                raise MatchingError(
                    f"The synonym {variant!r} = {canonical!r} cannot be used: each side needs "
                    "one to three words, and neither may begin or end with a common word or a "
                    "number (nor may the canonical form hold one). Fix or remove that line."
                )
            if len(key) == 1:
                self._single[key[0]] = value
            elif " ".join(key) != value:
                phrases[key] = value
        for value in [*self._single.values(), *phrases.values(), *CASED_WORDS.values()]:
            if " " in value:  # a canonical form of several words is one word however written
                phrases.setdefault(tuple(value.split(" ")), value)
        self._phrases = {
            tuple(map(self.ids.__getitem__, k)): self.ids[v] for k, v in phrases.items()
        }
        self._starts = np.array(sorted({key[0] for key in self._phrases}), dtype=np.int64)
        self._pairs = np.array(  # the first two words of each, as one code
            sorted({key[0] << ID_BITS | key[1] for key in self._phrases}), dtype=np.int64
        )

    def _normalise(self, raw: str, *, synonyms: bool = True) -> str:
        if not raw or raw == _PARAGRAPH:
            return ""
        if raw in CASED_WORDS:
            return CASED_WORDS[raw]
        word = plain_word(raw)
        if (
            word in STOP_WORDS
            or "'" in word
            or (not word[0].isalpha() and not NUMBERED_TERM.fullmatch(word))
            or (len(word) == 1 and word not in LETTER_WORDS)
        ):
            return ""  # common words, numbers, dates, amounts ("1.7bn", "31st"), contractions
        return self._single.get(word, word) if synonyms else word

    def word(self, raw: str) -> str:
        """A word as written, normalised ('' for a word that never counts)."""
        found = self._words.get(raw)
        if found is None:
            found = self._words[raw] = self._normalise(raw)
        return found

    def read_chunk(self, chunk: str) -> tuple[list[int], list[str]]:
        """The word ids of a run of text without spaces, and its words as written."""
        if chunk.isascii() and chunk.isalnum():
            raws = unglued(chunk)  # the common cases, without the regex
        elif chunk[-1:] in _END_MARKS and chunk[:-1].isascii() and chunk[:-1].isalnum():
            raws = [*unglued(chunk[:-1]), ""]  # "word," "word."
        else:
            raws = TOKEN_RE.findall(without_addresses(chunk)) or [""]
            raws = [part for raw in raws for part in unglued(raw)]
        return [self.ids[self.word(raw)] for raw in raws], raws

    def tokenize(self, texts: Sequence[str]) -> Tokens:
        """The words of many texts; each text starts with a phrase break (id 0)."""
        found = self.chunk_tokens(texts)
        ids, raws, (text, capital), _ = self.join_synonyms(
            found.ids, found.raws, [found.text, found.capital]
        )
        return Tokens(ids, raws, cast(IntArray, text), cast(npt.NDArray[np.bool_], capital))

    def chunk_tokens(self, texts: Sequence[str]) -> Tokens:
        """``tokenize`` before multi-word synonyms are joined."""
        chunks = self._chunks
        if len(chunks) > MOST_CHUNKS:  # bulk ranking of varied text: bounded memory
            chunks.clear()
            self._words.clear()
        # One run of text: each text starts with a _TEXT chunk (a phrase break).
        joined = "".join(f" {_TEXT} {text.replace(_TEXT, ' ')}" for text in texts)
        found = PARAGRAPH_BREAK.sub(f" {_PARAGRAPH} ", joined).split()
        which = np.fromiter(map(chunks.__getitem__, found), dtype=np.int64, count=len(found))
        all_ids, all_raws, all_capital, starts, sizes = chunks.arrays()
        per_chunk = sizes[which]
        ends = np.cumsum(per_chunk)
        at = np.repeat(starts[which] - (ends - per_chunk), per_chunk)
        at += np.arange(len(at))
        text = np.repeat(np.cumsum(which == chunks[_TEXT]) - 1, per_chunk)
        return Tokens(all_ids[at], all_raws[at], text, all_capital[at])

    def join_synonyms(
        self,
        ids: IntArray,
        raws: ObjectArray,
        aligned: Sequence[npt.NDArray[np.generic]],
        ends: IntArray | None = None,
    ) -> tuple[IntArray, ObjectArray, list[npt.NDArray[np.generic]], IntArray | None]:
        """Replace each multi-word synonym ("MS Excel", "Machine Learning") by the id of its
        canonical form, from the left, three words before two. Each ``aligned`` array keeps
        the first entry of a replaced run; ``ends`` keeps the last."""
        maybe = np.flatnonzero(np.isin(ids[:-1], self._starts, kind="table"))
        maybe = maybe[in_sorted(ids[maybe] << ID_BITS | ids[maybe + 1], self._pairs)]
        runs = self._synonym_runs(ids, maybe.tolist())
        if not runs:
            return ids, raws, list(aligned), ends
        keep = np.ones(len(ids), dtype=bool)
        for i, size, _ in runs:
            keep[i + 1 : i + size] = False
        first = np.array([i for i, _, _ in runs])
        last = np.array([i + size - 1 for i, size, _ in runs])
        joined = [" ".join(raws[i : i + size]) for i, size, _ in runs]
        ids, raws = ids[keep], raws[keep]
        moved = first - np.cumsum(~keep)[first]  # where each run's first word is now
        ids[moved] = [value for _, _, value in runs]
        raws[moved] = joined
        if ends is not None:
            last_end = ends[last]
            ends = ends[keep]
            ends[moved] = last_end
        return ids, raws, [a[keep] for a in aligned], ends

    def _synonym_runs(self, ids: IntArray, candidates: list[int]) -> list[tuple[int, int, int]]:
        """(position, words, canonical id) of each multi-word synonym starting at one of the
        ``candidates`` positions: from the left, three words before two."""
        runs: list[tuple[int, int, int]] = []
        done = 0
        for i in candidates:
            if i < done:
                continue
            following = [*ids[i : i + 3].tolist(), 0, 0] if len(ids) else []
            for size in (3, 2):
                value = self._phrases.get(tuple(following[:size]))
                if value:
                    runs.append((i, size, value))
                    done = i + size
                    break
        return runs

    def tokens(self, text: str) -> tuple[list[str], list[str]]:
        """The words of ``text`` as written and normalised, in step ('' = phrase break)."""
        found = self.tokenize([text])
        words = self.ids.words
        return found.raws[1:].tolist(), [words[i] for i in found.ids[1:].tolist()]

    def tokens_with_spans(self, text: str) -> tuple[list[str], list[str], list[tuple[int, int]]]:
        """Like ``tokens``, with the (start, end) of the piece of ``text`` each word is in."""
        ids: list[int] = []
        raws: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        start = 0
        for gap in [*PARAGRAPH_BREAK.finditer(text), None]:
            end = gap.start() if gap else len(text)
            for match in re.finditer(r"\S+", text[start:end]):
                chunk_ids, chunk_raws = self._chunks.words(match[0])
                ids += chunk_ids
                raws += chunk_raws
                starts += [start + match.start()] * len(chunk_ids)
                ends += [start + match.end()] * len(chunk_ids)
            if gap:
                ids.append(0)
                raws.append("")
                starts.append(gap.start())
                ends.append(gap.end())
                start = gap.end()
        joined_ids, joined_raws, (joined_starts,), joined_ends = self.join_synonyms(
            np.array(ids, dtype=np.int64),
            np.array(raws, dtype=object),
            [np.array(starts, dtype=np.int64)],
            ends=np.array(ends, dtype=np.int64),
        )
        assert joined_ends is not None
        words = self.ids.words
        spans: list[tuple[int, int]] = list(
            zip(joined_starts.tolist(), joined_ends.tolist(), strict=True)
        )
        return joined_raws.tolist(), [words[i] for i in joined_ids.tolist()], spans


class _Chunks(dict[str, int]):
    """A number for each run of text without spaces, and its words in flat arrays."""

    def __init__(self, analyzer: Analyzer) -> None:
        super().__init__()
        self.analyzer = analyzer
        self.clear()

    def clear(self) -> None:
        super().clear()
        self._ids: list[int] = []
        self._raws: list[str] = []
        self._starts: list[int] = []
        self._arrays: tuple[IntArray, ObjectArray, npt.NDArray[np.bool_], IntArray] = (
            np.zeros(0, np.int64),
            np.zeros(0, object),
            np.zeros(0, bool),
            np.zeros(0, np.int64),
        )

    def __missing__(self, chunk: str) -> int:
        """A new chunk: read it and number it. (``chunks[chunk]`` finds known ones in C.)"""
        ids, raws = self.analyzer.read_chunk(chunk)
        self._starts.append(len(self._ids))
        self._ids += ids
        self._raws += raws
        number = self[chunk] = len(self._starts) - 1
        return number

    def words(self, chunk: str) -> tuple[list[int], list[str]]:
        """(word ids, as written) of one chunk."""
        number = self[chunk]
        start = self._starts[number]
        end = self._starts[number + 1] if number + 1 < len(self._starts) else len(self._ids)
        return self._ids[start:end], self._raws[start:end]

    def arrays(
        self,
    ) -> tuple[IntArray, ObjectArray, npt.NDArray[np.bool_], IntArray, IntArray]:
        """All chunks' word ids, words as written and capital flags (see ``Tokens``), each
        chunk's start in them and its number of words."""
        ids, raws, capital, starts = self._arrays
        if len(ids) < len(self._ids):  # add what was read since
            new_raws = self._raws[len(ids) :]
            ids = np.concatenate([ids, np.array(self._ids[len(ids) :], dtype=np.int64)])
            raws = np.concatenate([raws, np.array(new_raws, dtype=object)])
            capital = np.concatenate([capital, [_capital(raw) for raw in new_raws]]).astype(bool)
            starts = np.concatenate([starts, np.array(self._starts[len(starts) :], np.int64)])
            self._arrays = ids, raws, capital, starts
        return ids, raws, capital, starts, np.diff(starts, append=len(ids))


GLUED = 7  # shortest run of letters that may be two words a scrape glued together
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_DATE_GLUE = re.compile(r"(on|in|by|at|from|to|until)(?=\d)", re.I)
_COMMON = 10**-5.5  # each part of lower-case glue is at least this common (zipf 3.5)


def unglued(raw: str) -> list[str]:
    """A word as written, or the words a scrape glued into it: "NameGareth" → "Name", "Gareth";
    "andwilling" → "and", "willing". Only words that neither everyday English nor the dictionary
    knows and that name no tool ("PowerPoint") are split; each part of a capitalised join has
    three letters or more."""
    if date := _DATE_GLUE.match(raw):  # "on16th"
        return [date[1], raw[date.end() :]]
    if len(raw) < GLUED - 1 or not raw.isalpha():
        return [raw]
    lowered = raw.lower()
    frequencies = english_frequencies()
    if lowered in frequencies or lowered in _tool_words() or known_word(lowered):
        return [raw]
    if not raw.islower():
        parts = _CAMEL.split(raw)
        if len(parts) > 1:
            return parts if min(map(len, parts)) >= 3 else [raw]
        if not (raw[0].isupper() and raw[1:].islower()):
            return [raw]  # "Londontraining" goes on: a capital, then glue in lower case
    if len(raw) < GLUED:
        return [raw]
    best, at = 0.0, 0
    lowered = raw.lower()
    for i in range(2, len(raw) - 2):
        share = min(frequencies.get(lowered[:i], 0.0), frequencies.get(lowered[i:], 0.0))
        if share > best and max(i, len(raw) - i) >= 4:
            best, at = share, i
    return [raw[:at], raw[at:]] if best >= _COMMON else [raw]


@functools.cache
def _tool_words() -> frozenset[str]:
    """The words of the shipped tool names, lower case ("powerpoint", "linkedin")."""
    return frozenset(w.lower() for name in lexicon().tools for w in name.split())


def _capital(raw: str) -> bool:
    return "A" <= raw[:1] <= "Z"
