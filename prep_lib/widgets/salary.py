"""The salary research panel: filters, strengths, the chart, the ask, and forms to add figures.

It shows one research file: the user's own (``salary_research.csv`` in their data folder) or,
with ``sample=True``, the fictional sample candidate's, which is only shown, never added to.
The two never mix: an empty file of the user's shows no figures and no ask, and says how to add
some. The Import tab (wage tables, research files, any other CSV through a column mapping) is
built in ``prep_lib.widgets.salary_import``; correcting and deleting figures in
``prep_lib.widgets.salary_figures``.
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML
from matplotlib.figure import Figure

from prep_lib import salary
from prep_lib.errors import PrepError, SalaryDataError
from prep_lib.files import write_version
from prep_lib.paths import sample_path, user_path
from prep_lib.widgets.common import (
    Panel,
    clear_message,
    figure_image,
    fit,
    guarded,
    message_label,
    render,
    show_error,
    show_ok,
    show_whole_labels,
)
from prep_lib.widgets.links import show_saved
from prep_lib.widgets.salary_figures import (
    FigurePicker,
    build_figure_picker,
    fill_form,
    ready_for_the_next,
    replace_figure,
)
from prep_lib.widgets.salary_import import (
    CURRENCIES,
    PERIOD_CHOICES,
    ImportForms,
    build_import_forms,
)

EVERY = ""  # the filter value meaning "no filter"
SAMPLE_ONLY = (
    "<p>These are the <b>sample candidate's</b> figures (fictional), shown only. Your own "
    "figures belong to your own application: choose it, or start one, at the top.</p>"
)
NO_FIGURES = (
    "No ask yet: your research file has no figures. Add what you collected in <b>Add a "
    "figure</b> or <b>Import</b>; an ask needs at least three sources."
)
FEW_SOURCES = 3  # an ask from fewer sources than this gets a warning
EXPORTS = {"png": "salary-chart.png", "svg": "salary-chart.svg", "csv": "salary-table.csv"}
_WIDE = {"description_width": "initial"}
_FORM = {"description_width": "8em"}  # one width for a form's labels, so its inputs line up


def _form_layout() -> widgets.Layout:
    return widgets.Layout(width="36em")  # room for the longest hint


@dataclass(frozen=True)
class Filters:
    """What the panel's filters ask for: a title and a location (None: any) and the years."""

    title: str | None
    location: str | None
    years: int

    def rows(self, research: pd.DataFrame) -> pd.DataFrame:
        return salary.filter_research(
            research, title=self.title, location=self.location, years=self.years
        )

    def summary(self, research: pd.DataFrame) -> salary.SalarySummary:
        return salary.summarize(
            research, title=self.title, location=self.location, years=self.years
        )


@dataclass(eq=False)
class SalaryPanel(Panel):
    """The salary panel: its named parts (for tests and notebooks) and what it shows.

    Display it by putting it last in a cell; ``widget`` is the whole panel.
    """

    status: widgets.HTML
    title: widgets.Dropdown
    location: widgets.Dropdown
    years: widgets.IntSlider
    strengths: dict[str, widgets.Checkbox]
    filter_message: widgets.HTML
    ask: widgets.HTML
    chart: widgets.Output
    table: widgets.Output
    # add a figure
    source: widgets.Text
    source_message: widgets.HTML
    source_kind: widgets.Dropdown
    figure_title: widgets.Text
    figure_location: widgets.Text
    pay: widgets.Text
    pay_message: widgets.HTML
    period: widgets.Dropdown
    currency: widgets.Combobox
    collected_on: widgets.DatePicker
    notes: widgets.Text
    weight: widgets.BoundedFloatText
    experience: widgets.Text
    experience_message: widgets.HTML
    add: widgets.Button
    add_message: widgets.HTML
    imports: ImportForms
    # exports
    save_png: widgets.Button
    save_svg: widgets.Button
    save_csv: widgets.Button
    export_message: widgets.HTML
    figures: FigurePicker
    # state
    research_path: Path
    posting_range: tuple[float, float] | None = None
    posting_currency: str = "USD"
    research: pd.DataFrame = field(default_factory=pd.DataFrame)
    using_sample: bool = False
    current_ask: salary.Ask | None = None
    reloading: bool = False
    on_choices: Callable[[dict[str, Any]], None] = lambda _choices: None

    @property
    def choices(self) -> dict[str, Any]:
        """What the ask is made from: title, location, years and strengths."""
        return {
            "title": self.title.value or None,
            "location": self.location.value or None,
            "years": self.years.value,
            "strengths": self.chosen_strengths,
        }

    @property
    def filters(self) -> Filters:
        return Filters(self.title.value or None, self.location.value or None, self.years.value)

    @property
    def exports(self) -> dict[str, widgets.Button]:
        """The export buttons by kind of file (``EXPORTS``)."""
        return {"png": self.save_png, "svg": self.save_svg, "csv": self.save_csv}

    @property
    def chosen_strengths(self) -> list[str]:
        return [key for key, box in self.strengths.items() if box.value]


