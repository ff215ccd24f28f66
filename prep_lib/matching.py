"""Match a resume to a job posting: how closely it answers what the employer asks for.

``compare`` and ``rank_postings`` make the score the same way:

1. **Terms.** The posting's words and phrases, each weighted by TF-IDF: how often the posting
   uses it, times how rare it is across job ads (reference postings shipped with the package, the
   company's other postings and everyday English), with boilerplate parts (benefits, about the
   company, equal opportunity) counting a fifth. ``prep_lib.terms`` has the details. The resume
   is weighed the same way, counting the posting's phrases, so both are lists of weights over
   the same terms. The ``top_n`` heaviest terms of the posting are its key terms, shown to the
   user with what share of their total weight each holds.
2. **Score.** The cosine similarity of the two lists: ``Σ p·r / (|p| |r|)`` over the shared terms,
   where ``p`` and ``r`` are a term's weights in the posting and the resume. 1 means the same
   terms in the same proportions (the posting itself), 0 no term in common. Each shared term
   adds ``p·r / (|p| |r|)``: ``MatchReport.terms`` lists that contribution for every key term
   and ``MatchReport.other_terms`` the part of lesser terms, so the score can be checked. On real
   files, resumes scored 0.05–0.20 against postings they were not written for.

Terms match as whole words or phrases, after the same normalisation (case, plural, synonyms
such as MS Excel → Excel); never inside another word ("R" does not match "React", "Java" not
"JavaScript"). Cosine similarity ranks postings better than the share of key terms found
(``benchmarks/eval_matching_dev.py``); that share is ``relevance``, used to pick STAR stories.

``compare`` and ``rank_postings`` share one implementation (``prep_lib.vectors``), which counts
postings a thousand at a time; ``rank_postings`` also uses every processor core where it can
(``prep_lib.parallel``).
"""

from __future__ import annotations

import functools
import os
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from prep_lib.errors import MatchingError
from prep_lib.parallel import map_batches
from prep_lib.paths import user_path
from prep_lib.terms import (
    Analyzer,
    analyzer_for,
    load_synonyms,
    reference_df,
    term_codes,
)
from prep_lib.vectors import ResumeVector, TermTable, Texts, place_in_group

__all__ = [
    "DEFAULT_TOP_N",
    "KeyTerm",
    "MatchReport",
    "compare",
    "extract_terms",
    "load_synonyms",
    "normalise_term",
    "rank_postings",
    "relevance",
    "require_text",
]

DEFAULT_TOP_N = 40
MAX_CHARS = 300_000  # longer pasted text is refused: a posting or resume is far shorter


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


def _company_texts(company_postings) -> list[str]:
    if isinstance(company_postings, str | bytes):
        raise MatchingError(
            "company_postings must be a list of postings, not one text. Wrap it in a list."
        )
    if isinstance(company_postings, Mapping):
        company_postings = list(company_postings.values())
    texts = [
        require_text(t, f"company posting no. {i}", allow_empty=True)
        for i, t in enumerate(company_postings, start=1)
    ]
    return [t for t in texts if t.strip()]


def _posting_terms(
    posting: str, analyzer: Analyzer, company: Sequence[str], top_n: int
) -> tuple[TermTable, list[tuple[int, float]]]:
    """The posting's terms (a table of one text) and its key terms as (code, weight)."""
    require_text(posting, "posting")
    reference = reference_df(analyzer)
    df = reference.with_documents(company) if company else reference
    terms = TermTable(analyzer, Texts(analyzer, [posting]), df)
    keys = terms.key_terms(0, _check_top_n(top_n))
    if not keys:
        raise MatchingError(
            "The posting has no words that can be compared: only numbers or very common words. "
            "Paste the whole posting, with its duties and requirements."
        )
    return terms, keys


# --------------------------------------------------------------------------------------------
# Public API


@dataclass(frozen=True)
class KeyTerm:
    """One key term of a posting. ``weight`` is its share of the key terms' total weight."""

    term: str  # as the posting writes it
    key: str  # normalised form, used for matching
    weight: float


