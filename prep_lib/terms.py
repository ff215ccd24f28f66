"""Terms of job postings and resumes, and how much each term of a posting weighs.

Used by ``prep_lib.matching``; see its help for how the weights make the match score.

- **Words** keep the symbols skills are written with (C++, C#, .NET, Node.js, A/B, 401(k), P&L),
  are lower-cased, made singular and rewritten with the synonym list (``load_synonyms``); a
  canonical form of several words ("accounts payable", "machine learning") is one word, however
  it is written. Common function words, numbers, dates, e-mail and web addresses never count.
- **Terms** are single words and phrases of two or three words ("prior authorization", "point of
  service"). A phrase counts when the posting uses it twice, when the company's other postings or
  two reference postings use it, or when it is written as a name (two or three capitalised words
  in a row, "of" allowed between: "Power BI", "Lean Six Sigma"), but not when it is the job title
  on the first line or its ending ("Access Manager"), nor when one of its words is too common
  (see PHRASE_SHARE). A word used inside a phrase counts toward the phrase, not on its own. A
  resume is counted with the posting's phrases.
- **Weights**: ``idf × ln(1 + mentions)``. A mention under a boilerplate heading (benefits, about
  the company, how to apply), in a details line ("Company · Place · Full time") or in an
  equal-opportunity sentence counts ``BOILERPLATE_WEIGHT``; words of headings and of the
  employer's name do not count. ``idf = ln((1 + N) / (1 + N × s)) +
  1`` is scikit-learn's smoothed inverse document frequency, where ``s`` is the share of N
  postings that use the term: the reference postings shipped with the package plus the company's
  postings, and never less than its share in everyday English (wordfreq), so that words a small
  corpus never saw ("closely", "consider") still weigh little.

Each word gets a number (``WordIds``) and each term one integer (``term_code``), so that
``prep_lib.vectors`` counts many texts at once with numpy.
"""

from __future__ import annotations

import functools
import itertools
import math
import os
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from prep_lib.errors import MatchingError
from prep_lib.paths import user_path

DATA_DIR = Path(__file__).with_name("data")
REFERENCE_POSTINGS = DATA_DIR / "reference_postings.md"
BUILTIN_SYNONYMS = DATA_DIR / "synonyms.txt"
USER_SYNONYMS = "synonyms.txt"  # in the user's data folder
BOILERPLATE_WEIGHT = 0.2
EVERYDAY_WORDS = 2000  # each posting is taken to hold this many words of everyday English
# A phrase counts only when none of its words is used by PHRASE_SHARE or more of everyday texts
# ("know React" is not a phrase); a name's words must also be used by fewer than NAME_SHARE of the
# reference postings ("Preferred Qualifications" is not a name).
PHRASE_SHARE = 0.5
NAME_SHARE = 0.1

# --------------------------------------------------------------------------------------------
# Words

_TOKEN_RE = re.compile(
    r"""
      (                                                     # a word, as written:
        \.(?<![\w.]\.)[A-Za-z][A-Za-z0-9]*                   # .NET
      | (?=..?[/&])(?:[A-Za-z0-9]{1,2}(?:/[A-Za-z0-9]{1,2})+(?![\w/])  # A/B, CI/CD
                   |[A-Za-z]{1,2}&[A-Za-z]{1,2}(?![\w&]))    # P&L, R&D
      | [A-Za-z0-9][A-Za-z0-9+\#]*                           # C++, C#
        (?:[.'’][A-Za-z0-9][A-Za-z0-9+\#]*)*                 # Node.js, Bachelor's
        (?:\((?<=\d\()[a-z]\))?                               # 401(k)
      )
    | [.,;:!?()\[\]{}<>"“”|•·…–—/\\&+*=~]                  # punctuation ends a phrase
    | \n[ \t]*(?=\n|[^\w\s])                                # so does a blank line or a bullet
    | \s-\s
    """,
    re.VERBOSE,
)  # findall gives each word as written, and '' for a phrase break
_ADDRESS_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)[^\s<>\"]+")


def _without_addresses(text: str) -> str:
    """E-mail and web addresses blanked out (same length, so positions stay)."""
    if "@" not in text and "www." not in text and "://" not in text:
        return text
    return _ADDRESS_RE.sub(lambda m: "." + " " * (len(m[0]) - 1), text)


