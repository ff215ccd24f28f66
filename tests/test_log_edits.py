"""Applications as the unit of a job search, and correcting or deleting any entry of the log."""

import datetime as dt
import sqlite3

import pytest

from prep_lib.errors import LogError
from prep_lib.log import MAX_DOCUMENT_CHARS, TABLES, FieldError, InterviewLog
from prep_lib.paths import PROJECT_ROOT

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> Robert\'); DROP TABLE story;--'
STAR = {"situation": "S", "task": "T", "action": "A", "result": "R"}
RESUME = """Jordan Reyes
Front Desk Supervisor, Harbor Clinic (2021–2026)
- Cut check-in wait from 14 to 6 minutes with a kiosk pilot
- Trained 9 new registration staff on Epic Cadence
"""


@pytest.fixture
def log(tmp_path):
    with InterviewLog(tmp_path / "log.sqlite") as opened:
        yield opened


def table_rows(path):
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in TABLES}
    finally:
        con.close()


def started(log):
    """An application with its documents, one round with two people, a story told to one."""
    app = log.add_application(
        company="Harbor Clinic",
        role="Front Desk Lead",
        posting="Front Desk Lead. Epic Cadence, kiosk check-in, coaching a team of eight.",
        posting_name="posting.txt",
        resume=RESUME,
        resume_name="resume.pdf",
        company_postings=[("Scheduler", "Schedules visits in Epic."), ("Biller", "Billing.")],
        pay_low=52000,
        pay_high=61000,
        pay_currency="usd",
        pay_period="annual",
        pay_text="$52K–$61K",
        candidate="Jordan Reyes",
        applied_on="2026-03-01",
    )
    first = log.add_round(app, name="first", date="2026-03-10")
    ana = log.add_interviewer(app, name="Ana Ruiz", title="Clinic Manger", round_ids=[first])
    bo = log.add_interviewer(app, name="Bo Chen", title="Recruiter", round_ids=[first])
    story = log.add_story(title="Kiosk pilot", **STAR)
    log.record_story_use(story, ana, first, landed="asked about costs")
    return app, first, ana, bo, story


# ---- an application and what it keeps ------------------------------------------------------


def test_an_application_keeps_its_documents_pay_range_postings_and_history(log):
    app, *_ = started(log)
    record = log.application(app)
    assert record["resume_text"] == RESUME.strip() and record["resume_name"] == "resume.pdf"
    assert record["posting_name"] == "posting.txt" and "kiosk" in record["posting_text"]
    assert (record["pay_low"], record["pay_high"]) == (52000, 61000)
    assert (record["pay_currency"], record["pay_period"]) == ("USD", "annual")
    assert record["candidate"] == "Jordan Reyes" and record["status"] == "applied"
    assert list(log.company_postings(app)["name"]) == ["Scheduler", "Biller"]
    log.add_status(app, status="First Round", on="2026-03-05")
    assert list(log.statuses(app)["status"]) == ["applied", "first round"]
    assert log.applications().loc[0, "status"] == "first round"
    assert log.applications().loc[0, "applied_on"] == "2026-03-01"


def test_the_same_application_twice_is_refused_naming_the_one_there(log):
    app, *_ = started(log)
    with pytest.raises(FieldError, match=rf"already in the log \(application {app}\)") as error:
        log.add_application(company="  harbor   CLINIC ", role="front desk lead")
    assert error.value.field == "role"
    assert len(log.applications()) == 1


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"company": "  "}, "company", "company is empty"),
        ({"role": ""}, "role", "role is empty"),
        ({"resume": "x" * (MAX_DOCUMENT_CHARS + 1)}, "resume", "not one document"),
        ({"posting": "y" * (MAX_DOCUMENT_CHARS + 1)}, "posting", "not one document"),
        ({"pay_low": 90000, "pay_high": 50000}, "pay_low", "above the higher"),
        ({"pay_low": -5}, "pay_low", "not a pay amount"),
        ({"pay_low": float("nan")}, "pay_low", "not a pay amount"),
        ({"pay_high": "lots"}, "pay_high", "must be a number"),
        ({"status": "hired?"}, "status", "not one of"),
        ({"company_postings": [("x", "")]}, "company_postings", "is empty"),
        ({"company_postings": [("a", "b")] * 51}, "company_postings", "more than the 50"),
        ({"applied_on": "yesterday"}, "applied_on", "not a date"),
    ],
)
def test_a_bad_application_is_refused_and_nothing_is_written(log, fields, field, message):
    values = {"company": "Harbor Clinic", "role": "Lead", **fields}
    with pytest.raises(FieldError, match=message) as error:
        log.add_application(**values)
    assert error.value.field == field
    assert not any(table_rows(log.path).values())


