"""Rescuing a damaged log from notebook 03's panels, by clicking as a person would."""

import pytest
from IPython.display import display

from prep_lib.log import DEMO_TODAY, DamagedLogError, InterviewLog, open_demo_log
from prep_lib.widgets.log import build_log_panel
from prep_lib.widgets.rescue import RescuePanel, build_rescue_panel, rescue_if_damaged
from tests.test_log_rescue import filled_log, overwrite_middle


@pytest.fixture
def damaged(tmp_path):
    """A log that was opened on a day (so it has that day's backup), then damaged."""
    path = tmp_path / "log.sqlite"
    filled_log(path)
    InterviewLog(path).close()
    overwrite_middle(path)
    return path


def test_salvage_button_puts_a_sound_log_in_place(damaged):
    broken = damaged.read_bytes()
    with pytest.raises(DamagedLogError) as caught:
        InterviewLog(damaged)
    panel = build_rescue_panel(caught.value.path, caught.value.problem)
    assert isinstance(panel, RescuePanel)
    assert f"{damaged} is damaged (" in panel.explanation.value
    panel.salvage_button.click()
    assert "Recovered" in panel.message.value and "Run the notebook again" in panel.message.value
    assert panel.salvage_button.disabled and panel.restore_button.disabled
    (aside,) = damaged.parent.glob("log.replaced-*.sqlite")
    assert aside.read_bytes() == broken, "the damaged file is kept"
    with InterviewLog(damaged) as log:
        assert log.check() == []
        assert len(log.interviewers(log.find_application("Larkspur Valley Health"))) > 250


def test_restore_button_brings_back_the_chosen_backup(damaged):
    panel = build_rescue_panel(damaged)
    (label, backup), *_ = panel.backups.options
    assert backup.name in label
    panel.backups.value = backup
    panel.restore_button.click()
    assert f"Restored {backup.name}" in panel.message.value
    with InterviewLog(damaged) as log:
        assert len(log.stories()) == 308  # all of it, as it was that morning


def test_without_backups_restore_is_offered_disabled(tmp_path):
    panel = build_rescue_panel(tmp_path / "never.sqlite", "it is damaged")
    assert panel.backups.options == (("no backup yet", None),)
    assert panel.restore_button.disabled


def test_opening_a_damaged_log_in_the_notebook_shows_the_rescue_panel(damaged, monkeypatch):
    shown = []
    monkeypatch.setattr("prep_lib.widgets.rescue.display", shown.append)
    with pytest.raises(DamagedLogError), rescue_if_damaged():
        open_demo_log(damaged)
    (panel,) = shown
    assert isinstance(panel, RescuePanel) and panel.path == damaged
    with rescue_if_damaged():  # a sound log: nothing is shown
        InterviewLog(damaged.with_name("other.sqlite")).close()
    assert len(shown) == 1
    assert display  # the real display is what the notebook uses


def test_the_log_panel_shows_the_rescue_panel_when_damage_turns_up(tmp_path, monkeypatch):
    with open_demo_log(tmp_path / "demo.sqlite") as log:
        app = log.find_application("Larkspur Valley Health")
        panel = build_log_panel(log, app, today=DEMO_TODAY)
        assert panel.rescue.children == ()

        def damaged_file(*_args, **_kwargs):
            raise DamagedLogError(log.path, "database disk image is malformed")

        monkeypatch.setattr(log, "add_fact", damaged_file)
        form = panel.forms["fact"]
        form.fields["round"].value = form.fields["round"].options[0][1]
        form.fields["interviewer"].value = form.fields["interviewer"].options[0][1]
        form.fields["topic"].value, form.fields["value"].value = "team size", "12"
        form.button.click()
        assert "is damaged" in form.message.value
        assert panel.rescue.children == (panel.rescue_panel.widget,)
        assert panel.rescue_panel.path == log.path
        assert panel.rescue_panel.salvage_button.description == "Salvage the log"
