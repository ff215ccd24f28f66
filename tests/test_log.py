"""The interview log: what a candidate relies on it to remember, and what it refuses."""

import datetime as dt
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import tomllib

import pandas as pd
import pytest

from prep_lib.errors import LogError, PrepError
from prep_lib.log import (
    DEMO_TODAY,
    SCHEMA_VERSION,
    TABLES,
    FieldError,
    InterviewLog,
    open_demo_log,
)
from prep_lib.paths import PROJECT_ROOT, sample_path

FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> Robert\'); DROP TABLE story;--'
STAR = {"situation": "S", "task": "T", "action": "A", "result": "R"}


@pytest.fixture
def log(tmp_path):
    with InterviewLog(tmp_path / "log.sqlite") as opened:
        yield opened


@pytest.fixture
def demo(tmp_path):
    with open_demo_log(tmp_path / "demo.sqlite") as opened:
        yield opened


@pytest.fixture
def seed():
    return tomllib.loads(sample_path("interview_log.toml").read_text(encoding="utf-8"))


def small_log(log, company="Harbor Clinic"):
    """An application with two rounds, three people and three stories."""
    app = log.add_application(company=company, role="Front Desk Lead")
    first = log.add_round(app, name="first", date=dt.date(2026, 3, 10))
    second = log.add_round(app, name="second", date="2026-03-20")
    people = [
        log.add_interviewer(app, name=name, round_ids=[rnd])
        for name, rnd in (("Ana Ruiz", first), ("Bo Chen", second), ("Cy Diaz", second))
    ]
    stories = [
        log.add_story(title=f"{company} story {n}", **STAR, tags=["queues"]) for n in range(3)
    ]
    return app, (first, second), people, stories


def table_rows(path):
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in TABLES}
    finally:
        con.close()


# ---- the file ---------------------------------------------------------------------------------


def test_default_log_lives_in_the_data_folder_readable_by_its_owner_only(isolated_home):
    with InterviewLog() as log:
        log.add_application(company="Harbor Clinic", role="Lead")
        assert log.path.parent == isolated_home.resolve()
        files = [log.path, *log.path.parent.glob("*.sqlite-*")]
        assert len(files) == 3  # the log and its two write-ahead files
        for path in files:
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_file_is_wal_with_foreign_keys_and_a_schema_version(log):
    con = log._con
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_log_is_never_kept_inside_the_project(tmp_path):
    with pytest.raises(LogError, match="inside the project folder"):
        InterviewLog(PROJECT_ROOT / "notebooks" / "log.sqlite")
    with InterviewLog(tmp_path / "log.sqlite") as log, pytest.raises(LogError, match="inside"):
        log.backup(PROJECT_ROOT / "backup.json")


def test_a_file_that_is_not_a_log_is_refused_untouched(tmp_path):
    text_file = tmp_path / "notes.sqlite"
    text_file.write_text("my notes, not a database\n" * 50)
    with pytest.raises(LogError, match="not an interview log"):
        InterviewLog(text_file)
    assert text_file.read_text() == "my notes, not a database\n" * 50
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE photos (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(LogError, match="another program"):
        InterviewLog(other)


def test_a_log_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "log.sqlite"
    InterviewLog(path).close()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(LogError, match="newer version"):
        InterviewLog(path)


def test_opening_a_version_1_log_migrates_it_and_keeps_every_entry(tmp_path):
    path = tmp_path / "old.sqlite"
    con = sqlite3.connect(path)
    con.executescript((FIXTURES / "interview_log_v1.sql").read_text(encoding="utf-8"))
    con.close()
    before = tables_in(path)
    assert "checklist_item" not in before and all(before.values())
    with InterviewLog(path) as log:
        assert log._version() == SCHEMA_VERSION
        app = log.find_application("harbor  CLINIC")
        stories = log.stories()
        assert list(stories["title"]) == ["Check-in queue halved", "Café menu in “quotes” ✓"]
        assert list(stories["metrics"]) == ["", ""]
        assert stories["tags"][0] == ["queues", "kiosk"]
        assert log.story_grid(app).loc["Check-in queue halved", "Ana Ruiz"]
        assert list(log.questions_to_rehearse(app)["text"]) == ["Why us?"]
        item = log.add_checklist_item(int(log.rounds(app)["id"][0]), item="Bring the figures")
        log.mark_checklist_done(item)
        assert list(log.checklist(app)["done"]) == [True]
    after = tables_in(path)
    for table, rows in before.items():  # old columns unchanged, new ones appended
        assert [new[: len(old)] for old, new in zip(rows, after[table], strict=True)] == rows


def tables_in(path):
    con = sqlite3.connect(path)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in names}
    finally:
        con.close()


# ---- the sample candidate ----------------------------------------------------------------------