JOINER = "of"  # the one common word kept: it may sit inside a phrase ("point of service")
_JOB_WORDS = {  # in scikit-learn's list of common words, but job words here
    "back", "bill", "bottom", "call", "detail", "fill", "fire", "front", "full", "interest",
    "move", "name", "part", "show", "side", "six", "system", "top",
}  # fmt: skip
STOP_WORDS = frozenset(
    (ENGLISH_STOP_WORDS - _JOB_WORDS - {JOINER})
    | {"e.g", "i.e", "eg", "ie", "etc", "via", "per", "will", "can", "does", "did", "doing"}
    | {"including"}
)
_LETTER_WORDS = {"c", "r"}  # the single letters that are skills
_NUMBERED_TERM = re.compile(r"\.[a-z].*|\d+\([a-z]\)|\d+k|\d[dg]")  # .NET, 401(k), 401k, 3D, 5G
# Words whose meaning depends on capitals: "IT" is not "it", "Go" the language is not "go".
_CASED_WORDS = {"IT": "information technology", "Go": "golang", "GO": "golang"}
_NOT_PLURAL = ("ss", "us", "is")


def plain_word(raw: str) -> str:
    """A word as written, lower-cased, without a possessive 's, singular: "Clinics" → "clinic"."""
    word = raw.lower().replace("’", "'")
    if word in STOP_WORDS:
        return word
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 3 and word.isalpha() and word[-1] == "s" and not word.endswith(_NOT_PLURAL):
        if word.endswith("ies") and len(word) > 4:
            return word[:-3] + "y"
        if word.endswith(("sses", "xes", "ches", "shes")):
            return word[:-2]
        return word[:-1]
    return word


class _Cache(dict):
    """A value for each key, computed once by ``make``."""

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, key):
        value = self[key] = self.make(key)
        return value


ID_BITS = 21  # a term of up to three words is one integer: each word's id in 21 bits
MAX_WORDS = 1 << ID_BITS


class WordIds(dict):
    """A number for each normalised word, given the first time it is seen ('' is 0), and how
    rare each is in everyday English: ``inverse`` is Σ 1/f over its parts ("of" left out; inf
    when wordfreq does not know one, or it is a single letter that is a skill)."""

    def __init__(self):
        super().__init__({"": 0})
        self.words = [""]
        self._inverse = [0.0]
        self._array = np.zeros(1)

    def __missing__(self, word: str) -> int:
        if len(self.words) >= MAX_WORDS:
            raise MatchingError(
                f"More than {MAX_WORDS:,} different words were read in this session. Restart "
                "the notebook's kernel, then rank the postings in smaller groups."
            )
        frequencies = _english_frequencies()
        inverse = 0.0
        for part in word.split(" "):
            if part != JOINER:
                frequency = 0.0 if part in _LETTER_WORDS else frequencies.get(part, 0.0)
                inverse += 1 / frequency if frequency else math.inf
        self.words.append(word)
        self._inverse.append(inverse)
        value = self[word] = len(self.words) - 1
        return value

    @property
    def inverse(self) -> np.ndarray:
        """``inverse`` of every word so far, by id."""
        if len(self._array) < len(self._inverse):
            new = np.array(self._inverse[len(self._array) :])
            self._array = np.concatenate([self._array, new])
        return self._array

    def text(self, code: int) -> str:
        """A term's words, from its code (see ``term_code``)."""
        return " ".join(self.words[i] for i in term_ids(code))


def term_ids(code: int) -> list[int]:
    """The word ids of a term, from its code."""
    mask = MAX_WORDS - 1
    return [i for i in (code >> 2 * ID_BITS, (code >> ID_BITS) & mask, code & mask) if i]


def words_of(codes: np.ndarray) -> np.ndarray:
    """``term_ids`` of many codes, as rows of three (left-aligned, 0 where none)."""
    codes = np.asarray(codes, dtype=np.int64)
    length = 1 + (codes >= MAX_WORDS) + (codes >= MAX_WORDS**2)
    codes = codes << (3 - length) * ID_BITS  # the first word in the first place
    mask = MAX_WORDS - 1
    return np.stack([codes >> 2 * ID_BITS, (codes >> ID_BITS) & mask, codes & mask], axis=1)


