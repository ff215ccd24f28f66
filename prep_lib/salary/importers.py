"""Importers: public wage tables and job-board exports turned into research rows.

``load_bls_oews`` reads the US BLS occupational wage tables (national, state, metro),
``load_ny_wages`` New York State's, ``load_wage_table`` whichever of these a file is, and
``load_posting_ranges`` the pay ranges of a job-board export.
"""

from __future__ import annotations

import re
from typing import Literal

import numpy as np
import pandas as pd

from prep_lib.errors import SalaryDataError
from prep_lib.salary.pay import PERIOD_ALIASES
from prep_lib.salary.table import PAY_COLUMNS, RowProblem, Source, load_research, read_table

TOP_CODE = (239_200.0, 115.0)
"""What "#" stands for in BLS tables (May 2023): at least $239,200 a year or $115.00 an hour."""

_BLS_ANNUAL = ("A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90")
_BLS_HOURLY = ("H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90")
_BLS_MISSING = {"", "*", "**", "~", "nan"}
_GROUP_ORDER = {"detailed": 0, "broad": 1, "minor": 2, "major": 3, "total": 4}


def load_bls_oews(
    path: Source,
    *,
    occupation: str | None = None,
    area: str | None = None,
    top_code: tuple[float, float] = TOP_CODE,
) -> pd.DataFrame:
    """Read a US BLS occupational wage table (OEWS; national, state or metro; .xlsx or .csv).

    Uses the annual percentiles A_PCT10 … A_PCT90 (low, p25, median, p75, high); occupations with
    hourly figures only (H_*) are converted with ``PERIODS``. ``#`` (top-coded: at least
    ``top_code``, $239,200 a year or $115.00 an hour in May 2023) is kept as that lower bound and
    the row marked ``top_coded``; ``*`` (not available) is left blank. An occupation listed as both
    a broad and a detailed group with the same figures appears once. ``occupation`` is an SOC
    code ("11-9111") or words of the title; ``area`` words of AREA_TITLE (national tables: "United
    States").
    """
    table, name = read_table(path, kind="wage table")
    return _bls_rows(table, name, occupation=occupation, area=area, top_code=top_code)


def _bls_rows(
    table: pd.DataFrame,
    name: str,
    *,
    occupation: str | None,
    area: str | None,
    top_code: tuple[float, float] = TOP_CODE,
) -> pd.DataFrame:
    table.columns = [str(c).strip().upper() for c in table.columns]
    if not {"OCC_CODE", "OCC_TITLE"} <= set(table.columns) or "A_MEDIAN" not in table.columns:
        raise SalaryDataError(
            f"{name} is not a BLS OEWS wage table (it needs OCC_CODE, OCC_TITLE and A_MEDIAN "
            "columns). Download one from bls.gov/oes/tables.htm."
        )
    if "AREA_TITLE" not in table.columns:
        table["AREA_TITLE"] = "United States"
    table = _pick(table, "OCC_CODE", "OCC_TITLE", "AREA_TITLE", occupation, area, name)
    for column in _BLS_HOURLY:
        if column not in table.columns:
            table[column] = ""
    group = table.get("O_GROUP", table.get("OCC_GROUP", pd.Series("", index=table.index)))
    table = table.assign(_rank=group.str.lower().map(_GROUP_ORDER).fillna(9)).sort_values(
        "_rank", kind="stable"
    )
    table = table.drop_duplicates(["AREA_TITLE", "OCC_TITLE", *_BLS_ANNUAL, *_BLS_HOURLY])
    annual, annual_top = _bls_figures(table, _BLS_ANNUAL, top_code[0])
    hourly, hourly_top = _bls_figures(table, _BLS_HOURLY, top_code[1])
    use_hourly = annual.isna().all(axis=1) & hourly.notna().any(axis=1)
    figures = np.where(use_hourly.to_numpy()[:, None], hourly.to_numpy(), annual.to_numpy())
    top = annual_top.where(~use_hourly, hourly_top)
    year = re.search(r"_M(\d{4})", name)
    survey = f"BLS OEWS May {year[1]}" if year else "BLS OEWS"
    cap = f"${top_code[0]:,.0f} a year or ${top_code[1]:,.2f} an hour"
    rows = pd.DataFrame(
        {
            "source": survey + ", " + table["OCC_CODE"] + " (" + table["AREA_TITLE"] + ")",
            "source_kind": "government",
            "title": table["OCC_TITLE"],
            "location": table["AREA_TITLE"],
            "currency": "USD",
            "period": np.where(use_hourly, "hourly", "annual"),
            "notes": "Low and high are the 10th and 90th percentiles."
            + top.map({True: f" Figures shown as # are at least {cap}.", False: ""}),
            "top_coded": top,
        }
    )
    rows[list(PAY_COLUMNS)] = figures
    return load_research(rows.reset_index(drop=True))


def _bls_figures(
    table: pd.DataFrame, columns: tuple[str, ...], top: float
) -> tuple[pd.DataFrame, pd.Series]:
    cells = table[list(columns)].apply(lambda c: c.str.replace(",", ""))
    marked = cells == "#"
    blank = cells.isin(list(_BLS_MISSING))
    values = cells.mask(marked | blank).apply(pd.to_numeric, errors="coerce")
    junk = values.isna() & ~marked & ~blank
    if junk.any().any():
        row, column = junk.stack()[junk.stack()].index[0]
        raise SalaryDataError(
            f"The wage table has {cells.at[row, column]!r} in {column}, which is neither a number "
            "nor one of the BLS markers (# top-coded, * not available)."
        )
    return values.mask(marked, top), marked.any(axis=1)


