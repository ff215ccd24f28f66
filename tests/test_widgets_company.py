"""The company panel (in the interview log's panel), the scan history (under the compare panel)
and the offer panel (under the salary research), driven in Python as a person would, with bad
input; and, in the app, every one of them following the chosen application, the sample never
showing in the user's own."""

import datetime as dt

import pytest
import vobject

from prep_lib.log import DEMO_TODAY, open_demo_log
from prep_lib.matching import compare
from prep_lib.salary.ask import Ask
from prep_lib.widgets.app import build_app, follow, match_panel_for, offer_panel_for
from prep_lib.widgets.applications import SAMPLE, build_chooser
from prep_lib.widgets.log import build_log_panel
from prep_lib.widgets.offer import build_offer_panel
from prep_lib.widgets.scans import build_scan_history
from tests.test_widgets_app import POSTING, RESUME, assert_no_sample

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ASK = Ask(85_000, 87_500, 90_000, "reasons")


@pytest.fixture
def log(tmp_path):
    with open_demo_log(tmp_path / "demo.sqlite") as opened:
        yield opened


@pytest.fixture
def app(log):
    return log.find_application("Larkspur Valley Health")


@pytest.fixture
def company(log, app):
    return build_log_panel(log, app, today=DEMO_TODAY).company


def shown(offer):
    """What the offer panel shows in words: the summary and table, and the advice."""
    return offer.summary.value + offer.advice.value


def pick(dropdown, label):
    dropdown.value = next(value for text, value in dropdown.options if text.startswith(label))


@pytest.fixture
def own():
    """A new user's own application, started from the form in an empty data folder."""
    chooser = build_chooser()
    values = {"company": "Harbor Clinic", "role": "Front Desk Lead", "candidate": "Jordan Reyes",
              "posting": POSTING, "resume": RESUME, "round_date": dt.date.today(),
              "people": "Ana Ruiz, Clinic Manager"}  # fmt: skip
    for name, value in values.items():
        chooser.start.fields[name].value = value
    chooser.start.button.click()
    assert not chooser.chosen.sample
    return chooser


# ---- the company panel ---------------------------------------------------------------------


def test_a_research_note_is_added_corrected_and_deleted_with_undo(company, log, app):
    form = company.forms["research_note"]
    form.fields["topic"].value = "competitors"
    form.fields["note"].value = HOSTILE
    form.fields["source"].value = "the county's hospital report"
    form.fields["noted_on"].value = dt.date(2026, 11, 20)
    form.button.click()
    assert "Added a note on competitors" in form.message.value
    assert "Nothing yet on" not in company.overview.value  # every topic has a note now
    assert HOSTILE not in company.overview.value and "&lt;script&gt;" in company.overview.value
    pick(form.entry, "Competitors")
    assert form.fields["note"].value == HOSTILE and form.button.description == "Save changes"
    form.fields["note"].value = "Two systems compete for the east side."
    form.button.click()
    assert log.research_notes(app).set_index("topic").loc["competitors", "note"].startswith("Two")
    form.delete.ask()
    assert "Deletes the research note “Two systems" in form.delete.question.value
    form.delete.confirm()
    assert "competitors" not in set(log.research_notes(app)["topic"])
    assert "Nothing yet on competitors" in company.overview.value
    form.delete.undo()
    assert "competitors" in set(log.research_notes(app)["topic"])


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"topic": None, "note": "x"}, "topic", "must be one of"),
        ({"topic": "news", "note": "   "}, "note", "empty"),
        ({"topic": "news", "note": "x\ud800y"}, "note", "broken character"),
    ],
)
def test_a_bad_research_note_is_pointed_at_and_nothing_is_saved(company, log, app, values,
                                                                 field, message):  # fmt: skip
    form = company.forms["research_note"]
    before = len(log.research_notes(app))
    for name, value in values.items():
        form.fields[name].value = value
    form.button.click()
    assert message in form.errors[field].value
    assert len(log.research_notes(app)) == before
    assert form.fields["note"].value == values["note"], "what was typed stays"