def term_code(ids: Sequence[int]) -> int:
    """One integer for a term of one to three word ids; longer terms have larger codes."""
    code = 0
    for i in ids:
        code = (code << ID_BITS) | i
    return code


def mentions(ids: np.ndarray, joiner: int, in_phrases: np.ndarray | None = None) -> np.ndarray:
    """The code of each possible term starting at each word, as rows of (one word, two, three):
    words without a break (0) between them, not starting or ending with ``joiner`` ("of"); 0
    where none. ``in_phrases`` (one flag per word) leaves words out of two and three."""
    ends = np.where(ids == joiner, 0, ids)
    found = np.zeros((len(ids), 3), dtype=np.int64)
    found[:, 0] = ends
    if in_phrases is not None:
        ids = np.where(in_phrases, ids, 0)
        ends = np.where(in_phrases, ends, 0)
    after, end_after = np.append(ids[1:], 0), np.append(ends[1:], 0)
    end_two_after = np.append(ends[2:], [0, 0])[: len(ids)]
    pairs = (ends > 0) & (end_after > 0)
    found[pairs, 1] = ends[pairs] << ID_BITS | end_after[pairs]
    threes = (ends > 0) & (after > 0) & (end_two_after > 0)  # "of" may be in the middle
    found[threes, 2] = (ends[threes] << ID_BITS | after[threes]) << ID_BITS | end_two_after[threes]
    return found


def term_codes(ids: np.ndarray, joiner: int) -> set[int]:
    """The codes of every possible term in a text's word ids (see ``mentions``)."""
    return set(mentions(ids, joiner).ravel().tolist()) - {0}


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_PARAGRAPH = "\x00"  # stands for a blank line between paragraphs: a phrase break
_TEXT = "\x01"  # stands for the start of a text: a phrase break
_END_MARKS = frozenset(".,;:!?)")


class Tokens(NamedTuple):
    """The words of some texts, one entry per word in reading order: ``ids`` (0 = a phrase
    break), ``raws`` (as written), ``text`` (the text's number) and ``capital`` (written with a
    capital letter first)."""

    ids: np.ndarray
    raws: np.ndarray
    text: np.ndarray
    capital: np.ndarray


