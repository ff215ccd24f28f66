"""The offer panel: type the offer and your current job as they were written to you, and see every
part as a yearly value beside your ask, one chart, and what to negotiate next.

``build_offer_panel(log, application_id, ask=...)`` returns an ``OfferPanel``. **Compare** reads
both forms (``prep_lib.salary.offer.package``: "$84,000", "$40 an hour", "5%" of the base),
saves them in the log (the application's offer, and your current job) and shows the comparison
with the ask as the salary panel shows it at that moment (``ask`` may be a function giving it).
A form that cannot be read shows why, and nothing is saved. Each of the two can be deleted
(asked first, with an undo).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

from prep_lib.errors import PrepError
from prep_lib.log import InterviewLog
from prep_lib.salary.ask import Ask
from prep_lib.salary.offer import OfferComparison, Package, compare_offer, package
from prep_lib.salary.pay import format_money
from prep_lib.text import html_text
from prep_lib.widgets.common import (
    Panel,
    figure_image,
    message_label,
    render,
    show_error,
    show_ok,
)
from prep_lib.widgets.forms import DeleteControl, Deletion, build_delete_control, log_deletion

_STYLE = {"description_width": "12em"}
_FIELD = widgets.Layout(width="24em")
FIELDS = {
    "label": ("Name", "e.g. Acme offer"),
    "base": ("Base salary", "$84,000 or $40/hour"),
    "bonus": ("Bonus", "$5,000 or 10%"),
    "equity": ("Equity per year", "grant value ÷ years"),
    "retirement": ("Pension/401(k) match", "$3,000 or 5%"),
    "leave_days": ("Paid leave (days)", "holidays included"),
    "other": ("Other benefits", "yearly, e.g. $5,250"),
    "currency": ("Currency", "USD, EUR, GBP…"),
}


@dataclass(eq=False)
class OfferPanel(Panel):
    """Two forms (the offer, your current job), Compare, and the comparison below."""

    log: InterviewLog
    application_id: int
    ask_source: Callable[[], Ask | None]
    offer_fields: dict[str, widgets.Text]
    current_fields: dict[str, widgets.Text]
    compare_button: widgets.Button
    message: widgets.HTML
    summary: widgets.HTML
    chart: widgets.Output
    advice: widgets.HTML
    delete_offer: DeleteControl
    delete_current: DeleteControl
    today: dt.date | None = None
    ask: Ask | None = None
    comparison: OfferComparison | None = None

    def compare(self, *, save: bool = True) -> None:
        """Read both forms, save them (unless ``save`` is False), and show the comparison; or
        say what is wrong."""
        try:
            offer = package(**_values(self.offer_fields, "Offer"))
            ask = self.ask_source()  # a research file in another currency has no ask here
            self.ask = ask if ask is not None and ask.currency == offer.currency else None
            current = (
                package(**_values(self.current_fields, "Current job"))
                if self.current_fields["base"].value.strip()
                else None
            )
            self.comparison = compare_offer(offer, current=current, ask=self.ask)
            if not save:
                self.show()
                return
            saved = self.log.package(self.application_id)
            received = (saved or {}).get("received_on") or self.today or dt.date.today()
            with self.log.transaction():
                self.log.save_package(self.application_id, **_stored(offer), received_on=received)
                if current is not None:
                    self.log.save_package(None, **_stored(current))
        except PrepError as error:
            show_error(self.message, error)
            return
        what = "the offer and your current job" if current is not None else "the offer"
        show_ok(self.message, f"Saved {what} in your log.")
        self.show()

    def reload(self) -> None:
        """Fill both forms with what the log holds, and show their comparison (or how to
        start one); writes nothing."""
        saved = {"offer": self.log.package(self.application_id), "current": self.log.package(None)}
        for fields, row in ((self.offer_fields, saved["offer"]),
                            (self.current_fields, saved["current"])):  # fmt: skip
            for name, box in fields.items():
                box.value = _shown(name, row[name], row["currency"]) if row else ""
        self.delete_offer.widget.layout.display = "flex" if saved["offer"] else "none"
        self.delete_current.widget.layout.display = "flex" if saved["current"] else "none"
        self.comparison = None
        if saved["offer"]:
            self.compare(save=False)
        else:
            self.show()

    def show(self) -> None:
        """Show the comparison: the summary and the table, the chart, what to negotiate. The
        texts are HTML widgets, where a "$" stays a dollar (never typeset as maths)."""
        comparison = self.comparison
        if comparison is None:
            self.summary.value = "<p>Type the offer (and your current job) and press Compare.</p>"
            self.advice.value = ""
            render(self.chart)
            return
        import matplotlib.pyplot as plt

        figure, ax = plt.subplots(figsize=(9, 3.2), layout="constrained")
        comparison.plot(ax=ax)
        render(self.chart, figure_image(figure))
        self.summary.value = (
            f"<p class='prep-offer-summary'><b>{html_text(comparison.summary())}</b></p>"
            + _table_html(comparison)
        )
        advice = "".join(f"<li>{html_text(line)}</li>" for line in comparison.negotiate())
        self.advice.value = (
            f"<h4>What to negotiate next</h4><ul class='prep-negotiate'>{advice}</ul>"
        )


def build_offer_panel(
    log: InterviewLog,
    application_id: int,
    *,
    ask: Ask | Callable[[], Ask | None] | None = None,
    today: dt.date | None = None,
    currency: str = "USD",
) -> OfferPanel:
    """The offer panel of an application, filled with what the log holds (not displayed).

    ``ask`` is your ask (or a function giving the ask as it is when Compare is pressed);
    ``today`` dates an offer saved for the first time (None: the real date); ``currency`` is
    the one an empty form starts with (the posting's)."""
    offer_fields = _form()
    current_fields = _form()
    for fields in (offer_fields, current_fields):
        fields["currency"].placeholder = currency
    button = widgets.Button(description="Compare", button_style="primary")
    message = message_label()
    offer_box = widgets.VBox([widgets.HTML("<b>The offer</b>"), *offer_fields.values()])
    current_box = widgets.VBox([widgets.HTML("<b>Your current job</b>"), *current_fields.values()])
    offer_box.add_class("prep-offer-form")
    current_box.add_class("prep-current-form")
    columns = widgets.HBox([offer_box, current_box])
    panel = OfferPanel(
        widget=widgets.VBox(),
        log=log,
        application_id=application_id,
        ask_source=ask if callable(ask) else (lambda: ask),
        offer_fields=offer_fields,
        current_fields=current_fields,
        compare_button=button,
        message=message,
        summary=widgets.HTML(),
        chart=widgets.Output(),
        advice=widgets.HTML(),
        delete_offer=build_delete_control(lambda: None),
        delete_current=build_delete_control(lambda: None),
        today=today,
    )

    def deletion(owner: int | None) -> Callable[[], Deletion | None]:
        def prepare() -> Deletion | None:
            row = log.package(owner)
            return None if row is None else log_deletion(log, "package", int(row["id"]))

        return prepare

    panel.delete_offer = build_delete_control(
        deletion(application_id), after=panel.reload, label="Delete the offer…"
    )
    panel.delete_current = build_delete_control(
        deletion(None), after=panel.reload, label="Delete your current job…"
    )
    panel.widget.add_class("prep-offer")
    panel.widget.children = [
        widgets.HTML(
            "<h3>An offer, part by part</h3><small>Type the offer as it was written to you, and "
            "your current job beside it; <b>Compare</b> keeps both and lays every part out as a "
            "yearly value against your current job and your ask.</small>"
        ),
        columns,
        widgets.HBox([button, message]),
        widgets.HBox([panel.delete_offer.widget, panel.delete_current.widget]),
        panel.summary,
        panel.chart,
        panel.advice,
    ]
    button.on_click(lambda _b: panel.compare())
    panel.reload()  # what the log holds, shown; building never writes
    return panel


def _shown(name: str, value: Any, currency: str) -> str:
    """A saved value as the form shows it: amounts as money, days as a number, 0 as blank."""
    if not isinstance(value, float):
        return str(value)
    if not value:
        return ""
    return f"{value:g}" if name == "leave_days" else format_money(value, currency)


def _form() -> dict[str, widgets.Text]:
    return {
        name: widgets.Text(description=label, placeholder=hint, style=_STYLE, layout=_FIELD)
        for name, (label, hint) in FIELDS.items()
    }


def _values(fields: dict[str, widgets.Text], default_label: str) -> dict[str, Any]:
    """A form's values as ``package`` takes them: an empty name or currency is the default
    (the currency the form shows in grey)."""
    values: dict[str, Any] = {name: box.value for name, box in fields.items()}
    values["label"] = values["label"].strip() or default_label
    values["currency"] = (
        values["currency"].strip().upper() or fields["currency"].placeholder.strip().upper()
    )
    return values


def _stored(p: Package) -> dict[str, Any]:
    parts = ("label", "base", "bonus", "equity", "retirement", "leave_days", "other", "currency")
    return {name: getattr(p, name) for name in parts}


def _table_html(comparison: OfferComparison) -> str:
    table = comparison.table()
    head = "".join(f"<th>{html_text(c)}</th>" for c in table.columns)
    body = "".join(
        f"<tr><th>{html_text(part)}</th>"
        + "".join(f"<td>{html_text(comparison.cell(str(c), v))}</td>" for c, v in row.items())
        + "</tr>"
        for part, row in table.iterrows()
    )
    return f"<table class='prep-offer-table'><tr><th>per year</th>{head}</tr>{body}</table>"
