"""The salary panel's Import tab: wage tables, research files and any other CSV, each import
ending with its report (rows read, kept, left out and why).

Any other CSV (a salary site's export, a city's job postings...) is read through the columns
the person picks: which column is low, high, median, period and currency.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets

from prep_lib import salary
from prep_lib.errors import SalaryDataError
from prep_lib.salary.reading import read_table
from prep_lib.text import html_text
from prep_lib.widgets.common import (
    Panel,
    guarded,
    message_label,
    show_ok,
    show_whole_labels,
    uploaded_files,
)

MOST_IMPORTED_ROWS = 10  # a wage table has a row per occupation and area: pick a few
MOST_MAPPED_ROWS = 50  # postings or survey rows: narrow by title beyond this
PERIOD_CHOICES = [
    ("per year", "annual"),
    ("per month", "monthly"),
    ("twice a month", "semimonthly"),
    ("every two weeks", "biweekly"),
    ("per week", "weekly"),
    ("per day", "daily"),
    ("per hour", "hourly"),
]
CURRENCIES = ["USD", "GBP", "EUR", "CAD", "AUD", "INR", "BRL", "CHF", "SEK"]
ROLES = {  # the mapping's columns, in the order shown
    "low": "Low",
    "high": "High",
    "median": "Median",
    "title": "Job title",
    "location": "Location",
    "date": "Date",
}
NONE = ""  # the dropdown value meaning "no column"
_FORM = {"description_width": "8em"}


@dataclass(eq=False)
class ImportForms(Panel):
    """The Import tab: its inputs, buttons, messages and the report of the last import."""

    wage_file: widgets.FileUpload
    occupation: widgets.Text
    area: widgets.Text
    import_wages: widgets.Button
    wage_message: widgets.HTML
    research_file: widgets.FileUpload
    import_research: widgets.Button
    research_message: widgets.HTML
    other_file: widgets.FileUpload
    columns: dict[str, widgets.Dropdown]  # by role: low, high, median, title, location, date
    other_period: widgets.Dropdown  # ("every row", period) or ("column", its name)
    other_currency: widgets.Dropdown  # ("every row", code) or ("column", its name)
    other_kind: widgets.Dropdown
    other_titles: widgets.Text
    import_other: widgets.Button
    other_message: widgets.HTML
    report: widgets.HTML
    research_path: Path
    on_change: Callable[[], None]

    def mapping(self) -> salary.ColumnMapping:
        """The columns picked for the other CSV."""
        (period_kind, period), (currency_kind, currency) = (
            self.other_period.value,
            self.other_currency.value,
        )
        chosen = {role: box.value or None for role, box in self.columns.items()}
        return salary.ColumnMapping(
            low=chosen["low"],
            high=chosen["high"],
            median=chosen["median"],
            period=period if period_kind == "every row" else "annual",
            period_column=period if period_kind == "column" else None,
            currency=currency if currency_kind == "every row" else "USD",
            currency_column=currency if currency_kind == "column" else None,
            title=chosen["title"],
            location=chosen["location"],
            date=chosen["date"],
            source_kind=self.other_kind.value,
        )


def build_import_forms(research_path: Path, on_change: Callable[[], None]) -> ImportForms:
    """The Import tab for the research file at ``research_path``; ``on_change`` is called
    after an import added rows to it."""

    def text(description: str, placeholder: str = "") -> widgets.Text:
        return widgets.Text(
            description=description,
            placeholder=placeholder,
            style=_FORM,
            layout=widgets.Layout(width="36em"),
        )

    def dropdown(description: str) -> widgets.Dropdown:
        return widgets.Dropdown(
            description=description, style=_FORM, layout=widgets.Layout(width="24em")
        )

    forms = ImportForms(
        widget=widgets.VBox(),
        wage_file=widgets.FileUpload(accept=".xlsx,.csv", description="Choose wage table"),
        occupation=text("Occupation", "SOC code like 11-9111, or words of the title"),
        area=text("Area", "e.g. a city or state (blank: every area in the file)"),
        import_wages=widgets.Button(description="Import wage table"),
        wage_message=message_label(),
        research_file=widgets.FileUpload(accept=".csv", description="Choose research CSV"),
        import_research=widgets.Button(description="Import research CSV"),
        research_message=message_label(),
        other_file=widgets.FileUpload(accept=".csv,.xlsx", description="Choose other CSV"),
        columns={role: dropdown(label) for role, label in ROLES.items()},
        other_period=dropdown("Period"),
        other_currency=dropdown("Currency"),
        other_kind=widgets.Dropdown(
            description="Kind of source",
            options=salary.SOURCE_KINDS,
            value="other",
            style=_FORM,
            layout=widgets.Layout(width="24em"),
        ),
        other_titles=text("Only titles with", "words of the job title (blank: every row)"),
        import_other=widgets.Button(description="Import with these columns"),
        other_message=message_label(),
        report=widgets.HTML(),
        research_path=research_path,
        on_change=on_change,
    )
    show_whole_labels(
        forms.wage_file,
        forms.import_wages,
        forms.research_file,
        forms.import_research,
        forms.other_file,
        forms.import_other,
    )
    _offer_columns(forms, [])
    forms.widget.children = _layout(forms)
    forms.import_wages.on_click(lambda _button: _import_wages(forms))
    forms.import_research.on_click(lambda _button: _import_research(forms))
    forms.other_file.observe(lambda _change: _read_header(forms), names="value")
    forms.import_other.on_click(lambda _button: _import_other(forms))
    return forms


def _layout(f: ImportForms) -> tuple[widgets.Widget, ...]:
    columns = list(f.columns.values())
    return (
        widgets.HTML(
            "A wage table: the US BLS national, state or metro tables (.xlsx or .csv from "
            "bls.gov/oes/tables.htm), or New York State's or Washington State's:"
        ),
        f.wage_file,
        f.occupation,
        f.area,
        f.import_wages,
        f.wage_message,
        widgets.HTML("A research file in this tool's CSV layout:"),
        f.research_file,
        f.import_research,
        f.research_message,
        widgets.HTML(
            "Any other CSV (a salary site's export, job postings...): choose it, then say which "
            "of its columns holds what."
        ),
        f.other_file,
        widgets.HBox(columns[:3]),
        widgets.HBox([f.other_period, f.other_currency]),
        widgets.HBox(columns[3:]),
        widgets.HBox([f.other_kind, f.other_titles]),
        f.import_other,
        f.other_message,
        f.report,
    )


def _offer_columns(f: ImportForms, headers: Sequence[str]) -> None:
    """Fill the mapping's dropdowns with the file's columns; a column named like the role
    ("low", "Median") is picked, nothing else is guessed."""
    named = [(str(h), str(h)) for h in headers]
    for role, box in f.columns.items():
        box.options = [("(none)", NONE), *named]
        box.value = next((h for h in headers if str(h).strip().lower() == role), NONE)
    f.other_period.options = [
        *((f"{label}, every row", ("every row", key)) for label, key in PERIOD_CHOICES),
        *((f"column: {h}", ("column", h)) for _, h in named),
    ]
    f.other_currency.options = [
        *((f"{code}, every row", ("every row", code)) for code in CURRENCIES),
        *((f"column: {h}", ("column", h)) for _, h in named),
    ]
    for box, role in ((f.other_period, "period"), (f.other_currency, "currency")):
        box.value = next((v for _, v in box.options if v[1].lower() == role), box.options[0][1])


def _read_header(f: ImportForms) -> None:
    read: list[str] = []

    def offer() -> None:
        files = uploaded_files(f.other_file)
        if files:
            table, name = read_table(files[0], kind="table")
            _offer_columns(f, list(table.columns))
            read.append(f"{name}: {len(table):,} rows. Now pick its columns.")

    if guarded(f.other_message, offer) and read:
        show_ok(f.other_message, read[0])


def _import_wages(f: ImportForms) -> None:
    def add() -> int:
        files = uploaded_files(f.wage_file)
        if not files:
            raise SalaryDataError("Choose a wage table file first.")
        imported = salary.read_wage_table(
            files[0], occupation=f.occupation.value or None, area=f.area.value or None
        )
        _show_report(f, imported.report)
        rows = imported.rows
        if len(rows) > MOST_IMPORTED_ROWS:
            examples = "; ".join(rows["title"].head(3))
            raise SalaryDataError(
                f"{len(rows)} rows match (e.g. {examples}). Narrow the occupation (a code "
                f"like 11-9111) or the area so that at most {MOST_IMPORTED_ROWS} match."
            )
        if rows.empty:
            raise SalaryDataError("No row of the wage table has a figure to import.")
        salary.append_research(salary.file_rows(rows), path=f.research_path)
        return len(rows)

    _run(f, f.wage_message, add, "from the wage table")


def _import_research(f: ImportForms) -> None:
    def add() -> int:
        files = uploaded_files(f.research_file)
        if not files:
            raise SalaryDataError("Choose a research CSV file first.")
        return salary.import_research(files[0], path=f.research_path)

    _run(f, f.research_message, add, "from the research file")


def _import_other(f: ImportForms) -> None:
    def add() -> int:
        files = uploaded_files(f.other_file)
        if not files:
            raise SalaryDataError("Choose the CSV file first.")
        imported = salary.read_mapped_table(files[0], f.mapping())
        _show_report(f, imported.report)
        rows = imported.rows
        if f.other_titles.value.strip():
            rows = salary.filter_research(rows, title=f.other_titles.value)
        if rows.empty:
            raise SalaryDataError("No row to import: widen the title words or check the columns.")
        if len(rows) > MOST_MAPPED_ROWS:
            raise SalaryDataError(
                f"{len(rows):,} rows would be imported; type words of the job title in 'Only "
                f"titles with' so that at most {MOST_MAPPED_ROWS} match."
            )
        salary.append_research(salary.file_rows(rows), path=f.research_path)
        return len(rows)

    _run(f, f.other_message, add, "with the columns you chose")


def _run(f: ImportForms, message: widgets.HTML, add: Callable[[], int], how: str) -> None:
    """Run an import (``add`` returns how many rows it added to the research file); on success
    refresh the panel and say so beside the button."""
    f.report.value = ""
    added: list[int] = []
    if guarded(message, lambda: added.append(add())):
        f.on_change()
        show_ok(message, f"Imported {added[0]} row{'s' if added[0] != 1 else ''} {how}.")


def _show_report(f: ImportForms, report: salary.ImportReport) -> None:
    lines = "".join(f"<li>{html_text(line)}</li>" for line in report.lines()[1:])
    f.report.value = (
        f'<div class="prep-import-report"><b>{html_text(report.lines()[0])}</b>'
        f"{f'<ul>{lines}</ul>' if lines else ''}</div>"
    )
