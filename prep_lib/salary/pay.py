"""Pay as people write it: reading a figure from text, and putting it on a yearly scale.

``parse_pay`` reads what job boards, salary sites and recruiters write ("$53K-$91K", "£30k pa",
"30.000 € brutto/Jahr", "R$ 5.000 por mês", "₹6-8 LPA") into a ``Pay``, and never guesses: text
it cannot read for certain is refused with a message saying what to type instead. ``to_annual``
turns pay for a period into pay for a year with ``PERIODS``; ``format_money`` writes an amount
back for people ("$88,000", "$88K").

How numbers are read, whatever the currency: a separator followed by exactly three digits
groups thousands ("30.000", "30,000", "3 200", "100'000", and India's "12,00,000"), because
nobody quotes pay to a tenth of a cent; one or two digits after it are decimals ("22.50",
"45,50"); with both "." and ",", the last one is the decimal point ("5.000,00").
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NoReturn

import ftfy

from prep_lib.errors import SalaryDataError
from prep_lib.salary.pay_words import (
    AMBIGUOUS_SYMBOLS,
    COMMON_CODES,
    CURRENCY_SYMBOLS,
    DOLLARS,
    MIL_CURRENCIES,
    NO_FIGURE_WORDS,
    OTHER_CODES,
    PERIOD_PATTERNS,
    PERIODS,
    SCALES,
    cell_currency,
    cell_period,
    periods_in,
)

__all__ = ["EXAMPLES", "LARGEST_PAY", "PERIODS", "Pay", "cell_currency", "cell_period"]
__all__ += ["format_money", "join_words", "parse_pay", "to_annual"]

LARGEST_PAY = 1e9  # no pay figure in any currency is this large
EXAMPLES = "$85,000, $80K-$95K, $40 an hour or £30,000 to £35,000 pa"
_LONGEST = 300

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"), "-")
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u2009\u202f\u200a"), " ")
_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_FORMULA = re.compile(r"^\s*(?:[=@]|[+-]\s*[A-Za-z_][\w.]*\s*[(|!])")
_SCIENTIFIC = re.compile(r"\d(?:[.,]\d+)?\s?[eE][+-]?\d")
_BENEFIT_PLANS = re.compile(r"(?<![\w$£€.,])(?:40[13]|457)\s?\(?\s?[kKbB]\s?\)?(?![^\W\d_])")

_SIGNS = sorted([*CURRENCY_SYMBOLS, *AMBIGUOUS_SYMBOLS], key=len, reverse=True)
_SIGN = "|".join(
    rf"(?<![^\W\d_]){re.escape(s)}(?![^\W\d_])" if s[0].isalpha() else re.escape(s) for s in _SIGNS
)
_CODE = rf"\b(?:(?i:{'|'.join(COMMON_CODES)})|{'|'.join(OTHER_CODES)})\b"
_CURRENCY = rf"(?:{_SIGN}|{_CODE})"
_NUMBER = r"\d{1,3}(?: \d{3})+(?:[.,]\d{1,2})?(?![\d.,])|\d[\d.,']*\d|\d"
_SCALE = "|".join(re.escape(s) for s in sorted(SCALES, key=len, reverse=True))
_AMOUNT = re.compile(
    rf"(?P<prefix>{_CURRENCY})?(?(prefix)\s?(?P<minus>-\s?)?|)"
    rf"(?(prefix)|(?<![^\W_])(?<![^\W\d_]{{2}}-))(?P<number>{_NUMBER})"
    rf"(?:\s?(?P<scale>(?i:{_SCALE}))\.?(?=(?i:pa|ph|pd|pw|pm|pcm|hrs?)?(?![^\W\d_])))?"
    r"(?P<plus>\+)?"
    rf"(?:\s?(?P<suffix>{_CURRENCY})(?!\s?\d))?"
)
_RANGE_JOIN = re.compile(
    r"\s*(?:-|~|to|and|through|thru|,?\s*rising\s+to|,?\s*up\s+to|a|à|até|bis|et|y|e|hasta|tot"
    r"|till)\s*",
    re.IGNORECASE,
)
_UP_TO = re.compile(
    r"\b(?:up\s*to|max(?:imum)?|no\s+more\s+than|under|below|bis\s+zu|jusqu'à|até|hasta)\b"
    r"|^\s*(?:to|<)\s",
    re.IGNORECASE,
)
_FROM = re.compile(
    r"\b(?:from|starting\s+(?:at|from)|starts\s+at|at\s+least|min(?:imum)?|over|above|"
    r"or\s+more|and\s+up|ab|à\s+partir\s+de|a\s+partir\s+de|desde|mindestens)\b",
    re.IGNORECASE,
)
_QUANTITY_UNITS = (
    r"hours?|hrs?|days?|weeks?|months?|years?|yrs?|staff|people|employees|beds|reports"
    r"|direct\s+reports|shifts?|nights?|sessions|positions|vacancies|locations|sites"
)
_QTY_NUMBER = r"\d+(?:[.,]\d+)?"
_QUANTITIES = re.compile(
    "|".join(
        (
            rf"{_QTY_NUMBER}\s*%",
            rf"(?<![\w$£€₹.,]){_QTY_NUMBER}(?:\s*(?:-|to)\s*{_QTY_NUMBER})?\s*\+?\s*"
            rf"(?:{_QUANTITY_UNITS})\b(?:\s*(?:/|per|a|an|each)\s*(?:week|wk|w|day|month)\b"
            r"|\s*(?:weekly|pw)\b|\s+(?:of\s+)?(?:annual\s+leave|holidays?|leave|vacation|pto"
            r"|paid|off|experience|contract))?",
            r"\b(?:band|grade|level|step|tier|spine\s+point|scp|pay\s+point|gs|nhs\s+band)"
            r"\s*[-:]?\s*\d+[a-z]?\b",
            rf"(?<![\w.,]){_QTY_NUMBER}\s*(?:st|nd|rd|th)\b",
        )
    ),
    re.IGNORECASE,
)
_GLUED_WORDS = re.compile(
    r"(?i:hrs?|hours?|hourly|hrly|ph|pd|pw|pa|pm|pcm|p|ote|day|daily|week|weekly|wk|month|monthly"
    r"|mo|year|yearly|yr|annum|annually|brutto|gross|net|netto|base)"
)
_DECORATION = re.compile(
    rf"^(?:{_CURRENCY}|[(\[])+|(?:(?i:{_SCALE}|hrs?|ph|pd|pw|pa|pm|pcm|h|p)|{_CURRENCY}"
    r"|[.,+%)\]])+$"
)


@dataclass(frozen=True)
class Pay:
    """A pay figure read from text: a range, a single figure (low == high), or one end missing.

    ``period`` and ``currency`` are None when the text does not say. ``currency_sign`` is how
    the currency was written ("$", "USD", "R$"): a bare "$" is read as USD, yet agrees with any
    dollar currency a person chooses (see ``DOLLARS``).
    """

    low: float | None
    high: float | None
    period: str | None
    currency: str | None
    currency_sign: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True)
class _Amount:
    match: re.Match[str]
    value: float  # before the scale; NaN when the number cannot be read for certain
    scale: str  # "k", "million"... ("" when none)
    problem: str = ""  # why the number cannot be read

    @property
    def marked(self) -> bool:
        return bool(self.match["prefix"] or self.match["suffix"] or self.scale)


def parse_pay(text: str | float | None) -> Pay | None:
    """Read a pay figure as job boards and salary sites write it; None when there is no figure.

    Reads ranges ("$53K-$91K (Glassdoor est.)", "£24,907 to £30,615 pa", "45-55k", "de R$ 3.500
    a R$ 4.000"), single figures ("85,000", "$22.50/hr", "$1.2 million", "₹12 LPA"), one-sided
    figures ("up to $70k", "$100k+", "ab 50.000 €"), periods (hour, day, week, fortnight, twice
    a month, month, year, and short forms such as "hr", "pd", "p/h", "pa", in several
    languages), currencies by symbol or code, and the "no figure" markers ("-1", "N/A",
    "Competitive", blank). Words around the pay are left aside: "401k match", "10% bonus",
    "25 days holiday", "37.5 hours a week", "Band 6". Raises ``SalaryDataError`` for anything it
    cannot read for certain (several figures, formulas, letters inside numbers, scientific
    notation, a minus sign, "¥" or "kr" without a code...), saying what to type instead.
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return None
    if isinstance(text, bool) or not isinstance(text, str | int | float):
        raise SalaryDataError(f"A pay figure must be text or a number, not {type(text).__name__}.")
    if not isinstance(text, str):
        return _one_figure(float(text), str(text))
    cleaned = _clean(text)
    if len(cleaned) > _LONGEST:
        raise SalaryDataError("That is too long to be a pay figure; paste just the figure.")
    if _HTML_TAG.search(cleaned):
        raise SalaryDataError("That looks like HTML or code, not a pay figure; type the figure.")
    if _FORMULA.match(cleaned):
        raise SalaryDataError(
            f"{cleaned!r} is a spreadsheet formula, not a figure; type the amount itself, "
            "like 85000."
        )
    if re.fullmatch(r"\(?-1\)?|[-.\s]*", cleaned):  # "-1": Glassdoor's "no figure"
        return None
    scientific = _SCIENTIFIC.search(cleaned)
    if scientific:
        raise SalaryDataError(
            f"{_part(scientific[0], cleaned)} is scientific notation; type the number in full, "
            "like 85000."
        )
    prose = _blank(_QUANTITIES, _blank(_BENEFIT_PLANS, cleaned))
    _refuse_letters_in_numbers(prose, cleaned)
    split = re.search(r"(?<![\d.,])\d[\d.,]*[.,] \d{3}(?!\d)", prose)
    if split:
        raise SalaryDataError(
            f"{_part(split[0], cleaned)} has a space inside the number; type it without the "
            f"space, like {split[0].replace(' ', '')}."
        )
    amounts = [_amount(m, cleaned) for m in _AMOUNT.finditer(prose)]
    for amount in amounts:
        glued = re.match(r"[^\W\d_]+", prose[amount.match.end() :])
        if glued and not _GLUED_WORDS.fullmatch(glued[0]):
            raise SalaryDataError(
                f"{_part(amount.match[0] + glued[0], cleaned)} has letters glued to the number; "
                "type the amount in digits, with a space before any word, like 85000 or "
                "$40 an hour."
            )
    if not amounts:
        if NO_FIGURE_WORDS.search(cleaned):
            return None
        raise SalaryDataError(f"No pay figure found in {cleaned!r}. Write it like {EXAMPLES}.")
    _refuse_negative(prose, amounts, cleaned)
    currency, sign = _currency(cleaned)
    periods = periods_in(prose)
    if len(periods) > 1:
        raise SalaryDataError(
            f"{cleaned!r} mentions more than one period ({', '.join(sorted(periods))}); "
            "give one figure with one period."
        )
    figures = _figures(prose, amounts, cleaned)
    values = [_scaled(a, scale, currency, cleaned) for a, scale in figures]
    for value in values:
        _check_size(value, cleaned)
    if any(a.scale.lower().startswith("l.p.a") or a.scale.lower() == "lpa" for a, _ in figures):
        periods = {"annual"}  # lakhs per annum
    period = next(iter(periods), None)
    distinct = list(dict.fromkeys(values))
    if len(distinct) == 2:
        low, high = distinct
        if low > high:
            raise SalaryDataError(f"The range in {cleaned!r} runs backwards; put the lower first.")
        return Pay(low, high, period, currency, sign)
    (value,) = distinct
    if _UP_TO.search(prose) and not _FROM.search(prose):
        return Pay(None, value, period, currency, sign)
    if figures[0][0].match["plus"] or _FROM.search(prose):
        return Pay(value, None, period, currency, sign)
    return Pay(value, value, period, currency, sign)


def _clean(text: str) -> str:
    """Repair mis-decoded text, unify dashes and spaces, and fold look-alike characters."""
    text = ftfy.fix_text(text).translate(_DASHES).translate(_SPACES)
    return unicodedata.normalize("NFKC", text).translate(_DASHES).strip()


def _part(part: str, text: str) -> str:
    """How a message names part of the text: "'85O00'", or "'85O00' in 'about 85O00'"."""
    return repr(part) if part.strip() == text.strip() else f"{part!r} in {text!r}"


def _blank(pattern: re.Pattern[str], text: str) -> str:
    """``text`` with every match of ``pattern`` replaced by spaces (positions are kept)."""
    return pattern.sub(lambda m: " " * len(m[0]), text)


def _one_figure(value: float, text: str) -> Pay:
    _check_size(value, text)
    return Pay(value, value, None, None)


def _check_size(value: float, text: str) -> None:
    if not value > 0:
        raise SalaryDataError(f"Pay must be more than zero; {text!r} is not. Type the amount paid.")
    if value > LARGEST_PAY:
        raise SalaryDataError(f"{text!r} is far too large to be pay; check the zeros.")


def _refuse_letters_in_numbers(prose: str, text: str) -> None:
    """'85O00', '$8S,000', 'l00k': a letter where a digit should be is a typo, never read."""
    for word in re.finditer(r"[^\s/\-~:;]*\d[^\s/\-~:;]*", prose):
        core = _DECORATION.sub("", word[0])
        if len(core) >= 3 and re.search(r"\d[.,]?[OolI]|[OolI][.,]?\d", core):
            raise SalaryDataError(
                f"{_part(word[0], text)} has a letter inside the number (O for 0, or l for 1?); "
                "type it in digits, like 85000."
            )


def _amount(match: re.Match[str], text: str) -> _Amount:
    scale = (match["scale"] or "").lower().rstrip(".")
    try:
        return _Amount(match, _number(match["number"], scaled=bool(scale), text=text), scale)
    except SalaryDataError as error:  # a problem only if this number turns out to be the pay
        return _Amount(match, math.nan, scale, str(error))


def _refuse_negative(prose: str, amounts: list[_Amount], text: str) -> None:
    """A minus sign before a figure (not a dash between two figures) is refused."""
    for amount in amounts:
        before = prose[: amount.match.start()].rstrip()
        dash_first = before.endswith("-") and not re.search(r"[\w)%€£$₹+]\s*-$", before)
        if amount.match["minus"] or dash_first:
            raise SalaryDataError(
                f"Pay cannot be negative: {text!r}. Type the amount without a minus sign."
            )


def _figures(prose: str, amounts: list[_Amount], text: str) -> list[tuple[_Amount, str]]:
    """The amounts that are the pay, each with its scale: one figure or one range.

    Amounts joined into a range ("$45-55", "45-55k", "30 000 € à 35 000 €") share a scale;
    when some amounts carry a currency or a scale, bare numbers elsewhere are left aside. Two
    different figures or ranges are refused: only the person knows which one is the pay.
    """
    groups: list[list[_Amount]] = []
    for i, amount in enumerate(amounts):
        gap = prose[amounts[i - 1].match.end() : amount.match.start()] if i else None
        if gap is not None and _RANGE_JOIN.fullmatch(_without_periods(gap) or " "):
            groups[-1].append(amount)
        else:
            groups.append([amount])
    marked = [g for g in groups if any(a.marked for a in g)] or groups
    chosen: dict[tuple[float, ...], list[tuple[_Amount, str]]] = {}
    for group in marked:
        scales = {a.scale for a in group if a.scale}
        shared = scales.pop() if len(scales) == 1 else ""
        scaled = [(a, a.scale or shared) for a in group]
        key = tuple(a.value * SCALES.get(s, 1) for a, s in scaled)
        chosen.setdefault(key, scaled)
    if len(chosen) > 1:
        shown = "; ".join(" to ".join(a.match[0].strip() for a, _ in g) for g in chosen.values())
        raise SalaryDataError(
            f"{text!r} holds several figures ({shown}); type only the pay, as one figure or one "
            "range, like $85,000 or $80,000-$95,000."
        )
    (figures,) = chosen.values()
    for amount, _ in figures:
        if amount.problem:
            raise SalaryDataError(amount.problem)
    if len({a.value * SCALES.get(s, 1) for a, s in figures}) > 2:
        raise SalaryDataError(
            f"{text!r} holds more than two figures; give one figure or one range."
        )
    return figures


def _without_periods(gap: str) -> str:
    for pattern in PERIOD_PATTERNS.values():
        gap = re.sub(pattern, " ", gap, flags=re.IGNORECASE)
    return gap


def _currency(text: str) -> tuple[str | None, str]:
    """The one currency ``text`` is in (and how it was written), or None when it does not say."""
    signs = {m[0] for m in re.finditer(_SIGN, text)}
    codes = {"CNY" if m[0].upper() == "RMB" else m[0].upper() for m in re.finditer(_CODE, text)}
    found = set(codes)
    for sign in signs - codes:
        if sign in AMBIGUOUS_SYMBOLS:
            options = AMBIGUOUS_SYMBOLS[sign]
            if not codes & set(options):
                raise SalaryDataError(
                    f"{_part(sign, text)} stands for several currencies "
                    f"({', '.join(options)}); write the code after the amount, like 50000 "
                    f"{options[0]}."
                )
        elif sign == "$" and codes & DOLLARS:
            continue  # "$70,000 CAD": the code says which dollar
        else:
            found.add(CURRENCY_SYMBOLS[sign])
    if len(found) > 1:
        raise SalaryDataError(
            f"{text!r} mixes currencies ({', '.join(sorted(found))}); give the figure in one "
            "currency (rates are never guessed)."
        )
    written = next(iter(sorted(signs | codes, key=len)), "")
    return next(iter(found), None), written


def _scaled(amount: _Amount, scale: str, currency: str | None, text: str) -> float:
    if scale == "l" and currency != "INR":
        raise SalaryDataError(
            f"'L' after a number in {text!r} is read as lakh only for rupees; write the number in "
            "full, like 300000, or write ₹ before it."
        )
    if scale == "mil" and currency not in MIL_CURRENCIES:
        raise SalaryDataError(
            f"'mil' in {text!r} means a thousand in Portuguese and Spanish but a million in "
            "English slang; write the number in full, like 5000 or 5 million."
        )
    return round(amount.value * SCALES.get(scale, 1), 4)


def _number(written: str, *, scaled: bool, text: str) -> float:
    """A number as people write it in any locale (see the module's docstring)."""
    digits = written.replace(" ", "").replace("'", "")
    separators = [c for c in digits if c in ".,"]
    grouped = written != digits  # spaces or apostrophes group thousands
    if not separators:
        return float(digits)
    last = digits.rfind(separators[-1])
    tail = digits[last + 1 :]
    if len(set(separators)) == 2:  # "5.000,00", "1,234.56": the last one is the decimal point
        if separators.count(separators[-1]) > 1 or len(tail) > 2:
            _unreadable(written, text)
        whole = digits[:last]
        _check_groups(whole, written, text)
        return float(re.sub(r"[.,]", "", whole) + "." + tail)
    if len(separators) > 1 or grouped:  # "1.234.567", "12,00,000", "30 000,50"
        if grouped and len(tail) <= 2 and len(separators) == 1:
            return float(digits[:last] + "." + tail)
        _check_groups(digits, written, text)
        return float(re.sub(r"[.,]", "", digits))
    if len(tail) <= 2 or (len(tail) > 3 and separators[0] == "."):  # "22.50", "45,5", "16.1418"
        return float(digits[:last] + "." + tail)
    if len(tail) == 3 and not scaled:  # "30.000", "85,000": thousands, in every locale
        return float(digits[:last] + tail)
    _unreadable(written, text)


def _check_groups(digits: str, written: str, text: str) -> None:
    """Thousands grouped by threes, or India's lakh grouping (12,34,567)."""
    groups = re.split(r"[.,]", digits)
    western = all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3
    indian = (
        len(groups) > 2
        and len(groups[-1]) == 3
        and all(len(g) == 2 for g in groups[1:-1])
        and 1 <= len(groups[0]) <= 2
    )
    if not (western or indian):
        _unreadable(written, text)


def _unreadable(written: str, text: str) -> NoReturn:
    raise SalaryDataError(
        f"{_part(written, text)} is not a number this tool can read for certain; type it like "
        "85000, 85,000 or 22.50 (and 1.5k rather than 1.500k)."
    )


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