def build_salary_panel(
    *,
    path: Path | None = None,
    sample: bool = False,
    years: int | None = None,
    strengths: Iterable[str] = (),
    title: str | None = None,
    location: str | None = None,
    posting_range: tuple[float, float] | None = None,
    posting_currency: str = "USD",
    on_choices: Callable[[dict[str, Any]], None] | None = None,
) -> SalaryPanel:
    """Build (without displaying) the salary research panel.

    It shows the user's research file (``path``, by default ``salary_research.csv`` in their
    data folder), or with ``sample=True`` the fictional sample candidate's research (``path``
    by default the sample's file), which is shown only: its forms add nothing. Filters, the
    experience slider and the strengths redraw the chart and the ask at once; ``on_choices``
    hears of each change the user makes (``SalaryPanel.choices``). Figures added or imported
    are checked and appended to the user's file; ``posting_range`` (yearly low, high, in
    ``posting_currency``) is the pay the posting states.
    """

    unknown = set(strengths) - {s.key for s in salary.STRENGTHS}
    if unknown:
        raise SalaryDataError(f"Unknown strength {', '.join(sorted(unknown))}.")

    def text(description: str, placeholder: str = "") -> widgets.Text:
        return widgets.Text(
            description=description, placeholder=placeholder, style=_FORM, layout=_form_layout()
        )

    default = sample_path("salary_research.csv") if sample else salary.research_path()
    research = Path(path) if path else default
    boxes = {
        s.key: widgets.Checkbox(
            value=s.key in strengths,
            description=s.label,
            indent=False,
            layout=fit(),
        )
        for s in salary.STRENGTHS
    }
    panel = SalaryPanel(
        widget=widgets.VBox(),
        status=widgets.HTML(),
        title=widgets.Dropdown(description="Job title", style=_WIDE),
        location=widgets.Dropdown(description="Location", style=_WIDE),
        years=widgets.IntSlider(
            value=years if years is not None else 5,
            min=0,
            max=40,
            description="Years of experience",
            continuous_update=False,
            style=_WIDE,
        ),
        strengths=boxes,
        filter_message=message_label(),
        ask=widgets.HTML(),
        chart=widgets.Output(),
        table=widgets.Output(),
        source=text("Source", "e.g. a salary site, a wage survey, a recruiter"),
        source_message=message_label(),
        source_kind=widgets.Dropdown(
            description="Kind of source",
            options=salary.SOURCE_KINDS,
            value="salary site",
            style=_FORM,
            layout=_form_layout(),
        ),
        figure_title=text("Job title", "the job the figure is for"),
        figure_location=text("Location", "e.g. a city, a state, or blank"),
        pay=widgets.Text(
            description="Pay",
            placeholder="$80,000-$92,000, $85K or $40 an hour",
            continuous_update=False,
            style=_FORM,
            layout=_form_layout(),
        ),
        pay_message=message_label(),
        period=widgets.Dropdown(
            description="Period",
            options=PERIOD_CHOICES,
            value="annual",
            style=_FORM,
            layout=_form_layout(),
        ),
        currency=widgets.Combobox(
            description="Currency",
            options=CURRENCIES,
            value="USD",
            style=_FORM,
            layout=_form_layout(),
        ),
        collected_on=widgets.DatePicker(description="Collected on", style=_FORM),
        notes=text("Notes"),
        weight=widgets.BoundedFloatText(
            value=1,
            min=0,
            max=10,
            step=0.5,
            description="Weight",
            tooltip="How much it counts: 1 as a rule, 0.5 for a loose match",
            style=_FORM,
            layout=widgets.Layout(width="14em"),
        ),
        experience=text("Experience", "years it applies to: 3-5, 5+ or blank for any"),
        experience_message=message_label(),
        add=widgets.Button(description="Add figure", button_style="primary"),
        add_message=message_label(),
        imports=build_import_forms(research, on_change=lambda: _reload(panel)),
        save_png=widgets.Button(description="Save chart (PNG)"),
        save_svg=widgets.Button(description="Save chart (SVG)"),
        save_csv=widgets.Button(description="Save table (CSV)"),
        export_message=message_label(),
        figures=build_figure_picker(
            research, on_pick=lambda row: fill_form(panel, row), after=lambda: _reload(panel)
        ),
        research_path=research,
        posting_range=posting_range,
        posting_currency=posting_currency,
        using_sample=sample,
    )
    show_whole_labels(panel.add, panel.save_png, panel.save_svg, panel.save_csv)
    panel.widget.children = _layout(panel)
    _load(panel)
    if years is None:
        panel.years.value = _current_years(panel.research)
    for dropdown, wanted in ((panel.title, title), (panel.location, location)):
        if wanted in [value for _, value in dropdown.options]:
            dropdown.value = wanted
    _wire(panel)
    _refresh(panel)
    if on_choices is not None:
        panel.on_choices = on_choices
    return panel


