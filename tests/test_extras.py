"""Issue 17's pieces: company research, people, round tasks, pitch, concerns, letters, the offer,
the scan history; in the log, in the plan and its exports, with bad input."""

import dataclasses
import datetime as dt

import pytest
import vobject

from prep_lib.documents import load_text
from prep_lib.errors import SalaryDataError
from prep_lib.log import DEMO_TODAY, FieldError, InterviewLog, open_demo_log
from prep_lib.matching import compare
from prep_lib.paths import sample_path
from prep_lib.plan import build_plan
from prep_lib.plan.pitch import WORDS_PER_MINUTE, resume_headline, word_count
from prep_lib.plan.tasks import RoundTask, Section
from prep_lib.salary.ask import Ask
from prep_lib.salary.offer import compare_offer, package
from prep_lib.scan_history import ScanHistory

HOSTILE = "<script>alert(1)</script> [x](javascript:alert(1)) {candidate}"
ASK = Ask(85_000, 87_500, 90_000, "reasons")


@pytest.fixture
def demo(tmp_path):
    with open_demo_log(tmp_path / "demo.sqlite") as log:
        yield log


@pytest.fixture(scope="module")
def resume():
    return load_text(sample_path("resume.md"))


def ids(log):
    app = log.find_application("Larkspur Valley Health")
    return app, int(log.rounds(app).set_index("name").loc["second", "id"])


def plan_for(log, resume, **options):
    app, second = ids(log)
    report = compare(log.posting_text(app), resume)
    options = {"candidate": "Dana Whitlock", "today": DEMO_TODAY} | options
    return build_plan(log, app, second, match_report=report, resume=resume, **options)


# ---- the offer ---------------------------------------------------------------------------------


def test_package_reads_amounts_as_people_write_them():
    offer = package("Offer", base="$40 an hour", bonus="10%", retirement="$3,000", leave_days="25")
    assert offer.base == 40 * 2080 and offer.bonus == pytest.approx(8320)
    assert offer.leave == pytest.approx(25 * offer.base / 260)
    assert offer.total == pytest.approx(offer.base + 8320 + 3000 + offer.leave)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"base": ""}, "more than zero"),
        ({"base": "10%"}, "not a share"),
        ({"base": 80_000, "bonus": "lots"}, "bonus"),
        ({"base": 80_000, "bonus": "£5,000"}, "in GBP"),
        ({"base": 80_000, "leave_days": 400}, "Paid leave"),
        ({"base": 80_000, "leave_days": "many"}, "Paid leave"),
        ({"base": 10**12}, "between 0"),
        ({"base": ["80000"]}, "not list"),
        ({"base": True}, "not True"),
        ({"base": 80_000, "other": "5% of something"}, "one share"),
    ],
)
def test_package_refuses_bad_amounts(options, message):
    with pytest.raises(SalaryDataError, match=message):
        package("Offer", **options)


def test_offer_beside_the_current_job_and_the_ask():
    offer = package("Offer", base=84_000, retirement="5%", leave_days=32, other=5_250)
    current = package("Now", base=71_500, bonus=1_500, retirement="3%", leave_days=36)
    comparison = compare_offer(offer, current=current, ask=ASK)
    table = comparison.table()
    assert list(table.columns) == ["Now", "Offer", "Offer at your ask", "Offer − current"]
    assert table.loc["Base salary", "Offer at your ask"] == 87_500
    assert table.loc["Total", "Offer − current"] == pytest.approx(offer.total - current.total)
    advice = comparison.negotiate()
    assert advice[0].startswith("Base salary: ask for $87,500, $3,500 more")
    assert any(line.startswith("Paid leave: 4 days fewer") for line in advice)
    assert any(line.startswith("Bonus: $1,500 a year less") for line in advice)
    assert "below your ask of $87,500" in comparison.summary()
    ax = comparison.plot()
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Offer at your ask", "Offer", "Now"]
    assert len(ax.patches) == 3 * 5  # five parts with a value (no equity), three bars


