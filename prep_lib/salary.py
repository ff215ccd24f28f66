"""Salary research: pay figures from many sources on one scale, a chart of them, and an ask.

The research table
------------------
Every loader here returns the same table, a pandas DataFrame with one row per source and these
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

The research file
-----------------
The user's own figures live in a CSV file in their data folder (``research_path()``) with the same
columns, pay written as given, in its own period and currency. ``load_research`` reads and checks
it; ``append_research`` adds rows to it without ever losing what is there.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import re
import tempfile
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, overload

import ftfy
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from prep_lib.errors import SalaryDataError
from prep_lib.paths import user_path

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
PERIODS: Mapping[str, float] = {
    "annual": 1,
    "monthly": 12,
    "weekly": 52,
    "daily": 260,
    "hourly": 2080,
}
RESEARCH_FILE = "salary_research.csv"

Source = str | os.PathLike | tuple[str, bytes]
"""A file to read: a path, or ``(filename, bytes)`` as a FileUpload widget gives it."""

_PERIOD_NAMES = {
    "annual": "annual annually year yearly per_year a_year yr pa p.a. per_annum annum",
    "monthly": "monthly month per_month a_month mo pcm",
    "weekly": "weekly week per_week a_week wk",
    "daily": "daily day per_day a_day per_diem",
    "hourly": "hourly hour per_hour an_hour hr",
}
_PERIOD_ALIASES = {
    alias.replace("_", " "): period
    for period, aliases in _PERIOD_NAMES.items()
    for alias in aliases.split()
}
_PERIOD_IN_TEXT = {
    "hourly": r"\b(?:hourly|per\s+hour|an?\s+hour|per\s+hr|p/?h)\b|/\s*(?:hour|hr|h)\b",
    "daily": r"\b(?:daily|per\s+day|a\s+day|per\s+diem)\b|/\s*day\b",
    "weekly": r"\b(?:weekly|per\s+week|a\s+week|p/?w)\b|/\s*(?:week|wk)\b",
    "monthly": r"\b(?:monthly|per\s+month|a\s+month|pcm)\b|/\s*(?:month|mo|mth)\b",
    "annual": (
        r"\b(?:annual|annually|yearly|per\s+(?:year|annum)|an?\s+year|pa)\b"
        r"|\bp\.a\.?(?!\w)|/\s*(?:year|yr|annum)\b"
    ),
}
_SYMBOLS = {
    "US$": "USD",
    "CA$": "CAD",
    "C$": "CAD",
    "AU$": "AUD",
    "A$": "AUD",
    "$": "USD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
}
_SYMBOL = "|".join(re.escape(s) for s in _SYMBOLS)
_CODES = "USD|GBP|EUR|CAD|AUD|NZD|CHF|JPY|INR|SEK|NOK|DKK|PLN|ZAR|SGD|HKD|MXN|BRL|CNY"
_CODE_IN_TEXT = re.compile(rf"\b({_CODES})\b", re.IGNORECASE)
_AMOUNT = re.compile(
    rf"(?P<symbol>{_SYMBOL})?\s?(?P<number>\d[\d,.]*\d|\d)\s?(?P<suffix>[kKmM](?![a-zA-Z]))?"
)
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|and|rising to|up to)\s*", re.IGNORECASE)
_UP_TO = re.compile(r"\b(?:up\s*to|max(?:imum)?|no more than|under|below)\b|^\s*(?:to|<)\s")
_FROM = re.compile(
    r"\b(?:from|starting at|starts at|at least|min(?:imum)?|over|above|or more|and up)\b"
    r"|\d\s*[kKmM]?\s*\+"
)
_NO_FIGURE = {
    "",
    "-1",
    "n/a",
    "na",
    "none",
    "not disclosed",
    "not specified",
    "competitive",
    "negotiable",
    "voluntary",
}
_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_LARGEST = 1e9  # no pay figure in any currency is this large
_LONGEST_TEXT = 500
_FILE_LIMIT = 50 * 1024 * 1024
_EXAMPLES = "$85,000, $80K-$95K, $40 an hour or £30,000 to £35,000 pa"


@dataclass(frozen=True)
class Pay:
    """A pay figure read from text: a range, a single figure (low == high), or one end missing.

    ``period`` and ``currency`` are None when the text does not say.
    """

    low: float | None
    high: float | None
    period: str | None
    currency: str | None


def parse_pay(text: str | float | None) -> Pay | None:
    """Read a pay figure as job boards and salary sites write it; None when there is no figure.

    Understands ranges ("$53K-$91K (Glassdoor est.)", "£24,907 to £30,615 pa", "45-55k"), single
    figures ("85,000", "$22.50/hr"), one-sided figures ("up to $70k", "$100k+"), periods (hour,
    day, week, month, year, "pa"), currency symbols and codes ("$" is read as USD; write C$ or CAD
    for Canadian dollars) and the "no figure" markers ("-1", "N/A", "Competitive", blank). Raises
    ``SalaryDataError`` for anything else, saying what was wrong.
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return None
    if isinstance(text, bool) or not isinstance(text, str | int | float):
        raise SalaryDataError(f"A pay figure must be text or a number, not {type(text).__name__}.")
    if not isinstance(text, str):
        return _one_figure(float(text), str(text))
    cleaned = ftfy.fix_text(text).strip()
    if cleaned.lower().strip(" .") in _NO_FIGURE:
        return None
    if len(cleaned) > 300:
        raise SalaryDataError("That is too long to be a pay figure; paste just the figure.")
    if _HTML_TAG.search(cleaned):
        raise SalaryDataError("That looks like HTML or code, not a pay figure; type the figure.")
    lowered = cleaned.lower()
    periods = {p for p, pattern in _PERIOD_IN_TEXT.items() if re.search(pattern, lowered)}
    if len(periods) > 1:
        raise SalaryDataError(
            f"{cleaned!r} mentions more than one period ({', '.join(sorted(periods))}); "
            "give one figure with one period."
        )
    currencies = {_SYMBOLS[s] for s in re.findall(_SYMBOL, cleaned)}
    currencies |= {code.upper() for code in _CODE_IN_TEXT.findall(cleaned)}
    if len(currencies) > 1:
        raise SalaryDataError(f"{cleaned!r} mixes currencies ({', '.join(sorted(currencies))}).")
    currency = next(iter(currencies), None)
    _refuse_negative(cleaned)
    values = _amounts(cleaned, dot_thousands=currency == "EUR")
    if not values:
        raise SalaryDataError(f"No pay figure found in {cleaned!r}. Write it like {_EXAMPLES}.")
    if len(values) > 2:
        raise SalaryDataError(
            f"{cleaned!r} holds more than two figures; give one figure or one range."
        )
    for value in values:
        _check_size(value, cleaned)
    period = next(iter(periods), None)
    if len(values) == 2:
        low, high = values
        if low > high:
            raise SalaryDataError(f"The range in {cleaned!r} runs backwards; put the lower first.")
        return Pay(low, high, period, currency)
    (value,) = values
    if _UP_TO.search(lowered):
        return Pay(None, value, period, currency)
    if _FROM.search(lowered):
        return Pay(value, None, period, currency)
    return Pay(value, value, period, currency)


