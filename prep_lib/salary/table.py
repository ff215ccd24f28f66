"""The research table: its columns, reading it from a file, and checking every row.

Every loader returns the same table, a pandas DataFrame with one row per source and these
columns (``COLUMNS``):

``source``
    Who gave the figure: "PayCompass", "BLS OEWS May 2023, 11-9111 (United States)".
``source_kind``
    One of ``SOURCE_KINDS``. Rows of kind "current pay" are the user's own pay: they are drawn as a
    line and compared with the ask, never counted as market evidence.
``title``, ``location``
    What the figure is for (free text; the filters match any part of it, ignoring case).
``experience_min``, ``experience_max``
    Years of experience the figure applies to; blank means no limit.
``low``, ``p25``, ``median``, ``p75``, ``high``
    Pay, always **annual** and in the table's one currency. Wage tables put their 10th and 90th
    percentiles in ``low`` and ``high``; a quoted range fills ``low`` and ``high``; a single figure
    is stored as ``median``.
``currency``
    ISO code, the same on every row.
``period``
    The period the pay was *given* in (annual, monthly, weekly, daily, hourly). The pay columns are
    already converted to a year with ``PERIODS``: hourly ×2080, daily ×260, weekly ×52, monthly ×12.
``collected_on``, ``notes``
    When the figure was collected, and anything worth remembering about it.
``weight``
    How much the source counts in ``summarize`` (1 unless said otherwise; 0.5 for a loose match).
``top_coded``
    True when a wage table only says "at least" for its top figures (see ``load_bls_oews``).

``load_research`` reads a table (CSV, .xlsx, upload or DataFrame; see ``reading``) and checks
every row; ``check_table`` checks a table already in memory before it is summarised or drawn.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal, overload

import ftfy
import numpy as np
import pandas as pd

from prep_lib.errors import SalaryDataError
from prep_lib.salary.pay import (
    LARGEST_PAY,
    PERIODS,
    Pay,
    cell_currency,
    cell_period,
    parse_pay,
)
from prep_lib.salary.pay_words import DOLLARS
from prep_lib.salary.reading import Source, read_table

PAY_COLUMNS = ("low", "p25", "median", "p75", "high")
COLUMNS = (
    "source",
    "source_kind",
    "title",
    "location",
    "experience_min",
    "experience_max",
    *PAY_COLUMNS,
    "currency",
    "period",
    "collected_on",
    "notes",
    "weight",
    "top_coded",
)
SOURCE_KINDS = (
    "government",
    "salary site",
    "recruiter",
    "posting",
    "offer",
    "peer",
    "current pay",
    "other",
)


LONGEST_TEXT = 500
"""Text that is only a number: a spreadsheet reads it as a number, never as a formula."""
_UNCLEAR_DOT = (
    "{cell} could be read two ways, and this file writes numbers both ways (22.50 and 1.234,50); "
    "type it without the dot (30000), or with two decimals (30.00)"
)
_ESCAPED_FORMULA = re.compile(r"^'(?=[=+\-@\t\r])")


@dataclass(frozen=True)
class RowProblem:
    """One bad value in a research table. ``row`` counts the header as row 1, as a spreadsheet."""

    row: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}, {self.column} {self.value!r}: {self.reason}"


class ResearchRowsError(SalaryDataError):
    """Some rows of a research table are invalid; ``problems`` lists every bad value."""

    def __init__(
        self,
        problems: Iterable[RowProblem],
        name: str,
        *,
        outcome: str = "so nothing was loaded (row numbers count the header as row 1)",
        fix: str = "Fix these rows and load the file again.",
    ):
        self.problems = tuple(problems)
        rows = len({p.row for p in self.problems})
        shown = [f"  {p}" for p in self.problems[:20]]
        if len(self.problems) > 20:
            shown.append(f"  … and {len(self.problems) - 20} more")
        super().__init__(
            f"{rows} row{'s' if rows > 1 else ''} of {name} "
            f"{'have' if rows > 1 else 'has'} problems, {outcome}:\n"
            + "\n".join(shown)
            + f"\n{fix}"
        )


def check_table(frame: object, *, use: str) -> pd.DataFrame:
    """``frame`` if it is a research table that can be summarised and drawn, else a clear error.

    Tables from ``load_research`` and the importers always pass; a table built or edited by
    hand may not. Every pay figure must be a positive, finite number, rising from low to high,
    each market row must have one, and all rows must be in one currency. ``use`` names what
    the table is for, in the message ("recommend an ask").
    """
    if not isinstance(frame, pd.DataFrame):
        raise SalaryDataError(
            f"To {use}, give a research table (from load_research), not {type(frame).__name__}."
        )
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise SalaryDataError(
            f"To {use}, the table needs the columns {', '.join(missing)}; read your figures "
            "with load_research, which adds them."
        )
    try:
        pay = frame.loc[:, list(PAY_COLUMNS)].to_numpy(float)
        weight = frame["weight"].to_numpy(float)
    except (TypeError, ValueError):
        raise SalaryDataError(
            f"To {use}, pay and weight must be numbers; read your figures with load_research, "
            "which turns text such as '$85,000' into numbers."
        ) from None
    problems: list[RowProblem] = []

    def flag(rows: np.ndarray, column: str, reason: str) -> None:
        for row in np.flatnonzero(rows)[:50]:
            problems.append(RowProblem(int(row) + 1, column, str(frame[column].iloc[row]), reason))

    with np.errstate(invalid="ignore"):
        for i, column in enumerate(PAY_COLUMNS):
            flag(np.isinf(pay[:, i]), column, "pay must be a finite amount")
            flag(pay[:, i] <= 0, column, "pay must be more than zero")
        for i, first in enumerate(PAY_COLUMNS):
            for j in range(i + 1, len(PAY_COLUMNS)):
                flag(pay[:, i] > pay[:, j], first, f"{first} is above {PAY_COLUMNS[j]}")
        flag(np.isnan(pay).all(axis=1), "source", "no pay figure in low, p25, median, p75 or high")
        flag(~np.isfinite(weight) | (weight < 0), "weight", "the weight must be 0 or more")
    currencies = sorted(set(frame["currency"].dropna().astype(str)))
    if len(currencies) > 1:
        raise SalaryDataError(
            f"To {use}, every figure must be in one currency; this table mixes "
            f"{', '.join(currencies)}. Load it with load_research and exchange rates "
            "(rates={'GBP': 1.27}, currency='USD')."
        )
    if problems:
        raise ResearchRowsError(
            problems,
            "the research table",
            outcome=f"so it cannot {use} (rows count from 1)",
            fix="Correct these figures, or read the table with load_research, which checks them.",
        )
    return frame


@overload
def load_research(
    path_or_frame: Source | pd.DataFrame,
    *,
    errors: Literal["raise"] = "raise",
    periods: Mapping[str, float] = PERIODS,
    rates: Mapping[str, float] | None = None,
    currency: str | None = None,
) -> pd.DataFrame: ...
@overload
def load_research(
    path_or_frame: Source | pd.DataFrame,
    *,
    errors: Literal["skip"],
    periods: Mapping[str, float] = PERIODS,
    rates: Mapping[str, float] | None = None,
    currency: str | None = None,
) -> tuple[pd.DataFrame, list[RowProblem]]: ...
def load_research(
    path_or_frame: Source | pd.DataFrame,
    *,
    errors: Literal["raise", "skip"] = "raise",
    periods: Mapping[str, float] = PERIODS,
    rates: Mapping[str, float] | None = None,
    currency: str | None = None,
) -> pd.DataFrame | tuple[pd.DataFrame, list[RowProblem]]:
    """Read a research table (CSV file, upload or DataFrame) into the normalised table.

    Required columns: ``source``, ``currency``, ``period`` and at least one pay column; the others
    may be left out (columns not in ``COLUMNS`` are ignored). Pay cells may be written "85000",
    "85,000", "$85,000" or "85K". Every row is checked: pay that is not a number or not positive,
    low above high, percentiles out of order, an unknown period, a missing currency, a bad date
    or experience. With ``errors="raise"`` one ``ResearchRowsError`` lists every bad value; with
    ``errors="skip"`` the result is ``(good rows, problems)``; no row is ever dropped silently.

    ``periods`` sets the factors to a year (e.g. ``{**PERIODS, "hourly": 1950}`` for 37.5-hour
    weeks). Figures in several currencies need ``rates`` (the value of one unit in ``currency``,
    e.g. ``rates={"GBP": 1.27}, currency="USD"``); nothing is converted without them.
    """
    if errors not in ("raise", "skip"):
        raise ValueError("errors must be 'raise' or 'skip'")
    if isinstance(path_or_frame, pd.DataFrame):
        raw, name = path_or_frame, "the research table"
    else:
        raw, name = read_table(path_or_frame, kind="research file")
    table, problems = check_rows(raw, periods=periods, rates=rates, currency=currency)
    if errors == "skip":
        return table, problems
    if problems:
        raise ResearchRowsError(problems, name)
    return table


def column_key(name: object) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


def check_rows(
    raw: pd.DataFrame,
    *,
    periods: Mapping[str, float],
    rates: Mapping[str, float] | None,
    currency: str | None,
) -> tuple[pd.DataFrame, list[RowProblem]]:
    """Validate and normalise a research table; returns the good rows and the problems."""
    raw = raw.rename(columns=column_key).reset_index(drop=True)
    raw = raw.loc[:, ~raw.columns.duplicated()]
    missing = [c for c in ("source", "currency", "period") if c not in raw.columns]
    if not any(c in raw.columns for c in PAY_COLUMNS):
        missing.append("pay (low, p25, median, p75 or high)")
    if missing:
        raise SalaryDataError(
            f"The research table has no {' or '.join(missing)} column. Its columns should be "
            f"{', '.join(COLUMNS)} (only source, currency, period and one pay column are required)."
        )
    checker = _Checker(raw)
    out = pd.DataFrame(index=raw.index)
    for column in ("source", "title", "location", "notes", "source_kind"):
        out[column] = checker.text(column)
    checker.flag(out["source"] == "", "source", "the source is empty; say where the figure is from")
    kinds = out["source_kind"].str.lower().str.replace(r"[_-]", " ", regex=True)
    out["source_kind"] = kinds.mask(kinds == "", "other")
    checker.flag(
        ~out["source_kind"].isin(SOURCE_KINDS),
        "source_kind",
        f"unknown kind of source; use one of {', '.join(SOURCE_KINDS)}",
    )
    for column in PAY_COLUMNS:
        out[column] = checker.pay(column)
    blank_pay = pd.concat([checker.cells(c) == "" for c in PAY_COLUMNS], axis=1)
    checker.flag(
        blank_pay.all(axis=1),
        "pay",
        "no pay figure; fill low and high for a range, or median for a single figure",
    )
    checker.order(out)
    for column in ("experience_min", "experience_max"):
        out[column] = checker.number(column, lowest=0, highest=60, what="years of experience")
    checker.flag(
        out["experience_min"] > out["experience_max"],
        "experience_min",
        "experience_min is above experience_max",
    )
    out["weight"] = checker.number("weight", lowest=0, highest=1000, what="a weight").fillna(1.0)
    out["period"] = checker.period(periods)
    out["currency"] = checker.currency()
    checker.agree(out)
    out["collected_on"] = checker.date("collected_on")
    out["top_coded"] = checker.flag_column("top_coded")
    table = out.drop(index=checker.bad_rows)
    table = _one_currency(table, checker, rates=rates, currency=currency)
    factors = table["period"].map(periods).astype(float)
    table[list(PAY_COLUMNS)] = table[list(PAY_COLUMNS)].mul(factors, axis=0)
    return table.loc[:, list(COLUMNS)].reset_index(drop=True), checker.sorted_problems()


class _Checker:
    """Collects the problems of a raw research table, column by column."""

    def __init__(self, raw: pd.DataFrame):
        self.raw = raw
        self.problems: list[RowProblem] = []
        self._cells: dict[str, pd.Series] = {}
        self._dots: str | None = None
        self.stated: dict[tuple[int, str], Pay] = {}  # pay cells that name a currency or period

    @property
    def bad_rows(self) -> list[int]:
        return sorted({p.row - 2 for p in self.problems})

    def sorted_problems(self) -> list[RowProblem]:
        order = {c: i for i, c in enumerate((*COLUMNS, "pay"))}
        return sorted(self.problems, key=lambda p: (p.row, order.get(p.column, 99)))

    def cells(self, column: str) -> pd.Series:
        """The raw cells of ``column`` as text, blank where empty or absent."""
        if column not in self._cells:
            raw = self.raw.get(column, pd.Series("", index=self.raw.index, dtype=object))
            text = raw.where(raw.notna(), "").astype(str).str.strip()
            # the apostrophe that keeps text like "=x" from running in a spreadsheet
            quoted = text.str.startswith("'")
            if quoted.any():
                text[quoted] = text[quoted].str.replace(_ESCAPED_FORMULA, "", n=1, regex=True)
            self._cells[column] = text
        return self._cells[column]

    def add(self, index: int, column: str, value: object, reason: str) -> None:
        self.problems.append(RowProblem(int(index) + 2, column, str(value)[:80], reason))

    def flag(self, mask: pd.Series, column: str, reason: str) -> None:
        for index in mask[mask.fillna(False).astype(bool)].index:
            self.add(index, column, self.cells(column)[index], reason)

    def text(self, column: str) -> pd.Series:
        text = self.cells(column).copy()
        odd = text.str.contains(r"[^\x00-\x7f]", regex=True)
        text[odd] = text[odd].map(ftfy.fix_text)  # repairs mis-decoded text like "â€“"
        self.flag(text.str.len() > LONGEST_TEXT, column, f"longer than {LONGEST_TEXT} characters")
        return text

    def number(self, column: str, *, lowest: float, highest: float, what: str) -> pd.Series:
        text = self.cells(column)
        values = pd.to_numeric(text.mask(text == ""), errors="coerce")
        self.flag(values.isna() & (text != ""), column, f"not a number; write {what} as digits")
        out_of_range = (values < lowest) | (values > highest)
        self.flag(out_of_range, column, f"{what} must be between {lowest:g} and {highest:g}")
        return values.mask(out_of_range)

    @property
    def dots(self) -> str:
        """What a dot means in this file's pay cells: "decimal" when other cells write decimals
        with a dot ("22.50", "85,000.00"), "thousands" when they group thousands with it or
        write decimals with a comma ("1.234.567", "45,50"), "both" when they do both, else ""."""
        if self._dots is None:
            cells = pd.concat([self.cells(c) for c in PAY_COLUMNS if c in self.raw.columns])
            decimal = cells.str.fullmatch(r"\d+\.(?:\d{1,2}|\d{4,})|\d{1,3}(?:,\d{3})+\.\d+")
            decimal |= cells.str.fullmatch(r"\d{1,3}(?:,\d{3})+")
            thousands = cells.str.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}|[\d.]*\d,\d{1,2}")
            found = ["decimal"] * bool(decimal.any()) + ["thousands"] * bool(thousands.any())
            self._dots = " ".join(found).replace("decimal thousands", "both")
        return self._dots

    def pay(self, column: str) -> pd.Series:
        """A pay column as numbers. Plain numbers are read as numbers; "30.000" (thirty, or
        thirty thousand written the European way?) is read the way the file writes its other
        numbers (``dots``), as thirty thousand when they do not say, and reported when they
        say both; anything else is read with ``parse_pay`` ("$85,000", "85K", "45,50")."""
        cells = self.cells(column)
        ambiguous = cells.str.fullmatch(r"\d{1,3}\.\d{3}")
        values = pd.to_numeric(cells.mask(ambiguous), errors="coerce")
        for index in values[values.isna() & (cells != "")].index:
            cell = cells[index]
            if ambiguous[index] and self.dots == "both":
                self.add(index, column, cell, _UNCLEAR_DOT.format(cell=cell))
                continue
            if ambiguous[index] and self.dots == "decimal":
                values[index] = float(cell)
                continue
            try:
                pay = parse_pay(cell)
            except SalaryDataError as error:
                self.add(index, column, cell, _reason(error))
                continue
            if pay is None:
                self.add(index, column, cell, "no figure here; leave the cell blank or type one")
            elif pay.low != pay.high:
                self.add(index, column, cell, "not a single figure; write one amount per cell")
            else:
                values[index] = pay.low
                self.stated[(int(index), column)] = pay
        bad = values.notna() & ~((values > 0) & (values <= LARGEST_PAY))
        self.flag(bad, column, f"pay must be more than zero and below {LARGEST_PAY:,.0f}")
        return values.mask(bad).astype(float)

    def agree(self, table: pd.DataFrame) -> None:
        """A pay cell that names its currency or period ("£40,000", "$40/hr") must agree with
        the row's currency and period, else which one is meant is not known."""
        for (index, column), pay in self.stated.items():
            for what, said, row in (
                ("currency", pay.currency, table.at[index, "currency"]),
                ("period", pay.period, table.at[index, "period"]),
            ):
                row = str(row)
                dollar = what == "currency" and pay.currency_sign == "$" and row in DOLLARS
                if said and row and said != row and not dollar:
                    cell = self.cells(column)[index]
                    self.add(
                        index,
                        column,
                        cell,
                        f"the cell says {said} but the row's {what} is {row}; make them agree",
                    )

    def order(self, table: pd.DataFrame) -> None:
        """Pay must rise from low through the percentiles to high; one problem per row."""
        seen: set[int] = set()
        for i, first in enumerate(PAY_COLUMNS):
            for second in PAY_COLUMNS[:i:-1]:
                wrong = table[first] > table[second]
                for index in wrong[wrong].index.difference(list(seen)):
                    seen.add(index)
                    a, b = table.loc[index, [first, second]].to_numpy(float)
                    reason = (
                        "low is above high"
                        if (first, second) == ("low", "high")
                        else f"{first} is above {second} ({b:,.0f}); figures must rise from "
                        "low to high"
                    )
                    self.add(index, first, f"{a:g}", reason)

    def period(self, periods: Mapping[str, float]) -> pd.Series:
        text = self.cells("period").str.lower()
        period = text.map(lambda t: t if t in periods else cell_period(t) or t)
        known = period.isin(list(periods))
        self.flag(text == "", "period", f"the period is missing; use one of {', '.join(periods)}")
        self.flag(
            ~known & (text != ""), "period", f"unknown period; use one of {', '.join(periods)}"
        )
        return period.where(known, "")

    def currency(self) -> pd.Series:
        text = self.cells("currency")
        code = text.map(cell_currency)
        self.flag(text == "", "currency", "the currency is missing; write a code such as USD")
        self.flag(
            ~code.str.fullmatch(r"[A-Z]{3}") & (text != ""),
            "currency",
            "unknown currency; write a three-letter code such as USD, GBP or EUR",
        )
        return code

    def date(self, column: str) -> pd.Series:
        text = self.cells(column)
        dates = pd.to_datetime(text.mask(text == ""), format="ISO8601", errors="coerce")
        self.flag(dates.isna() & (text != ""), column, "not a date; write dates like 2026-11-05")
        return dates.astype("datetime64[ns]")

    def flag_column(self, column: str) -> pd.Series:
        text = self.cells(column).str.lower()
        truth = {"": False, "false": False, "0": False, "no": False}
        truth |= {"true": True, "1": True, "yes": True}
        self.flag(~text.isin(list(truth)), column, "write true or false")
        return text.map(truth).fillna(False).astype(bool)


