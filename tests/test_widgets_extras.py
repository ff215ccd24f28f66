"""The panels of issue 17, driven in Python: the presentation rehearsal, the pitch drill, the
letters and their news form, and the offer panel, with bad input."""

import pytest

from prep_lib.documents import load_text
from prep_lib.log import DEMO_TODAY, open_demo_log
from prep_lib.paths import sample_path
from prep_lib.salary.ask import Ask
from prep_lib.widgets.offer import build_offer_panel
from prep_lib.widgets.plan import build_plan_panel

HOSTILE = "<script>alert(1)</script>"
ASK = Ask(85_000, 87_500, 90_000, "reasons")


@pytest.fixture
def demo(tmp_path):
    with open_demo_log(tmp_path / "demo.sqlite") as log:
        yield log


@pytest.fixture
def panel(demo):
    app = demo.find_application("Larkspur Valley Health")
    second = int(demo.rounds(app).set_index("name").loc["second", "id"])
    resume = load_text(sample_path("resume.md"))
    return build_plan_panel(
        demo, app, second, candidate="Dana Whitlock", resume=resume, today=DEMO_TODAY
    )


def test_presentation_rehearsal_times_each_section(panel):
    talk = panel.presentation
    assert talk.progress.max == 600 and "section 1 of 5" in talk.current.value
    for seconds in (100, 275, 350, 470, 530):  # the browser's clock, read at each click
        talk.clock.value = seconds
        talk.next_section()
    assert "You took 8:50 of 10:00." in talk.result.value
    assert "<td>1:40</td><td>1:30</td><td>on time</td>" in talk.result.value  # within 10 s
    assert "<td>2:55</td><td>2:30</td><td>25 s over</td>" in talk.result.value
    assert "<td>1:15</td><td>2:00</td><td>45 s under</td>" in talk.result.value
    assert talk.result.value.count("<tr>") == 6
    talk.next_section()  # nothing left to time
    talk.restart()
    assert talk.splits == [] and talk.result.value == "" and talk.clock.value == 0


def test_presentation_tab_without_a_presentation(panel, demo):
    panel.presentation.load([])
    assert panel.presentation.next_button.disabled
    panel.presentation.finish()
    assert "No presentation" in panel.presentation.tasks_html.value


def test_pitch_drill_counts_words_against_each_length(panel):
    drill = panel.pitch_drill
    assert [i.seconds for i in drill.items] == [30, 60, 120]
    assert drill.seconds.max == 30 and "30 seconds" in drill.question.value
    drill.answer.value = "word " * 100
    drill.clock.value = 41
    drill.check()
    assert "35 words over the 65-word budget" in drill.feedback.value
    assert "0 min 41 s of 30 seconds" in drill.feedback.value
    drill.show(2)
    assert drill.seconds.max == 120 and drill.seconds.description == "2 minutes"
    drill.answer.value = HOSTILE
    drill.check()
    assert "<script>" not in drill.feedback.value


@pytest.mark.parametrize("news", ["", "   ", "x" * 200_000 + "\ud800"])
def test_news_form_refuses_what_it_cannot_keep(panel, demo, news):
    before = len(demo.news(1))
    panel.letters.news.value = news
    panel.letters.add_news()
    assert "prep-error" in panel.letters.message.value
    assert len(demo.news(1)) == before


def test_news_goes_into_the_follow_up_as_written(panel, demo):
    panel.letters.news.value = HOSTILE + " {candidate}"
    panel.letters.add_news()
    follow_up = panel.letters.boxes[1].value
    assert HOSTILE + " {candidate}." in follow_up
    assert demo.news(1)["text"].iloc[-1] == HOSTILE + " {candidate}"
    assert "Reply to the invitation" in panel.letters.widget.children[0].value


def test_offer_panel_shows_what_the_log_holds_without_writing(demo):
    before = demo.package(1)
    panel = build_offer_panel(demo, 1, ask=ASK)
    assert demo.package(1) == before, "building the panel writes nothing"
    assert panel.offer_fields["base"].value == "$84,000" and panel.offer_fields["bonus"].value == ""
    assert "image/png" in panel.chart.outputs[0]["data"]  # the chart, between the texts
    assert "What to negotiate next" in panel.advice.value
    text = panel.summary.value
    assert "$3,500 below your ask" in text


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("base", "", "more than zero"),
        ("base", "a lot", "No pay figure"),
        ("bonus", "12% of nothing", "one share"),
        ("leave_days", "-3", "Paid leave"),
        ("base", "9" * 30, "too large"),
        ("label", HOSTILE, None),
    ],
)
def test_offer_panel_bad_input_saves_nothing(demo, field, value, message):
    panel = build_offer_panel(demo, 1, ask=ASK)
    before = demo.package(1)
    panel.offer_fields[field].value = value
    panel.compare()
    if message is None:  # hostile text is kept as written and shown escaped
        assert demo.package(1)["label"] == HOSTILE
        assert HOSTILE not in panel.summary.value
        return
    assert "prep-error" in panel.message.value and message in panel.message.value
    assert demo.package(1) == before


def test_offer_panel_saves_the_offer_and_the_current_job(demo):
    panel = build_offer_panel(demo, 1, ask=ASK)
    panel.offer_fields["base"].value = "$88,000"
    panel.current_fields["bonus"].value = "5%"
    panel.compare()
    assert "prep-ok" in panel.message.value
    assert demo.package(1)["base"] == 88_000
    assert demo.package(None)["bonus"] == pytest.approx(0.05 * 71_500)
    advice = panel.advice.value
    assert "meets your ask" in panel.summary.value
    assert "Bonus" in advice
