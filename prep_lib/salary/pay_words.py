"""The words and symbols pay is written with: periods, currencies, scales and "no figure".

``parse_pay`` (in ``pay``) and the research-table checks read pay with these lists. Periods and
currencies are recognised in English and in the languages of the job boards users bring most
(French, German, Spanish, Portuguese, Dutch, Swedish, Polish, and India's lakh and crore);
anything ambiguous (``¥``, ``kr``, "bi-monthly", "mil") is listed so that it is refused, never
guessed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from prep_lib.errors import SalaryDataError

PERIODS: Mapping[str, float] = {
    "annual": 1,
    "monthly": 12,
    "semimonthly": 24,
    "biweekly": 26,
    "weekly": 52,
    "daily": 260,
    "hourly": 2080,
}
"""Each period's factor to a year: 2,080 paid hours (52 weeks of 40), 260 working days."""

_CELL_NAMES = {
    "annual": "annual annually year yearly per_year a_year yr pa p.a. per_annum annum y",
    "monthly": "monthly month per_month a_month mo mth pcm pm p.m. m",
    "semimonthly": "semimonthly semi-monthly semi_monthly twice_monthly twice_a_month",
    "biweekly": "biweekly bi-weekly bi_weekly fortnightly fortnight per_fortnight every_two_weeks",
    "weekly": "weekly week per_week a_week wk pw p.w. w",
    "daily": "daily day per_day a_day per_diem pd p.d. d",
    "hourly": "hourly hour per_hour an_hour hr hrs ph p.h. h",
}
CELL_PERIODS = {
    alias.replace("_", " "): period
    for period, aliases in _CELL_NAMES.items()
    for alias in aliases.split()
}
"""A period written alone in a table cell ("Annual", "hr", "fortnightly") and its name."""

