"""The interview log's panel, driven in Python as a person would: pick, type, click."""

import datetime as dt
import re

import pytest

from prep_lib.log import DEMO_TODAY, InterviewLog, open_demo_log
from prep_lib.widgets.log import build_log_panel, style_story_grid

HOSTILE = "<script>alert(1)</script>"


@pytest.fixture
def log(tmp_path):
    with open_demo_log(tmp_path / "demo.sqlite") as opened:
        yield opened


@pytest.fixture
def app(log):
    return log.find_application("Larkspur Valley Health")


@pytest.fixture
def panel(log, app):
    return build_log_panel(log, app, today=DEMO_TODAY)


def pick(dropdown, label):
    """Select the option whose label starts with ``label``, as a person would."""
    dropdown.value = next(value for text, value in dropdown.options if text.startswith(label))


def grid_html(panel):
    return panel.grid_output.outputs[0]["data"]["text/html"]


def told_cells(panel):
    return len(re.findall(r'class="data row\d+ col\d+ told"', grid_html(panel)))


def todo_text(panel):
    return panel.todo_output.outputs[0]["data"]["text/html"]


def test_logging_a_story_marks_the_grid_and_a_repeat_warns(panel, log, app):
    form = panel.forms["story_use"]
    before = told_cells(panel)
    pick(form.fields["story"], "Prior authorization")
    pick(form.fields["interviewer"], "Abeni Clarke")
    pick(form.fields["round"], "second")
    form.fields["landed"].value = "She asked how the queue was shared"
    form.button.click()
    assert "Logged: Abeni Clarke heard “Prior authorization" in form.message.value
    assert "prep-ok" in form.message.value
    assert told_cells(panel) == before + 1
    assert log.story_grid(app).loc[form.fields["story"].label, "Abeni Clarke"]
    assert form.fields["landed"].value == ""  # saved, so the line is ready for the next one
    form.button.click()  # the same story to the same person in the same round again
    assert "prep-error" in form.errors["story"].value
    assert "Abeni Clarke already heard “Prior authorization" in form.errors["story"].value
    assert "logged once" in form.errors["story"].value
    assert told_cells(panel) == before + 1
    assert len(log.story_uses(app)) == 4
    assert "second" in grid_html(panel)  # the cell names the round it was told in


def test_logging_needs_a_choice_in_each_dropdown(panel, log, app):
    form = panel.forms["story_use"]
    form.fields["landed"].value = "typed before choosing"
    form.button.click()
    assert "Choose the story" in form.errors["story"].value
    assert form.fields["landed"].value == "typed before choosing"
    assert len(log.story_uses(app)) == 3


def test_adding_an_interviewer_updates_every_form_and_the_grid(panel, log, app):
    form = panel.forms["interviewer"]
    form.fields["name"].value = "  Priya   Natarajan "
    form.fields["title"].value = "Scheduling Center Supervisor"
    rounds = dict(form.fields["round_ids"].options)
    form.fields["round_ids"].value = (rounds["second (2026-12-02)"],)
    form.button.click()
    assert "Added Priya Natarajan" in form.message.value
    assert form.fields["name"].value == ""
    for key in ("story_use", "question_asked", "fact", "thank_you"):
        names = [text for text, _ in panel.forms[key].fields["interviewer"].options]
        assert "Priya Natarajan" in names
    assert "Priya Natarajan" in grid_html(panel)
    people = log.interviewers(app).set_index("name")
    assert people.loc["Priya Natarajan", "rounds"] == "second"


def test_a_duplicate_interviewer_is_shown_beside_the_name_and_kept(panel, log, app):
    form = panel.forms["interviewer"]
    form.fields["name"].value = "marcus  bellweather"
    form.fields["background"].value = "Notes I do not want to lose"
    form.button.click()
    assert "already in the log" in form.errors["name"].value
    assert form.fields["background"].value == "Notes I do not want to lose"
    assert form.fields["name"].value == "marcus  bellweather"
    assert len(log.interviewers(app)) == 5


