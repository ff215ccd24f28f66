"""The salary panel driven in Python: set .value, call .click(), read what it shows."""

import base64
import datetime as dt
import io
import os
import re

import pandas as pd
import pytest
from test_salary_importers import bls_table

from prep_lib.errors import SalaryDataError
from prep_lib.salary import STRENGTHS, load_research, research_path
from prep_lib.widgets.common import Panel
from prep_lib.widgets.salary import Filters, build_salary_panel


@pytest.fixture
def panel():
    """The sample candidate's research, shown only."""
    return build_salary_panel(sample=True, strengths=["certifications", "team_leadership"])


@pytest.fixture
def own():
    """The user's own research file (empty at first)."""
    return build_salary_panel()


def ask_text(panel) -> str:
    return panel.ask.value


def test_opens_on_the_sample_with_a_chart_and_an_ask(panel):
    assert panel.using_sample and "sample candidate" in panel.status.value
    assert panel.years.value == 7  # from the sample's current pay row
    assert "Ask for $" in ask_text(panel) and "10 sources" in ask_text(panel)
    assert panel.chart.outputs[0]["data"]["image/png"]
    assert "WageView" in panel.table.outputs[0]["data"]["text/plain"]
    assert [label for label, _ in panel.location.options][:1] == ["All locations"]
    assert {box.description for box in panel.strengths.values()} == {s.label for s in STRENGTHS}


def test_every_input_is_labelled(panel):
    for name in ("title", "location", "years", "source", "pay", "period", "currency"):
        assert getattr(panel, name).description


def test_location_filter_changes_the_ask(panel):
    everywhere = ask_text(panel)
    panel.location.value = "United States"
    assert "Ask for $100,000" in ask_text(panel) and ask_text(panel) != everywhere
    assert "in United States" in ask_text(panel)
    panel.location.value = ""
    assert ask_text(panel) == everywhere


def test_the_ask_warns_when_it_leaves_the_postings_range():
    panel = build_salary_panel(
        sample=True, strengths=["certifications"], posting_range=(76_000, 94_000)
    )
    assert "posting itself offers" not in ask_text(panel)
    panel.location.value = "United States"
    assert "The posting itself offers $76,000–$94,000" in ask_text(panel)


def test_experience_and_strengths_move_the_ask(panel):
    def target() -> int:
        return int(ask_text(panel).split("Ask for $")[1].split(" ")[0].replace(",", ""))

    start = target()
    panel.years.value = 12
    more_years = target()
    panel.strengths["other_offer"].value = True
    assert start < more_years < target()


def test_a_filter_with_no_figures_shows_the_error_beside_it(panel):
    panel.location.value = "Cleveland, OH"  # its only figure is for 6 years of experience
    assert "No figures match" in panel.filter_message.value
    assert "No ask" in ask_text(panel) and panel.chart.outputs == ()
    panel.years.value = 6
    assert panel.filter_message.value == "" and "Ask for $" in ask_text(panel)


def test_adding_a_figure_starts_the_users_own_file(own):
    own.source.value = "Recruiter call"
    own.figure_location.value = "Columbus, OH"
    own.pay.value = "$40-$45 an hour"
    assert own.period.value == "hourly"  # follows what was typed
    own.collected_on.value = dt.date(2026, 11, 12)
    own.add.click()
    assert "Added Recruiter call" in own.add_message.value
    assert "(1 figure)" in own.status.value
    table = load_research(research_path())
    assert table["high"][0] == 45 * 2080 and str(table["collected_on"][0].date()) == "2026-11-12"
    assert "1 source" in ask_text(own)
    assert own.location.options == (("All locations", ""), ("Columbus, OH", "Columbus, OH"))


def test_a_bad_figure_shows_an_error_and_keeps_what_was_typed(own):
    own.source.value = "Friend"
    own.pay.value = "<script>alert(1)</script>"
    own.add.click()
    assert "HTML or code" in own.pay_message.value  # beside the input at fault
    assert "<script>" not in own.pay_message.value  # escaped
    assert own.pay.value == "<script>alert(1)</script>"
    assert not research_path().exists()


