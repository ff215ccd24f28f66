"""Match a resume to a job posting: which of the employer's key terms the resume already proves.

The score is made the same way in ``compare``, ``relevance`` and ``rank_postings``:

1. **Terms.** Both texts are cut into words that keep the symbols skills are written with (C++,
   C#, .NET, Node.js, A/B, 401(k), P&L), lower-cased, made singular and rewritten with the
   synonym list (``MS Excel`` becomes ``Excel``, ``JS`` becomes ``JavaScript``). A posting's terms
   are single words and phrases of two or three words; a phrase counts when the posting uses it
   twice, writes it in capitals (``Power BI``, ``Epic Cadence``) or when other postings use it.
   A word used inside a phrase counts toward the phrase, not on its own. The employer's own name
   is left out.
2. **Weights.** ``weight = idf × ln(1 + mentions)``. A mention in a boilerplate part of the posting
   (benefits, about the company, equal opportunity, how to apply) counts ``BOILERPLATE_WEIGHT``
   (0.2), any other mention 1. ``idf = ln((1 + N) / (1 + df)) + 1`` is scikit-learn's smoothed
   inverse document frequency over N reference postings shipped with the package plus the
   company's other postings, so words every job ad uses ("team", "experience", "benefits") weigh
   little and specific skills ("HIPAA", "SQL", "budget forecasting") weigh much.
3. **Key terms.** The ``top_n`` heaviest terms; their weights are rescaled to add up to 1.
4. **Score.** The sum of the weights of the key terms the resume contains, as whole words or
   phrases, never inside another word ("R" does not match "React", "Java" not "JavaScript").
   A score of 0.62 means the resume shows 62% of what the posting asks for, each thing weighted by
   how specific it is to this job; ``MatchReport.terms`` lists each term's share.
"""

from __future__ import annotations

import functools
import math
import os
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from prep_lib.errors import MatchingError
from prep_lib.paths import user_path

DEFAULT_TOP_N = 40
BOILERPLATE_WEIGHT = 0.2
MAX_CHARS = 300_000  # longer pasted text is refused: a posting or resume is far shorter
DATA_DIR = Path(__file__).with_name("data")
REFERENCE_POSTINGS = DATA_DIR / "reference_postings.md"
BUILTIN_SYNONYMS = DATA_DIR / "synonyms.txt"
USER_SYNONYMS = "synonyms.txt"  # in the user's data folder

# --------------------------------------------------------------------------------------------
# Words

_WORD = r"""
      [a-z0-9]{1,2}(?:/[a-z0-9]{1,2})+(?![\w/])      # A/B, CI/CD, I/O
    | [a-z]{1,2}&[a-z]{1,2}(?![\w&])                # P&L, R&D, AT&T
    | (?<![\w.])\.[a-z][a-z0-9]*                    # .NET
    | [a-z0-9](?:[a-z0-9+\#]|[.'’](?=[a-z0-9]))*    # C++, C#, Node.js, Bachelor's
      (?:(?<=\d)\([a-z]\))?                         # 401(k)
"""
_BREAK = r"""
      [.,;:!?()\[\]{}<>"“”|•·…–—/\\&+*=~]           # punctuation ends a phrase
    | \n[ \t]*(?=\n|[^\w\s])                        # so does a blank line, bullet or heading
    | \s-\s
"""
_ADDRESS = r"""
      [\w.+-]+@[\w-]+(?:\.[\w-]+)+                  # e-mail addresses
    | (?:https?://|www\.)[^\s<>"]+                   # web addresses
"""
_TOKEN_RE = re.compile(rf"{_ADDRESS}|({_WORD})|{_BREAK}", re.IGNORECASE | re.VERBOSE)

# Common function words never count as terms; these few in scikit-learn's list are job words.
_JOB_WORDS = {
    "back", "bill", "bottom", "call", "detail", "fill", "fire", "front", "full", "interest",
    "move", "name", "part", "show", "side", "six", "system", "top",
}  # fmt: skip
STOP_WORDS = frozenset(
    (ENGLISH_STOP_WORDS - _JOB_WORDS)
    | {"e.g", "i.e", "eg", "ie", "etc", "via", "per", "will", "can", "does", "did", "doing"}
    | {"including"}
)
_JOINER = "of"  # may sit inside a three-word phrase: "point of service", "bachelor of science"
_LETTER_WORDS = {"c", "r"}
_NUMBERED_TERM = re.compile(r"\.[a-z].*|\d+\([a-z]\)|\d+k|\d[dg]")  # .NET, 401(k), 401k, 3D, 5G
# Words whose meaning depends on capitals: "IT" is not "it", "Go" the language is not "go".
_CASED_WORDS = {"IT": ("information", "technology"), "Go": ("golang",), "GO": ("golang",)}