def test_demo_log_holds_the_whole_seed(demo, seed):
    app = demo.find_application("Larkspur Valley Health")
    assert len(demo.rounds(app)) == len(seed["rounds"])
    people = demo.interviewers(app)
    assert list(people["name"]) == [p["name"] for p in seed["interviewers"]]
    assert people.set_index("name")["rounds"]["Marcus Bellweather"] == "first, second"
    assert len(demo.stories()) == len(seed["stories"])
    assert len(demo.story_uses(app)) == len(seed["story_uses"])
    assert len(demo.questions_asked_of_me(app)) == len(seed["questions_asked_of_me"])
    assert len(demo.my_questions(app)) == len(seed["my_questions"])
    assert len(demo.facts(app)) == len(seed["facts"])
    assert len(demo.thank_yous(app)) == len(seed["thank_yous"])
    assert len(demo.references(app)) == len(seed["references"])
    assert len(demo.checklist(app)) == len(seed["checklist"])
    posting = demo._con.execute("SELECT posting_text FROM application").fetchone()[0]
    assert "Patient Access Manager" in posting


def test_demo_log_is_created_once_and_reused(tmp_path):
    path = tmp_path / "demo.sqlite"
    with open_demo_log(path) as log:
        app = log.find_application("Larkspur Valley Health")
        log.add_interviewer(app, name="New Person")
    with open_demo_log(path) as log:
        assert len(log.applications()) == 1
        assert "New Person" in set(log.interviewers(app)["name"])


def test_demo_log_defaults_to_the_data_folder(isolated_home):
    with open_demo_log() as log:
        assert log.path.parent == isolated_home.resolve()
        assert log.path.name == "demo_interview_log.sqlite"


# ---- stories ---------------------------------------------------------------------------------


def test_story_grid_marks_exactly_who_heard_what(demo, seed):
    app = demo.find_application("Larkspur Valley Health")
    grid = demo.story_grid(app)
    titles = {s["key"]: s["title"] for s in seed["stories"]}
    names = {p["key"]: p["name"] for p in seed["interviewers"]}
    told = {(titles[u["story"]], names[u["interviewer"]]) for u in seed["story_uses"]}
    assert grid.shape == (len(titles), len(names))
    assert {(s, p) for s in grid.index for p in grid.columns if grid.loc[s, p]} == told


def test_recording_a_fresh_story_warns_nothing_and_a_repeat_warns(log):
    app, (first, second), (ana, bo, _), (s1, s2, _) = small_log(log)
    assert log.record_story_use(s1, ana, first) == []
    # the same story, person and round again is one telling logged twice: refused, with why
    with pytest.raises(FieldError, match="Ana Ruiz already heard “Harbor Clinic story 0” in the "
                       "first round, and it is logged once") as refused:  # fmt: skip
        log.record_story_use(s1, ana, first, landed="again")
    assert refused.value.field == "story"
    log.add_interviewer_to_round(ana, second)
    repeat = log.record_story_use(s1, ana, second, landed="again")
    assert len(repeat) == 1
    assert repeat[0].startswith("Ana Ruiz has already heard “Harbor Clinic story 0” (first round)")
    # someone else on the panel heard it: a softer warning, naming who
    others = log.record_story_use(s1, bo, second)
    assert len(others) == 1 and others[0].startswith("Ana Ruiz heard “Harbor Clinic story 0”")
    assert log.story_use_warnings(s2, bo) == []
    uses = log.story_uses(app)
    assert len(uses) == 3  # every telling is kept, repeats in another round included
    assert list(uses["told_on"]) == ["2026-03-10", "2026-03-20", "2026-03-20"]
    assert log.story_grid(app).loc["Harbor Clinic story 0"].tolist() == [True, True, False]
    told = log.story_rounds(app).loc["Harbor Clinic story 0"].tolist()
    assert told == ["first, second", "second", ""]  # who heard it, and in which rounds


def test_stories_told_at_another_company_do_not_count(log):
    _, _, (ana, *_), (s1, *_) = small_log(log)
    other, _, (zed, *_), _ = small_log(log, company="Other Health")
    other_round = log.rounds(other)["id"][0]
    log.record_story_use(s1, zed, other_round)
    assert log.story_use_warnings(s1, ana) == []
    assert s1 in set(log.unheard_stories([ana])["id"])


def test_unheard_stories_leave_out_what_the_panel_heard(log):
    app, (first, second), (ana, bo, cy), (s1, s2, s3) = small_log(log)
    log.record_story_use(s1, ana, first)
    log.record_story_use(s2, bo, second)
    unheard = log.unheard_stories([bo, cy])
    assert list(unheard["id"]) == [s3]  # Ana heard s1: same company
    assert list(unheard.columns) == list(log.stories().columns)
    assert unheard["tags"][0] == ["queues"]
    assert list(log.unheard_stories([bo, cy], company_wide=False)["id"]) == [s1, s3]
    assert list(log.unheard_stories([], application_id=app)["id"]) == [s3]