def _layout(p: SalaryPanel) -> tuple[widgets.Widget, ...]:
    strengths = widgets.GridBox(
        list(p.strengths.values()),
        layout=widgets.Layout(grid_template_columns="repeat(2, 1fr)"),
    )
    for dropdown in (p.title, p.location):
        dropdown.layout = widgets.Layout(width="48%")
    add = widgets.VBox(
        [
            p.figures.picker,
            widgets.HBox([p.source, p.source_message]),
            p.source_kind,
            p.figure_title,
            p.figure_location,
            widgets.HBox([p.pay, p.pay_message]),
            p.period,
            p.currency,
            p.collected_on,
            widgets.HBox([p.experience, p.experience_message]),
            widgets.HBox(
                [p.weight, widgets.HTML("<small>1 as a rule; 0.5 for a loose match</small>")]
            ),
            p.notes,
            widgets.HBox([p.add, p.add_message]),
            p.figures.delete.widget,
        ]
    )
    p.figures.delete.widget.layout.display = "none"
    export = widgets.VBox([widgets.HBox([p.save_png, p.save_svg, p.save_csv]), p.export_message])
    if p.using_sample:
        add = widgets.HTML(SAMPLE_ONLY)
    tabs = widgets.Tab(
        [p.table, add, widgets.HTML(SAMPLE_ONLY) if p.using_sample else p.imports.widget, export],
        titles=("Figures", "Add a figure", "Import", "Export"),
    )
    return (
        p.status,
        widgets.HBox([p.title, p.location]),
        p.years,
        widgets.HTML("<b>Strengths that justify a higher ask</b>"),
        strengths,
        p.filter_message,
        p.ask,
        p.chart,
        tabs,
    )


def _load(p: SalaryPanel) -> None:
    """Read the research file the panel shows (the sample's, or the user's own)."""
    own, trouble = None, ""
    problems: list[salary.RowProblem] = []
    if p.research_path.exists() and p.research_path.read_bytes().strip():
        try:
            own, problems = salary.load_research(p.research_path, errors="skip")
        except SalaryDataError as error:
            trouble = _status_error(f"Your research file cannot be read: {error}")
    if own is None:
        own = _empty_research()
    p.research = own
    where = html.escape(p.research_path.name)
    if p.using_sample:
        status = (
            "Showing the <b>sample candidate's</b> research (fictional). Your own figures go "
            "with your own application: choose it, or start one, at the top."
        )
    elif own.empty:
        status = f"Your research file {where} in your data folder has no figures yet."
    else:
        count = f"{len(own)} figure{'s' if len(own) > 1 else ''}"
        status = f"Showing your research file {where} ({count}), kept in your data folder."
    if problems:
        rows = len({problem.row for problem in problems})
        details = "<br>".join(html.escape(str(problem)) for problem in problems[:10])
        trouble += _status_error(f"{rows} row(s) of your file are left out until fixed:")
        trouble += f"<br><small>{details}</small>"
    if p.posting_range is not None:
        low, high = (salary.format_money(v, p.posting_currency) for v in p.posting_range)
        stated = low if low == high else f"{low} to {high}"
        status += f"<br>The posting states {stated} a year: the hatched band."
    p.status.value = status + trouble
    _set_options(p)
    if not p.using_sample:
        p.figures.refresh()


