"""Nothing personal in the project folder: working copies of the notebooks in the data folder,
saved files kept in versions, and links that open them."""

import base64
import json
import os
import re

import ipywidgets as widgets
import pytest

from prep_lib.errors import SaveError
from prep_lib.files import write_version
from prep_lib.paths import PROJECT_ROOT
from prep_lib.widgets.links import show_saved
from prep_lib.workspace import MANIFEST, lab_arguments, main, working_copies


def notebook(*cells: str, outputs: str = "") -> str:
    """A small notebook of code cells, with an output line in each when ``outputs`` is given."""
    return json.dumps(
        {
            "cells": [
                {
                    "cell_type": "code",
                    "source": [text],
                    "metadata": {},
                    "execution_count": None,
                    "outputs": [{"output_type": "stream", "name": "stdout", "text": [outputs]}]
                    if outputs
                    else [],
                }
                for text in cells
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


@pytest.fixture
def folders(tmp_path):
    project, working = tmp_path / "project", tmp_path / "home" / "notebooks"
    project.mkdir()
    (project / "01-match.ipynb").write_text(notebook("print(1)"))
    return project, working


def test_first_start_copies_every_notebook_into_the_data_folder(folders):
    project, working = folders
    assert working_copies(project, working) == [f"01-match.ipynb: copied into {working}"]
    assert (working / "01-match.ipynb").read_text() == (project / "01-match.ipynb").read_text()
    assert working_copies(project, working) == []  # nothing changed, nothing to do
    assert oct((working / MANIFEST).stat().st_mode & 0o777) == "0o600"


def test_a_new_version_replaces_a_copy_that_was_only_run(folders):
    project, working = folders
    working_copies(project, working)
    (working / "01-match.ipynb").write_text(notebook("print(1)", outputs="Ana Ruiz, my notes"))
    (project / "01-match.ipynb").write_text(notebook("print(2)"))
    assert working_copies(project, working) == [
        "01-match.ipynb: updated to the project's new version"
    ]
    assert "print(2)" in (working / "01-match.ipynb").read_text()


def test_a_copy_the_user_edited_is_kept_and_the_new_version_put_beside_it(folders):
    project, working = folders
    working_copies(project, working)
    mine = notebook("print(1)\n# my own note")
    (working / "01-match.ipynb").write_text(mine)
    (project / "01-match.ipynb").write_text(notebook("print(2)"))
    done = working_copies(project, working)
    assert "you edited it, so it is kept" in done[0]
    assert (working / "01-match.ipynb").read_text() == mine
    assert "print(2)" in (working / "01-match (new version).ipynb").read_text()


def test_a_damaged_copy_or_record_is_never_overwritten_silently(folders):
    project, working = folders
    working_copies(project, working)
    (working / "01-match.ipynb").write_text("{ not a notebook")
    (working / MANIFEST).write_text("[1, 2")
    (project / "01-match.ipynb").write_text(notebook("print(3)"))
    working_copies(project, working)
    assert (working / "01-match.ipynb").read_text() == "{ not a notebook"
    assert (working / "01-match (new version).ipynb").exists()


def test_the_project_notebooks_all_get_a_copy_and_lab_starts_in_the_data_folder(tmp_path):
    done = working_copies(target=tmp_path / "notebooks")
    names = {p.name for p in (PROJECT_ROOT / "notebooks").glob("*.ipynb")}
    assert {p.name for p in (tmp_path / "notebooks").glob("*.ipynb")} == names and len(done) == 4
    arguments = lab_arguments(tmp_path, ["--no-browser"])
    assert f"--ServerApp.root_dir={tmp_path}" in arguments and arguments[-1] == "--no-browser"
    assert not any(str(PROJECT_ROOT) in a for a in arguments[1:])


def test_a_version_is_saved_beside_a_different_file_never_over_it(tmp_path):
    target = tmp_path / "plans" / "plan.md"
    assert write_version(target, "one") == target
    assert write_version(target, "one") == target  # the same again: nothing new
    second = write_version(target, "two")
    assert second.name == "plan (2).md" and target.read_text() == "one"
    assert write_version(target, "two") == second
    assert write_version(target, b"\x00three").name == "plan (3).md"
    assert oct(second.stat().st_mode & 0o777) == "0o600"


def test_a_version_in_a_refused_folder_says_so(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(SaveError, match="Cannot save"):
        write_version(tmp_path / "file" / "plan.md", "text")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_earlier_version_is_not_replaced(tmp_path):
    target = tmp_path / "plan.md"
    target.write_text("mine")
    target.chmod(0)
    with pytest.raises(SaveError, match="cannot be read"):
        write_version(target, "new")


def test_a_saved_file_is_named_with_its_place_and_a_link_that_opens_it(isolated_home):
    saved = isolated_home / "plans" / 'a "plan" <b>.html'
    saved.parent.mkdir(parents=True)
    saved.write_text("<h1>Plan</h1>")
    label = widgets.HTML()
    show_saved(label, [saved], note="Kept beside earlier ones.")
    assert "plans/a &quot;plan&quot; &lt;b&gt;.html in your data folder" in label.value
    link = re.search(r'download="([^"]+)" href="data:text/html;base64,([^"]+)"', label.value)
    assert link[1] == "a &quot;plan&quot; &lt;b&gt;.html"  # the name escaped in the attribute
    assert base64.b64decode(link[2]) == b"<h1>Plan</h1>"


@pytest.mark.skipif(os.name != "posix", reason="JupyterLab replaces the process on POSIX only")
def test_tasks_lab_becomes_jupyterlab_so_stopping_it_stops_the_server(monkeypatch, isolated_home):
    started = []
    monkeypatch.setattr(os, "execv", lambda path, args: started.append((path, args)))
    monkeypatch.setattr(os, "chdir", lambda path: started.append(("cwd", path)))
    main(["lab", "--no-browser"])
    assert ("cwd", isolated_home.resolve()) in started
    path, args = started[-1]
    assert args == lab_arguments(isolated_home.resolve(), ["--no-browser"]) and path == args[0]
    assert (isolated_home / "notebooks" / "01-match-credentials.ipynb").exists()
