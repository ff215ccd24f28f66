"""Words: how text is cut into words, how a word is normalised, and the integer codes of terms.

- **Words** keep the symbols skills are written with (C++, C#, .NET, Node.js, A/B, 401(k), P&L),
  are lower-cased, spelt the American way and put in their dictionary form by lemminflect's
  dictionary (``plain_word``: "organisations", "organization" → "organization"; "managed",
  "managing" → "manage"), not by a stemmer, which would make "accountant" "account". Common
  function words (``STOP_WORDS``), numbers, dates, e-mail and web addresses never count.
- **Terms** are one to three words in a row. Each word gets a number (``WordIds``) and each
  term one integer (``term_code``: its words' numbers in ``ID_BITS`` bits each), so that
  ``prep_lib.matching.vectors`` counts many texts at once with numpy.

The tokeniser is a regular expression of our own, not scikit-learn's ``CountVectorizer``, whose
token pattern splits "C++", "C#", ".NET", "A/B" and "401(k)"; run once per distinct piece of text
(``prep_lib.matching.analyzer``), it turned the 10,000 postings of the benchmark corpus into word
numbers in 1.0 s, against 1.4 s for ``CountVectorizer().fit_transform`` on the same texts.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import math
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from prep_lib.errors import MatchingError
from prep_lib.matching.lexicon import common_words, lexicon

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

TOKEN_RE = re.compile(
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
_ADDRESS_RE = re.compile(r"[\w.+'’-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)[^\s<>\"]+")


def without_addresses(text: str) -> str:
    """E-mail and web addresses blanked out (same length, so positions stay)."""
    if "@" not in text and "www." not in text and "://" not in text:
        return text
    return _ADDRESS_RE.sub(lambda m: "." + " " * (len(m[0]) - 1), text)


def split_words(text: str) -> list[str]:
    """The words of ``text`` as written, without phrase breaks."""
    return [raw for raw in TOKEN_RE.findall(text) if raw]


JOINER = "of"  # the one common word kept: it may sit inside a phrase ("point of service")
_JOB_WORDS = {  # in the list of common words (scikit-learn's), but job words here
    "back", "bill", "bottom", "call", "detail", "fill", "fire", "front", "full", "interest",
    "move", "name", "part", "show", "side", "six", "system", "top",
}  # fmt: skip
STOP_WORDS = frozenset(
    (common_words() - _JOB_WORDS - {JOINER})
    | {"e.g", "i.e", "eg", "ie", "etc", "via", "per", "will", "can", "does", "did", "doing"}
    | {"including"}
)
LETTER_WORDS = frozenset({"c", "r"})  # the single letters that are skills
NUMBERED_TERM = re.compile(r"\.[a-z].*|\d+\([a-z]\)|\d+k|\d[dg]")  # .NET, 401(k), 401k, 3D, 5G
# Words whose meaning depends on capitals: "IT" is not "it", "Go" the language is not "go".
CASED_WORDS = {"IT": "information technology", "Go": "golang", "GO": "golang"}
_NOT_PLURAL = ("ss", "us", "is")
PLURAL_IN_USE = 1e-6  # zipf 3: a plural this common shows a word used as a noun


def plain_word(raw: str) -> str:
    """A word as written in its dictionary form, American spelling: lower case, no possessive
    's, singular for a noun, the base form for a verb that is no noun ("managing" → "manage",
    "Organisations" → "organization", "Clinics" → "clinic")."""
    word = raw.lower().replace("’", "'")
    if word in STOP_WORDS:
        return word
    if word.endswith("'s"):
        word = word[:-2]
    spellings = lexicon().spellings
    word = spellings.get(word, word)
    if len(word) > 2 and word.isalpha():
        readings = _readings(word)
        for part in ("NOUN", "VERB"):
            if part in readings:
                forms = readings[part]
                return spellings.get(forms[0], forms[0]) if word not in forms else word
        if readings:
            return word  # an adjective or adverb
    if len(word) > 3 and word.isalpha() and word[-1] == "s" and not word.endswith(_NOT_PLURAL):
        if word.endswith("ies") and len(word) > 4:
            return word[:-3] + "y"
        if word.endswith(("sses", "xes", "ches", "shes")):
            return word[:-2]
        return word[:-1]
    return word


@functools.lru_cache(maxsize=1 << 17)
def _readings(word: str) -> dict[str, tuple[str, ...]]:
    """The dictionary forms of a lower-case word by part of speech, as
    ``lemminflect.getAllLemmas`` gives them (remembered; read only)."""
    readings: dict[str, tuple[str, ...]] = {}
    entry = _dictionary().get(word)
    for reading in entry.split(";") if entry else ():
        category, forms = reading.split(",")
        part = "AUX" if category == "modal" else category.upper()
        readings[part] = tuple(forms.lower().split("/"))
    return readings


@functools.cache
def _dictionary() -> dict[str, str]:
    """lemminflect's dictionary of word forms, read from its own files (``lemma_lu.csv.gz``, then
    its overrides; lines of "word,part of speech,forms" as its ``LemmaLUCodec`` reads them): each
    word's readings as written, "noun,form;verb,form/form", read into a dict by ``_readings``
    when looked up. Read here rather than through ``lemminflect.getAllLemmas``, whose import,
    loader and copy of each entry looked up took 0.6 s of a notebook's start (the matcher looks
    up ~19,000 words when it starts) against 0.1 s; a test checks both agree on every word."""
    folder = _package_folder("lemminflect") / "resources"
    lines = gzip.decompress((folder / "lemma_lu.csv.gz").read_bytes()).decode().splitlines()
    overrides = (folder / "lemma_overrides.csv").read_text(encoding="utf-8").splitlines()
    entries: dict[str, str] = {}
    for line in lines + [o.strip() for o in overrides if o.strip() and o[0] != "#"]:
        word, _, reading = line.partition(",")
        entries[word] = entries[word] + ";" + reading if word in entries else reading
    return entries


def _package_folder(name: str) -> Path:
    """The folder of an installed package, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise MatchingError(f"The {name} package is missing: reinstall prep-lib.")
    return Path(next(iter(spec.submodule_search_locations)))