def _one_figure(value: float, text: str) -> Pay:
    _check_size(value, text)
    return Pay(value, value, None, None)


def _check_size(value: float, text: str) -> None:
    if not value > 0:
        raise SalaryDataError(f"Pay must be more than zero; {text!r} is not.")
    if value > _LARGEST:
        raise SalaryDataError(f"{text!r} is far too large to be pay; check the zeros.")


def _refuse_negative(text: str) -> None:
    for match in re.finditer(rf"-\s*(?:{_SYMBOL})?\s*\d", text):
        before = text[: match.start()].rstrip()
        if not before or not (before[-1].isalnum() or before[-1] == ")"):
            raise SalaryDataError(f"Pay cannot be negative: {text!r}.")


def _amounts(text: str, *, dot_thousands: bool) -> list[float]:
    """The money amounts in ``text``, in order, without repeats.

    Amounts joined into a range ("$45-55", "45-55k") share their currency symbol and K/M suffix;
    when some amounts carry a symbol or suffix, bare numbers elsewhere ("Band 5") are ignored.
    """
    matches = list(_AMOUNT.finditer(text))
    groups: list[list[re.Match]] = []
    for i, match in enumerate(matches):
        gap = text[matches[i - 1].end() : match.start()] if i else None
        if gap is not None and _RANGE_JOIN.fullmatch(gap):
            groups[-1].append(match)
        else:
            groups.append([match])
    marked = [g for g in groups if any(m["symbol"] or m["suffix"] for m in g)]
    values: list[float] = []
    for group in marked or groups:
        suffixes = {m["suffix"].lower() for m in group if m["suffix"]}
        shared = {"k": 1e3, "m": 1e6}[suffixes.pop()] if len(suffixes) == 1 else 1
        for m in group:
            scale = {"k": 1e3, "m": 1e6}[m["suffix"].lower()] if m["suffix"] else shared
            value = round(_number(m["number"], dot_thousands=dot_thousands) * scale, 2)
            if value not in values:
                values.append(value)
    return values


def _number(text: str, *, dot_thousands: bool) -> float:
    """``85,000`` / ``60,000.00`` / ``45,50`` / ``50.000`` (euros) as a float."""
    if "," in text and "." in text:
        decimal_comma = text.rfind(",") > text.rfind(".")
        text = text.replace(".", "").replace(",", ".") if decimal_comma else text.replace(",", "")
    elif "," in text:
        head, _, tail = text.rpartition(",")
        text = f"{head.replace(',', '')}.{tail}" if len(tail) != 3 else text.replace(",", "")
    elif text.count(".") > 1 or (dot_thousands and re.fullmatch(r"\d{1,3}\.\d{3}", text)):
        text = text.replace(".", "")
    try:
        return float(text)
    except ValueError:
        raise SalaryDataError(f"{text!r} is not a number.") from None


