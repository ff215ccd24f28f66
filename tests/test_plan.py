"""The second-interview plan built from the sample candidate's log, and its exports."""

import datetime as dt
import errno
import html
import re
import stat

import icalendar
import pytest

from prep_lib.documents import load_text
from prep_lib.errors import PlanError, SaveError
from prep_lib.log import DEMO_TODAY, open_demo_log
from prep_lib.matching import compare
from prep_lib.paths import PROJECT_ROOT, sample_path
from prep_lib.plan import (
    CONTENT_PATH,
    KINDS,
    QUESTIONS_PER_PERSON,
    build_plan,
    checklist_entries,
    interviewer_kind,
    load_content,
)
from prep_lib.salary import load_research, recommend_ask

HOSTILE = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def sample():
    posting = load_text(sample_path("posting.md"))
    others = [load_text(p) for p in sorted(sample_path("company_postings").glob("*.md"))]
    report = compare(posting, load_text(sample_path("resume.md")), company_postings=others)
    ask = recommend_ask(
        load_research(sample_path("salary_research.csv")),
        years=7,
        strengths=["certifications", "team_leadership"],
    )
    return {"report": report, "ask": ask, "others": others}


@pytest.fixture
def log(tmp_path):
    with open_demo_log(tmp_path / "demo.sqlite") as log:
        yield log


def ids(log):
    app = log.find_application("Larkspur Valley Health")
    rounds = log.rounds(app).set_index("name")["id"]
    return app, int(rounds["first"]), int(rounds["second"])


def plan_for(log, sample, **options):
    app, _, second = ids(log)
    options = {
        "match_report": sample["report"],
        "ask": sample["ask"],
        "company_postings": sample["others"],
        "candidate": "Dana Whitlock",
        "today": DEMO_TODAY,
    } | options
    return build_plan(log, app, second, **options)


def test_every_interviewer_of_the_round_gets_a_brief(log, sample):
    plan = plan_for(log, sample)
    assert [b.name for b in plan.briefs] == [
        "Marcus Bellweather",
        "Ines Carvalho",
        "Tomasz Lindgren",
        "Abeni Clarke",
    ]
    marcus = plan.briefs[0]
    assert marcus.kind == "manager"  # the posting says the role reports to this title
    assert "Epic go-live" in marcus.background
    assert ("team size", "16 representatives and schedulers") in marcus.facts
    for brief in plan.briefs:
        assert 2 <= len(brief.stories) <= 3
        assert 3 <= len(brief.questions) <= 5


def test_a_story_told_at_the_company_is_never_fresh(log, sample):
    app, first, _ = ids(log)
    told = set(log.story_uses(app)["story"])
    assert told  # the sample has stories told in round 1
    for brief in plan_for(log, sample).briefs:
        assert not {s.title for s in brief.stories} & told
        assert not {s.title for s in brief.stories} & set(brief.heard)
    # telling one more story to someone else at the company takes it off everyone's list
    story = plan_for(log, sample).briefs[0].stories[0]
    renata = int(log.interviewers(app).set_index("name").loc["Renata Osei", "id"])
    log.record_story_use(story.story_id, renata, first)
    for brief in plan_for(log, sample).briefs:
        assert story.story_id not in {s.story_id for s in brief.stories}


def test_stories_proving_missing_terms_come_first(log, sample):
    plan = plan_for(log, sample)
    proven = {term for brief in plan.briefs for s in brief.stories for term in s.covers}
    missing = next(term for term in sample["report"].missing if term not in proven)
    story = log.add_story(
        title="A term the resume lacks",
        situation="Our clinic had a problem.",
        task="I had to fix it.",
        action=f"I worked on {missing} every week.",
        result="It improved by 20%.",
    )
    plan = plan_for(log, sample)
    stories = plan.briefs[0].stories
    place = [s.story_id for s in stories].index(story)
    assert missing in stories[place].covers
    assert all(s.covers for s in stories[:place])  # only stories that prove more come before
    assert "which your resume does not show" in plan.to_markdown()


def test_a_question_asked_before_never_reappears(log, sample):
    app, first, _ = ids(log)
    bank_question = load_content().questions[0]["text"]
    renata = int(log.interviewers(app).set_index("name").loc["Renata Osei", "id"])
    log.add_my_question(app, text=bank_question.upper(), asked_to=renata, round_id=first)
    plan = plan_for(log, sample)
    suggested = [q.text for b in plan.briefs for q in b.questions]
    assert bank_question not in suggested
    assert "What would success look like in the first six months?" not in suggested
    assert len(suggested) == len(set(suggested)), "each question suggested once"
    # the sample's own unasked question is suggested, marked as yours
    own = [q for b in plan.briefs for q in b.questions if q.own]
    assert [q.text for q in own] == [
        "How do the clinics split work with the central scheduling center?"
    ]


