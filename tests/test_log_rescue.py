"""A damaged log is found, never written to, and rescued; backups are made, rotated and checked.

The damage is done to real log files the way an audit did it: 4 KB overwritten in the middle, the
file cut short, its header blanked, an impossible format number.
"""

import json
import random
import sqlite3
import stat

import pytest

from prep_lib.errors import LogError
from prep_lib.log import (
    KEEP,
    TABLES,
    DamagedLogError,
    FieldError,
    InterviewLog,
    open_demo_log,
    put_in_place,
)
from prep_lib.log import backups as backups_module
from prep_lib.log.schema import SCHEMA_VERSION
from prep_lib.log.validate import sort_rows
from prep_lib.paths import PROJECT_ROOT
from prep_lib.plan import build_plan

FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
PEOPLE = 300


# Where the sample ends in each file filled_log made: the damage lands among the people it adds,
# so that what a salvage can recover does not depend on how much the sample holds.
SAMPLE_END: dict = {}


def filled_log(path):
    """The sample candidate's log with 300 more people, stories told to them and facts: a file
    of about 400 KB, of which the people take about 240 KB. Returns the number of rows in each
    table."""
    with open_demo_log(path) as log:
        log._con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        SAMPLE_END[path] = path.stat().st_size
        app = log.find_application("Larkspur Valley Health")
        first = int(log.rounds(app)["id"][0])
        with log.transaction():
            for n in range(PEOPLE):
                person = log.add_interviewer(
                    app, name=f"Person {n}", background="Notes. " * 40, round_ids=[first]
                )
                story = log.add_story(
                    title=f"Story {n}", situation="S" * 200, task="T", action="A", result="R"
                )
                log.record_story_use(story, person, first)
                log.add_fact(first, person, topic=f"topic {n}", value="V" * 100)
        log._con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return {t: log._con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def overwrite_middle(path):
    data = bytearray(path.read_bytes())
    start = SAMPLE_END.get(path, 0)
    middle = start + (len(data) - start) // 2
    data[middle : middle + 4096] = random.Random(16).randbytes(4096)
    path.write_bytes(bytes(data))


def cut_short(path):
    data = path.read_bytes()
    start = SAMPLE_END.get(path, 0)
    path.write_bytes(data[: start + (len(data) - start) * 3 // 5])


def blank_header(path):
    data = path.read_bytes()
    path.write_bytes(bytes(100) + data[100:])


def negative_version(path):
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = -1")
    con.close()


def format_number_behind(path):
    """The tables of this version under the previous format number (a log written by an
    unreleased version): bringing it up to date fails."""
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    con.close()


def dump(path):
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump()), con.execute("PRAGMA user_version").fetchone()[0]
    finally:
        con.close()


DAMAGE = {
    "4 KB overwritten": overwrite_middle,
    "cut short": cut_short,
    "blank header": blank_header,
    "format number -1": negative_version,
    "format number behind its tables": format_number_behind,
}


def files_of(path):
    """The bytes of a log and its write-ahead file, by name (the -shm file is SQLite's shared
    memory, which readers write too)."""
    return {
        p.name: p.read_bytes()
        for p in path.parent.glob(path.name + "*")
        if not p.name.endswith("-shm")
    }


# ---- detecting damage ----------------------------------------------------------------------------


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_log_is_refused_untouched_with_its_backups_named(tmp_path, damage):
    path = tmp_path / "log.sqlite"
    filled_log(path)
    InterviewLog(path).close()  # reopened: the day's backup is made
    (backup,) = InterviewLog(path).backups()  # (the same day: once)
    damage(path)
    before = files_of(path) if damage is not format_number_behind else dump(path)
    with pytest.raises(DamagedLogError) as caught:
        InterviewLog(path)
    if damage is format_number_behind:  # a sound file: SQLite folds its write-ahead file in
        assert dump(path) == before, "the failed update was rolled back"
        before = files_of(path)
    message = str(caught.value)
    assert "is damaged" in message and "Salvage the log" in message and str(backup) in message
    # the day's backup, the oldest (one made before a failed update may come before it)
    assert caught.value.path == path and caught.value.backups[-1:] == [backup]
    assert files_of(path) == before, "nothing was written to the damaged file"
    with pytest.raises(DamagedLogError):
        open_demo_log(path)


def test_damage_found_after_opening_stops_every_write(tmp_path):
    path = tmp_path / "log.sqlite"
    filled_log(path)
    InterviewLog(path).close()  # the day's backup is made now, not at the next open
    log = InterviewLog(path)  # it has read nothing but the list of tables yet
    overwrite_middle(path)
    before = files_of(path)
    queries = [log.stories, *(lambda q=q: getattr(log, q)(1) for q in ("facts", "story_uses"))]
    found = []
    for query in queries:
        try:
            query()
        except DamagedLogError as error:
            found.append(error)
    assert found and "Salvage" in str(found[0])
    with pytest.raises(DamagedLogError):
        log.add_fact(1, 1, topic="start date", value="in May")
    with pytest.raises(DamagedLogError):
        log.export_csv(tmp_path / "csv")
    assert files_of(path) == before
    log.close()


def test_a_sound_log_passes_the_full_check(tmp_path):
    path = tmp_path / "log.sqlite"
    filled_log(path)
    with InterviewLog(path) as log:
        assert log.check() == []
        log._con.execute("PRAGMA foreign_keys = OFF")
        log._con.execute("UPDATE story SET tags = 'not json' WHERE id = 1")
        log._con.execute("UPDATE fact SET interviewer_id = 9999 WHERE id = 1")
        problems = log.check()
    assert any("points to a missing interviewer" in p for p in problems)


# ---- salvage -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("damage", "at_least"),
    # cut short: the sample and 3/5 of the people are left, about 64% of the rows
    [
        (overwrite_middle, 0.85),
        (cut_short, 0.6),
        (blank_header, 1.0),
        (negative_version, 1.0),
        (format_number_behind, 1.0),
    ],
    ids=DAMAGE.keys(),
)
def test_salvage_copies_every_readable_row_into_a_sound_log(tmp_path, damage, at_least):
    path = tmp_path / "log.sqlite"
    counts = filled_log(path)
    damage(path)
    before = files_of(path)
    report = InterviewLog.salvage(path, tmp_path / "rescued.sqlite")
    assert files_of(path) == before, "salvage only reads the damaged file"
    assert report.rows_kept >= at_least * sum(counts.values()), report.summary()
    assert all(report.kept[t] <= counts[t] for t in TABLES)
    print(f"{damage.__name__}: {report.rows_kept} of {sum(counts.values())} rows kept")
    with InterviewLog(report.path) as rescued:
        assert rescued.check() == []
        assert stat.S_IMODE(report.path.stat().st_mode) == 0o600
        app = rescued.find_application("Larkspur Valley Health")
        for query in ("facts", "story_uses", "interviewers", "thank_yous", "checklist"):
            getattr(rescued, query)(app)
        rounds = rescued.rounds(app)
        build_plan(rescued, app, int(rounds["id"].iloc[-1])).to_html()
    if report.set_aside_path:
        aside = json.loads(report.set_aside_path.read_text(encoding="utf-8"))
        assert len(aside) == sum(report.set_aside.values())
        assert all(item["why"] and item["table"] in TABLES for item in aside)


def test_salvage_of_a_file_with_nothing_left_reports_it(tmp_path):
    path = tmp_path / "log.sqlite"
    path.write_bytes(bytes(8192))
    report = InterviewLog.salvage(path, tmp_path / "rescued.sqlite")
    assert report.rows_kept == 0 and report.unreadable_parts == 1
    assert "could not be read" in report.summary()


def test_put_in_place_keeps_the_damaged_file_beside(tmp_path):
    path = tmp_path / "log.sqlite"
    filled_log(path)
    overwrite_middle(path)
    damaged = path.read_bytes()
    report = InterviewLog.salvage(path)
    assert report.path.parent == tmp_path and "salvaged" in report.path.name
    aside = put_in_place(report.path, path)
    assert aside.read_bytes() == damaged and not report.path.exists()
    with InterviewLog(path) as log:  # the notebooks open the rescued log as before
        assert log.find_application("Larkspur Valley Health") == 1


def test_the_project_folder_is_never_salvaged_into(tmp_path):
    path = tmp_path / "log.sqlite"
    filled_log(path)
    with pytest.raises(LogError, match="inside the project"):
        InterviewLog.salvage(path, PROJECT_ROOT / "rescued.sqlite")
    assert not (PROJECT_ROOT / "rescued.sqlite").exists()


# ---- automatic backups ---------------------------------------------------------------------------


def test_a_daily_backup_on_first_open_of_a_day_of_a_log_with_entries(tmp_path, isolated_home):
    empty = tmp_path / "empty.sqlite"
    InterviewLog(empty).close()
    InterviewLog(empty).close()
    assert InterviewLog(empty).backups() == [], "an empty log needs no backup"
    path = tmp_path / "log.sqlite"
    filled_log(path)
    with InterviewLog(path) as log:
        (daily,) = log.backups()
    InterviewLog(path).close()
    assert daily.parent == isolated_home.resolve() / "backups" / "log"
    assert daily.name.startswith("daily-")
    assert stat.S_IMODE(daily.stat().st_mode) == 0o600
    with InterviewLog.restore(daily, tmp_path / "restored.sqlite") as restored:
        assert len(restored.stories()) == 8 + PEOPLE


def test_automatic_backups_are_rotated(tmp_path, monkeypatch):
    monkeypatch.setitem(KEEP, "daily", 2)
    path = tmp_path / "log.sqlite"
    filled_log(path)
    with InterviewLog(path) as log:
        made = [backups_module.automatic_backup(log._con, path, "daily") for _ in range(4)]
        assert sorted(log.backups()) == sorted(made[-2:])


def test_a_backup_is_made_before_a_migration(tmp_path):
    path = tmp_path / "old.sqlite"
    con = sqlite3.connect(path)
    con.executescript((FIXTURES / "interview_log_v1.sql").read_text(encoding="utf-8"))
    con.close()
    with InterviewLog(path) as log:
        (before,) = [b for b in log.backups() if b.name.startswith("before-migration")]
        stories = log.stories()
    assert json.loads(before.read_text(encoding="utf-8"))["schema_version"] == 1
    with InterviewLog.restore(before, tmp_path / "restored.sqlite") as restored:
        assert list(restored.stories()["title"]) == list(stories["title"])


def test_a_backup_is_made_before_an_edit_overwrites_what_was_typed(tmp_path):
    with open_demo_log(tmp_path / "demo.sqlite") as log:
        app = log.find_application("Larkspur Valley Health")
        references = log.references(app)
        reference = int(references.loc[references["asked_about"] == "", "id"].iloc[0])
        log.record_reference_approached(reference, asked_about="my reporting style")
        assert not [b for b in log.backups() if b.name.startswith("before-edit")]
        log.record_reference_approached(reference, asked_about="only dates")
        (backup,) = [b for b in log.backups() if b.name.startswith("before-edit")]
        kept = json.loads(backup.read_text(encoding="utf-8"))["tables"]["reference"]
        assert any(row["asked_about"] == "my reporting style" for row in kept)
        with log.destructive_edit("a deletion to come"):  # the hook later deletes will use
            pass
        assert len([b for b in log.backups() if b.name.startswith("before-edit")]) == 2


def test_a_failed_backup_before_an_edit_leaves_the_entry_as_it_was(tmp_path, monkeypatch):
    with open_demo_log(tmp_path / "demo.sqlite") as log:
        app = log.find_application("Larkspur Valley Health")
        references = log.references(app)
        reference = int(references.loc[references["asked_about"] == "", "id"].iloc[0])
        log.record_reference_approached(reference, asked_about="my reporting style")

        def refuse(*_args, **_kwargs):
            raise LogError("Cannot save the backup (No space left on device).")

        monkeypatch.setattr("prep_lib.log.store.automatic_backup", refuse)
        with pytest.raises(LogError, match="No space"):
            log.record_reference_approached(reference, asked_about="only dates")
        kept = log.references(app).set_index("id").loc[reference, "asked_about"]
        assert kept == "my reporting style"


# ---- restore checks everything first -------------------------------------------------------------


def backup_of(tmp_path):
    with open_demo_log(tmp_path / "demo.sqlite") as log:
        return json.loads(log.backup(tmp_path / "backup.json").read_text(encoding="utf-8"))


def set_value(table, column, value, row=0):
    def change(document):
        document["tables"][table][row][column] = value

    return change


BAD_BACKUPS = {
    "tags not JSON": set_value("story", "tags", "[not json"),
    "tags not a list": set_value("story", "tags", '{"a": 1}'),
    "tags nested too deep": set_value("story", "tags", "[" * 100_000),
    "a date that is no date": set_value("round", "date", "2026-13-45"),
    "the last day of the calendar": set_value("round", "date", "9999-12-31"),
    "the first day of the calendar": set_value("thank_you", "due", "0001-01-01"),
    "a rating of 7": set_value("question_asked", "rating", 7),
    "a yes/no of 2": set_value("reference", "permission", 2),
    "a number for a name": set_value("interviewer", "name", 42),
    "a broken character": set_value("story", "title", "Queue \ud800"),
    "an id that is true": set_value("story", "id", True),
    "an id too large": set_value("story", "id", 2**70),
    "a missing interviewer": set_value("fact", "interviewer_id", 999),
    "a required column missing": lambda d: d["tables"]["story"][0].pop("situation"),
    "an unknown column": set_value("story", "colour", "red"),
    "an id used twice": set_value("story", "id", 2),
    "two stories of one title": set_value("story", "title", "Eleven new hires in one winter"),
    "a missing required date": set_value("thank_you", "due", None),
    "a link without its person": lambda d: d["tables"]["round_interviewer"][0].pop(
        "interviewer_id"
    ),  # found by the fuzz tests
}


@pytest.mark.parametrize("damage", BAD_BACKUPS.values(), ids=BAD_BACKUPS.keys())
def test_restore_checks_every_value_before_writing_anything(tmp_path, damage):
    document = backup_of(tmp_path)
    damage(document)
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(LogError, match="damaged and was not restored") as caught:
        InterviewLog.restore(broken, tmp_path / "restored.sqlite")
    assert "Restore another backup" in str(caught.value)
    assert not (tmp_path / "restored.sqlite").exists(), "no file is created"


def test_a_backup_with_bad_values_no_longer_restores_into_a_log_that_breaks(tmp_path):
    """Regression: a backup whose story tags were not JSON restored, then ``stories()`` raised
    JSONDecodeError and ``build_plan`` ValueError."""
    for table, column, value, message in (
        ("story", "tags", "queues, kiosk", "story 8: tags is not a list of words"),
        ("round", "date", "02/12/2026", "round 2: date is not a date"),
    ):
        document = backup_of(tmp_path)
        document["tables"][table][-1][column] = value
        broken = tmp_path / "broken.json"
        broken.write_text(json.dumps(document), encoding="utf-8")
        with pytest.raises(LogError, match=message):
            InterviewLog.restore(broken, tmp_path / "restored.sqlite")


def test_restore_of_a_deeply_nested_file_is_refused(tmp_path):
    """Regression: ``restore()`` of a file holding ``"[" * 100000`` raised RecursionError."""
    nested = tmp_path / "nested.json"
    nested.write_text("[" * 100_000, encoding="utf-8")
    with pytest.raises(LogError, match=r"nested too deeply|Cannot read"):
        InterviewLog.restore(nested, tmp_path / "restored.sqlite")


def test_restore_of_a_huge_file_is_refused_without_reading_it(tmp_path, monkeypatch):
    monkeypatch.setattr(backups_module, "MAX_BACKUP_BYTES", 1000)
    big = tmp_path / "big.json"
    big.write_text(" " * 2000, encoding="utf-8")
    with pytest.raises(LogError, match="too large to be a backup"):
        InterviewLog.restore(big, tmp_path / "restored.sqlite")


def test_validation_keeps_good_rows_and_names_each_bad_one(tmp_path):
    document = backup_of(tmp_path)
    tables = document["tables"]
    tables["interviewer"][0]["name"] = None
    kept, rejected = sort_rows(tables)
    assert rejected[0].describe() == "interviewer 1: name is empty"
    # what refers to the person left out goes too, each with its reason
    assert {r.table for r in rejected} >= {"interviewer", "round_interviewer", "fact"}
    assert all("points to a interviewer that is not there" in r.reason for r in rejected[1:3])
    assert len(kept["story"]) == len(tables["story"])


# ---- the edges of the calendar and of whole numbers ----------------------------------------------


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01"])
def test_dates_at_the_edges_of_the_calendar_are_refused(tmp_path, day):
    """Regression: a round dated 9999-12-31 or 0001-01-01 raised OverflowError in thank-you
    due dates, the plan and the calendar file."""
    with open_demo_log(tmp_path / "demo.sqlite") as log:
        app = log.find_application("Larkspur Valley Health")
        rounds = log.rounds(app)
        first = int(rounds["id"][0])
        person = int(log.interviewers(app)["id"][0])
        with pytest.raises(FieldError, match="check the year"):
            log.add_round(app, name="final", date=day)
        with pytest.raises(FieldError, match="check the year"):
            log.add_thank_you(person, first, due=day)
        with pytest.raises(FieldError, match="check the year"):
            log.thank_yous_due(app, today=day)
        assert log.rounds(app).equals(rounds)


def test_ids_beyond_whole_numbers_sqlite_stores_are_unknown_ids(tmp_path):
    with InterviewLog(tmp_path / "log.sqlite") as log:
        with pytest.raises(FieldError, match="must be a whole number"):
            log.add_round(2**70, name="first")
        with pytest.raises(FieldError, match="within_days"):
            log.thank_yous_due(today="2026-01-01", within_days=10**9)
