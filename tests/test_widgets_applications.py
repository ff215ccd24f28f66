"""Choosing and starting an application, driven in Python as a person would: type, upload, click.

Every test starts from an empty data folder (conftest), as a new user does.
"""

import datetime as dt
import io
import json

import docx
import pytest

from prep_lib.log import MAX_DOCUMENT_CHARS, InterviewLog
from prep_lib.paths import user_path
from prep_lib.widgets.applications import (
    CHOICE_FILE,
    SAMPLE,
    SAMPLE_LABEL,
    build_chooser,
    pay_fields,
    people_lines,
)

HOSTILE = '<img src=x onerror=alert(1)><script>alert("x")</script>'
POSTING = """Front Desk Lead
Harbor Clinic · Portland, OR
Pay: $52,000 – $61,000 a year
Lead a team of eight registration staff; Epic Cadence scheduling; insurance verification.
"""


def resume_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Jordan Reyes", style="Title")
    document.add_paragraph("Front Desk Supervisor, Riverside Family Medicine (2021–2026)")
    document.add_paragraph("Cut check-in wait from 14 to 6 minutes; Epic Cadence, Prelude.")
    data = io.BytesIO()
    document.save(data)
    return data.getvalue()


@pytest.fixture
def chooser():
    return build_chooser()


def fill_start(chooser, upload_value, **typed):
    """Fill the start form with a posting and resume uploaded, and ``typed`` values."""
    form = chooser.start
    form.fields["company"].value = "Harbor Clinic"
    form.fields["role"].value = "Front Desk Lead"
    form.posting_upload.value = upload_value(("harbor.txt", POSTING.encode()))
    form.resume_upload.value = upload_value(("Jordan Reyes resume.docx", resume_docx()))
    for name, value in typed.items():
        form.fields[name].value = value
    return form


def error_at(form, name) -> str:
    return form.errors[name].value


def test_a_new_user_sees_the_sample_clearly_labelled_and_how_to_start(chooser):
    assert chooser.switcher.options == ((SAMPLE_LABEL, SAMPLE),)
    assert chooser.chosen.sample and chooser.chosen.log.path.name == "demo_interview_log.sqlite"
    assert "fictional sample candidate" in chooser.hint.value
    assert "Start an application" in chooser.hint.value
    assert chooser.sections.selected_index == 0  # the start form is open
    assert chooser.details.widget.layout.display == "none"  # nothing of one's own to edit yet


def test_starting_an_application_uploads_and_chooses_it(chooser, upload_value):
    heard = []
    chooser.on_change(heard.append)
    form = fill_start(
        chooser,
        upload_value,
        candidate="Jordan Reyes",
        pay="$52,000 – $61,000 a year",
        applied_on=dt.date(2026, 11, 20),
        round_date=dt.date(2026, 12, 10),
        round_format="video call",
        people="Ana Ruiz, Clinic Manger\nBo Chen – Recruiter\n\n",
    )
    assert "Read Jordan Reyes resume.docx" in error_at(form, "resume")
    assert "Cut check-in wait" in form.fields["resume"].value
    form.button.click()
    assert "Started Front Desk Lead at Harbor Clinic" in chooser.hint.value
    assert chooser.switcher.label == "Front Desk Lead at Harbor Clinic (applied)"
    chosen = chooser.chosen
    assert not chosen.sample and heard[-1] is chosen
    record = chosen.record()
    assert record["resume_name"] == "Jordan Reyes resume.docx"
    assert record["posting_name"] == "harbor.txt" and "Epic Cadence" in record["posting_text"]
    assert chosen.posting_range() == (52_000, 61_000)
    people = chosen.log.interviewers(chosen.application_id)
    assert people[["name", "title", "rounds"]].values.tolist() == [
        ["Ana Ruiz", "Clinic Manger", "first"],
        ["Bo Chen", "Recruiter", "first"],
    ]
    assert form.fields["company"].value == "" and form.resume_name == ""  # ready for another
    # the choice is remembered: another notebook opens on it
    assert json.loads(user_path(CHOICE_FILE).read_text()) == {"chosen": chosen.application_id}
    assert build_chooser().chosen.application_id == chosen.application_id


@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        ({"company": "   "}, "company", "company is empty"),
        ({"role": ""}, "role", "role is empty"),
        ({"pay": "a lot"}, "pay", "No pay figure found"),
        ({"pay": "$25-$30"}, "pay", "what period"),
        ({"pay": "52000-61000"}, "pay", "currency"),
        ({"people": ",Recruiter"}, "people", "name is empty"),
        ({"resume": "x" * (MAX_DOCUMENT_CHARS + 1)}, "resume", "not one document"),
    ],
)
def test_a_refused_start_says_why_beside_the_input_and_writes_nothing(
    chooser, upload_value, typed, field, message
):
    form = fill_start(chooser, upload_value, **typed)
    form.button.click()
    assert message in error_at(form, field)
    assert chooser.user_log.applications().empty and chooser.chosen.sample
    assert form.fields["role"].value == typed.get("role", "Front Desk Lead")  # typing kept


def test_the_same_application_twice_is_refused(chooser, upload_value):
    fill_start(chooser, upload_value).button.click()
    form = fill_start(chooser, upload_value, company="harbor  clinic", role="FRONT desk lead")
    form.button.click()
    assert "already in the log" in error_at(form, "role")
    assert len(chooser.user_log.applications()) == 1