def _plain_word(raw: str) -> str:
    """Lower-case, drop a possessive 's and make plural words singular."""
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


_NOT_PLURAL = ("ss", "us", "is")


def _is_term_word(word: str) -> bool:
    return bool(word) and word not in STOP_WORDS


class _Analyzer:
    """Turns text into normalised words, with the synonym list applied."""

    def __init__(self, synonyms: Mapping[str, str]):
        self._cache: dict[str, tuple[str, ...]] = {}
        self._single: dict[str, str] = {}
        self._phrases: dict[tuple[str, ...], tuple[str, ...]] = {}
        for variant, canonical in synonyms.items():
            key, value = self._plain(variant), self._plain(canonical)
            if not key or not value or len(key) > 3 or len(value) > 3:
                raise MatchingError(
                    f"The synonym {variant!r} = {canonical!r} cannot be used: each side needs "
                    "one to three words. Fix or remove that line of the synonym list."
                )
            if len(key) == 1 and len(value) == 1:
                self._single[key[0]] = value[0]
            elif key != value:
                self._phrases[key] = value
        self._starts = {key[0] for key in self._phrases}

    @staticmethod
    def _plain(text: str) -> tuple[str, ...]:
        return tuple(_plain_word(m[1]) for m in _TOKEN_RE.finditer(text) if m[1])

    def word(self, raw: str) -> tuple[str, ...]:
        """The normalised form of one word as written (usually one word; '' never counts)."""
        found = self._cache.get(raw)
        if found is None:
            if raw in _CASED_WORDS:
                found = _CASED_WORDS[raw]
            else:
                word = _plain_word(raw)
                if (not word[0].isalpha() and not _NUMBERED_TERM.fullmatch(word)) or "'" in word:
                    word = ""  # numbers, dates, amounts ("1.7bn", "31st") and contractions
                elif len(word) == 1 and word not in _LETTER_WORDS:
                    word = ""
                found = (self._single.get(word, word),)
            if len(self._cache) > 500_000:  # bulk ranking of varied text: keep memory bounded
                self._cache.clear()
            self._cache[raw] = found
        return found

    def words(self, text: str) -> tuple[list[str], list[tuple[int, int]]]:
        """Normalised words of ``text`` and where each was written; '' marks a phrase break."""
        words: list[str] = []
        spans: list[tuple[int, int]] = []
        for match in _TOKEN_RE.finditer(text):
            raw = match[1]
            if raw is None:
                words.append("")
                spans.append(match.span())
                continue
            for word in self.word(raw):
                words.append(word)
                spans.append(match.span())
        if self._phrases and not self._starts.isdisjoint(words):
            words, spans = self._rewrite_phrases(words, spans)
        return words, spans

    def _rewrite_phrases(self, words, spans):
        out: list[str] = []
        out_spans: list[tuple[int, int]] = []
        i, n = 0, len(words)
        while i < n:
            for size in (3, 2, 1):
                value = self._phrases.get(tuple(words[i : i + size])) if i + size <= n else None
                if value:
                    span = (spans[i][0], spans[i + size - 1][1])
                    out.extend(value)
                    out_spans.extend([span] * len(value))
                    i += size
                    break
            else:
                out.append(words[i])
                out_spans.append(spans[i])
                i += 1
        return out, out_spans


def _grams(words: Sequence[str]) -> set[str]:
    """Every run of one to three words inside a phrase: what a text contains, for matching."""
    found = {w for w in words if w}
    for i in range(len(words) - 1):
        a, b = words[i], words[i + 1]
        if a and b:
            found.add(f"{a} {b}")
            if i + 2 < len(words) and words[i + 2]:
                found.add(f"{a} {b} {words[i + 2]}")
    return found


def _term_grams(words: Sequence[str]):
    """(start, size, key) of each possible term: no break inside, no common word at either end."""
    n = len(words)
    for i, a in enumerate(words):
        if not _is_term_word(a):
            continue
        yield i, 1, a
        if i + 1 < n:
            b = words[i + 1]
            if _is_term_word(b):
                yield i, 2, f"{a} {b}"
            if i + 2 < n and (b == _JOINER or _is_term_word(b)) and _is_term_word(words[i + 2]):
                yield i, 3, f"{a} {b} {words[i + 2]}"


# --------------------------------------------------------------------------------------------
# Synonyms and the reference postings


def load_synonyms(path: str | os.PathLike | None = None) -> dict[str, str]:
    """The synonym list: the built-in one, then the user's own file on top of it.

    The user's file is ``synonyms.txt`` in their data folder (or ``path``), in the same format as
    the built-in ``prep_lib/data/synonyms.txt``: one ``variant = canonical form`` per line, ``#``
    starts a comment. A missing user file is fine; a malformed line raises ``MatchingError``.
    """
    synonyms = _parse_synonyms(BUILTIN_SYNONYMS)
    own = Path(path) if path is not None else user_path(USER_SYNONYMS)
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
def _analyzer(synonym_items: tuple[tuple[str, str], ...]) -> _Analyzer:
    return _Analyzer(dict(synonym_items))