def to_annual(value: float, period: str, *, periods: Mapping[str, float] = PERIODS) -> float:
    """Pay for one ``period`` as pay for a year (hourly ×2080 and so on; see ``PERIODS``)."""
    if period not in periods:
        raise SalaryDataError(f"Unknown period {period!r}; use one of {', '.join(periods)}.")
    return value * periods[period]


# --- The research table: reading and checking -------------------------------------------------


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

    def __init__(self, problems: Iterable[RowProblem], name: str):
        self.problems = tuple(problems)
        rows = len({p.row for p in self.problems})
        shown = [f"  {p}" for p in self.problems[:20]]
        if len(self.problems) > 20:
            shown.append(f"  … and {len(self.problems) - 20} more")
        super().__init__(
            f"{rows} row{'s' if rows > 1 else ''} of {name} "
            f"{'have' if rows > 1 else 'has'} problems, so nothing was loaded "
            "(row numbers count the header as row 1):\n" + "\n".join(shown) + "\n"
            "Fix these rows and load the file again."
        )


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
):
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
        raw, name = _read_table(path_or_frame, kind="research file")
    table, problems = _check(raw, periods=periods, rates=rates, currency=currency)
    if errors == "skip":
        return table, problems
    if problems:
        raise ResearchRowsError(problems, name)
    return table


def _column_key(name: object) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


def _check(
    raw: pd.DataFrame,
    *,
    periods: Mapping[str, float],
    rates: Mapping[str, float] | None,
    currency: str | None,
) -> tuple[pd.DataFrame, list[RowProblem]]:
    """Validate and normalise a research table; returns the good rows and the problems."""
    raw = raw.rename(columns=_column_key).reset_index(drop=True)
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
            self._cells[column] = raw.where(raw.notna(), "").astype(str).str.strip()
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
        self.flag(text.str.len() > _LONGEST_TEXT, column, f"longer than {_LONGEST_TEXT} characters")
        return text

    def number(self, column: str, *, lowest: float, highest: float, what: str) -> pd.Series:
        text = self.cells(column)
        values = pd.to_numeric(text.mask(text == ""), errors="coerce")
        self.flag(values.isna() & (text != ""), column, f"not a number; write {what} as digits")
        out_of_range = (values < lowest) | (values > highest)
        self.flag(out_of_range, column, f"{what} must be between {lowest:g} and {highest:g}")
        return values.mask(out_of_range)

    def pay(self, column: str) -> pd.Series:
        cells = self.cells(column)
        values = pd.to_numeric(cells, errors="coerce")
        for index in values[values.isna() & (cells != "")].index:
            cell = cells[index]
            try:
                pay = parse_pay(cell)
            except SalaryDataError as error:
                self.add(index, column, cell, _reason(error))
                continue
            if pay is None or pay.low != pay.high:
                self.add(index, column, cell, "not a single figure; write one amount per cell")
            else:
                values[index] = pay.low
        bad = values.notna() & ~((values > 0) & (values <= _LARGEST))
        self.flag(bad, column, f"pay must be more than zero and below {_LARGEST:,.0f}")
        return values.mask(bad).astype(float)

    def order(self, table: pd.DataFrame) -> None:
        """Pay must rise from low through the percentiles to high; one problem per row."""
        seen: set[int] = set()
        for i, first in enumerate(PAY_COLUMNS):
            for second in PAY_COLUMNS[:i:-1]:
                wrong = table[first] > table[second]
                for index in wrong[wrong].index.difference(list(seen)):
                    seen.add(index)
                    a, b = table.at[index, first], table.at[index, second]
                    reason = (
                        "low is above high"
                        if (first, second) == ("low", "high")
                        else f"{first} is above {second} ({b:,.0f}); figures must rise from "
                        "low to high"
                    )
                    self.add(index, first, f"{a:g}", reason)

    def period(self, periods: Mapping[str, float]) -> pd.Series:
        text = self.cells("period").str.lower()
        period = text.map(lambda t: t if t in periods else _PERIOD_ALIASES.get(t.rstrip("."), t))
        known = period.isin(list(periods))
        self.flag(text == "", "period", f"the period is missing; use one of {', '.join(periods)}")
        self.flag(
            ~known & (text != ""), "period", f"unknown period; use one of {', '.join(periods)}"
        )
        return period.where(known, "")

    def currency(self) -> pd.Series:
        text = self.cells("currency")
        code = text.map(lambda t: _SYMBOLS.get(t, t.upper()))
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
        code = table.at[index, "currency"]
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


