"""The shared widget helpers: errors shown escaped beside inputs, output rendered headless."""

import ipywidgets as widgets
import pytest
from IPython.display import HTML

from prep_lib.errors import PrepError
from prep_lib.widgets.common import guarded, message_label, render, show_ok, uploaded_files


def test_render_replaces_previous_output_without_a_browser():
    out = widgets.Output()
    render(out, "first")
    render(out, "second", HTML("<b>third</b>"))
    assert [o.get("text") for o in out.outputs] == ["second\n", None]
    assert out.outputs[1]["data"]["text/html"] == "<b>third</b>"


def test_guarded_shows_user_errors_escaped_and_clears_on_success():
    label = message_label()

    def fail():
        raise PrepError("<script>alert(1)</script> is not a number")

    assert guarded(label, fail) is False
    assert "&lt;script&gt;" in label.value and "<script>" not in label.value
    assert guarded(label, lambda: None) is True
    assert label.value == ""
    show_ok(label, "Saved")
    assert "Saved" in label.value


def test_guarded_lets_bugs_through():
    with pytest.raises(ZeroDivisionError):
        guarded(message_label(), lambda: 1 / 0)


def test_uploaded_files_gives_name_and_bytes(upload_value):
    upload = widgets.FileUpload(multiple=True)
    upload.value = upload_value(("cv.txt", b"hi"), ("ad.html", b"<p>x</p>"))
    assert uploaded_files(upload) == [("cv.txt", b"hi"), ("ad.html", b"<p>x</p>")]