def _analyzer_for(synonyms: Mapping[str, str] | None) -> _Analyzer:
    if synonyms is None:
        synonyms = load_synonyms()
    elif not isinstance(synonyms, Mapping):
        raise MatchingError("synonyms must be a mapping of variant to canonical form, or None.")
    return _analyzer(tuple(sorted(synonyms.items())))


def reference_postings() -> list[str]:
    """The short job ads shipped with the package, written to learn which words are common."""
    text = REFERENCE_POSTINGS.read_text(encoding="utf-8")
    return [part.strip() for part in re.split(r"^(?=# )", text, flags=re.M) if part.startswith("#")]


class _DocFreq:
    """How many documents use each term: the reference postings plus the company's postings.

    A term of everyday English counts as used by at least as many postings as its frequency in
    English (from wordfreq) predicts for ``EVERYDAY_WORDS`` words of ordinary text per posting, so
    that words a small reference corpus never saw ("closely", "consider") still weigh little. A
    phrase is as common as its words together (wordfreq's estimate: 1 / Σ 1/f). Words that are
    skills in their own right ("R", "C") are exempt.
    """

    def __init__(
        self, counts: Mapping[str, int], n_docs: int, extra: Mapping[str, int] | None = None
    ):
        self.counts, self.n_docs, self.extra = counts, n_docs, extra or {}

    def df(self, key: str) -> int:
        return self.counts.get(key, 0) + self.extra.get(key, 0)

    def share(self, key: str) -> float:
        """The share of postings taken to use the term."""
        return max(self.df(key) / self.n_docs, _everyday_share(key))

    def idf(self, key: str) -> float:
        return math.log((1 + self.n_docs) / (1 + self.n_docs * self.share(key))) + 1

    def with_documents(self, analyzer: _Analyzer, texts: Sequence[str]) -> _DocFreq:
        extra = _document_frequencies(analyzer, texts)
        return _DocFreq(self.counts, self.n_docs + len(texts), extra)


EVERYDAY_WORDS = 2000


@functools.cache
def _english_frequencies() -> dict[str, float]:
    import wordfreq

    return wordfreq.get_frequency_dict("en", wordlist="small")


@functools.lru_cache(maxsize=200_000)
def _everyday_share(key: str) -> float:
    """The share of ordinary texts of EVERYDAY_WORDS words expected to use this term."""
    frequencies = _english_frequencies()
    inverse = 0.0
    for word in key.split(" "):
        if word == _JOINER:
            continue
        frequency = frequencies.get(word, 0.0)
        if frequency == 0.0 or word in _LETTER_WORDS:
            return 0.0
        inverse += 1 / frequency
    return -math.expm1(-EVERYDAY_WORDS / inverse)


def _document_frequencies(analyzer: _Analyzer, texts: Iterable[str]) -> Counter:
    df: Counter = Counter()
    for text in texts:
        words, _ = analyzer.words(text)
        df.update({key for _, _, key in _term_grams(words)})
    return df


@functools.lru_cache(maxsize=4)
def _reference_df(analyzer: _Analyzer) -> _DocFreq:
    docs = reference_postings()
    return _DocFreq(_document_frequencies(analyzer, docs), len(docs))


def _doc_freq(analyzer: _Analyzer, company_postings: Sequence[str]) -> _DocFreq:
    reference = _reference_df(analyzer)
    return reference.with_documents(analyzer, company_postings) if company_postings else reference


