"""One posting at a time: its key terms (``extract_terms``), a resume against it (``compare``),
and how much of its key-term weight short texts hold (``relevance``, for STAR stories)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from prep_lib.errors import MatchingError
from prep_lib.matching.engine import TermEngine, engine_for
from prep_lib.matching.evidence import evidence, places
from prep_lib.matching.inputs import (
    DEFAULT_TOP_N,
    check_top_n,
    company_texts,
    require_employer,
    require_readable,
    require_text,
    text_list,
)
from prep_lib.matching.kinds import NAMED, TITLE
from prep_lib.matching.report import MatchReport
from prep_lib.matching.sections import KIND_NAMES, SKIPPED, layout, title_of
from prep_lib.matching.themes import company_themes, no_themes
from prep_lib.matching.vectors import TermTable
from prep_lib.matching.words import term_codes, words_of

ZERO = 5e-5  # a contribution below this shows as 0.0 points


@dataclass(frozen=True)
class KeyTerm:
    """One key term of a posting. ``weight`` is its share of the key terms' total weight."""

    term: str  # as the posting writes it
    key: str  # normalised form, used for matching
    weight: float


def normalise_term(
    phrase: str,
    *,
    synonyms: Mapping[str, str] | None = None,
    engine: TermEngine | None = None,
) -> str:
    """The form a term is matched by: lower case, singular, synonyms applied.

    ``normalise_term("MS Excel") == "excel"``; ``normalise_term("Bachelor's degrees") ==
    "bachelor degree"``.
    """
    engine = engine_for(synonyms, engine)
    text = require_text(phrase, "term")
    words = engine.run(lambda: engine.analyzer.tokens(text)[1])
    return " ".join(w for w in words if w)


def extract_terms(
    posting: str,
    *,
    top_n: int = DEFAULT_TOP_N,
    company_postings: Sequence[str] | Mapping[str, str] = (),
    employer: str = "",
    synonyms: Mapping[str, str] | None = None,
    engine: TermEngine | None = None,
) -> list[KeyTerm]:
    """The posting's ``top_n`` key terms, heaviest first, as the posting writes them.

    ``company_postings`` are the employer's other postings: terms they all use weigh less.
    ``employer`` is the employer's name when known: it is never a key term, even where the
    posting names it only in passing ("Harbor Clinic is looking for…").
    ``synonyms`` maps variants to canonical forms; None means ``load_synonyms()``. ``engine``
    (instead of ``synonyms``) is the ``TermEngine`` to read with; by default a shared one.
    Raises ``MatchingError`` when the posting is not text, is empty or has no usable words.
    """
    engine = engine_for(synonyms, engine)
    company = company_texts(company_postings)
    employer = require_employer(employer)

    def work() -> list[KeyTerm]:
        terms, keys = _posting_terms(engine, posting, company, top_n, employer)
        text = engine.analyzer.ids.text
        forms = _surfaces(terms, keys)
        return [KeyTerm(f, text(k), w) for f, (k, w) in zip(forms, keys, strict=True)]

    return engine.run(work)


def compare(
    posting: str,
    resume: str,
    *,
    company_postings: Sequence[str] | Mapping[str, str] = (),
    employer: str = "",
    top_n: int = DEFAULT_TOP_N,
    synonyms: Mapping[str, str] | None = None,
    engine: TermEngine | None = None,
) -> MatchReport:
    """Compare a resume with a posting: the score, and which key terms the resume proves.

    ``company_postings`` (optional) are the employer's other postings, as texts or a mapping of
    name to text: terms all of them use weigh a little less here, and the report lists what the
    company asks for across them (``company_themes``). ``employer`` is the employer's name when
    known (an application's company): it is never a key term, even where the posting names it
    only in passing. ``top_n`` is the number of key terms.
    The score is the cosine similarity of their term weights (see ``prep_lib.matching``).
    Raises ``MatchingError`` for a posting or resume that is not text, is empty or is far too long.
    """
    engine = engine_for(synonyms, engine)
    require_readable(require_text(resume, "resume"), "resume")
    company = company_texts(company_postings)
    employer = require_employer(employer)
    return engine.run(lambda: _compare(engine, posting, resume, company, top_n, employer))