def test_an_unreadable_upload_is_explained_beside_its_button(chooser, upload_value):
    form = chooser.start
    form.resume_upload.value = upload_value(("resume.pdf", b"%PDF-1.4 not really a pdf"))
    assert "prep-error" in error_at(form, "resume") and form.fields["resume"].value == ""
    form.resume_upload.value = upload_value(("resume.exe", b"MZ"))
    assert "prep-error" in error_at(form, "resume")


def test_hostile_text_is_kept_as_typed_and_shown_escaped(chooser, upload_value):
    form = fill_start(chooser, upload_value, company=HOSTILE)
    form.button.click()
    assert HOSTILE not in chooser.hint.value and "&lt;script&gt;" in chooser.hint.value
    assert chooser.chosen.record()["company"] == HOSTILE


def test_details_status_and_company_postings_of_ones_own_application(chooser, upload_value):
    fill_start(chooser, upload_value).button.click()
    chosen = chooser.chosen
    details = chooser.details
    assert details.fields["company"].value == "Harbor Clinic"
    details.fields["role"].value = "Front Desk Lead, Outpatient"
    details.fields["pay"].value = "$25-$30 an hour"
    details.button.click()
    assert "Saved the changes" in details.message.value
    assert details.fields["role"].value == "Front Desk Lead, Outpatient"  # still shown after
    assert chooser.switcher.label.startswith("Front Desk Lead, Outpatient at Harbor Clinic")
    assert chosen.log.application(chosen.application_id)["pay_period"] == "hourly"
    details.fields["company"].value = ""
    details.button.click()
    assert "company is empty" in details.errors["company"].value
    details.fields["company"].value = "Harbor Clinic"
    details.fields["resume"].value = "x" * (MAX_DOCUMENT_CHARS + 1)  # a huge paste
    details.button.click()
    assert "not one document" in details.errors["resume"].value
    assert "Cut check-in wait" in chosen.record()["resume_text"]  # what was saved stays

    statuses = chooser.statuses
    statuses.fields["status"].value = "first round"
    statuses.fields["date"].value = dt.date(2026, 12, 1)
    statuses.button.click()
    assert "(first round)" in chooser.switcher.label
    statuses.entry.value = statuses.entry.options[-1][1]
    statuses.delete.ask()
    assert "Deletes the status “first round”" in statuses.delete.question.value
    statuses.delete.confirm()
    assert chosen.log.statuses(chosen.application_id).empty

    postings = chooser.postings
    postings.fields["name"].value = "Scheduler"
    postings.fields["text"].value = "Schedules visits in Epic Cadence."
    postings.button.click()
    assert chooser.chosen.company_postings() == {"Scheduler": "Schedules visits in Epic Cadence."}


def test_deleting_an_application_asks_says_what_goes_and_can_be_undone(chooser, upload_value):
    fill_start(chooser, upload_value, people="Ana Ruiz, Clinic Manager").button.click()
    app = chooser.chosen.application_id
    control = chooser.delete
    control.ask()
    assert "Deletes the application for Front Desk Lead at Harbor Clinic" in control.question.value
    assert "1 round" in control.question.value and "1 interviewer" in control.question.value
    control.cancel()
    assert len(chooser.user_log.applications()) == 1  # cancelled: nothing went
    control.ask()
    control.confirm()
    assert chooser.user_log.applications().empty and chooser.chosen.sample
    assert "Deleted the application" in control.message.value
    assert chooser.user_log.backups(), "a backup was made first"
    control.undo()
    assert list(chooser.user_log.applications()["id"]) == [app]
    assert len(chooser.user_log.interviewers(app)) == 1


def test_the_sample_cannot_be_edited_from_the_details(chooser):
    assert chooser.chosen.sample
    chooser.details.button.click()
    assert "your own applications" in chooser.details.errors["company"].value
    chooser.delete.ask()
    assert "Choose what to delete first" in chooser.delete.message.value


def test_switching_tells_every_follower(chooser, upload_value):
    fill_start(chooser, upload_value).button.click()
    heard = []
    chooser.on_change(heard.append)
    chooser.switcher.value = SAMPLE
    assert "fictional sample candidate" in chooser.hint.value  # said whenever it is chosen
    assert "Your own applications are in the list above" in chooser.hint.value
    chooser.switcher.value = chooser.switcher.options[0][1]
    assert [c.sample for c in heard] == [False, True, False]
    assert chooser.hint.value == ""


def test_a_damaged_choice_file_falls_back_to_the_sample(upload_value):
    user_path(CHOICE_FILE).write_text("{not json")
    assert build_chooser().chosen.sample
    user_path(CHOICE_FILE).write_text(json.dumps({"chosen": 99}))
    assert build_chooser().chosen.sample


def test_ones_own_log_lives_apart_from_the_sample(chooser, upload_value, isolated_home):
    fill_start(chooser, upload_value).button.click()
    with InterviewLog(isolated_home / "interview_log.sqlite") as own:
        assert list(own.applications()["company"]) == ["Harbor Clinic"]
        assert own.stories().empty  # the sample's story bank is not in it


def test_pay_and_people_as_typed():
    assert pay_fields("") == {"pay_low": None, "pay_high": None, "pay_text": ""}
    assert pay_fields("£30k pa")["pay_currency"] == "GBP"
    assert pay_fields("$52K–$61K")["pay_period"] == "annual"  # yearly when over 1,000
    assert people_lines("Ana Ruiz\nBo Chen; Recruiter\n") == [
        ("Ana Ruiz", ""),
        ("Bo Chen", "Recruiter"),
    ]