# --------------------------------------------------------------------------------------------
# Boilerplate parts of a posting

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
        |location|employer|date|url|closing|reference|contact|interview|job\ type|schedule
        |employment\ type|hours|working\ hours)\b""",
    re.I | re.X,
)
_BOILERPLATE_CUE = re.compile(
    r"""\b(?:equal\ (?:employment\ )?opportunit|without\ regard\ to|regardless\ of
        |affirmative\ action|reasonable\ accommodation|e-?verify|benefits?\ package)""",
    re.I | re.X,
)
_SENTENCE_END = re.compile(r"[.!?\n]")
_ABOUT_NAME = re.compile(r"^\W*about\s+(?!us\b|the\b|our\b|this\b|you)(?P<name>.+)$", re.I)
_EOE_NAME = re.compile(
    r"(?P<name>(?:[A-Z][\w&.'’-]*\s+){0,4}[A-Z][\w&.'’-]*)\s+is\s+(?:an?\s+|proud\s+to\s+be\s+an?\s+)"
    r"equal\s+(?:employment\s+)?opportunity"
)


def _part_weights(text: str) -> list[tuple[int, int, float]]:
    """(start, end, weight) of the parts of a posting whose words count less than 1.

    Headings count 0 ("What you bring" is not a skill; the title on the first line still counts);
    sections under a boilerplate heading, "Benefits: ..." lines and sentences such as "... is an
    equal opportunity employer" count ``BOILERPLATE_WEIGHT``.
    """
    parts: list[tuple[int, int, float]] = []
    start: int | None = None
    for match in _HEADING_RE.finditer(text):
        heading = match["md"] or match["bold"] or match["label"] or match["caps"] or ""
        boiler = bool(_BOILERPLATE_HEADING.match(heading))
        if match["caps"] and len(heading.split()) > 6:
            continue  # a long line in capitals is not a heading
        if match["label"] and match["rest"].strip():
            if boiler:  # "Benefits: medical, dental ..." - just this line
                parts.append((*match.span(), BOILERPLATE_WEIGHT))
            continue
        if text[: match.start()].strip():
            parts.append((*match.span(), 0.0))
        if start is not None:
            parts.append((start, match.start(), BOILERPLATE_WEIGHT))
            start = None
        if boiler:
            start = match.end()
    if start is not None:
        parts.append((start, len(text), BOILERPLATE_WEIGHT))
    for cue in _BOILERPLATE_CUE.finditer(text):  # the whole sentence around the cue
        start = max(text.rfind(mark, 0, cue.start()) for mark in ".!?\n") + 1
        end = _SENTENCE_END.search(text, cue.end())
        parts.append((start, end.end() if end else len(text), BOILERPLATE_WEIGHT))
    return sorted(parts)


def _employer_names(analyzer: _Analyzer, text: str) -> set[str]:
    """The words of the employer's name, from "About <name>" headings and EEO sentences."""
    names = {m["name"] for m in _EOE_NAME.finditer(text)}
    for match in _HEADING_RE.finditer(text):
        heading = (match["md"] or match["bold"] or match["caps"] or "").strip()
        if about := _ABOUT_NAME.match(heading):
            names.add(about["name"])
    words: set[str] = set()
    for name in names:
        found = [w for w in analyzer.words(name)[0] if _is_term_word(w)]
        if len(found) <= 4:
            words.update(found)
    return words


# --------------------------------------------------------------------------------------------
# A posting's weighted terms


@dataclass(frozen=True)
class KeyTerm:
    """One key term of a posting. ``weight`` is its share of the key terms' total weight."""

    term: str  # as the posting writes it
    key: str  # normalised form, used for matching
    weight: float


class _Posting:
    """The weighted terms of one posting; ``places`` keeps where each was written (for display)."""

    def __init__(self, analyzer: _Analyzer, text: str, df: _DocFreq, *, keep_places: bool):
        words, spans = analyzer.words(text)
        factors = _word_factors(spans, _part_weights(text))
        counts: dict[str, float] = {}
        places: dict[str, list[tuple[int, int]]] = {}
        for i, size, key in _term_grams(words):
            counts[key] = counts.get(key, 0.0) + factors[i]
            if keep_places:
                places.setdefault(key, []).append((spans[i][0], spans[i + size - 1][1]))
        names = _capitalised_names(text, words, spans)
        named = {n for n in names if _uncommon(n, df, in_job_ads=NAME_SHARE)}
        phrases = sorted(
            (
                k
                for k in counts
                if " " in k
                and (counts[k] >= 2 or k in named or df.extra.get(k) or df.counts.get(k, 0) >= 2)
                and _uncommon(k, df)
            ),
            key=lambda k: (-k.count(" "), k),
        )
        for phrase in phrases:  # words inside a phrase count toward the phrase
            inside = counts[phrase]
            if inside <= 0:
                continue
            parts = phrase.split(" ")
            for sub in {*parts, " ".join(parts[:2]), " ".join(parts[1:])} - {phrase}:
                if sub in counts:
                    counts[sub] -= inside
        kept = {k for k in counts if " " not in k} | set(phrases)
        names = _employer_names(analyzer, text)
        kept = {k for k in kept if not set(k.split(" ")) <= names}
        self.weights = {k: df.idf(k) * math.log1p(counts[k]) for k in kept if counts[k] > 1e-9}
        self.places = places
        self.text = text

    def key_terms(self, top_n: int) -> list[tuple[str, float]]:
        """The ``top_n`` heaviest (key, weight) pairs, heaviest first, ties in a fixed order."""
        ranked = sorted(self.weights.items(), key=lambda kv: (-kv[1], kv[0]))[:top_n]
        total = sum(w for _, w in ranked)
        return [(k, w / total) for k, w in ranked] if total else []

    def surface(self, key: str) -> str:
        """How the posting writes a term: its most frequent form, lower case on a tie."""
        forms = Counter(" ".join(self.text[a:b].split()) for a, b in self.places.get(key, ()))
        if not forms:
            return key
        return min(forms, key=lambda f: (-forms[f], sum(ch.isupper() for ch in f), f))