def test_unheard_stories_need_an_application_when_unclear(log):
    small_log(log)
    with pytest.raises(FieldError, match="application_id"):
        log.unheard_stories([])
    with pytest.raises(FieldError, match="list of ids"):
        log.unheard_stories(3)
    with pytest.raises(FieldError, match="no interviewer with id 99"):
        log.unheard_stories([99])


# ---- questions, facts, thank-yous, references, checklists ---------------------------------------


def test_questions_to_rehearse_are_the_low_rated_worst_first(demo):
    app = demo.find_application("Larkspur Valley Health")
    rehearse = demo.questions_to_rehearse(app)
    assert list(rehearse["rating"]) == [1, 2, 2]
    assert rehearse["text"][0] == "Tell me about a time you managed a budget."
    assert set(rehearse["interviewer"]) == {"Marcus Bellweather"}
    assert len(demo.questions_to_rehearse(app, max_rating=4)) == 6


def test_unasked_questions_count_what_was_asked_anywhere_at_the_company(log):
    app, (first, _), (ana, *_), _ = small_log(log)
    asked = log.add_my_question(app, text="What tools do you use?", asked_to=ana, round_id=first)
    log.add_my_question(app, text="How is success measured?", category="the role")
    assert list(log.unasked_questions(app)["text"]) == ["How is success measured?"]
    # a second role at the same company: what was asked there is not new to them
    other = log.add_application(company="harbor clinic", role="Scheduler")
    log.add_my_question(other, text="what tools  do you USE?")
    log.add_my_question(other, text="Who trains new staff?")
    assert list(log.unasked_questions(other)["text"]) == ["Who trains new staff?"]
    later = log.add_my_question(app, text="Who trains new staff?")
    log.record_my_question_asked(later, ana, first, answer="The leads do.")
    assert log.unasked_questions(other).empty
    assert asked != later


def test_fact_conflicts_find_different_values_on_one_topic(demo):
    app = demo.find_application("Larkspur Valley Health")
    conflicts = demo.fact_conflicts(app)
    assert set(conflicts["topic"]) == {"team size"}
    assert set(conflicts["interviewer"]) == {"Renata Osei", "Marcus Bellweather"}
    assert len(demo.facts(app)) == 5


def test_fact_conflicts_ignore_case_and_spacing(log):
    app, (first, second), (ana, bo, _), _ = small_log(log)
    log.add_fact(first, ana, topic="Start date", value="Two weeks")
    log.add_fact(second, bo, topic="start  date", value="two  weeks")
    assert log.fact_conflicts(app).empty
    log.add_fact(second, bo, topic="START DATE", value="a month")
    assert len(log.fact_conflicts(app)) == 3


def test_thank_yous_due_on_a_given_day(demo):
    app = demo.find_application("Larkspur Valley Health")
    due = demo.thank_yous_due(app, today=DEMO_TODAY)
    assert list(due["interviewer"]) == ["Marcus Bellweather"]
    assert list(due["status"]) == ["overdue by 15 days"]
    assert due["topic"][0] == "the self-scheduling rollout"
    assert demo.thank_yous_due(app, today="2026-11-12").empty
    assert list(demo.thank_yous_due(app, today="2026-11-13")["status"]) == ["due today"]
    statuses = demo.thank_yous(app, today=DEMO_TODAY).set_index("interviewer")["status"]
    assert statuses.to_dict() == {"Renata Osei": "sent", "Marcus Bellweather": "overdue by 15 days"}


def test_dates_default_to_the_real_today(log):
    app, (first, _), (ana, *_), _ = small_log(log)
    note = log.add_thank_you(ana, first, due=dt.date.today() - dt.timedelta(days=2))
    due = log.thank_yous_due(app)
    assert list(due.loc[due["id"] == note, "status"]) == ["overdue by 2 days"]
    log.mark_thank_you_sent(note)
    assert log.thank_yous(app)["sent_on"][0] == dt.date.today().isoformat()


def test_after_a_round_everyone_in_it_needs_a_note(demo):
    app = demo.find_application("Larkspur Valley Health")
    due = demo.thank_yous_due(app, today="2026-12-03")
    assert set(due["interviewer"]) == {
        "Marcus Bellweather", "Ines Carvalho", "Tomasz Lindgren", "Abeni Clarke"
    }  # fmt: skip
    unlogged = due[due["id"].isna()]
    assert set(unlogged["due"]) == {"2026-12-03"} and len(unlogged) == 4
    soon = demo.thank_yous_due(app, today="2026-12-02", within_days=1)
    assert len(soon) == 5
    note = demo.add_thank_you(
        int(unlogged["interviewer_id"].iloc[0]), int(unlogged["round_id"].iloc[0]), topic="tour"
    )
    demo.mark_thank_you_sent(note, sent_on="2026-12-02")
    assert len(demo.thank_yous_due(app, today="2026-12-03")) == 4


