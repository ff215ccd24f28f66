"""The four jobs for the chosen application, and the app that puts them on one page.

Each ``..._for(chosen)`` builds a notebook's panel for one application (``Chosen``): 01 compares
its posting and resume with its company postings only; 02 shows its salary research (the
user's own file, or the sample's) with its pay range and its salary choices; 03 logs into it;
04 plans its next round. ``follow(chooser, build)`` is a panel that builds itself again each
time another application is chosen; ``build_app()`` is the switcher above the four jobs as
tabs, the page ``python3 tasks.py app`` serves.

Each job's panel module is imported when its panel is first built, so that a notebook loads only
what its own panel needs (the salary notebook never loads the matcher).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from prep_lib.errors import PrepError
from prep_lib.log import DamagedLogError, InterviewLog
from prep_lib.salary import Ask, load_research, recommend_ask, summarize
from prep_lib.widgets.applications import Chooser, Chosen, build_chooser
from prep_lib.widgets.common import Panel, guarded, message_label
from prep_lib.widgets.rescue import RescuePanel, build_rescue_panel

if TYPE_CHECKING:
    from prep_lib.matching import MatchReport
    from prep_lib.widgets.matching import MatchPanel
    from prep_lib.widgets.salary import SalaryPanel

JOBS = {"match": "1. Your resume", "salary": "2. Salary", "log": "3. Interview log",
        "plan": "4. Your plan"}  # fmt: skip
# The panels of each tab of the app, in order (the offer sits under the salary research).
TAB_PANELS = {"match": ("match",), "salary": ("salary", "offer"), "log": ("log",),
              "plan": ("plan",)}  # fmt: skip


@dataclass(eq=False)
class Following(Panel):
    """A panel built again for each chosen application. ``current`` is the panel shown (None
    until built, or when building failed: ``message`` says why). A ``lazy`` one waits for
    ``ensure()`` (the app calls it when its tab opens)."""

    build: Callable[[Chosen], Panel]
    message: widgets.HTML
    body: widgets.Box
    current: Panel | None = None
    chosen: Chosen | None = None
    lazy: bool = False
    stale: bool = True

    def show(self, chosen: Chosen) -> None:
        self.chosen, self.stale = chosen, True
        if not self.lazy:
            self.ensure()

    def ensure(self) -> None:
        """Build the panel for the chosen application, unless it is up to date."""
        chosen = self.chosen
        if chosen is None or not self.stale:
            return
        self.stale = False
        built: list[Panel] = []
        if guarded(self.message, lambda: built.append(self.build(chosen))):
            self.current = built[0]
            self.body.children = [built[0].widget]
        else:
            self.current = None
            self.body.children = []


def follow(chooser: Chooser, build: Callable[[Chosen], Panel], *, lazy: bool = False) -> Following:
    """A panel that ``build`` makes for the application chosen in ``chooser``, made again
    whenever another is chosen."""
    panel = Following(
        widget=widgets.VBox(), build=build, message=message_label(), body=widgets.VBox(), lazy=lazy
    )
    panel.widget.children = [panel.message, panel.body]
    chooser.on_change(panel.show)
    return panel


# ---- each notebook's panel for one application ------------------------------------------------


def match_panel_for(chosen: Chosen) -> MatchPanel:
    """01: the application's posting and resume compared, with its own company postings; a
    posting or resume changed here (and compared) is kept in one's own application, and each
    comparison in the scan history below the panel."""
    from prep_lib.widgets.matching import build_match_panel

    record = chosen.record()
    panel = build_match_panel(
        posting=record["posting_text"],
        resume=record["resume_text"],
        company_postings=chosen.company_postings(),
        employer=record["company"],
    )
    if not chosen.sample:
        panel.compare.on_click(lambda _b: _keep_texts(chosen, panel))
    from prep_lib.widgets.scans import build_scan_history

    history = panel.history = build_scan_history(chosen.log, chosen.application_id)
    history.seen = panel.report  # what the panel opened with is not a new version
    panel.widget.children = (*panel.widget.children, history.widget)
    panel.compare.on_click(
        lambda _b: history.keep(
            panel.report, resume=panel.resume.value, posting=panel.posting.value
        )
    )
    return panel


def salary_panel_for(chosen: Chosen) -> SalaryPanel:
    """02: the application's research (the sample's, or the user's own file), its posting's
    pay range and the choices its ask is made from, kept as they change."""
    from prep_lib.widgets.salary import build_salary_panel

    choices = chosen.log.salary_choices(chosen.application_id)
    panel = build_salary_panel(
        path=chosen.research_path,
        sample=chosen.sample,
        years=choices.get("years"),
        strengths=[s for s in choices.get("strengths", []) if isinstance(s, str)],
        title=choices.get("title"),
        location=choices.get("location"),
        posting_range=chosen.posting_range(),
        posting_currency=chosen.record()["pay_currency"] or "USD",
        on_choices=lambda new: chosen.log.set_salary_choices(chosen.application_id, new),
    )
    return panel


def offer_panel_for(chosen: Chosen) -> Panel:
    """02: the application's offer beside your current job and the ask the salary panel shows
    for it (read again at each Compare, so a change of choices there counts)."""
    from prep_lib.widgets.offer import build_offer_panel

    return build_offer_panel(
        chosen.log,
        chosen.application_id,
        ask=lambda: ask_for(chosen),
        today=chosen.today,
        currency=chosen.record()["pay_currency"] or "USD",
    )


def log_panel_for(chosen: Chosen) -> Panel:
    """03: the interview log of the application."""
    from prep_lib.widgets.log import build_log_panel

    return build_log_panel(chosen.log, chosen.application_id, today=chosen.today)


def plan_panel_for(chosen: Chosen) -> Panel:
    """04: the plan for the application's next round, with its match, its ask and its resume
    (which opens the pitch)."""
    from prep_lib.widgets.plan import build_plan_panel

    record = chosen.record()
    return build_plan_panel(
        chosen.log,
        chosen.application_id,
        match_report=match_report_for(chosen),
        ask=ask_for(chosen),
        company_postings=chosen.company_postings(),
        candidate=record["candidate"],
        resume=record["resume_text"],
        today=chosen.today,
        pick_application=False,
    )


def match_report_for(chosen: Chosen) -> MatchReport | None:
    """The application's posting compared with its resume; None until it has both."""
    from prep_lib.matching import compare

    record = chosen.record()
    if not (record["posting_text"].strip() and record["resume_text"].strip()):
        return None
    try:
        return compare(
            record["posting_text"],
            record["resume_text"],
            company_postings=chosen.company_postings(),
            employer=record["company"],
        )
    except PrepError:
        return None