def _read_table(source: Source, *, kind: str) -> tuple[pd.DataFrame, str]:
    """Read a CSV or Excel file (path or upload) as text cells; clear errors for bad files."""
    if isinstance(source, tuple) and len(source) == 2:
        name, data = source
    elif not isinstance(source, str | os.PathLike):
        raise SalaryDataError(
            f"A {kind} is given as a file path or an upload, not as {type(source).__name__}."
        )
    else:
        path = Path(source).expanduser()
        name = path.name
        if not path.is_file():
            raise SalaryDataError(f"The {kind} {path} does not exist.")
        if path.stat().st_size > _FILE_LIMIT:
            raise SalaryDataError(f"{name} is larger than 50 MB, too large for a {kind}.")
        data = path.read_bytes()
    if not isinstance(data, bytes | bytearray | memoryview):
        raise SalaryDataError(f"The {kind} {name} must be given as bytes.")
    data = bytes(data)
    if len(data) > _FILE_LIMIT:
        raise SalaryDataError(f"{name} is larger than 50 MB, too large for a {kind}.")
    if not data.strip():
        raise SalaryDataError(f"{name} is empty.")
    suffix = Path(name).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            frame = pd.read_excel(io.BytesIO(data), sheet_name=0, dtype=str).fillna("")
        except Exception as error:  # openpyxl raises many types for a damaged file
            raise SalaryDataError(
                f"{name} could not be read as an Excel workbook ({type(error).__name__}). "
                "Open it in Excel and save it again as .xlsx or CSV."
            ) from None
    elif suffix == ".xls":
        raise SalaryDataError(f"{name} is in the old Excel format; save it as .xlsx or CSV.")
    elif suffix in (".csv", ".txt"):
        frame = _parse_csv(_decode(data, name), name)
    else:
        raise SalaryDataError(f"{name} is not a CSV or Excel file (.csv or .xlsx).")
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame.apply(lambda column: column.str.strip()), name


def _parse_csv(text: str, name: str) -> pd.DataFrame:
    """Every cell as text; a row with more values than the header is refused, not shifted."""
    too_many = "row {row} has {found} values where the header has {expected}"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)  # pandas would drop values
            return pd.read_csv(
                io.StringIO(text),
                dtype=str,
                keep_default_na=False,
                index_col=False,
                skipinitialspace=True,
            )
    except pd.errors.EmptyDataError:
        raise SalaryDataError(f"{name} has no header row.") from None
    except (pd.errors.ParserError, pd.errors.ParserWarning) as error:
        found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(error))
        detail = (
            too_many.format(row=found[2], found=found[3], expected=found[1])
            if found
            else "row 2 has more values than the header"
        )
        raise SalaryDataError(
            f"{name} is not a well-formed CSV file: {detail}. A comma inside a value needs "
            'the value in double quotes ("Columbus, OH").'
        ) from None


def _decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), or Windows-1252 as Excel saves CSV on Windows."""
    if b"\x00" in data:
        raise SalaryDataError(
            f"{name} is not a text CSV file (it may be UTF-16 or binary). "
            "Save it as 'CSV UTF-8' and try again."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise SalaryDataError(
            f"{name} is not in a text encoding this tool reads. Save it as 'CSV UTF-8'."
        ) from None


# --- Importers for public formats --------------------------------------------------------------

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
    table, name = _read_table(path, kind="wage table")
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
    table, name = _read_table(path, kind="wage table")
    return _ny_rows(table, name, occupation=occupation, area=area)


def _ny_rows(
    table: pd.DataFrame, name: str, *, occupation: str | None, area: str | None
) -> pd.DataFrame:
    table.columns = [re.sub(r"\s+", " ", str(c)).strip().title() for c in table.columns]
    needed = ("Area Name", "Standard Occupational Code", "Occupational Title")
    needed += ("Entry Wage", "Median Wage", "Experienced Wage")
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
    table, name = _read_table(path, kind="wage table")
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
            "period": kind.map(_PERIOD_ALIASES).fillna(frame[frequency].astype(str)),
            "collected_on": pd.to_datetime(frame[date], errors="coerce").dt.strftime("%Y-%m-%d")
            if date
            else blank,
        }
    )
    return load_research(rows, errors=errors)


# --- The user's research file ------------------------------------------------------------------


def research_path() -> Path:
    """Where the user's research file lives: ``salary_research.csv`` in their data folder."""
    return user_path(RESEARCH_FILE)


def new_figure(
    *,
    source: str,
    pay: str,
    period: str | None = None,
    currency: str | None = None,
    source_kind: str = "salary site",
    title: str = "",
    location: str = "",
    collected_on: dt.date | None = None,
    notes: str = "",
) -> dict[str, object]:
    """One row for the research file from what a person typed (the add-a-figure form).

    ``pay`` is read with ``parse_pay``; a period or currency it states must agree with
    ``period`` and ``currency`` (the form's choices), which fill in what it does not state.
    """
    figure = parse_pay(pay)
    if figure is None:
        raise SalaryDataError(f"Type the pay figure, like {_EXAMPLES}.")
    for what, stated, chosen in (
        ("period", figure.period, period),
        ("currency", figure.currency, currency and currency.strip().upper()),
    ):
        if stated and chosen and stated != chosen:
            raise SalaryDataError(
                f"The figure says {stated} but the {what} chosen is {chosen}; make them agree."
            )
    single = figure.low == figure.high
    return {
        "source": source.strip(),
        "source_kind": source_kind,
        "title": title.strip(),
        "location": location.strip(),
        "low": "" if single else figure.low,
        "median": figure.low if single else "",
        "high": "" if single else figure.high,
        "currency": figure.currency or (currency or "").strip().upper(),
        "period": figure.period or period or "",
        "collected_on": collected_on.isoformat() if collected_on else "",
        "notes": notes.strip(),
    }


