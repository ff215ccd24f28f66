"""From research to an ask: filter the figures, summarise the market, recommend a number.

``summarize`` gives the middle of the market for a title, place and experience
(``SalarySummary``); ``recommend_ask`` places an ``Ask`` inside it, with the reasons in words.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from prep_lib.errors import SalaryDataError
from prep_lib.salary.pay import format_money, join_words
from prep_lib.salary.table import check_table


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
    """Summarise the research rows that match the filters (see ``filter_research``).

    The table is checked first (``check_table``): NaN or infinite pay, pay of zero or less,
    figures out of order or in several currencies are refused with a clear error.
    """
    frame = check_table(frame, use="summarise the market")
    market = filter_research(frame, title=title, location=location, years=years)
    market = market[(market["source_kind"] != "current pay") & (market["weight"] > 0)]
    if market.empty:
        asked = [f"{k} {v!r}" for k, v in (("title", title), ("location", location)) if v]
        asked += [f"{years:g} years of experience"] if years is not None else []
        wanted = join_words(asked) if asked else "the research"
        raise SalaryDataError(f"No figures match {wanted}; widen the filters or add figures.")
    lower, centre, upper = row_spans(market)
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
    _, centre, _ = row_spans(rows.sort_values("collected_on", na_position="first").tail(1))
    return float(centre[0])


def row_spans(rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's lower, middle and upper figure (whichever it gives: a wage table may publish
    only its 25th percentile, a posting only its top)."""
    lower = rows["p25"].fillna(rows["low"]).fillna(rows["median"]).fillna(rows["high"])
    upper = rows["p75"].fillna(rows["high"]).fillna(rows["median"]).fillna(rows["low"])
    lower, upper = lower.fillna(rows["p75"]), upper.fillna(rows["p25"])
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
        _checked_summary(frame_or_summary)
        if isinstance(frame_or_summary, SalarySummary)
        else summarize(frame_or_summary, years=years)
    )
    years = summary.years if years is None else years
    current = summary.current if current is None else checked_amount(current, "Your current pay")
    chosen = _strengths(strengths)
    if years is not None and not 0 <= years <= 60:
        raise SalaryDataError("Years of experience must be between 0 and 60.")
    credited = min(years if years is not None else 5, ASK_FULL_YEARS)
    share = min(ASK_START + ASK_PER_YEAR * credited + ASK_PER_STRENGTH * len(chosen), ASK_HIGHEST)
    raw = summary.low + share * summary.spread
    target: float = round(raw / ASK_ROUNDING) * ASK_ROUNDING
    if current and summary.low <= current <= summary.high:
        target = max(target, current)
    target = min(max(target, summary.low), summary.high)
    low = round(target * (1 - ASK_BAND) / ASK_ROUNDING) * ASK_ROUNDING
    high = round(target * (1 + ASK_BAND) / ASK_ROUNDING) * ASK_ROUNDING
    rationale = _rationale(summary, years, chosen, current, target, share)
    rationale += _against_posting(target, posting_range, summary.currency)
    return Ask(float(low), float(target), float(high), rationale, summary.currency, summary.sources)


def checked_amount(value: object, what: str) -> float:
    """``value`` as a positive, finite amount of money, else a clear error naming ``what``."""
    amount = math.nan
    if isinstance(value, int | float | np.number) and not isinstance(value, bool):
        amount = float(value)
    if not 0 < amount < math.inf:
        raise SalaryDataError(f"{what} must be an amount above zero, like 72000, not {value!r}.")
    return amount


def posting_bounds(posting_range: object) -> tuple[float, float]:
    """The posting's own range as (low, high), checked: two positive amounts, low first."""
    try:
        low, high = (float(v) for v in posting_range)  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        low = high = math.nan
    if not 0 < low <= high < math.inf:
        raise SalaryDataError(
            f"The posting's range must be two amounts, low then high, not {posting_range!r}."
        )
    return low, high


def _checked_summary(summary: SalarySummary) -> SalarySummary:
    figures = (summary.low, summary.median, summary.high)
    if not all(0 < f < math.inf for f in figures) or not summary.low <= summary.high:
        raise SalaryDataError(
            f"This summary's market range ({summary.low!r} to {summary.high!r}) is not two "
            "positive amounts, low first; summarise the research again with summarize()."
        )
    if summary.current is not None:
        checked_amount(summary.current, "The current pay in this summary")
    return summary


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

    counts = dict.fromkeys(summary.kinds, 0)
    for kind in summary.kinds:
        counts[kind] += 1
    cited = join_words(
        [_count(n, _KIND_NOUNS.get(kind, "other source")) for kind, n in counts.items()]
    )
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
        reasons_text = join_words(reasons)
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


def _against_posting(target: float, posting_range: object, currency: str) -> str:
    """A sentence when the ask falls outside the posting's own range; '' otherwise."""
    if posting_range is None:
        return ""
    low, high = posting_bounds(posting_range)
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