def test_hostile_text_is_kept_as_written(log):
    app = log.add_application(company=HOSTILE, role="Lead", resume=HOSTILE, posting=HOSTILE)
    assert log.application(app)["company"] == " ".join(HOSTILE.split())
    assert log.application(app)["resume_text"] == HOSTILE
    assert {t for t, rows in table_rows(log.path).items() if rows} == {"application"}


def test_an_older_log_keeps_its_status_in_the_history(tmp_path):
    path = tmp_path / "old.sqlite"
    con = sqlite3.connect(path)
    con.executescript((PROJECT_ROOT / "tests/fixtures/interview_log_v1.sql").read_text("utf-8"))
    con.close()
    with InterviewLog(path) as log:
        app = log.find_application("Harbor Clinic")
        assert log.statuses(app)[["status", "date"]].values.tolist() == [["applied", "2025-03-01"]]
        assert log.application(app)["resume_text"] == ""


# ---- editing --------------------------------------------------------------------------------


def test_a_typo_in_a_title_is_fixed_after_a_backup(log):
    app, _first, ana, *_ = started(log)
    log.edit("interviewer", ana, title="Clinic Manager")
    people = log.interviewers(app).set_index("name")
    assert people.loc["Ana Ruiz", "title"] == "Clinic Manager"
    backups = log.backups()
    assert backups and "before-edit" in backups[0].name
    assert "Clinic Manger" in backups[0].read_text(encoding="utf-8")  # the old text is kept


def test_a_rename_keeps_names_unique_and_comparable(log):
    app, _first, ana, _bo, _ = started(log)
    with pytest.raises(FieldError, match="already called 'Bo Chen'") as error:
        log.edit("interviewer", ana, name="  bo   CHEN")
    assert error.value.field == "name"
    log.edit("interviewer", ana, name="Ana  Ruiz-Lopez")
    with pytest.raises(FieldError, match="already in the log"):
        log.add_interviewer(app, name="ana ruiz-lopez")
    with pytest.raises(FieldError, match="already called 'Front Desk Lead at Harbor Clinic'"):
        other = log.add_application(company="Harbor Clinic", role="Scheduler")
        log.edit("application", other, role="front desk lead")


@pytest.mark.parametrize(
    ("table", "changes", "field", "message"),
    [
        ("interviewer", {"name": ""}, "name", "is empty"),
        ("interviewer", {"colour": "red"}, "colour", "has no field 'colour'"),
        ("round", {"date": "31/02/2026"}, "date", "not a date"),
        ("question_asked", {"rating": 9}, "rating", "from 1"),
        ("application", {"resume": "z" * (MAX_DOCUMENT_CHARS + 1)}, "resume", "not one document"),
        ("application", {"pay_low": 70000}, "pay_low", "above the higher"),
        ("thank_you", {"due": None}, "due", "is empty"),
        ("reference", {"approached_by_employer": "yes"}, "approached_by_employer", "true or"),
    ],
)
def test_a_bad_edit_changes_nothing(log, table, changes, field, message):
    app, first, ana, _bo, _ = started(log)
    ids = {
        "interviewer": ana,
        "round": first,
        "application": app,
        "question_asked": log.add_question_asked_of_me(first, ana, text="Why?", rating=3),
        "thank_you": log.add_thank_you(ana, first),
        "reference": log.add_reference(app, name="Dee Park"),
    }
    before = table_rows(log.path)
    with pytest.raises(FieldError, match=message) as error:
        log.edit(table, ids[table], **changes)
    assert error.value.field == field
    assert table_rows(log.path) == before