# A phrase is a term when it is used twice, by the company's other postings or by two reference
# postings, or written as a name; and only when none of its words is used by PHRASE_SHARE or more
# of everyday texts ("know React" is not a phrase). A name's words must also be used by fewer than
# NAME_SHARE of the reference postings ("Preferred Qualifications" is not a name).
PHRASE_SHARE = 0.5
NAME_SHARE = 0.1


def _uncommon(phrase: str, df: _DocFreq, *, in_job_ads: float = 1.0) -> bool:
    return all(
        df.df(w) < in_job_ads * df.n_docs and _everyday_share(w) < PHRASE_SHARE
        for w in phrase.split(" ")
        if w != _JOINER
    )


def _capitalised_names(text: str, words: Sequence[str], spans) -> set[str]:
    """Runs of two or three capitalised words, such as "Power BI" or "Lean Six Sigma".

    A word that starts a sentence or a line starts a name only when the next word is capitalised
    too ("Epic Cadence" but not "Knowledge of HIPAA" or "Strong experience").
    """
    capital = [
        _is_term_word(w) and text[a:b] != text[a:b].lower()
        for w, (a, b) in zip(words, spans, strict=True)
    ] + [False]
    names: set[str] = set()
    i, n = 0, len(words)
    while i < n:
        if not capital[i] or (_starts_sentence(text, spans[i][0]) and not capital[i + 1]):
            i += 1
            continue
        j = i + 1
        while j < n and (capital[j] or (words[j] == _JOINER and capital[j + 1])):
            j += 1
        if 2 <= j - i <= 3:
            names.add(" ".join(words[i:j]))
        i = j
    return names


def _starts_sentence(text: str, position: int) -> bool:
    before = text[:position].rstrip(" \t*#>-•·_")
    return not before or before[-1] in ".!?:\n"


def _word_factors(spans: Sequence[tuple[int, int]], parts: Sequence[tuple[int, int, float]]):
    """For each word, the smallest weight of the parts it falls in (1 outside all of them)."""
    factors = [1.0] * len(spans)
    if parts:
        starts = [a for a, _, _ in parts]
        for i, (position, _) in enumerate(spans):
            for a, b, weight in parts[: bisect_right(starts, position)]:
                if a <= position < b and weight < factors[i]:
                    factors[i] = weight
    return factors


# --------------------------------------------------------------------------------------------
# Input checks


def require_text(value, what: str, *, allow_empty: bool = False) -> str:
    """Check that ``value`` is usable text for the ``what`` (e.g. "posting"); return it.

    Raises ``MatchingError`` naming the problem and the fix: not text, empty, or far too long.
    """
    if isinstance(value, bytes | bytearray):
        raise MatchingError(
            f"The {what} was given as raw bytes. Read files with prep_lib.documents.load_text "
            "(or the upload button), which turns them into text."
        )
    if not isinstance(value, str):
        raise MatchingError(f"The {what} must be text, not {type(value).__name__}.")
    if len(value) > MAX_CHARS:
        raise MatchingError(
            f"The {what} is {len(value):,} characters long, more than the {MAX_CHARS:,} this "
            f"tool reads. Paste only the {what} itself, not a whole web page or several files."
        )
    if not allow_empty and not value.strip():
        raise MatchingError(f"The {what} is empty. Paste its text or upload the file.")
    return value


def _check_top_n(top_n) -> int:
    if isinstance(top_n, bool) or not isinstance(top_n, int) or top_n < 1:
        raise MatchingError(
            f"The number of key terms must be a whole number from 1 up, not {top_n!r}."
        )
    return top_n


def _posting_model(
    posting: str,
    analyzer: _Analyzer,
    company_postings: Sequence[str],
    *,
    keep_places: bool,
) -> _Posting:
    require_text(posting, "posting")
    company = _company_texts(company_postings)
    return _Posting(analyzer, posting, _doc_freq(analyzer, company), keep_places=keep_places)


def _company_texts(company_postings) -> list[str]:
    if isinstance(company_postings, str):
        raise MatchingError(
            "company_postings must be a list of postings, not one text. Wrap it in a list."
        )
    if isinstance(company_postings, Mapping):
        company_postings = list(company_postings.values())
    texts = [
        require_text(t, f"company posting no. {i + 1}") for i, t in enumerate(company_postings)
    ]
    return [t for t in texts if t.strip()]


def _no_terms_error() -> MatchingError:
    return MatchingError(
        "The posting has no words that can be compared: only numbers or very common words. "
        "Paste the whole posting, with its duties and requirements."
    )


# --------------------------------------------------------------------------------------------
# Public API


