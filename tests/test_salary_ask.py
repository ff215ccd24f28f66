"""summarize and recommend_ask: the market range for a filter, and an ask placed inside it."""

import pandas as pd
import pytest

from prep_lib.errors import SalaryDataError
from prep_lib.paths import sample_path
from prep_lib.salary import (
    STRENGTHS,
    Ask,
    filter_research,
    load_research,
    recommend_ask,
    summarize,
)


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return load_research(sample_path("salary_research.csv"))


def market(*figures, current=None) -> pd.DataFrame:
    """A research table from (low, median, high[, weight]) tuples."""
    rows = [
        {"source": f"S{i}", "low": f[0], "median": f[1], "high": f[2], "currency": "USD"}
        | {"period": "annual", "weight": f[3] if len(f) > 3 else 1}
        for i, f in enumerate(figures)
    ]
    if current:
        rows.append({"source": "Me", "source_kind": "current pay", "median": current})
        rows[-1] |= {"currency": "USD", "period": "annual"}
    return load_research(pd.DataFrame(rows))


def test_summary_uses_the_middle_of_the_sources():
    summary = summarize(market((60, 70, 80), (70, 80, 90), (80, 90, 100), (500, 600, 900)))
    assert (summary.low, summary.median, summary.high) == (
        75,
        85,
        95,
    )  # the outlier barely moves it
    assert summary.n_sources == 4 and summary.spread == 20


def test_weights_count():
    light, heavy = (60, 70, 80, 0.5), (80, 90, 100, 3)
    assert summarize(market(light, heavy)).median == 90
    assert summarize(market((60, 70, 80, 0), (80, 90, 100))).n_sources == 1


def test_filters_match_words_and_experience(sample):
    columbus = filter_research(sample, location="columbus")
    assert set(columbus["location"]) == {"Columbus, OH"}
    at_seven = filter_research(sample, years=7)
    assert "Former colleague at Erie Shore Health" not in set(at_seven["source"])  # 6 years only
    assert "WageView" in set(at_seven["source"])  # no experience range: applies to everyone
    assert len(filter_research(sample, years=2)) < len(filter_research(sample, years=7))


def test_current_pay_is_not_market_evidence(sample):
    summary = summarize(sample, years=7)
    assert summary.current == 71_500
    assert "My current pay" not in summary.sources


def test_no_match_is_a_clear_error(sample):
    with pytest.raises(SalaryDataError, match="No figures match location 'Mars'"):
        summarize(sample, location="Mars")


def test_sample_ask_for_the_plan(sample):
    ask = recommend_ask(sample, years=7, strengths=["certifications", "team_leadership"])
    assert isinstance(ask, Ask)
    summary = summarize(sample, years=7)
    assert summary.low <= ask.target <= summary.high
    assert ask.low < ask.target < ask.high
    assert ask.target % 500 == 0
    for words in (
        "10 sources (3 government wage tables, 4 salary sites, 1 recruiter and 2 postings)",
        "from $74,440 to $93,800",
        "7 years of experience, professional certifications and a record of leading a team put",
    ):
        assert words in ask.rationale
    assert len(ask.sources) == 10 and "PayCompass" in ask.sources
    assert "above your current $71,500" in ask.rationale
    assert ask.headline.startswith(f"Ask for ${ask.target:,.0f}")


def test_the_rationale_warns_when_the_ask_leaves_the_postings_range(sample):
    summary = summarize(sample, location="United States")
    strengths = ["certifications", "team_leadership"]
    above = recommend_ask(summary, years=7, strengths=strengths, posting_range=(76_000, 94_000))
    assert above.target > 94_000
    assert "The posting itself offers $76,000–$94,000: asking above it" in above.rationale
    inside = recommend_ask(summary, years=7, strengths=strengths, posting_range=(90_000, 120_000))
    assert "posting itself" not in inside.rationale
    below = recommend_ask(summary, years=0, posting_range=(150_000, 160_000))
    assert "more than this: ask within its range" in below.rationale
    assert below.target == recommend_ask(summary, years=0).target  # advice, not a new number


@pytest.mark.parametrize("bad", [(94_000, 76_000), (0, 10), ("a", "b"), (1,), 85_000])
def test_a_bad_posting_range_is_a_clear_error(sample, bad):
    with pytest.raises(SalaryDataError, match="two amounts, low then high"):
        recommend_ask(sample, years=7, posting_range=bad)


def test_details_of_strengths_appear_in_the_rationale(sample):
    ask = recommend_ask(sample, years=7, strengths={"certifications": "CRCR and CHAA"})
    assert "professional certifications (CRCR and CHAA)" in ask.rationale


@pytest.mark.parametrize("location", [None, "Columbus, OH", "United States"])
def test_more_experience_never_lowers_the_target(sample, location):
    targets = []
    for years in range(0, 41):
        summary = summarize(sample, location=location)
        ask = recommend_ask(summary, years=years)
        assert summary.low <= ask.target <= summary.high
        targets.append(ask.target)
    assert targets == sorted(targets) and targets[0] < targets[-1]


def test_strengths_never_lower_the_target(sample):
    summary = summarize(sample, years=7)
    keys = [s.key for s in STRENGTHS]
    targets = [recommend_ask(summary, strengths=keys[:n]).target for n in range(len(keys) + 1)]
    assert targets == sorted(targets) and targets[0] < targets[-1]
    assert targets[-1] <= summary.high


def test_target_stays_inside_a_narrow_range():
    ask = recommend_ask(market((80_100, 80_200, 80_300)), years=40, strengths=["degree"])
    assert 80_100 <= ask.target <= 80_300


def test_current_pay_inside_the_range_is_the_floor():
    table = market((60_000, 80_000, 100_000), current=95_000)
    ask = recommend_ask(table, years=0)
    assert ask.target == 95_000 and "keeps your current $95,000" in ask.rationale


def test_current_pay_above_the_market_is_pointed_out():
    ask = recommend_ask(market((60_000, 80_000, 100_000)), years=5, current=150_000)
    assert ask.target <= 100_000 and "check the filters" in ask.rationale


def test_bad_strength_and_years_are_refused(sample):
    with pytest.raises(SalaryDataError, match="Unknown strength 'charm'; choose from"):
        recommend_ask(sample, strengths=["charm"])
    with pytest.raises(SalaryDataError, match="between 0 and 60"):
        recommend_ask(summarize(sample), years=-3)