def test_form_errors_show_beside_their_inputs_and_clear_when_fixed(own):
    own.pay.value = "a lot"  # read when typed, before any click
    assert "No pay figure found" in own.pay_message.value
    own.add.click()
    assert "Type where the figure comes from" in own.source_message.value
    assert "No pay figure found" in own.pay_message.value
    assert own.add_message.value == "" and not research_path().exists()
    own.source.value, own.pay.value = "Recruiter call", "$90K"
    assert own.pay_message.value == ""
    own.add.click()
    assert own.source_message.value == "" and "Added Recruiter call" in own.add_message.value


def test_hostile_text_in_the_users_file_is_shown_escaped(panel):
    research_path().write_text(
        "source,median,currency,period\n<img src=x onerror=alert(1)>,90000,USD,annual\n"
        "Broken,abc,USD,annual\n"
    )
    panel = build_salary_panel()
    assert "row 3" in panel.status.value and "left out" in panel.status.value
    table = panel.table.outputs[0]["data"]["text/html"]
    assert "<img" not in table and "&lt;img src=x" in table
    assert "Ask for $" in panel.ask.value


def test_importing_a_bls_table(own, upload_value):
    data = io.BytesIO()
    pd.concat([bls_table("Ohio"), bls_table("Columbus, OH")]).to_excel(data, index=False)
    own.imports.wage_file.value = upload_value(("national_M2023_dl.xlsx", data.getvalue()))
    own.imports.import_wages.click()
    assert "rows match" in own.imports.wage_message.value  # every occupation: too many
    own.imports.occupation.value = "11-9111"
    own.imports.area.value = "columbus"
    own.imports.import_wages.click()
    assert "Imported 1 row" in own.imports.wage_message.value
    assert load_research(research_path())["median"][0] == 110_680
    assert "Medical and Health Services Managers" in [v for v, _ in own.title.options]


def test_importing_a_research_csv(own, upload_value):
    own.imports.import_research.click()
    assert "Choose a research CSV" in own.imports.research_message.value
    bad = b"source,median,currency,period\nA,-1,USD,annual\n"
    own.imports.research_file.value = upload_value(("theirs.csv", bad))
    own.imports.import_research.click()
    assert "row 2" in own.imports.research_message.value and not research_path().exists()
    good = b"source,median,currency,period\nA,90000,USD,annual\nB,95000,USD,annual\n"
    own.imports.research_file.value = upload_value(("theirs.csv", good))
    own.imports.import_research.click()
    assert "Imported 2 rows" in own.imports.research_message.value
    assert "2 sources" in ask_text(own)


