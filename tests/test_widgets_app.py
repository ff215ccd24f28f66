"""The four jobs following the chosen application, and the app that holds them, driven in Python
as a new user would, from an empty data folder. The sample must never show in the user's work."""

import base64
import datetime as dt
import re

import pytest

from prep_lib.salary import research_path
from prep_lib.widgets.app import (
    App,
    ask_for,
    build_app,
    follow,
    log_panel_for,
    match_panel_for,
    plan_panel_for,
    salary_panel_for,
)
from prep_lib.widgets.applications import SAMPLE, build_chooser

SAMPLE_WORDS = ("Dana", "Whitlock", "Larkspur", "Bellweather", "PayCompass", "WageView",
                "Cedar Hollow", "76,000", "94,000")  # fmt: skip
POSTING = (
    "Front Desk Lead, Harbor Clinic. Pay: $52,000 – $61,000 a year. Lead a team of eight "
    "registration staff. Epic Cadence scheduling, insurance verification, check-in wait times."
)
RESUME = (
    "Jordan Reyes. Front Desk Supervisor. Supervised six registration staff. Cut check-in wait "
    "from 14 to 6 minutes. Epic Cadence and Prelude; insurance verification."
)
EDIT = "P.S. I attach the kiosk pilot's numbers."


@pytest.fixture
def chooser():
    chooser = build_chooser()
    form = chooser.start
    values = {
        "company": "Harbor Clinic", "role": "Front Desk Lead", "candidate": "Jordan Reyes",
        "posting": POSTING, "resume": RESUME, "pay": "$52,000 – $61,000 a year",
        "round_date": dt.date.today() + dt.timedelta(days=5), "people": "Ana Ruiz, Clinic Manger",
    }  # fmt: skip
    for name, value in values.items():
        form.fields[name].value = value
    form.button.click()
    assert not chooser.chosen.sample
    return chooser


def outputs_text(*outputs) -> str:
    return "\n".join(
        str(item.get("data", item.get("text", ""))) for o in outputs for item in o.outputs
    )


def assert_no_sample(text: str) -> None:
    assert not [w for w in SAMPLE_WORDS if w in text], text[:2000]


def test_the_app_opens_on_the_sample_and_builds_a_tab_when_it_opens():
    app = build_app()
    assert isinstance(app, App) and app.chooser.chosen.sample
    assert app.jobs["match"].current is not None  # the first tab, open
    assert app.jobs["plan"].current is None  # built when its tab opens
    app.tabs.selected_index = 3
    assert "Second round" in app.jobs["plan"].current.plan.title


def test_switching_rebuilds_the_open_tab_for_the_chosen_application(chooser):
    match = follow(chooser, match_panel_for)
    assert match.current.resume.value == RESUME
    assert match.current.company_postings() == {}  # never the sample company's postings
    chooser.switcher.value = SAMPLE
    assert "Dana Whitlock" in match.current.resume.value
    assert len(match.current.company_postings()) == 4


def test_a_resume_changed_and_compared_is_kept_in_ones_own_application(chooser):
    match = follow(chooser, match_panel_for).current
    match.resume.value = RESUME + " Trained nine new hires on HIPAA."
    match.compare.click()
    assert "Kept the resume" in match.save_message.value
    assert chooser.chosen.record()["resume_text"].endswith("HIPAA.")


def test_the_company_typed_when_starting_is_never_a_term_to_prepare(chooser):
    """The posting names its employer only in passing ("Front Desk Lead, Harbor Clinic"): the
    company the user typed is what keeps it out of the missing terms, in the panel and the plan."""
    from prep_lib.matching import compare

    assert "Harbor Clinic" in compare(POSTING, RESUME).missing  # what the matcher sees alone
    match = follow(chooser, match_panel_for).current
    assert match.report is not None and match.employer == "Harbor Clinic"
    assert "Harbor" not in " ".join(match.report.terms["term"]) + match.missing.value
    match.compare.click()  # pressed again, after an edit or not
    assert "Harbor" not in " ".join(match.report.terms["term"])
    plan = follow(chooser, plan_panel_for).current.plan
    assert plan.missing_terms and not [t for t in plan.missing_terms if "Harbor" in t]


