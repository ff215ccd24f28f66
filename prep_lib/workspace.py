"""Working copies of the notebooks in the data folder, so that nothing personal lands in the
project folder.

JupyterLab saves every open notebook with its outputs (autosave), and with your own log those
outputs hold names and facts. ``python3 tasks.py lab`` therefore opens working copies in
``notebooks/`` of the data folder, with JupyterLab's root at the data folder, so its file
browser also reaches the saved plans and reports. ``working_copies()`` makes them:

- on first start, a copy of each project notebook;
- when the project's notebook changed (a new version of the project) and the working copy's
  cells were not edited (outputs do not count), the new version replaces it;
- when the user edited the working copy, it is kept, and the new version is placed beside it
  as ``<name> (new version).ipynb``.

``python -m prep_lib.workspace lab [jupyter options]`` makes the copies and starts JupyterLab.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from prep_lib.errors import PrepError
from prep_lib.files import write_private
from prep_lib.paths import PROJECT_ROOT, data_home

PROJECT_NOTEBOOKS = PROJECT_ROOT / "notebooks"
WORKING_FOLDER = "notebooks"
MANIFEST = ".project-versions.json"  # what each working copy was made from
NEW_VERSION = "{stem} (new version).ipynb"


def working_copies(source: Path = PROJECT_NOTEBOOKS, target: Path | None = None) -> list[str]:
    """Make or refresh the working copies of the notebooks in ``source`` (default: the
    project's) in ``target`` (default: ``notebooks`` in the data folder); return what was done,
    one line for each notebook that changed."""
    target = target if target is not None else data_home() / WORKING_FOLDER
    manifest_path = target / MANIFEST
    manifest = _read_manifest(manifest_path)
    done = []
    for notebook in sorted(source.glob("*.ipynb")):
        data = notebook.read_bytes()
        made_from = _digest(data)
        copy = target / notebook.name
        found = manifest.get(notebook.name)
        entry: dict[str, Any] = found if isinstance(found, dict) else {}
        if not copy.exists():
            write_private(copy, data)
            done.append(f"{notebook.name}: copied into {target}")
        elif entry.get("project") == made_from:
            continue
        elif (cells := _cells(copy.read_bytes())) is not None and cells in (
            entry.get("cells"),
            _cells(data),
        ):
            write_private(copy, data)  # not edited: the new version replaces it
            done.append(f"{notebook.name}: updated to the project's new version")
        else:
            beside = target / NEW_VERSION.format(stem=notebook.stem)
            write_private(beside, data)
            done.append(
                f"{notebook.name}: you edited it, so it is kept; the project's new version is "
                f"beside it as {beside.name}"
            )
        manifest[notebook.name] = {"project": made_from, "cells": _cells(data)}
    write_private(manifest_path, json.dumps(manifest, indent=1))
    return done


def lab_arguments(home: Path, extra: list[str]) -> list[str]:
    """JupyterLab with its root at the data folder ``home``, opening on the notebooks."""
    return [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        f"--ServerApp.root_dir={home}",
        f"--LabApp.default_url=/lab/tree/{WORKING_FOLDER}",
        *extra,
    ]


def _read_manifest(path: Path) -> dict[str, Any]:
    """What each working copy was made from; empty when the record is missing or damaged."""
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _cells(data: bytes) -> str | None:
    """A fingerprint of a notebook's cells as written (kind and text, not outputs); None
    when the file is not a readable notebook."""
    try:
        cells = json.loads(data.decode("utf-8"))["cells"]
        written = [[c["cell_type"], "".join(c["source"])] for c in cells]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None
    return _digest(json.dumps(written).encode("utf-8"))


def main(argv: list[str]) -> int:
    if not argv or argv[0] != "lab":
        print("Usage: python -m prep_lib.workspace lab [JupyterLab options]")
        return 2
    try:
        home = data_home()
        for line in working_copies():
            print(line, flush=True)
    except PrepError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Your notebooks and everything you save are in {home}.", flush=True)
    arguments = lab_arguments(home, argv[1:])
    if os.name == "posix":  # JupyterLab takes this process's place: stopping it stops the server
        os.chdir(home)
        os.execv(arguments[0], arguments)
    return subprocess.call(arguments, cwd=home)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
