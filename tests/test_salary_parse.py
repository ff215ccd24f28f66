"""parse_pay reads the pay strings found in job-board and salary-site exports."""

import pytest

from prep_lib.errors import SalaryDataError
from prep_lib.salary import PERIODS, Pay, parse_pay, to_annual

SHAPES = [
    # salary-site exports
    ("$53K-$91K (Glassdoor est.)", Pay(53_000, 91_000, None, "USD")),
    ("Employer Provided Salary:$150K-$160K", Pay(150_000, 160_000, None, "USD")),
    ("$17-$24 Per Hour(Glassdoor est.)", Pay(17, 24, "hourly", "USD")),
    ("$17 - $24 Per Hour (Employer est.)", Pay(17, 24, "hourly", "USD")),
    ("$85,000 (Employer est.)", Pay(85_000, 85_000, None, "USD")),
    # UK health-service postings
    ("£24,907 to £30,615 pa", Pay(24_907, 30_615, "annual", "GBP")),
    ("AfC Band 6: £31,365 - £37,890 pa, pro rata", Pay(31_365, 37_890, "annual", "GBP")),
    ("AfC Band 5 £24,907 rising to £30,615 pro rata", Pay(24_907, 30_615, None, "GBP")),
    ("£18,005 - £19,337 £18,005 - £19,337 per annum, pro", Pay(18_005, 19_337, "annual", "GBP")),
    ("£28,691 - £35,207 per annum incl. HCAA", Pay(28_691, 35_207, "annual", "GBP")),
    ("£79,860-£107,668 Pro-rata", Pay(79_860, 107_668, None, "GBP")),
    ("£11.76 Per Hour", Pay(11.76, 11.76, "hourly", "GBP")),
    ("Salary: 21,892 - 24,157", Pay(21_892, 24_157, None, None)),
    ("£38,890 - £44,503 Annual", Pay(38_890, 44_503, "annual", "GBP")),
    # plain and one-sided figures
    ("85,000", Pay(85_000, 85_000, None, None)),
    ("70k", Pay(70_000, 70_000, None, None)),
    ("1.5k", Pay(1_500, 1_500, None, None)),
    ("up to $70k", Pay(None, 70_000, None, "USD")),
    ("Up to £30,000 per year", Pay(None, 30_000, "annual", "GBP")),
    ("$100k+", Pay(100_000, None, None, "USD")),
    ("From $45,000 a year", Pay(45_000, None, "annual", "USD")),
    # periods
    ("$80,000 - $95,000 a year", Pay(80_000, 95_000, "annual", "USD")),
    ("$22.50/hr", Pay(22.5, 22.5, "hourly", "USD")),
    ("$40 an hour", Pay(40, 40, "hourly", "USD")),
    ("$4,500/mo", Pay(4_500, 4_500, "monthly", "USD")),
    ("$6,200 per month", Pay(6_200, 6_200, "monthly", "USD")),
    ("$1,200 per week", Pay(1_200, 1_200, "weekly", "USD")),
    ("$250/day", Pay(250, 250, "daily", "USD")),
    # range shapes
    ("45-55k", Pay(45_000, 55_000, None, None)),
    ("$45-55 an hour", Pay(45, 55, "hourly", "USD")),
    ("Between $60,000 and $70,000", Pay(60_000, 70_000, None, "USD")),
    ("$60,000.00 - $70,000.00", Pay(60_000, 70_000, None, "USD")),
    ("$53K–$91K", Pay(53_000, 91_000, None, "USD")),
    ("£30k - £35k per annum", Pay(30_000, 35_000, "annual", "GBP")),
    # currencies
    ("USD 90,000–110,000", Pay(90_000, 110_000, None, "USD")),
    ("90000 - 110000 usd", Pay(90_000, 110_000, None, "USD")),
    ("C$70,000", Pay(70_000, 70_000, None, "CAD")),
    ("€50.000 - €60.000", Pay(50_000, 60_000, None, "EUR")),
    ("45,50 € per hour", Pay(45.5, 45.5, "hourly", "EUR")),
    ("$1.2M", Pay(1_200_000, 1_200_000, None, "USD")),
    ("Salary: Â£21,892 per annum", Pay(21_892, 21_892, "annual", "GBP")),  # mis-decoded £
]


@pytest.mark.parametrize(("text", "expected"), SHAPES, ids=[s for s, _ in SHAPES])
def test_reads_real_shapes(text, expected):
    assert parse_pay(text) == expected


@pytest.mark.parametrize("text", ["-1", "", "  ", "N/A", "Competitive", "Voluntary", None])
def test_no_figure_markers_mean_none(text):
    assert parse_pay(text) is None


def test_numbers_are_single_figures():
    assert parse_pay(85000) == Pay(85_000, 85_000, None, None)
    assert parse_pay(float("nan")) is None


GARBAGE = [
    ("abc", "No pay figure"),
    ("$", "No pay figure"),
    ("call me", "No pay figure"),
    ("0", "more than zero"),
    ("$0", "more than zero"),
    ("-5000", "negative"),
    ("$-5", "negative"),
    ("$90K-$50K", "backwards"),
    ("9" * 20, "too large"),
    ("9" * 400, "too long"),
    ("2026-11-05", "more than two figures"),
    ("$80K/yr or $40/hr", "more than one period"),
    ("$50,000 or £40,000", "mixes currencies"),
    ("<script>alert('$1')</script>", "HTML"),
    ("<b>$85,000</b>", "HTML"),
]


@pytest.mark.parametrize(("text", "message"), GARBAGE, ids=[g for g, _ in GARBAGE])
def test_garbage_gets_a_clear_error(text, message):
    with pytest.raises(SalaryDataError, match=message):
        parse_pay(text)


@pytest.mark.parametrize("value", [True, ["$85,000"], b"85000"])
def test_wrong_types_are_refused(value):
    with pytest.raises(SalaryDataError, match="text or a number"):
        parse_pay(value)


def test_there_are_at_least_thirty_shapes():
    assert len(SHAPES) + len(GARBAGE) >= 30


@pytest.mark.parametrize(
    ("period", "annual"),
    [("hourly", 41_600), ("daily", 5_200), ("weekly", 1_040), ("monthly", 240), ("annual", 20)],
)
def test_periods_convert_to_a_year(period, annual):
    assert to_annual(20, period) == annual


def test_period_factors_are_configurable():
    assert to_annual(20, "hourly", periods={**PERIODS, "hourly": 1950}) == 39_000
    with pytest.raises(SalaryDataError, match="Unknown period 'quarterly'"):
        to_annual(20, "quarterly")
