"""The fictional sample candidate that every notebook and test uses is complete and consistent."""

import csv
import importlib.util
import re
import tomllib

import pytest

from prep_lib.documents import load_text
from prep_lib.paths import PROJECT_ROOT, sample_path


def words(text: str) -> list[str]:
    """The words of a document without Markdown marks or bullets, for comparing formats."""
    text = re.sub(r"(?m)^- ", " ", re.sub(r"[#*•]", " ", text))
    return re.findall(r"[\w$%.,()@'’–—:/+-]+", text)


def test_resume_formats_hold_the_same_text():
    markdown = words(load_text(sample_path("resume.md")))
    assert len(markdown) > 300
    assert words(load_text(sample_path("resume.docx"))) == markdown
    assert words(load_text(sample_path("resume.pdf"))) == markdown


def test_build_script_reproduces_the_committed_resume(tmp_path):
    spec = importlib.util.spec_from_file_location(
        "build_sample_resume", PROJECT_ROOT / "scripts" / "build_sample_resume.py"
    )
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    parts = script.blocks(sample_path("resume.md").read_text(encoding="utf-8"))
    script.write_docx(parts, tmp_path / "resume.docx")
    script.write_pdf(parts, tmp_path / "resume.pdf")
    for name in ("resume.docx", "resume.pdf"):
        rebuilt, committed = load_text(tmp_path / name), load_text(sample_path(name))
        assert rebuilt == committed, f"{name} is stale: run scripts/build_sample_resume.py"


def test_posting_is_realistic():
    posting = load_text(sample_path("posting.md"))
    assert 400 <= len(posting.split()) <= 900
    for section in ("What you will do", "What you bring", "Nice to have", "What we offer"):
        assert f"## {section}" in posting
    assert "equal opportunity employer" in posting


def test_company_has_other_postings():
    others = sorted(sample_path("company_postings").glob("*.md"))
    assert 3 <= len(others) <= 5
    assert all("Larkspur Valley Health" in load_text(p) for p in others)


def test_salary_research_covers_the_kinds_of_source():
    with sample_path("salary_research.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len({row["source"] for row in rows}) >= 6
    kinds = {row["source_kind"] for row in rows}
    assert {"government", "salary site", "recruiter", "posting", "peer"} <= kinds
    assert {row["period"] for row in rows} >= {"annual", "hourly", "monthly"}


@pytest.fixture(scope="module")
def seed() -> dict:
    return tomllib.loads(sample_path("interview_log.toml").read_text(encoding="utf-8"))


def test_interview_log_seed_references_resolve(seed):
    keys = {
        table: {item["key"] for item in seed[table]}
        for table in ("rounds", "interviewers", "stories")
    }
    for person in seed["interviewers"]:
        assert set(person["rounds"]) <= keys["rounds"]
    references = [
        *((u["story"], u["interviewer"], u["round"]) for u in seed["story_uses"]),
        *((None, q["interviewer"], q["round"]) for q in seed["questions_asked_of_me"]),
        *((None, f["interviewer"], f["round"]) for f in seed["facts"]),
        *((None, t["interviewer"], t["round"]) for t in seed["thank_yous"]),
        *((None, q["asked_to"], q["round"]) for q in seed["my_questions"] if "asked_to" in q),
    ]
    for story, interviewer, round_key in references:
        assert story is None or story in keys["stories"]
        assert interviewer in keys["interviewers"] and round_key in keys["rounds"]
    assert all(c["round"] in keys["rounds"] for c in seed["checklist"])
    assert sample_path(seed["application"]["posting"]).is_file()


def test_interview_log_seed_sets_up_a_second_round(seed):
    second = {p["key"] for p in seed["interviewers"] if "second" in p["rounds"]}
    heard = {(u["story"], u["interviewer"]) for u in seed["story_uses"]}
    assert len(second) >= 3
    assert any(person in second for _, person in heard), "someone in round 2 already heard a story"
    assert len(seed["stories"]) - len({story for story, _ in heard}) >= 4, "fresh stories remain"
    assert any(q["rating"] <= 2 for q in seed["questions_asked_of_me"]), "something to rehearse"
