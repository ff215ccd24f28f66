"""Company themes: what an employer asks for across its postings, and whether a resume has it."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Sequence

import numpy as np
import pandas as pd

from prep_lib.matching.engine import TermEngine
from prep_lib.matching.inputs import DEFAULT_TOP_N

THEMES_SHOWN = 12


def no_themes() -> pd.DataFrame:
    """The themes table with no rows (no company postings were given)."""
    return pd.DataFrame(
        {
            "term": pd.Series(dtype=str),
            "weight": pd.Series(dtype=float),
            "postings": pd.Series(dtype=int),
            "in_resume": pd.Series(dtype=bool),
        }
    )


def company_themes(
    engine: TermEngine,
    posting: str,
    company: Sequence[str],
    found: Collection[int],
    top: int = THEMES_SHOWN,
) -> pd.DataFrame:
    """Terms heavy across the posting and the company's other postings (key terms of two or
    more of them), heaviest first: ``term``, ``weight`` (mean share of the key-term weight),
    ``postings`` (how many list it) and ``in_resume`` (its code is in ``found``)."""
    texts = (posting, *company)
    table = engine.postings(texts)
    share: defaultdict[int, float] = defaultdict(float)
    used: Counter[int] = Counter()
    where: dict[int, int] = {}
    rows = table.key_rows(DEFAULT_TOP_N)  # once for all texts: linear in their number
    doc, code, weight = table.doc[rows], table.code[rows], table.weight[rows]
    totals = np.bincount(doc, weight, minlength=len(texts))
    for i, key, w in zip(doc.tolist(), code.tolist(), (weight / totals[doc]).tolist(), strict=True):
        share[key] += w / len(texts)
        used[key] += 1
        where.setdefault(key, i)
    text = engine.analyzer.ids.text
    keys = sorted((k for k in share if used[k] >= 2), key=lambda k: (-share[k], text(k)))[:top]
    if not keys:
        return no_themes()
    return pd.DataFrame(
        {
            "term": table.surfaces(np.array([where[k] for k in keys]), np.array(keys)),
            "weight": [share[k] for k in keys],
            "postings": [used[k] for k in keys],
            "in_resume": [k in found for k in keys],
        }
    )
