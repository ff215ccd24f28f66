"""The plan panel driven as a person would: pick a round, tick, rehearse, send notes, export."""

import pytest

from prep_lib.log import DEMO_TODAY, open_demo_log
from prep_lib.widgets.plan import build_plan_panel


@pytest.fixture
def log(tmp_path):
    with open_demo_log(tmp_path / "demo.sqlite") as log:
        yield log


@pytest.fixture
def panel(log):
    app = log.find_application("Larkspur Valley Health")
    return build_plan_panel(log, app, today=DEMO_TODAY, candidate="Dana Whitlock")


def shown_markdown(panel) -> str:
    return panel.plan_output.outputs[0]["data"]["text/markdown"]


def checkbox(panel, starts_with):
    return next(box for box in panel.checkboxes if box.description.startswith(starts_with))


def test_opens_on_the_next_round_with_the_plan_shown(panel):
    assert panel.round.label == "second (2026-12-02)"
    text = shown_markdown(panel)
    assert text.startswith("# Second round: Patient Access Manager")
    assert "### Tomasz Lindgren — Director of Revenue Cycle" in text
    assert [panel.tabs.get_title(n) for n in range(8)] == [
        "Plan",
        "Checklist",
        "Rehearse",
        "Pitch",
        "Presentation",
        "Thank-you notes",
        "Letters",
        "Export",
    ]


def test_choosing_another_round_rebuilds_the_plan(panel):
    panel.round.value = next(v for label, v in panel.round.options if label.startswith("first"))
    assert shown_markdown(panel).startswith("# First round")
    assert [e.draft.name for e in panel.thank_you_editors] == [
        "Renata Osei",
        "Marcus Bellweather",
    ]


def test_ticking_the_checklist_writes_to_the_log(panel, log):
    printed = checkbox(panel, "Print five copies")
    assert printed.value is False
    printed.value = True
    app = log.find_application("Larkspur Valley Health")
    items = log.checklist(app).set_index("item")["done"]
    assert items["Print five copies of the resume"]
    assert checkbox(panel, "Print five copies").value is True  # still ticked after the rebuild
    assert "- [x] Print five copies of the resume" in shown_markdown(panel)
    research = checkbox(panel, "Research each interviewer")
    assert research.value is True and research.disabled, "done because the log shows it"
    assert checkbox(panel, "Ask for the agenda").disabled is False, "ticked by hand: can untick"
    shown = panel.checklist_box.children[: len(panel.checkboxes)]
    assert [row.children[0] for row in shown] == panel.checkboxes


def test_ticking_a_standard_item_adds_it_to_the_log(panel, log):
    app = log.find_application("Larkspur Valley Health")
    before = log.checklist(app)
    assert "Bring work samples or a short portfolio" not in set(before["item"])
    checkbox(panel, "Bring work samples").value = True
    items = log.checklist(app).set_index("item")["done"]
    assert len(items) == len(before) + 1
    assert items["Bring work samples or a short portfolio"]
    samples = checkbox(panel, "Bring work samples")
    assert samples.value is True
    samples.value = False  # unticking keeps the item, not done
    assert not log.checklist(app).set_index("item")["done"][
        "Bring work samples or a short portfolio"
    ]
    assert len(log.checklist(app)) == len(before) + 1


def test_drill_checks_star_parts_and_saves_a_rating(panel, log):
    drill = panel.drill
    assert "Tell me about a time you managed a budget." in drill.question.value
    assert "Question 1 of" in drill.position.value
    drill.answer.value = "Our clinic ran over budget. I had to fix it. It improved."
    drill.check_button.click()
    assert "✗ action" in drill.feedback.value
    assert "Say what you did yourself" in drill.feedback.value
    drill.save_button.click()  # no rating picked yet
    assert "Pick how it went" in drill.message.value
    assert drill.answer.value.startswith("Our clinic"), "the answer typed is kept"
    drill.rating.value = 4
    drill.save_button.click()
    app = log.find_application("Larkspur Valley Health")
    assert log.last_rehearsal_rating(app, "Tell me about a time you managed a budget.") == 4
    assert "Saved 4/5" in drill.message.value
    drill.next_button.click()
    assert "How have you used data" in drill.question.value and drill.answer.value == ""
    drill.previous_button.click()
    assert "managed a budget" in drill.question.value


def test_checking_an_empty_answer_asks_for_one(panel):
    panel.drill.check_button.click()
    assert panel.drill.feedback.value == "Type your answer, or its key points, then check it."


def test_hostile_answers_are_shown_as_text(panel):
    panel.drill.answer.value = "<img src=x onerror=alert(1)>"
    panel.drill.check_button.click()
    assert "<img" not in panel.drill.feedback.value


def test_thank_you_topic_redrafts_and_mark_sent_logs_it(panel, log):
    editor = panel.thank_you_editors[0]
    assert editor.draft.name == "Marcus Bellweather"
    editor.topic.value = "the self-scheduling pilot at Eastgate"
    assert "the self-scheduling pilot at Eastgate" in editor.body.value
    editor.sent_button.click()
    app = log.find_application("Larkspur Valley Health")
    notes = log.thank_yous(app, today=DEMO_TODAY)
    sent = notes[(notes["interviewer"] == "Marcus Bellweather") & (notes["round"] == "second")]
    assert list(sent["sent_on"]) == [DEMO_TODAY.isoformat()]
    assert list(sent["topic"]) == ["the self-scheduling pilot at Eastgate"]
    rebuilt = panel.thank_you_editors[0]
    assert rebuilt.sent_button.disabled and "sent on 2026-11-28" in rebuilt.heading.value


def test_export_buttons_write_to_the_data_folder(panel, isolated_home):
    panel.export_buttons["html"].click()
    files = list((isolated_home / "plans").iterdir())
    assert [f.suffix for f in files] == [".html"]
    assert "Saved" in panel.export_message.value
    panel.export_buttons["ics"].click()
    panel.export_buttons["markdown"].click()
    assert sorted(f.suffix for f in (isolated_home / "plans").iterdir()) == [".html", ".ics", ".md"]
