"""What every panel shares: its shape, showing results and errors, reading uploads.

Every notebook panel is a ``Panel``: a dataclass whose ``widget`` is the whole panel and whose
other fields name its parts (inputs, buttons, outputs), typed, so that notebooks, tests and the
browser tests reach them as ``panel.compare`` or ``panel.forms["story"]``. A cell that ends with a
panel shows it.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
from IPython.display import Image, Markdown

from prep_lib.errors import PrepError
from prep_lib.text import html_text

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def fit(**extra: str) -> widgets.Layout:
    """A layout for a button or checkbox as wide as its text (``extra``: more layout)."""
    return widgets.Layout(width="auto", **extra)


def show_whole_labels(*buttons: widgets.Button) -> None:
    """Let buttons of the usual width grow to show their whole label ("Import resea…")."""
    for button in buttons:
        button.layout.min_width = "fit-content"


@dataclass(eq=False)
class Panel:
    """The shape of every panel: ``widget`` is what is shown; subclasses add named parts."""

    widget: widgets.Box

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


def render(out: widgets.Output, *items: object) -> None:
    """Replace what ``out`` shows with ``items`` (objects with a rich display, or text).

    Sets ``outputs`` and uses ``append_display_data``/``append_stdout`` rather than ``with out:``
    and ``clear_output()``, so that it also works without a browser (tests, nbconvert), where
    those two do nothing.
    """
    out.outputs = ()
    for item in items:
        if isinstance(item, str):
            out.append_stdout(item if item.endswith("\n") else item + "\n")
        else:
            out.append_display_data(item)


def markdown(text: str) -> Markdown:
    """``text`` for display as Markdown, its dollar signs kept as dollar signs.

    JupyterLab and Voila typeset the text between two "$" as maths, so "$85,000 to $90,000"
    would show as a formula; a doubled backslash before each "$" reaches the screen as a plain "$".
    """
    return Markdown(text.replace("$", r"\\$"))  # type: ignore[no-untyped-call]


def message_label() -> widgets.HTML:
    """An empty line of text placed beside an input, for its error or confirmation."""
    return widgets.HTML(value="", layout=widgets.Layout(min_height="1.5em"))


def show_error(label: widgets.HTML, error: BaseException | str) -> None:
    """Show an error beside its input: a warning sign and the message, escaped."""
    text = str(error)
    label.value = (
        f'<span class="prep-error" role="alert" style="color:#b00020">⚠ {html_text(text)}</span>'
    )


def show_ok(label: widgets.HTML, text: str) -> None:
    label.value = f'<span class="prep-ok" style="color:#1b5e20">✓ {html_text(text)}</span>'


def clear_message(label: widgets.HTML) -> None:
    label.value = ""


def uploaded_files(upload: widgets.FileUpload) -> list[tuple[str, bytes]]:
    """The files in a FileUpload widget as ``(filename, bytes)`` pairs, for ``load_text``."""
    return [(item["name"], bytes(item["content"])) for item in upload.value]


def guarded(label: widgets.HTML, action: Callable[[], object]) -> bool:
    """Run ``action()``; on a ``PrepError`` show its message in ``label`` and return False.

    Anything else is a bug and propagates, so it is seen rather than hidden.
    """
    try:
        action()
    except PrepError as error:
        show_error(label, error)
        return False
    clear_message(label)
    return True


def figure_image(figure: Figure, *, dpi: int = 90) -> Image:
    """A Matplotlib figure as a PNG image to show in an ``Output``, then closed (a PNG shows
    the same in JupyterLab, the app and a test, without a plotting backend)."""
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight", dpi=dpi)
    plt.close(figure)
    return Image(buffer.getvalue())  # type: ignore[no-untyped-call]