def known_word(word: str) -> bool:
    """Whether the dictionary knows a (lower-case) word."""
    return bool(_readings(word))


def verb_form(raw: str, word: str) -> bool:
    """Whether a word as written is a verb's past or third-person form of its dictionary form
    ``word``: "outlined", "registered", "Excels" (not "needs", a noun too, nor "training")."""
    lower = raw.lower()
    if lower == word or not lower.isalpha() or not lower.endswith(("ed", "s")):
        return False
    readings = _readings(lower)
    return "VERB" in readings and (lower.endswith("ed") or "NOUN" not in readings)


def word_readings(word: str) -> tuple[bool, bool, bool, bool]:
    """Whether a normalised word can be a verb, can modify a noun (a noun or an adjective), can
    be a noun and can be an adjective or adverb, by the dictionary; a word it does not know may
    be a noun or modify one."""
    readings = _readings(word) if word.isalpha() else {}
    if not readings:
        return False, bool(word), bool(word), False
    noun = "NOUN" in readings or "PROPN" in readings
    modifier = "ADJ" in readings or "ADV" in readings
    return "VERB" in readings, noun or "ADJ" in readings, noun, modifier


def no_noun(word: str) -> bool:
    """Whether a normalised word is used as a verb, adjective or adverb rather than a noun: the
    dictionary knows it only so ("ensure", "ideally"), or as an adjective or adverb whose plural
    is rare in everyday English ("internal", "monthly"; but "patients" is common). Unknown words
    (names, jargon) may be nouns."""
    readings = _readings(word) if word.isalpha() else {}
    if not readings or "PROPN" in readings:
        return False
    if "NOUN" not in readings:
        return True
    if "ADJ" in readings or "ADV" in readings:
        plural = word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")
        return english_frequencies().get(plural, 0.0) < PLURAL_IN_USE
    return False