def _pick(
    table: pd.DataFrame,
    code: str,
    title: str,
    area_column: str,
    occupation: str | None,
    area: str | None,
    name: str,
) -> pd.DataFrame:
    """Rows of a wage table for an occupation (SOC code or title words) and an area."""
    if occupation:
        wanted = occupation.strip()
        if re.fullmatch(r"\d{2}-\d{4}", wanted):
            table = table[table[code] == wanted]
        else:  # every word, at the start of a word of the title: "actor" is not "Contractors"
            for word in wanted.split():
                table = table[table[title].str.contains(rf"\b{re.escape(word)}", case=False)]
    if area:
        table = table[table[area_column].str.contains(area.strip(), case=False, regex=False)]
    if table.empty:
        asked = " and ".join(
            f"{what} {value!r}" for what, value in (("occupation", occupation), ("area", area))
        )
        raise SalaryDataError(f"{name} has no rows for {asked}. Check the code or the spelling.")
    return table


def load_ny_wages(
    path: Source, *, occupation: str | None = None, area: str | None = None
) -> pd.DataFrame:
    """Read a New York State Department of Labor occupational wage table (CSV or .xlsx).

    Its layout differs from BLS's: mean, median, entry and experienced annual wages by region,
    with headers padded with spaces. The entry wage (the mean of the lowest third) becomes
    ``low`` and the experienced wage (the mean of the upper two thirds) ``high``. The median is
    kept only where it lies between them: in skewed occupations it can be above the experienced
    wage, and the row says so in its notes.
    """
    table, name = read_table(path, kind="wage table")
    return _ny_rows(table, name, occupation=occupation, area=area)


def _ny_rows(
    table: pd.DataFrame, name: str, *, occupation: str | None, area: str | None
) -> pd.DataFrame:
    table.columns = [re.sub(r"\s+", " ", str(c)).strip().title() for c in table.columns]
    needed = (
        *("Area Name", "Standard Occupational Code", "Occupational Title"),
        *("Entry Wage", "Median Wage", "Experienced Wage"),
    )
    if not set(needed) <= set(table.columns):
        raise SalaryDataError(
            f"{name} is not a New York State wage table (it needs the columns {', '.join(needed)})."
        )
    table = _pick(table, needed[1], needed[2], "Area Name", occupation, area, name).reset_index(
        drop=True
    )
    wages = {
        column: pd.to_numeric(table[f"{column} Wage"], errors="coerce")
        for column in ("Entry", "Median", "Experienced")
    }
    median_fits = (wages["Median"] >= wages["Entry"]) & ~(wages["Median"] > wages["Experienced"])
    place = table["Area Name"]
    rows = pd.DataFrame(
        {
            "source": "NY State DOL wages, " + table[needed[1]] + " (" + place + ")",
            "source_kind": "government",
            "title": table[needed[2]],
            "location": place.where(place == "New York State", place + ", NY"),
            "low": wages["Entry"],
            "median": wages["Median"].where(median_fits),
            "high": wages["Experienced"],
            "currency": "USD",
            "period": "annual",
            "notes": "Low is the entry wage, high the experienced wage."
            + np.where(
                wages["Median"].notna() & ~median_fits,
                " The median (above the experienced wage here) is left out.",
                "",
            )
            + np.where(wages["Experienced"].isna(), " No experienced wage was published.", ""),
        }
    )
    return load_research(rows)


def load_wage_table(
    path: Source, *, occupation: str | None = None, area: str | None = None
) -> pd.DataFrame:
    """Read a wage table in any layout this module knows (BLS OEWS, or New York State's)."""
    table, name = read_table(path, kind="wage table")
    headers = {re.sub(r"\s+", " ", str(c)).strip().upper() for c in table.columns}
    if "OCC_CODE" in headers:
        return _bls_rows(table, name, occupation=occupation, area=area)
    if {"STANDARD OCCUPATIONAL CODE", "ENTRY WAGE"} <= headers:
        return _ny_rows(table, name, occupation=occupation, area=area)
    raise SalaryDataError(
        f"{name} is not a wage table this tool knows. It reads the BLS OEWS tables (national, "
        "state and metro, from bls.gov/oes/tables.htm) and New York State's wage tables. For "
        "another state, use the BLS state or metro table, which covers every state."
    )


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
    named = (low, high, frequency, title, location, date)
    absent = [column for column in named if column and column not in frame.columns]
    if absent:
        raise SalaryDataError(f"The postings have no column {', '.join(map(repr, absent))}.")
    start = pd.to_numeric(frame[low], errors="coerce")
    end = pd.to_numeric(frame[high], errors="coerce")
    point = start == end
    start = start.mask(start <= 0)
    kind = frame[frequency].astype(str).str.strip().str.lower()
    blank = pd.Series("", index=frame.index)
    rows = pd.DataFrame(
        {
            "source": source + (": " + frame[title].astype(str) if title else ""),
            "source_kind": "posting",
            "title": frame[title] if title else blank,
            "location": frame[location] if location else blank,
            "low": frame[low].where(~point & start.notna(), ""),
            "median": frame[low].where(point, ""),
            "high": frame[high].where(~point, ""),
            "currency": currency,
            "period": kind.map(PERIOD_ALIASES).fillna(frame[frequency].astype(str)),
            "collected_on": pd.to_datetime(frame[date], errors="coerce").dt.strftime("%Y-%m-%d")
            if date
            else blank,
        }
    )
    return load_research(rows, errors=errors)