def test_a_reference_records_the_employers_call_and_can_be_updated(log):
    app, *_ = started(log)
    ref = log.add_reference(app, name="Dee Park", permission=True)
    log.edit("reference", ref, approached_by_employer=True, asked_about="my scheduling work")
    log.edit("reference", ref, contact="dee@example.org", contacted_on=dt.date(2026, 3, 12))
    row = log.references(app).iloc[0]
    assert row["approached_by_employer"] and row["asked_about"] == "my scheduling work"
    assert (row["contact"], row["contacted_on"]) == ("dee@example.org", "2026-03-12")


def test_an_interviewer_leaves_a_round_only_when_nothing_happened_there(log):
    app, _first, ana, bo, _ = started(log)
    second = log.add_round(app, name="second", date="2026-03-20")
    log.edit("interviewer", bo, round_ids=[second])
    assert log.interviewers(app).set_index("name").loc["Bo Chen", "rounds"] == "second"
    with pytest.raises(FieldError, match=r"cannot leave the first round.*stories told"):
        log.edit("interviewer", ana, round_ids=[second])
    assert log.interviewers(app).set_index("name").loc["Ana Ruiz", "rounds"] == "first"


# ---- deleting and undoing -----------------------------------------------------------------


def test_deleting_an_interviewer_says_exactly_what_goes_and_undo_brings_it_back(log):
    app, first, ana, _bo, _story = started(log)
    log.add_fact(first, ana, topic="team size", value="8")
    before = table_rows(log.path)
    removal = log.removal("interviewer", ana)
    assert removal.summary() == (
        "Deletes the interviewer Ana Ruiz, and with it 1 story told and 1 fact stated."
    )
    assert removal.details == (
        "“Kiosk pilot” told to Ana Ruiz (first round)",
        "the fact “team size: 8” told to Ana Ruiz",
    )
    assert table_rows(log.path) == before  # asking changed nothing
    log.delete("interviewer", ana)
    assert list(log.interviewers(app)["name"]) == ["Bo Chen"]
    assert log.story_uses(app).empty and log.facts(app).empty
    assert list(log.stories()["title"]) == ["Kiosk pilot"]  # the story itself stays
    log.undo(removal)
    assert table_rows(log.path) == before


def test_deleting_a_story_that_was_told_takes_its_tellings(log):
    app, _first, _ana, _bo, story = started(log)
    removal = log.delete("story", story)
    assert "1 story told" in removal.summary()
    assert log.stories().empty and log.story_uses(app).empty


def test_deleting_an_application_takes_everything_of_it_and_nothing_else(log):
    app, _first, _ana, _bo, _story = started(log)
    other = log.add_application(company="Other Health", role="Lead")
    log.add_round(other, name="first")
    removal = log.delete("application", app)
    counts = removal.counts()
    assert counts == {
        "round": 1, "interviewer": 2, "story_use": 1, "company_posting": 2,
        "application_status": 1,
    }  # fmt: skip
    assert list(log.applications()["company"]) == ["Other Health"]
    assert len(log.rounds(other)) == 1 and len(log.stories()) == 1  # the story bank is shared
    log.undo(removal)
    assert list(log.applications()["company"]) == ["Harbor Clinic", "Other Health"]
    assert len(log.interviewers(app)) == 2


def test_an_undo_after_the_log_changed_is_refused_with_where_the_backup_is(log):
    app, _first, _ana, bo, _story = started(log)
    removal = log.delete("interviewer", bo)
    log.add_interviewer(app, name="Bo Chen")  # the same name again, a new row
    with pytest.raises(LogError, match=r"Cannot bring back the interviewer Bo Chen.*backup"):
        log.undo(removal)
    assert list(log.interviewers(app)["name"]) == ["Ana Ruiz", "Bo Chen"]


def test_deleting_what_is_not_there_is_refused(log):
    started(log)
    with pytest.raises(FieldError, match="no interviewer with id 99"):
        log.delete("interviewer", 99)
    with pytest.raises(LogError, match="not a kind of entry that can be deleted"):
        log.delete("sqlite_master", 1)
    with pytest.raises(FieldError, match="whole number"):
        log.removal("round", "1; DROP TABLE round")