def normalise_term(phrase: str, *, synonyms: Mapping[str, str] | None = None) -> str:
    """The form a term is matched by: lower case, singular, synonyms applied.

    ``normalise_term("MS Excel") == "excel"``; ``normalise_term("Bachelor's degrees") ==
    "bachelor degree"``.
    """
    words, _ = _analyzer_for(synonyms).words(require_text(phrase, "term"))
    return " ".join(w for w in words if w)


def extract_terms(
    posting: str,
    *,
    top_n: int = DEFAULT_TOP_N,
    company_postings: Sequence[str] = (),
    synonyms: Mapping[str, str] | None = None,
) -> list[KeyTerm]:
    """The posting's ``top_n`` key terms, heaviest first, as the posting writes them.

    ``company_postings`` are the employer's other postings: terms they all use weigh less.
    ``synonyms`` maps variants to canonical forms; None means ``load_synonyms()``.
    Raises ``MatchingError`` when the posting is not text, is empty or has no usable words.
    """
    model = _posting_model(posting, _analyzer_for(synonyms), company_postings, keep_places=True)
    keys = model.key_terms(_check_top_n(top_n))
    if not keys:
        raise _no_terms_error()
    return [KeyTerm(model.surface(k), k, w) for k, w in keys]


def compare(
    posting: str,
    resume: str,
    *,
    company_postings: Sequence[str] | Mapping[str, str] = (),
    top_n: int = DEFAULT_TOP_N,
    synonyms: Mapping[str, str] | None = None,
) -> MatchReport:
    """Compare a resume with a posting: the score, and which key terms the resume proves.

    ``company_postings`` (optional) are the employer's other postings, as texts or a mapping of
    name to text: terms all of them use weigh a little less here, and the report lists what the
    company asks for across them (``company_themes``). ``top_n`` is the number of key terms.
    The score is the share of the key terms' weight found in the resume (see the module's help).
    Raises ``MatchingError`` for a posting or resume that is not text, is empty or is far too long.
    """
    analyzer = _analyzer_for(synonyms)
    top_n = _check_top_n(top_n)
    require_text(resume, "resume")
    company = _company_texts(company_postings)
    model = _posting_model(posting, analyzer, company, keep_places=True)
    keys = model.key_terms(top_n)
    if not keys:
        raise _no_terms_error()
    words, spans = analyzer.words(resume)
    grams = _grams(words)
    evidence = _evidence(resume, words, spans, [k for k, _ in keys if k in grams])
    terms = pd.DataFrame(
        {
            "term": [model.surface(k) for k, _ in keys],
            "weight": [w for _, w in keys],
            "in_resume": [k in grams for k, _ in keys],
            "evidence": [evidence.get(k, "") for k, _ in keys],
        }
    )
    themes = _company_themes(analyzer, posting, company, grams) if company else _no_themes()
    return MatchReport(
        score=_coverage(keys, grams), terms=terms, company_themes=themes, title=_title(posting)
    )


def relevance(
    posting: str,
    texts: Sequence[str],
    *,
    company_postings: Sequence[str] | Mapping[str, str] = (),
    top_n: int = DEFAULT_TOP_N,
    synonyms: Mapping[str, str] | None = None,
) -> list[float]:
    """For each text, how much of the posting's key-term weight it covers (0–1).

    The same scale and definition as ``compare(posting, text).score``, computed once for the
    posting, so thousands of short texts (STAR stories, cover-letter paragraphs) are quick.
    An empty text scores 0.0.
    """
    analyzer = _analyzer_for(synonyms)
    keys = _posting_model(posting, analyzer, company_postings, keep_places=False).key_terms(
        _check_top_n(top_n)
    )
    if not keys:
        raise _no_terms_error()
    if isinstance(texts, str | bytes) or not isinstance(texts, Iterable):
        raise MatchingError("texts must be a list of texts; wrap a single text in a list.")
    scores = []
    for number, text in enumerate(texts, start=1):
        require_text(text, f"text no. {number}", allow_empty=True)
        scores.append(_coverage(keys, _grams(analyzer.words(text)[0])) if text.strip() else 0.0)
    return scores