def ask_for(chosen: Chosen) -> Ask | None:
    """The salary ask as notebook 02 shows it for the application (its research, choices and
    posting range); None while its research has no figures that fit."""
    choices = chosen.log.salary_choices(chosen.application_id)
    try:
        research = load_research(chosen.research_path, errors="skip")[0]
        years = choices.get("years")
        if years is None:
            mine = research.loc[research["source_kind"] == "current pay", "experience_min"]
            years = int(mine.dropna().iloc[-1]) if len(mine.dropna()) else 5
        summary = summarize(
            research, title=choices.get("title"), location=choices.get("location"), years=years
        )
        return recommend_ask(
            summary,
            strengths=choices.get("strengths", []),
            posting_range=chosen.posting_range(),
        )
    except PrepError:
        return None


def _keep_texts(chosen: Chosen, panel: MatchPanel) -> None:
    """Keep in the application the posting and resume just compared, when they changed."""
    record = chosen.record()
    changes: dict[str, Any] = {}
    if panel.posting.value.strip() != record["posting_text"]:
        changes["posting"] = panel.posting.value
    if panel.resume.value.strip() != record["resume_text"]:
        changes["resume"] = panel.resume.value
    if not changes or panel.report is None:
        return

    def keep() -> None:
        chosen.log.edit("application", chosen.application_id, **changes)

    if guarded(panel.save_message, keep):
        what = " and ".join(f"the {name}" for name in changes)
        panel.save_message.value = (
            f'<span class="prep-ok" style="color:#1b5e20">✓ Kept {what} in this application.</span>'
        )


# ---- the app ------------------------------------------------------------------------------


@dataclass(eq=False)
class App(Panel):
    """The switcher above the four jobs as tabs (``jobs``: each tab's panels, keyed like
    ``builders`` in ``build_app``: the four jobs and the offer)."""

    chooser: Chooser
    tabs: widgets.Tab
    jobs: dict[str, Following] = field(default_factory=dict)


def build_app(user_log: InterviewLog | None = None) -> App | RescuePanel:
    """The whole app on one page: choose or start an application at the top, then the four
    jobs as tabs. A tab's panel is built when it is first opened for an application. When the
    user's log is damaged, the page is the panel that rescues it."""
    try:
        chooser = build_chooser(user_log)
    except DamagedLogError as error:
        return build_rescue_panel(error.path, error.problem)
    builders: dict[str, Callable[[Chosen], Panel]] = {
        "match": match_panel_for,
        "salary": salary_panel_for,
        "offer": offer_panel_for,
        "log": log_panel_for,
        "plan": plan_panel_for,
    }
    jobs = {key: follow(chooser, build, lazy=True) for key, build in builders.items()}
    for key, job in jobs.items():
        job.widget.add_class(f"prep-job-{key}")
    tabs = widgets.Tab(
        children=[widgets.VBox([jobs[key].widget for key in TAB_PANELS[tab]]) for tab in JOBS],
        titles=list(JOBS.values()),
    )
    keys = list(JOBS)

    def opened(_change: object = None) -> None:
        index = tabs.selected_index
        if index is not None:
            for key in TAB_PANELS[keys[index]]:
                jobs[key].ensure()

    tabs.observe(opened, names="selected_index")
    chooser.on_change(lambda _chosen: opened())
    header = widgets.HTML(
        "<h2>Second-interview prep</h2><p>Choose your application (or the fictional sample) "
        "and work through the four tabs: what your resume proves, your salary ask, the log of "
        "who you met and what you said, and the plan for the next round. Everything stays in "
        "your data folder, on this computer.</p>"
    )
    app = App(
        widget=widgets.VBox([header, chooser.widget, tabs]), chooser=chooser, tabs=tabs, jobs=jobs
    )
    app.widget.add_class("prep-app")
    tabs.selected_index = 0
    opened()
    return app
