"""The STAR check tells a rehearsing candidate which parts their answer is missing."""

import pytest

from prep_lib.rehearsal import ADVICE, check_star, sentences

SITUATION = "At my last job our clinic lost one visit in seven to no-shows."
TASK = "My goal was to fill those slots without adding staff."
ACTION = "I added two-way text reminders and set up a same-day waitlist."
RESULT = "As a result the no-show rate fell from 14% to 9% within a quarter."
FULL = " ".join([SITUATION, TASK, ACTION, RESULT])


def test_complete_answer_finds_each_part_with_its_sentence():
    check = check_star(FULL)
    assert (check.situation, check.task, check.action, check.result) == (
        SITUATION,
        TASK,
        ACTION,
        RESULT,
    )
    assert check.measurable == "14%"
    assert check.complete and check.missing == []
    assert check.feedback() == ["All four STAR parts are there, with a measurable result."]


@pytest.mark.parametrize(
    ("dropped", "missing"),
    [
        (SITUATION, ["situation"]),
        (TASK, ["task"]),
        (ACTION, ["action"]),
        (RESULT, ["result", "measurable"]),
    ],
)
def test_answer_missing_one_part_says_what_to_add(dropped, missing):
    # the dropped sentence may be the one with the figure, so compare only what is asserted
    check = check_star(FULL.replace(dropped, ""))
    assert check.missing == missing
    assert check.feedback() == [ADVICE[part] for part in missing]


def test_result_without_a_number_asks_for_one():
    check = check_star(f"{SITUATION} {TASK} {ACTION} In the end the waiting room was calmer.")
    assert check.missing == ["measurable"]
    assert "Put a number on the result" in check.feedback()[0]


@pytest.mark.parametrize(
    "figure",
    [
        "saved $12,000",
        "in 3 weeks",
        "cut it by half",
        "doubled sales",
        "hired 11 people",
        "40 percent",
    ],
)
def test_measurable_results_in_many_shapes(figure):
    assert check_star(f"I changed the rota and it {figure}.").measurable


def test_wishes_are_not_actions():
    check = check_star("I wanted to help. I needed to be faster. I hoped it would work.")
    assert check.action == ""


def test_empty_and_vague_answers_miss_everything():
    assert check_star("").missing == list(ADVICE)
    assert check_star("I am a hard worker and I love people.").missing == list(ADVICE)


def test_typed_notes_without_full_stops_are_split_on_lines():
    notes = "- when our store had a backlog\n- I had to clear it\n- I set up a night shift\n"
    notes += "- the backlog fell 60%"
    assert sentences(notes)[0] == "when our store had a backlog"
    assert check_star(notes).complete


def test_hostile_text_is_only_text():
    check = check_star("<script>alert(1)</script> I built a tool that saved 5 hours.")
    assert check.action.startswith("<script>") and check.measurable == "5 hours"


@pytest.mark.parametrize(
    "opening",
    [
        "At Cedar Hollow we had a backlog.",
        "Our overtime ran over plan.",
        "In 2023 the site lost staff.",
    ],
)
def test_situations_in_other_words(opening):
    assert check_star(opening).situation == opening
