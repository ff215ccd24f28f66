"""The compare panel, driven in Python as a person would in the notebook."""

import ipywidgets as widgets
import pandas as pd
import pytest

from prep_lib.widgets.common import Panel
from prep_lib.widgets.matching import build_match_panel

POSTING = """# Data Engineer

## What you will do
- Build data pipelines in Python and SQL for the claims data warehouse.
- Orchestrate the pipelines with Apache Airflow; model data in Snowflake.
- Run data quality checks, document the pipelines and tune slow queries.
- Report monthly to the actuarial and pricing teams on warehouse costs.

## What you bring
- Python, SQL, Apache Airflow and Snowflake.
- Experience with dbt, Git code review and continuous integration.
"""
RESUME = "Data analyst. Wrote SQL reports and Python scripts for the claims data warehouse."
BETTER = RESUME + "\nBuilt Snowflake models and Apache Airflow pipelines."


@pytest.fixture
def panel():
    return build_match_panel(posting=POSTING, resume=RESUME)


def texts(output) -> str:
    return " ".join(str(o.get("text", "")) + str(o.get("data", {})) for o in output.outputs)


def test_the_panel_is_a_panel_with_named_parts(panel):
    assert isinstance(panel, Panel) and isinstance(panel.widget, widgets.VBox)
    assert panel.posting in panel.widget.children and panel.score in panel.widget.children
    assert "application/vnd.jupyter.widget-view+json" in panel._repr_mimebundle_()


def test_the_panel_opens_already_compared(panel):
    assert "Score:" in panel.score.value
    assert "Snowflake" in panel.missing.value
    assert "claims data warehouse" in texts(panel.matched)
    assert panel.chart.outputs and "image/png" in panel.chart.outputs[0]["data"]
    assert "Upload the company" in texts(panel.themes)
    assert panel.progress.layout.visibility == "hidden"


def test_an_empty_panel_waits_for_input():
    panel = build_match_panel()
    assert panel.score.value == "" and panel.matched.outputs == ()
    panel.compare.click()
    assert "posting is empty" in panel.posting_message.value


def test_a_different_resume_changes_score_and_missing_terms(panel):
    before_score, before_missing = panel.score.value, panel.missing.value
    panel.resume.value = BETTER
    panel.compare.click()
    assert panel.score.value != before_score
    assert "Snowflake" not in panel.missing.value and panel.missing.value != before_missing


def test_fewer_key_terms_are_used_when_the_slider_moves(panel):
    before = len(panel.report.terms)
    panel.top_n.value = 10
    panel.compare.click()
    shown = len(panel.report.terms)  # ten, and any named tool asked for beyond them
    assert 10 <= shown < before
    assert f"{shown} key terms" in panel.score.value


def test_uploading_a_resume_fills_the_textarea(panel, upload_value):
    panel.resume_upload.value = upload_value(("cv.txt", BETTER.encode()))
    assert panel.resume.value == BETTER
    assert "Read cv.txt" in panel.resume_message.value
    panel.compare.click()
    assert "Snowflake" not in panel.missing.value


def test_a_bad_upload_shows_the_error_and_keeps_text_and_result(panel, upload_value):
    score = panel.score.value
    panel.resume_upload.value = upload_value(("cv.doc", b"\xd0\xcf\x11\xe0 old word file"))
    assert "type .doc, which cannot be read" in panel.resume_message.value
    assert panel.resume.value == RESUME
    assert panel.score.value == score
    panel.posting_upload.value = upload_value(("ad.pdf", b"not a pdf at all"))
    assert "is not a PDF" in panel.posting_message.value
    assert panel.posting.value == POSTING


def test_an_emptied_resume_is_refused_beside_it_and_the_result_stays(panel):
    score = panel.score.value
    panel.resume.value = "   "
    panel.compare.click()
    assert "resume is empty" in panel.resume_message.value
    assert panel.score.value == score
    assert not panel.compare.disabled


def test_a_huge_paste_is_refused_beside_it(panel):
    panel.resume.value = "Python " * 60_000
    panel.compare.click()
    assert "characters long" in panel.resume_message.value
    assert "Score:" in panel.score.value  # the previous result stays


def test_the_sample_company_postings_are_set_aside_for_another_posting():
    other = POSTING.replace("Data Engineer", "Analytics Engineer")
    panel = build_match_panel(posting=POSTING, resume=RESUME, company_postings=[other, other])
    assert "2 other postings" in panel.company_message.value
    assert "Snowflake" in texts(panel.themes)
    panel.posting.value = "# Payroll Officer\n\nRun the monthly payroll in Sage; reconcile PAYE."
    panel.compare.click()
    assert "0 other postings" in panel.company_message.value
    assert "set aside" in panel.company_message.value
    assert "Upload the company" in texts(panel.themes)
    assert "Snowflake" not in panel.missing.value


def test_the_posting_is_shown_with_its_key_terms_marked(panel):
    view = panel.posting_view.value
    assert "class='prep-term-missing'" in view and "class='prep-term-proved'" in view
    assert ">Snowflake</mark>" in view and ">SQL</mark>" in view


def test_company_postings_can_be_uploaded_and_forgotten(panel, upload_value):
    other = POSTING.replace("Data Engineer", "Analytics Engineer")
    panel.company_upload.value = upload_value(("a.md", other.encode()), ("b.md", other.encode()))
    assert "2 other postings" in panel.company_message.value
    panel.compare.click()
    assert "Snowflake" in texts(panel.themes)
    panel.company_upload.value = upload_value(("bad.xls", b"x"))
    assert "cannot be read" in panel.company_message.value
    panel.company_clear.click()
    assert "0 other postings" in panel.company_message.value


def test_pasted_html_is_shown_as_text(panel):
    panel.posting.value = POSTING + "\n<script>alert(1)</script> <b>Kubernetes</b> Kubernetes\n"
    panel.compare.click()
    assert "<script>" not in panel.missing.value and "<b>Kubernetes" not in panel.missing.value
    assert "Kubernetes" in panel.missing.value


def test_reports_are_saved_in_the_data_folder(panel, isolated_home):
    panel.save_markdown.click()
    panel.save_csv.click()
    assert "Saved" in panel.save_message.value
    assert (
        (isolated_home / "match-data-engineer.md")
        .read_text(encoding="utf-8")
        .startswith("# Match report: Data Engineer")
    )
    assert "Snowflake" in pd.read_csv(isolated_home / "match-data-engineer.csv")["term"].tolist()


def test_saving_before_comparing_says_what_to_do():
    panel = build_match_panel()
    panel.save_csv.click()
    assert "Press Compare first" in panel.save_message.value