def test_adding_a_story_makes_it_available_to_log(panel, log):
    form = panel.forms["story"]
    for name, value in {
        "title": "Weekend coverage rota",
        "situation": "Weekend desks were often short.",
        "task": "Cover every shift.",
        "action": "Built a rota with volunteers and a bonus.",
        "result": "No uncovered shifts in six months.",
        "tags": "staff scheduling, coverage",
    }.items():
        form.fields[name].value = value
    form.button.click()
    assert "Added the story" in form.message.value
    options = [text for text, _ in panel.forms["story_use"].fields["story"].options]
    assert "Weekend coverage rota" in options
    assert log.stories().set_index("title").loc["Weekend coverage rota", "tags"] == [
        "staff scheduling",
        "coverage",
    ]


def test_a_story_without_its_result_says_so_beside_the_result(panel):
    form = panel.forms["story"]
    form.fields["title"].value = "Half a story"
    for name in ("situation", "task", "action"):
        form.fields[name].value = "something"
    form.button.click()
    assert "result is empty" in form.errors["result"].value
    assert form.errors["title"].value == ""
    assert form.fields["title"].value == "Half a story"


def test_questions_both_ways_feed_the_to_do_list(panel, log, app):
    asked = panel.forms["question_asked"]
    pick(asked.fields["round"], "first")
    pick(asked.fields["interviewer"], "Marcus")
    asked.fields["text"].value = "How would you handle a payer policy change?"
    asked.button.click()
    assert "Choose how it went" in asked.errors["rating"].value
    asked.fields["rating"].value = 2
    asked.button.click()
    assert "Logged the question" in asked.message.value
    assert "How would you handle a payer policy change?" in todo_text(panel)

    mine = panel.forms["my_question"]
    mine.fields["text"].value = "What would my first project be?"
    mine.button.click()
    assert "Saved your question" in mine.message.value
    assert "What would my first project be?" in todo_text(panel)
    mine.fields["text"].value = "Who covers the desks at lunch?"
    pick(mine.fields["asked_to"], "Ines")
    mine.button.click()
    assert "whom you asked and in which round" in mine.errors["round"].value
    assert mine.fields["text"].value == "Who covers the desks at lunch?"


def test_a_conflicting_fact_appears_in_the_to_do_list(panel):
    form = panel.forms["fact"]
    pick(form.fields["round"], "second")
    pick(form.fields["interviewer"], "Ines")
    form.fields["topic"].value = "start date"
    form.fields["value"].value = "two weeks after an offer"
    form.button.click()
    assert "Logged the fact" in form.message.value
    todo = todo_text(panel)
    assert "start date: “four weeks after an offer” to Renata Osei; “two weeks" in todo
    assert "team size:" in todo


def test_thank_you_with_a_date_picker(panel, log, app):
    form = panel.forms["thank_you"]
    pick(form.fields["interviewer"], "Ines")
    pick(form.fields["round"], "second")
    form.fields["due"].value = dt.date(2026, 11, 27)
    form.fields["topic"].value = "the Eastgate tour"
    form.button.click()
    assert "Logged the thank-you note" in form.message.value
    assert form.fields["due"].value is None and form.fields["topic"].value == ""
    assert form.fields["channel"].value == "email"  # a choice, kept for the next note
    assert "Ines Carvalho (second round): overdue by 1 day – mention the Eastgate tour" in (
        todo_text(panel)
    )
    assert len(log.thank_yous(app)) == 3


def test_hostile_text_is_shown_escaped_everywhere(panel, log, app):
    form = panel.forms["interviewer"]
    form.fields["name"].value = HOSTILE
    form.fields["round_ids"].value = ()
    form.button.click()
    assert HOSTILE not in form.message.value
    fact = panel.forms["fact"]
    pick(fact.fields["round"], "first")
    pick(fact.fields["interviewer"], "Renata")
    fact.fields["topic"].value = "team size"
    fact.fields["value"].value = HOSTILE
    fact.button.click()
    assert HOSTILE not in todo_text(panel) and "&lt;script&gt;" in todo_text(panel)
    assert HOSTILE not in grid_html(panel) and "&lt;script&gt;" in grid_html(panel)
    assert HOSTILE in set(log.interviewers(app)["name"])  # stored as typed