def _compare(
    engine: TermEngine,
    posting: str,
    resume: str,
    company: Sequence[str],
    top_n: int,
    employer: str = "",
) -> MatchReport:
    terms, keys = _posting_terms(engine, posting, company, top_n, employer)
    vector = engine.resume(resume, terms.doc_freq)
    parts = vector.contributions(terms)
    contributions = dict(zip(terms.code.tolist(), parts.tolist(), strict=True))
    found = set(vector.found.tolist())
    codes = np.array([k for k, _ in keys], dtype=np.int64)
    rows = terms.find(np.zeros(len(codes), dtype=np.int64), codes)
    text = engine.analyzer.ids.text
    names = {k: text(k) for k, _ in keys}
    raws, words, spans = engine.analyzer.tokens_with_spans(resume)
    quotes = evidence(resume, raws, words, spans, [names[k] for k, _ in keys if k in found])
    forms = _surfaces(terms, keys)
    table = pd.DataFrame(
        {
            "term": forms,
            "weight": [w for _, w in keys],
            "in_resume": [k in found for k, _ in keys],
            "evidence": [quotes[names[k]].text if names[k] in quotes else "" for k, _ in keys],
            "contribution": [contributions.get(k, 0.0) for k, _ in keys],
            "requirement": [KIND_NAMES.get(asked, "") for asked in terms.asked[rows].tolist()],
            "named": (terms.kind[rows] == NAMED).tolist(),
            "note": _notes(terms, keys, contributions, found),
        }
    )
    themes = company_themes(engine, posting, company, found) if company else no_themes()
    return MatchReport(
        score=float(vector.scores(terms, parts)[0]),
        terms=table,
        company_themes=themes,
        title=title_of(posting),
        beyond=_beyond(terms, keys, contributions),
        posting=posting,
        posting_marks=_posting_marks(
            engine, posting, keys, forms, set(table.loc[table["in_resume"], "term"])
        ),
        evidence_marks={
            form: quotes[names[k]].marks
            for form, (k, _) in zip(forms, keys, strict=True)
            if names[k] in quotes
        },
    )


def _notes(
    terms: TermTable,
    keys: list[tuple[int, float]],
    contributions: dict[int, float],
    found: set[int],
) -> list[str]:
    """Why a key term the resume uses adds nothing: its words there count toward a longer
    term of the posting ("Epic" written only in "Epic Cadence"), or it is a compound, listed
    to prepare but left out of the score."""
    compounds = set(terms.compound_code[terms.compound_doc == 0].tolist())
    phrases = terms.phrase_code[terms.phrase_doc == 0]
    inside = {int(p): set(words_of(np.array([p]))[0].tolist()) - {0} for p in phrases.tolist()}
    notes = []
    for code, _ in keys:
        if code not in found or contributions.get(code, 0.0) > ZERO:
            notes.append("")
            continue
        if code in compounds:
            notes.append("not part of the score: two everyday words read as one term")
            continue
        mine = set(words_of(np.array([code]))[0].tolist()) - {0}
        longer = [p for p, words in inside.items() if p != code and mine <= words and p in found]
        if longer:
            (form,) = terms.surfaces(np.zeros(1, dtype=np.int64), np.array(longer[:1]))
            notes.append(f"counted in “{form}”")
        else:
            notes.append("your resume uses it only where it is not counted (a heading)")
    return notes