def test_an_offer_that_beats_everything_says_so_and_escapes_its_name():
    offer = package(HOSTILE, base=100_000, leave_days=30)
    comparison = compare_offer(offer, current=package("Now", base=60_000), ask=ASK)
    assert comparison.at_ask is None
    assert comparison.negotiate()[0].startswith("The offer meets your ask")
    assert "<script>" not in comparison.to_markdown() and "\\[x\\]" in comparison.to_markdown()


# ---- the log ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "options", "field"),
    [
        ("add_research_note", {"topic": "gossip", "note": "x"}, "topic"),
        ("add_research_note", {"topic": "news", "note": "  "}, "note"),
        ("add_research_note", {"topic": "news", "note": 5}, "note"),
        ("add_research_note", {"topic": "news", "note": "x", "noted_on": "soon"}, "noted_on"),
        ("add_contact", {"name": ""}, "name"),
        ("add_contact", {"name": "Abeni", "referred_me": "yes"}, "referred_me"),
        ("add_news", {"text": ""}, "text"),
    ],
)
def test_company_entries_refuse_bad_input(demo, method, options, field):
    app, _ = ids(demo)
    before = demo.research_notes(app).shape, demo.contacts(app).shape, demo.news(app).shape
    with pytest.raises(FieldError) as error:
        getattr(demo, method)(app, **options)
    assert error.value.field == field
    assert (
        demo.research_notes(app).shape,
        demo.contacts(app).shape,
        demo.news(app).shape,
    ) == before


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"kind": "dance", "topic": "x"}, "must be one of"),
        ({"kind": "presentation", "topic": "x", "minutes": 0}, "minutes"),
        ({"kind": "presentation", "topic": "x", "minutes": "ten"}, "minutes"),
        ({"kind": "presentation", "topic": "x", "outline": "Intro\nEnd | 2"}, "Line 1"),
        ({"kind": "presentation", "topic": "x", "outline": "Intro | \n"}, "no minutes"),
        ({"kind": "presentation", "topic": "x", "outline": "A | 1\n" * 31}, "too long"),
        ({"kind": "presentation", "topic": "x", "outline": [("A",)]}, "title and its minutes"),
    ],
)
def test_round_tasks_refuse_bad_input(demo, options, message):
    _, second = ids(demo)
    with pytest.raises(FieldError, match=message):
        demo.add_round_task(second, **options)


def test_contacts_link_to_the_interviewer_of_the_same_name(demo):
    app, _ = ids(demo)
    contacts = demo.contacts(app).set_index("name")
    abeni = demo.interviewers(app).set_index("name").loc["Abeni Clarke", "id"]
    assert contacts.loc["Abeni Clarke", "interviewer_id"] == abeni
    assert contacts.loc["Priya Raman", "interviewer_id"] is None
    with pytest.raises(FieldError, match="already among your contacts"):
        demo.add_contact(app, name="  priya   RAMAN ")


def test_vcards_of_interviewers_and_contacts_parse_back(demo, tmp_path):
    app, _ = ids(demo)
    demo.add_contact(app, name="Zoë Ng", title=HOSTILE, contact="+1 (614) 555-0100",
                     told_me="a; b, c\\d\nnew line " + "é" * 200)  # fmt: skip
    path = demo.export_vcards(app, tmp_path / "people.vcf")
    text = path.read_bytes().decode("utf-8")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))  # folded, CRLF
    cards = {card.fn.value: card for card in vobject.readComponents(text)}
    assert len(cards) == 7  # five interviewers, Priya and Zoë; Abeni is both, once
    assert cards["Zoë Ng"].title.value == HOSTILE
    assert cards["Zoë Ng"].tel.value == "+1 (614) 555-0100"
    assert "a; b, c\\d\nnew line" in cards["Zoë Ng"].note.value
    assert cards["Marcus Bellweather"].email.value == "marcus.bellweather@larkspurvalley.example"
    assert set(cards["Abeni Clarke"].categories.value) == {"interviewer", "contact"}