def normalise_term(phrase: str, *, synonyms: Mapping[str, str] | None = None) -> str:
    """The form a term is matched by: lower case, singular, synonyms applied.

    ``normalise_term("MS Excel") == "excel"``; ``normalise_term("Bachelor's degrees") ==
    "bachelor degree"``.
    """
    words = analyzer_for(synonyms).tokens(require_text(phrase, "term"))[1]
    return " ".join(w for w in words if w)


def extract_terms(
    posting: str,
    *,
    top_n: int = DEFAULT_TOP_N,
    company_postings: Sequence[str] | Mapping[str, str] = (),
    synonyms: Mapping[str, str] | None = None,
) -> list[KeyTerm]:
    """The posting's ``top_n`` key terms, heaviest first, as the posting writes them.

    ``company_postings`` are the employer's other postings: terms they all use weigh less.
    ``synonyms`` maps variants to canonical forms; None means ``load_synonyms()``.
    Raises ``MatchingError`` when the posting is not text, is empty or has no usable words.
    """
    analyzer = analyzer_for(synonyms)
    terms, keys = _posting_terms(posting, analyzer, _company_texts(company_postings), top_n)
    forms = _surfaces(terms, keys)
    return [KeyTerm(f, analyzer.ids.text(k), w) for f, (k, w) in zip(forms, keys, strict=True)]


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
    The score is the cosine similarity of their term weights (see the module's help).
    Raises ``MatchingError`` for a posting or resume that is not text, is empty or is far too long.
    """
    analyzer = analyzer_for(synonyms)
    require_text(resume, "resume")
    company = _company_texts(company_postings)
    terms, keys = _posting_terms(posting, analyzer, company, top_n)
    vector = ResumeVector(analyzer, resume, terms.doc_freq)
    parts = vector.contributions(terms)
    contributions = dict(zip(terms.code.tolist(), parts.tolist(), strict=True))
    found = set(vector.found.tolist())
    _, words, spans = analyzer.tokens_with_spans(resume)
    names = {k: analyzer.ids.text(k) for k, _ in keys}
    evidence = _evidence(resume, words, spans, [names[k] for k, _ in keys if k in found])
    table = pd.DataFrame(
        {
            "term": _surfaces(terms, keys),
            "weight": [w for _, w in keys],
            "in_resume": [k in found for k, _ in keys],
            "evidence": [evidence.get(names[k], "") for k, _ in keys],
            "contribution": [contributions.get(k, 0.0) for k, _ in keys],
        }
    )
    themes = _company_themes(analyzer, posting, company, found) if company else _no_themes()
    return MatchReport(
        score=float(vector.scores(terms, parts)[0]),
        terms=table,
        company_themes=themes,
        title=_title(posting),
    )


def relevance(
    posting: str,
    texts: Sequence[str],
    *,
    company_postings: Sequence[str] | Mapping[str, str] = (),
    top_n: int = DEFAULT_TOP_N,
    synonyms: Mapping[str, str] | None = None,
) -> list[float]:
    """For each text, the share of the posting's key-term weight it contains (0–1).

    0.6 means the text uses key terms holding 60% of the weight of the posting's ``top_n`` key
    terms. Unlike the match score, a short text that names the main terms scores high, which
    suits picking a STAR story for a question. The key terms are found once, so thousands of
    short texts are quick. An empty text scores 0.0.
    """
    analyzer = analyzer_for(synonyms)
    _, keys = _posting_terms(posting, analyzer, _company_texts(company_postings), top_n)
    if isinstance(texts, str | bytes) or not isinstance(texts, Iterable):
        raise MatchingError("texts must be a list of texts; wrap a single text in a list.")
    texts = list(texts)
    for number, text in enumerate(texts, start=1):
        require_text(text, f"text no. {number}", allow_empty=True)
    tokens = analyzer.tokenize(texts)
    starts = np.searchsorted(tokens.text, np.arange(len(texts) + 1)).tolist()
    return [
        _coverage(keys, term_codes(tokens.ids[a:b], analyzer.joiner)) if text.strip() else 0.0
        for text, a, b in zip(texts, starts[:-1], starts[1:], strict=True)
    ]


def rank_postings(
    resume: str,
    postings: Sequence[str] | Mapping[str, str],
    *,
    top_n: int = DEFAULT_TOP_N,
    synonyms: Mapping[str, str] | None = None,
    shown: int = 3,
    processes: int | None = None,
) -> pd.DataFrame:
    """Score one resume against many postings, best match first.

    ``postings`` is a list of texts (named by their position) or a mapping of name to text.
    Each score is ``compare(posting, resume).score`` for that posting alone (without company
    postings). Columns: ``posting`` (name or position), ``title`` (the posting's first line),
    ``score``, and the heaviest ``shown`` key terms ``matched`` and ``missing``
    (comma-separated). An empty posting scores 0.

    From ``PARALLEL_FROM`` postings on, the work is shared by up to ``processes`` processes
    (None = one per processor core; 1 = this process alone) where ``prep_lib.parallel`` can
    start them: on Linux, outside a notebook.
    """
    analyzer = analyzer_for(synonyms)
    top_n = _check_top_n(top_n)
    require_text(resume, "resume")
    if isinstance(postings, Mapping):
        names, texts = list(postings.keys()), list(postings.values())
    elif isinstance(postings, str | bytes) or not isinstance(postings, Iterable):
        raise MatchingError("postings must be a list of texts or a mapping of name to text.")
    else:
        texts = list(postings)
        names = list(range(len(texts)))
    for name, text in zip(names, texts, strict=True):
        require_text(text, f"posting {name!r}", allow_empty=True)
    options = (resume, tuple(sorted(analyzer.synonyms.items())), top_n, shown)
    batches = [
        (*options, names[at : at + RANK_BATCH], texts[at : at + RANK_BATCH])
        for at in range(0, len(texts), RANK_BATCH)
    ] or [(*options, [], [])]
    frames = map_batches(
        _rank_batch, batches, processes=processes if len(texts) >= PARALLEL_FROM else 1
    )
    frame = pd.concat(frames, ignore_index=True)
    return frame.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)


RANK_BATCH = 1000  # postings counted together: larger is a little quicker and needs more memory
PARALLEL_FROM = 3000  # fewer postings are ranked in this process alone


@functools.lru_cache(maxsize=2)
def _resume_vector(resume: str, synonym_items: tuple[tuple[str, str], ...]) -> ResumeVector:
    analyzer = analyzer_for(dict(synonym_items))
    return ResumeVector(analyzer, resume, reference_df(analyzer))


def _rank_batch(batch: tuple) -> pd.DataFrame:
    """``rank_postings``' rows for some of the postings, in their order. ``batch`` is (resume,
    synonym items, top_n, shown, names, texts); it runs in a helper process too."""
    resume, synonym_items, top_n, shown, names, texts = batch
    vector = _resume_vector(resume, synonym_items)
    analyzer = vector.analyzer
    table = TermTable(analyzer, Texts(analyzer, texts), vector.doc_freq)
    rows = table.key_rows(top_n)
    doc = table.doc[rows]
    in_resume = np.isin(table.code[rows], vector.found)
    place = np.zeros(len(rows), dtype=np.int64)  # how many before it in its list
    for flag in (True, False):
        listed = in_resume == flag
        place[listed] = place_in_group(doc[listed])
    shown_rows = place < shown
    rows, doc, in_resume = rows[shown_rows], doc[shown_rows], in_resume[shown_rows]
    forms = table.surfaces(doc, table.code[rows])
    matched, missing = ([[] for _ in texts] for _ in range(2))
    for i, found, form in zip(doc.tolist(), in_resume.tolist(), forms, strict=True):
        (matched if found else missing)[i].append(form)
    return pd.DataFrame(
        {
            "posting": names,
            "title": [_title(text) for text in texts],
            "score": vector.scores(table),
            "matched": [", ".join(terms) for terms in matched],
            "missing": [", ".join(terms) for terms in missing],
        }
    )


def _surfaces(terms: TermTable, keys: list[tuple[int, float]]) -> list[str]:
    """How the posting (text 0 of ``terms``) writes each key term."""
    return terms.surfaces(np.zeros(len(keys), dtype=np.int64), np.array([k for k, _ in keys]))


def _coverage(keys: Sequence[tuple[int, float]], found: set[int]) -> float:
    return min(1.0, sum((w for k, w in keys if k in found), 0.0))


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


def _no_themes() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "term": pd.Series(dtype=str),
            "weight": pd.Series(dtype=float),
            "postings": pd.Series(dtype=int),
            "in_resume": pd.Series(dtype=bool),
        }
    )


def _company_themes(analyzer: Analyzer, posting: str, company: Sequence[str], found, top=12):
    """Terms heavy across the posting and the company's other postings (used by two or more)."""
    texts = (posting, *company)
    table = TermTable(analyzer, Texts(analyzer, texts), reference_df(analyzer))
    share: Counter = Counter()
    used: Counter = Counter()
    where: dict[int, int] = {}
    for i in range(len(texts)):
        for key, weight in table.key_terms(i, DEFAULT_TOP_N):
            share[key] += weight / len(texts)
            used[key] += 1
            where.setdefault(key, i)
    keys = sorted(
        (k for k in share if used[k] >= 2), key=lambda k: (-share[k], analyzer.ids.text(k))
    )[:top]
    if not keys:
        return _no_themes()
    return pd.DataFrame(
        {
            "term": table.surfaces(np.array([where[k] for k in keys]), np.array(keys)),
            "weight": [share[k] for k in keys],
            "postings": [used[k] for k in keys],
            "in_resume": [k in found for k in keys],
        }
    )


# --------------------------------------------------------------------------------------------
# The report


@dataclass(frozen=True, eq=False)
class MatchReport:
    """What ``compare`` found.

    ``score``: 0–1, the cosine similarity of the posting's and the resume's term weights.
    ``terms``: one row per key term, heaviest first: ``term`` (as the posting writes it),
    ``weight`` (its share of the key terms' weight; they add up to 1), ``in_resume`` (bool),
    ``contribution`` (its part of the score) and ``evidence`` (the resume lines containing it,
    one per line of text; '' when missing). The contributions plus ``other_terms`` make the
    score. A term can be in the resume yet add nothing: "Epic" written only inside "Epic
    Cadence" counts toward that phrase.
    ``company_themes``: terms heavy across the company's postings: ``term``, ``weight`` (mean
    share), ``postings`` (how many of them list it as a key term), ``in_resume``; empty when no
    company postings were given. ``title``: the posting's first line.
    """

    score: float
    terms: pd.DataFrame
    company_themes: pd.DataFrame
    title: str = ""

    @property
    def other_terms(self) -> float:
        """The part of the score that comes from terms beyond the key terms shown."""
        return max(0.0, self.score - float(self.terms["contribution"].sum()))

    @property
    def coverage(self) -> float:
        """The share of the key terms' weight the resume contains (0–1)."""
        return float(self.terms.loc[self.terms["in_resume"], "weight"].sum())

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
            f"Your resume's wording is {self.score:.0%} similar to this posting's, counting each "
            f"term by how specific it is to this job (100% would be the posting itself); it "
            f"contains {len(self.matched)} of the posting's {len(self.terms)} key terms. "
            "Resumes not written for a posting usually score 5–20%."
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
        ax.set_title(f"Key terms of the posting (score {self.score:.0%})")
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
            lines += [
                "| term | weight | adds to score (points) | where your resume shows it |",
                "| --- | ---: | ---: | --- |",
            ]
            for row in matched.itertuples():
                proof = " / ".join(_md(line) for line in row.evidence.splitlines())
                lines.append(
                    f"| {_md(row.term)} | {row.weight:.1%} | {100 * row.contribution:+.1f} "
                    f"| {proof} |"
                )
            lines += ["", f"Terms beyond the key terms add {100 * self.other_terms:.1f} points."]
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