# Where a period is written in running text. Short forms ("hr", "pa", "pd") count only right
# after a figure ("$40hr", "£30k pa", "45.000 € pa"), so that "HR Manager" is not a period.
_F = r"(?:(?<=\d)|(?<=\d )|(?<=[kKmM€£$)])|(?<=[kKmM€£$)] ))"
PERIOD_PATTERNS: Mapping[str, str] = {
    "hourly": (
        rf"{_F}(?:hr|hrs|ph)\b|\b(?:hourly|hrly|per\s*hour|an?\s+hour|per\s*hr)\b|\bp/h\b"
        r"|\bp\.h\.|/\s*(?:hour|hr|h)\b|\bpar\s+heure\b|/\s*heure\b|\bde\s+l'heure\b"
        r"|\bpro\s+stunde\b|/\s*std\b|\bstündlich\b|\bpor\s+hora\b|\bla\s+hora\b|/\s*hora\b"
        r"|\bper\s+uur\b|/\s*uur\b|\bi\s+timmen\b|/\s*tim\b|\bna\s+godzinę|/\s*godz\b"
        r"|\ball'ora\b|\bl'ora\b"
    ),
    "daily": (
        rf"{_F}pd\b|\b(?:daily|per\s+day|an?\s+day|per\s+diem|day\s+rate)\b|\bp/d\b|\bp\.d\."
        r"|/\s*(?:day|d)\b|\bpar\s+jour\b|/\s*jour\b|\bpro\s+tag\b|/\s*tag\b|\btagessatz\b"
        r"|\bpor\s+d[ií]a\b|\bal\s+d[ií]a\b|/\s*d[ií]a\b|\bper\s+dag\b|/\s*dag\b"
    ),
    "weekly": (
        rf"{_F}pw\b|\b(?:weekly|per\s+week|an?\s+week)\b|\bp/w\b|\bp\.w\.|/\s*(?:week|wk|w)\b"
        r"|\bpar\s+semaine\b|\bpro\s+woche\b|\bwöchentlich\b|\bpor\s+semana\b|/\s*semana\b"
        r"|\bi\s+veckan\b"
    ),
    "biweekly": (
        r"\bbi-?\s?weekly\b|\bfortnightly\b|\b(?:per|a|every)\s+fortnight\b|/\s*fortnight\b"
        r"|\bevery\s+(?:two|2)\s+weeks\b"
    ),
    "semimonthly": r"\bsemi-?\s?monthly\b|\btwice\s+(?:a\s+month|monthly)\b",
    "monthly": (
        rf"{_F}pm\b|\b(?:monthly|per\s+(?:calendar\s+)?month|an?\s+month|pcm)\b|\bp/m\b"
        r"|\bp\.m\.|/\s*(?:month|mo|mth|m)\b|\bpar\s+mois\b|/\s*mois\b|\bmensuel(?:le)?\b"
        r"|\bpro\s+monat\b|/\s*monat\b|\bmonatlich\b|\bmtl\.|\bpor\s+m[eê]s\b|\bal\s+mes\b"
        r"|\bao\s+m[eê]s\b|/\s*m[eê]s\b|\bmensual\b|\bmensal\b|\bper\s+maand\b|/\s*maand\b"
        r"|\bi\s+månaden\b|/\s*mån\b|\bmånadslön\b|\bmiesięcznie\b|/\s*mies\b|\bal\s+mese\b"
        r"|\bper\s+månad\b|\bpr\.?\s+måned\b|\bom\s+måneden\b|\bmensili\b"
    ),
    "annual": (
        rf"{_F}pa\b|\b(?:annual|annually|yearly|per\s+(?:year|annum|yr)|an?\s+year)\b"
        r"|\bp\.\s?a\.?(?![^\W\d_])|\bl\.?p\.?a\b\.?|\bctc\b"
        r"|/\s*(?:year|yr|annum|an|jahr|año|ano|jaar|år)\b|\bpar\s+an\b|\bannuel(?:le)?\b"
        r"|\bpro\s+jahr\b|\bjährlich\b|\bpor\s+a[ñn]o\b|\bal\s+año\b|\bao\s+ano\b|\banual\b"
        r"|\bper\s+jaar\b|\bper\s+år\b|\bpr\.?\s+år\b|\bårslön\b|\brocznie\b|\bim\s+jahr\b"
        r"|\banuales\b|\bannu[io]\b|\bral\b|\ball'anno\b"
    ),
}
UNCLEAR_PERIODS = {
    r"\bbi-?\s?monthly\b": (
        "'bi-monthly' can mean twice a month or every two months; write 'semi-monthly' for "
        "twice a month, or give the monthly amount"
    ),
    r"\bper\s+(?:shift|session|visit|call|case|piece|mile|km|lesson|class|article|word|project|"
    r"assignment|night|clinic|PA|sitting|treatment|patient|delivery)\b": (
        "pay per {unit} cannot be put on a yearly scale; give the hourly, daily, weekly, "
        "monthly or yearly figure"
    ),
}
# Words that name a period without being the pay's period ("25 days annual leave").
NOT_A_PERIOD = re.compile(
    r"\b(?:annual|monthly|weekly|yearly|daily|hourly)\s+(?:leave|holiday|bonus|review|increment|"
    r"increase|incentive|allowance|commission|performance|travel|commute|meals?|expenses)s?\b",
    re.IGNORECASE,
)

