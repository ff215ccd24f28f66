"""Importers: public wage tables, job-board exports and any other CSV, as research rows.

Every import ends with an ``ImportReport``: rows read, rows kept, rows left out and why. A bad
or unpublished row is left out and counted; it never refuses the whole file.

- ``read_wage_table`` reads a wage table in any layout ``wage_tables`` knows (BLS national,
  state and metro; New York State; Washington State); ``load_bls_oews``, ``load_ny_wages`` and
  ``load_wage_table`` return just its rows.
- ``read_mapped_table`` reads any other CSV through a ``ColumnMapping`` the person chooses
  (which column is low, high, median, period, currency...); ``load_posting_ranges`` does the
  same for a job-board export already in a DataFrame (New York City's, for example).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, overload

import pandas as pd

from prep_lib.errors import SalaryDataError
from prep_lib.salary.pay import PERIODS, cell_currency, cell_period
from prep_lib.salary.reading import Source, read_table
from prep_lib.salary.table import SOURCE_KINDS, RowProblem, load_research
from prep_lib.salary.wage_tables import (
    TOP_CODE,
    Layout,
    bls_rows,
    layout_of,
    ny_rows,
    washington_rows,
)

__all__ = ["TOP_CODE", "ColumnMapping", "ImportReport", "Imported", "load_bls_oews"]
__all__ += ["load_ny_wages", "load_posting_ranges", "load_wage_table", "read_mapped_table"]
__all__ += ["read_wage_table"]

_QUOTED = re.compile(r"'[^']*'")  # a cell's value quoted in a reason
_KNOWN = (
    "It reads the BLS OEWS tables (national, state and metro, from bls.gov/oes/tables.htm), "
    "New York State's and Washington State's wage tables. For any other table, choose which of "
    "its columns hold the pay (in the panel: Import, then 'Any other CSV'; in Python: "
    "read_mapped_table)."
)


@dataclass(frozen=True)
class ImportReport:
    """What an import did: rows read, rows kept, and the rows left out, counted by reason."""

    name: str
    layout: str
    rows_read: int
    rows_kept: int
    skipped: tuple[tuple[str, int], ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def rows_skipped(self) -> int:
        return sum(n for _, n in self.skipped)

    def lines(self) -> list[str]:
        """The report in short lines of plain text, first the counts, then each reason."""
        lines = [
            f"{self.name} ({self.layout}): {self.rows_read:,} row{_s(self.rows_read)} read, "
            f"{self.rows_kept:,} kept, {self.rows_skipped:,} left out."
        ]
        lines += [f"Left out: {n:,} — {reason.rstrip('.')}." for reason, n in self.skipped]
        lines += [f"Note: {note}" for note in self.notes]
        return lines

    def __str__(self) -> str:
        return "\n".join(self.lines())


@dataclass(frozen=True)
class Imported:
    """The research rows an import produced (annual figures) and its report."""

    rows: pd.DataFrame
    report: ImportReport


def read_wage_table(
    source: Source,
    *,
    occupation: str | None = None,
    area: str | None = None,
    top_code: tuple[float, float] | None = None,
    layout: Literal["bls", "ny", "wa"] | None = None,
) -> Imported:
    """Read a public wage table (layout detected, or the one given) into research rows.

    ``occupation`` is an SOC code ("11-9111") or words of the title, ``area`` words of the
    area's name ("Columbus", "Seattle"); rows for other occupations and areas are counted in
    the report. For BLS tables ``top_code`` overrides what "#" stands for (by default the
    survey year's, read from the file name, such as ``national_M2021_dl.xlsx``).
    """
    table, name = read_table(source, kind="wage table")
    found = layout or layout_of(table)
    if found == "bls":
        rows = bls_rows(table, name, occupation=occupation, area=area, top_code=top_code)
    elif found == "ny":
        rows = ny_rows(table, name, occupation=occupation, area=area)
    elif found == "wa":
        rows = washington_rows(table, name, occupation=occupation, area=area)
    else:
        raise SalaryDataError(f"{name} is not a wage table this tool knows. {_KNOWN}")
    return _finish(rows, name, len(table))


def load_bls_oews(
    path: Source,
    *,
    occupation: str | None = None,
    area: str | None = None,
    top_code: tuple[float, float] | None = None,
) -> pd.DataFrame:
    """The rows of a US BLS occupational wage table (OEWS; national, state or metro; .xlsx or
    .csv), annual percentiles A_PCT10 … A_PCT90 as low, p25, median, p75, high (hourly ones,
    converted, for occupations paid by the hour). See ``read_wage_table`` and
    ``prep_lib.salary.wage_tables`` for the markers and the report."""
    return read_wage_table(
        path, occupation=occupation, area=area, top_code=top_code, layout="bls"
    ).rows


def load_ny_wages(
    path: Source, *, occupation: str | None = None, area: str | None = None
) -> pd.DataFrame:
    """The rows of a New York State Department of Labor wage table (CSV or .xlsx): entry wage
    as low, experienced wage as high, the median where it lies between them."""
    return read_wage_table(path, occupation=occupation, area=area, layout="ny").rows


def load_wage_table(
    path: Source, *, occupation: str | None = None, area: str | None = None
) -> pd.DataFrame:
    """The rows of a wage table in any layout this module knows (see ``read_wage_table``)."""
    return read_wage_table(path, occupation=occupation, area=area).rows


@dataclass(frozen=True)
class ColumnMapping:
    """Which column of a table holds what, for a table in no layout this tool knows.

    Name the columns holding pay (``low``, ``high``, ``median``: at least one), and say the
    period and currency either for every row (``period="hourly"``, ``currency="EUR"``) or by
    naming the column that gives them per row (``period_column``, ``currency_column``). The
    other columns are optional. Rows are named ``source_name`` (by default the file's name),
    followed by the title when a title column is given.
    """

    low: str | None = None
    high: str | None = None
    median: str | None = None
    period: str = "annual"
    period_column: str | None = None
    currency: str = "USD"
    currency_column: str | None = None
    title: str | None = None
    location: str | None = None
    date: str | None = None
    source_name: str = ""
    source_kind: str = "other"

    def columns(self) -> list[str]:
        """The table's columns this mapping uses."""
        named = (self.low, self.high, self.median, self.period_column, self.currency_column)
        return [c for c in (*named, self.title, self.location, self.date) if c]


def read_mapped_table(
    source: Source | pd.DataFrame, mapping: ColumnMapping, *, name: str = "the table"
) -> Imported:
    """Read any table through a ``ColumnMapping``; rows with bad values are left out and
    counted in the report, never the whole file. A range whose ends are equal is a single
    figure; a lowest pay of 0 means "up to" the highest (as job boards write it)."""
    if isinstance(source, pd.DataFrame):
        table = source.astype(str).where(source.notna(), "")
    else:
        table, name = read_table(source, kind="table")
    layout = _mapped_rows(table, mapping, mapping.source_name or name)
    return _finish(layout, name, len(table))


@overload
def load_posting_ranges(
    frame: pd.DataFrame,
    *,
    low: str,
    high: str,
    frequency: str,
    title: str | None = None,
    location: str | None = None,
    date: str | None = None,
    source: str = "Job posting",
    currency: str = "USD",
    errors: Literal["raise"] = "raise",
) -> pd.DataFrame: ...
@overload
def load_posting_ranges(
    frame: pd.DataFrame,
    *,
    low: str,
    high: str,
    frequency: str,
    title: str | None = None,
    location: str | None = None,
    date: str | None = None,
    source: str = "Job posting",
    currency: str = "USD",
    errors: Literal["skip"],
) -> tuple[pd.DataFrame, list[RowProblem]]: ...
def load_posting_ranges(
    frame: pd.DataFrame,
    *,
    low: str,
    high: str,
    frequency: str,
    title: str | None = None,
    location: str | None = None,
    date: str | None = None,
    source: str = "Job posting",
    currency: str = "USD",
    errors: Literal["raise", "skip"] = "raise",
) -> pd.DataFrame | tuple[pd.DataFrame, list[RowProblem]]:
    """Pay ranges from a job-board export, as research rows (one per posting).

    ``low``, ``high`` and ``frequency`` name the columns holding the range (in ``currency``) and
    how often it is paid (Annual, Hourly, Daily, …). A range whose ends are equal is a single
    figure; a missing or zero lower end leaves just the upper ("up to"). Mis-decoded text ("â€“")
    is repaired. ``errors`` works as in ``load_research``. Boards often list one job twice (New
    York City lists internal and external postings apart): drop those first if they matter.
    """
    if not isinstance(frame, pd.DataFrame):
        raise SalaryDataError("The postings must be a table (a pandas DataFrame).")
    mapping = ColumnMapping(
        low=low,
        high=high,
        period_column=frequency,
        currency=currency,
        title=title,
        location=location,
        date=date,
        source_name=source,
        source_kind="posting",
    )
    table = frame.astype(str).where(frame.notna(), "")
    layout = _mapped_rows(table, mapping, source)
    if errors == "skip":
        return load_research(layout.rows, errors="skip")
    return load_research(layout.rows)


def _mapped_rows(table: pd.DataFrame, mapping: ColumnMapping, source: str) -> Layout:
    """Research-file rows from ``table`` through ``mapping`` (pay as written)."""
    absent = [c for c in mapping.columns() if c not in table.columns]
    if absent:
        raise SalaryDataError(
            f"The table has no column {', '.join(map(repr, absent))}; its columns are "
            f"{', '.join(map(str, table.columns))}."
        )
    if not (mapping.low or mapping.high or mapping.median):
        raise SalaryDataError("Choose at least one column of pay: low, high or median.")
    if mapping.period_column is None and mapping.period not in PERIODS:
        raise SalaryDataError(
            f"Unknown period {mapping.period!r}; use one of {', '.join(PERIODS)}."
        )
    if mapping.source_kind not in SOURCE_KINDS:
        raise SalaryDataError(f"Unknown kind of source; use one of {', '.join(SOURCE_KINDS)}.")
    layout = Layout(pd.DataFrame(), "columns you chose")
    blank = pd.Series("", index=table.index)

    def column(name: str | None) -> pd.Series:
        return table[name].astype(str).str.strip() if name else blank

    low, high, median = column(mapping.low), column(mapping.high), column(mapping.median)
    start, end = pd.to_numeric(low, errors="coerce"), pd.to_numeric(high, errors="coerce")
    point = (start == end) & median.eq("")
    zero = start == 0
    if zero.any():
        layout.notes.append(
            f"{int(zero.sum()):,} row(s) give 0 as the lowest pay; read as 'up to' the highest."
        )
    period = column(mapping.period_column).map(lambda p: cell_period(p) or p)
    currency = column(mapping.currency_column).map(cell_currency)
    dates = pd.Series(pd.NaT, index=table.index)
    if mapping.date:
        dates = pd.to_datetime(column(mapping.date), errors="coerce", format="ISO8601")
        unread = dates.isna() & column(mapping.date).ne("")
        if unread.any():
            layout.notes.append(
                f"{int(unread.sum()):,} date(s) not written like 2026-11-05 were left blank."
            )
    titles = column(mapping.title)
    layout.rows = pd.DataFrame(
        {
            "source": (source + ": " + titles).where(titles != "", source),
            "source_kind": mapping.source_kind,
            "title": titles,
            "location": column(mapping.location),
            "low": low.where(~point & ~zero, ""),
            "median": median.where(~point, low),
            "high": high.where(~point, ""),
            "currency": currency if mapping.currency_column else mapping.currency,
            "period": period if mapping.period_column else mapping.period,
            "collected_on": dates.dt.strftime("%Y-%m-%d").fillna(""),
        }
    )
    return layout


def _finish(layout: Layout, name: str, rows_read: int) -> Imported:
    """Check the rows (bad ones are left out, counted by reason) and write the report."""
    rows, problems = load_research(layout.rows, errors="skip")
    skipped = Counter(layout.skipped)
    for reason, count in _reasons(problems).items():
        skipped[reason] += count
    report = ImportReport(
        name=name,
        layout=layout.name,
        rows_read=rows_read,
        rows_kept=len(rows),
        skipped=tuple(skipped.most_common()),
        notes=tuple(layout.notes),
    )
    return Imported(rows, report)


def _reasons(problems: Iterable[RowProblem]) -> Counter[str]:
    """Each bad row counted once, under the reason of its first problem, told once with an
    example ("low: no pay figure found in … (e.g. 'lots')")."""
    first: dict[int, RowProblem] = {}
    for problem in problems:
        first.setdefault(problem.row, problem)
    counts: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for p in first.values():
        said = re.split(r"(?<=[.;])\s", p.reason)[0].rstrip(".;")
        reason = p.column + ": " + _QUOTED.sub("…", said)
        examples.setdefault(reason, p.value)
        counts[reason] += 1
    return Counter({f"{reason} (e.g. {examples[reason]!r})": n for reason, n in counts.items()})


def _s(n: int) -> str:
    return "" if n == 1 else "s"