@functools.cache
def english_frequencies() -> dict[str, float]:
    """How often each word is used in everyday English: wordfreq's small English list, read from
    its own file (the "cBpack" format documented in ``wordfreq.read_cBpack``: after a header,
    the words of each frequency band, one band per centibel) rather than through
    ``wordfreq.get_frequency_dict``, whose import took 0.09 s of a notebook's start against
    0.01 s here; a test checks both agree."""
    import msgpack

    path = _package_folder("wordfreq") / "data" / "small_en.msgpack.gz"
    header, *bands = msgpack.unpackb(gzip.decompress(path.read_bytes()), raw=False)
    if header != {"format": "cB", "version": 1}:
        raise MatchingError(f"wordfreq's word list has a format this version cannot read: {header}")
    return {word: 10 ** (-band / 100) for band, words in enumerate(bands) for word in words}


ID_BITS = 21  # a term of up to three words is one integer: each word's id in 21 bits
MAX_WORDS = 1 << ID_BITS


class WordSpaceFull(MatchingError):
    """Raised when a ``WordIds`` has numbered as many words as it can hold. The term engine
    catches it and starts afresh (``prep_lib.matching.engine``); a user never sees it."""


class WordIds(dict[str, int]):
    """A number for each normalised word, given the first time it is seen ('' is 0), and how
    rare each is in everyday English: ``inverse`` is Σ 1/f over its parts ("of" left out; inf
    when wordfreq does not know one, or it is a single letter that is a skill).

    At most ``capacity`` words (``MAX_WORDS``, the most a term code can hold): the next new
    word raises ``WordSpaceFull``."""

    def __init__(self, capacity: int = MAX_WORDS) -> None:
        super().__init__({"": 0})
        self.capacity = min(capacity, MAX_WORDS)
        self.words = [""]
        self._inverse = [0.0]
        self._array = np.zeros(1)

    def __missing__(self, word: str) -> int:
        if len(self.words) >= self.capacity:
            raise WordSpaceFull(f"More than {self.capacity:,} different words.")
        frequencies = english_frequencies()
        inverse = 0.0
        for part in word.split(" "):
            if part != JOINER:
                frequency = 0.0 if part in LETTER_WORDS else frequencies.get(part, 0.0)
                inverse += 1 / frequency if frequency else math.inf
        self.words.append(word)
        self._inverse.append(inverse)
        value = self[word] = len(self.words) - 1
        return value

    @property
    def inverse(self) -> FloatArray:
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


def words_of(codes: IntArray) -> IntArray:
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


def mentions(ids: IntArray, joiner: int, in_phrases: BoolArray | None = None) -> IntArray:
    """The code of each possible term starting at each word, as rows of (one word, two, three):
    words without a break (0) between them, not starting or ending with ``joiner`` ("of"); 0
    where none. ``in_phrases`` (one flag per word) leaves words out of two and three."""
    ends = np.where(ids == joiner, 0, ids)
    single = ends
    if in_phrases is not None:
        ids = np.where(in_phrases, ids, 0)
        ends = np.where(in_phrases, ends, 0)
    after, end_after = np.append(ids[1:], 0), np.append(ends[1:], 0)
    end_two_after = np.append(ends[2:], [0, 0])[: len(ids)]
    starts = ends > 0
    pairs = (ends << ID_BITS | end_after) * (starts & (end_after > 0))
    threes = ((ends << ID_BITS | after) << ID_BITS | end_two_after) * (
        starts & (after > 0) & (end_two_after > 0)  # "of" may be in the middle
    )
    found: IntArray = np.stack([single, pairs, threes], axis=1)
    return found


def term_codes(ids: IntArray, joiner: int) -> set[int]:
    """The codes of every possible term in a text's word ids (see ``mentions``)."""
    return set(mentions(ids, joiner).ravel().tolist()) - {0}


def in_sorted(values: IntArray, members: IntArray) -> BoolArray:
    """``np.isin(values, members)`` for sorted, unique ``members``, by binary search (``isin``
    sorts both arrays each time: most of ``compare``'s time with the word lists)."""
    if not len(members):
        return np.zeros(values.shape, dtype=bool)
    at = np.minimum(np.searchsorted(members, values), len(members) - 1)
    found: BoolArray = members[at] == values
    return found
