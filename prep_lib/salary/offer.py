"""An offer, laid beside your current job and your ask: every part as a yearly value, one chart,
and what to negotiate next.

A ``Package`` holds one job's pay and benefits as yearly amounts: base, bonus, equity (the yearly
value of a grant: its value divided by the years it takes to vest), the employer's pension or
401(k) match, paid leave (in days) and other benefits (their yearly value, e.g. tuition help).
``package`` reads amounts as people write them ("$84,000", "$40 an hour", "5%" of the base).
``compare_offer`` lays an offer beside your current job and the ``Ask`` from the salary research:
``OfferComparison.table()``, ``.plot(ax=None)`` and ``.negotiate()`` (what to ask for next, the
largest gap first).

Paid leave is valued at a working day's base pay per day (base ÷ 260), so 25 days on $84,000 are
worth $8,077 a year; the other parts are counted as given.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import pandas as pd

from prep_lib.errors import SalaryDataError
from prep_lib.salary.ask import Ask
from prep_lib.salary.pay import format_money, parse_pay, to_annual
from prep_lib.text import markdown_text

if TYPE_CHECKING:
    from matplotlib.axes import Axes

WORKING_DAYS = 260  # a year's working days: the value of one day of leave is base / 260
COMPONENTS = ("base", "bonus", "equity", "retirement", "leave", "other")
LABELS = {
    "base": "Base salary",
    "bonus": "Bonus",
    "equity": "Equity (per year)",
    "retirement": "Pension or 401(k) match",
    "leave": "Paid leave",
    "other": "Other benefits",
}
COLORS = {
    "base": "#1f5f8b",
    "bonus": "#2a9d8f",
    "equity": "#8e5ea2",
    "retirement": "#e9c46a",
    "leave": "#f4a261",
    "other": "#7f8c3a",
}
MOST_DAYS = 366
MOST_AMOUNT = 1e8  # anything above is a typing slip, not a salary
_SHARE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(?:%|percent\b|per\s*cent\b)(.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class Package:
    """One job's pay and benefits as yearly amounts (see the module docstring)."""

    label: str
    base: float
    bonus: float = 0.0
    equity: float = 0.0
    retirement: float = 0.0
    leave_days: float = 0.0
    other: float = 0.0
    notes: str = ""
    currency: str = "USD"

    @property
    def leave(self) -> float:
        """The yearly value of the paid leave: a working day's base pay per day."""
        return self.leave_days * self.base / WORKING_DAYS

    def yearly(self) -> dict[str, float]:
        """Each part's yearly value, keyed like ``COMPONENTS``."""
        return {part: float(getattr(self, part)) for part in COMPONENTS}

    @property
    def total(self) -> float:
        return sum(self.yearly().values())


def package(
    label: str,
    *,
    base: Any,
    bonus: Any = 0,
    equity: Any = 0,
    retirement: Any = 0,
    leave_days: Any = 0,
    other: Any = 0,
    notes: str = "",
    currency: str = "USD",
) -> Package:
    """A ``Package`` from amounts as people write them.

    Each amount is a number (a yearly amount), a text such as "$84,000", "$40 an hour" or
    "$3,000 a month" (turned into a year), or for bonus, equity, retirement and other "5%"
    (a share of the base). ``leave_days`` is a number of days. A value that cannot be read
    raises ``SalaryDataError`` naming the part.
    """
    label = " ".join(str(label or "").split())
    if not label:
        raise SalaryDataError("Give the package a name, such as 'Offer' or 'Current job'.")
    if not isinstance(currency, str) or not re.fullmatch(r"[A-Z]{3}", currency):
        raise SalaryDataError(
            f"The currency must be a three-letter code such as USD, EUR or GBP, not {currency!r}."
        )
    yearly_base = _amount(base, "base salary", base=None, currency=currency)
    if yearly_base <= 0:
        raise SalaryDataError("The base salary must be more than zero.")
    parts = {
        name: _amount(value, LABELS[name].lower(), base=yearly_base, currency=currency)
        for name, value in (
            ("bonus", bonus),
            ("equity", equity),
            ("retirement", retirement),
            ("other", other),
        )
    }
    return Package(
        label=label,
        base=yearly_base,
        leave_days=_days(leave_days),
        notes=str(notes or "").strip(),
        currency=currency,
        **parts,
    )


