"""Fuzzing ``compare``: arbitrary postings, resumes, company postings and options.

Whatever comes in, ``compare`` either returns a report or refuses with a library error (a
``MatchingError``, which is a ``PrepError``). A report's score is between 0 and 1, its key terms'
weights add up to 1, and the parts of the score add up: the key terms' contributions plus the
terms beyond them make the score. Its Markdown and HTML parts can be made. The texts are built
from pieces of real postings' shapes (a job board's header, headings, bullets, requirements,
boilerplate, addresses, glued words) mixed with arbitrary text and other scripts. Each example
has a time limit (hypothesis' deadline); examples are derandomized, so every run tries the same
cases.
"""

import datetime as dt
import math

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from prep_lib.errors import MatchingError, PrepError
from prep_lib.matching import compare

pytestmark = pytest.mark.slow

FUZZ = settings(
    max_examples=300,
    deadline=dt.timedelta(seconds=5),
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
PIECES = [
    "Title: Finance Business Partner", "Employer: Kestrel Vale NHS Trust", "Location: Truro",
    "Salary: £38,890 - £44,503 per annum pro rata", "## What you bring", "**Essential**",
    "Desirable:", "Benefits: dental, vision", "Our offer to you", "Living here", "About us",
    "- Advanced Excel and SQL", "- Prior authorization, Epic Cadence and HIPAA",
    "• Manage month-end reconciliations in SAP.", "CCAB qualified (ACCA, CIMA or CIPFA)",
    "Closing date: 14 March. DBS check required.", "is an equal opportunity employer",
    "NameMorwenna TrelawnyJob titleHead of FinanceEmail addressm.trelawny@example.org",
    "C++, C#, .NET, Node.js, A/B, 401(k), P&L, R&D", "GCSE grade C or above",
    "Liberty Stadium, Piccadilly Place", "ML", "MS Excel", "IT", "Go", "of of of", "",
    " ", "\n", "\n\n", "\t", "·", "|", "#", "**", "__", ":", "招聘数据分析师", "Требуется аналитик",
    "مرحبا", "Zoë 😀 \u202e", "\ud800", "a\x00b", "\x01", "<script>alert(1)</script>",
    "[x](javascript:1)", "=HYPERLINK(\"http://x\")", "x" * 300, "word " * 60,
]  # fmt: skip
text = st.lists(
    st.one_of(st.sampled_from(PIECES), st.sampled_from(PIECES), st.text(max_size=30)),
    min_size=2,
    max_size=25,
).map(lambda parts: "\n".join(parts))
junk = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 60), st.floats(allow_nan=True), st.binary(max_size=8)
)


def mostly(usual, other):
    """``usual`` nine times in ten, else ``other``."""
    return st.integers(0, 9).flatmap(lambda n: other if n == 9 else usual)


postings = mostly(text, junk)
company_postings = mostly(st.lists(mostly(text, junk), max_size=3), st.one_of(junk, text))
key_term_counts = mostly(st.integers(1, 60), st.one_of(st.integers(-1, 0), junk))


@FUZZ
@given(posting=postings, resume=postings, company=company_postings, top_n=key_term_counts)
def test_compare_gives_a_report_whose_parts_add_up_or_a_library_error(
    posting, resume, company, top_n
):
    try:
        report = compare(posting, resume, company_postings=company, top_n=top_n)
    except MatchingError as error:
        assert isinstance(error, PrepError) and str(error)
        event("refused")
        return
    event("a report")
    assert 0.0 <= report.score <= 1.0
    terms = report.terms
    assert len(terms) >= 1
    assert math.isclose(float(terms["weight"].sum()), 1.0, rel_tol=1e-9)
    parts = float(terms["contribution"].sum())
    assert parts <= report.score + 1e-9
    assert math.isclose(parts + report.other_terms, report.score, abs_tol=1e-9)
    beyond = float(report.beyond["contribution"].sum()) if len(report.beyond) else 0.0
    assert beyond <= report.other_terms + 1e-9
    assert report.other_terms - beyond <= 1e-3  # only terms adding less than 0.005 points unnamed
    assert set(report.missing).isdisjoint(report.matched)
    report.to_markdown()
    report.posting_html()
    report.matched_html()
    report.missing_html()
