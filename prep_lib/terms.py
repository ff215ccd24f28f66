"""Terms of job postings and resumes, and how much each term of a posting weighs.

Used by ``prep_lib.matching``; see its help for how the weights make the match score.

- **Words** keep the symbols skills are written with (C++, C#, .NET, Node.js, A/B, 401(k), P&L),
  are lower-cased, made singular and rewritten with the synonym list (``load_synonyms``). Common
  function words, numbers, dates, e-mail and web addresses never count.
- **Terms** are single words and phrases of two or three words ("prior authorization", "point of
  service"). A phrase counts when the posting uses it twice, when the company's other postings or
  two reference postings use it, or when it is written as a name ("Power BI", "Lean Six Sigma"),
  but not when it is the job title on the first line or its ending ("Access Manager"); a word
  used inside a phrase counts toward the phrase, not on its own. A resume is counted with the
  posting's phrases.
- **Weights**: ``idf × ln(1 + mentions)``. A mention under a boilerplate heading (benefits, about
  the company, how to apply), in a details line ("Company · Place · Full time") or in an
  equal-opportunity sentence counts ``BOILERPLATE_WEIGHT``; words of headings and of the
  employer's name do not count. ``idf = ln((1 + N) / (1 + N × s)) +
  1`` is scikit-learn's smoothed inverse document frequency, where ``s`` is the share of N
  postings that use the term: the reference postings shipped with the package plus the company's
  postings, and never less than its share in everyday English (wordfreq), so that words a small
  corpus never saw ("closely", "consider") still weigh little.
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
import os
import re
from collections import ChainMap, Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

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


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_PARAGRAPH = "\x00"  # stands for a blank line between paragraphs: a phrase break


class Analyzer:
    """Turns text into normalised words ('' marks a phrase break), with synonyms applied.

    A normalised word may hold a space when a synonym expands it ("ML" → "machine learning"):
    terms are words joined by spaces, so it matches the same phrase written out.
    """

    def __init__(self, synonyms: Mapping[str, str]):
        self._single: dict[str, str] = {}
        self._phrases: dict[tuple[str, ...], str] = {}
        self._words = _Cache(self._normalise)
        self._chunks = _Cache(self._chunk)
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
                self._phrases[key] = value
        self._starts = {key[0] for key in self._phrases}

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

    def _chunk(self, chunk: str) -> tuple[tuple[str, str], ...]:
        """(as written, normalised) for the words of a run of text without spaces."""
        raws = _TOKEN_RE.findall(_without_addresses(chunk)) or [""]
        return tuple((raw, self._words[raw]) for raw in raws)

    def tokens(self, text: str) -> tuple[list[str], list[str]]:
        """The words of ``text`` as written and normalised, in step ('' = phrase break).

        Text is cut at spaces, and each piece between spaces is looked up once: postings share
        most of them ("Python,", "(Cadence"), so bulk ranking reads each only the first time.
        """
        if len(self._chunks) > 300_000:  # bulk ranking of varied text: keep memory bounded
            self._chunks.clear()
            self._words.clear()
        chunks = _PARAGRAPH_BREAK.sub(f" {_PARAGRAPH} ", text).split()
        pairs = list(itertools.chain.from_iterable(map(self._chunks.__getitem__, chunks)))
        if not pairs:
            return [], []
        raws, words = map(list, zip(*pairs, strict=True))
        if self._starts and not self._starts.isdisjoint(words):
            raws, words, _ = self._rewrite(raws, words, None)
        return raws, words

    def words_of(self, chunks: list[str]) -> list[str]:
        """Normalised words of a few pieces of text without spaces (quicker than ``tokens``)."""
        words = [word for chunk in chunks for _, word in self._chunks[chunk]]
        if self._starts and not self._starts.isdisjoint(words):
            return self.tokens(" ".join(chunks))[1]
        return words

    def tokens_with_spans(self, text: str) -> tuple[list[str], list[str], list[tuple[int, int]]]:
        """Like ``tokens``, with the (start, end) of the piece of ``text`` each word is in."""
        raws, words, spans = [], [], []
        start = 0
        for gap in [*_PARAGRAPH_BREAK.finditer(text), None]:
            end = gap.start() if gap else len(text)
            for match in re.finditer(r"\S+", text[start:end]):
                for raw, word in self._chunks[match[0]]:
                    raws.append(raw)
                    words.append(word)
                    spans.append((start + match.start(), start + match.end()))
            if gap:
                raws.append("")
                words.append("")
                spans.append(gap.span())
                start = gap.end()
        if self._starts and not self._starts.isdisjoint(words):
            raws, words, spans = self._rewrite(raws, words, spans)
        return raws, words, spans

    def _rewrite(self, raws, words, spans):
        """Replace multi-word synonyms ("MS Excel" → "excel") by their canonical form."""
        out_raws, out_words, out_spans = [], [], []
        done = 0
        for i in [i for i, w in enumerate(words) if w in self._starts]:
            if i < done:
                continue
            for size in (3, 2):
                value = self._phrases.get(tuple(words[i : i + size]))
                if value:
                    out_raws += [*raws[done:i], " ".join(raws[i : i + size])]
                    out_words += [*words[done:i], value]
                    if spans is not None:
                        out_spans += [*spans[done:i], (spans[i][0], spans[i + size - 1][1])]
                    done = i + size
                    break
        out_raws += raws[done:]
        out_words += words[done:]
        if spans is not None:
            out_spans += spans[done:]
        return out_raws, out_words, out_spans if spans is not None else None


def _words_of(text: str) -> list[str]:
    return [raw for raw in _TOKEN_RE.findall(text) if raw]


def grams(words: Sequence[str]) -> set[str]:
    """Every run of one to three words without a break: what a text contains, for matching."""
    found = set(words)
    for i in range(len(words) - 1):
        a, b = words[i], words[i + 1]
        if a and b:
            found.add(f"{a} {b}")
            if i + 2 < len(words) and words[i + 2]:
                found.add(f"{a} {b} {words[i + 2]}")
    found.discard("")
    return found


def possible_terms(words: Sequence[str]) -> list[str]:
    """Each mention of a possible term: one to three words without a break, no "of" at an end."""
    single, phrases = _possible_terms(words)
    return single + phrases


def _possible_terms(words: Sequence[str]) -> tuple[list[str], list[str]]:
    """``possible_terms``, as the mentions of single words and those of phrases."""
    ends = [w if w != JOINER else "" for w in words]
    return list(filter(None, ends)), [
        *(f"{a} {b}" for a, b in itertools.pairwise(ends) if a and b),
        *(
            f"{a} {b} {c}"
            for a, b, c in zip(ends, words[1:], ends[2:], strict=False)
            if a and b and c
        ),
    ]


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
    """How many postings use each term, and the idf that follows (see the module's help)."""

    def __init__(
        self, counts: Mapping[str, int], n_docs: int, extra: Mapping[str, int] | None = None
    ):
        self.counts, self.n_docs, self.extra = counts, n_docs, extra or {}
        self.idf = _Cache(self._idf)  # idf[key]
        self._shares: dict[str, tuple[float, float]] = {}
        # phrases that two or more reference postings use, or any of the company's postings
        self.known_phrases = {k for k, n in counts.items() if n >= 2 and " " in k}
        self.known_phrases.update(k for k in self.extra if " " in k)

    def df(self, key: str) -> int:
        return self.counts.get(key, 0) + self.extra.get(key, 0)

    def share(self, key: str) -> float:
        """The share of postings taken to use the term."""
        return max(self.df(key) / self.n_docs, everyday_share(key))

    def _idf(self, key: str) -> float:
        if len(self.idf) > 1_000_000:  # bulk ranking of varied text: keep memory bounded
            self.idf.clear()
        n = self.n_docs
        return math.log((1 + n) / (1 + n * self.share(key))) + 1

    def uncommon(self, phrase: str, *, in_job_ads: float = 1.0) -> bool:
        """True when no word of ``phrase`` is common (see PHRASE_SHARE and NAME_SHARE)."""
        for word in phrase.split(" "):
            shares = self._shares.get(word)
            if shares is None:
                shares = self._shares[word] = (self.df(word) / self.n_docs, everyday_share(word))
            if word != JOINER and (shares[0] >= in_job_ads or shares[1] >= PHRASE_SHARE):
                return False
        return True

    def with_documents(self, analyzer: Analyzer, texts: Sequence[str]) -> DocFreq:
        """These frequencies with ``texts`` (the company's postings) counted too."""
        return DocFreq(
            self.counts, self.n_docs + len(texts), _document_frequencies(analyzer, texts)
        )


@functools.cache
def _english_frequencies() -> dict[str, float]:
    import wordfreq

    return wordfreq.get_frequency_dict("en", wordlist="small")


@functools.lru_cache(maxsize=200_000)
def everyday_share(key: str) -> float:
    """The share of everyday texts of EVERYDAY_WORDS words expected to use the term.

    A phrase is as common as its words together (1 / Σ 1/f, as wordfreq estimates phrases);
    the single letters that are skills ("R", "C") are exempt.
    """
    frequencies = _english_frequencies()
    inverse = 0.0
    for word in key.split(" "):
        if word == JOINER:
            continue
        frequency = frequencies.get(word, 0.0)
        if frequency == 0.0 or word in _LETTER_WORDS:
            return 0.0
        inverse += 1 / frequency
    return -math.expm1(-EVERYDAY_WORDS / inverse) if inverse else 0.0


def _document_frequencies(analyzer: Analyzer, texts: Iterable[str]) -> Counter:
    df: Counter = Counter()
    for text in texts:
        df.update(set(possible_terms(analyzer.tokens(text)[1])))
    return df


@functools.lru_cache(maxsize=4)
def reference_df(analyzer: Analyzer) -> DocFreq:
    """Document frequencies over the reference postings (computed once per analyzer)."""
    docs = reference_postings()
    return DocFreq(_document_frequencies(analyzer, docs), len(docs))


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
_BOILERPLATE_CUE = re.compile(  # searched in the lower-cased text
    r"equal (?:employment )?opportunit|without regard to|regardless of|affirmative action"
    r"|reasonable accommodation|e-?verify|benefits? package"
)
_SENTENCE_END = re.compile(r"[.!?\n]")
_ABOUT_NAME = re.compile(r"^\W*about\s+(?!us\b|the\b|our\b|this\b|you)(?P<name>.+)$", re.I)
_EOE_NAME = re.compile(
    r"(?P<name>(?:[A-Z][\w&.'’-]*\s+){0,4}[A-Z][\w&.'’-]*)\s+is\s+(?:an?\s+|proud\s+to\s+be\s+an?\s+)"
    r"equal\s+(?:employment\s+)?opportunity"
)
_NAME_WORD = r"[A-Z][\w+#.&/'’-]*"
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"  # spaces, or one line break (a wrapped line)
_CAPITAL_RUN = re.compile(
    rf"[A-Z](?<![\w.+#&/'’-][A-Z])[\w+#.&/'’-]*(?:{_GAP}(?:of{_GAP})?{_NAME_WORD})+"
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
        if text[: match.start()].strip():
            parts.append((*match.span(), 0.0))
        if start is not None:
            parts.append((start, match.start(), BOILERPLATE_WEIGHT))
            start = None
        if boiler:
            start = match.end()
    if start is not None:
        parts.append((start, len(text), BOILERPLATE_WEIGHT))
    for separator in _DETAILS_SEPARATOR.finditer(text):  # "Company · Place · Full time"
        begin = text.rfind("\n", 0, separator.start()) + 1
        end = text.find("\n", separator.end())
        if text[begin:end].strip()[:1] not in "·|•":  # not a bullet list
            parts.append((begin, end if end >= 0 else len(text), BOILERPLATE_WEIGHT))
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters grow when lower-cased: keep positions
        lowered = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    for cue in _BOILERPLATE_CUE.finditer(lowered):  # the whole sentence around the cue
        begin = max(text.rfind(mark, 0, cue.start()) for mark in ".!?\n") + 1
        found = _SENTENCE_END.search(text, cue.end())
        end = found.end() if found else len(text)
        parts.append((begin, end, BOILERPLATE_WEIGHT))
        names += [m["name"] for m in _EOE_NAME.finditer(text, begin, end)]
    return _pieces(parts, len(text)), names


def _pieces(parts: list[tuple[int, int, float]], length: int) -> list[tuple[int, int, float]]:
    """Non-overlapping pieces covering the text; where parts overlap, the smallest weight wins."""
    cuts = sorted({0, length, *(a for a, _, _ in parts), *(b for _, b, _ in parts)})
    pieces = []
    for a, b in itertools.pairwise(cuts):
        weight = min((w for s, e, w in parts if s <= a < e), default=1.0)
        if pieces and pieces[-1][2] == weight:
            pieces[-1] = (pieces[-1][0], b, weight)
        else:
            pieces.append((a, b, weight))
    return pieces


def _starts_sentence(text: str, position: int) -> bool:
    before = text[:position].rstrip(" \t*#>-•·_")
    return not before or before[-1] in ".!?:\n"


def _names(analyzer: Analyzer, text: str) -> set[str]:
    """Runs of two or three capitalised words, such as "Power BI" or "Lean Six Sigma".

    A word that starts a sentence or a line is left out when "of" follows it ("Knowledge of
    HIPAA" is not a name).
    """
    found: set[str] = set()
    for run in _CAPITAL_RUN.finditer(text):
        written = run[0].split()
        if _starts_sentence(text, run.start()) and written[1] == JOINER:
            written = written[2:]
        words = analyzer.words_of(written)
        while words and words[-1] == JOINER:
            words.pop()
        if 2 <= len(words) <= 3 and all(words):
            found.add(" ".join(words))
    return found


# --------------------------------------------------------------------------------------------
# A posting's weighted terms


def _title_parts(analyzer: Analyzer, text: str) -> set[str]:
    """The parts of the first line between punctuation: "Patient Access Manager, Outpatient
    Services" gives the job title and the department."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    words = analyzer.tokens(first)[1]
    parts = " ".join(w or "|" for w in words).split("|")
    return {part.strip() for part in parts if " " in part.strip()}


def _own_phrases(
    analyzer: Analyzer, text: str, multi: Mapping[str, float], df: DocFreq
) -> list[str]:
    """The phrases a text counts as terms, longest first (see the module's help).

    ``multi`` holds the mentions of each run of two or three words. The job title on the first
    line and its endings ("Access Manager") are left out: they name the job, not a skill."""
    candidates = {k for k, n in multi.items() if n >= 2}
    candidates |= df.known_phrases.intersection(multi)
    phrases = sorted((k for k in candidates if df.uncommon(k)), key=lambda k: (-k.count(" "), k))
    phrases += sorted(
        n
        for n in _names(analyzer, text).intersection(multi).difference(phrases)
        if df.uncommon(n, in_job_ads=NAME_SHARE)
    )
    phrases.sort(key=lambda k: -k.count(" "))
    title = _title_parts(analyzer, text)
    return [k for k in phrases if not any(f" {part}".endswith(f" {k}") for part in title)]


def fold_phrases(counts: Mapping[str, float], phrases: Sequence[str]) -> dict[str, float]:
    """Mentions of ``phrases`` and of the words inside them, once words inside a phrase count
    toward the phrase, not on their own. ``phrases`` must be ordered longest first; only the
    changed entries are returned."""
    changed: dict[str, float] = {}
    wanted = set(phrases)
    for phrase in phrases:
        if phrase not in counts:
            continue
        inside = changed.get(phrase, counts[phrase])
        changed[phrase] = inside
        parts = phrase.split(" ")
        for sub in {*parts, " ".join(parts[:2]), " ".join(parts[1:])} - {phrase}:
            if sub in counts:
                changed[sub] = changed.get(sub, counts[sub]) - inside
    return {k: n for k, n in changed.items() if " " not in k or k in wanted}


class PostingTerms:
    """The weighted terms of one text (see the module's help for the weights).

    ``phrases``: the phrases to count, longest first; by default the text's own (see the
    module's help). A resume is counted with the posting's phrases, so that both are vectors
    over the same terms. ``counts`` holds the mentions of every run of one to three words.
    """

    def __init__(
        self, analyzer: Analyzer, text: str, df: DocFreq, *, phrases: Sequence[str] | None = None
    ):
        pieces, employer = _structure(text)
        single: Counter = Counter()
        multi: Counter = Counter()
        raws: list[str] = []
        words: list[str] = []
        for weight in {w for _, _, w in pieces} - {0.0}:
            part = "\n\n".join(text[a:b] for a, b, w in pieces if w == weight)
            part_raws, part_words = analyzer.tokens(part)
            for counter, mentions in zip((single, multi), _possible_terms(part_words), strict=True):
                if weight == 1:
                    counter.update(mentions)
                else:
                    for key, n in Counter(mentions).items():
                        counter[key] += n * weight
            raws += ["", *part_raws]
            words += ["", *part_words]
        if phrases is None:
            phrases = _own_phrases(analyzer, text, multi, df)
        self.phrases = phrases
        self.raws, self.words, self.doc_freq = raws, words, df
        self.employer = {w for name in employer for w in analyzer.tokens(name)[1] if w}
        word_counts = dict(single)  # plain dicts: a Counter answers 0 for the other map's keys
        self.counts = ChainMap(word_counts, dict(multi))
        mentions = {**word_counts, **fold_phrases(self.counts, phrases)}
        self.weights = {k: w for k, w in self.weigh_mentions(mentions).items() if w}

    def weigh_mentions(self, mentions: Mapping[str, float]) -> dict[str, float]:
        """Each term's weight, ``idf × ln(1 + mentions)``; 0.0 for none and for the employer's
        name."""
        idf, employer = self.doc_freq.idf, self.employer
        return {
            k: idf[k] * math.log1p(n)
            if n > 1e-9 and not (employer and set(k.split(" ")) <= employer)
            else 0.0
            for k, n in mentions.items()
        }

    def key_terms(self, top_n: int) -> list[tuple[str, float]]:
        """The ``top_n`` heaviest (term, weight) pairs, heaviest first; weights add up to 1."""
        ranked = sorted(self.weights.items(), key=operator.itemgetter(1), reverse=True)[:top_n]
        total = sum(w for _, w in ranked)
        return [(k, w / total) for k, w in ranked] if total else []

    def surface(self, key: str) -> str:
        """How the posting writes a term: its most frequent form, lower case on a tie."""
        words, raws = self.words, self.raws
        parts = key.split(" ")
        forms: Counter = Counter()
        for first in {" ".join(parts[:k]) for k in range(1, len(parts) + 1)}:
            i = -1
            while (i := _index(words, first, i + 1)) >= 0:
                for size in (1, 2, 3):
                    if " ".join(words[i : i + size]) == key:
                        forms[" ".join(raws[i : i + size])] += 1
                        break
        if not forms:
            return key
        return min(forms, key=lambda f: (-forms[f], sum(ch.isupper() for ch in f), f))


def _index(items: list[str], item: str, start: int) -> int:
    try:
        return items.index(item, start)
    except ValueError:
        return -1