def _amount(value: Any, name: str, *, base: float | None, currency: str) -> float:
    """A yearly amount from a number or a text; a share ("5%") of ``base`` where one is given."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0.0
    if isinstance(value, bool):
        raise SalaryDataError(f"The {name} must be an amount, not {value!r}.")
    if isinstance(value, int | float):
        amount = float(value)
    elif isinstance(value, str):
        amount = _text_amount(value, name, base=base, currency=currency)
    else:
        raise SalaryDataError(f"The {name} must be an amount, not {type(value).__name__}.")
    if not math.isfinite(amount) or not 0 <= amount <= MOST_AMOUNT:
        raise SalaryDataError(
            f"The {name} ({value!r}) must be an amount between 0 and "
            f"{format_money(MOST_AMOUNT)} a year."
        )
    return amount


def _text_amount(text: str, name: str, *, base: float | None, currency: str) -> float:
    share = _SHARE.match(text)
    if share:
        if base is None:
            raise SalaryDataError(f"Write the {name} as an amount, such as $84,000, not a share.")
        if share.group(2).strip():
            raise SalaryDataError(
                f"The {name} ({text.strip()[:40]!r}) should be one share of the base, such as 5%."
            )
        return base * float(share.group(1).replace(",", ".")) / 100
    try:
        pay = parse_pay(text)
    except SalaryDataError as exc:
        raise SalaryDataError(f"The {name}: {exc}") from None
    if pay is None:
        raise SalaryDataError(f"The {name} ({text.strip()[:40]!r}) holds no amount; type one.")
    if pay.currency and pay.currency != currency:
        raise SalaryDataError(
            f"The {name} is in {pay.currency}, the package in {currency}; convert it first."
        )
    ends = [v for v in (pay.low, pay.high) if v is not None]
    if not ends:
        raise SalaryDataError(f"The {name} ({text.strip()[:40]!r}) holds no amount; type one.")
    middle = sum(ends) / len(ends)
    return to_annual(middle, pay.period) if pay.period else middle


def _days(value: Any) -> float:
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0.0
    try:
        days = float(value) if not isinstance(value, bool) else math.nan
    except (TypeError, ValueError):
        days = math.nan
    if not math.isfinite(days) or not 0 <= days <= MOST_DAYS:
        raise SalaryDataError(
            f"Paid leave must be a number of days from 0 to {MOST_DAYS}, not {value!r}."
        )
    return days


@dataclass(frozen=True)
class OfferComparison:
    """An offer beside your current job (optional) and your ask (optional)."""

    offer: Package
    current: Package | None = None
    ask: Ask | None = None

    @property
    def at_ask(self) -> Package | None:
        """The offer with its base raised to your ask's target (None without an ask, or when
        the base already meets it)."""
        if self.ask is None or self.offer.base >= self.ask.target:
            return None
        label = "Offer at your ask"
        return replace(self.offer, label=label, base=self.ask.target)

    def packages(self) -> list[Package]:
        """The packages drawn and tabled: current job, offer, offer at your ask."""
        return [p for p in (self.current, self.offer, self.at_ask) if p is not None]

    def table(self) -> pd.DataFrame:
        """Yearly value of each part (rows, plus "Total") for each package (columns), and the
        offer's difference from the current job."""
        columns = {p.label: [*p.yearly().values(), p.total] for p in self.packages()}
        frame = pd.DataFrame(columns, index=[*(LABELS[c] for c in COMPONENTS), "Total"])
        if self.current is not None:
            frame["Offer − current"] = frame[self.offer.label] - frame[self.current.label]
        frame.index.name = "per year"
        return frame

    def summary(self) -> str:
        """One sentence: what the offer is worth a year, against the current job and the ask."""
        money = self._money
        text = f"{self.offer.label} is worth {money(self.offer.total)} a year in all"
        if self.current is not None:
            change = self.offer.total - self.current.total
            if change >= 0:
                text += f", {money(change)} more than your current job"
            else:
                text += f", {money(-change)} less than your current job"
            text += f" ({self._percent(change, self.current.total)})"
        if self.ask is not None:
            gap = self.ask.target - self.offer.base
            if gap > 0:
                text += f"; its base is {money(gap)} below your ask of {money(self.ask.target)}"
            else:
                text += f"; its base meets your ask of {money(self.ask.target)}"
        return text + "."

    def negotiate(self) -> list[str]:
        """What to ask for next, the largest yearly gap first; one line each."""
        money = self._money
        offer, current, ask = self.offer, self.current, self.ask
        gaps: list[tuple[float, str]] = []
        if ask is not None and offer.base < ask.target:
            gap = ask.target - offer.base
            gaps.append(
                (
                    gap,
                    f"Base salary: ask for {money(ask.target)}, {money(gap)} more than offered, "
                    "with the reasons from your research. If the base cannot move, ask for a "
                    f"one-off signing bonus of about {money(gap)} instead.",
                )
            )
        if current is not None:
            now, then = current.yearly(), offer.yearly()
            for part in COMPONENTS:
                gap = now[part] - then[part]
                days = current.leave_days - offer.leave_days
                if part == "base" or (gap <= 0.5 and not (part == "leave" and days > 0)):
                    continue
                if part == "leave":
                    if days <= 0:
                        continue
                    gap = days * offer.base / WORKING_DAYS
                    line = (
                        f"Paid leave: {days:g} days fewer than now; ask for {days:g} more "
                        f"days (worth about {money(days * offer.base / WORKING_DAYS)} a year)."
                    )
                else:
                    line = (
                        f"{LABELS[part]}: {money(gap)} a year less than at your current job "
                        f"({money(then[part])} against {money(now[part])}); ask them to match "
                        "it, or to add the difference to the base."
                    )
                gaps.append((gap, line))
            if current.base > offer.base and (ask is None or offer.base >= ask.target):
                gap = current.base - offer.base
                gaps.append(
                    (gap, f"Base salary: the offer pays {money(gap)} less than your current job.")
                )
        gaps.sort(key=lambda item: -item[0])
        lines = [line for _, line in gaps]
        if not lines:
            lines.append(
                "The offer meets your ask and beats your current job in every part: negotiate "
                "once, on what matters most to you (a start date, a review after six months), "
                "and accept with thanks."
            )
        lines.append(
            "Ask for the offer in writing, with the benefits, before you accept, and give a "
            "date by which you will answer."
        )
        return lines

    def plot(self, ax: Axes | None = None) -> Axes:
        """One stacked bar per package (current job, offer, offer at your ask), a segment per
        part, its yearly total written at the end; returns the Axes."""
        import matplotlib.pyplot as plt
        from matplotlib.ticker import FuncFormatter

        packages = self.packages()[::-1]  # the first package on top
        if ax is None:
            _, ax = plt.subplots(figsize=(9, 1.4 + 0.7 * len(packages)), layout="constrained")
        y = list(range(len(packages)))
        left = [0.0] * len(packages)
        for part in COMPONENTS:
            widths = [p.yearly()[part] for p in packages]
            if not any(widths):
                continue
            ax.barh(y, widths, left=left, height=0.6, color=COLORS[part], label=LABELS[part])
            left = [a + b for a, b in zip(left, widths, strict=True)]
        for row, total in zip(y, left, strict=True):
            ax.text(total, row, f" {self._money(total)}", va="center", fontsize=9)
        currency = self.offer.currency
        ax.set_yticks(y, [p.label for p in packages], parse_math=False)
        ax.xaxis.set_major_formatter(
            FuncFormatter(lambda v, _: format_money(v, currency, short=True))
        )
        ax.set_xlim(0, max(left) * 1.15)
        ax.set_xlabel(f"Yearly value ({currency})")
        ax.set_title("The offer, part by part")
        ax.grid(axis="x", alpha=0.3)
        ax.set_axisbelow(True)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
        return ax

    def lines(self) -> list[str]:
        """Each part in words: "Base salary: Offer $84,000; Cedar Hollow (now) $71,500; ..."."""
        table = self.table()
        return [
            f"{part}: "
            + "; ".join(
                f"{column} {self.cell(str(column), value)}" for column, value in row.items()
            )
            for part, row in table.iterrows()
            if any(value for column, value in row.items() if column != "Offer − current")
        ]

    def to_markdown(self) -> str:
        """The comparison as a Markdown table, the packages' names escaped."""
        table = self.table()
        header = ["per year", *(markdown_text(c) for c in table.columns)]
        lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
        for name, row in table.iterrows():
            cells = [self.cell(str(c), v) for c, v in row.items()]
            lines.append("| " + " | ".join([str(name), *cells]) + " |")
        return "\n".join(lines)

    def cell(self, column: str, value: float) -> str:
        """A value of ``table()`` as written in the table (the difference signed)."""
        return self._signed(value) if column == "Offer − current" else self._money(value)

    def _money(self, value: float) -> str:
        return format_money(value, self.offer.currency)

    def _signed(self, value: float) -> str:
        return ("+" if value >= 0 else "−") + self._money(abs(value))

    @staticmethod
    def _percent(change: float, total: float) -> str:
        return f"{change / total:+.0%}" if total else "n/a"


def compare_offer(
    offer: Package, *, current: Package | None = None, ask: Ask | None = None
) -> OfferComparison:
    """Lay an offer beside your current job and your ask; all in the offer's currency."""
    for other in (current,):
        if other is not None and other.currency != offer.currency:
            raise SalaryDataError(
                f"The current job is in {other.currency} and the offer in {offer.currency}; "
                "convert one of them first."
            )
    if ask is not None and ask.currency != offer.currency:
        raise SalaryDataError(
            f"The ask is in {ask.currency} and the offer in {offer.currency}; compare like with "
            "like."
        )
    return OfferComparison(offer, current, ask)