def _reason(error: SalaryDataError) -> str:
    return str(error).split("\n")[0]


def _one_currency(
    table: pd.DataFrame,
    checker: _Checker,
    *,
    rates: Mapping[str, float] | None,
    currency: str | None,
) -> pd.DataFrame:
    """Convert every row to one currency with the user's rates; refuse to guess."""
    found = sorted(set(table["currency"]))
    target = currency.upper() if currency else None
    if not rates:
        if len(found) > 1 or (target and found and found != [target]):
            raise SalaryDataError(
                f"The figures are in {' and '.join(found)}. To put them on one chart, give the "
                "exchange rates, e.g. rates={'GBP': 1.27}, currency='USD' (one GBP is 1.27 USD)."
            )
        return table
    if not target:
        raise SalaryDataError("Exchange rates were given; say which currency to convert to.")
    bad_rates = [k for k, v in rates.items() if not (isinstance(v, int | float) and v > 0)]
    if bad_rates:
        raise SalaryDataError(f"The rate for {', '.join(bad_rates)} must be a positive number.")
    rates = {k.upper(): float(v) for k, v in rates.items()} | {target: 1.0}
    unknown = ~table["currency"].isin(list(rates))
    for index in unknown[unknown].index:
        code = str(table.at[index, "currency"])
        checker.add(index, "currency", code, f"no exchange rate for {code} was given")
    table = table[~unknown].copy()
    factor = table["currency"].map(rates)
    converted = factor != 1
    table.loc[converted, "notes"] = (
        table.loc[converted, "notes"]
        + " (converted from "
        + table.loc[converted, "currency"]
        + " at "
        + factor[converted].map("{:g}".format)
        + ")"
    ).str.strip()
    table[list(PAY_COLUMNS)] = table[list(PAY_COLUMNS)].mul(factor, axis=0)
    table["currency"] = target
    return table