def test_references_not_warned_and_marking_them(demo):
    app = demo.find_application("Larkspur Valley Health")
    waiting = demo.references_not_warned(app)
    assert dict(zip(waiting["name"], waiting["next_step"], strict=True)) == {
        "Samuel Achterberg": "tell them a call may come",
        "Lena Hovland": "ask whether you may name them",
    }
    demo.mark_reference_warned(int(waiting["id"][0]), on=dt.date(2026, 11, 29))
    assert list(demo.references_not_warned(app)["name"]) == ["Lena Hovland"]
    demo.record_reference_approached(int(waiting["id"][0]), asked_about="budgets, <b>team</b>")
    samuel = demo.references(app).set_index("name").loc["Samuel Achterberg"]
    assert samuel["approached_by_employer"] and samuel["asked_about"] == "budgets, <b>team</b>"
    assert samuel["contacted_on"] == "2026-11-29"


def test_checklist_items_are_ticked_and_unticked(demo):
    app = demo.find_application("Larkspur Valley Health")
    items = demo.checklist(app)
    assert list(items["done"]) == [True, True, False, False, False]
    demo.mark_checklist_done(int(items["id"][2]))
    demo.mark_checklist_done(int(items["id"][0]), done=False)
    assert list(demo.checklist(app)["done"]) == [False, True, True, False, False]
    first = int(demo.rounds(app)["id"][0])
    assert demo.checklist(app, round_id=first).empty


def test_ensure_checklist_adds_only_what_the_round_lacks(demo):
    app = demo.find_application("Larkspur Valley Health")
    second = int(demo.rounds(app).set_index("name").loc["second", "id"])
    before = demo.checklist(app, round_id=second)
    print_id = int(before.set_index("item").loc["Print five copies of the resume", "id"])
    ids = demo.ensure_checklist(second, ["  print FIVE copies of the resume ", "Bring samples"])
    assert ids[0] == print_id
    after = demo.checklist(app, round_id=second)
    assert len(after) == len(before) + 1
    assert after.set_index("id").loc[ids[1], "item"] == "Bring samples"
    assert demo.ensure_checklist(second, ["Bring samples"]) == [ids[1]]  # once only
    with pytest.raises(FieldError, match="empty"):
        demo.ensure_checklist(second, ["Fine", " "])
    assert len(demo.checklist(app, round_id=second)) == len(after)  # all or nothing


def test_queries_name_rows_by_id_as_well_as_by_name(demo):
    app = demo.find_application("Larkspur Valley Health")
    people = demo.interviewers(app).set_index("id")["name"]
    rounds = demo.rounds(app).set_index("id")["name"]
    for frame, person, round_ in (
        (demo.facts(app), "interviewer", "round"),
        (demo.thank_yous(app), "interviewer", "round"),
        (demo.my_questions(app).dropna(subset=["asked_to_id"]), "asked_to", "round"),
    ):
        ids = frame["asked_to_id" if person == "asked_to" else "interviewer_id"]
        assert list(people[ids]) == list(frame[person])
        assert list(rounds[frame["round_id"]]) == list(frame[round_])


# ---- what the user types -------------------------------------------------------------------------


def test_names_are_trimmed_and_duplicates_refused(log):
    app = log.add_application(company="  Harbor   Clinic ", role="Lead")
    person = log.add_interviewer(app, name="  Ana \t Ruiz \n")
    assert log.interviewers(app)["name"].tolist() == ["Ana Ruiz"]
    for again in ("ana ruiz", "ANA  RUIZ", "Ａｎａ Ruiz"):
        with pytest.raises(FieldError, match=f"already in the log.*id {person}") as caught:
            log.add_interviewer(app, name=again)
        assert caught.value.field == "name"
    assert len(log.interviewers(app)) == 1
    other = log.add_application(company="Harbor Clinic", role="Scheduler")
    log.add_interviewer(other, name="Ana Ruiz")  # another application may meet her too
    with pytest.raises(FieldError, match="already in the log"):
        log.add_application(company="harbor clinic", role="LEAD")
    log.add_story(title="Queue", **STAR)
    with pytest.raises(FieldError, match="story called"):
        log.add_story(title=" queue ", **STAR)
    log.add_round(app, name="first")
    with pytest.raises(FieldError, match="already has a round"):
        log.add_round(app, name="First")


