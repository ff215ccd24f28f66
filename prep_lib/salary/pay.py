"""Pay as people write it: reading a figure from text, and putting it on a yearly scale.

``parse_pay`` reads what job boards, salary sites and recruiters write ("$53K-$91K", "£30k pa",
"$40 an hour") into a ``Pay``; ``to_annual`` turns pay for a period into pay for a year with
``PERIODS``; ``format_money`` writes an amount back for people ("$88,000", "$88K").
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

import ftfy

from prep_lib.errors import SalaryDataError

PERIODS: Mapping[str, float] = {
    "annual": 1,
    "monthly": 12,
    "weekly": 52,
    "daily": 260,
    "hourly": 2080,
}

_PERIOD_NAMES = {
    "annual": "annual annually year yearly per_year a_year yr pa p.a. per_annum annum",
    "monthly": "monthly month per_month a_month mo pcm",
    "weekly": "weekly week per_week a_week wk",
    "daily": "daily day per_day a_day per_diem",
    "hourly": "hourly hour per_hour an_hour hr",
}
PERIOD_ALIASES = {
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
CURRENCY_SYMBOLS = {
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
_SYMBOL = "|".join(re.escape(s) for s in CURRENCY_SYMBOLS)
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
LARGEST_PAY = 1e9  # no pay figure in any currency is this large


EXAMPLES = "$85,000, $80K-$95K, $40 an hour or £30,000 to £35,000 pa"


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
    currencies = {CURRENCY_SYMBOLS[s] for s in re.findall(_SYMBOL, cleaned)}
    currencies |= {code.upper() for code in _CODE_IN_TEXT.findall(cleaned)}
    if len(currencies) > 1:
        raise SalaryDataError(f"{cleaned!r} mixes currencies ({', '.join(sorted(currencies))}).")
    currency = next(iter(currencies), None)
    _refuse_negative(cleaned)
    values = _amounts(cleaned, dot_thousands=currency == "EUR")
    if not values:
        raise SalaryDataError(f"No pay figure found in {cleaned!r}. Write it like {EXAMPLES}.")
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
    if value > LARGEST_PAY:
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
    groups: list[list[re.Match[str]]] = []
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


def join_words(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def format_money(value: float, currency: str = "USD", *, short: bool = False) -> str:
    """$88,000 (or $88K with ``short``); currencies without a symbol get their code."""
    symbol = {"USD": "$", "GBP": "£", "EUR": "€"}.get(currency)
    if short:
        amount = f"{value / 1e6:.1f}M" if abs(value) >= 1e6 else f"{value / 1e3:.0f}K"
    else:
        amount = f"{value:,.0f}"
    return f"{symbol}{amount}" if symbol else f"{amount} {currency}"