@pytest.mark.parametrize(
    ("button", "name", "start"),
    [
        ("save_png", "salary-chart.png", b"\x89PNG"),
        ("save_svg", "salary-chart.svg", b"<?xml"),
        ("save_csv", "salary-table.csv", b"source,"),
    ],
)
def test_exports_go_to_the_data_folder(panel, isolated_home, button, name, start):
    getattr(panel, button).click()
    saved = isolated_home / name
    message = panel.export_message.value
    assert f"Saved <b>{name}</b> ({name} in your data folder)" in message
    assert saved.read_bytes().startswith(start)
    link = re.search(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', message)
    assert link[1] == name and base64.b64decode(link[2]) == saved.read_bytes()  # opens the file
    if name.endswith(".csv"):
        assert len(pd.read_csv(saved)) == 11  # the rows shown for 7 years: not the 6-year peer


def test_unknown_strengths_are_refused():
    with pytest.raises(SalaryDataError, match="Unknown strength charm"):
        build_salary_panel(strengths=["charm"])


def test_the_panel_has_the_shape_of_every_panel(panel):
    assert isinstance(panel, Panel) and panel.widget.children
    assert panel._repr_mimebundle_()["text/plain"]
    assert panel.filters == Filters(title=None, location=None, years=7)


@pytest.mark.parametrize("button", ["save_png", "save_csv"])
def test_a_refused_export_says_so_and_leaves_no_file(panel, isolated_home, monkeypatch, button):
    def refuse(*_args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    getattr(panel, button).click()
    assert "Permission denied" in panel.export_message.value
    assert "nothing was changed" in panel.export_message.value
    assert not [p for p in isolated_home.iterdir() if p.name.startswith((".salary", "salary"))]


def test_a_figure_can_carry_a_weight_and_the_years_it_applies_to(own):
    own.source.value = "Former colleague"
    own.pay.value = "$88,000"
    own.experience.value = "5-10"
    own.weight.value = 0.5
    own.add.click()
    assert "Added Former colleague" in own.add_message.value
    row = load_research(research_path()).iloc[0]
    assert (row["experience_min"], row["experience_max"], row["weight"]) == (5, 10, 0.5)


def test_years_that_cannot_be_read_show_beside_their_input(own):
    own.source.value, own.pay.value = "Recruiter", "$90K"
    own.experience.value = "a few"
    own.add.click()
    assert "like 3-5, 5+" in own.experience_message.value
    assert not research_path().exists()
    own.experience.value = "5+"
    own.add.click()
    assert own.experience_message.value == "" and "Added Recruiter" in own.add_message.value


def test_an_ask_from_fewer_than_three_sources_warns(panel):
    assert "prep-warning" not in ask_text(panel)  # ten sources
    panel.location.value = "United States"  # two national sources
    assert "Only 2 sources match" in ask_text(panel) and "prep-warning" in ask_text(panel)


def test_an_import_ends_with_its_report(own, upload_value):
    data = io.BytesIO()
    table = bls_table("Columbus, OH")
    table.loc[len(table)] = table.loc[4].copy()
    table.loc[len(table) - 1, ["OCC_CODE", "OCC_TITLE"]] = ["41-9012", "Models"]
    table.loc[len(table) - 1, [c for c in table.columns if c.startswith(("A_P", "H_P"))]] = "*"
    table.loc[len(table) - 1, "A_MEDIAN"] = "*"
    table.to_excel(data, index=False)
    own.imports.wage_file.value = upload_value(("MSA_M2022_dl.xlsx", data.getvalue()))
    own.imports.occupation.value = "41-9012"
    own.imports.import_wages.click()
    report = own.imports.report.value
    assert "MSA_M2022_dl.xlsx (BLS OEWS May 2022" in report
    assert "8 rows read, 0 kept" in report and "no wage published" in report
    assert "No row of the wage table has a figure" in own.imports.wage_message.value


NYC = (
    "Job ID,Business Title,Salary Range From,Salary Range To,Salary Frequency,Work Location\n"
    "1,Account Manager,42405,65485,Annual,110 William St.\n"
    "2,Public Health Nurse,32.11,36.93,Hourly,Queens\n"
    "3,Nurse Supervisor â€“ Queens,80000,90000,Annual,Queens\n"
    "4,Nurse Planner,lots,90000,Annual,Queens\n"
)


def test_any_other_csv_loads_through_the_columns_the_person_picks(own, upload_value):
    forms = own.imports
    forms.other_file.value = upload_value(("NYC_Jobs.csv", NYC.encode()))
    assert "4 rows. Now pick its columns" in forms.other_message.value
    assert ("Salary Range From", "Salary Range From") in forms.columns["low"].options
    forms.columns["low"].value = "Salary Range From"
    forms.columns["high"].value = "Salary Range To"
    forms.columns["title"].value = "Business Title"
    forms.columns["location"].value = "Work Location"
    forms.other_period.value = ("column", "Salary Frequency")
    forms.other_kind.value = "posting"
    forms.other_titles.value = "nurse"
    forms.import_other.click()
    assert "Imported 2 rows with the columns you chose" in forms.other_message.value
    assert "4 rows read, 3 kept, 1 left out" in forms.report.value
    assert "high: No pay figure found" not in forms.report.value  # the bad cell was 'low'
    table = load_research(research_path())
    assert list(table["title"]) == ["Public Health Nurse", "Nurse Supervisor – Queens"]
    assert table["low"][0] == pytest.approx(32.11 * 2080)
    assert "2 sources" in ask_text(own)


def test_the_other_csv_needs_a_file_and_a_pay_column(own, upload_value):
    forms = own.imports
    forms.import_other.click()
    assert "Choose the CSV file first" in forms.other_message.value
    forms.other_file.value = upload_value(("survey.csv", b"Company,Role\nAcme,Manager\n"))
    forms.import_other.click()
    assert "at least one column of pay" in forms.other_message.value
    assert not research_path().exists()