def test_a_huge_research_note_is_kept_whole(company, log, app):
    form = company.forms["research_note"]
    form.fields["topic"].value = "news"
    form.fields["note"].value = "Opened a clinic. " * 60_000  # about 1 MB
    form.button.click()
    assert "prep-ok" in form.message.value
    assert max(map(len, log.research_notes(app)["note"])) == len("Opened a clinic. " * 60_000) - 1


def test_a_contact_is_linked_to_the_interviewer_of_that_name(company, log, app):
    form = company.forms["contact"]
    form.fields["name"].value = "  ines   CARVALHO "
    form.fields["told_me"].value = "She reads every word of the agenda."
    form.button.click()
    assert "Added ines CARVALHO" in form.message.value
    assert "also one of your interviewers" in company.overview.value
    assert any("(also an interviewer)" in label for label, _ in form.entry.options)
    form.fields["name"].value = "Priya Raman"  # already a contact
    form.button.click()
    assert "already among your contacts" in form.errors["name"].value
    pick(form.entry, "Priya Raman")
    form.fields["name"].value = "Abeni Clarke"  # renamed onto another contact
    form.button.click()
    assert "already called" in form.errors["name"].value
    assert "Priya Raman" in set(log.contacts(app)["name"])


def test_deleting_an_interviewer_who_is_a_contact_keeps_the_contact(company, log, app):
    panel = build_log_panel(log, app, today=DEMO_TODAY)
    person = panel.forms["interviewer"]
    pick(person.entry, "Abeni Clarke")
    person.delete.ask()
    assert "contact" not in person.delete.question.value
    person.delete.confirm()
    assert "Abeni Clarke" in set(log.contacts(app)["name"])
    overview = panel.company.overview.value
    assert "<b>Abeni Clarke</b>" in overview
    assert "Abeni Clarke</b> (Lead Patient Access Representative, met at an Ohio Healthcare " \
           "Access Association workshop in 2025): told you" in overview  # fmt: skip


def test_a_presentation_with_its_outline_reaches_the_plan_and_a_bad_outline_is_refused(
    company, log, app
):
    form = company.forms["round_task"]
    pick(form.fields["round"], "second")
    form.fields["kind"].value = "presentation"
    form.fields["topic"].value = "Front-desk staffing for evenings"
    form.fields["minutes"].value = "ten"
    form.button.click()
    assert "number of minutes" in form.errors["minutes"].value
    form.fields["minutes"].value = "5"
    form.fields["outline"].value = "Where we stand\nWhat I would do | 3"
    form.button.click()
    assert "Line 1 of the outline has no minutes" in form.errors["outline"].value
    form.fields["outline"].value = "Where we stand | 2\nWhat I would do | 3"
    form.button.click()
    assert "Added the presentation" in form.message.value
    tasks = log.round_tasks(app)
    assert tasks["outline"].iloc[-1] == [["Where we stand", 2.0], ["What I would do", 3.0]]
    pick(form.entry, "presentation: Front-desk")
    assert form.fields["outline"].value == "Where we stand | 2\nWhat I would do | 3"
    assert form.fields["minutes"].value == "5" and form.fields["round"].disabled
    form.fields["topic"].value = HOSTILE
    form.button.click()
    assert log.round_tasks(app)["topic"].iloc[-1] == HOSTILE
    assert "&lt;script&gt;" in company.overview.value and HOSTILE not in company.overview.value


def test_a_presentation_needs_a_round_and_its_round_takes_it_when_deleted(company, log, app):
    form = company.forms["round_task"]
    form.fields["round"].value = None
    form.fields["topic"].value = "A case"
    form.fields["kind"].value = "case study"
    form.button.click()
    assert "Choose the round" in form.errors["round"].value
    panel = build_log_panel(log, app, today=DEMO_TODAY)
    rounds = panel.forms["round"]
    pick(rounds.entry, "second")
    rounds.delete.ask()
    assert "2 presentations, cases and tests" in rounds.delete.question.value
    rounds.delete.confirm()
    assert panel.company.forms["round_task"].entry.options == (
        ("New presentation, case or test", -1),
    )
    rounds.delete.undo()
    assert len(panel.company.forms["round_task"].entry.options) == 3