def test_vcards_need_someone_to_export(tmp_path):
    with InterviewLog(tmp_path / "log.sqlite") as log:
        app = log.add_application(company="Acme", role="Analyst")
        with pytest.raises(FieldError.__mro__[1], match="no interviewers or contacts"):
            log.export_vcards(app, tmp_path / "none.vcf")


def test_scan_history_keeps_each_new_comparison(demo):
    app, _ = ids(demo)
    history = ScanHistory(demo.scans(app)).table()
    assert list(history["resume"]) == ["first draft", "tailored for Larkspur"]
    assert history["change"][1] > 0 and "prior authorization" in history["now proven"][1]
    same = {"resume": "cv", "posting": "ad", "score": 0.4, "missing": ["HIPAA"]}
    assert demo.record_scan(app, **same) is not None
    assert demo.record_scan(app, **same) is None, "pressing Compare again adds nothing"
    assert demo.record_scan(app, **same | {"resume": "cv v2", "missing": []}) is not None
    table = ScanHistory(demo.scans(app)).table()
    assert table["now proven"].iloc[-1] == "HIPAA"
    assert table["change"].iloc[-2] != table["change"].iloc[-2]  # another posting: no change
    for bad in (1.5, "0.5", True):
        with pytest.raises(FieldError, match="score"):
            demo.record_scan(app, **same | {"score": bad})
    assert len(ScanHistory(demo.scans(app)).plot().lines) == 1


def test_one_offer_per_application_and_one_current_job(demo):
    app, _ = ids(demo)
    assert demo.package(app)["base"] == 84_000 and demo.package(None)["base"] == 71_500
    demo.save_package(app, label="Revised offer", base=87_000)
    assert demo.package(app)["label"] == "Revised offer"
    for bad in ({"base": 0}, {"base": "80000"}, {"base": 1, "leave_days": -1}):
        with pytest.raises(FieldError):
            demo.save_package(app, **{"label": "x"} | bad)
    assert demo.package(app)["label"] == "Revised offer"


# ---- the plan ---------------------------------------------------------------------------------


def test_research_reaches_the_briefs_and_gaps_become_questions(demo, resume):
    plan = plan_for(demo, resume)
    assert plan.research_gaps == ["Competitors"]
    asking = [b for b in plan.briefs if any(q.why for q in b.questions)]
    assert [b.kind for b in asking] == ["manager"]
    assert all(len(b.points) == 2 for b in plan.briefs)
    ines = next(b for b in plan.briefs if b.name == "Ines Carvalho")
    assert any("self-scheduling" in p.note for p in ines.points)
    abeni = next(b for b in plan.briefs if b.name == "Abeni Clarke")
    assert abeni.contact is not None and "job aids" in abeni.contact.told_me


def test_concerns_come_from_references_and_missing_terms(demo, resume):
    plan = plan_for(demo, resume)
    budget, errors = plan.concerns[:2]
    assert budget.topic == "Budget responsibility" and budget.raised_by == ("Marcus Bellweather",)
    assert budget.story is None and "prepare one" in budget.answer
    assert errors.story.title == "Registration errors down from 6.2% to 2.1%"
    assert all(c.source == "your resume does not show it" for c in plan.concerns[2:])


def test_pitches_fit_their_word_budgets(demo, resume):
    pitches = plan_for(demo, resume).pitches
    assert [p.seconds for p in pitches] == [30, 60, 120]
    for pitch in pitches:
        assert pitch.words == word_count(pitch.text) <= pitch.seconds * WORDS_PER_MINUTE / 60
        assert pitch.text.startswith("I'm Dana Whitlock, a patient access leader")
    assert pitches[0].words < pitches[1].words < pitches[2].words
    heard = {
        "Registration errors down from 6.2% to 2.1%",
        "No-shows down at three specialty clinics",
    }
    assert not heard & {s for p in pitches for s in p.stories}, "Marcus heard these"
    assert resume_headline("No summary here.\nJust lines.") == ""


