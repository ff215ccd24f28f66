"""Fuzzing salary research: ``parse_pay`` and ``load_research`` given arbitrary input.

Whatever comes in, a pay figure is read as a sound ``Pay`` (positive, ordered, finite, within
the largest pay there is) or refused with a ``SalaryDataError`` saying what to type; a research
file is loaded or refused the same way, and the user's file is never changed by a refused
append. Each example has a time limit (hypothesis' deadline); the examples are derandomized.
"""

import datetime as dt
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prep_lib.errors import SalaryDataError
from prep_lib.salary import append_research, load_research, new_figure, parse_pay
from prep_lib.salary.pay import LARGEST_PAY

pytestmark = pytest.mark.slow

FUZZ = settings(
    max_examples=600,
    deadline=dt.timedelta(seconds=2),
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PAY_PIECES = [
    "$", "£", "€", "R$", "₹", "¥", "kr", "USD", "SEK", "k", "K", "m", "million", "thousand",
    "lakh", "-", "–", "−", "to", "and", "up to", "from", "+", "a year", "an hour", "pa", "p/h",
    "pd", "per month", "bi-weekly", "fortnightly", "401k", "10%", "bonus", "=", "@", "(", ")",
    ",", ".", " ", "e", "E", "0", "1", "5", "9", "00", "000", ".000", ",000", "85", "30.000",
    "3 200", "1e30", "<b>", "\u202e", "\x00", "N/A", "-1", "Competitive",
]  # fmt: skip
pay_like = st.lists(st.sampled_from(PAY_PIECES), max_size=12).map("".join)
anything = st.one_of(pay_like, st.text(max_size=60), st.floats(), st.integers(), st.none())


def _sound(pay) -> bool:
    values = [v for v in (pay.low, pay.high) if v is not None]
    return (
        all(math.isfinite(v) and 0 < v <= LARGEST_PAY for v in values)
        and (pay.low is None or pay.high is None or pay.low <= pay.high)
        and bool(values)
    )


@FUZZ
@given(anything)
def test_a_pay_figure_is_read_soundly_or_refused(text):
    try:
        pay = parse_pay(text)
    except SalaryDataError as error:
        assert str(error).strip()
        return
    assert pay is None or _sound(pay), (text, pay)


@FUZZ
@given(
    st.lists(
        st.lists(st.one_of(pay_like, st.text(max_size=12)), min_size=1, max_size=6),
        max_size=6,
    )
)
def test_a_research_file_loads_or_is_refused(tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("research") / "research.csv"
    header = "source,currency,period,low,high,notes"
    body = "\n".join(
        ",".join(cell.replace(",", ";").replace("\n", " ") for cell in r) for r in rows
    )
    path.write_text(f"{header}\n{body}\n", encoding="utf-8")
    try:
        table = load_research(path)
    except SalaryDataError:
        return
    pay = table[["low", "p25", "median", "p75", "high"]].to_numpy(dtype=float)
    assert not (pay[~math.isnan(pay).all(axis=1)] < 0).any() if pay.size else True


@FUZZ
@given(pay_like, st.text(max_size=30))
def test_a_refused_figure_leaves_the_research_file_as_it_was(tmp_path_factory, pay, source):
    path = tmp_path_factory.mktemp("research") / "salary_research.csv"
    append_research(
        [new_figure(source="Kept", pay="$80,000", period="annual", currency="USD")], path=path
    )
    before = path.read_bytes()
    try:
        row = new_figure(source=source or "x", pay=pay, currency="USD")
        append_research([row], path=path)
    except SalaryDataError:
        assert path.read_bytes() == before
        return
    assert path.read_bytes().startswith(before.split(b"\n", 1)[0])