def test_questions_suit_the_interviewer(log, sample):
    content = load_content()
    fits = {q["text"]: set(q["fits"]) for q in content.questions}
    fits |= {r["question"]: set(r["fits"]) for r in content.research}  # research gaps
    for brief in plan_for(log, sample).briefs:
        for q in brief.questions:
            assert q.own or brief.kind in fits[q.text] or "any" in fits[q.text]
        assert QUESTIONS_PER_PERSON <= len(brief.questions) <= QUESTIONS_PER_PERSON + 1


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Talent Acquisition Partner", "hr"),
        ("HR Business Partner", "hr"),
        ("Director of Patient Access", "manager"),  # the posting names it as the boss
        ("Director of Revenue Cycle", "leader"),
        ("VP, Operations", "leader"),
        ("Lead Patient Access Representative", "report"),
        ("Clinic Operations Manager", "peer"),
        ("", "peer"),
    ],
)
def test_interviewer_kind(title, kind):
    posting = "You will report to the Director of Patient Access and work with clinic managers."
    assert interviewer_kind(title, posting=posting) == kind


def test_bank_has_enough_questions_in_every_category():
    content = load_content()
    assert len(content.questions) >= 40
    categories = {q["category"] for q in content.questions}
    assert categories == {
        "the role",
        "the team",
        "how performance is measured",
        "growth",
        "culture",
        "the interviewer's own path",
        "benefits",
    }
    for kind in KINDS:
        assert sum(kind in q["fits"] or "any" in q["fits"] for q in content.questions) >= 8


def test_rehearsal_is_weakest_first_and_learns_from_ratings(log, sample):
    app, *_ = ids(log)
    plan = plan_for(log, sample)
    ratings = [3 if r.rating is None else r.rating for r in plan.rehearse]
    assert ratings == sorted(ratings)
    assert plan.rehearse[0].question == "Tell me about a time you managed a budget."
    common = [r.question for r in plan.rehearse if r.why.startswith("Often asked")]
    assert "Tell me about a time you worked with a difficult colleague." in common
    difficult = next(r for r in plan.rehearse if "difficult colleague" in r.question)
    assert difficult.story.title == "A standoff with the surgery scheduling lead"
    # practising the worst question well sends it to the back
    log.record_rehearsal(app, question=plan.rehearse[0].question, rating=5, on=DEMO_TODAY)
    again = plan_for(log, sample)
    assert again.rehearse[-1].question == plan.rehearse[0].question
    assert again.rehearse[-1].rating == 5


def test_checklist_shows_what_the_log_says(log, sample):
    app, _, second = ids(log)
    entries = {e.text: e for e in plan_for(log, sample).checklist}
    standard = [item["text"] for item in load_content().checklist]
    assert set(standard) <= set(entries)
    agenda = entries["Ask for the agenda and the names of the interviewers"]
    assert agenda.done and "4 names" in agenda.note
    warn = entries["Warn every reference that a call may come"]
    assert not warn.done and "Samuel Achterberg" in warn.note
    assert entries["Print five copies of the resume"].due == dt.date(2026, 12, 1)
    # standard items the log lacks are shown, without an id until ticked
    assert entries["Bring work samples or a short portfolio"].item_id is None
    assert entries["Print five copies of the resume"].item_id is not None
    assert len(log.checklist(app, round_id=second)) == 5, "building the plan wrote nothing"
    # ticking in the log shows in the next plan
    log.mark_checklist_done(entries["Print five copies of the resume"].item_id)
    (samples,) = log.ensure_checklist(second, ["Bring work samples or a short portfolio"])
    log.mark_checklist_done(samples)
    again = {e.text: e for e in plan_for(log, sample).checklist}
    assert set(again) == set(entries)
    added = set(again) - {e.text for e in checklist_entries(log, app, second)}
    assert added == {  # the round's presentation and test add their items
        "Rehearse the presentation on Your first 90 days: registration accuracy across three "
        "clinics in 10 minutes, twice",
        "Pack for the presentation: Slides on a USB stick and as a PDF sent the day before; six "
        "printed handouts",
        "Practise for the skills test: pivot tables by denial reason and clinic; one clear chart; "
        "a two-sentence summary",
        "Pack for the skills test: A pen and reading glasses; a laptop is provided",
    }
    assert again["Print five copies of the resume"].done
    assert again["Bring work samples or a short portfolio"].item_id == samples
    assert again["Bring work samples or a short portfolio"].done