def test_to_do_list_on_the_demo_date(panel):
    todo = todo_text(panel)
    assert "Marcus Bellweather (first round): overdue by 15 days" in todo
    assert "Samuel Achterberg: tell them a call may come" in todo
    assert "Lena Hovland: ask whether you may name them" in todo
    assert "Tell me about a time you managed a budget. (Marcus Bellweather, rated 1/5)" in todo
    assert "How do the clinics split work with the central scheduling center?" in todo
    assert "Checklist for the second round" in todo
    assert "Print five copies of the resume" in todo
    assert "Ask for the agenda" not in todo  # already done


def test_styled_grid_marks_told_cells(tmp_path):
    with InterviewLog(tmp_path / "log.sqlite") as log:
        app = log.add_application(company="Harbor Clinic", role="Lead")
        first = log.add_round(app, name="first")
        ana = log.add_interviewer(app, name="Ana", round_ids=[first])
        log.add_interviewer(app, name="Bo", round_ids=[first])
        star = {"situation": "s", "task": "t", "action": "a", "result": "r"}
        story = log.add_story(title="Queues", **star)
        log.add_story(title="Kiosks", **star)
        log.record_story_use(story, ana, first)
        html = style_story_grid(log.story_grid(app)).to_html()
    assert html.count('class="data row0 col0 told"') == 1
    assert len(re.findall(r"not-told", html)) >= 3
    assert html.count(">told<") == 1


def test_a_new_round_and_a_reference_reach_the_forms_and_the_to_do_list(panel, log, app):
    form = panel.forms["round"]
    form.fields["name"].value = "final"
    form.fields["date"].value = dt.date(2026, 12, 9)
    form.fields["format"].value = "on site"
    form.button.click()
    assert "Added the final round" in form.message.value
    labels = [text for text, _ in panel.forms["story_use"].fields["round"].options]
    assert "final (2026-12-09)" in labels
    form.fields["name"].value = "Second"
    form.button.click()
    assert "already has a round" in form.errors["name"].value

    reference = panel.forms["reference"]
    reference.fields["name"].value = "Nora Quint"
    reference.fields["permission"].value = True
    reference.button.click()
    assert "Added Nora Quint as a reference" in reference.message.value
    assert "Nora Quint: tell them a call may come" in todo_text(panel)
    assert len(log.references(app)) == 4


def test_a_huge_paste_is_saved_whole_and_a_broken_character_is_pointed_at(panel, log, app):
    form = panel.forms["interviewer"]
    notes = "Led the Epic go-live; writes about billing. " * 25_000  # about 1 MB
    form.fields["name"].value = "Wren Okafor"
    form.fields["background"].value = notes
    form.button.click()
    assert "Added Wren Okafor" in form.message.value
    stored = log.interviewers(app).set_index("name").loc["Wren Okafor", "background"]
    assert stored == notes.strip()
    form.fields["name"].value = "Ola \ud83d Broken"
    form.fields["title"].value = "Director"
    form.button.click()
    assert "broken character" in form.errors["name"].value
    assert form.fields["title"].value == "Director"
    assert len(log.interviewers(app)) == 6


def test_an_entry_is_corrected_and_a_referenced_one_deleted_only_after_saying_what_goes(
    panel, log, app
):
    person = panel.forms["interviewer"]
    pick(person.entry, "Marcus Bellweather")
    assert person.fields["title"].value == "Director of Patient Access"
    assert person.button.description == "Save changes"
    person.fields["name"].value = "Abeni  clarke"  # another person's name
    person.button.click()
    assert "already called &#x27;Abeni Clarke&#x27;" in person.errors["name"].value
    person.fields["name"].value = HOSTILE
    person.button.click()
    assert "Saved the changes" in person.message.value
    pick(person.entry, HOSTILE)
    person.delete.ask()
    question = person.delete.question.value
    assert HOSTILE not in question and "&lt;script&gt;" in question  # shown as written, inert
    assert "2 stories told" in question and "1 thank-you note" in question
    before = len(log.story_uses(app))
    person.delete.confirm()
    assert len(log.story_uses(app)) == before - 2 and HOSTILE not in set(
        log.interviewers(app)["name"]
    )
    assert person.entry.value == person.entry.options[0][1]  # back to "New interviewer"
    person.delete.undo()
    assert len(log.story_uses(app)) == before and "Brought back" in person.delete.message.value