def rank_postings(
    resume: str,
    postings: Sequence[str] | Mapping[str, str],
    *,
    top_n: int = DEFAULT_TOP_N,
    synonyms: Mapping[str, str] | None = None,
    shown: int = 3,
) -> pd.DataFrame:
    """Score one resume against many postings, best match first.

    ``postings`` is a list of texts (named by their position) or a mapping of name to text.
    Each score is ``compare(posting, resume).score`` for that posting alone. Columns: ``posting``
    (name or position), ``title`` (the posting's first line), ``score``, and the heaviest
    ``shown`` key terms ``matched`` and ``missing`` (comma-separated). An empty posting scores 0.
    """
    analyzer = _analyzer_for(synonyms)
    top_n = _check_top_n(top_n)
    grams = _grams(analyzer.words(require_text(resume, "resume"))[0])
    if isinstance(postings, Mapping):
        names, texts = list(postings.keys()), list(postings.values())
    elif isinstance(postings, str | bytes) or not isinstance(postings, Iterable):
        raise MatchingError("postings must be a list of texts or a mapping of name to text.")
    else:
        texts = list(postings)
        names = list(range(len(texts)))
    reference = _reference_df(analyzer)
    rows = []
    for name, text in zip(names, texts, strict=True):
        require_text(text, f"posting {name!r}", allow_empty=True)
        model = _Posting(analyzer, text, reference, keep_places=True)
        keys = model.key_terms(top_n)
        matched = [k for k, _ in keys if k in grams]
        missing = [k for k, _ in keys if k not in grams]
        rows.append(
            (
                name,
                _title(text),
                _coverage(keys, grams),
                ", ".join(model.surface(k) for k in matched[:shown]),
                ", ".join(model.surface(k) for k in missing[:shown]),
            )
        )
    frame = pd.DataFrame(rows, columns=["posting", "title", "score", "matched", "missing"])
    return frame.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)


def _coverage(keys: Sequence[tuple[str, float]], grams: set[str]) -> float:
    return min(1.0, sum(w for k, w in keys if k in grams))


def _title(text: str) -> str:
    for line in text.splitlines():
        line = _MARKUP.sub("", line).strip()
        if line:
            return line if len(line) <= 80 else line[:79] + "…"
    return ""


# --------------------------------------------------------------------------------------------
# Evidence and company themes

_MARKUP = re.compile(r"^[\s>#*•·+\-–—]+|\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")


def _resume_items(text: str) -> tuple[list[int], list[str]]:
    """The resume's lines (a line that continues a wrapped sentence joins the one before)."""
    starts: list[int] = []
    items: list[str] = []
    position = 0
    joinable = False
    for line in text.splitlines(keepends=True):
        clean = _MARKUP.sub("", line).strip()
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


def _evidence(text: str, words, spans, keys: Iterable[str], per_term: int = 2) -> dict[str, str]:
    """For each key term found in the resume, the (at most two) resume lines that contain it."""
    starts, items = _resume_items(text)
    at: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        at.setdefault(word, []).append(i)
    found = {}
    for key in keys:
        parts = key.split(" ")
        lines: list[int] = []
        for i in at.get(parts[0], ()):
            if words[i : i + len(parts)] == parts:
                line = bisect_right(starts, spans[i][0]) - 1
                if line >= 0 and line not in lines:
                    lines.append(line)
                if len(lines) == per_term:
                    break
        found[key] = "\n".join(items[line] for line in lines)
    return found


def _no_themes() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "term": pd.Series(dtype=str),
            "weight": pd.Series(dtype=float),
            "postings": pd.Series(dtype=int),
            "in_resume": pd.Series(dtype=bool),
        }
    )


def _company_themes(analyzer, posting: str, company: Sequence[str], grams, top: int = 12):
    """Terms heavy across the posting and the company's other postings (used by two or more)."""
    docs = [
        _Posting(analyzer, d, _reference_df(analyzer), keep_places=True)
        for d in (posting, *company)
    ]
    share: Counter = Counter()
    used: Counter = Counter()
    where: dict[str, _Posting] = {}
    for doc in docs:
        for key, weight in doc.key_terms(DEFAULT_TOP_N):
            share[key] += weight / len(docs)
            used[key] += 1
            where.setdefault(key, doc)
    keys = sorted((k for k in share if used[k] >= 2), key=lambda k: (-share[k], k))[:top]
    if not keys:
        return _no_themes()
    return pd.DataFrame(
        {
            "term": [where[k].surface(k) for k in keys],
            "weight": [share[k] for k in keys],
            "postings": [used[k] for k in keys],
            "in_resume": [k in grams for k in keys],
        }
    )


# --------------------------------------------------------------------------------------------
# The report