def _beyond(
    terms: TermTable, keys: list[tuple[int, float]], contributions: dict[int, float]
) -> pd.DataFrame:
    """The terms the posting and the resume share that are no key terms, heaviest first."""
    key_codes = {k for k, _ in keys}
    rows = np.flatnonzero(
        (terms.doc == 0)
        & ~np.isin(terms.code, list(key_codes))
        & (np.array([contributions.get(c, 0.0) for c in terms.code.tolist()]) > ZERO)
    )
    parts = np.array([contributions[c] for c in terms.code[rows].tolist()])
    rows = rows[np.argsort(-parts, kind="stable")]
    return pd.DataFrame(
        {
            "term": terms.surfaces(terms.doc[rows], terms.code[rows]),
            "contribution": np.sort(parts)[::-1] if len(parts) else np.zeros(0),
            "kind": ["job title" if k == TITLE else "" for k in terms.kind[rows].tolist()],
        }
    )


def _posting_marks(
    engine: TermEngine,
    posting: str,
    keys: list[tuple[int, float]],
    forms: list[str],
    proved: set[str],
) -> tuple[tuple[int, int, str, bool], ...]:
    """Where the posting's job parts use each key term: (start, end, term, proved)."""
    raws, words, spans = engine.analyzer.tokens_with_spans(posting)
    text = engine.analyzer.ids.text
    names = {text(k): form for (k, _), form in zip(keys, forms, strict=True)}
    skipped = [(a, b) for a, b, kind in layout(posting).pieces if kind == SKIPPED]
    marks = []
    for key, hits in places(posting, raws, words, spans, names).items():
        for start, end in hits:
            if not any(a <= start < b for a, b in skipped):
                marks.append((start, end, names[key], names[key] in proved))
    marks.sort()
    kept: list[tuple[int, int, str, bool]] = []
    for mark in marks:  # the first of overlapping marks
        if not kept or mark[0] >= kept[-1][1]:
            kept.append(mark)
    return tuple(kept)


def relevance(
    posting: str,
    texts: Sequence[str],
    *,
    company_postings: Sequence[str] | Mapping[str, str] = (),
    top_n: int = DEFAULT_TOP_N,
    synonyms: Mapping[str, str] | None = None,
    engine: TermEngine | None = None,
) -> list[float]:
    """For each text, the share of the posting's key-term weight it contains (0–1).

    0.6 means the text uses key terms holding 60% of the weight of the posting's ``top_n`` key
    terms. Unlike the match score, a short text that names the main terms scores high, which
    suits picking a STAR story for a question. The key terms are found once, so thousands of
    short texts are quick. An empty text scores 0.0.
    """
    engine = engine_for(synonyms, engine)
    company = company_texts(company_postings)

    def work() -> list[float]:
        _, keys = _posting_terms(engine, posting, company, top_n)
        found = text_list(texts)
        tokens = engine.analyzer.tokenize(found)
        starts = np.searchsorted(tokens.text, np.arange(len(found) + 1)).tolist()
        joiner = engine.analyzer.joiner
        return [
            _coverage(keys, term_codes(tokens.ids[a:b], joiner)) if text.strip() else 0.0
            for text, a, b in zip(found, starts[:-1], starts[1:], strict=True)
        ]

    return engine.run(work)


def _posting_terms(
    engine: TermEngine, posting: str, company: Sequence[str], top_n: int, employer: str = ""
) -> tuple[TermTable, list[tuple[int, float]]]:
    """The posting's terms (a table of one text) and its key terms as (code, weight)."""
    require_readable(require_text(posting, "posting"), "posting")
    terms = engine.postings([posting], engine.frequencies(company), employers=[employer])
    keys = terms.key_terms(0, check_top_n(top_n))
    if not keys:
        raise MatchingError(
            "The posting has no words that can be compared: only numbers or very common words. "
            "Paste the whole posting, with its duties and requirements."
        )
    return terms, keys


def _surfaces(terms: TermTable, keys: list[tuple[int, float]]) -> list[str]:
    """How the posting (text 0 of ``terms``) writes each key term."""
    return terms.surfaces(np.zeros(len(keys), dtype=np.int64), np.array([k for k, _ in keys]))


def _coverage(keys: Sequence[tuple[int, float]], found: set[int]) -> float:
    return min(1.0, sum((w for k, w in keys if k in found), 0.0))