def append_research(rows: pd.DataFrame | Iterable[Mapping], *, path: Path | None = None) -> Path:
    """Check ``rows`` (research-file columns, pay as given) and add them to the research file.

    The new rows must all pass ``load_research`` and be in the file's currency (figures in two
    currencies could not be charted together). The file (``research_path()`` unless ``path``
    is given) is rewritten through a temporary file and an atomic replace, so a failed write
    leaves it exactly as it was; rows already in it, even ones ``load_research`` rejects, are kept.
    """
    new = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))
    if new.empty:
        raise SalaryDataError("There is nothing to add.")
    incoming = set(load_research(new)["currency"])
    path = Path(path) if path else research_path()
    old = _read_table(path, kind="research file")[0] if path.exists() else pd.DataFrame()
    held = {_column_key(c): c for c in old.columns}.get("currency")
    kept = {_SYMBOLS.get(code, code.upper()) for code in old[held] if code} if held else set()
    if kept and incoming - kept:
        raise SalaryDataError(
            f"Your research is in {_join(sorted(kept))}; this is in "
            f"{_join(sorted(incoming - kept))}. Convert it first (rates are never guessed)."
        )
    new = new.rename(columns=_column_key)
    new = new.loc[:, [c for c in new.columns if c in COLUMNS]].map(_as_cell)
    own_names = {_column_key(c): c for c in old.columns}  # keep the file's own header spelling
    new = new.rename(columns=lambda c: own_names.get(c, c))
    columns = [*old.columns, *(c for c in new.columns if c not in old.columns)]
    merged = pd.concat([old, new.reindex(columns=columns)], ignore_index=True)
    _write_atomically(path, merged.reindex(columns=columns).fillna("").to_csv(index=False))
    return path


def import_research(source: Source, *, path: Path | None = None) -> int:
    """Add every figure of another research CSV to the research file; returns how many.

    All its rows are checked first: one bad row and nothing is added.
    """
    rows, name = _read_table(source, kind="research file")
    _, problems = _check(rows, periods=PERIODS, rates=None, currency=None)
    if problems:
        raise ResearchRowsError(problems, name)
    append_research(rows, path=path)
    return len(rows)


def file_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """A research table as the research file stores it: annual figures, period "annual"."""
    table = frame.loc[:, list(COLUMNS)].assign(period="annual")
    table["collected_on"] = table["collected_on"].dt.strftime("%Y-%m-%d")
    return table.map(_as_cell)


def export_table(frame: pd.DataFrame, path: Path) -> Path:
    """Save a research table as CSV with annual figures; it loads back as it is."""
    _write_atomically(Path(path), file_rows(frame).to_csv(index=False))
    return Path(path)


def _as_cell(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, float | np.floating):
        return str(int(value)) if float(value).is_integer() else f"{value:.12g}"
    return str(value)


def _write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and an atomic replace."""
    temporary: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w",
            encoding="utf-8",
            newline="",
            dir=path.parent,
            prefix=f".{path.name}.",
            delete=False,
        ) as handle:
            temporary = Path(handle.name)
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as error:
        if temporary:
            temporary.unlink(missing_ok=True)
        raise SalaryDataError(
            f"Could not save {path.name} ({error.strerror or error}); the file is unchanged."
        ) from None


# --- Summary and ask -------------------------------------------------------------------------


def filter_research(
    frame: pd.DataFrame,
    *,
    title: str | None = None,
    location: str | None = None,
    years: float | None = None,
) -> pd.DataFrame:
    """Rows whose title and location contain the given words (ignoring case) and whose
    experience range includes ``years`` (rows without a range apply to everyone)."""
    keep = pd.Series(True, index=frame.index)
    for column, words in (("title", title), ("location", location)):
        if words:
            keep &= frame[column].str.contains(words.strip(), case=False, regex=False)
    if years is not None:
        keep &= ~(frame["experience_min"] > years) & ~(frame["experience_max"] < years)
    return frame[keep]


@dataclass(frozen=True)
class SalarySummary:
    """The market for one title, location and experience, across sources (annual figures).

    ``low`` and ``high`` are the weighted medians of the sources' lower and upper figures (p25
    and p75 where given, else the quoted range), ``median`` that of their middles, so one
    outlying source moves them little. ``spread`` is ``high - low``. ``current`` is the user's
    current pay, from the table's "current pay" rows, when there is one.
    """

    low: float
    median: float
    high: float
    n_sources: int
    spread: float
    currency: str
    sources: tuple[str, ...]
    kinds: tuple[str, ...]
    title: str | None = None
    location: str | None = None
    years: float | None = None
    current: float | None = None


def summarize(
    frame: pd.DataFrame,
    *,
    title: str | None = None,
    location: str | None = None,
    years: float | None = None,
) -> SalarySummary:
    """Summarise the research rows that match the filters (see ``filter_research``)."""
    market = filter_research(frame, title=title, location=location, years=years)
    market = market[(market["source_kind"] != "current pay") & (market["weight"] > 0)]
    if market.empty:
        asked = [f"{k} {v!r}" for k, v in (("title", title), ("location", location)) if v]
        asked += [f"{years:g} years of experience"] if years is not None else []
        wanted = _join(asked) if asked else "the research"
        raise SalaryDataError(f"No figures match {wanted}; widen the filters or add figures.")
    lower, centre, upper = _spans(market)
    weights = market["weight"].to_numpy(float)
    low, median, high = (_weighted_median(v, weights) for v in (lower, centre, upper))
    return SalarySummary(
        low=low,
        median=median,
        high=high,
        n_sources=len(market),
        spread=high - low,
        currency=str(market["currency"].iloc[0]),
        sources=tuple(market["source"]),
        kinds=tuple(market["source_kind"]),
        title=title,
        location=location,
        years=years,
        current=current_pay(frame),
    )


def current_pay(frame: pd.DataFrame) -> float | None:
    """The user's current annual pay from the latest "current pay" row, if any."""
    rows = frame[frame["source_kind"] == "current pay"]
    if rows.empty:
        return None
    _, centre, _ = _spans(rows.sort_values("collected_on", na_position="first").tail(1))
    return float(centre[0])