def test_building_the_plan_leaves_the_log_file_untouched(log, sample):
    files = [log.path, log.path.with_name(log.path.name + "-wal")]
    log._con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = [path.read_bytes() for path in files]
    app, first, second = ids(log)
    for round_id in (second, second, first):
        plan = plan_for(log, sample) if round_id == second else build_plan(log, app, round_id)
        plan.to_markdown()
    assert [path.read_bytes() for path in files] == before


def test_every_interviewer_gets_a_thank_you_draft(log, sample):
    plan = plan_for(log, sample)
    assert [d.name for d in plan.thank_yous] == [b.name for b in plan.briefs]
    for draft in plan.thank_yous:
        first_name = draft.name.split()[0]
        assert first_name in draft.body and draft.topic in draft.body
        assert draft.body.rstrip().endswith("Dana Whitlock")
        assert draft.due == dt.date(2026, 12, 3) and draft.sent_on is None
    assert len({d.body.splitlines()[2] for d in plan.thank_yous[:3]}) == 3, (
        "panelists get different notes"
    )
    redrafted = plan.thank_yous[0].with_topic("the self-scheduling rollout")
    assert "the self-scheduling rollout" in redrafted.body


def test_thank_you_topic_comes_from_the_log(log, sample):
    app, first, _ = ids(log)
    plan = build_plan(log, app, first, today=DEMO_TODAY, candidate="Dana")
    notes = {d.name: d for d in plan.thank_yous}
    assert notes["Renata Osei"].topic == "the growth of the east-side clinics"
    assert notes["Renata Osei"].sent_on == "2026-11-12"
    assert notes["Marcus Bellweather"].topic == "the self-scheduling rollout"


def test_overdue_notes_and_unwarned_references_come_first(log, sample):
    plan = plan_for(log, sample)
    assert list(plan.overdue_thank_yous["interviewer"]) == ["Marcus Bellweather"]
    markdown = plan.to_markdown()
    do_first = markdown.split("## Do first")[1].split("##")[0]
    assert "Thank Marcus Bellweather for the first round" in do_first
    assert "Lena Hovland: ask whether you may name them" in do_first


def test_conflicting_facts_are_flagged(log, sample):
    plan = plan_for(log, sample)
    assert set(plan.conflicts["topic"]) == {"team size"}
    assert "settle on one version" in plan.to_markdown()


def test_salary_ask_in_the_plan(log, sample):
    assert sample["ask"].headline in plan_for(log, sample).to_markdown()
    assert "No ask yet" in plan_for(log, sample, ask=None).to_markdown()


def test_hostile_text_is_escaped_in_html_and_markdown(log, sample):
    app, *_ = ids(log)
    log.add_story(title=HOSTILE, situation=HOSTILE, task="t", action="I acted.", result="r")
    marcus = int(log.interviewers(app).set_index("name").loc["Marcus Bellweather", "id"])
    _, first, _ = ids(log)
    log.add_fact(first, marcus, topic="<b>bold</b>", value=HOSTILE)
    plan = plan_for(log, sample)
    page = plan.to_html()
    assert "<script>" not in page and html.escape(HOSTILE) in page
    assert "<b>bold</b>" not in page
    assert re.search(r"<script|onerror=|<link |src=\"http", page) is None, "no external assets"
    assert "<script>" not in plan.to_markdown()


def test_exports_exist_open_and_the_calendar_parses_back(log, sample, tmp_path):
    plan = plan_for(log, sample)
    paths = plan.save(tmp_path / "out")
    assert {p.suffix for p in paths.values()} == {".md", ".html", ".ics"}
    assert paths["markdown"].read_text(encoding="utf-8") == plan.to_markdown()
    assert paths["html"].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    calendar = icalendar.Calendar.from_ical(paths["ics"].read_bytes())
    events = sorted((e.decoded("dtstart"), str(e.get("summary"))) for e in calendar.walk("VEVENT"))
    assert events == [(day, summary) for day, summary, _ in plan.reminders()]
    summaries = [s for _, s in events]
    assert (
        "Second interview: Larkspur Valley Health (Patient Access Manager, Outpatient Services)"
        in summaries
    )
    assert "Send a thank-you note to Marcus Bellweather" in summaries
    assert "Before the interview: Print five copies of the resume" in summaries
    assert not any("Ask for the agenda" in s for s in summaries), "done items need no reminder"
    uids = [str(e.get("uid")) for e in calendar.walk("VEVENT")]
    assert len(uids) == len(set(uids))


