"""Many postings against one resume, best match first (``rank_postings``).

Postings are read ``RANK_BATCH`` at a time, each batch as one table (``vectors.TermTable``), and
from ``PARALLEL_FROM`` postings on, batches are shared with helper processes where
``prep_lib.parallel`` can start them (copies of this process, which already hold the engine).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from prep_lib.matching.engine import TermEngine, TooManyWords, engine_for
from prep_lib.matching.inputs import (
    DEFAULT_TOP_N,
    check_top_n,
    named_postings,
    require_readable,
    require_text,
)
from prep_lib.matching.sections import title_of
from prep_lib.matching.vectors import place_in_group
from prep_lib.parallel import map_batches

RANK_BATCH = 500  # postings counted together: 500 was a little quicker than 250 or 1,000 here
PARALLEL_FROM = 3000  # fewer postings are ranked in this process alone


def rank_postings(
    resume: str,
    postings: Sequence[str] | Mapping[str, str],
    *,
    top_n: int = DEFAULT_TOP_N,
    synonyms: Mapping[str, str] | None = None,
    shown: int = 3,
    processes: int | None = None,
    engine: TermEngine | None = None,
) -> pd.DataFrame:
    """Score one resume against many postings, best match first.

    ``postings`` is a list of texts (named by their position) or a mapping of name to text.
    Each score is ``compare(posting, resume).score`` for that posting alone (without company
    postings). Columns: ``posting`` (name or position), ``title`` (the posting's first line),
    ``score``, and the heaviest ``shown`` key terms ``matched`` and ``missing``
    (comma-separated). An empty posting scores 0; no postings give a table without rows.

    From ``PARALLEL_FROM`` postings on, the work is shared by up to ``processes`` processes
    (None = one per processor core; 1 = this process alone) where ``prep_lib.parallel`` can
    start them: on Linux, outside a notebook. ``engine`` (instead of ``synonyms``) is the
    ``TermEngine`` to read with; by default a shared one.
    """
    engine = engine_for(synonyms, engine)
    top_n = check_top_n(top_n)
    job = _Job(engine, require_readable(require_text(resume, "resume"), "resume"), top_n, shown)
    names, texts = named_postings(postings)
    if not texts:
        return _empty()
    batches = [
        (names[at : at + RANK_BATCH], texts[at : at + RANK_BATCH])
        for at in range(0, len(texts), RANK_BATCH)
    ]
    frames = map_batches(
        _rank_batch, batches, shared=job, processes=processes if len(texts) >= PARALLEL_FROM else 1
    )
    frame = pd.concat(frames, ignore_index=True)
    return frame.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class _Job:
    """What every batch of one ranking shares (helper processes get it as they start)."""

    engine: TermEngine
    resume: str
    top_n: int
    shown: int


def _empty() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "posting": pd.Series(dtype=object),
            "title": pd.Series(dtype=str),
            "score": pd.Series(dtype=float),
            "matched": pd.Series(dtype=str),
            "missing": pd.Series(dtype=str),
        }
    )


def _rank_batch(job: _Job, batch: tuple[list[str | int], list[str]]) -> pd.DataFrame:
    """``rank_postings``' rows for a batch of (names, texts), in their order. When one batch
    alone holds more words than the engine can number, it is ranked in two halves."""
    names, texts = batch
    try:
        return job.engine.run(lambda: _rows(job, names, texts))
    except TooManyWords:
        if len(texts) < 2:
            raise
    half = len(texts) // 2
    return pd.concat(
        [
            _rank_batch(job, (names[:half], texts[:half])),
            _rank_batch(job, (names[half:], texts[half:])),
        ],
        ignore_index=True,
    )


def _rows(job: _Job, names: list[str | int], texts: list[str]) -> pd.DataFrame:
    vector = job.engine.resume(job.resume)
    table = job.engine.postings(texts, vector.doc_freq)
    rows = table.key_rows(job.top_n)
    doc = table.doc[rows]
    in_resume = np.isin(table.code[rows], vector.found)
    place = np.zeros(len(rows), dtype=np.int64)  # how many before it in its list
    for flag in (True, False):
        listed = in_resume == flag
        place[listed] = place_in_group(doc[listed])
    shown_rows = place < job.shown
    rows, doc, in_resume = rows[shown_rows], doc[shown_rows], in_resume[shown_rows]
    forms = table.surfaces(doc, table.code[rows])
    matched: list[list[str]] = [[] for _ in texts]
    missing: list[list[str]] = [[] for _ in texts]
    for i, found, form in zip(doc.tolist(), in_resume.tolist(), forms, strict=True):
        (matched if found else missing)[i].append(form)
    return pd.DataFrame(
        {
            "posting": names,
            "title": [title_of(text) for text in texts],
            "score": vector.scores(table),
            "matched": [", ".join(terms) for terms in matched],
            "missing": [", ".join(terms) for terms in missing],
        }
    )
