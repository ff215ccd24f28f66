"""summarize and recommend_ask: the market range for a filter, and an ask placed inside it."""

import dataclasses

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


def corrupted(**columns) -> pd.DataFrame:
    """A loaded table (two sources and current pay), then edited by hand as a notebook user
    might: each keyword replaces a column."""
    table = market((60_000, 70_000, 80_000), (70_000, 80_000, 90_000), current=65_000)
    for column, values in columns.items():
        table[column] = values
    return table


NAN, INF = float("nan"), float("inf")
BAD_TABLES = [
    (corrupted(low=[INF, 70_000, NAN]), "finite"),
    (corrupted(median=[-70_000, 80_000, 65_000]), "more than zero"),
    (corrupted(low=[95_000, 70_000, NAN]), "low is above"),
    (corrupted(low=[NAN, 70_000, NAN], median=[NAN, 80_000, 65_000], high=[NAN] * 3), "no pay"),
    (corrupted(currency=["USD", "GBP", "USD"]), "one currency"),
    (corrupted(weight=[NAN, 1, 1]), "weight"),
]


@pytest.mark.parametrize(("table", "message"), BAD_TABLES)
def test_the_ask_refuses_bad_tables_clearly(table, message):
    with pytest.raises(SalaryDataError, match=message):
        recommend_ask(table, years=5)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ([{"low": 1}], "give a research table"),
        (pd.DataFrame({"source": ["A"], "median": [80_000]}), "needs the columns"),
    ],
)
def test_the_ask_refuses_what_is_not_a_research_table(table, message):
    with pytest.raises(SalaryDataError, match=message):
        recommend_ask(table)


def test_pay_written_as_text_is_refused():
    table = market((60_000, 70_000, 80_000))
    table["median"] = table["median"].astype(object)
    table.loc[0, "median"] = "$70,000"
    with pytest.raises(SalaryDataError, match="must be numbers; read your figures with"):
        recommend_ask(table)


@pytest.mark.parametrize("current", [-5, 0, float("nan"), float("inf"), "72000", True])
def test_a_current_pay_that_is_not_an_amount_is_refused(current):
    table = market((60_000, 70_000, 80_000))
    with pytest.raises(SalaryDataError, match="current pay must be an amount above zero"):
        recommend_ask(table, years=5, current=current)


def test_a_summary_with_impossible_figures_is_refused():
    good = summarize(market((60_000, 70_000, 80_000)))
    for bad in (
        dataclasses.replace(good, low=float("nan")),
        dataclasses.replace(good, low=90_000),
        dataclasses.replace(good, current=-1.0),
    ):
        with pytest.raises(SalaryDataError, match="summar"):
            recommend_ask(bad)


def test_a_european_csv_gives_a_european_ask(tmp_path):
    path = tmp_path / "research.csv"
    path.write_text(
        "source,low,median,high,currency,period\n"
        'Stepstone,30.000,"32.500,00",35.000,EUR,annual\n'
        "Kununu,31.000,,36.000,EUR,annual\n"
    )
    table = load_research(path)
    assert list(table["low"]) == [30_000, 31_000] and table["median"][0] == 32_500
    ask = recommend_ask(table, years=5)
    assert 30_000 <= ask.target <= 36_000 and ask.headline.startswith("Ask for €3")