@pytest.mark.parametrize(
    ("call", "field", "message"),
    [
        (lambda log, a, r, p: log.add_interviewer(a, name="   "), "name", "name is empty"),
        (lambda log, a, r, p: log.add_interviewer(a, name=None), "name", "name is empty"),
        (lambda log, a, r, p: log.add_interviewer(a, name=42), "name", "must be text, not int"),
        (lambda log, a, r, p: log.add_interviewer(a, name=b"Ana"), "name", "not bytes"),
        (lambda log, a, r, p: log.add_interviewer(999, name="X"), "application", "no application"),
        (lambda log, a, r, p: log.add_interviewer("1", name="X"), "application", "whole number"),
        (lambda log, a, r, p: log.add_interviewer(True, name="X"), "application", "whole number"),
        (lambda log, a, r, p: log.add_story(title="T", **STAR | {"task": ""}), "task", "empty"),
        (lambda log, a, r, p: log.add_story(title="T", **STAR, tags=5), "tags", "list of words"),
        (lambda log, a, r, p: log.add_round(a, name="x", date="12/02/2026"), "date", "YYYY-MM-DD"),
        (lambda log, a, r, p: log.add_round(a, name="x", date=20261202), "date", "not a date"),
        (
            lambda log, a, r, p: log.add_question_asked_of_me(r, p, text="Q", rating=6),
            "rating",
            "from 1",
        ),
        (
            lambda log, a, r, p: log.add_question_asked_of_me(r, p, text="Q", rating="3"),
            "rating",
            "whole number",
        ),
        (
            lambda log, a, r, p: log.add_question_asked_of_me(r, p, text="Q", rating=True),
            "rating",
            "whole number",
        ),
        (lambda log, a, r, p: log.add_fact(r, p, topic="", value="v"), "topic", "empty"),
        (lambda log, a, r, p: log.add_fact(r, 999, topic="t", value="v"), "interviewer", "999"),
        (lambda log, a, r, p: log.record_story_use(999, p, r), "story", "no story"),
        (
            lambda log, a, r, p: log.add_reference(a, name="Bo", permission="yes"),
            "permission",
            "true or false",
        ),
        (
            lambda log, a, r, p: log.add_my_question(a, text="Q", asked_to=p),
            "round",
            "both whom",
        ),
        (lambda log, a, r, p: log.add_checklist_item(r, item=" \n "), "item", "empty"),
        (lambda log, a, r, p: log.mark_checklist_done(1, done="no"), "done", "true or false"),
        (lambda log, a, r, p: log.mark_thank_you_sent(5), "thank_you", "no thank-you note"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(log, call, field, message):
    app = log.add_application(company="Harbor Clinic", role="Lead")
    round_id = log.add_round(app, name="first")
    person = log.add_interviewer(app, name="Ana Ruiz", round_ids=[round_id])
    before = table_rows(log.path)
    with pytest.raises(FieldError, match=message) as caught:
        call(log, app, round_id, person)
    assert caught.value.field == field
    assert isinstance(caught.value, PrepError)
    assert table_rows(log.path) == before


def test_people_and_rounds_of_different_applications_do_not_mix(log):
    _, _, (ana, *_), (s1, *_) = small_log(log)
    _, (other_round, _), _, _ = small_log(log, company="Other Health")
    before = table_rows(log.path)
    with pytest.raises(FieldError, match="different applications"):
        log.record_story_use(s1, ana, other_round)
    assert table_rows(log.path) == before


def test_an_error_half_way_leaves_nothing_behind(log):
    app = log.add_application(company="Harbor Clinic", role="Lead")
    first = log.add_round(app, name="first")
    with pytest.raises(FieldError, match="no round with id 77"):
        log.add_interviewer(app, name="Ana Ruiz", round_ids=[first, 77])
    assert log.interviewers(app).empty
    assert log._con.execute("SELECT count(*) FROM round_interviewer").fetchone()[0] == 0
    log.add_interviewer(app, name="Ana Ruiz", round_ids=[first])  # the name is still free


def test_a_group_of_writes_is_saved_whole_or_not_at_all(log):
    app = log.add_application(company="Harbor Clinic", role="Lead")
    with pytest.raises(FieldError), log.transaction():
        log.add_round(app, name="first")
        log.add_round(app, name="FIRST")
    assert log.rounds(app).empty
    with log.transaction():
        first = log.add_round(app, name="first")
        with pytest.raises(FieldError):  # a failed write inside the group undoes only itself
            log.add_interviewer(app, name="Ana Ruiz", round_ids=[first, 77])
        log.add_interviewer(app, name="Bo Chen", round_ids=[first])
    assert list(log.interviewers(app)["name"]) == ["Bo Chen"]
    assert log._con.execute("SELECT count(*) FROM round_interviewer").fetchone()[0] == 1


def test_any_length_and_any_unicode_are_stored_faithfully(log):
    huge = "Patients waited. " * 150_000  # about 2.5 MB
    odd = "Zoë 😀 مرحبا 中文 e\u0301 \u200b tab\tend\x00nul"
    app = log.add_application(company=odd, role=HOSTILE)
    story = log.add_story(title=HOSTILE, situation=huge.strip(), task=odd, action="a", result="r")
    stored = log.stories().set_index("id").loc[story]
    assert stored["title"] == HOSTILE
    assert stored["situation"] == huge.strip()
    assert stored["task"] == odd
    assert log.applications()["company"][0] == " ".join(odd.split())  # a name: one line
    assert log.story_grid(app).index.tolist() == [HOSTILE]


def test_broken_characters_are_refused_with_a_hint(log):
    with pytest.raises(FieldError, match="broken character") as caught:
        log.add_story(title="Queue \ud800", **STAR)
    assert caught.value.field == "title"
    assert log.stories().empty


def test_a_write_waits_for_another_writer_and_says_so_when_it_gives_up(log):
    app = log.add_application(company="Harbor Clinic", role="Lead")
    other = sqlite3.connect(log.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    log._con.execute("PRAGMA busy_timeout = 50")  # instead of 30 s, to keep the test short
    try:
        with pytest.raises(LogError, match="busy"):
            log.add_round(app, name="first")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert log.rounds(app).empty
    log.add_round(app, name="first")


# ---- processes: crashes and two writers ----------------------------------------------------------

KEEPS_WRITING = """
import sys
from prep_lib.log import InterviewLog
log = InterviewLog(sys.argv[1])
n = 0
while True:
    log.add_interviewer(int(sys.argv[2]), name=f"Person {n}", round_ids=[int(sys.argv[3])])
    print(n, flush=True)  # only after the commit returned
    n += 1
"""

WRITES_A_BATCH = """
import sys
from prep_lib.log import InterviewLog
log = InterviewLog(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()  # both start on the parent's word
for n in range(int(sys.argv[3])):
    story = log.add_story(title=f"{sys.argv[2]} {n}", situation="s", task="t", action="a",
                          result="r")
    log.record_story_use(story, int(sys.argv[4]), int(sys.argv[5]))
print("done", flush=True)
"""


def start(code, *args):
    return subprocess.Popen(
        [sys.executable, "-c", code, *map(str, args)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_writer_killed_mid_write_leaves_a_sound_log_with_every_committed_entry(tmp_path):
    path = tmp_path / "log.sqlite"
    with InterviewLog(path) as log:
        app = log.add_application(company="Harbor Clinic", role="Lead")
        first = log.add_round(app, name="first")
    child = start(KEEPS_WRITING, path, app, first)
    committed = []
    try:
        for line in child.stdout:  # no timing: kill once enough writes have returned
            committed.append(int(line))
            if len(committed) == 300:
                break
    finally:
        os.kill(child.pid, signal.SIGKILL)
        rest, errors = child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL, errors
    committed += [int(n) for n in rest.split()]
    assert len(committed) >= 300, errors
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    con.close()
    with InterviewLog(path) as log:
        people = log.interviewers(app)
        assert {f"Person {n}" for n in committed} <= set(people["name"])
        assert (people["rounds"] == "first").all()  # never a person without their round
        log.add_interviewer(app, name="After the crash")


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    path = tmp_path / "log.sqlite"
    with InterviewLog(path) as log:
        app, (first, _), (ana, *_), _ = small_log(log)
    count = 150
    children = [start(WRITES_A_BATCH, path, name, count, ana, first) for name in ("A", "B")]
    try:
        for child in children:
            assert child.stdout.readline() == "ready\n", child.stderr.read()
        for child in children:
            child.stdin.write("go\n")
            child.stdin.flush()
        results = [child.communicate(timeout=300) for child in children]
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
    for child, (out, errors) in zip(children, results, strict=True):
        assert child.returncode == 0 and out == "done\n", errors
    with InterviewLog(path) as log:
        titles = set(log.stories()["title"])
        assert {f"{name} {n}" for name in "AB" for n in range(count)} <= titles
        assert len(log.story_uses(app)) == 2 * count
        assert log._con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


OPENS_THE_DEMO = """
import sys
from prep_lib.log import open_demo_log
print("ready", flush=True)
sys.stdin.readline()
log = open_demo_log(sys.argv[1])
print(log.find_application("Larkspur Valley Health"), flush=True)
"""


@pytest.mark.parametrize("attempt", range(3))  # a race: each attempt catches it most times
def test_two_notebooks_opening_a_new_demo_log_at_once_create_it_once(tmp_path, attempt):
    path = tmp_path / "demo.sqlite"
    children = [start(OPENS_THE_DEMO, path) for _ in range(2)]
    try:
        for child in children:
            assert child.stdout.readline() == "ready\n", child.stderr.read()
        for child in children:
            child.stdin.write("go\n")
            child.stdin.flush()
        results = [child.communicate(timeout=300) for child in children]
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
    assert [out for out, _ in results] == ["1\n", "1\n"], [err for _, err in results]
    with InterviewLog(path) as log:
        assert len(log.applications()) == 1
        assert len(log.stories()) == 8


# ---- export, backup, restore, seed ---------------------------------------------------------------


def full_log(log):
    """A log with an entry in every table, odd text included."""
    app, (first, second), (ana, bo, _), (s1, *_) = small_log(log)
    log.record_story_use(s1, ana, first, landed=HOSTILE)
    log.add_question_asked_of_me(first, ana, text="Why us? 😀", rating=2, answer="e\u0301")
    q = log.add_my_question(app, text="Tools?", asked_to=bo, round_id=second, answer="Epic")
    log.add_my_question(app, text="Not asked yet")
    log.add_fact(first, ana, topic="team size", value="12")
    log.add_thank_you(ana, first, channel="card", topic=HOSTILE)
    log.add_reference(app, name="Dee Park", permission=True, contacted_on="2026-03-01")
    log.add_checklist_item(second, item="Print the resume", done=True)
    log.record_rehearsal(app, question="Why us? 😀", answer=HOSTILE, rating=3, on="2026-03-02")
    log.add_story(title="Long", **STAR | {"result": "x" * 300_000}, metrics="+5%")
    log.add_research_note(app, topic="news", note=HOSTILE, source="a site", noted_on="2026-03-03")
    log.add_contact(app, name="Ana Silva", told_me="Busy; 😀", referred_me=True)
    log.add_round_task(second, kind="presentation", topic="90 days", minutes=10, outline="A | 4")
    log.add_news(app, text="A course finished", noted_on="2026-03-04")
    log.record_scan(app, resume="cv", posting="ad", score=0.5, missing=["HIPAA"], label="v1")
    log.save_package(app, label="Offer", base=80_000, leave_days=25, received_on="2026-03-05")
    log.add_company_posting(app, name="Other role", text=HOSTILE)
    log.add_status(app, status="first round", on="2026-03-10")
    log.edit("application", app, resume="My resume 😀", pay_low=17.5, pay_high=22.0,
             pay_currency="usd", pay_period="hourly", pay_text="$17.50-$22 an hour")  # fmt: skip
    return app, q


def test_backup_and_restore_lose_nothing(log, tmp_path):
    full_log(log)
    backup = log.backup(tmp_path / "backup.json")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    with InterviewLog.restore(backup, tmp_path / "restored.sqlite") as restored:
        assert restored._version() == SCHEMA_VERSION
    assert table_rows(tmp_path / "restored.sqlite") == table_rows(log.path)
    assert all(table_rows(log.path)[t] for t in TABLES)  # every table was exercised


def test_backup_defaults_to_the_data_folder(log, isolated_home):
    assert log.backup() == isolated_home.resolve() / "log_backup.json"


def test_restore_only_into_an_empty_log(log, tmp_path):
    full_log(log)
    backup = log.backup(tmp_path / "backup.json")
    before = table_rows(log.path)
    with pytest.raises(LogError, match="already holds entries"):
        InterviewLog.restore(backup, log.path)
    assert table_rows(log.path) == before


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda doc: "{not json", "Cannot read the backup"),
        (lambda doc: json.dumps([1, 2]), "not an interview log backup"),
        (lambda doc: json.dumps(doc | {"schema_version": 99}), "newer version"),
        (lambda doc: json.dumps(doc | {"tables": {"photos": []}}), "unknown tables"),
        (lambda doc: json.dumps(doc | {"tables": {"story": [5]}}), "malformed"),
        (
            lambda doc: json.dumps(doc | {"tables": {"story": [{"id); DROP": 1}]}}),
            "malformed",
        ),
        (
            lambda doc: json.dumps(doc | {"tables": doc["tables"] | {"story": []}}),
            "damaged",  # uses of stories that are not there
        ),
        (
            lambda doc: json.dumps(doc | {"tables": {"story": [{"id": 1, "colour": "red"}]}}),
            "damaged",
        ),
    ],
)
def test_a_damaged_backup_restores_nothing(log, tmp_path, damage, message):
    full_log(log)
    document = json.loads(log.backup(tmp_path / "backup.json").read_text(encoding="utf-8"))
    broken = tmp_path / "broken.json"
    broken.write_text(damage(document), encoding="utf-8")
    with pytest.raises(LogError, match=message):
        InterviewLog.restore(broken, tmp_path / "restored.sqlite")
    if (tmp_path / "restored.sqlite").exists():
        assert not any(table_rows(tmp_path / "restored.sqlite").values())


def test_a_backup_in_a_wrong_encoding_is_refused(log, tmp_path):
    backup = tmp_path / "backup.json"
    backup.write_bytes('{"format": "café"}'.encode("utf-16"))
    with pytest.raises(LogError, match="Cannot read the backup"):
        InterviewLog.restore(backup, tmp_path / "restored.sqlite")


def test_export_writes_every_table_as_csv(log, isolated_home):
    full_log(log)
    files = log.export_csv()
    assert [f.name for f in files] == [f"{t}.csv" for t in TABLES]
    assert all(f.parent == isolated_home.resolve() / "log_csv" for f in files)
    assert files[0].read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheets read it as UTF-8
    uses = pd.read_csv(files[TABLES.index("story_use")], encoding="utf-8-sig")
    assert uses["landed"].tolist() == [HOSTILE]
    people = pd.read_csv(files[TABLES.index("interviewer")], encoding="utf-8-sig")
    assert "name_key" not in people.columns
    assert len(people) == 3


def test_export_keeps_pasted_formulas_from_running_in_a_spreadsheet(log, tmp_path):
    app = log.add_application(company="Acme", role="Analyst")
    log.add_interviewer(app, name='=HYPERLINK("http://evil.example","Click")', title="-2+3")
    log.add_interviewer(app, name="Ana Ruiz", title="Director")
    files = log.export_csv(tmp_path / "csv")
    people = pd.read_csv(files[TABLES.index("interviewer")], encoding="utf-8-sig")
    assert people["name"].tolist() == ['\'=HYPERLINK("http://evil.example","Click")', "Ana Ruiz"]
    assert people["title"].tolist() == ["'-2+3", "Director"]
    assert people["application_id"].tolist() == [app, app]  # numbers stay numbers


def seed_text(**replace):
    text = sample_path("interview_log.toml").read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new, 1)
    return text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (seed_text(**{'company = "Larkspur': 'company = = "Larkspur'}), "not valid TOML|Cannot"),
        (seed_text(**{'key = "renata"': 'key = "renata-x"'}), "'renata', but no"),
        (seed_text(**{'key = "first"': ""}), r"\[\[rounds\]\] entry 1 has no key"),
        (seed_text(**{"rating = 4": "rating = 9"}), r"questions_asked_of_me\]\] entry 1.*rating"),
        (seed_text(**{'name = "Renata Osei"': 'name = "Marcus Bellweather"'}), "already in"),
        (seed_text(**{'format = "video call"': 'colour = "red"'}), "does not know: colour"),
        (
            seed_text(**{'interviewer = "marcus"\nround': 'interviewer = ["m"]\nround'}),
            "no \\[\\[int",
        ),
        (seed_text(**{'posting = "posting.md"': "posting = 5"}), "must be a file name"),
        (seed_text(**{'posting = "posting.md"': 'posting = "missing.md"'}), "posting|missing"),
        (seed_text(**{"[application]": "[applicaton]"}), r"no \[application\] table"),
        (seed_text(**{"permission = true": 'permission = "yes"'}), "true or false"),
        ("", r"no \[application\] table"),
    ],
)
def test_a_bad_seed_is_refused_whole(log, tmp_path, text, message):
    (tmp_path / "posting.md").write_text("Posting text", encoding="utf-8")
    (tmp_path / "resume.md").write_text("Resume text", encoding="utf-8")
    for posting in sample_path("company_postings").glob("*.md"):
        (tmp_path / "company_postings").mkdir(exist_ok=True)
        (tmp_path / "company_postings" / posting.name).write_text("Other", encoding="utf-8")
    seed = tmp_path / "seed.toml"
    seed.write_text(text, encoding="utf-8")
    with pytest.raises(LogError, match=message):
        log.import_seed(seed)
    assert not any(table_rows(log.path).values())