def _spans(rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's lower, middle and upper figure."""
    lower = rows["p25"].fillna(rows["low"]).fillna(rows["median"]).fillna(rows["high"])
    upper = rows["p75"].fillna(rows["high"]).fillna(rows["median"]).fillna(rows["low"])
    centre = rows["median"].fillna((lower + upper) / 2)
    return lower.to_numpy(float), centre.to_numpy(float), upper.to_numpy(float)


def _weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    order = np.argsort(values, kind="stable")
    values, cumulative = values[order], np.cumsum(weights[order])
    half = cumulative[-1] / 2
    i = int(np.searchsorted(cumulative, half))
    if math.isclose(cumulative[i], half) and i + 1 < len(values):
        return float((values[i] + values[i + 1]) / 2)
    return float(values[i])


@dataclass(frozen=True)
class Strength:
    """Something that justifies asking higher in the range; ``phrase`` names it in a sentence."""

    key: str
    label: str
    phrase: str


STRENGTHS = (
    Strength("certifications", "Professional certifications", "professional certifications"),
    Strength("team_leadership", "Leads or supervises a team", "a record of leading a team"),
    Strength(
        "process_improvement",
        "Process-improvement training (Lean, Six Sigma)",
        "process-improvement training",
    ),
    Strength(
        "measurable_results",
        "Measurable results (errors, costs, wait times)",
        "measurable results",
    ),
    Strength("key_systems", "Expert in the employer's systems", "expertise in their systems"),
    Strength("degree", "A degree in the field", "a degree in the field"),
    Strength("other_offer", "Another offer or final interview", "another offer in play"),
)
"""Strengths the widget offers and ``recommend_ask`` accepts (by ``key``)."""

ASK_START = 0.25  # where a newcomer to the role aims, as a share of the market range
ASK_PER_YEAR = 0.04  # added per year of experience …
ASK_FULL_YEARS = 10  # … up to this many years
ASK_PER_STRENGTH = 0.05  # added per strength
ASK_HIGHEST = 0.9  # never above this share of the range
ASK_BAND = 0.03  # the quoted range is the target ± 3 %
ASK_ROUNDING = 500


@dataclass(frozen=True)
class Ask:
    """A salary to ask for: ``target``, a range to quote (``low``–``high``), why, and from what."""

    low: float
    target: float
    high: float
    rationale: str
    currency: str = "USD"
    sources: tuple[str, ...] = ()

    @property
    def headline(self) -> str:
        return (
            f"Ask for {format_money(self.target, self.currency)} "
            f"(as a range, {format_money(self.low, self.currency)}–"
            f"{format_money(self.high, self.currency)})"
        )


def recommend_ask(
    frame_or_summary: pd.DataFrame | SalarySummary,
    *,
    years: float | None = None,
    strengths: Iterable[str] | Mapping[str, str] = (),
    current: float | None = None,
    posting_range: tuple[float, float] | None = None,
) -> Ask:
    """Recommend an ask inside the market range, with a plain-words rationale.

    The rule: start a quarter of the way up the market range (``SalarySummary.low`` to
    ``high``); add 4 points per year of experience up to 10 years (no years given counts as 5)
    and 5 points per strength; stop at 90 %. Round to $500. If the user's current pay is inside
    the range and above that, ask for the current pay instead: the target never leaves the range.
    The range to quote is the target ± 3 %. So more experience or strengths never lower the ask.

    A DataFrame is summarised first (``summarize(frame, years=years)``). ``strengths`` are keys
    of ``STRENGTHS``, or a mapping from key to a detail for the rationale
    (``{"certifications": "CRCR and CHAA"}``). ``current`` overrides the table's current pay.
    ``posting_range`` (low, high), the pay the posting itself offers: the rationale says when the
    ask falls outside it, since the employer will compare the two.
    """
    summary = (
        frame_or_summary
        if isinstance(frame_or_summary, SalarySummary)
        else summarize(frame_or_summary, years=years)
    )
    years = summary.years if years is None else years
    current = summary.current if current is None else current
    chosen = _strengths(strengths)
    if years is not None and not 0 <= years <= 60:
        raise SalaryDataError("Years of experience must be between 0 and 60.")
    credited = min(years if years is not None else 5, ASK_FULL_YEARS)
    share = min(ASK_START + ASK_PER_YEAR * credited + ASK_PER_STRENGTH * len(chosen), ASK_HIGHEST)
    raw = summary.low + share * summary.spread
    target = round(raw / ASK_ROUNDING) * ASK_ROUNDING
    if current and summary.low <= current <= summary.high:
        target = max(target, current)
    target = min(max(target, summary.low), summary.high)
    low = round(target * (1 - ASK_BAND) / ASK_ROUNDING) * ASK_ROUNDING
    high = round(target * (1 + ASK_BAND) / ASK_ROUNDING) * ASK_ROUNDING
    rationale = _rationale(summary, years, chosen, current, target, share)
    rationale += _against_posting(target, posting_range, summary.currency)
    return Ask(float(low), float(target), float(high), rationale, summary.currency, summary.sources)


def _strengths(strengths: Iterable[str] | Mapping[str, str]) -> list[tuple[Strength, str]]:
    known = {s.key: s for s in STRENGTHS}
    strengths = [strengths] if isinstance(strengths, str) else strengths
    details = strengths if isinstance(strengths, Mapping) else dict.fromkeys(strengths, "")
    unknown = [k for k in details if k not in known]
    if unknown:
        raise SalaryDataError(
            f"Unknown strength {', '.join(map(repr, unknown))}; choose from {', '.join(known)}."
        )
    return [(known[k], str(detail or "").strip()) for k, detail in details.items()]


def _rationale(
    summary: SalarySummary,
    years: float | None,
    strengths: list[tuple[Strength, str]],
    current: float | None,
    target: float,
    share: float,
) -> str:

    def money(value: float) -> str:
        return format_money(value, summary.currency)

    counts = pd.Series(summary.kinds).value_counts(sort=False)
    cited = _join([_count(n, _KIND_NOUNS.get(kind, "other source")) for kind, n in counts.items()])
    scope = " ".join(
        part
        for part in (
            f"for {summary.title}" if summary.title else "",
            f"in {summary.location}" if summary.location else "",
        )
        if part
    )
    reasons = [f"{years:g} years of experience"] if years is not None else []
    reasons += [f"{s.phrase} ({detail})" if detail else s.phrase for s, detail in strengths]
    text = (
        f"Across {_count(summary.n_sources, 'source')}{' ' + scope if scope else ''} ({cited}), "
        "the middle of the market "
        f"runs from {money(summary.low)} to {money(summary.high)}, centred on "
        f"{money(summary.median)}. "
    )
    if reasons:
        reasons_text = _join(reasons)
        reasons_text = reasons_text[0].upper() + reasons_text[1:]
        verb = "put" if len(reasons) > 1 else "puts"
        text += f"{reasons_text} {verb} you {share:.0%} of the way up that range."
    else:
        text += f"Without experience or strengths given, aim {share:.0%} of the way up."
    if current:
        if target > current:
            text += f" That is {target / current - 1:.0%} above your current {money(current)}."
        elif current > summary.high:
            text += (
                f" Your current {money(current)} is above this range; these sources may not "
                "match your role, so check the filters before you use this number."
            )
        else:
            text += f" It keeps your current {money(current)}."
    return text


def _against_posting(target: float, posting_range, currency: str) -> str:
    """A sentence when the ask falls outside the posting's own range; '' otherwise."""
    if posting_range is None:
        return ""
    try:
        low, high = (float(v) for v in posting_range)
    except (TypeError, ValueError):
        low = high = math.nan
    if not 0 < low <= high < math.inf:
        raise SalaryDataError(
            f"The posting's range must be two amounts, low then high, not {posting_range!r}."
        )
    offered = f"{format_money(low, currency)}–{format_money(high, currency)}"
    if target > high:
        return (
            f" The posting itself offers {offered}: asking above it needs your strongest "
            "reasons, or ask for the top of their range."
        )
    if target < low:
        return f" The posting itself offers {offered}, more than this: ask within its range."
    return ""


_KIND_NOUNS = {
    "government": "government wage table",
    "salary site": "salary site",
    "recruiter": "recruiter",
    "posting": "posting",
    "offer": "offer",
    "peer": "peer",
}


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def format_money(value: float, currency: str = "USD", *, short: bool = False) -> str:
    """$88,000 (or $88K with ``short``); currencies without a symbol get their code."""
    symbol = {"USD": "$", "GBP": "£", "EUR": "€"}.get(currency)
    if short:
        amount = f"{value / 1e6:.1f}M" if abs(value) >= 1e6 else f"{value / 1e3:.0f}K"
    else:
        amount = f"{value:,.0f}"
    return f"{symbol}{amount}" if symbol else f"{amount} {currency}"


# --- The chart -------------------------------------------------------------------------------

KIND_COLORS = {
    "government": "#1f5f8b",
    "salary site": "#2a9d8f",
    "recruiter": "#e07b39",
    "posting": "#8e5ea2",
    "offer": "#c0392b",
    "peer": "#7f8c3a",
    "other": "#7f7f7f",
}


def plot_ranges(
    frame: pd.DataFrame,
    *,
    ask: Ask | None = None,
    current: float | None = None,
    posting_range: tuple[float, float] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw one horizontal bar per source, sorted by its middle figure, and return the Axes.

    Thin bar: low to high (p10–p90 in wage tables); thick bar: p25 to p75; tick: median; a
    dot for a single figure. The ask is a shaded band with a dashed line at its target; current
    pay (``current``, else the table's "current pay" row) a solid line; the posting's own range
    a hatched band. Rows are labelled with source and date (the labels thin out when there are
    too many to read), the money axis reads like $85K, and colours show the kind of source.
    """
    current = current_pay(frame) if current is None else current
    rows = frame[frame["source_kind"] != "current pay"]
    if rows.empty:
        raise SalaryDataError("There are no figures to draw; add some or widen the filters.")
    _, centre, _ = _spans(rows)
    order = np.argsort(centre, kind="stable")
    rows, centre = rows.iloc[order], centre[order]
    n = len(rows)
    if ax is None:
        _, ax = plt.subplots(figsize=(9, min(2 + 0.32 * n, 40)), layout="constrained")
    y = np.arange(n)
    colors = [KIND_COLORS.get(k, KIND_COLORS["other"]) for k in rows["source_kind"]]
    outer_low = rows["low"].fillna(rows["p25"]).fillna(rows["median"]).to_numpy(float)
    outer_high = rows["high"].fillna(rows["p75"]).fillna(rows["median"]).to_numpy(float)
    spans = (outer_high > outer_low) & (rows["low"].notna() | rows["high"].notna()).to_numpy()
    ax.barh(
        y[spans],
        (outer_high - outer_low)[spans],
        left=outer_low[spans],
        height=0.14,
        color=np.array(colors)[spans],
        label="_thin",
    )
    quartiles = rows["p25"].notna().to_numpy() & rows["p75"].notna().to_numpy()
    p25, p75 = rows["p25"].to_numpy(float), rows["p75"].to_numpy(float)
    ax.barh(
        y[quartiles],
        (p75 - p25)[quartiles],
        left=p25[quartiles],
        height=0.5,
        color=np.array(colors)[quartiles],
        label="_thick",
    )
    medians = rows["median"].to_numpy(float)
    ticks = ~np.isnan(medians) & (spans | quartiles)
    ax.scatter(
        medians[ticks],
        y[ticks],
        marker="|",
        s=220,
        linewidths=2.5,
        color="black",
        zorder=3,
        label="_median",
    )
    points = ~spans & ~quartiles
    ax.scatter(
        centre[points],
        y[points],
        s=45,
        color=np.array(colors)[points],
        zorder=3,
        edgecolors="black",
        linewidths=0.6,
        label="_point",
    )
    top = rows["top_coded"].to_numpy(bool)
    ax.scatter(outer_high[top], y[top], marker=">", s=40, color="black", zorder=3, label="_top")
    handles = [
        Patch(color=KIND_COLORS.get(kind, KIND_COLORS["other"]), label=kind)
        for kind in dict.fromkeys(rows["source_kind"])
    ]
    if posting_range is not None:
        handles.append(
            ax.axvspan(
                *posting_range,
                facecolor="none",
                edgecolor="#8e5ea2",
                hatch="//",
                alpha=0.35,
                label="posting's range",
            )
        )
    if ask is not None:
        handles.append(ax.axvspan(ask.low, ask.high, color="#f4a261", alpha=0.3, label="ask"))
        ax.axvline(ask.target, color="#d1495b", linestyle="--", linewidth=1.5, label="_target")
        handles.append(Line2D([], [], color="#d1495b", linestyle="--", label="ask target"))
    if current is not None:
        handles.append(ax.axvline(current, color="black", linewidth=1.5, label="current pay"))
    if top.any():
        handles.append(Line2D([], [], marker=">", color="black", linestyle="", label="at least"))
    _label_rows(ax, rows, n)
    currency = str(rows["currency"].iloc[0])
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: format_money(v, currency, short=True)))
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6))
    ax.set_xlabel(f"Annual pay ({currency})")
    ax.set_title(f"Pay by source ({n} source{'s' if n > 1 else ''})")
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return ax


def _label_rows(ax: Axes, rows: pd.DataFrame, n: int) -> None:
    """Source and date on each row; only every k-th row when the Axes is too short for all."""
    dates = rows["collected_on"].dt.strftime(" · %b %Y").fillna("")
    labels = [s[:60] + d for s, d in zip(rows["source"], dates, strict=True)]
    height_points = ax.get_position().height * ax.figure.get_figheight() * 72
    step = max(1, math.ceil(n * 10 / max(height_points, 1)))
    ax.set_yticks(np.arange(0, n, step), labels[::step], fontsize=8, parse_math=False)
    ax.set_ylim(-0.7, n - 0.3)
