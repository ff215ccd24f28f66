"""The compare panel, driven in Python as a person would in the notebook."""

import pandas as pd
import pytest

from prep_lib.widgets.matching import build_match_panel

POSTING = """# Data Engineer

## What you will do
- Build data pipelines in Python and SQL for the claims data warehouse.
- Orchestrate the pipelines with Apache Airflow; model data in Snowflake.

## What you bring
- Python, SQL, Apache Airflow and Snowflake.
"""
RESUME = "Data analyst. Wrote SQL reports and Python scripts for the claims data warehouse."
BETTER = RESUME + "\nBuilt Snowflake models and Apache Airflow pipelines."


@pytest.fixture
def panel():
    return build_match_panel(posting=POSTING, resume=RESUME)


def texts(output) -> str:
    return " ".join(str(o.get("text", "")) + str(o.get("data", {})) for o in output.outputs)


def test_the_panel_opens_already_compared(panel):
    parts = panel.parts
    assert "Score:" in parts.score.value
    assert "Snowflake" in parts.missing.value
    assert "claims data warehouse" in texts(parts.matched)
    assert parts.chart.outputs and "image/png" in parts.chart.outputs[0]["data"]
    assert "Upload the company" in texts(parts.themes)
    assert parts.progress.layout.visibility == "hidden"


def test_an_empty_panel_waits_for_input():
    parts = build_match_panel().parts
    assert parts.score.value == "" and parts.matched.outputs == ()
    parts.compare.click()
    assert "posting is empty" in parts.posting_message.value


def test_a_different_resume_changes_score_and_missing_terms(panel):
    parts = panel.parts
    before_score, before_missing = parts.score.value, parts.missing.value
    parts.resume.value = BETTER
    parts.compare.click()
    assert parts.score.value != before_score
    assert "Snowflake" not in parts.missing.value and parts.missing.value != before_missing


def test_fewer_key_terms_are_used_when_the_slider_moves(panel):
    parts = panel.parts
    parts.top_n.value = 10
    parts.compare.click()
    assert "10 key terms" in parts.score.value


def test_uploading_a_resume_fills_the_textarea(panel, upload_value):
    parts = panel.parts
    parts.resume_upload.value = upload_value(("cv.txt", BETTER.encode()))
    assert parts.resume.value == BETTER
    assert "Read cv.txt" in parts.resume_message.value
    parts.compare.click()
    assert "Snowflake" not in parts.missing.value


def test_a_bad_upload_shows_the_error_and_keeps_text_and_result(panel, upload_value):
    parts = panel.parts
    score = parts.score.value
    parts.resume_upload.value = upload_value(("cv.doc", b"\xd0\xcf\x11\xe0 old word file"))
    assert "type .doc, which cannot be read" in parts.resume_message.value
    assert parts.resume.value == RESUME
    assert parts.score.value == score
    parts.posting_upload.value = upload_value(("ad.pdf", b"not a pdf at all"))
    assert "is not a PDF" in parts.posting_message.value
    assert parts.posting.value == POSTING


def test_an_emptied_resume_is_refused_beside_it_and_the_result_stays(panel):
    parts = panel.parts
    score = parts.score.value
    parts.resume.value = "   "
    parts.compare.click()
    assert "resume is empty" in parts.resume_message.value
    assert parts.score.value == score
    assert not parts.compare.disabled


def test_a_huge_paste_is_refused_beside_it(panel):
    parts = panel.parts
    parts.resume.value = "Python " * 60_000
    parts.compare.click()
    assert "characters long" in parts.resume_message.value
    assert "Score:" in parts.score.value  # the previous result stays


def test_company_postings_can_be_uploaded_and_forgotten(panel, upload_value):
    parts = panel.parts
    other = POSTING.replace("Data Engineer", "Analytics Engineer")
    parts.company_upload.value = upload_value(("a.md", other.encode()), ("b.md", other.encode()))
    assert "2 other postings" in parts.company_message.value
    parts.compare.click()
    assert "Snowflake" in texts(parts.themes)
    parts.company_upload.value = upload_value(("bad.xls", b"x"))
    assert "cannot be read" in parts.company_message.value
    parts.company_clear.click()
    assert "0 other postings" in parts.company_message.value


def test_pasted_html_is_shown_as_text(panel):
    parts = panel.parts
    parts.posting.value = POSTING + "\n<script>alert(1)</script> <b>Kubernetes</b> Kubernetes\n"
    parts.compare.click()
    assert "<script>" not in parts.missing.value and "<b>Kubernetes" not in parts.missing.value
    assert "Kubernetes" in parts.missing.value


def test_reports_are_saved_in_the_data_folder(panel, isolated_home):
    parts = panel.parts
    parts.save_markdown.click()
    parts.save_csv.click()
    assert "Saved" in parts.save_message.value
    assert (
        (isolated_home / "match-data-engineer.md")
        .read_text(encoding="utf-8")
        .startswith("# Match report: Data Engineer")
    )
    assert "Snowflake" in pd.read_csv(isolated_home / "match-data-engineer.csv")["term"].tolist()


def test_saving_before_comparing_says_what_to_do():
    parts = build_match_panel().parts
    parts.save_csv.click()
    assert "Press Compare first" in parts.save_message.value
