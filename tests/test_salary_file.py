"""The user's research file: figures are checked, appended atomically, exported and imported."""

import csv
import datetime as dt
import os

import pandas as pd
import pytest

from prep_lib.errors import SalaryDataError
from prep_lib.paths import sample_path
from prep_lib.salary import (
    ResearchRowsError,
    append_research,
    export_table,
    file_rows,
    import_research,
    load_research,
    new_figure,
    research_path,
    years_range,
)
from prep_lib.text import PLAIN_NUMBER


def figure(**changes) -> dict:
    values = {"source": "PayCompass", "pay": "$80,000-$92,000", "period": "annual"}
    return new_figure(**(values | {"currency": "USD"} | changes))


def test_the_research_file_lives_in_the_data_folder(isolated_home):
    assert research_path() == isolated_home / "salary_research.csv"


def test_new_figure_reads_what_was_typed():
    row = figure(collected_on=dt.date(2026, 11, 5), title=" Patient Access Manager ")
    assert (row["low"], row["high"], row["median"]) == (80_000, 92_000, "")
    assert row["collected_on"] == "2026-11-05" and row["title"] == "Patient Access Manager"
    single = figure(pay="£40 per hour", period="hourly", currency="")
    assert (single["median"], single["currency"], single["period"]) == (40, "GBP", "hourly")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"pay": ""}, "Type the pay figure"),
        ({"pay": "lots"}, "No pay figure found"),
        ({"pay": "$40 an hour"}, "says hourly but the period chosen is annual"),
        ({"pay": "£40,000", "currency": "USD"}, "says GBP but the currency chosen is USD"),
    ],
)
def test_new_figure_refuses_what_does_not_add_up(changes, message):
    with pytest.raises(SalaryDataError, match=message):
        figure(**changes)


def test_append_creates_then_extends_the_file(isolated_home):
    path = append_research([figure()])
    append_research([figure(source="Recruiter", pay="85000")])
    table = load_research(path)
    assert list(table["source"]) == ["PayCompass", "Recruiter"]
    assert table["median"][1] == 85_000


def test_append_keeps_rows_it_cannot_read_and_the_files_own_headers(tmp_path):
    path = tmp_path / "mine.csv"
    original = (
        "Source,Median,Currency,Period,My notes\n"
        "Old figure,70000,USD,annual,keep me\n"
        "Half-typed row,??,USD,annual,\n"
    )
    path.write_text(original)
    append_research([figure()], path=path)
    text = path.read_text()
    assert text.startswith(original.splitlines()[0])  # headers spelled as the user wrote them
    assert "Half-typed row,??" in text and "keep me" in text
    table, problems = load_research(path, errors="skip")
    assert list(table["source"]) == ["Old figure", "PayCompass"]
    assert [p.row for p in problems] == [3]


def test_bad_new_rows_are_not_written(tmp_path):
    path = tmp_path / "mine.csv"
    append_research([figure()], path=path)
    before = path.read_bytes()
    bad = figure() | {"low": 95_000}
    with pytest.raises(ResearchRowsError, match="low is above high"):
        append_research([bad], path=path)
    with pytest.raises(SalaryDataError, match="nothing to add"):
        append_research([], path=path)
    assert path.read_bytes() == before


