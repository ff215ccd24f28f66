"""Term vectors: the weighted terms of many postings at once, and a resume compared with them.

- **Terms** are single words and phrases of two or three words ("prior authorization", "point of
  service"). A phrase counts when the posting uses it twice, when the company's other postings or
  two reference postings use it, or when it is written as a name (two or three capitalised words
  in a row, "of" allowed between: "Power BI", "Lean Six Sigma"), but not when it is the job title
  on the first line or its ending ("Access Manager"), nor when one of its words is too common
  (``vocabulary.PHRASE_SHARE``). A word used inside a phrase counts toward the phrase, not on its
  own. A resume is counted with the posting's phrases.
- **Weights**: ``idf × ln(1 + mentions)``, with the idf of ``vocabulary.DocFreq``, times
  ``kinds.NAMED_BOOST`` for a named tool or qualification. A mention under a must-have heading
  counts 1.5, under a nice-to-have one 0.5 (``KIND_WEIGHTS``); the parts ``sections.layout``
  skips (header, boilerplate, pay, recruitment) do not count, and neither do noise and
  generic terms (``kinds``: the employer, places, people, generic words of job ads). Leaving
  the generic words out raised the field check of ``benchmarks/eval_matching_dev.py`` from
  0.42 to 0.66 mean average precision.

A term is one integer (``words.term_code``) and a set of texts is one table with a row per text
and term, counted with numpy (``pd.factorize`` and ``np.bincount``), so that ranking thousands of
postings costs little more per posting than reading it. ``scipy.sparse`` (a COO matrix summed
into CSR) counted the mentions of the 10,000 benchmark postings in 0.15 s against 0.50 s here,
but orders each text's terms by column, not by first use, and first use is what decides between
key terms of equal weight (so that ``rank_postings`` lists them as ``compare`` does).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Collection, Sequence

import numpy as np
import pandas as pd

from prep_lib.matching.analyzer import Analyzer
from prep_lib.matching.kinds import (
    GENERIC,
    NAMED,
    NAMED_BOOST,
    NOISE,
    NOT_KEY,
    SKILL,
    TITLE,
    VERB,
    TermKinds,
)
from prep_lib.matching.lines import LineReader
from prep_lib.matching.sections import BODY, DESIRABLE, ESSENTIAL, EVERYDAY, layout, title_endings
from prep_lib.matching.vocabulary import NAME_SHARE, DocFreq
from prep_lib.matching.words import (
    ID_BITS,
    LETTER_WORDS,
    MAX_WORDS,
    BoolArray,
    FloatArray,
    IntArray,
    in_sorted,
    mentions,
    term_codes,
    words_of,
)

KIND_WEIGHTS = {BODY: 1.0, ESSENTIAL: 1.5, DESIRABLE: 0.5}  # a mention's weight, by its part
_POSSESSIVE = re.compile(r"['’][sS]$")  # "patient’s", shown as the term "patient"


class Texts:
    """Several texts read into word ids at once, with what their phrases and weights need.

    Per word, in reading order: ``ids`` (0 = a phrase break), ``raws`` (as written), ``doc``
    (the text's number) and ``kind`` (``sections.BODY``, ``ESSENTIAL`` or ``DESIRABLE``: the
    words of each text's body come first, then its must-haves and its nice-to-haves; skipped
    parts are left out) and ``command`` (a posting's word opening a line as a command, see
    ``_commands``). ``names``: (text number, term code) arrays of the names the texts use
    (see ``_names``). Per text: ``title`` (term codes of its title, see
    ``sections.title_endings``) and ``employer`` (word ids of the employer's name, its initials
    and the location). ``postings=False`` (a resume) reads every part as body and skips what
    only postings need.
    """

    def __init__(
        self,
        analyzer: Analyzer,
        texts: Sequence[str],
        *,
        postings: bool = True,
        kinds: TermKinds | None = None,
        lines: LineReader | None = None,
        employers: Sequence[str] = (),
    ) -> None:
        self.count = len(texts)
        if postings:
            read = (LineReader(analyzer) if lines is None else lines).read(texts, employers)
            self.ids, self.raws, self.doc, self.kind = read.ids, read.raws, read.doc, read.kind
            self.verb_form = read.verb_form
            capital, layouts, initials = read.capital, read.layouts, read.initials
        else:  # a resume: only its header and headings are left out
            pieces = [
                "\n\n".join(text[a:b] for a, b, k in layout(text, resume=True).pieces if k == BODY)
                for text in texts
            ]
            self.ids, self.raws, self.doc, capital = analyzer.tokenize(pieces)
            self.kind = np.zeros(len(self.ids), dtype=np.int64)
            self.verb_form = np.zeros(len(self.ids), dtype=bool)
            layouts, initials = [], []
        self.capital = capital  # per word: written with a capital letter first
        no_names = (np.zeros(0, np.int64), np.zeros(0, np.int64))
        verbs = kinds.verbs(self.ids) if kinds is not None else np.zeros(len(self.ids), bool)
        self.names = _names(self, capital, verbs, analyzer.joiner) if postings else no_names
        self.command = _commands(self, verbs, analyzer) if postings else np.zeros_like(verbs)
        self.title: list[set[int]] = (
            title_endings(analyzer, [found.title for found in layouts])
            if postings
            else [set() for _ in texts]
        )
        named: list[str] = []
        named_of: list[int] = []
        for number, found in enumerate(layouts):
            names = [*found.employer, _place_words(found.location), *initials[number]]
            named += names
            named_of += [number] * len(names)
        if postings:
            _drop_grades(self, analyzer)
        venue_doc, venue_word = _venue_names(self, capital, analyzer)
        ids, _, which, _ = analyzer.tokenize(named)
        owner = np.array(named_of, dtype=np.int64)[which[ids > 0]]
        pairs = np.unique(np.concatenate([owner * MAX_WORDS + ids[ids > 0],
                                          venue_doc * MAX_WORDS + venue_word]))  # fmt: skip
        at = np.searchsorted(pairs // MAX_WORDS, np.arange(len(texts) + 1))
        words = pairs % MAX_WORDS
        self.employer = [words[a:b] for a, b in itertools.pairwise(at.tolist())]


VENUES = "stadium arena hall house centre center campus building place road street lane park"
GRADES = ("grade", "grades")


def _venue_names(texts: Texts, capital: BoolArray, analyzer: Analyzer) -> tuple[IntArray, IntArray]:
    """(text, word id) of the names of places in the texts: a capitalised word rare in
    everyday English just before a capitalised venue word ("Piccadilly Place", "Compton
    Hall"), or the word before it ("Stanford Hall"), as in "Regatta Place"."""
    venues = np.array(sorted(analyzer.ids[word] for word in VENUES.split()), dtype=np.int64)
    ids, doc = texts.ids, texts.doc
    at = np.flatnonzero(capital)
    at = at[in_sorted(ids[at], venues)]
    run = np.ones(len(at), dtype=bool)
    found = []
    for back in (1, 2):  # the words of the name, from the nearest
        before = np.maximum(at - back, 0)
        run &= (at >= back) & capital[before] & (ids[before] > 0) & (doc[before] == doc[at])
        found.append(before[run & (analyzer.ids.inverse[ids[before]] > 1 / EVERYDAY)])
    where = np.concatenate(found)
    return doc[where], ids[where]


def _drop_grades(texts: Texts, analyzer: Analyzer) -> None:
    """The letter of an exam grade is no skill: "C" after "grade" ("GCSE grade C") or before
    "or above" is left out (the languages C and R stay). (Common words in a row are one
    break, written as the last of them: "above".)"""
    ids, raws = texts.ids, texts.raws
    letters = np.flatnonzero(np.isin(ids, [analyzer.ids[w] for w in LETTER_WORDS], kind="table"))
    if not len(letters):
        return
    grade = np.isin(ids[np.maximum(letters - 1, 0)], [analyzer.ids[w] for w in GRADES])
    grade &= letters > 0
    after = raws[np.minimum(letters + 1, len(raws) - 1)]
    above = np.array([str(raw).lower() == "above" for raw in after.tolist()], dtype=bool)
    ids[letters[grade | (above & (letters + 1 < len(raws)))]] = 0


def _place_words(location: str) -> str:
    """The words of a "Location:" value that name a place: its last part after a comma, and any
    short part ("Royal Preston hospital, Preston" → "Preston")."""
    parts = [part.strip() for part in location.split(",") if part.strip()]
    return " ".join(p for i, p in enumerate(parts) if i == len(parts) - 1 or len(p.split()) <= 2)


def _names(
    texts: Texts, capital: BoolArray, verbs: BoolArray, joiner: int
) -> tuple[IntArray, IntArray]:
    """Runs of two or three capitalised words, such as "Power BI" or "Lean Six Sigma", as
    (text number, term code) arrays; "of" may join two of them ("Head of Nursing"). A run that
    starts a sentence or a line loses its first word when "of" follows it ("Knowledge of HIPAA"
    is not a name) or when that word can be a verb ("Process A/P invoices")."""
    ids = texts.ids
    word = capital & (ids > 0) & (ids != joiner)
    before, after = np.append(False, word[:-1]), np.append(word[1:], False)
    member = word | ((ids == joiner) & before & after)
    edges = np.diff(member.astype(np.int8), prepend=0, append=0)
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    opening = texts.raws[np.maximum(starts - 1, 0)] == ""  # after punctuation or a break
    second = ids[np.minimum(starts + 1, len(ids) - 1)]
    starts = starts + 2 * (opening & (second == joiner))
    starts = starts + (opening & (second != joiner) & verbs[np.minimum(starts, len(ids) - 1)])
    length = ends - starts
    fits = (length >= 2) & (length <= 3)
    starts, length = starts[fits], length[fits]
    code = ids[starts] << ID_BITS | ids[starts + 1]
    three = length == 3
    code[three] = code[three] << ID_BITS | ids[starts[three] + 2]
    return texts.doc[starts], code


class _Rows:
    """Rows of (text, term) with a dense term index, and a lookup from (text, code) to row."""

    def __init__(
        self,
        doc: IntArray,
        term: IntArray,
        uniques: IntArray,
        parts: IntArray | None = None,
        terms: pd.Index[int] | None = None,
    ) -> None:
        self.doc, self.term, self.uniques = doc, term, np.asarray(uniques, dtype=np.int64)
        self.parts = words_of(self.uniques) if parts is None else parts
        self.length: IntArray = (self.parts > 0).sum(axis=1)
        self.verb_only = np.zeros(len(doc), dtype=bool)  # a word the text uses only as a verb
        self.as_name = np.zeros(len(doc), dtype=bool)  # always capitalised, once mid-sentence
        self.command = np.zeros(len(doc), dtype=bool)  # only ever opening a line as a command
        self._terms = pd.Index(self.uniques) if terms is None else terms
        self._keys: pd.Index[int] | None = None

    def find(self, doc: IntArray, code: IntArray) -> IntArray:
        """The row of each (text, code), or -1."""
        if self._keys is None:
            self._keys = pd.Index(self.doc * len(self.uniques) + self.term)
        term = self._terms.get_indexer(pd.Index(code))
        found = self._keys.get_indexer(pd.Index(doc * len(self.uniques) + term))
        found[term < 0] = -1
        return found

    @classmethod
    def of(cls, doc: IntArray, code: IntArray) -> _Rows:
        term, uniques = pd.factorize(code)
        return cls(doc, term, uniques)

    def subset(self, rows: IntArray) -> _Rows:
        """These rows only, with the same terms (and their lookup)."""
        return _Rows(self.doc[rows], self.term[rows], self.uniques, self.parts, self._terms)


def _count(texts: Texts, joiner: int, df: DocFreq) -> tuple[_Rows, FloatArray, IntArray]:
    """Every possible term of each text (one to three words, no break, no "of" at an end, and
    no word too common for a phrase in one of two or three), its mentions weighted by the part
    they are in (``KIND_WEIGHTS``) and what the text asks of it (``sections.ESSENTIAL`` when a
    must-have part names it, ``DESIRABLE`` when only nice-to-have parts do, else ``BODY``)."""
    found = mentions(texts.ids, joiner, df.phrase_words(texts.ids))
    flat = found.ravel()  # in reading order: each position's one, two and three words
    keep = np.flatnonzero(flat)
    code = flat[keep]
    at = keep // 3  # the word each mention starts at
    mention_doc, kind = texts.doc[at], texts.kind[at]
    term, uniques = pd.factorize(code)
    row, keys = pd.factorize(mention_doc * len(uniques) + term)
    weights = np.array([KIND_WEIGHTS[k] for k in (BODY, ESSENTIAL, DESIRABLE)])
    counts = np.asarray(np.bincount(row, weights=weights[kind], minlength=len(keys)), float)
    essential, desirable = (
        np.bincount(row[kind == k], minlength=len(keys)) for k in (ESSENTIAL, DESIRABLE)
    )
    in_body = np.bincount(row[kind == BODY], minlength=len(keys)) if desirable.any() else 1
    asked: IntArray = np.where(
        essential > 0, ESSENTIAL, np.where((desirable > 0) & (in_body == 0), DESIRABLE, BODY)
    )
    single = np.flatnonzero(keep == 3 * at)  # mentions of one word
    said = np.bincount(row[single], minlength=len(keys))
    as_verb = np.bincount(row[single[texts.verb_form[at[single]]]], minlength=len(keys))
    size = max(len(uniques), 1)
    rows = _Rows(keys // size, keys % size, uniques)
    rows.verb_only = (said > 0) & (as_verb == said)
    written = single[texts.capital[at[single]]]
    capitals = np.bincount(row[written], minlength=len(keys))
    inside = np.bincount(row[written[_alone_mid_sentence(texts, at[written])]], minlength=len(keys))
    # always capitalised, never in a verb's past or third-person form ('Energized')
    rows.as_name = (said > 0) & (capitals == said) & (inside > 0) & (as_verb == 0)
    ordered = np.bincount(row[single[texts.command[at[single]]]], minlength=len(keys))
    rows.command = (said > 0) & (ordered == said)
    return rows, counts, asked


def _commands(texts: Texts, verbs: BoolArray, analyzer: Analyzer) -> BoolArray:
    """For each word position: whether the word opens a line or sentence as a command does
    ("Track wait times", "Train new hires"): capitalised after a phrase break, written in its
    dictionary form, and a verb by the dictionary (``verbs``, per word)."""
    ids, raws, doc = texts.ids, texts.raws, texts.doc
    at = np.flatnonzero(texts.capital & verbs & (ids > 0))
    before = np.maximum(at - 1, 0)
    at = at[(at > 0) & (raws[before] == "") & (doc[before] == doc[at])]
    words = analyzer.ids.words
    plain = [raws[i].lower() == words[ids[i]] for i in at.tolist()]
    found = np.zeros(len(ids), dtype=bool)
    found[at[np.array(plain, dtype=bool)]] = True
    return found


def _alone_mid_sentence(texts: Texts, at: IntArray) -> BoolArray:
    """For word positions: whether the word comes after a word of the same text (not at the
    start of a sentence or a bullet) and no capitalised word stands either side of it (a word
    of "Certified Revenue Cycle Representative" is part of a longer name)."""
    doc, raws, capital = texts.doc, texts.raws, texts.capital
    before, after = np.maximum(at - 1, 0), np.minimum(at + 1, len(doc) - 1)
    alone: BoolArray = (at > 0) & (doc[before] == doc[at]) & ~capital[before]
    alone &= raws[before] != ""
    alone &= ~(capital[after] & (doc[after] == doc[at]) & (after != at))
    return alone


def _inside(parts: IntArray) -> IntArray:
    """For phrases given as word ids (rows of three): the terms inside each, that is its words
    and, for three words, its first two and last two; 0 where none, or already listed (a word
    twice in a phrase counts once)."""
    first, second, third = parts.T
    three = third > 0
    inner = np.stack(
        [
            first,
            second,
            third,
            np.where(three, first << ID_BITS | second, 0),
            np.where(three, second << ID_BITS | third, 0),
        ],
        axis=1,
    )
    for j in range(1, inner.shape[1]):
        inner[(inner[:, :j] == inner[:, [j]]).any(axis=1), j] = 0
    return inner


def _fold(rows: _Rows, counts: FloatArray, phrase: BoolArray) -> FloatArray:
    """Mentions once words inside a phrase count toward the phrase, not on their own: each
    three-word phrase takes its mentions from its words and its two-word parts, then each
    two-word phrase what is left of its own from its words."""
    folded = counts
    term_length = rows.length[rows.term]
    for length in (3, 2):
        at = np.flatnonzero(phrase & (term_length == length))
        inner = _inside(rows.parts[rows.term[at]])
        target = rows.find(np.repeat(rows.doc[at], inner.shape[1]), inner.ravel())
        taken = np.repeat(folded[at], inner.shape[1])[target >= 0]
        folded = folded - np.bincount(target[target >= 0], weights=taken, minlength=len(folded))
    return folded


class TermTable:
    """The weighted terms of several texts: one row per text and term, each text's terms in the
    order it first uses them (so that key terms of equal weight keep the text's order).

    ``phrases``: for each text, the codes of the phrases to count; by default each text's own
    (see the module's help). Attributes: ``doc``, ``code`` and ``weight`` (> 0) per row;
    ``phrase_doc`` and ``phrase_code`` for each text's phrases, ``compound_doc`` and
    ``compound_code`` for its compounds (phrases whose words also count alone); ``norm`` per
    text.
    """

    def __init__(
        self,
        analyzer: Analyzer,
        texts: Texts,
        df: DocFreq,
        kinds: TermKinds,
        *,
        phrases: Sequence[Collection[int]] | None = None,
    ) -> None:
        self.texts, self.analyzer, self.doc_freq, self.kinds = texts, analyzer, df, kinds
        rows, counts, asked = _count(texts, analyzer.joiner, df)
        multi = rows.length[rows.term] > 1
        compound = np.zeros(len(counts), dtype=bool)
        if phrases is None:
            phrase, compound = self._own_phrases(rows, counts, multi, df)
        else:
            wanted = _pairs(phrases)
            phrase = np.zeros(len(counts), dtype=bool)
            found = rows.find(*wanted)
            phrase[found[found >= 0]] = True
        mentions = _fold(rows, counts, phrase)
        keep = np.flatnonzero((~multi | phrase | compound) & (mentions > 1e-9))
        codes = rows.uniques[rows.term[keep]]
        kind = kinds.of(codes, texts.employer, rows.doc[keep])
        kind[rows.verb_only[keep] & (kind != NOISE) & (kind != GENERIC)] = VERB  # "outlined"
        kind[rows.command[keep] & (kind == SKILL)] = VERB  # "- Track wait times"
        as_names = np.flatnonzero(rows.as_name[keep] & (kind == GENERIC))  # "such as Yammer"
        kind[as_names[kinds.may_be_name(codes[as_names])]] = SKILL
        guess = np.flatnonzero(compound[keep])  # an inferred compound names no employer
        if len(guess):
            parts = rows.parts[rows.term[keep[guess]]]
            named = kinds.names_employer(parts, texts.employer, rows.doc[keep[guess]])
            kind[guess[named]] = NOISE
        counted = (kind != NOISE) & (kind != GENERIC)
        keep, kind = keep[counted], kind[counted]
        term = rows.term[keep]
        used = np.zeros(len(rows.uniques), dtype=bool)
        used[term] = True
        used = np.flatnonzero(used)
        idf = np.zeros(len(rows.uniques))
        idf[used] = df.idf(rows.uniques[used])
        boost = np.where(kind == NAMED, NAMED_BOOST, 1.0)
        self._rows = rows.subset(keep)
        self.doc = rows.doc[keep]
        self.code = rows.uniques[term]
        self.kind = kind
        self.asked = asked[keep]
        self.weight = idf[term] * np.log1p(mentions[keep]) * boost
        title = self.find(*_pairs(texts.title))
        self.kind[title[title >= 0]] = TITLE
        self.phrase_doc = rows.doc[phrase]
        self.phrase_code = rows.uniques[rows.term[phrase]]
        self.compound_doc = rows.doc[compound]
        self.compound_code = rows.uniques[rows.term[compound]]
        self.scored = ~compound[keep]  # compounds are key terms, not parts of the score
        scored_weight = np.where(self.scored, self.weight, 0.0)
        self.norm = np.sqrt(np.bincount(self.doc, scored_weight**2, minlength=texts.count))

    def _own_phrases(
        self, rows: _Rows, counts: FloatArray, multi: BoolArray, df: DocFreq
    ) -> tuple[BoolArray, BoolArray]:
        """Which rows are phrases the text counts: used twice, known from the reference or the
        company's postings or the shipped vocabulary, or written as a name; never the job title
        (see the module's help). Each word of a row of two or three may be part of a phrase
        (``_count`` sees to it). Also which rows are compounds: two words used once, counted
        beside their words (``kinds.TermKinds.compound``)."""
        known = self.kinds.known_with(df.known_phrases)
        at = np.minimum(np.searchsorted(known, rows.uniques), max(len(known) - 1, 0))
        is_known = (known[at] == rows.uniques) if len(known) else np.zeros(len(at), dtype=bool)
        phrase: BoolArray = multi & ((counts >= 2) | is_known[rows.term])
        names = rows.find(*self.texts.names)
        names = names[names >= 0]
        parts = rows.parts[rows.term[names]]
        common = df.common_words(parts.ravel(), in_job_ads=NAME_SHARE).reshape(parts.shape)
        phrase[names[~common.any(axis=1) & multi[names]]] = True
        pairs = np.flatnonzero(~phrase & (rows.length[rows.term] == 2))
        words = rows.parts[rows.term[pairs]]
        compound = np.zeros(len(phrase), dtype=bool)
        compound[pairs[self.kinds.compound(words[:, 0], words[:, 1])]] = True
        title = rows.find(*_pairs(self.texts.title))
        phrase[title[title >= 0]] = compound[title[title >= 0]] = False
        return phrase, compound

    def find(self, doc: IntArray, code: IntArray) -> IntArray:
        """The row of each (text, code), or -1."""
        return self._rows.find(doc, code)

    def key_rows(self, top_n: int) -> IntArray:
        """The rows of each text's key terms, by text, heaviest first: its ``top_n`` heaviest
        terms that are not job titles or verbs (``kinds.NOT_KEY``), and every named tool or
        qualification it asks for."""
        order: IntArray = np.lexsort((-self.weight, self.doc))  # stable: ties keep text order
        order = order[~np.isin(self.kind[order], NOT_KEY)]
        place = place_in_group(self.doc[order])
        rows: IntArray = order[(place < top_n) | (self.kind[order] == NAMED)]
        return rows

    def key_terms(self, i: int, top_n: int) -> list[tuple[int, float]]:
        """Text ``i``'s ``top_n`` heaviest (code, weight) pairs; weights add up to 1."""
        rows = self.key_rows(top_n)
        rows = rows[self.doc[rows] == i]
        total = self.weight[rows].sum()
        if not total:
            return []
        return list(
            zip(self.code[rows].tolist(), (self.weight[rows] / total).tolist(), strict=True)
        )

    def weights(self, i: int) -> dict[int, float]:
        """Text ``i``'s term weights by code: the terms of its score (compounds, listed as key
        terms but not scored, left out)."""
        rows = (self.doc == i) & self.scored
        return dict(zip(self.code[rows].tolist(), self.weight[rows].tolist(), strict=True))

    def surfaces(self, doc: IntArray, code: IntArray) -> list[str]:
        """How text ``doc[k]`` writes term ``code[k]``: its most frequent form, lower case on a
        tie."""
        ids, raws = self.texts.ids, self.texts.raws
        parts = words_of(code)
        firsts, group_of = np.unique(doc * MAX_WORDS + parts[:, 0], return_inverse=True)
        near = np.flatnonzero(np.isin(ids, parts[:, 0], kind="table"))  # the words asked about
        found = np.full(len(ids), -1, dtype=np.int64)
        keys = pd.Index(self.texts.doc[near] * MAX_WORDS + ids[near])
        found[near] = pd.Index(firsts).get_indexer(keys)
        at = np.flatnonzero(found >= 0)  # where a first word is used; each request there:
        by_group = np.argsort(group_of, kind="stable")
        group_start = np.searchsorted(group_of[by_group], np.arange(len(firsts)))
        per = np.bincount(group_of, minlength=len(firsts))[found[at]]
        offset = np.arange(per.sum()) - np.repeat(np.cumsum(per) - per, per)
        request = by_group[np.repeat(group_start[found[at]], per) + offset]
        at = np.repeat(at, per)
        padded = np.append(ids, [0, 0])
        for k in (1, 2):
            wanted = parts[request, k]
            same = (wanted == 0) | (padded[at + k] == wanted)
            request, at = request[same], at[same]
        length = (parts > 0).sum(axis=1)
        requests = request.tolist()
        written = [  # a possessive at the end is no part of the term ("patient's" is "patient")
            _POSSESSIVE.sub("", " ".join(raws[a : a + length[k]]))
            for k, a in zip(requests, at.tolist(), strict=True)
        ]
        forms = Counter(zip(requests, written, strict=True))
        best: dict[int, tuple[int, str]] = {}
        for (k, form), n in forms.items():  # the most frequent, then the fewest capitals
            if (
                k not in best
                or n > best[k][0]
                or (n == best[k][0] and _fewer_capitals(form, best[k][1]))
            ):
                best[k] = (n, form)
        return [
            best[k][1] if k in best else self.analyzer.ids.text(c)
            for k, c in enumerate(code.tolist())
        ]


def place_in_group(group: IntArray) -> IntArray:
    """For sorted group numbers, each entry's place within its group (0, 1, 2, ...)."""
    place: IntArray = np.arange(len(group)) - np.searchsorted(group, group)
    return place


def _fewer_capitals(form: str, other: str) -> bool:
    """Whether ``form`` comes before ``other``: fewer capital letters, then alphabetically."""
    capitals = sum(ch.isupper() for ch in form), sum(ch.isupper() for ch in other)
    return capitals[0] < capitals[1] or (capitals[0] == capitals[1] and form < other)


def _pairs(per_doc: Sequence[Collection[int]]) -> tuple[IntArray, IntArray]:
    """(text number, code) arrays for a code collection per text."""
    doc = np.repeat(np.arange(len(per_doc)), [len(c) for c in per_doc])
    code = np.fromiter(itertools.chain.from_iterable(per_doc), dtype=np.int64, count=len(doc))
    return doc, code


class ResumeVector:
    """A resume's term weights, compared with many postings at once.

    Against a posting the resume is counted with the posting's phrases, so that both are vectors
    over the same terms; only the few entries those phrases change are recomputed.
    """

    def __init__(self, analyzer: Analyzer, resume: str, df: DocFreq, kinds: TermKinds) -> None:
        self.texts = Texts(analyzer, [resume], postings=False)
        self.analyzer, self.doc_freq, self.kinds = analyzer, df, kinds
        self.rows, self.counts, _ = _count(self.texts, analyzer.joiner, df)
        base = TermTable(analyzer, self.texts, df, kinds, phrases=[()])
        self.base = pd.Series(base.weight, index=base.code)
        self.base_norm2 = float(np.sum(base.weight**2))
        self.multi = self.rows.uniques[self.rows.length > 1]
        found = term_codes(analyzer.tokenize([resume]).ids, analyzer.joiner)
        self.found = np.fromiter(found, dtype=np.int64, count=len(found))  # every term it uses

    def against(self, table: TermTable) -> tuple[FloatArray, FloatArray]:
        """The resume's weight for each row of ``table`` and the length of its vector, per
        posting, with each posting's phrases counted."""
        found = self.base.reindex(pd.Index(table.code), fill_value=0.0)
        weight = np.array(found.to_numpy(), dtype=np.float64)  # a copy, changed below
        norm2 = np.full(table.texts.count, self.base_norm2)
        hit = np.isin(table.phrase_code, self.multi)
        if hit.any():
            doc, code, new = self._folded(table.phrase_doc[hit], table.phrase_code[hit])
            old = self.base.reindex(pd.Index(code), fill_value=0.0).to_numpy()
            norm2 += np.bincount(doc, new**2 - old**2, minlength=len(norm2))
            rows = table.find(doc, code)
            weight[rows[rows >= 0]] = new[rows >= 0]
        norm: FloatArray = np.sqrt(np.maximum(norm2, 0.0))
        return weight, norm

    def _folded(self, posting: IntArray, phrase: IntArray) -> tuple[IntArray, IntArray, FloatArray]:
        """For each posting in ``posting`` and the phrase of it the resume uses in ``phrase``:
        the resume's terms those phrases change, as (posting, code, new weight) arrays."""
        inner = np.column_stack([phrase, _inside(words_of(phrase))])
        doc, code = np.unique(np.stack([np.repeat(posting, inner.shape[1]), inner.ravel()]), axis=1)
        own = self.rows.find(np.zeros(len(code), dtype=np.int64), code)
        doc, code = doc[own >= 0], code[own >= 0]
        rows = _Rows.of(doc, code)
        is_phrase = np.zeros(len(code), dtype=bool)
        found = rows.find(posting, phrase)
        is_phrase[found[found >= 0]] = True
        mentions = _fold(rows, self.counts[own[own >= 0]], is_phrase)
        changed = (rows.length[rows.term] == 1) | is_phrase
        doc, code, mentions = doc[changed], code[changed], mentions[changed]
        kind = self.kinds.of(code, [])
        boost = np.where(kind == NAMED, NAMED_BOOST, 1.0)
        weight = self.doc_freq.idf(code) * np.log1p(np.maximum(mentions, 0.0)) * boost
        counted = (kind != NOISE) & (kind != GENERIC)
        return doc, code, np.where((mentions > 1e-9) & counted, weight, 0.0)

    def contributions(self, table: TermTable) -> FloatArray:
        """Each row's part of its posting's cosine similarity with the resume."""
        weight, norm = self.against(table)
        lengths = table.norm[table.doc] * norm[table.doc]
        with np.errstate(divide="ignore", invalid="ignore"):
            parts: FloatArray = np.where(
                (lengths > 0) & table.scored, table.weight * weight / lengths, 0.0
            )
        return parts

    def scores(self, table: TermTable, contributions: FloatArray | None = None) -> FloatArray:
        """The cosine similarity of each posting's and the resume's term weights (0–1): the sum
        of its rows' ``contributions`` (computed when not given)."""
        if contributions is None:
            contributions = self.contributions(table)
        total = np.bincount(table.doc, contributions, minlength=table.texts.count)
        return np.minimum(1.0, total)
