"""Saying where a saved file went, with a link that opens it.

The link carries the file itself (a ``data:`` link with the ``download`` attribute), so it
works the same in JupyterLab and in the app, where the data folder is not served: a click saves
a copy to the browser's downloads, which opens it. The file's place in the data folder is named
too, so it can be found again there (JupyterLab's file browser shows the data folder when it is
started with ``python3 tasks.py lab``).
"""

from __future__ import annotations

import base64
import mimetypes
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path

import ipywidgets as widgets

from prep_lib.errors import PrepError
from prep_lib.paths import data_home
from prep_lib.text import html_text

SAVED_CLASS = "prep-saved"
LINK_CLASS = "prep-download"
MOST_LINKED_BYTES = 10_000_000  # larger files are named, not carried in a link
TYPES = {".md": "text/markdown", ".ics": "text/calendar", ".csv": "text/csv"}


def where(path: Path) -> str:
    """A saved file's place, as a person reads it: "plans/x.html in your data folder"."""
    with suppress(PrepError, ValueError):
        return f"{path.relative_to(data_home()).as_posix()} in your data folder"
    return str(path)


def download_link(path: Path, label: str = "") -> str:
    """An HTML link that downloads the file as it is now ('' when it is too large)."""
    try:
        data = path.read_bytes()
    except OSError:
        return ""
    if len(data) > MOST_LINKED_BYTES:
        return ""
    kind = TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f'<a class="{LINK_CLASS}" download="{html_text(path.name)}" '
        f'href="data:{kind or "application/octet-stream"};base64,{encoded}" '
        f'style="text-decoration:underline">{html_text(label or "Download to open it")}</a>'
    )


def show_saved(label: widgets.HTML, paths: Sequence[Path], *, note: str = "") -> None:
    """Show beside a button which files were saved, where, with a link to open each."""
    lines = [
        f"Saved <b>{html_text(path.name)}</b> ({html_text(where(path))}). {download_link(path)}"
        for path in paths
    ]
    label.value = (
        f'<span class="prep-ok {SAVED_CLASS}" style="color:#1b5e20">✓ '
        + "<br>".join(lines)
        + (f"<br><small>{html_text(note)}</small>" if note else "")
        + "</span>"
    )