# Currency symbols, longest first so that "R$" and "US$" win over "$".
CURRENCY_SYMBOLS: Mapping[str, str] = {
    "US$": "USD",
    "CA$": "CAD",
    "CAD$": "CAD",
    "AU$": "AUD",
    "AUD$": "AUD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "SG$": "SGD",
    "MX$": "MXN",
    "R$": "BRL",
    "C$": "CAD",
    "A$": "AUD",
    "S$": "SGD",
    "Rs.": "INR",
    "Rs": "INR",
    "₹": "INR",
    "$": "USD",
    "£": "GBP",
    "€": "EUR",
    "₩": "KRW",
    "₱": "PHP",
    "₦": "NGN",
    "zł": "PLN",
    "Kč": "CZK",
    "CHF": "CHF",
}
AMBIGUOUS_SYMBOLS = {
    "¥": ("JPY", "CNY"),
    "kr": ("SEK", "NOK", "DKK", "ISK"),
    "kr.": ("SEK", "NOK", "DKK", "ISK"),
}
DOLLARS = {"USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN"}
"""Currencies written with a bare "$" in their own country."""
# Codes read in any case ("usd"); the rarer ones only in capitals, so that "try" or "all"
# in a sentence are not read as Turkish lira or Albanian lek.
COMMON_CODES: tuple[str, ...] = (
    *("USD", "GBP", "EUR", "CAD", "AUD", "NZD", "CHF", "JPY", "INR", "SEK", "NOK", "DKK"),
    *("PLN", "ZAR", "SGD", "HKD", "MXN", "BRL", "CNY"),
)
OTHER_CODES: tuple[str, ...] = (
    *("KRW", "PHP", "NGN", "CZK", "HUF", "RON", "AED", "SAR", "ILS", "TRY", "ARS", "CLP"),
    *("COP", "PEN", "IDR", "MYR", "THB", "VND", "EGP", "KES", "PKR", "BDT", "LKR", "ISK"),
    *("BGN", "UAH", "TWD", "QAR", "KWD", "MAD", "UYU", "RMB"),
)

SCALES: Mapping[str, float] = {
    "k": 1e3,
    "thousand": 1e3,
    "thousands": 1e3,
    "grand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mn": 1e6,
    "mio": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "lakh": 1e5,
    "lakhs": 1e5,
    "lac": 1e5,
    "lacs": 1e5,
    "lpa": 1e5,
    "l.p.a": 1e5,
    "crore": 1e7,
    "crores": 1e7,
    "cr": 1e7,
    "mil": 1e3,  # Portuguese and Spanish; refused outside those currencies
    "l": 1e5,  # lakh, after rupees only ("₹3L")
}
MIL_CURRENCIES = {"BRL", "ARS", "CLP", "COP", "MXN", "PEN", "UYU", "EUR"}

NO_FIGURE_WORDS = re.compile(
    r"^\W*(?:-1|n/?a|none|nan|null|nil|-)\W*$|\b(?:competitive|negotiable|voluntary|volunteer|"
    r"unpaid|doe|depend(?:s|ing|ent)\s+on|commensurate|not\s+(?:disclosed|specified|stated|"
    r"provided|applicable|available)|undisclosed|tbc|tbd|to\s+be\s+(?:confirmed|discussed|"
    r"agreed)|a\s+combinar|a\s+convenir|à\s+négocier|a\s+negociar|nach\s+vereinbarung|"
    r"selon\s+profil|market\s+rate|attractive)\b",
    re.IGNORECASE,
)
"""Text that says there is no figure: "-1" (Glassdoor), "N/A", "Competitive", "DOE"..."""


def cell_period(text: str) -> str | None:
    """The period a table cell names ("Annual", "per hour", "bi-weekly"), or None."""
    key = " ".join(str(text).strip().lower().replace("_", " ").split())
    if key in PERIODS:
        return key
    if key in CELL_PERIODS:
        return CELL_PERIODS[key]
    found = periods_in(key)
    return found.pop() if len(found) == 1 else None


def periods_in(text: str) -> set[str]:
    """Every period ``text`` names; refuses periods that cannot be put on a year."""
    lowered = NOT_A_PERIOD.sub(" ", text.lower())
    for pattern, message in UNCLEAR_PERIODS.items():
        unclear = re.search(pattern, lowered, re.IGNORECASE)
        if unclear:
            unit = unclear[0].split()[-1]
            raise SalaryDataError(f"In {text.strip()!r}, " + message.format(unit=unit) + ".")
    found = set()
    for period in ("biweekly", "semimonthly", *PERIODS):  # "bi-weekly" is not also "weekly"
        lowered, count = re.subn(PERIOD_PATTERNS[period], " ", lowered)
        if count:
            found.add(period)
    return found


def cell_currency(text: str) -> str:
    """The currency code a table cell names: a code ("usd") or a symbol ("£"); else as typed."""
    cleaned = str(text).strip()
    return CURRENCY_SYMBOLS.get(cleaned, cleaned.upper())