def test_ones_own_salary_research_starts_empty_without_the_sample(chooser):
    salary = follow(chooser, salary_panel_for).current
    assert not salary.using_sample
    assert "No ask yet" in salary.ask.value and salary.chart.outputs == ()
    assert "$52,000 to $61,000 a year" in salary.status.value  # the posting's own range
    assert not any(box.value for box in salary.strengths.values())  # nothing ticked for you
    shown = salary.status.value + salary.ask.value + outputs_text(salary.table)
    assert_no_sample(shown)
    for source, pay in (("Wage survey", "$48,000-$63,000"), ("Recruiter", "$27 an hour")):
        salary.source.value, salary.pay.value = source, pay
        salary.add.click()
        assert f"Added {source}" in salary.add_message.value
    assert "Only 2 sources match" in salary.ask.value  # an ask on two sources is warned about
    salary.source.value, salary.pay.value = "Site", "$55K-$62K"  # no period: a year, not hourly
    salary.add.click()
    assert "Only" not in salary.ask.value and re.search(r"Ask for \$5\d,", salary.ask.value)
    assert_no_sample(salary.ask.value + outputs_text(salary.table))
    salary.strengths["certifications"].value = True
    salary.years.value = 8
    choices = chooser.chosen.log.salary_choices(chooser.chosen.application_id)
    assert choices["years"] == 8 and choices["strengths"] == ["certifications"]
    assert ask_for(chooser.chosen).headline == salary.current_ask.headline  # 02 and 04 agree


def test_a_figure_is_corrected_and_deleted_with_undo(chooser):
    salary = follow(chooser, salary_panel_for).current
    salary.source.value, salary.pay.value = "Recruiter", "$90K"
    salary.add.click()
    salary.figures.picker.value = 0  # the first figure of the file
    assert salary.source.value == "Recruiter" and salary.add.description == "Save changes"
    salary.pay.value = "$60K"
    salary.add.click()
    assert "Saved the corrected figure" in salary.add_message.value
    assert (
        research_path().read_text().count("Recruiter") == 1
        and "60000" in research_path().read_text()
    )
    salary.figures.picker.value = 0
    salary.figures.delete.ask()
    assert "Deletes the figure Recruiter: 60000" in salary.figures.delete.question.value
    salary.figures.delete.confirm()
    assert "Recruiter" not in research_path().read_text() and "No ask yet" in salary.ask.value
    salary.figures.delete.undo()
    assert "Recruiter" in research_path().read_text() and "Ask for $" in salary.ask.value


def test_the_sample_research_is_shown_only():
    chooser = build_chooser()
    salary = follow(chooser, salary_panel_for).current
    assert salary.using_sample and "Ask for $87,500" in salary.ask.value
    salary.source.value, salary.pay.value = "Mine", "$90K"
    salary.add.click()
    assert "shown only" in salary.add_message.value and not research_path().exists()