def test_save_defaults_to_the_data_folder(log, sample, isolated_home):
    paths = plan_for(log, sample).save()
    assert all(p.parent == isolated_home.resolve() / "plans" for p in paths.values())


def test_round_without_interviewers_still_plans(log, sample):
    app, *_ = ids(log)
    final = log.add_round(app, name="final", date="2026-12-10")
    plan = build_plan(log, app, final, today=DEMO_TODAY)
    assert plan.briefs == [] and plan.thank_yous == []
    assert "No interviewers are logged for this round yet" in plan.to_markdown()
    agenda = next(e for e in plan.checklist if e.text.startswith("Ask for the agenda"))
    assert not agenda.done


@pytest.mark.parametrize(
    ("application", "round_", "message"),
    [(99, None, "no application with id 99"), (None, 99, "Round 99 is not a round")],
)
def test_unknown_application_or_round(log, application, round_, message):
    app, _, second = ids(log)
    with pytest.raises(PlanError, match=message):
        build_plan(log, application or app, round_ or second)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not [toml", "Cannot read"),
        ("[[questions]]\ntext = 'x'\ncategory = 'c'\nfits = ['any']\n", r"no \[\[common\]\]"),
        (None, "lacks fits"),
        ("bad kind", "unknown kinds boss"),
    ],
)
def test_malformed_content_file(tmp_path, text, message):
    good = CONTENT_PATH.read_text(encoding="utf-8")
    if text is None:
        text = good.replace('fits = ["manager", "leader"]\n', "", 1)
    elif text == "bad kind":
        text = good.replace('fits = ["manager", "leader"]', 'fits = ["boss"]', 1)
    path = tmp_path / "content.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError, match=message):
        load_content(path)


# ---- hostile and damaged input -------------------------------------------------------------------


def test_a_plan_from_an_old_log_with_dates_at_the_calendar_edges_still_builds(log, sample):
    """Regression: a round dated 9999-12-31 or 0001-01-01 (which older versions accepted)
    raised OverflowError in the thank-you due dates, the checklist and the calendar file."""
    app, first, second = ids(log)
    for round_id, day in ((second, "9999-12-31"), (first, "0001-01-01")):
        log._con.execute("UPDATE round SET date = ? WHERE id = ?", (day, round_id))
        plan = build_plan(log, app, round_id, today=DEMO_TODAY, candidate="Dana")
        assert plan.round_date.isoformat() == day
        icalendar.Calendar.from_ical(plan.to_ics())
        assert plan.to_markdown() and plan.to_html()
    assert all(d.due is None for d in plan_for(log, sample).thank_yous if d.sent_on is None)


def test_save_survives_a_300_character_company_name(log, sample, tmp_path):
    """Regression: ``Plan.save()`` let OSError through for a 300-character company name."""
    plan = plan_for(log, sample)
    plan.company = "Larkspur " * 33 + "Health"
    paths = plan.save(tmp_path / "plans")
    assert all(len(p.name) <= 85 for p in paths.values())
    assert paths["markdown"].read_text(encoding="utf-8") == plan.to_markdown()


def test_save_errors_are_clear_and_leave_nothing_behind(log, sample, tmp_path, monkeypatch):
    """Regression: an unwritable folder or a full disk let OSError through from
    ``Plan.save()`` and left ``*.md.tmp`` files behind."""
    plan = plan_for(log, sample)
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    with pytest.raises(SaveError, match="Cannot save"):
        plan.save(not_a_folder / "plans")
    folder = tmp_path / "plans"
    saved = plan.save(folder, formats=("markdown",))["markdown"]
    before = saved.read_bytes()

    def disk_full(_descriptor):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("prep_lib.files.os.fsync", disk_full)
    plan.company = "Changed"
    with pytest.raises(SaveError, match="No space left on device"):
        plan.save(folder)
    assert [p.name for p in folder.iterdir()] == [saved.name], "no temporary file is left"
    assert saved.read_bytes() == before, "the old file is unchanged"


def test_exports_are_readable_by_their_owner_only(log, sample, tmp_path):
    for path in plan_for(log, sample).save(tmp_path / "plans").values():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for path in log.export_csv(tmp_path / "csv"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_save_into_the_project_folder_is_refused(log, sample):
    with pytest.raises(SaveError, match="inside the project folder"):
        plan_for(log, sample).save(PROJECT_ROOT / "plans")
    assert not (PROJECT_ROOT / "plans").exists()