def _empty_research() -> pd.DataFrame:
    """A research table with no figures (the shape ``load_research`` returns)."""
    return salary.load_research(
        pd.DataFrame([{"source": "x", "median": 1, "currency": "USD", "period": "annual"}])
    ).iloc[0:0]


def _status_error(text: str) -> str:
    return f'<br><span class="prep-error" style="color:#b00020">⚠ {html.escape(text)}</span>'


def _set_options(p: SalaryPanel) -> None:
    market = p.research[p.research["source_kind"] != "current pay"]
    for dropdown, column, every in (
        (p.title, "title", "All titles"),
        (p.location, "location", "All locations"),
    ):
        values = sorted(v for v in set(market[column]) if v)
        keep = dropdown.value if dropdown.value in values else EVERY
        dropdown.options = [(every, EVERY), *((v, v) for v in values)]
        dropdown.value = keep


def _current_years(research: pd.DataFrame) -> int:
    mine = research.loc[research["source_kind"] == "current pay", "experience_min"].dropna()
    return int(mine.iloc[-1]) if len(mine) else 5


def _wire(p: SalaryPanel) -> None:
    for control in (p.title, p.location, p.years, *p.strengths.values()):
        control.observe(lambda _change: _refresh(p), names="value")
        control.observe(lambda _change: _choices_changed(p), names="value")
    p.pay.observe(lambda _change: _follow_figure(p), names="value")
    p.add.on_click(lambda _button: _add_figure(p))
    for kind, button in p.exports.items():
        button.on_click(lambda _button, kind=kind: _export(p, kind))


def _refresh(p: SalaryPanel) -> None:
    """Redraw the ask, the chart and the table for the current filters and strengths."""
    if p.reloading:
        return
    if p.research[p.research["source_kind"] != "current pay"].empty:
        p.current_ask = None
        clear_message(p.filter_message)
        p.ask.value = f'<div class="salary-ask">{NO_FIGURES}</div>'
        render(p.chart)
        render(p.table, HTML("<p>No figures yet.</p>"))  # type: ignore[no-untyped-call]
        return

    def show() -> None:
        summary = p.filters.summary(p.research)
        ask = salary.recommend_ask(
            summary, strengths=p.chosen_strengths, posting_range=p.posting_range
        )
        p.current_ask = ask
        p.ask.value = (
            f'<div class="salary-ask"><b>{html.escape(ask.headline)}</b><br>'
            f"{html.escape(ask.rationale)}{_few_sources(summary.n_sources)}</div>"
        )
        figure = _plot(p, ask, summary.current)
        render(p.chart, figure_image(figure, dpi=100))
        render(p.table, _table(p.filters.rows(p.research)))

    if not guarded(p.filter_message, show):
        p.current_ask = None
        p.ask.value = '<div class="salary-ask">No ask: no figures match these filters.</div>'
        render(p.chart)


def _few_sources(n: int) -> str:
    """A warning when the ask rests on fewer than ``FEW_SOURCES`` sources; '' otherwise."""
    if n >= FEW_SOURCES:
        return ""
    return (
        '<br><span class="prep-warning" role="status" style="color:#8a4b00">⚠ Only '
        f"{n} source{'s' if n != 1 else ''} match: an ask from fewer than {FEW_SOURCES} is "
        "easy to challenge. Add figures from more sources, or widen the filters.</span>"
    )


def _plot(p: SalaryPanel, ask: salary.Ask, current: float | None) -> Figure:
    rows = p.filters.rows(p.research)
    ax = salary.plot_ranges(rows, ask=ask, current=current, posting_range=p.posting_range)
    figure = ax.figure
    assert isinstance(figure, Figure)  # plot_ranges draws on a figure of its own
    return figure