def test_a_seed_in_a_wrong_encoding_is_refused(log, tmp_path):
    seed = tmp_path / "seed.toml"
    seed.write_bytes(seed_text().encode("utf-16"))
    with pytest.raises(LogError, match="Cannot read the seed"):
        log.import_seed(seed)


def test_rehearsals_keep_the_latest_rating_per_question(log):
    app, *_ = small_log(log)
    assert log.last_rehearsal_rating(app, "Why us?") is None
    log.record_rehearsal(app, question="Why us?", rating=2, on="2026-03-01")
    log.record_rehearsal(app, question="  why   US? ", rating=4, answer="Better", on="2026-03-02")
    log.record_rehearsal(app, question="Other", rating=1, on="2026-03-03")
    assert log.last_rehearsal_rating(app, "WHY US?") == 4


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"question": "  ", "rating": 3}, "question"),
        ({"question": "Why?", "rating": 6}, "from 1"),
        ({"question": "Why?", "rating": 3, "on": "someday"}, "date"),
    ],
)
def test_bad_rehearsals_are_refused_and_leave_nothing(log, fields, message):
    app, *_ = small_log(log)
    with pytest.raises(LogError, match=message):
        log.record_rehearsal(app, **fields)
    assert table_rows(log.path)["rehearsal"] == []


def test_posting_text_of_an_application(log):
    app = log.add_application(company="Acme", role="Buyer", posting="Buy <b>things</b>")
    assert log.posting_text(app) == "Buy <b>things</b>"
    with pytest.raises(LogError, match="no application with id 99"):
        log.posting_text(99)