def test_news_is_added_and_corrected(company, log, app):
    form = company.forms["news"]
    form.button.click()
    assert "empty" in form.errors["text"].value
    form.fields["text"].value = "I passed the CRCR renewal"
    form.button.click()
    assert "follow-up letter" in form.message.value
    pick(form.entry, "I passed the CRCR")
    form.fields["text"].value = "I passed the CRCR renewal in November"
    form.button.click()
    assert log.news(app)["text"].iloc[-1] == "I passed the CRCR renewal in November"


def test_the_people_are_saved_as_a_vcard_with_a_link_and_never_overwritten(company, log, app):
    company.vcard_button.click()
    assert (
        "prep-saved" in company.vcard_message.value and "download=" in company.vcard_message.value
    )
    assert "larkspur-valley-health-people.vcf" in company.vcard_message.value
    form = company.forms["contact"]
    form.fields["name"].value = HOSTILE
    form.button.click()
    company.vcard_button.click()
    assert "larkspur-valley-health-people (2).vcf" in company.vcard_message.value
    assert HOSTILE not in company.vcard_message.value
    saved = log.export_vcards(app)  # the same people again: the file saved last
    names = {card.fn.value for card in vobject.readComponents(saved.read_text(encoding="utf-8"))}
    assert HOSTILE in names and "Priya Raman" in names


def test_a_new_application_has_nobody_to_save_yet(own):
    chosen = own.chosen
    panel = build_log_panel(chosen.log, chosen.application_id)
    person = int(chosen.log.interviewers(chosen.application_id)["id"][0])
    chosen.log.delete("interviewer", person)
    panel.refresh()
    panel.company.vcard_button.click()
    assert "no interviewers or contacts" in panel.company.vcard_message.value
    assert_no_sample(panel.company.overview.value)
    assert "nothing yet" in panel.company.overview.value


# ---- the scan history ----------------------------------------------------------------------


def test_each_compare_of_a_changed_resume_is_kept_and_a_failed_one_is_not(own):
    match = follow(own, match_panel_for).current
    history = match.history
    assert "No comparison kept yet" in history.table.value
    match.compare.click()
    assert "Kept this comparison as “version 1”" in history.message.value
    match.compare.click()  # the same texts and result: nothing new
    assert "same as the last" in history.message.value
    match.resume.value += "\nLed the HIPAA privacy training for all front-desk staff."
    history.label.value = HOSTILE
    match.compare.click()
    scans = own.chosen.log.scans(own.chosen.application_id)
    assert list(scans["resume_label"]) == ["version 1", HOSTILE]
    assert HOSTILE not in history.table.value and "&lt;script&gt;" in history.table.value
    assert history.table.value.count("class='prep-bar'") == 4  # score and missing, per row
    match.resume.value = "   "  # the Compare fails: the old result stays, nothing is kept
    match.compare.click()
    assert len(own.chosen.log.scans(own.chosen.application_id)) == 2
    pick(history.entry, scans["scanned_at"].iloc[-1][:16])
    history.delete.ask()
    assert "Deletes the comparison of" in history.delete.question.value
    history.delete.confirm()
    assert len(own.chosen.log.scans(own.chosen.application_id)) == 1
    history.delete.undo()
    assert len(own.chosen.log.scans(own.chosen.application_id)) == 2
    assert_no_sample(history.table.value)


def test_the_samples_history_shows_its_two_versions_and_a_new_one(log, app):
    history = build_scan_history(log, app)
    assert history.table.value.count("<tr>") == 3  # the head and two versions
    assert "first draft" in history.table.value and "tailored for Larkspur" in history.table.value
    report = compare("Prior authorization and HIPAA.", "HIPAA training.")
    history.keep(report, resume="HIPAA training.", posting="Prior authorization and HIPAA.")
    assert "version 3" in history.table.value
    history.keep(report, resume="HIPAA training.", posting="x")  # the same result again
    assert len(log.scans(app)) == 3


# ---- the offer panel -----------------------------------------------------------------------


