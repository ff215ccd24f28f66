"""load_research reads the user's research CSV into annual figures and reports every bad row."""

import pandas as pd
import pytest

from prep_lib.errors import SalaryDataError
from prep_lib.paths import sample_path
from prep_lib.salary import COLUMNS, PERIODS, ResearchRowsError, load_research

HEADER = "source,source_kind,title,location,low,median,high,currency,period,collected_on\n"


def research(tmp_path, body: str, header: str = HEADER, name="research.csv"):
    path = tmp_path / name
    path.write_text(header + body, encoding="utf-8")
    return path


def test_sample_research_loads_as_is():
    table = load_research(sample_path("salary_research.csv"))
    assert list(table.columns) == list(COLUMNS)
    assert len(table) == 12
    hourly = table[table["period"] == "hourly"].iloc[0]
    assert (hourly["low"], hourly["high"]) == (36 * 2080, 45 * 2080)
    monthly = table[table["period"] == "monthly"].iloc[0]
    assert monthly["median"] == 7300 * 12
    assert set(table["currency"]) == {"USD"}
    assert table["collected_on"].notna().all()


def test_missing_optional_columns_are_tolerated(tmp_path):
    path = research(
        tmp_path, "Recruiter,90000,USD,annual\n", header="source,median,currency,period\n"
    )
    table = load_research(path)
    row = table.iloc[0]
    assert row["median"] == 90_000 and row["source_kind"] == "other" and row["weight"] == 1
    assert pd.isna(row["low"]) and pd.isna(row["experience_min"]) and row["title"] == ""


def test_pay_cells_may_be_written_like_people_write_them(tmp_path):
    path = research(tmp_path, 'A,salary site,,,"$80,000",85K,"95,000",usd,per year,\n')
    row = load_research(path).iloc[0]
    assert (row["low"], row["median"], row["high"], row["currency"]) == (
        80_000,
        85_000,
        95_000,
        "USD",
    )


BAD_ROWS = [
    ("A,salary site,,,abc,,90000,USD,annual,\n", "low", "No pay figure found"),
    ("A,salary site,,,-5,,90000,USD,annual,\n", "low", "more than zero"),
    ("A,salary site,,,0,,90000,USD,annual,\n", "low", "more than zero"),
    ("A,salary site,,,95000,,80000,USD,annual,\n", "low", "low is above high"),
    ("A,salary site,,,70000,99000,90000,USD,annual,\n", "median", "median is above high"),
    ("A,salary site,,,,,90000,USD,quarterly,\n", "period", "unknown period"),
    ("A,salary site,,,,,90000,USD,,\n", "period", "period is missing"),
    ("A,salary site,,,,,90000,,annual,\n", "currency", "currency is missing"),
    ("A,salary site,,,,,90000,dollars,annual,\n", "currency", "unknown currency"),
    ("A,salary site,,,,,,USD,annual,\n", "pay", "no pay figure"),
    (",salary site,,,,,90000,USD,annual,\n", "source", "source is empty"),
    ("A,friend of a friend,,,,,90000,USD,annual,\n", "source_kind", "unknown kind"),
    ("A,salary site,,,,,90000,USD,annual,last week\n", "collected_on", "write dates like"),
    ("A,salary site,,,80-90K,,,USD,annual,\n", "low", "not a single figure"),
]


@pytest.mark.parametrize(("row", "column", "reason"), BAD_ROWS, ids=[r[2] for r in BAD_ROWS])
def test_every_bad_value_is_reported(tmp_path, row, column, reason):
    good = "Good,salary site,,,70000,,90000,USD,annual,2026-11-05\n"
    path = research(tmp_path, good + row)
    with pytest.raises(ResearchRowsError) as caught:
        load_research(path)
    problem = caught.value.problems[0]
    assert (problem.row, problem.column) == (3, column)  # header is row 1
    assert reason in problem.reason
    assert "row 3" in str(caught.value) and "nothing was loaded" in str(caught.value)
    table, problems = load_research(path, errors="skip")
    assert list(table["source"]) == ["Good"] and problems == list(caught.value.problems)


def test_percentiles_out_of_order_are_reported(tmp_path):
    header = "source,low,p25,median,p75,high,currency,period\n"
    path = research(tmp_path, "A,50000,70000,65000,80000,90000,USD,annual\n", header=header)
    with pytest.raises(ResearchRowsError, match="p25 is above median"):
        load_research(path)


def test_experience_is_checked(tmp_path):
    header = "source,median,currency,period,experience_min,experience_max\n"
    path = research(
        tmp_path, "A,1,USD,annual,9,3\nB,1,USD,annual,-1,\nC,1,USD,annual,ten,\n", header=header
    )
    _, problems = load_research(path, errors="skip")
    assert [(p.row, p.column) for p in problems] == [
        (2, "experience_min"),
        (3, "experience_min"),
        (4, "experience_min"),
    ]


def test_one_error_lists_every_bad_row(tmp_path):
    body = "".join(f"S{i},salary site,,,abc,,90000,USD,annual,\n" for i in range(30))
    with pytest.raises(ResearchRowsError) as caught:
        load_research(research(tmp_path, body))
    assert len(caught.value.problems) == 30
    assert "30 rows" in str(caught.value) and "and 10 more" in str(caught.value)


