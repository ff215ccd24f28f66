"""The panel of notebook 01: compare a resume with a posting and see what to prepare."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import ipywidgets as widgets
from IPython.display import HTML

from prep_lib.documents import load_text
from prep_lib.matching import DEFAULT_TOP_N, MatchReport, compare, require_text
from prep_lib.matching.report import MISSING_STYLE, PROVED_STYLE
from prep_lib.text import html_text
from prep_lib.widgets.common import (
    Panel,
    figure_image,
    fit,
    guarded,
    message_label,
    render,
    show_error,
    show_ok,
    uploaded_files,
)
from prep_lib.widgets.links import show_saved

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from prep_lib.widgets.scans import ScanHistoryPanel

DOCUMENT_TYPES = ".pdf,.docx,.md,.txt,.html,.htm"
_LABEL = {"description_width": "13em"}
_TEXT = "style='text-align:left'"  # words read from the left; JupyterLab right-aligns cells


def _wide() -> widgets.Layout:
    return widgets.Layout(width="calc(100% - 4px)", height="12em")  # 4px: the widget's margins


@dataclass(eq=False)
class MatchPanel(Panel):
    """The compare panel's parts: inputs, buttons, the messages beside them, and the outputs.

    ``company`` holds the company's other postings (name → text); ``company_for`` is the
    posting they were given with (the sample's), or None when the user uploaded them: given
    postings are set aside once the posting is another. ``report`` is the last result (None
    before the first Compare); ``history`` is the scan history shown below it for an
    application (``prep_lib.widgets.app.match_panel_for``).
    """

    posting: widgets.Textarea
    posting_upload: widgets.FileUpload
    posting_message: widgets.HTML
    resume: widgets.Textarea
    resume_upload: widgets.FileUpload
    resume_message: widgets.HTML
    company_upload: widgets.FileUpload
    company_clear: widgets.Button
    company_message: widgets.HTML
    top_n: widgets.IntSlider
    compare: widgets.Button
    progress: widgets.IntProgress
    score: widgets.HTML
    missing: widgets.HTML
    matched: widgets.Output
    posting_view: widgets.HTML
    chart: widgets.Output
    themes: widgets.Output
    save_markdown: widgets.Button
    save_csv: widgets.Button
    save_message: widgets.HTML
    company: dict[str, str] = field(default_factory=dict)
    company_for: str | None = None
    employer: str = ""  # the employer's name, when the application gives it
    report: MatchReport | None = None
    history: ScanHistoryPanel | None = None  # the scan history below, for one application

    def company_postings(self) -> dict[str, str]:
        """The company postings to compare with: the user's own, or those given with the
        posting now in the panel (never the sample's with another posting)."""
        if self.company_for is None or self.company_for == self.posting.value:
            return self.company
        return {}


def build_match_panel(
    *,
    posting: str = "",
    resume: str = "",
    company_postings: Mapping[str, str] | Sequence[str] = (),
    employer: str = "",
    top_n: int = DEFAULT_TOP_N,
) -> MatchPanel:
    """The compare panel: posting, resume and company postings in; score and terms out.

    When ``posting`` and ``resume`` are given, the panel opens with them already compared.
    ``employer`` (the application's company) is never listed as a term to prepare.
    """
    if isinstance(company_postings, Mapping):
        company = dict(company_postings)
    else:
        company = {f"posting {i}": text for i, text in enumerate(company_postings, start=1)}
    p = MatchPanel(
        widget=widgets.VBox(),
        posting=widgets.Textarea(
            value=posting,
            description="Job posting",
            placeholder="Paste the posting you were invited back for",
            layout=_wide(),
            style=_LABEL,
            continuous_update=False,
        ),
        posting_upload=widgets.FileUpload(
            accept=DOCUMENT_TYPES, description="Upload posting", layout=fit()
        ),
        posting_message=message_label(),
        resume=widgets.Textarea(
            value=resume,
            description="Your resume",
            placeholder="Paste your resume, or upload it below",
            layout=_wide(),
            style=_LABEL,
            continuous_update=False,
        ),
        resume_upload=widgets.FileUpload(
            accept=DOCUMENT_TYPES, description="Upload resume", layout=fit()
        ),
        resume_message=message_label(),
        company_upload=widgets.FileUpload(
            accept=DOCUMENT_TYPES, multiple=True, description="Company postings", layout=fit()
        ),
        company_clear=widgets.Button(description="Forget company postings", layout=fit()),
        company_message=message_label(),
        top_n=widgets.IntSlider(
            value=top_n,
            min=10,
            max=80,
            step=5,
            description="Number of key terms",
            style=_LABEL,
            continuous_update=False,
        ),
        compare=widgets.Button(description="Compare", button_style="primary"),
        progress=widgets.IntProgress(
            value=0, min=0, max=3, description="Working", layout=widgets.Layout(visibility="hidden")
        ),
        score=widgets.HTML(),
        missing=widgets.HTML(),
        matched=widgets.Output(),
        posting_view=widgets.HTML(),
        chart=widgets.Output(),
        themes=widgets.Output(),
        save_markdown=widgets.Button(description="Save report as Markdown", layout=fit()),
        save_csv=widgets.Button(description="Save terms as CSV", layout=fit()),
        save_message=message_label(),
        company=company,
        company_for=posting if company else None,
        employer=employer,
    )
    p.score.add_class("prep-score")
    p.missing.add_class("prep-missing")
    p.posting_view.add_class("prep-posting-view")
    _wire(p)
    p.widget.children = _layout(p)
    _show_company(p)
    if posting.strip() and resume.strip():
        _run(p)
    return p


def _layout(p: MatchPanel) -> tuple[widgets.Widget, ...]:
    heading = widgets.HTML
    return (
        heading("<h3>1. The posting</h3>"),
        p.posting,
        widgets.HBox([p.posting_upload, p.posting_message]),
        heading("<h3>2. Your resume</h3>"),
        p.resume,
        widgets.HBox([p.resume_upload, p.resume_message]),
        heading("<h3>3. The company's other postings (optional)</h3>"),
        widgets.HBox([p.company_upload, p.company_clear]),
        p.company_message,
        widgets.HBox([p.top_n, p.compare, p.progress]),
        heading("<h3>Result</h3>"),
        p.score,
        p.missing,
        heading("<h4>Key terms your resume proves, and where</h4>"),
        p.matched,
        p.chart,
        heading(
            "<h4>The posting, its key terms marked: "
            f"<mark style='{PROVED_STYLE}'>proved</mark> or "
            f"<mark style='{MISSING_STYLE}'>missing</mark></h4>"
        ),
        p.posting_view,
        heading("<h4>What the company asks for across its postings</h4>"),
        p.themes,
        widgets.HBox([p.save_markdown, p.save_csv, p.save_message]),
    )


def _wire(p: MatchPanel) -> None:
    """Connect the buttons and uploads to what they do."""
    p.posting_upload.observe(
        lambda _: _read_upload(p.posting_upload, p.posting, p.posting_message), "value"
    )
    p.resume_upload.observe(
        lambda _: _read_upload(p.resume_upload, p.resume, p.resume_message), "value"
    )
    p.company_upload.observe(lambda _: _read_company(p), "value")
    p.company_clear.on_click(lambda _: _clear_company(p))
    p.compare.on_click(lambda _: _run(p))
    p.save_markdown.on_click(lambda _: _save(p, "markdown"))
    p.save_csv.on_click(lambda _: _save(p, "csv"))


def _show_company(p: MatchPanel) -> None:
    used = p.company_postings()
    names = ", ".join(used) or "none"
    note = (
        " (the sample company's postings are set aside: they belong to the sample posting; "
        "upload your company's own)"
        if p.company and not used
        else ""
    )
    p.company_message.value = (
        f"<span class='prep-ok'>{len(used)} other postings of this company: "
        f"{html_text(names)}{html_text(note)}</span>"
    )


def _read_upload(
    upload: widgets.FileUpload, target: widgets.Textarea, message: widgets.HTML
) -> None:
    files = uploaded_files(upload)
    if files and guarded(message, lambda: setattr(target, "value", load_text(files[0]))):
        show_ok(message, f"Read {files[0][0]}. Press Compare.")


def _read_company(p: MatchPanel) -> None:
    files = uploaded_files(p.company_upload)

    def read() -> None:
        p.company = {name: load_text((name, data)) for name, data in files}
        p.company_for = None  # the user's own

    if files and guarded(p.company_message, read):
        _show_company(p)


def _clear_company(p: MatchPanel) -> None:
    p.company, p.company_for = {}, None
    _show_company(p)


def _run(p: MatchPanel) -> None:
    if not (
        guarded(p.posting_message, lambda: require_text(p.posting.value, "posting"))
        and guarded(p.resume_message, lambda: require_text(p.resume.value, "resume"))
    ):
        return  # the previous result stays

    def work() -> None:
        p.report = compare(
            p.posting.value,
            p.resume.value,
            company_postings=p.company_postings(),
            employer=p.employer,
            top_n=p.top_n.value,
        )

    p.compare.disabled = True
    p.progress.value, p.progress.layout.visibility = 1, "visible"
    try:
        done = guarded(p.posting_message, work)
        p.progress.value = 2
        if done and p.report is not None:
            _show(p, p.report)
        _show_company(p)
    finally:
        p.progress.value, p.progress.layout.visibility = 3, "hidden"
        p.compare.disabled = False


def _save(p: MatchPanel, kind: str) -> None:
    report = p.report
    if report is None:
        show_error(p.save_message, "Press Compare first: there is no report to save yet.")
        return
    saved = []
    if guarded(
        p.save_message,
        lambda: saved.append(report.save_markdown() if kind == "markdown" else report.save_csv()),
    ):
        show_saved(p.save_message, saved)


def _show(p: MatchPanel, report: MatchReport) -> None:
    """Render a report into the panel's result widgets."""
    p.score.value = (
        f"<p style='font-size:1.3em'><b>Score: {report.score:.0%}</b></p>"
        f"<p>{html_text(report.summary())}</p>"
    )
    p.missing.value = report.missing_html()
    render(p.matched, HTML(report.matched_html()))  # type: ignore[no-untyped-call]
    p.posting_view.value = report.posting_html()
    render(p.chart, figure_image(_figure(report)))
    themes = report.company_themes
    if themes.empty:
        hint = "Upload the company's other postings to see what it asks for across them."
        render(p.themes, HTML(f"<p>{hint}</p>"))  # type: ignore[no-untyped-call]
    else:
        rows = "".join(
            f"<tr><td {_TEXT}>{html_text(term)}</td><td>{postings}</td>"
            f"<td {_TEXT}>{'yes' if found else 'no — prepare an example'}</td></tr>"
            for term, postings, found in zip(
                themes["term"], themes["postings"], themes["in_resume"], strict=True
            )
        )
        render(
            p.themes,
            HTML(  # type: ignore[no-untyped-call]
                f"<table><thead><tr><th {_TEXT}>term</th><th>postings using it</th>"
                f"<th {_TEXT}>in your resume</th></tr></thead><tbody>{rows}</tbody></table>"
            ),
        )


def _figure(report: MatchReport) -> Figure:
    """The report's chart on a figure of its own."""
    import matplotlib.pyplot as plt

    figure, ax = plt.subplots(figsize=(7, 6.5))
    report.plot(ax=ax)
    return figure
