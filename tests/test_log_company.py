"""The company's entries (research notes, contacts, presentations and tests, news, comparisons,
pay packages) corrected, deleted and undone like every other entry; kept in backups, CSV and
the seed; an older log brought up to date with them."""

import json
import sqlite3

import pytest

from prep_lib.log import SCHEMA_VERSION, TABLES, FieldError, InterviewLog, open_demo_log
from prep_lib.log.validate import sort_rows

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> Robert\'); DROP TABLE news;--'
COMPANY_TABLES = ("research_note", "contact", "round_task", "news", "scan", "package")


@pytest.fixture
def demo(tmp_path):
    with open_demo_log(tmp_path / "demo.sqlite") as log:
        yield log


def ids(log):
    app = log.find_application("Larkspur Valley Health")
    return app, int(log.rounds(app).set_index("name").loc["second", "id"])


def counts(log):
    return {t: log._con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def test_each_company_entry_is_corrected_and_read_back_as_edit_takes_it(demo):
    app, second = ids(demo)
    note = int(demo.research_notes(app)["id"][0])
    demo.edit("research_note", note, topic="Competitors", note=HOSTILE, source="a site")
    assert demo.entry("research_note", note) | {"noted_on": None} == {
        "topic": "competitors", "note": HOSTILE, "source": "a site", "noted_on": None,
    }  # fmt: skip
    task = int(demo.round_tasks(app)["id"][0])
    demo.edit("round_task", task, outline="Opening | 2\nThe plan | 6.5", minutes="9")
    entry = demo.entry("round_task", task)
    assert entry["outline"] == [["Opening", 2.0], ["The plan", 6.5]] and entry["minutes"] == 9
    assert entry["round_id"] == second
    priya = int(demo.contacts(app).set_index("name").loc["Priya Raman", "id"])
    demo.edit("contact", priya, name="  Priya   Raman-Shah ", referred_me=False)
    contacts = demo.contacts(app).set_index("id")
    assert (
        contacts.loc[priya, "name"] == "Priya Raman-Shah" and not contacts.loc[priya, "referred_me"]
    )
    news = int(demo.news(app)["id"][0])
    demo.edit("news", news, text="A second course finished")
    scan = int(demo.scans(app)["id"].iloc[-1])
    demo.edit("scan", scan, label="sent version")
    assert demo.scans(app)["resume_label"].iloc[-1] == "sent version"
    offer = int(demo.package(app)["id"])
    demo.edit("package", offer, base=86_000, leave_days=30)
    assert demo.package(app)["base"] == 86_000 and demo.package(app)["leave_days"] == 30


@pytest.mark.parametrize(
    ("table", "changes", "field", "message"),
    [
        ("research_note", {"topic": "gossip"}, "topic", "must be one of"),
        ("research_note", {"note": "   "}, "note", "empty"),
        ("research_note", {"noted_on": "last week"}, "noted_on", "date"),
        ("contact", {"name": "priya  RAMAN"}, "name", "already called 'Priya Raman'"),
        ("contact", {"referred_me": "yes"}, "referred_me", "true or false"),
        ("round_task", {"kind": "dance"}, "kind", "must be one of"),
        ("round_task", {"minutes": -3}, "minutes", "more than 0"),
        ("round_task", {"outline": "Intro, two minutes"}, "outline", "no minutes"),
        ("round_task", {"outline": 7}, "outline", "list of sections"),
        ("news", {"text": ""}, "text", "empty"),
        ("news", {"text": 12}, "text", "must be text"),
        ("scan", {"label": ""}, "label", "empty"),
        ("package", {"base": 0}, "base", "more than zero"),
        ("package", {"bonus": "5%"}, "bonus", "must be a number"),
        ("package", {"other": float("nan")}, "other", "from 0"),
        ("package", {"holidays": 3}, "holidays", "has no field"),
    ],
)
def test_a_bad_company_edit_changes_nothing(demo, table, changes, field, message):
    row_id = int(demo._con.execute(f"SELECT max(id) FROM {table}").fetchone()[0])
    before = dict(demo._con.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone())
    with pytest.raises(FieldError, match=message) as error:
        demo.edit(table, row_id, **changes)
    assert error.value.field == field
    after = dict(demo._con.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone())
    assert after == before


def test_deleting_a_round_takes_its_presentation_and_undo_brings_it_back(demo):
    app, second = ids(demo)
    removal = demo.removal("round", second)
    assert removal.counts()["round_task"] == 2
    assert "2 presentations, cases and tests" in removal.summary()
    assert any(d.startswith("the presentation “Your first 90 days") for d in removal.details)
    before = counts(demo)
    demo.delete("round", second)
    assert demo.round_tasks(app).empty
    demo.undo(removal)
    assert counts(demo) == before and len(demo.round_tasks(app)) == 2


def test_deleting_an_interviewer_who_is_also_a_contact_keeps_the_contact(demo):
    app, _ = ids(demo)
    abeni = int(demo.interviewers(app).set_index("name").loc["Abeni Clarke", "id"])
    removal = demo.delete("interviewer", abeni)
    assert "contact" not in removal.counts()
    contacts = demo.contacts(app).set_index("name")
    assert contacts.loc["Abeni Clarke", "interviewer_id"] is None  # no longer linked
    demo.undo(removal)
    assert demo.contacts(app).set_index("name").loc["Abeni Clarke", "interviewer_id"] == abeni
    contact = int(demo.contacts(app).set_index("name").loc["Abeni Clarke", "id"])
    assert demo.delete("contact", contact).summary() == (
        "Deletes the contact Abeni Clarke; nothing else goes with it."
    )
    assert abeni in set(demo.interviewers(app)["id"])


def test_deleting_the_application_takes_its_company_entries_but_not_the_current_job(demo):
    app, _ = ids(demo)
    removal = demo.delete("application", app)
    for table in ("research_note", "contact", "round_task", "news", "scan"):
        assert removal.counts()[table] > 0, table
    assert removal.counts()["package"] == 1  # the offer; the current job is nobody's
    assert demo.package(None)["label"] == "Cedar Hollow (now)"
    demo.undo(removal)
    assert demo.package(app)["base"] == 84_000


def test_deleting_a_comparison_and_the_current_job(demo):
    app, _ = ids(demo)
    first = int(demo.scans(app)["id"][0])
    assert demo.removal("scan", first).what == (
        "the comparison of “first draft” (2026-10-18 20:15:00)"
    )
    demo.delete("scan", first)
    assert list(demo.scans(app)["resume_label"]) == ["tailored for Larkspur"]
    current = int(demo.package(None)["id"])
    assert demo.removal("package", current).what == "your current job “Cedar Hollow (now)”"
    demo.delete("package", current)
    assert demo.package(None) is None and demo.package(app) is not None


def test_company_entries_survive_a_backup_restore_and_go_to_csv(demo, tmp_path):
    app, _ = ids(demo)
    demo.add_research_note(app, topic="competitors", note=HOSTILE, source="😀")
    before = counts(demo)
    backup = demo.backup(tmp_path / "backup.json")
    restored = InterviewLog.restore(backup, tmp_path / "restored.sqlite")
    with restored:
        assert counts(restored) == before
        assert restored.round_tasks(app)["outline"][0][0] == [
            "Where accuracy stands, as I understand it",
            1.5,
        ]
        assert restored.contacts(app).equals(demo.contacts(app))
        assert restored.package(None) == demo.package(None)
    files = {p.stem: p for p in demo.export_csv(tmp_path / "csv")}
    assert set(COMPANY_TABLES) <= set(files)
    assert "<img src=x onerror=alert(1)> Robert'); DROP TABLE news;--" in files[
        "research_note"
    ].read_text(encoding="utf-8-sig")


@pytest.mark.parametrize(
    ("table", "column", "value", "reason"),
    [
        ("round_task", "outline", '[["Intro"]]', "sections with their minutes"),
        ("round_task", "outline", "not json", "sections with their minutes"),
        ("scan", "missing", "[1, 2]", "list of words"),
        ("contact", "referred_me", 2, "neither 0 nor 1"),
        ("news", "noted_on", "2026-02-30", "not a date"),
        ("package", "base", float("inf"), "not a number"),
        ("research_note", "application_id", 999, "points to a application"),
    ],
)
def test_a_backup_with_a_bad_company_row_is_checked_row_by_row(
    demo, tmp_path, table, column, value, reason
):
    document = json.loads(demo.backup(tmp_path / "b.json").read_text(encoding="utf-8"))
    document["tables"][table][0][column] = value
    kept, rejected = sort_rows(document["tables"])
    assert [r.table for r in rejected] == [table] and reason in rejected[0].reason
    assert len(kept[table]) == len(document["tables"][table]) - 1


def test_an_older_sample_log_gets_the_company_entries_once(tmp_path):
    path = tmp_path / "demo.sqlite"
    with open_demo_log(path) as log:
        expected = {t: counts(log)[t] for t in COMPANY_TABLES}
    con = sqlite3.connect(path)  # as the previous format left it: no company tables
    for table in COMPANY_TABLES:
        con.execute(f"DROP TABLE {table}")
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    con.commit()
    con.close()
    for _ in range(2):  # brought up to date, then opened again: nothing twice
        with open_demo_log(path) as log:
            assert {t: counts(log)[t] for t in COMPANY_TABLES} == expected


def test_a_users_own_log_never_gets_the_samples_company_entries(tmp_path):
    with InterviewLog(tmp_path / "mine.sqlite") as log:
        app = log.add_application(company="Harbor Clinic", role="Front Desk Lead")
        assert log.research_notes(app).empty and log.contacts(app).empty
        assert log.package(app) is None and log.package(None) is None
        assert log.scans(app).empty