def test_skip_keeps_good_rows_and_reports_the_rest(tmp_path):
    body = "A,salary site,,,70000,,90000,USD,annual,\nB,salary site,,,x,,y,USD,annual,\n"
    table, problems = load_research(research(tmp_path, body), errors="skip")
    assert list(table["source"]) == ["A"]
    assert {(p.row, p.column) for p in problems} == {(3, "low"), (3, "high")}


def test_mixed_currencies_need_rates(tmp_path):
    body = "A,salary site,,,70000,,90000,USD,annual,\nB,salary site,,,30000,,40000,GBP,annual,\n"
    path = research(tmp_path, body)
    with pytest.raises(SalaryDataError, match=r"USD and GBP|GBP and USD"):
        load_research(path)
    table = load_research(path, rates={"GBP": 1.25}, currency="USD")
    assert table["currency"].eq("USD").all()
    assert list(table["high"]) == [90_000, 50_000]
    assert "converted from GBP at 1.25" in table["notes"].iloc[1]


def test_a_currency_without_a_rate_is_a_bad_row(tmp_path):
    body = "A,salary site,,,70000,,90000,USD,annual,\nB,salary site,,,30000,,40000,EUR,annual,\n"
    table, problems = load_research(
        research(tmp_path, body), errors="skip", rates={"GBP": 1.25}, currency="USD"
    )
    assert list(table["source"]) == ["A"]
    assert problems[0].reason == "no exchange rate for EUR was given"


def test_period_factors_can_be_changed(tmp_path):
    path = research(tmp_path, "A,salary site,,,,40,,USD,hourly,\nB,salary site,,,,9,,USD,annual,\n")
    assert load_research(path, periods={**PERIODS, "hourly": 1950})["median"][0] == 78_000
    table, problems = load_research(path, periods={"hourly": 1950}, errors="skip")
    assert list(table["source"]) == ["A"]
    assert problems[0].reason == "unknown period; use one of hourly"


def test_a_data_frame_is_accepted():
    frame = pd.DataFrame(
        {"source": ["A"], "median": [5000], "currency": ["GBP"], "period": ["pcm"]}
    )
    table = load_research(frame)
    assert table["median"][0] == 60_000 and table["period"][0] == "monthly"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"source,median\nA,1\n", "no currency or period column"),
        (b"just,some\n1,2\n", "no source or currency or period or pay"),
        ("source,median,currency,period\nA,1,USD,annual\n".encode("utf-16"), "UTF-16"),
        (b"source,median,currency,period\nA,1,USD,annual,extra,values\n", "row 2 has more"),
        (b"source,median,currency,period\nA,1,USD,annual\nB,2,USD,annual,x\n", "row 3 has 5"),
    ],
    ids=["empty", "missing columns", "not research", "utf-16", "long first row", "long row"],
)
def test_bad_files_get_clear_errors(tmp_path, content, message):
    path = tmp_path / "research.csv"
    path.write_bytes(content)
    with pytest.raises(SalaryDataError, match=message):
        load_research(path)


def test_windows_excel_encoding_is_read(tmp_path):
    path = tmp_path / "research.csv"
    path.write_bytes(
        "source,median,currency,period\nCafé survey,30000,GBP,annual\n".encode("cp1252")
    )
    assert load_research(path)["source"][0] == "Café survey"


def test_mis_decoded_text_is_repaired(tmp_path):
    path = research(tmp_path, "Board â€“ estimate,salary site,,,,90000,,USD,annual,\n")
    assert load_research(path)["source"][0] == "Board – estimate"


def test_other_files_are_refused(tmp_path):
    for name, message in (("notes.pdf", "not a CSV or Excel"), ("old.xls", "old Excel format")):
        (tmp_path / name).write_bytes(b"%PDF-1.4 whatever")
        with pytest.raises(SalaryDataError, match=message):
            load_research(tmp_path / name)
    with pytest.raises(SalaryDataError, match="does not exist"):
        load_research(tmp_path / "missing.csv")


def test_huge_values_are_refused(tmp_path):
    body = f"A,salary site,,,,{'9' * 30},,USD,annual,\n"
    body += f"B,salary site,,,,90000,,USD,annual,{'x' * 600}\n"
    _, problems = load_research(research(tmp_path, body), errors="skip")
    assert [(p.row, p.column) for p in problems] == [(2, "median"), (3, "collected_on")]
    long_text = "A" * 600 + ",salary site,,,,90000,,USD,annual,\n"
    with pytest.raises(ResearchRowsError, match="longer than 500"):
        load_research(research(tmp_path, long_text))


def test_hostile_text_is_kept_as_plain_text(tmp_path):
    hostile = "<script>alert('x')</script>"
    path = research(tmp_path, f'"{hostile}",salary site,"<b>Manager</b>",,,90000,,USD,annual,\n')
    table = load_research(path)
    assert table["source"][0] == hostile  # stored as typed; every display escapes it


def test_a_header_alone_is_an_empty_table():
    assert load_research(("mine.csv", b"source,median,currency,period\n")).empty


def test_upload_tuples_are_read():
    data = b"source,median,currency,period\nA,90000,USD,annual\n"
    assert load_research(("mine.csv", data))["median"][0] == 90_000


def test_errors_argument_is_checked():
    with pytest.raises(ValueError, match="errors"):
        load_research(pd.DataFrame(), errors="ignore")