class Analyzer:
    """Turns text into normalised words, with synonyms applied; each word has an id (``ids``).

    A normalised word may hold a space: a synonym's canonical form of several words ("ML" →
    "machine learning") is one word, and so is that form written out ("Machine Learning").
    """

    def __init__(self, synonyms: Mapping[str, str]):
        self.synonyms = dict(synonyms)
        self._single: dict[str, str] = {}
        phrases: dict[tuple[str, ...], str] = {}
        self._words = _Cache(self._normalise)
        self._chunks = _Chunks(self)
        self.ids = WordIds()
        self.joiner = self.ids[JOINER]
        for variant, canonical in synonyms.items():
            key = tuple(self._normalise(raw, synonyms=False) for raw in _words_of(variant))
            value = " ".join(self._normalise(raw, synonyms=False) for raw in _words_of(canonical))
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
        for value in [*self._single.values(), *phrases.values(), *_CASED_WORDS.values()]:
            if " " in value:  # a canonical form of several words is one word however written
                phrases.setdefault(tuple(value.split(" ")), value)
        self._phrases = {
            tuple(map(self.ids.__getitem__, k)): self.ids[v] for k, v in phrases.items()
        }
        self._start_set = {key[0] for key in self._phrases}
        self._starts = np.array(sorted(self._start_set), dtype=np.int64)

    def _normalise(self, raw: str, *, synonyms: bool = True) -> str:
        if not raw or raw == _PARAGRAPH:
            return ""
        if raw in _CASED_WORDS:
            return _CASED_WORDS[raw]
        word = plain_word(raw)
        if (
            word in STOP_WORDS
            or "'" in word
            or (not word[0].isalpha() and not _NUMBERED_TERM.fullmatch(word))
            or (len(word) == 1 and word not in _LETTER_WORDS)
        ):
            return ""  # common words, numbers, dates, amounts ("1.7bn", "31st"), contractions
        return self._single.get(word, word) if synonyms else word

    def read_chunk(self, chunk: str) -> tuple[list[int], list[str]]:
        """The word ids of a run of text without spaces, and its words as written."""
        if chunk.isascii() and chunk.isalnum():
            raws = [chunk]  # the common cases, without the regex
        elif chunk[-1:] in _END_MARKS and chunk[:-1].isascii() and chunk[:-1].isalnum():
            raws = [chunk[:-1], ""]  # "word," "word."
        else:
            raws = _TOKEN_RE.findall(_without_addresses(chunk)) or [""]
        return [self.ids[self._words[raw]] for raw in raws], raws

    def tokenize(self, texts: Sequence[str]) -> Tokens:
        """The words of many texts; each text starts with a phrase break (id 0).

        Text is cut at spaces, and each distinct piece is read once: postings share most of
        them ("Python,", "(Cadence"), so bulk ranking reads each only the first time.
        """
        chunks = self._chunks
        if len(chunks) > 300_000:  # bulk ranking of varied text: bounded memory
            chunks.clear()
            self._words.clear()
        # One run of text: each text starts with a _TEXT chunk (a phrase break).
        joined = "".join(f" {_TEXT} {text.replace(_TEXT, ' ')}" for text in texts)
        found = _PARAGRAPH_BREAK.sub(f" {_PARAGRAPH} ", joined).split()
        which = np.fromiter(map(chunks.__getitem__, found), dtype=np.int64, count=len(found))
        all_ids, all_raws, all_capital, starts, sizes = chunks.arrays()
        per_chunk = sizes[which]
        ends = np.cumsum(per_chunk)
        at = np.repeat(starts[which] - (ends - per_chunk), per_chunk)
        at += np.arange(len(at))
        text = np.repeat(np.cumsum(which == chunks[_TEXT]) - 1, per_chunk)
        return Tokens(*self._join_synonyms(all_ids[at], all_raws[at], text, all_capital[at]))

    def _join_synonyms(self, ids, raws, *aligned, ends=None):
        """Replace each multi-word synonym ("MS Excel", "Machine Learning") by the id of its
        canonical form, from the left, three words before two. Each ``aligned`` array keeps
        the first entry of a replaced run; ``ends`` (returned last) keeps the last."""
        tail = () if ends is None else (ends,)
        runs = self._synonym_runs(ids, np.flatnonzero(np.isin(ids, self._starts)).tolist())
        if not runs:
            return ids, raws, *aligned, *tail
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
            tail = (ends,)
        return ids, raws, *(a[keep] for a in aligned), *tail

    def _synonym_runs(self, ids, candidates: list[int]) -> list[tuple[int, int, int]]:
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
        ids, raws, starts, ends = [], [], [], []
        start = 0
        for gap in [*_PARAGRAPH_BREAK.finditer(text), None]:
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
        found = self._join_synonyms(
            np.array(ids, dtype=np.int64),
            np.array(raws, dtype=object),
            np.array(starts, dtype=np.int64),
            ends=np.array(ends, dtype=np.int64),
        )
        words = self.ids.words
        spans = list(zip(found[2].tolist(), found[3].tolist(), strict=True))
        return found[1].tolist(), [words[i] for i in found[0].tolist()], spans


class _Chunks(dict):
    """A number for each run of text without spaces, and its words in flat arrays."""

    def __init__(self, analyzer: Analyzer):
        super().__init__()
        self.analyzer = analyzer
        self.clear()

    def clear(self):
        super().clear()
        self._ids: list[int] = []
        self._raws: list[str] = []
        self._starts: list[int] = []
        self._arrays = (
            np.zeros(0, np.int64),
            np.zeros(0, object),
            np.zeros(0, bool),
            np.zeros(0, np.int64),
        )

    def __missing__(self, chunk: str) -> int:
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

    def arrays(self) -> tuple[np.ndarray, ...]:
        """All chunks' word ids, words as written and capital flags (see ``Tokens``), each
        chunk's start in them and its number of words."""
        ids, raws, capital, starts = self._arrays
        if len(ids) < len(self._ids):  # add what was read since
            new_raws = self._raws[len(ids) :]
            ids = np.concatenate([ids, np.array(self._ids[len(ids) :], dtype=np.int64)])
            raws = np.concatenate([raws, np.array(new_raws, dtype=object)])
            capital = np.concatenate([capital, [_capital(raw) for raw in new_raws]])
            starts = np.concatenate([starts, np.array(self._starts[len(starts) :], np.int64)])
            self._arrays = ids, raws, capital.astype(bool), starts
        return ids, raws, capital, starts, np.diff(starts, append=len(ids))