@dataclass(frozen=True, eq=False)
class MatchReport:
    """What ``compare`` found.

    ``score``: 0–1, the share of the posting's key-term weight the resume shows.
    ``terms``: one row per key term, heaviest first: ``term`` (as the posting writes it),
    ``weight`` (its share; all weights add up to 1), ``in_resume`` (bool) and ``evidence`` (the
    resume lines containing it, one per line of text; '' when missing). The score is the sum of
    ``weight`` over the rows with ``in_resume``.
    ``company_themes``: terms heavy across the company's postings: ``term``, ``weight`` (mean
    share), ``postings`` (how many of them list it as a key term), ``in_resume``; empty when no
    company postings were given. ``title``: the posting's first line.
    """

    score: float
    terms: pd.DataFrame
    company_themes: pd.DataFrame
    title: str = ""

    @property
    def matched(self) -> list[str]:
        """Key terms the resume contains, heaviest first."""
        return self.terms.loc[self.terms["in_resume"], "term"].tolist()

    @property
    def missing(self) -> list[str]:
        """Key terms the resume lacks, heaviest first: prepare an example for each."""
        return self.terms.loc[~self.terms["in_resume"], "term"].tolist()

    def summary(self) -> str:
        """One sentence saying what the score means."""
        return (
            f"Your resume shows {self.score:.0%} of what this posting asks for: "
            f"{len(self.matched)} of its {len(self.terms)} key terms, each weighted by how "
            "specific it is to this job."
        )

    def to_frame(self) -> pd.DataFrame:
        """The key terms as a table (a copy of ``terms``), for saving as CSV."""
        return self.terms.copy()

    def plot(self, ax=None, *, top: int = 20):
        """Horizontal bars of the ``top`` heaviest key terms; missing ones hatched and outlined."""
        import matplotlib.pyplot as plt
        from matplotlib.patches import Patch

        if ax is None:
            _, ax = plt.subplots(figsize=(7, 1.2 + 0.28 * min(top, len(self.terms))))
        rows = self.terms.head(top).iloc[::-1]
        found = rows["in_resume"].to_numpy()
        styles = {
            True: {"facecolor": "#2e7d32", "edgecolor": "#1b5e20", "hatch": ""},
            False: {"facecolor": "white", "edgecolor": "#b71c1c", "hatch": "///"},
        }
        for flag in (True, False):
            ax.barh(
                [i for i, f in enumerate(found) if f == flag],
                rows["weight"][found == flag] * 100,
                linewidth=1,
                **styles[flag],
            )
        ax.set_yticks(
            range(len(rows)),
            [f"{t}{'' if f else ' ✗'}" for t, f in zip(rows["term"], found, strict=True)],
        )
        ax.set_xlabel("share of the posting's key-term weight (%)")
        ax.set_title(f"Your resume covers {self.score:.0%} of the key-term weight")
        ax.legend(
            handles=[
                Patch(label="in your resume", **styles[True]),
                Patch(label="missing ✗ — prepare an example", **styles[False]),
            ],
            loc="lower right",
        )
        return ax

    def to_markdown(self) -> str:
        """The report as Markdown: score, proven terms with evidence, missing terms, themes."""
        lines = [
            f"# Match report: {_md(self.title) or 'job posting'}",
            "",
            f"**Score: {self.score:.0%}.** {self.summary()}",
            "",
            "## Key terms your resume proves",
            "",
        ]
        matched = self.terms[self.terms["in_resume"]]
        if len(matched):
            lines += ["| term | weight | where your resume shows it |", "| --- | ---: | --- |"]
            for row in matched.itertuples():
                proof = " / ".join(_md(line) for line in row.evidence.splitlines())
                lines.append(f"| {_md(row.term)} | {row.weight:.1%} | {proof} |")
        else:
            lines.append("None yet.")
        lines += ["", "## Missing: prepare an example for each", ""]
        missing = self.terms[~self.terms["in_resume"]]
        lines += [f"- {_md(r.term)} ({r.weight:.1%})" for r in missing.itertuples()] or ["None."]
        if len(self.company_themes):
            lines += [
                "",
                "## What the company asks for across its postings",
                "",
                "| term | postings | in your resume |",
                "| --- | ---: | --- |",
            ]
            for row in self.company_themes.itertuples():
                lines.append(
                    f"| {_md(row.term)} | {row.postings} | {'yes' if row.in_resume else 'no'} |"
                )
        return "\n".join(lines) + "\n"

    def save_markdown(self, path: str | os.PathLike | None = None) -> Path:
        """Write ``to_markdown()`` to ``path`` (default: the data folder); return the path."""
        return _write(path, self._file_name(".md"), self.to_markdown())

    def save_csv(self, path: str | os.PathLike | None = None) -> Path:
        """Write the key terms table as CSV to ``path`` (default: the data folder)."""
        return _write(path, self._file_name(".csv"), self.to_frame().to_csv(index=False))

    def _file_name(self, suffix: str) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-")[:50].strip("-")
        return f"match-{slug or 'report'}{suffix}"


def _md(text: str) -> str:
    """Text safe inside a Markdown table: pipes escaped, HTML shown as text."""
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _write(path, default_name: str, content: str) -> Path:
    """Write a file whole or not at all (a temporary file renamed into place)."""
    target = Path(path).expanduser() if path is not None else user_path(default_name)
    temporary = target.with_name(f".{target.name}.partial")
    try:
        temporary.write_text(content, encoding="utf-8")
        os.replace(temporary, target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise MatchingError(
            f"Cannot save {target} ({exc.strerror}). Choose a folder you can write to."
        ) from None
    return target
