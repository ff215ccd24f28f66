"""Public wage tables in their published layouts, turned into research-file rows.

- US BLS occupational wage tables (OEWS; national, state and metropolitan; every year's header
  spelling, upper or lower case): annual percentiles A_PCT10 … A_PCT90, or the hourly ones for
  occupations paid by the hour; ``#`` is top-coded (at least the year's top code), ``*`` and
  ``**`` are not published. A row with only a mean wage is kept as one figure with a note; a row
  with nothing is left out and counted.
- New York State's table: entry, median and experienced annual wages by region.
- Washington State's table: hourly 25th, 50th and 75th percentiles, and a mean annual wage.

Each reader returns a ``Layout``: the rows (research-file columns, pay as published), the name
of the layout, and what was left out and why, for the import report.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from prep_lib.errors import SalaryDataError

BLS_TOP_CODES = {2021: (208_000.0, 100.0), 2022: (239_200.0, 115.0), 2023: (239_200.0, 115.0)}
"""What "#" stands for in BLS tables, by survey year: at least this much a year, an hour."""
TOP_CODE = BLS_TOP_CODES[2023]

_BLS_ANNUAL = ("A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90")
_BLS_HOURLY = ("H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90")
_BLS_MEANS = ("A_MEAN", "H_MEAN")
_BLS_MISSING = {"", "*", "**", "~", "nan", "n/a"}
_GROUP_ORDER = {"detailed": 0, "broad": 1, "minor": 2, "major": 3, "total": 4}
_AREA_KINDS = {"1": "national", "2": "state", "3": "state", "4": "metropolitan", "6": "metro"}
_MEAN_ONLY = "Only the mean wage was published (no percentiles); it is shown as the middle figure."
_JUNK = "values that are neither numbers nor BLS markers (# top-coded, * not published)"
_NOTHING = "no wage published (every wage cell is * or blank)"


@dataclass
class Layout:
    """Rows read from one wage table, and what was left out of it and why."""

    rows: pd.DataFrame
    name: str
    skipped: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)


def layout_of(table: pd.DataFrame) -> str | None:
    """Which wage-table layout ``table`` has: "bls", "ny", "wa", or None."""
    headers = {re.sub(r"\s+", " ", str(c)).strip().upper() for c in table.columns}
    if "OCC_CODE" in headers:
        return "bls"
    if {"STANDARD OCCUPATIONAL CODE", "ENTRY WAGE"} <= headers:
        return "ny"
    if {"SOC CODE", "25TH PERCENTILE", "ANNUAL WAGE"} <= headers:
        return "wa"
    return None


def bls_rows(
    table: pd.DataFrame,
    name: str,
    *,
    occupation: str | None,
    area: str | None,
    top_code: tuple[float, float] | None,
) -> Layout:
    """Research rows from a BLS OEWS table (see the module's docstring)."""
    table = table.rename(columns=lambda c: str(c).strip().upper())
    if not {"OCC_CODE", "OCC_TITLE"} <= set(table.columns) or not any(
        c in table.columns for c in (*_BLS_ANNUAL, *_BLS_HOURLY, *_BLS_MEANS)
    ):
        raise SalaryDataError(
            f"{name} is not a BLS OEWS wage table (it needs OCC_CODE, OCC_TITLE and wage columns "
            "such as A_MEDIAN). Download one from bls.gov/oes/tables.htm."
        )
    for column in (*_BLS_ANNUAL, *_BLS_HOURLY, *_BLS_MEANS):
        if column not in table.columns:
            table[column] = ""
    found = re.search(r"_M_?(\d{4})", name, re.IGNORECASE)
    year = int(found[1]) if found else None
    layout = Layout(pd.DataFrame(), _bls_name(table, year))
    if top_code is None:
        top_code = _top_code(year, layout)
    if "AREA_TITLE" not in table.columns:
        table["AREA_TITLE"] = "United States"
    table["AREA_TITLE"] = table["AREA_TITLE"].replace({"U.S.": "United States"})
    table = _all_industries(table, layout)
    table = pick(table, "OCC_CODE", "OCC_TITLE", "AREA_TITLE", occupation, area, name, layout)
    group = table.get("O_GROUP", table.get("OCC_GROUP", pd.Series("", index=table.index)))
    ranked = table.assign(_rank=group.str.lower().map(_GROUP_ORDER).fillna(9))
    ranked = ranked.sort_values("_rank", kind="stable")
    table = ranked.drop_duplicates(["AREA_TITLE", "OCC_TITLE", *_BLS_ANNUAL, *_BLS_HOURLY])
    table = table.sort_index()  # the file's order
    _count(layout, len(ranked) - len(table), "broad groups repeating a detailed occupation")
    annual, annual_top, annual_junk = _bls_figures(table, _BLS_ANNUAL, top_code[0])
    hourly, hourly_top, hourly_junk = _bls_figures(table, _BLS_HOURLY, top_code[1])
    means, _, means_junk = _bls_figures(table, _BLS_MEANS, np.nan)  # a mean is never "#"
    junk = annual_junk | hourly_junk | means_junk
    use_hourly = annual.isna().all(axis=1) & hourly.notna().any(axis=1)
    figures = pd.DataFrame(
        np.where(use_hourly.to_numpy()[:, None], hourly.to_numpy(), annual.to_numpy()),
        index=table.index,
        columns=["low", "p25", "median", "p75", "high"],
    )
    mean_only = figures.isna().all(axis=1) & means.notna().any(axis=1) & ~junk
    hourly_mean = mean_only & means["A_MEAN"].isna()
    figures.loc[mean_only, "median"] = means["A_MEAN"].fillna(means["H_MEAN"])[mean_only]
    use_hourly |= hourly_mean
    nothing = figures.isna().all(axis=1) & ~junk
    _count(layout, int(junk.sum()), _JUNK)
    _count(layout, int(nothing.sum()), _NOTHING)
    if mean_only.any():
        layout.notes.append(
            f"{_rows(int(mean_only.sum()))} published only a mean wage, no percentiles "
            "(for example 41-9012 Models in May 2021); kept as a single figure with a note."
        )
    top = annual_top.where(~use_hourly, hourly_top)
    cap = f"${top_code[0]:,.0f} a year or ${top_code[1]:,.2f} an hour"
    survey = f"BLS OEWS May {year}" if year else "BLS OEWS"
    notes = pd.Series("Low and high are the 10th and 90th percentiles.", index=table.index)
    notes = notes.mask(mean_only, _MEAN_ONLY)
    notes += top.map({True: f" Figures shown as # are at least {cap}.", False: ""})
    rows = pd.DataFrame(
        {
            "source": survey + ", " + table["OCC_CODE"] + " (" + table["AREA_TITLE"] + ")",
            "source_kind": "government",
            "title": table["OCC_TITLE"],
            "location": table["AREA_TITLE"],
            "currency": "USD",
            "period": np.where(use_hourly, "hourly", "annual"),
            "notes": notes,
            "top_coded": top,
        }
    )
    rows[list(figures.columns)] = figures
    layout.rows = rows[~junk & ~nothing].reset_index(drop=True)
    return layout


def _bls_name(table: pd.DataFrame, year: int | None) -> str:
    kinds = {_AREA_KINDS.get(str(k).strip(), "other") for k in table.get("AREA_TYPE", ["1"])}
    kind = kinds.pop() if len(kinds) == 1 else "all areas"
    return f"BLS OEWS{f' May {year}' if year else ''}, {kind} table"


def _top_code(year: int | None, layout: Layout) -> tuple[float, float]:
    if year in BLS_TOP_CODES:
        return BLS_TOP_CODES[year]
    if year is not None and year < 2021:
        return BLS_TOP_CODES[2021]
    layout.notes.append(
        "The survey year is not in the file's name, so # is read as at least $239,200 a year "
        "or $115.00 an hour (the top code since May 2022)."
    )
    return TOP_CODE


def _all_industries(table: pd.DataFrame, layout: Layout) -> pd.DataFrame:
    """Rows for all industries and all employers, where a table also has breakdowns."""
    if "I_GROUP" in table.columns:
        cross = table["I_GROUP"].str.strip().str.lower() == "cross-industry"
        if cross.any() and not cross.all():
            _count(layout, int((~cross).sum()), "rows for single industries (all-industry kept)")
            table = table[cross]
    if "OWN_CODE" in table.columns:
        every = table["OWN_CODE"].str.strip() == "1235"
        if every.any() and not every.all():
            _count(layout, int((~every).sum()), "rows for one kind of employer (all kept)")
            table = table[every]
    return table


def _bls_figures(
    table: pd.DataFrame, columns: tuple[str, ...], top: float
) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """The wage cells as numbers (# as ``top``), which rows were top-coded, which hold junk."""
    cells = table[list(columns)].apply(lambda c: c.astype(str).str.strip().str.replace(",", ""))
    marked = cells == "#"
    blank = cells.apply(lambda c: c.str.lower()).isin(list(_BLS_MISSING))
    values = cells.mask(marked | blank).apply(pd.to_numeric, errors="coerce")
    junk = (values.isna() & ~marked & ~blank) | (values <= 0)
    return values.mask(marked, top).mask(junk), marked.any(axis=1), junk.any(axis=1)


def pick(
    table: pd.DataFrame,
    code: str,
    title: str,
    area_column: str,
    occupation: str | None,
    area: str | None,
    name: str,
    layout: Layout,
) -> pd.DataFrame:
    """Rows of a wage table for an occupation (SOC code or title words) and an area."""
    before = len(table)
    if occupation:
        wanted = occupation.strip()
        if re.fullmatch(r"\d{2}-\d{4}", wanted):
            table = table[table[code].str.strip() == wanted]
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
    _count(layout, before - len(table), "other occupations or areas than the ones asked for")
    return table


def ny_rows(table: pd.DataFrame, name: str, *, occupation: str | None, area: str | None) -> Layout:
    """Research rows from New York State's wage table.

    The entry wage (the mean of the lowest third) becomes ``low`` and the experienced wage (the
    mean of the upper two thirds) ``high``. The median is kept only where it lies between them:
    in skewed occupations it can be above the experienced wage, and the row says so.
    """
    table = table.rename(columns=lambda c: re.sub(r"\s+", " ", str(c)).strip().title())
    needed = (
        *("Area Name", "Standard Occupational Code", "Occupational Title"),
        *("Entry Wage", "Median Wage", "Experienced Wage"),
    )
    if not set(needed) <= set(table.columns):
        raise SalaryDataError(
            f"{name} is not a New York State wage table (it needs the columns {', '.join(needed)})."
        )
    layout = Layout(pd.DataFrame(), "New York State Department of Labor wages")
    table = pick(table, needed[1], needed[2], "Area Name", occupation, area, name, layout)
    wages = {w: _money(table[f"{w} Wage"]) for w in ("Entry", "Median", "Experienced")}
    cells = pd.concat([v.isna() & (table[f"{w} Wage"] != "") for w, v in wages.items()], axis=1)
    junk: pd.Series = cells.any(axis=1)
    nothing = pd.concat(list(wages.values()), axis=1).isna().all(axis=1) & ~junk
    _count(layout, int(junk.sum()), "wage cells that are not numbers")
    _count(layout, int(nothing.sum()), "no wage published (blank)")
    median_fits = (wages["Median"] >= wages["Entry"]) & ~(wages["Median"] > wages["Experienced"])
    median_fits |= wages["Entry"].isna() & wages["Experienced"].isna()
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
    layout.rows = rows[~junk & ~nothing].reset_index(drop=True)
    return layout


def washington_rows(
    table: pd.DataFrame, name: str, *, occupation: str | None, area: str | None
) -> Layout:
    """Research rows from Washington State's wage table.

    Its 25th, 50th and 75th percentiles are hourly wages (converted to a year like every hourly
    figure); "Annual wage" is the mean annual wage. Blank cells are not published. A row with no
    percentile but a mean is kept as that single figure with a note; one with neither is left
    out and counted.
    """
    table = table.rename(columns=lambda c: re.sub(r"\s+", " ", str(c)).strip().lower())
    percentiles = ("25th percentile", "50th percentile", "75th percentile")
    needed = ("area name", "soc code", "occupational title", *percentiles, "annual wage")
    if not set(needed) <= set(table.columns):
        raise SalaryDataError(
            f"{name} is not a Washington State wage table (it needs the columns "
            f"{', '.join(needed)})."
        )
    years = sorted(set(table.get("year", pd.Series(dtype=str))) - {""})
    year = f" {years[0]}" if len(years) == 1 else ""
    layout = Layout(pd.DataFrame(), f"Washington State ESD wages{year}")
    table = pick(table, "soc code", "occupational title", "area name", occupation, area, name,
                 layout)  # fmt: skip
    hourly = pd.DataFrame({c: _money(table[c]) for c in percentiles})
    mean = _money(table["annual wage"])
    cells = pd.concat([_money(table[c]).isna() & (table[c] != "") for c in needed[3:]], axis=1)
    junk: pd.Series = cells.any(axis=1)
    has_percentile = hourly.notna().any(axis=1)
    mean_only = ~has_percentile & mean.notna() & ~junk
    nothing = ~has_percentile & mean.isna() & ~junk
    _count(layout, int(junk.sum()), "wage cells that are not numbers")
    _count(layout, int(nothing.sum()), "no wage published (blank)")
    if mean_only.any():
        layout.notes.append(
            f"{_rows(int(mean_only.sum()))} published only the mean annual wage; kept as a single "
            "figure with a note."
        )
    missing = hourly.isna() & has_percentile.to_numpy()[:, None]
    gaps = pd.Series("", index=table.index)
    for column in percentiles:  # "50th, 75th"
        gaps += np.where(missing[column], column.split()[0] + ", ", "")
    gaps = gaps.str.removesuffix(", ")
    notes = pd.Series("Percentiles are hourly wages, converted to a year.", index=table.index)
    notes += np.where(gaps != "", " Not published: the " + gaps + " percentile.", "")
    notes += np.where(mean.notna() & has_percentile, " The mean is $" + mean.map(
        lambda v: f"{v:,.0f}") + " a year.", "")  # fmt: skip
    notes = notes.mask(mean_only, "Only the mean annual wage was published; shown as the middle.")
    place = table["area name"]
    rows = pd.DataFrame(
        {
            "source": f"Washington ESD wages{year}, " + table["soc code"] + " (" + place + ")",
            "source_kind": "government",
            "title": table["occupational title"],
            "location": place,
            "p25": hourly[percentiles[0]],
            "median": hourly[percentiles[1]].where(has_percentile, mean),
            "p75": hourly[percentiles[2]],
            "currency": "USD",
            "period": np.where(has_percentile, "hourly", "annual"),
            "notes": notes,
        }
    )
    layout.rows = rows[~junk & ~nothing].reset_index(drop=True)
    return layout


def _money(cells: pd.Series) -> pd.Series:
    """Wage cells as numbers ("$1,234.50" too); blanks and anything else are NaN."""
    text = cells.astype(str).str.strip().str.replace(r"[$,]", "", regex=True)
    values = pd.to_numeric(text.mask(text == ""), errors="coerce")
    return values.mask(values <= 0)


def _count(layout: Layout, rows: int, reason: str) -> None:
    if rows:
        layout.skipped[reason] += rows


def _rows(n: int) -> str:
    return f"{n:,} row{'s' if n != 1 else ''}"