def test_the_offer_and_the_current_job_are_deleted_after_asking_and_come_back(log, app):
    panel = build_offer_panel(log, app, ask=ASK)
    assert panel.delete_offer.widget.layout.display == "flex"
    panel.delete_offer.ask()
    assert "Deletes the offer “Larkspur Valley Health offer”" in panel.delete_offer.question.value
    panel.delete_offer.confirm()
    assert log.package(app) is None and panel.offer_fields["base"].value == ""
    assert "press Compare" in shown(panel)
    panel.delete_offer.undo()
    assert log.package(app)["base"] == 84_000 and panel.offer_fields["base"].value == "$84,000"
    panel.delete_current.ask()
    panel.delete_current.confirm()
    assert log.package(None) is None and log.package(app) is not None


@pytest.mark.parametrize(
    ("currency", "message"),
    [("dollars", "three-letter code"), (HOSTILE, "three-letter code"), ("€", "three-letter")],
)
def test_a_currency_that_is_no_code_is_refused(log, app, currency, message):
    panel = build_offer_panel(log, app, ask=ASK)
    before = log.package(app)
    panel.offer_fields["currency"].value = currency
    panel.compare()
    assert message in panel.message.value and "<script>" not in panel.message.value
    assert log.package(app) == before


def test_the_ask_is_read_at_each_compare_and_left_out_in_another_currency(log, app):
    asks = [None]
    panel = build_offer_panel(log, app, ask=lambda: asks[-1], today=DEMO_TODAY)
    assert "your ask" not in shown(panel)
    asks.append(ASK)
    panel.compare()
    assert "below your ask of $87,500" in shown(panel)
    panel.offer_fields["currency"].value = "eur"
    panel.compare()  # the amounts are still written in dollars
    assert "in USD, the package in EUR" in panel.message.value
    assert log.package(app)["currency"] == "USD"
    for fields in (panel.offer_fields, panel.current_fields):
        for name in ("base", "bonus", "retirement", "other"):
            fields[name].value = fields[name].value.replace("$", "€")
        fields["currency"].value = "EUR"
    panel.compare()
    assert log.package(app)["currency"] == "EUR" and "your ask" not in shown(panel)
    assert log.package(app)["received_on"] == "2026-12-09", "the date it came stays"


def test_a_new_applications_offer_starts_empty_and_is_saved_on_compare(own):
    panel = follow(own, offer_panel_for).current
    assert all(box.value == "" for box in panel.offer_fields.values())
    assert panel.offer_fields["currency"].placeholder == "USD"
    assert panel.delete_offer.widget.layout.display == "none"
    panel.offer_fields["base"].value = "$58,000"
    panel.offer_fields["leave_days"].value = "20"
    panel.compare()
    chosen = own.chosen
    assert chosen.log.package(chosen.application_id)["base"] == 58_000
    assert chosen.log.package(chosen.application_id)["received_on"] == dt.date.today().isoformat()
    assert chosen.log.package(None) is None  # no current job typed: none saved
    assert_no_sample(shown(panel))
    own.switcher.value = SAMPLE
    sample = follow(own, offer_panel_for).current
    assert sample.offer_fields["base"].value == "$84,000"


# ---- the app -------------------------------------------------------------------------------


def test_the_apps_tabs_hold_the_new_panels_for_the_chosen_application(own):
    app = build_app()
    app.chooser.switcher.value = own.chosen.application_id
    match = app.jobs["match"].current
    assert match.history is not None and match.history.widget in match.widget.children
    app.tabs.selected_index = 1
    offer = app.jobs["offer"].current
    assert (
        offer is not None and offer.widget in app.tabs.children[1].children[1].children[1].children
    )
    app.tabs.selected_index = 2
    log_panel = app.jobs["log"].current
    assert log_panel.company.widget in log_panel.widget.children
    app.tabs.selected_index = 3
    plan = app.jobs["plan"].current
    assert plan.plan.pitches[0].text.startswith("I'm Jordan Reyes")
    for text in (log_panel.company.overview.value, shown(offer),
                 match.history.table.value):  # fmt: skip
        assert_no_sample(text)
    app.chooser.switcher.value = SAMPLE
    app.tabs.selected_index = 2
    assert "Priya Raman" in app.jobs["log"].current.company.overview.value
