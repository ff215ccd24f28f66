"""What kind of term each term is: a skill, a named tool or qualification, a job title, a
generic word, or noise.

- **Noise** is left out of the match altogether: the employer's name, its distinctive words and
  initials ("MFT" for Manchester University NHS Foundation Trust); places (the posting's
  location, the towns, counties and regions of ``places.txt``, street names such as "Station
  Road" and postcode districts such as "RM12"); people (two or three words starting with a first
  name of ``first_names.txt``, or two ending with a surname of ``surnames.txt``); and pay and
  terms of employment, recruitment, equal-opportunity and accreditation wording
  (``not_skills.txt``): a term holding one of these words or phrases.
- **Generic** words are left out too: the generic words of job ads
  (``not_skills.txt``: "ability", "role", "exciting opportunity"), single words used as a verb,
  adjective or adverb ("ensure", "required", "internal"), and everyday single words that are
  not words of duties ("heart", "quote"; the duty words are those O*NET's task statements use
  more than everyday English does, ``onet_vocabulary.txt``).
- **Titles** (O*NET's, the posting's own, and terms ending in a one-word title such as "Senior
  Financial Accountant") count in the score but are not key terms: a title is no skill to prove.
  Nor are **verbs**: single words a posting writes only as a verb's past or third-person form
  ("outlined", "registered", "Excels in quality"), or only opening a line or sentence as a
  command ("- Track wait times"; ``vectors.TermTable`` marks them).
- **Named** tools, systems and qualifications (``onet_vocabulary.txt``, ``qualifications.txt``)
  weigh ``NAMED_BOOST`` times more, are always key terms and, like the phrases of duties,
  count as phrases when used once; so is a phrase holding one ("Advanced Excel").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

from prep_lib.matching.analyzer import Analyzer
from prep_lib.matching.lexicon import lexicon
from prep_lib.matching.words import (
    ID_BITS,
    MAX_WORDS,
    BoolArray,
    IntArray,
    english_frequencies,
    no_noun,
    term_code,
    word_readings,
    words_of,
)
from prep_lib.matching.words import in_sorted as _in

SKILL, NAMED, TITLE, GENERIC, NOISE, VERB = 0, 1, 2, 3, 4, 5
NOT_KEY = (TITLE, VERB)  # kinds that count in the score but are never key terms
NAMED_BOOST = 1.5
RARE = 10**-5.5  # a word rarer than this in everyday English (zipf 3.5) is jargon, not generic
STREETS = (
    "road street lane avenue parade crescent drive terrace gardens square close grove hill "
    "park way place row walk court mews stadium arena campus"
)
_POSTCODE = re.compile(r"[a-z]{2}\d{1,2}[a-z]?")  # a UK postcode district: "rm12", "sa1"
_SORTING = re.compile(r"(?:al|ic|ary|ory)$")  # "clinical", "strategic", "primary", "statutory"
# Modifiers that say where, when, how much or how good, not what kind ("extra mile").
_NOT_SORTING = frozenset(
    {
        "internal", "external", "local", "regional", "national", "international", "formal",
        "informal", "total", "virtual", "additional", "annual", "general", "original",
        "individual", "central", "usual", "actual", "potential", "essential", "normal",
        "typical", "special", "crucial", "vital", "ideal", "initial", "final", "occasional",
        "optional", "exceptional", "ordinary", "necessary", "temporary", "contemporary",
        "secondary", "voluntary", "various", "preferential", "minimum", "maximum", "extra",
        "modern", "positive", "negative", "leading", "single", "close", "closer", "rapid",
        "solid", "monthly", "weekly", "daily", "busy", "flexible", "latest", "lesser", "wide",
        "wider", "diverse", "significant", "ambitious", "responsive", "comprehensive", "direct",
        "powerful", "creative", "timely", "sufficient", "non", "strong", "excellent", "good",
        "great", "new", "key", "high", "low", "large", "small", "major", "senior", "junior",
        "current", "previous", "recent", "future", "early", "late", "quick", "fast", "real",
        "true", "clear", "full", "whole", "overall", "further", "specific", "relevant",
        "appropriate", "effective", "efficient", "dynamic", "friendly", "supportive",
        "enthusiastic", "varied", "unique", "exciting", "successful", "win", "drive", "lead",
        "advanced", "broad", "broader", "chief", "own", "other", "same", "different", "similar",
        "multiple", "numerous", "several", "many", "few", "main",
    }
)  # fmt: skip
# No head of a compound ("clinics running", "shift basis").
_NOT_HEADS = frozenset(
    {
        "run", "running", "living", "come", "coming", "pay", "paid", "chief", "daily", "basis",
    }
)  # fmt: skip
_WEBSITE = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:uk|com|org|net|gov|nhs|io)")  # gov.uk


class TermKinds:
    """The shipped word lists in one engine's word numbers, and the rules above applied to term
    codes. Made once per analyzer (``TermEngine.kinds``)."""

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        words = lexicon()
        self.named = self._codes([*words.tools, *words.qualifications])
        self.named_words = self.named[self.named < 1 << ID_BITS]
        self.titles = self._codes(words.titles)
        self.title_words = self.titles[self.titles < 1 << ID_BITS]
        self.noise_words = _ids(
            i
            for kind in ("pay", "recruitment", "equal opportunity")
            for i in self._singles(words.noise[kind])
        )
        self.noise_phrases = self._codes(
            entry
            for kind in ("pay", "recruitment", "equal opportunity", "generic")
            for entry in words.noise[kind]
            if " " in entry.strip() or "-" in entry
        )
        self.generic = _ids(self._singles(words.noise["generic"]))
        self.duty_words = _ids(self._singles(words.duty_words))
        self.places = self._codes(words.places)
        self.place_words = _ids(self._singles(words.places))
        self.streets = _ids(self._singles(STREETS.split()))
        self.first_names = _ids(self._singles(sorted(words.first_names), whole=True))
        self.surnames = _ids(self._singles(sorted(words.surnames), whole=True))
        duties = self._codes(words.phrases)
        phrases = np.concatenate([self.named, self.titles, duties])
        self.known_phrases = np.unique(phrases[phrases >= 1 << ID_BITS])
        self._single_kind = np.zeros(0, dtype=np.int64)
        self._rare_no_noun = np.zeros(0, dtype=bool)  # see may_be_name
        self._verbs = np.zeros((0, 4), dtype=bool)  # see _readings
        self._sorting = np.zeros((0, 3), dtype=bool)  # see compound
        self._known: tuple[IntArray, IntArray] | None = None

    def known_with(self, phrases: IntArray) -> IntArray:
        """The phrases the word lists know, with ``phrases`` (a DocFreq's), sorted."""
        if self._known is None or self._known[0] is not phrases:
            self._known = (phrases, np.union1d(phrases, self.known_phrases))
        return self._known[1]

    def _entries(self, entries: Iterable[str], *, whole: bool = False) -> list[list[int]]:
        """The word ids of each entry (each read as a text of its own). ``whole``: an entry
        read as more words than written, or losing one, is left out (empty): the surname
        "Meskill" read as "me skill" would make "skill" a surname."""
        texts = list(entries)
        ids, raws, which, _ = self.analyzer.tokenize(texts)
        found: list[list[int]] = [[] for _ in texts]
        broken = set()
        for i, raw, text in zip(ids.tolist(), raws.tolist(), which.tolist(), strict=True):
            if i:
                found[text].append(i)
            elif raw:
                broken.add(text)
        if whole:
            written = [len(text.split()) for text in texts]
            return [[] if k in broken or len(ids) != written[k] else ids
                    for k, ids in enumerate(found)]  # fmt: skip
        return found

    def _codes(self, entries: Iterable[str]) -> IntArray:
        codes = {term_code(ids) for ids in self._entries(entries) if 0 < len(ids) <= 3}
        return np.array(sorted(codes), dtype=np.int64)

    def _singles(self, entries: Iterable[str], *, whole: bool = False) -> list[int]:
        return [ids[0] for ids in self._entries(entries, whole=whole) if len(ids) == 1]

    def single_kind(self, ids: IntArray) -> IntArray:
        """For each word id, its kind as a term on its own, by the word alone: ``GENERIC`` for
        generic words, verbs and modifiers and everyday words that are no duty words, ``NOISE``
        for postcode districts and web sites ("GOV.UK"), else ``SKILL``. Kept for every id up
        to the largest seen."""
        size = int(ids.max()) + 1 if len(ids) else 0
        have = len(self._single_kind)
        if have < size:
            words = self.analyzer.ids.words
            frequencies = english_frequencies()
            more = np.full(size - have, SKILL, dtype=np.int64)
            name = np.zeros(size - have, dtype=bool)
            new = np.arange(have, size)
            duty = _in(new, self.duty_words)
            for at, word in enumerate(words[have:size]):
                common = frequencies.get(word, 0.0) >= RARE
                if _POSTCODE.fullmatch(word) or _WEBSITE.fullmatch(word):
                    more[at] = NOISE
                elif no_noun(word):
                    verb, _, _, modifier = word_readings(word)
                    more[at], name[at] = GENERIC, verb and not modifier and not common
                elif not duty[at] and _everyday(word) and common:
                    more[at] = GENERIC
            listed = _in(new, self.generic)
            more[listed], name[listed] = GENERIC, False
            self._single_kind = np.concatenate([self._single_kind, more])
            self._rare_no_noun = np.concatenate([self._rare_no_noun, name])
        found: IntArray = self._single_kind[ids]
        return found

    def may_be_name(self, ids: IntArray) -> BoolArray:
        """For word ids of generic single words: whether the word is generic only because the
        dictionary knows it as a verb alone, and it is rare in everyday English, so that, written
        with a capital in mid-sentence, it names a product ("tools such as Yammer")."""
        self.single_kind(ids)
        found: BoolArray = self._rare_no_noun[ids]
        return found

    def verbs(self, ids: IntArray) -> BoolArray:
        """For each word id: whether the word can be a verb (by lemminflect's dictionary)."""
        found: BoolArray = self._readings(ids)[ids, 0]
        return found

    def compound(self, first: IntArray, second: IntArray) -> BoolArray:
        """For pairs of word ids, whether they may be a compound read as one term although
        used once ("diary management", "communication skills", "social care"): a noun, or an
        adjective that sorts things rather than praises or places them (ending in -al, -ic, -ary
        or -ory: "clinical", "strategic", "primary"; not "internal", "extra" or "positive",
        ``_NOT_SORTING``), then a noun that is no adjective or adverb ("forecast overtime" is
        no compound); neither a generic word of job ads but "skill" after
        another word; one of them too everyday to be a term alone."""
        size = int(max(first.max(initial=0), second.max(initial=0))) + 1
        readings = self._readings(np.arange(size))
        if len(self._sorting) < size:  # per word: may sort things, may not, is no head
            words = self.analyzer.ids.words[len(self._sorting) : size]
            more = [(bool(_SORTING.search(w)), w in _NOT_SORTING, w in _NOT_HEADS)
                    for w in words]  # fmt: skip
            self._sorting = np.concatenate([self._sorting, np.array(more, dtype=bool)])
        sorts, vague = self._sorting[first, 0], self._sorting[first, 1]
        modifier = ~vague & (readings[first, 2] | (readings[first, 1] & sorts))
        head = readings[second, 2] & ~readings[second, 3] & ~self._sorting[second, 2]
        skill = self.analyzer.ids["skill"]
        listed = _in(first, self.generic) | (_in(second, self.generic) & (second != skill))
        kind = self.single_kind(first), self.single_kind(second)
        alone = (
            ((kind[0] == GENERIC) | (kind[1] == GENERIC)) & (kind[0] != NOISE) & (kind[1] != NOISE)
        )
        venue = _in(first, self.streets) | _in(second, self.streets)  # "Stadium testing"
        found: BoolArray = modifier & head & ~listed & alone & ~venue
        return found

    def _readings(self, ids: IntArray) -> npt.NDArray[np.bool_]:
        """Rows per word id up to the largest of ``ids``: ``words.word_readings``."""
        size = int(ids.max()) + 1 if len(ids) else 0
        have = len(self._verbs)
        if have < size:
            words = self.analyzer.ids.words
            more = np.array([word_readings(w) for w in words[have:size]], dtype=bool)
            self._verbs = np.concatenate([self._verbs, more.reshape(-1, 4)])
        return self._verbs

    def of(
        self, codes: IntArray, employer: Sequence[IntArray], doc: IntArray | None = None
    ) -> IntArray:
        """The kind of each term code (``SKILL``, ``NAMED``, ``TITLE``, ``GENERIC`` or
        ``NOISE``). ``employer``: per text, the word ids of its employer's name, initials and
        location; ``doc``: the text of each code (None: no such words). The rules that look at
        the term alone are applied once per distinct code."""
        term, uniques = pd.factorize(np.asarray(codes, dtype=np.int64))
        kind, noise, named, holds_tool = self._by_code(np.asarray(uniques, dtype=np.int64))
        noise = noise[term]
        if doc is not None and len(employer):
            noise |= self._employer(words_of(np.asarray(codes, dtype=np.int64)), employer, doc)
        found: IntArray = np.where(noise, NOISE, kind[term])
        found[named[term] | (holds_tool[term] & ~noise)] = NAMED
        return found

    def _by_code(self, codes: IntArray) -> tuple[IntArray, BoolArray, BoolArray, BoolArray]:
        """For distinct term codes: the kind by the word lists, whether that is noise, whether
        the term is a named tool or qualification, and whether it holds one."""
        parts = words_of(codes)
        present = parts > 0
        length = present.sum(axis=1)
        last = parts[np.arange(len(parts)), np.maximum(length - 1, 0)]
        kind = np.full(len(codes), SKILL, dtype=np.int64)
        single = length == 1
        kind[single] = self.single_kind(parts[single, 0])
        generic = _in(parts, self.generic) | ~present | (parts == self.analyzer.joiner)
        kind[generic.all(axis=1) | _in(codes, self.noise_phrases)] = GENERIC
        kind[_in(codes, self.titles) | ((length >= 2) & _in(last, self.title_words))] = TITLE
        noise = kind == NOISE
        noise |= _in(codes, self.places) | _in(codes, self.noise_phrases)
        noise |= (_in(parts, self.noise_words) & present).any(axis=1)
        noise |= (_in(parts, self.place_words) & present).any(axis=1)
        noise |= (length >= 2) & _in(last, self.streets)
        noise |= (length >= 2) & _in(parts[:, 0], self.first_names)
        noise |= (length == 2) & _in(parts[:, 1], self.surnames)
        noise |= self._inner_noise(parts)
        holds_tool = (length >= 2) & (_in(parts, self.named_words) & present).any(axis=1)
        return kind, noise, _in(codes, self.named), holds_tool

    def names_employer(
        self, parts: IntArray, employer: Sequence[IntArray], doc: IntArray
    ) -> BoolArray:
        """Whether each term (rows of word ids, ``doc`` its text) holds a word of its text's
        employer's name, initials or location."""
        owner = np.repeat(np.arange(len(employer)), [len(words) for words in employer])
        keys = np.unique(owner * MAX_WORDS + np.concatenate([np.zeros(0, np.int64), *employer]))
        inside: BoolArray = _in(doc[:, None] * MAX_WORDS + parts, keys) & (parts > 0)
        return np.asarray(inside.any(axis=1), dtype=bool)

    def _employer(self, parts: IntArray, employer: Sequence[IntArray], doc: IntArray) -> BoolArray:
        """Whether each term (rows of word ids, ``doc`` its text) is its text's employer: all
        its words are words of the employer's name, initials or location, or one of them is
        and is rare in everyday English. Only terms holding such a word are looked at."""
        present = parts > 0
        owner = np.repeat(np.arange(len(employer)), [len(words) for words in employer])
        words = np.concatenate([np.zeros(0, np.int64), *employer])
        found = np.zeros(len(parts), dtype=bool)
        near = np.flatnonzero((_in(parts, np.unique(words)) & present).any(axis=1))
        if not len(near):
            return found
        keys = np.unique(owner * MAX_WORDS + words)  # (text, word), linear in the rows
        inside = _in(doc[near, None] * MAX_WORDS + parts[near], keys) & present[near]
        found[near] = (inside | ~present[near]).all(axis=1) | (
            inside & self._distinctive(parts[near])
        ).any(axis=1)
        return found

    def _distinctive(self, parts: IntArray) -> BoolArray:
        """For word ids: whether the word is rare in everyday English (a name's own word)."""
        inverse = self.analyzer.ids.inverse[parts]
        found: BoolArray = (parts > 0) & (inverse > 1 / RARE)
        return found

    def _inner_noise(self, parts: IntArray) -> BoolArray:
        """Whether a three-word phrase holds a noise phrase or a place ("NHS pension scheme",
        "HEE North West")."""
        first = parts[:, 0] << ID_BITS | parts[:, 1]
        last = parts[:, 1] << ID_BITS | parts[:, 2]
        found: BoolArray = (parts[:, 2] > 0) & (
            _in(first, self.noise_phrases)
            | _in(last, self.noise_phrases)
            | _in(first, self.places)
            | _in(last, self.places)
        )
        return found


def _everyday(word: str) -> bool:
    """Whether a word is written like an everyday word: letters only, more than two."""
    return word.isalpha() and len(word) > 2


def _ids(values: Iterable[int]) -> IntArray:
    return np.unique(np.array(list(values), dtype=np.int64))