def _capital(raw: str) -> bool:
    return "A" <= raw[:1] <= "Z"


def _words_of(text: str) -> list[str]:
    return [raw for raw in _TOKEN_RE.findall(text) if raw]


# --------------------------------------------------------------------------------------------
# Synonyms and the reference postings


def load_synonyms(path: str | os.PathLike | None = None) -> dict[str, str]:
    """The synonym list: the built-in one, then the user's own file on top of it.

    The user's file is ``synonyms.txt`` in their data folder (or ``path``), in the same format as
    the built-in ``prep_lib/data/synonyms.txt``: one ``variant = canonical form`` per line, ``#``
    starts a comment line. A missing user file is fine; a malformed line raises ``MatchingError``.
    """
    synonyms = _parse_synonyms(BUILTIN_SYNONYMS)
    own = Path(path).expanduser() if path is not None else user_path(USER_SYNONYMS)
    if own.is_file():
        synonyms.update(_parse_synonyms(own))
    elif path is not None:
        raise MatchingError(f"The synonym file {own} does not exist. Check the path.")
    return synonyms


def _parse_synonyms(path: Path) -> dict[str, str]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise MatchingError(
            f"The synonym file {path} cannot be read ({exc}). Save it as UTF-8 text."
        ) from None
    synonyms: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        variant, sep, canonical = (part.strip() for part in line.partition("="))
        if not sep or not variant or not canonical:
            raise MatchingError(
                f"Line {number} of the synonym file {path} is not 'variant = canonical form': "
                f"{line[:80]!r}. Fix or delete that line."
            )
        synonyms[variant] = canonical
    return synonyms


@functools.lru_cache(maxsize=4)
def _analyzer(synonym_items: tuple[tuple[str, str], ...]) -> Analyzer:
    return Analyzer(dict(synonym_items))


def analyzer_for(synonyms: Mapping[str, str] | None) -> Analyzer:
    """The analyzer for a synonym mapping; None means ``load_synonyms()``."""
    if synonyms is None:
        synonyms = load_synonyms()
    elif not isinstance(synonyms, Mapping):
        raise MatchingError("synonyms must be a mapping of variant to canonical form, or None.")
    return _analyzer(tuple(sorted(synonyms.items())))


def reference_postings() -> list[str]:
    """The short job ads shipped with the package, written to learn which words are common."""
    text = REFERENCE_POSTINGS.read_text(encoding="utf-8")
    return [part.strip() for part in re.split(r"^(?=# )", text, flags=re.M) if part.startswith("#")]