def test_tasks_letters_and_reminders(demo, resume):
    plan = plan_for(demo, resume)
    talk = plan.tasks[0]
    assert talk.kind == "presentation" and len(talk.audience) == 4
    assert talk.timing() == "The outline takes 9 of 10 minutes."
    over = RoundTask(1, "presentation", "x", 5, outline=(Section("a", 4), Section("b", 2)))
    assert over.timing().startswith("The outline runs 1 min over")
    reply, follow_up = plan.letters
    assert reply.to == "Renata Osei" and "agenda" not in reply.body  # the log has it
    assert "presentation (“Your first 90 days" in reply.body
    assert "No Surprises Act" in follow_up.body
    reminders = {summary: (day, text) for day, summary, text in plan.reminders()}
    assert any(s.startswith("Before the interview: Rehearse the presentation") for s in reminders)
    # the follow-up is reminded with its text, a week after the round, in place of its item
    day, text = reminders["Send: Follow-up with news (to Renata Osei)"]
    assert day == dt.date(2026, 12, 9) and "No Surprises Act" in text
    assert not any("Send a follow-up" in s for s in reminders)
    # the reply's checklist item is ticked in the sample: no reminder; unticked, one today
    assert not any(s.startswith("Send: Reply") for s in reminders)
    reply_item = next(e for e in plan.checklist if e.text.startswith("Reply to the invitation"))
    unticked = [dataclasses.replace(e, done=False) if e is reply_item else e
                for e in plan.checklist]  # fmt: skip
    plan.checklist = unticked
    reminders = {summary: (day, text) for day, summary, text in plan.reminders()}
    day, text = reminders["Send: Reply to the invitation (to Renata Osei)"]
    assert day == DEMO_TODAY and "Thank you for inviting me back" in text
    calendar = plan.to_ics().decode()
    assert "SUMMARY:Send: Reply to the invitation (to Renata Osei)" in calendar


def test_offer_shows_once_received(demo, resume):
    assert plan_for(demo, resume).offer is None  # it arrives after the sample's today
    later = plan_for(demo, resume, today=dt.date(2026, 12, 10), ask=ASK)
    assert later.offer.current.label == "Cedar Hollow (now)"
    assert "What to negotiate next" in later.to_markdown()


def test_hostile_company_text_is_escaped_everywhere(demo, resume):
    app, second = ids(demo)
    demo.add_research_note(app, topic="competitors", note=HOSTILE, source=HOSTILE)
    demo.add_news(app, text=HOSTILE)
    demo.add_round_task(second, kind="case study", topic=HOSTILE, materials=HOSTILE)
    plan = plan_for(demo, resume)
    assert plan.research_gaps == []
    assert HOSTILE.replace("{candidate}", "") in plan.letters[1].body  # never read as a template
    page = plan.to_html()
    assert "<script>" not in page and "&lt;script&gt;" in page
    outside_fences = plan.to_markdown().split("```")[::2]  # letters are shown as written
    assert not any("<script>" in part for part in outside_fences)


def test_the_samples_kept_comparisons_are_what_compare_gives_now(demo):
    """The sample's scan history ends with the resume it sent: pressing Compare on the sample
    unchanged must find the same score and missing terms, and keep nothing new. (When the
    matcher changes, put its new score and missing list in data/sample/interview_log.toml's
    [[scans]]: ``compare(posting, resume, company_postings=...)`` on the sample's files.)"""
    app, _ = ids(demo)
    rows = demo.company_postings(app)
    company = dict(zip(rows["name"], rows["text"], strict=True))
    for scan in demo.scans(app).to_dict("records"):
        name = {"first draft": "resume_first_draft.md", "tailored for Larkspur": "resume.md"}
        resume = load_text(sample_path(name[scan["resume_label"]]))
        report = compare(demo.posting_text(app), resume, company_postings=company)
        assert (round(report.score, 4), report.missing) == (scan["score"], scan["missing"])
