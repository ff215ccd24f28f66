"""The one helper for each small job: names compared, text escaped per export, files written."""

import errno
import os
import stat

import pytest

from prep_lib.errors import LogError, SaveError
from prep_lib.files import create_private, write_private
from prep_lib.paths import PROJECT_ROOT, outside_project
from prep_lib.text import MAX_STEM, file_stem, html_text, markdown_text, spreadsheet_cell, text_key


def test_text_key_ignores_case_width_and_spacing():
    assert text_key("  Marcus\u00a0 BELLWEATHER ") == text_key("marcus bellweather")
    assert text_key("ＨＲ Lead") == text_key("hr lead")  # full-width letters
    assert text_key("Ann") != text_key("Anne")


@pytest.mark.parametrize(
    "hostile",
    [
        "[Apply](javascript:alert(1))",
        "![x](https://tracker.example/pixel.png)",
        "<script>alert(1)</script>",
        "# heading | cell | **bold** `code`",
    ],
)
def test_markdown_text_leaves_nothing_live(hostile):
    escaped = markdown_text(hostile)
    for live in ("[", "]", "<", ">", "|", "*", "`", "#"):
        assert live not in escaped.replace("\\" + live, "")


def test_html_text_escapes_tags_and_quotes():
    assert html_text('<img src=x onerror="alert(1)">') == (
        "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
    )


@pytest.mark.parametrize(
    "formula",
    ['=HYPERLINK("http://x","85000")', "=cmd|' /C calc'!A0", "@SUM(A1:A2)", "+1+1", "-1+1", "\t=1"],
)
def test_spreadsheet_cells_never_run_as_formulas(formula):
    assert spreadsheet_cell(formula) == "'" + formula


@pytest.mark.parametrize("value", ["-5", "+3.5", "1e5", "Dana", 42, None])
def test_spreadsheet_cells_keep_numbers_and_plain_text(value):
    assert spreadsheet_cell(value) == value


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Larkspur Valley Health people", "larkspur-valley-health-people"),
        ("../../etc/passwd", "etc-passwd"),
        ("A/B Health\\C:", "a-b-health-c"),
        ("..", "fallback"),
        ("Zoë <script>", "zo-script"),
        ("x" * 500, "x" * MAX_STEM),
    ],
)
def test_file_stem_never_leaves_its_folder(name, stem):
    assert file_stem(name, "fallback") == stem


def test_write_private_replaces_whole_and_owner_only(tmp_path):
    target = tmp_path / "folder" / "plan.md"
    write_private(target, "first")
    write_private(target, "second")
    assert target.read_text() == "second"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["plan.md"]


def test_write_private_failure_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "plan.md"
    write_private(target, "kept")

    def disk_full(_descriptor):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(LogError, match="No space left"):
        write_private(target, "lost", error=LogError)
    assert target.read_text() == "kept"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]


def test_write_private_reports_a_folder_in_the_way(tmp_path):
    (tmp_path / "taken").write_text("a file, not a folder")
    with pytest.raises(SaveError, match="nothing was changed"):
        write_private(tmp_path / "taken" / "plan.md", "text")


def test_create_private_makes_an_owner_only_file_once(tmp_path):
    path = create_private(tmp_path / "log.sqlite")
    path.write_text("kept")
    create_private(path)
    assert path.read_text() == "kept"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_outside_project_refuses_the_project_folder(tmp_path):
    assert outside_project(tmp_path / "x.md") == (tmp_path / "x.md").resolve()
    with pytest.raises(SaveError, match="inside the project folder"):
        outside_project(PROJECT_ROOT / "notebooks" / "plan.md", error=SaveError)
