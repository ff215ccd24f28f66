"""Where files live: the sample through the project, the user's files in their data folder."""

import stat

import platformdirs
import pytest

from prep_lib import paths
from prep_lib.errors import PrepError


def test_sample_found_from_any_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert paths.sample_path("posting.md").read_text(encoding="utf-8").startswith("# Patient")


def test_missing_sample_file_is_named():
    with pytest.raises(PrepError, match=r"'nope\.csv' does not exist"):
        paths.sample_path("nope.csv")


def test_data_home_follows_the_environment_variable(isolated_home):
    home = paths.data_home()
    assert home == isolated_home.resolve()
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert paths.user_path("log.sqlite") == home / "log.sqlite"


def test_data_home_defaults_to_platformdirs(tmp_path, monkeypatch):
    monkeypatch.delenv(paths.HOME_ENV)
    calls = []

    def fake_user_data_dir(app):
        calls.append(app)
        return str(tmp_path / "platform" / app)

    monkeypatch.setattr(platformdirs, "user_data_dir", fake_user_data_dir)
    assert paths.data_home() == tmp_path / "platform" / "second-interview-prep"
    assert calls == ["second-interview-prep"]


def test_data_home_never_inside_the_project(monkeypatch):
    monkeypatch.setenv(paths.HOME_ENV, str(paths.PROJECT_ROOT / "data" / "mine"))
    with pytest.raises(PrepError, match="inside the project folder"):
        paths.data_home()
    assert not (paths.PROJECT_ROOT / "data" / "mine").exists()


def test_data_home_that_cannot_be_created(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv(paths.HOME_ENV, str(blocker / "home"))
    with pytest.raises(PrepError, match=r"Cannot create the data folder .* Set PREP_LIB_HOME"):
        paths.data_home()