def test_an_unreadable_file_is_left_alone(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_bytes(b"source,median\n\xff\xfe\x00\x00garbage")
    before = path.read_bytes()
    with pytest.raises(SalaryDataError, match="not a text CSV"):
        append_research([figure()], path=path)
    assert path.read_bytes() == before


def test_a_failed_replace_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "mine.csv"
    append_research([figure()], path=path)
    before = path.read_bytes()

    def refuse(*_args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(SalaryDataError, match=r"Permission denied.*nothing was changed"):
        append_research([figure(source="Recruiter")], path=path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.csv"]  # no temporary file left


def test_a_full_disk_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "mine.csv"
    append_research([figure()], path=path)
    before = path.read_bytes()

    def full(_descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)  # the new file is written, then cannot be flushed
    with pytest.raises(SalaryDataError, match="No space left on device"):
        append_research([figure(source="Recruiter")], path=path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.csv"]


def test_export_reloads_to_the_same_annual_figures(tmp_path):
    sample = load_research(sample_path("salary_research.csv"))
    path = export_table(sample, tmp_path / "table.csv")
    again = load_research(path)
    pd.testing.assert_frame_equal(
        again.drop(columns="period"), sample.drop(columns="period"), check_dtype=False
    )
    assert set(again["period"]) == {"annual"}


def test_wage_rows_are_stored_as_annual_figures(tmp_path):
    sample = load_research(sample_path("salary_research.csv"))
    hourly = sample[sample["period"] == "hourly"]
    append_research(file_rows(hourly), path=tmp_path / "mine.csv")
    assert load_research(tmp_path / "mine.csv")["high"][0] == 45 * 2080


def test_import_adds_every_row_or_none(tmp_path):
    path = tmp_path / "mine.csv"
    good = b"source,low,high,currency,period\nA,1,2,USD,hourly\nB,3,4,USD,hourly\n"
    assert import_research(("theirs.csv", good), path=path) == 2
    bad = b"source,low,high,currency,period\nC,1,2,USD,hourly\nD,9,4,USD,hourly\n"
    with pytest.raises(ResearchRowsError, match=r"1 row of theirs\.csv has problems"):
        import_research(("theirs.csv", bad), path=path)
    assert list(load_research(path)["source"]) == ["A", "B"]


def test_figures_keep_their_cents(tmp_path):
    row = {"source": "City posting", "median": 51_907.68, "currency": "USD", "period": "annual"}
    append_research([row], path=tmp_path / "mine.csv")
    assert load_research(tmp_path / "mine.csv")["median"][0] == 51_907.68


def test_a_folder_that_cannot_be_made_is_a_clear_error(tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    with pytest.raises(SalaryDataError, match=r"Cannot save .*mine\.csv"):
        append_research([figure()], path=tmp_path / "a-file" / "mine.csv")


def test_a_second_currency_is_refused_before_it_makes_the_file_unchartable(tmp_path):
    path = append_research([figure()], path=tmp_path / "mine.csv")
    before = path.read_bytes()
    with pytest.raises(SalaryDataError, match="Your research is in USD; this is in GBP"):
        append_research([figure(pay="£40,000", currency="GBP")], path=path)
    assert path.read_bytes() == before


FORMULAS = [
    '=HYPERLINK("http://evil.example","Click")',
    "=cmd|' /C calc'!A0",
    "@SUM(A1:A9)",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
]


def cells(path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def assert_no_live_formula(path) -> None:
    for row in cells(path)[1:]:
        for cell in row:
            assert not cell.startswith(("=", "@", "\t", "\r")), cell
            assert not cell.startswith(("+", "-")) or PLAIN_NUMBER.fullmatch(cell), cell


@pytest.mark.parametrize("formula", FORMULAS)
def test_formulas_in_text_never_go_live_and_load_back_as_typed(tmp_path, formula):
    path = tmp_path / "mine.csv"
    append_research([figure(title=formula, notes=formula, location=formula)], path=path)
    append_research(
        [{"source": formula, "median": 90_000, "currency": "USD", "period": "annual"}], path=path
    )
    assert_no_live_formula(path)
    table = load_research(path)
    assert list(table["title"]) == [formula, ""] and table["notes"][0] == formula
    assert table["source"][1] == formula
    export = export_table(table, tmp_path / "export.csv")
    assert_no_live_formula(export)
    pd.testing.assert_frame_equal(
        load_research(export).drop(columns="period"),
        table.drop(columns="period"),
        check_dtype=False,
    )
    assert all(not str(v).startswith("=") for v in file_rows(table).to_numpy().ravel())


def test_rows_typed_by_hand_are_escaped_when_the_file_is_rewritten(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text('source,median,currency,period\n=HYPERLINK("x"),90000,USD,annual\n')
    append_research([figure()], path=path)
    assert cells(path)[1][0] == '\'=HYPERLINK("x")'
    assert load_research(path)["source"][0] == '=HYPERLINK("x")'


def test_signed_numbers_stay_numbers(tmp_path):
    """A number, even with a sign, is never a formula: it is written as it is, so a mistyped
    value (-1 years) comes back as typed and is reported, and +2 still reads as 2."""
    path = tmp_path / "mine.csv"
    path.write_text(
        "source,median,currency,period,experience_min,weight\n"
        "Old,80000,USD,annual,-1,\n"
        "Peer,85000,USD,annual,,+2\n"
    )
    append_research([figure()], path=path)
    written = cells(path)
    assert written[1][4] == "-1" and written[2][5] == "+2"
    table, problems = load_research(path, errors="skip")
    assert [(p.row, p.column, p.value) for p in problems] == [(2, "experience_min", "-1")]
    assert table.set_index("source").loc["Peer", "weight"] == 2


def test_text_that_only_starts_like_a_number_is_escaped(tmp_path):
    path = tmp_path / "mine.csv"
    append_research([figure(notes="-5% after tax"), figure(notes="+ bonus")], path=path)
    header, *rows = cells(path)
    notes = header.index("notes")
    assert [row[notes] for row in rows] == ["'-5% after tax", "'+ bonus"]
    assert list(load_research(path)["notes"]) == ["-5% after tax", "+ bonus"]


@pytest.mark.parametrize(
    ("typed", "years"),
    [("", (None, None)), ("3-5", (3, 5)), ("3 to 5 years", (3, 5)), ("5+", (5, None)),
     ("up to 3", (None, 3)), ("7", (7, 7)), ("10+ yrs", (10, None))],
)  # fmt: skip
def test_years_of_experience_as_people_type_them(typed, years):
    assert years_range(typed) == years


@pytest.mark.parametrize("typed", ["a few", "5-3", "-2", "100", "3-5-7"])
def test_years_that_cannot_be_read_are_refused(typed):
    with pytest.raises(SalaryDataError, match="years"):
        years_range(typed)


def test_a_figure_keeps_its_weight_and_years(tmp_path):
    row = figure(weight=0.5, experience="5+")
    assert (row["weight"], row["experience_min"], row["experience_max"]) == (0.5, 5, "")
    table = load_research(append_research([row], path=tmp_path / "mine.csv"))
    assert table["weight"][0] == 0.5 and table["experience_min"][0] == 5
    with pytest.raises(SalaryDataError, match="weight must be a number"):
        figure(weight=-1)


def test_a_bare_dollar_sign_agrees_with_any_dollar_chosen():
    assert figure(pay="$70,000", currency="CAD")["currency"] == "CAD"
    with pytest.raises(SalaryDataError, match="says USD but the currency chosen is GBP"):
        figure(pay="$70,000", currency="GBP")
    with pytest.raises(SalaryDataError, match="says USD but the currency chosen is CAD"):
        figure(pay="US$70,000", currency="CAD")
