"""Fuzzing the log: every writer and ``restore`` given arbitrary input.

Whatever comes in, the log either takes it or refuses it with a library error (a ``PrepError``);
a refusal changes nothing, an entry changes nothing saved before it, and the log keeps answering
every query and building plans. Each example has a time limit (hypothesis' deadline). The examples
are derandomized, so every run tries the same cases.
"""

import datetime as dt
import inspect
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prep_lib.errors import PrepError
from prep_lib.log import DEMO_TODAY, TABLES, InterviewLog, open_demo_log
from prep_lib.plan import build_plan

pytestmark = pytest.mark.slow

FUZZ = settings(
    max_examples=400,
    deadline=dt.timedelta(seconds=5),
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ODD_TEXT = [
    "", " ", "\n", "2026-12-02", "12/02/2026", "9999-12-31", "0001-01-01", "2200-01-01",
    "\ud800", "=HYPERLINK(\"http://x\")", "<script>alert(1)</script>", "[x](javascript:1)",
    "Zoë 😀 مرحبا \u202e", "a\x00b", "'); DROP TABLE story;--", "x" * 5000,
]  # fmt: skip
junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(ODD_TEXT),
    st.binary(max_size=10),
    st.dates(),
    st.datetimes(),
    st.lists(st.one_of(st.integers(-2, 9), st.text(max_size=5)), max_size=4),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
# Ids are mostly ones the demo log has, sometimes anything at all.
an_id = st.one_of(st.integers(min_value=-1, max_value=9), junk)
ID_PARAMETERS = {
    "application_id", "round_id", "interviewer_id", "story_id", "question_id",
    "thank_you_id", "reference_id", "item_id", "asked_to",
}  # fmt: skip
WRITERS = [
    "add_application", "add_round", "add_interviewer", "add_interviewer_to_round", "add_story",
    "record_story_use", "add_question_asked_of_me", "add_my_question", "record_my_question_asked",
    "add_fact", "add_thank_you", "mark_thank_you_sent", "add_reference", "mark_reference_warned",
    "record_reference_approached", "add_checklist_item", "mark_checklist_done",
    "ensure_checklist", "record_rehearsal",
]  # fmt: skip
UPDATES = {
    "mark_thank_you_sent": "thank_you",
    "mark_reference_warned": "reference",
    "record_reference_approached": "reference",
    "mark_checklist_done": "checklist_item",
}


@st.composite
def calls(draw):
    """A writer of the log and arguments for it: right names, any values."""
    name = draw(st.sampled_from(WRITERS))
    arguments = {}
    for parameter in inspect.signature(getattr(InterviewLog, name)).parameters.values():
        if parameter.name == "self":
            continue
        optional = parameter.default is not inspect.Parameter.empty
        if optional and draw(st.booleans()):
            continue
        if parameter.name in ID_PARAMETERS:
            arguments[parameter.name] = draw(an_id)
        elif parameter.name in ("round_ids", "items"):
            arguments[parameter.name] = draw(st.one_of(st.lists(an_id, max_size=3), junk))
        else:
            arguments[parameter.name] = draw(st.one_of(st.sampled_from(ODD_TEXT), junk))
    return name, arguments


def rows(log):
    return {t: log._con.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in TABLES}


def answers_every_query(log):
    """Every query of every application, and a plan for each round: only library errors."""
    for query in ("applications", "stories"):
        getattr(log, query)()
    log.thank_yous_due(today=DEMO_TODAY)
    for app in log.applications()["id"]:
        for query in (
            "rounds", "interviewers", "story_uses", "story_grid", "questions_asked_of_me",
            "questions_to_rehearse", "my_questions", "unasked_questions", "facts",
            "fact_conflicts", "thank_yous", "references_not_warned", "checklist",
        ):  # fmt: skip
            getattr(log, query)(app)
        for round_id in log.rounds(app)["id"]:
            build_plan(log, app, round_id, today=DEMO_TODAY).to_ics()


@pytest.fixture(scope="module")
def demo():
    with tempfile.TemporaryDirectory() as folder:
        log = open_demo_log(Path(folder) / "demo.sqlite")
        yield log
        log.close()


@FUZZ
@given(call=calls())
def test_writers_take_or_refuse_anything_and_keep_what_was_saved(demo, call):
    name, arguments = call
    before = rows(demo)
    try:
        getattr(demo, name)(**arguments)
    except PrepError:
        assert rows(demo) == before, f"{name} refused but changed the log"
        return
    after = rows(demo)
    for table in TABLES:
        kept = after[table][: len(before[table])]
        if UPDATES.get(name) == table:  # the one row it updates may change
            assert len([a for a, b in zip(kept, before[table], strict=True) if a != b]) <= 1
        else:
            assert kept == before[table], f"{name} changed a {table} saved before"


def test_after_the_fuzzing_the_log_still_answers_everything(demo):
    """Runs after the writers' fuzzing on the same log (tests run in file order)."""
    answers_every_query(demo)
    assert demo.check() == []


# ---- restore ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def backup_document():
    with tempfile.TemporaryDirectory() as folder, open_demo_log(Path(folder) / "d.sqlite") as log:
        return json.loads(log.backup(Path(folder) / "b.json").read_text(encoding="utf-8"))


@st.composite
def damaged_backups(draw, document):
    """A real backup with a few changes: values replaced, columns dropped or added, rows copied
    or dropped, or the whole document replaced by other JSON."""
    document = json.loads(json.dumps(document))
    tables = document["tables"]
    for _ in range(draw(st.integers(1, 4))):
        table = draw(st.sampled_from(sorted(tables)))
        if not tables[table]:
            continue
        row = draw(st.integers(0, len(tables[table]) - 1))
        column = draw(st.sampled_from(sorted(tables[table][row])))
        change = draw(st.sampled_from(["value", "drop", "add", "copy", "remove"]))
        if change == "value":
            value = draw(st.one_of(st.sampled_from(ODD_TEXT), junk))
            tables[table][row][column] = (
                value if not isinstance(value, bytes | dt.date) else str(value)
            )
        elif change == "drop":
            del tables[table][row][column]
        elif change == "add":
            tables[table][row][draw(st.sampled_from(["colour", "id2", column]))] = 1
        elif change == "copy":
            tables[table].append(dict(tables[table][row]))
        else:
            del tables[table][row]
    if draw(st.integers(0, 19)) == 0:
        return draw(st.recursive(junk.filter(lambda v: not isinstance(v, bytes | dt.date)),
                                 lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
                                 max_leaves=20))  # fmt: skip
    return document


@settings(FUZZ, max_examples=300)
@given(data=st.data())
def test_restore_takes_a_sound_backup_or_refuses_it_whole(backup_document, tmp_path, data):
    document = data.draw(damaged_backups(backup_document))
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    source, target = folder / "backup.json", folder / "restored.sqlite"
    source.write_text(json.dumps(document, default=str), encoding="utf-8")
    try:
        restored = InterviewLog.restore(source, target)
    except PrepError:
        assert not target.exists(), "a refused backup creates no file"
        return
    with restored:
        answers_every_query(restored)
        assert restored.check() == []