def _image(figure: Figure, kind: str) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format=kind, bbox_inches="tight", dpi=100)
    return buffer.getvalue()


def _table(rows: pd.DataFrame) -> pd.DataFrame:
    """The figures as a person reads them: money like $85K, the period they were given in."""
    shown = rows.loc[:, ["source", "source_kind", "title", "location"]].copy()
    for column in salary.PAY_COLUMNS:
        currency = rows["currency"]
        shown[column] = [
            "" if pd.isna(v) else salary.format_money(v, c, short=True)
            for v, c in zip(rows[column], currency, strict=True)
        ]
    shown["given"] = rows["period"]
    shown["collected"] = rows["collected_on"].dt.strftime("%Y-%m-%d").fillna("")
    return shown.reset_index(drop=True)


def _choices_changed(p: SalaryPanel) -> None:
    """Tell the owner of the panel what the ask is now made from (it keeps it)."""
    if p.reloading:
        return
    try:
        p.on_choices(p.choices)
    except PrepError as error:  # the choice still shows; only keeping it failed
        show_error(p.filter_message, error)


def _follow_figure(p: SalaryPanel) -> None:
    """When the typed pay names a period or currency, set the form's choices to match; when it
    cannot be read, say so beside it."""
    try:
        figure = salary.parse_pay(p.pay.value)
    except SalaryDataError as error:
        show_error(p.pay_message, error)
        return
    clear_message(p.pay_message)
    if figure and figure.period:
        p.period.value = figure.period
    if figure and figure.currency:
        p.currency.value = figure.currency


def _add_figure(p: SalaryPanel) -> None:
    """Append the form's figure to the user's file; an error shows beside the input at fault:
    the source, the pay (with its period and currency), or the button for the file itself."""
    rows: list[dict[str, object]] = []

    def read_source() -> None:
        if not p.source.value.strip():
            raise SalaryDataError("Type where the figure comes from: a site, a person, a survey.")

    def read_experience() -> None:
        salary.years_range(p.experience.value)

    def read_pay() -> None:
        rows.append(
            salary.new_figure(
                source=p.source.value,
                pay=p.pay.value,
                period=p.period.value,
                currency=p.currency.value,
                source_kind=p.source_kind.value,
                title=p.figure_title.value,
                location=p.figure_location.value,
                collected_on=p.collected_on.value,
                notes=p.notes.value,
                weight=p.weight.value,
                experience=p.experience.value,
            )
        )

    clear_message(p.add_message)
    if p.using_sample:
        show_error(p.add_message, "The sample's figures are shown only; add yours to your own.")
        return
    source_ok = guarded(p.source_message, read_source)
    experience_ok = guarded(p.experience_message, read_experience)
    if not (experience_ok and guarded(p.pay_message, read_pay) and source_ok):
        return
    row = p.figures.chosen
    if row is not None:
        if guarded(p.add_message, lambda: replace_figure(p.research_path, row, rows[0])):
            _reload(p)
            show_ok(p.add_message, f"Saved the corrected figure from {p.source.value.strip()}.")
        return
    if guarded(p.add_message, lambda: salary.append_research(rows, path=p.research_path)):
        _reload(p)
        show_ok(p.add_message, f"Added {p.source.value.strip()} to your research file.")
        ready_for_the_next(p)


def _reload(p: SalaryPanel) -> None:
    """Show the user's file after it changed, with one redraw."""
    p.reloading = True
    try:
        _load(p)
    finally:
        p.reloading = False
    _refresh(p)


def _export(p: SalaryPanel, kind: str) -> None:
    """Save the chart or the table in the data folder (beside an earlier, different one)."""
    saved: list[Path] = []

    def save() -> None:
        if p.current_ask is None:
            raise SalaryDataError("There is nothing to save yet; add figures or widen the filters.")
        rows = p.filters.rows(p.research)
        if kind == "csv":
            content: bytes | str = salary.file_rows(rows).to_csv(index=False)
        else:
            figure = _plot(p, p.current_ask, salary.current_pay(p.research))
            try:
                content = _image(figure, kind)
            finally:
                plt.close(figure)
        saved.append(write_version(user_path(EXPORTS[kind]), content, error=SalaryDataError))

    if guarded(p.export_message, save):
        show_saved(p.export_message, saved)