class DocFreq:
    """How many postings use each term (by code), and the idf that follows (see the module's
    help). ``extra`` counts the company's postings, on top of the reference postings."""

    def __init__(
        self,
        analyzer: Analyzer,
        counts: Mapping[int, int],
        n_docs: int,
        extra: Mapping[int, int] | None = None,
    ):
        self.analyzer, self.counts, self.n_docs = analyzer, counts, n_docs
        self._tables = [_sorted(counts)]
        if extra:
            self._tables.append(_sorted(extra))
        # phrases that two or more reference postings use, or any of the company's postings
        known = [k for k, n in counts.items() if n >= 2 and k >= MAX_WORDS]
        known += [k for k in extra or () if k >= MAX_WORDS]
        self.known_phrases = np.unique(np.array(known, dtype=np.int64))
        self._phrase_words = np.zeros(0, dtype=bool)

    def df(self, codes: np.ndarray) -> np.ndarray:
        """How many postings use each term."""
        found = np.zeros(len(codes), dtype=np.int64)
        for keys, values in self._tables:
            at = np.minimum(np.searchsorted(keys, codes), len(keys) - 1)
            found += np.where(keys[at] == codes, values[at], 0) if len(keys) else 0
        return found

    def everyday_share(self, codes: np.ndarray) -> np.ndarray:
        """The share of everyday texts of EVERYDAY_WORDS words expected to use each term.

        A phrase is as common as its words together (1 / Σ 1/f, as wordfreq estimates
        phrases); the single letters that are skills ("R", "C") are exempt.
        """
        inverse = self.analyzer.ids.inverse[words_of(codes)].sum(axis=1)
        with np.errstate(divide="ignore"):
            return np.where(inverse > 0, -np.expm1(-EVERYDAY_WORDS / inverse), 0.0)

    def idf(self, codes: np.ndarray) -> np.ndarray:
        """The idf of each term code."""
        n = self.n_docs
        share = np.maximum(self.df(codes) / n, self.everyday_share(codes))
        return np.log((1 + n) / (1 + n * share)) + 1

    def common_words(self, ids: np.ndarray, *, in_job_ads: float = 1.0) -> np.ndarray:
        """For each word id: whether it is too common to be part of a phrase (see PHRASE_SHARE
        and NAME_SHARE); "of" never is."""
        common = (self.df(ids) / self.n_docs >= in_job_ads) | (
            self.everyday_share(ids) >= PHRASE_SHARE
        )
        return common & (ids != self.analyzer.joiner)

    def phrase_words(self, ids: np.ndarray) -> np.ndarray:
        """For each word id: whether the word may be part of a phrase (see ``common_words``).
        Kept for every id up to the largest seen, unless that is far more than asked for."""
        have, size = len(self._phrase_words), int(ids.max()) + 1 if len(ids) else 0
        if size - have > 4 * len(ids):  # a few words of a session that has read many
            return ~self.common_words(ids)
        if have < size:
            more = ~self.common_words(np.arange(have, size, dtype=np.int64))
            self._phrase_words = np.concatenate([self._phrase_words, more])
        return self._phrase_words[ids]

    def with_documents(self, texts: Sequence[str]) -> DocFreq:
        """These frequencies with ``texts`` (the company's postings) counted too."""
        extra = _document_frequencies(self.analyzer, texts)
        return DocFreq(self.analyzer, self.counts, self.n_docs + len(texts), extra)


def _sorted(counts: Mapping[int, int]) -> tuple[np.ndarray, np.ndarray]:
    keys = np.array(sorted(counts), dtype=np.int64)
    return keys, np.array([counts[k] for k in keys.tolist()], dtype=np.int64)


@functools.cache
def _english_frequencies() -> dict[str, float]:
    import wordfreq

    return wordfreq.get_frequency_dict("en", wordlist="small")


def _document_frequencies(analyzer: Analyzer, texts: Sequence[str]) -> Counter:
    df: Counter = Counter()
    ids, _, which, _ = analyzer.tokenize(texts)
    starts = np.searchsorted(which, np.arange(len(texts) + 1))
    for a, b in itertools.pairwise(starts.tolist()):
        df.update(term_codes(ids[a:b], analyzer.joiner))
    return df


@functools.lru_cache(maxsize=4)
def reference_df(analyzer: Analyzer) -> DocFreq:
    """Document frequencies over the reference postings (computed once per analyzer)."""
    docs = reference_postings()
    return DocFreq(analyzer, _document_frequencies(analyzer, docs), len(docs))


# --------------------------------------------------------------------------------------------
# The parts of a posting

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


def _structure(text: str) -> tuple[list[tuple[int, int, float]], list[str]]:
    """The posting cut into (start, end, weight) pieces, and the employer's name as written.

    Headings weigh 0 ("What you bring" is not a skill; the title on the first line counts);
    sections under a boilerplate heading, "Benefits: ..." lines, lines of details such as
    "Company · Place · Full time" and sentences such as "... is an equal opportunity employer"
    weigh ``BOILERPLATE_WEIGHT``; everything else 1.
    """
    parts: list[tuple[int, int, float]] = []
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
    found = []
    for needle in needles:
        at = text.find(needle)
        while at >= 0:
            found.append((at, at + len(needle)))
            at = text.find(needle, at + len(needle))
    return sorted(found)


def _pieces(parts: list[tuple[int, int, float]], length: int) -> list[tuple[int, int, float]]:
    """Non-overlapping pieces covering the text; where parts overlap, the smallest weight wins."""
    parts = sorted(p for p in parts if p[0] < p[1])
    if all(a[1] <= b[0] for a, b in itertools.pairwise(parts)):  # the usual case: no overlap
        pieces: list[tuple[int, int, float]] = []
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
    active: Counter = Counter()  # how many parts of each weight cover the current piece
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


def _title_endings(analyzer: Analyzer, texts: Sequence[str]) -> list[set[int]]:
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