def test_the_log_follows_with_edits_deletes_and_a_repeat_refused(chooser):
    panel = follow(chooser, log_panel_for).current
    person = panel.forms["interviewer"]
    person.entry.value = next(v for label, v in person.entry.options if label == "Ana Ruiz")
    assert person.fields["title"].value == "Clinic Manger"
    person.fields["title"].value = "Clinic Manager"
    person.button.click()
    assert "Saved the changes" in person.message.value
    people = panel.log.interviewers(panel.application_id)
    assert people["title"].tolist() == ["Clinic Manager"]
    story = panel.forms["story"]
    for name, value in {"title": "Kiosk pilot", "situation": "S", "task": "T", "action": "A",
                        "result": "R"}.items():  # fmt: skip
        story.fields[name].value = value
    story.button.click()
    told = panel.forms["story_use"]
    told.fields["story"].value = told.fields["story"].options[0][1]
    told.fields["interviewer"].value = told.fields["interviewer"].options[0][1]
    told.fields["round"].value = told.fields["round"].options[0][1]
    told.button.click()
    assert "Logged: Ana Ruiz heard" in told.message.value
    told.fields["story"].value = told.fields["story"].options[0][1]  # the same again
    told.fields["interviewer"].value = told.fields["interviewer"].options[0][1]
    told.fields["round"].value = told.fields["round"].options[0][1]
    told.button.click()
    assert "logged once" in told.errors["story"].value
    person.entry.value = next(v for label, v in person.entry.options if label == "Ana Ruiz")
    person.delete.ask()
    question = person.delete.question.value
    assert "Deletes the interviewer Ana Ruiz, and with it 1 story told." in question
    assert "“Kiosk pilot” told to Ana Ruiz (first round)" in question
    person.delete.cancel()
    assert len(panel.log.story_uses(panel.application_id)) == 1


def test_the_plan_keeps_an_edited_thank_you_note_and_saves_versions(chooser, isolated_home):
    plan = follow(chooser, plan_panel_for).current
    assert plan.application.layout.display == "none"  # the switcher chooses the application
    editor = plan.thank_you_editors[0]
    assert editor.body.value.startswith("Subject: ") and "Jordan Reyes" in editor.body.value
    editor.body.value = editor.body.value + "\n\n" + EDIT
    assert "Your edits are kept" in editor.message.value
    notes = plan.log.thank_yous(plan.application.value)
    assert notes["note"].iloc[0].endswith(EDIT)  # kept in the log, for the next session
    plan.export("markdown")
    saved = isolated_home / "plans" / "harbor-clinic-first-round-plan.md"
    assert EDIT in saved.read_text()
    link = re.search(r'href="data:text/markdown;base64,([^"]+)"', plan.export_message.value)
    assert base64.b64decode(link[1]).decode() == saved.read_text()  # the link opens that file
    plan.export("markdown")  # the same plan again: nothing new
    assert sorted(p.name for p in saved.parent.iterdir()) == [saved.name]
    editor.body.value = editor.body.value.replace("P.S.", "PS:")
    plan.export("markdown")
    assert sorted(p.name for p in saved.parent.iterdir()) == [
        "harbor-clinic-first-round-plan (2).md",
        saved.name,
    ]
    assert EDIT in saved.read_text()  # the first version was not overwritten
    assert_no_sample(
        saved.read_text() + (saved.parent / "harbor-clinic-first-round-plan (2).md").read_text()
    )
    # reopening the plan (another notebook, another day) shows the edited text
    again = follow(chooser, plan_panel_for).current
    assert again.thank_you_editors[0].body.value.endswith("PS: I attach the kiosk pilot's numbers.")


def test_the_plans_checklist_adds_corrects_and_deletes_ones_own_items(chooser):
    plan = follow(chooser, plan_panel_for).current
    form = plan.checklist_form
    form.fields["item"].value = "Bring the kiosk pilot's numbers"
    form.button.click()
    assert any(box.description == "Bring the kiosk pilot's numbers" for box in plan.checkboxes)
    form.entry.value = form.entry.options[-1][1]
    form.fields["item"].value = "Bring the kiosk numbers"
    form.button.click()
    assert any(box.description == "Bring the kiosk numbers" for box in plan.checkboxes)
    form.entry.value = form.entry.options[-1][1]
    form.delete.ask()
    form.delete.confirm()
    assert not any("kiosk" in box.description for box in plan.checkboxes)


def test_a_posting_range_in_another_currency_and_period_is_shown_as_it_is(chooser):
    details = chooser.details
    details.fields["pay"].value = "£18.15 per hour"
    details.button.click()
    salary = follow(chooser, salary_panel_for).current
    assert "The posting states £37,752 a year" in salary.status.value  # 18.15 × 2080, one figure
    assert salary.posting_range == (37_752, 37_752)
