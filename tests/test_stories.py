"""Ranking stories: fresh ones for a posting, ideas per interviewer, the best one for a question."""

import pandas as pd
import pytest

from prep_lib.log import FieldError, InterviewLog, open_demo_log
from prep_lib.stories import best_story, covers, fresh_stories, story_ideas, story_text

STAR = {"situation": "S", "task": "T", "action": "A", "result": "R"}
POSTING = (
    "Patient Access Manager. Lead prior authorization and insurance verification; reduce "
    "front-end denials; coach registration staff on accuracy; report denial rates monthly."
)
DENIALS = {
    "title": "Denials halved",
    "situation": "Prior authorization requests were late and denials rose.",
    "task": "Cut denials.",
    "action": "Checked insurance verification at booking and coached registration staff.",
    "result": "Denial rates fell by half in a quarter.",
    "tags": ["prior authorization", "denials"],
}


@pytest.fixture
def log(tmp_path):
    with InterviewLog(tmp_path / "log.sqlite") as opened:
        yield opened


def panel_of_three(log, posting=""):
    app = log.add_application(company="Harbor Clinic", role="Manager", posting=posting)
    first = log.add_round(app, name="first", date="2026-03-10")
    second = log.add_round(app, name="second", date="2026-03-20")
    ana = log.add_interviewer(app, name="Ana Ruiz", round_ids=[first])
    bo = log.add_interviewer(app, name="Bo Chen", round_ids=[second])
    cy = log.add_interviewer(app, name="Cy Diaz", title="Billing lead", round_ids=[second])
    return app, (first, second), (ana, bo, cy)


def test_fresh_stories_leave_out_what_the_panel_heard(log):
    app, (first, second), (ana, bo, cy) = panel_of_three(log)
    s1, s2, s3 = (log.add_story(title=f"Story {n}", **STAR, tags=["queues"]) for n in range(3))
    log.record_story_use(s1, ana, first)
    log.record_story_use(s2, bo, second)
    assert set(fresh_stories(log, [bo, cy])["story_id"]) == {s3}  # Ana heard s1: same company
    assert set(fresh_stories(log, [bo, cy], company_wide=False)["story_id"]) == {s1, s3}
    assert set(fresh_stories(log, [], application_id=app)["story_id"]) == {s3}


def test_fresh_stories_come_best_fit_first(log):
    _, _, (ana, *_) = panel_of_three(log, POSTING)
    picnic = log.add_story(title="Team picnic", **STAR, tags=["morale"])
    denials = log.add_story(**DENIALS)
    fresh = fresh_stories(log, [ana])
    assert list(fresh["story_id"]) == [denials, picnic]
    assert 0 <= fresh["relevance"][1] < fresh["relevance"][0] <= 1
    own_text = fresh_stories(log, [ana], posting="Team picnic morale S T A R organiser")
    assert list(own_text["story_id"]) == [picnic, denials]


def test_fresh_stories_without_a_posting_are_unranked(log):
    _, _, (ana, *_) = panel_of_three(log)
    stories = [log.add_story(title=f"Story {n}", **STAR, tags=["queues"]) for n in range(3)]
    fresh = fresh_stories(log, [ana])
    assert list(fresh.columns) == ["story_id", "title", "relevance", "tags", "metrics"]
    assert list(fresh["story_id"]) == stories
    assert fresh["relevance"].isna().all()
    assert fresh["tags"][0] == "queues"


def test_fresh_stories_from_an_empty_bank(log):
    _, _, (ana, *_) = panel_of_three(log, POSTING)
    fresh = fresh_stories(log, [ana])
    assert fresh.empty and fresh.columns[0] == "story_id"


def test_fresh_stories_need_an_application_when_unclear(log):
    panel_of_three(log)
    with pytest.raises(FieldError, match="application_id"):
        fresh_stories(log, [])
    with pytest.raises(FieldError, match="list of ids"):
        fresh_stories(log, 3)
    with pytest.raises(FieldError, match="no interviewer with id 99"):
        fresh_stories(log, [99])


def test_story_ideas_spread_the_bank_across_the_panel(log):
    app, (_, second), _ = panel_of_three(log, POSTING)
    for n in range(6):
        log.add_story(title=f"Story {n}", **STAR)
    people = log.interviewers(app, round_id=second)
    ideas = story_ideas(log, app, people, posting=POSTING)
    assert set(ideas) == set(people["id"])
    picked = [s.story_id for person in ideas.values() for s in person]
    assert len(picked) == len(set(picked)) == 6, "three each, nobody hears another's story"


def test_story_ideas_put_stories_proving_a_missing_term_first(log):
    app, (_, second), _ = panel_of_three(log, POSTING)
    log.add_story(title="Team picnic", **STAR, tags=["morale"])
    denials = log.add_story(**DENIALS)
    people = log.interviewers(app, round_id=second)
    ideas = story_ideas(log, app, people, posting=POSTING, missing=["verification", "kiosk"])
    for person in ideas.values():
        assert person[0].story_id == denials
        assert person[0].covers == ("verification",)
        assert person[0].shared_with  # the bank is too small: both hear it, and are told so


def test_story_ideas_for_nobody_or_with_nothing_fresh(log):
    app, (first, second), (ana, *_) = panel_of_three(log, POSTING)
    people = log.interviewers(app, round_id=second)
    assert story_ideas(log, app, people.iloc[0:0], posting=POSTING) == {}
    story = log.add_story(**DENIALS)
    log.record_story_use(story, ana, first)
    assert story_ideas(log, app, people, posting=POSTING) == {}


def test_best_story_answers_a_question_or_admits_none_fits(tmp_path):
    with open_demo_log(tmp_path / "demo.sqlite") as demo:
        bank = demo.stories()
    difficult = best_story(
        bank,
        "Tell me about a time you worked with a difficult colleague. conflict",
        cues=["conflict"],
    )
    assert difficult.title == "A standoff with the surgery scheduling lead"
    assert best_story(bank, "What is your favourite colour?") is None
    assert best_story(bank.iloc[0:0], "anything") is None


def test_covers_names_only_missing_terms_the_story_proves():
    text = story_text(DENIALS | {"metrics": ""})
    assert covers(POSTING, text, ["kiosk", "Verification"]) == ("Verification",)  # any form
    assert covers("", text, ["verification"]) == ()
    assert covers(POSTING, text, []) == ()


def test_story_text_holds_every_part():
    row = pd.Series(DENIALS | {"metrics": "-50%"})
    text = story_text(row)
    for part in ("Denials halved", "booking", "fell by half", "prior authorization", "-50%"):
        assert part in text
