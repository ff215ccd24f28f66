"""What a person sees: each notebook opened in JupyterLab in a real Chromium, run top to bottom and
its main widget used as a person would; then the notebooks as an app (Voila), driven the same way.

Each test saves a screenshot (build/screenshots/, or $PREP_SCREENSHOTS; scripts/screenshots.py
makes the README's pictures from them) and checks what a person would notice at 1280 px in every
tab of the panel (``assert_polished``: inputs without a label, text cut off, anything sticking
out, amounts typeset as maths). Every test also checks that the committed notebooks are byte for
byte what they were: a browser run must never rewrite or add a file in notebooks/.

Adding a notebook's test: open it with ``open_and_run_all(page, lab.url, NAME, live_effect=...)``,
where the live effect is a selector only a live kernel can draw (a widget's class or button); use
its main widget through labels and button texts; wait for what changes with ``expect(...)``
(never a fixed sleep); then ``assert_polished(panel)`` and ``screenshot(page, stem)``.
"""

import hashlib
import re

import pytest
from browser import (
    CHROMIUM_ARGS,
    VIEWPORT,
    WAIT_MS,
    app_command,
    assert_polished,
    chromium,
    forget_own_data,
    free_port,
    lab_command,
    labelled,
    open_and_run_all,
    screenshot,
    screenshot_dir,
    server,
    shut_down_kernels,
    start_application,
    widget_button,
    widget_panel,
)

from prep_lib.paths import PROJECT_ROOT

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # chromium() skips, or fails in CI, with the reason
    expect = sync_playwright = None

pytestmark = pytest.mark.browser

NOTEBOOKS = PROJECT_ROOT / "notebooks"


def notebook_files() -> dict[str, str]:
    """Every file under notebooks/ (hidden ones too) and its SHA-256."""
    return {
        str(path.relative_to(NOTEBOOKS)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(NOTEBOOKS.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(autouse=True)
def committed_notebooks_unchanged():
    before = notebook_files()
    yield
    assert notebook_files() == before, "the browser run changed or added a file in notebooks/"


@pytest.fixture(scope="module")
def browser():
    executable = chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def lab_server(browser, tmp_path_factory):
    """JupyterLab on the project, isolated from the user's setup (``.url``, ``.data_home``)."""
    base, port = tmp_path_factory.mktemp("lab"), free_port()
    command = lab_command(PROJECT_ROOT, port, checkpoints=base / "checkpoints")
    with server(command, base=base, root=PROJECT_ROOT, port=port, ready_path="/api/status") as lab:
        yield lab


@pytest.fixture
def lab(lab_server):
    """JupyterLab (``.url``, ``.data_home``); the test's kernels are stopped when it ends, and
    what it added of the user's own goes, so the next test meets a new user again (the
    notebooks open on the sample candidate)."""
    yield lab_server
    shut_down_kernels(lab_server.url)
    forget_own_data(lab_server.data_home)


@pytest.fixture(scope="module")
def app(browser, tmp_path_factory):
    """The app of ``python3 tasks.py app`` (Voila), isolated (``.url``, ``.data_home``)."""
    base, port = tmp_path_factory.mktemp("app"), free_port()
    with server(app_command(port), base=base, root=PROJECT_ROOT, port=port, ready_path="/") as app:
        yield app


@pytest.fixture
def page(browser, request):
    """A fresh browser window 1280 px wide; on failure its last state is saved as a PNG."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(WAIT_MS)
    window = context.new_page()
    yield window
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        for number, opened in enumerate(context.pages):
            path = screenshot_dir() / f"failed-{request.node.name}-{number}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            opened.screenshot(path=str(path))
    context.close()


# ---- 01: matching ------------------------------------------------------------------------------


def test_match_score_and_missing_terms_follow_an_uploaded_resume(lab, page, tmp_path):
    open_and_run_all(page, lab.url, "01-match-credentials.ipynb", live_effect=".prep-score")
    panel = widget_panel(page, ".prep-score")
    score, missing = panel.locator(".prep-score"), panel.locator(".prep-missing")
    expect(score).to_contain_text(re.compile(r"Score: \d+%"))
    before = score_percent(score.inner_text())
    must_haves = re.search(r"Must-have:\s*(.+)", missing.inner_text())[1]
    terms = must_haves.strip().split(", ")[:3]

    resume = tmp_path / "my resume.txt"  # the sample resume, now proving three missing terms
    text = labelled(panel, "Your resume", "textarea").input_value()
    resume.write_text(text + "".join(f"\n- {term}" for term in terms) + "\n")
    with page.expect_file_chooser() as chooser:
        widget_button(panel, "Upload resume").click()
    chooser.value.set_files(resume)
    expect(panel.locator(".prep-ok", has_text="Read my resume.txt")).to_be_visible()
    expect(labelled(panel, "Your resume", "textarea")).to_have_value(
        re.compile(re.escape(terms[0]))
    )
    widget_button(panel, "Compare").click()
    expect(score).not_to_contain_text(f"Score: {before}%")
    assert score_percent(score.inner_text()) > before
    for term in terms:
        listed = re.compile(rf"[:,] {re.escape(term)}(,|$)", re.M)  # an item of a list
        expect(missing).not_to_have_text(listed)
    marked = panel.locator(".prep-posting-view mark.prep-term-proved", has_text=terms[0])
    expect(marked.first).to_be_visible()  # the posting now marks it proved
    assert_polished(panel)
    screenshot(page, "01-match-credentials", focus=score)


def score_percent(text: str) -> int:
    return int(re.search(r"Score: (\d+)%", text)[1])


# ---- 02: salary research ----------------------------------------------------------------------


def test_salary_ask_follows_the_location_and_a_figure_is_added(lab, page):
    open_and_run_all(page, lab.url, "02-salary-research.ipynb", live_effect=".salary-ask")
    ask = page.locator(".salary-ask")
    expect(ask).to_contain_text("Ask for $87,500 (as a range, $85,000–$90,000)")  # the sample's

    panel = widget_panel(page, ".salary-ask")
    chart = panel.locator(".widget-output img").first
    drawn = chart.get_attribute("src")
    labelled(page, "Location", "select").select_option(label="United States")
    expect(ask).to_contain_text("Ask for $102,500")
    expect(chart).not_to_have_attribute("src", drawn)  # redrawn for the two national sources
    filters = panel.locator(".widget-hbox:has(label:text-is('Job title'))").first
    assert_polished(panel)
    screenshot(page, "02-salary-research", focus=filters)
    panel.locator(".lm-TabBar-tabLabel:text-is('Add a figure')").click()
    expect(panel).to_contain_text("shown only")  # nothing is added to the sample's figures

    start_application(page, "Harbor Clinics", "Front Desk Lead")  # one's own: no figures yet
    expect(ask).to_contain_text("No ask yet")
    panel = widget_panel(page, ".salary-ask")
    panel.locator(".lm-TabBar-tabLabel:text-is('Add a figure')").click()
    labelled(panel, "Source").fill("Recruiter at Harbor Clinics")
    pay = labelled(panel, "Pay")
    pay.fill("a lot")
    pay.press("Enter")
    pay_error = panel.locator(".widget-hbox:has(label:text-is('Pay')) .prep-error")
    expect(pay_error).to_contain_text("No pay figure found")  # beside the input at fault
    widget_button(panel, "Add figure").click()
    expect(pay).to_have_value("a lot")  # what was typed stays, to be corrected
    assert_polished(panel)  # the long message wraps beside the input

    pay.fill("$45-$48 an hour")
    pay.press("Enter")
    expect(pay_error).to_have_count(0)
    widget_button(panel, "Add figure").click()
    expect(panel.locator(".prep-ok")).to_contain_text("Added Recruiter at Harbor Clinics")
    expect(panel).to_contain_text("Showing your research file")
    expect(panel.locator(".prep-error")).to_have_count(0)
    saved = (lab.data_home / "salary_research.csv").read_text()
    assert "Recruiter at Harbor Clinics" in saved and "hourly" in saved


def test_salary_import_of_any_csv_ends_with_its_report(lab, page, tmp_path):
    open_and_run_all(page, lab.url, "02-salary-research.ipynb", live_effect=".salary-ask")
    start_application(page, "Queens Hospital", "Patient Access Supervisor")  # one's own
    expect(page.locator(".salary-ask")).to_contain_text("No ask yet")
    panel = widget_panel(page, ".salary-ask")
    panel.locator(".lm-TabBar-tabLabel:text-is('Import')").click()
    postings = tmp_path / "NYC_Jobs.csv"
    postings.write_text(
        "Job ID,Business Title,Salary Range From,Salary Range To,Salary Frequency\n"
        "1,Patient Access Supervisor,62000,71000,Annual\n"
        "2,Patient Access Representative,21.50,24.75,Hourly\n"
        "3,Patient Access Manager â€“ Queens,lots,90000,Annual\n"
    )
    with page.expect_file_chooser() as chooser:  # the upload button opens the system's chooser
        panel.locator(".widget-upload", has_text="Choose other CSV").click()
    chooser.value.set_files(postings)
    expect(panel).to_contain_text("3 rows. Now pick its columns")

    def mapping(label: str):  # the Import tab's dropdown: its labels also name other inputs
        return panel.locator(f".widget-inline-hbox:has(> label:text-is('{label}')) select").last

    mapping("Low").select_option(label="Salary Range From")
    mapping("High").select_option(label="Salary Range To")
    mapping("Job title").select_option(label="Business Title")
    mapping("Period").select_option(label="column: Salary Frequency")
    widget_button(panel, "Import with these columns").click()
    report = panel.locator(".prep-import-report")
    expect(report).to_contain_text("3 rows read, 2 kept, 1 left out")
    expect(report).to_contain_text("No pay figure found")
    expect(panel.locator(".prep-ok")).to_contain_text("Imported 2 rows")
    expect(panel).to_contain_text("Showing your research file")
    assert_polished(panel)
    screenshot(page, "02-salary-import", focus=panel.locator(".widget-upload").first)


# ---- 03: interview log ------------------------------------------------------------------------

STORY = "Prior authorization turnaround from five days to two"


def test_log_marks_a_told_story_and_refuses_the_same_telling_twice(lab, page):
    log_story = "button.jupyter-button:text-is('Log story')"
    open_and_run_all(page, lab.url, "03-interview-log.ipynb", live_effect=log_story)
    panel = widget_panel(page, log_story)
    grid = panel.locator("table.prep-story-grid")
    told = grid.locator("td.told")
    expect(told).to_have_count(3)
    column = grid.locator("th.col_heading").all_inner_texts().index("Abeni Clarke")
    cell = grid.locator("tr", has=page.locator(f"th:text-is('{STORY}')")).locator("td").nth(column)
    expect(cell).to_have_text("")

    form = panel.locator(".prep-form-story_use")
    labelled(form, "Story", "select").select_option(label=STORY)
    labelled(form, "Interviewer", "select").select_option(label="Abeni Clarke")
    labelled(form, "Round", "select").select_option(label="second (2026-12-02)")
    widget_button(form, "Log story").click()
    expect(form.locator(".prep-ok")).to_contain_text("Logged: Abeni Clarke heard")
    expect(told).to_have_count(4)
    expect(cell).to_have_text("second")  # the round in which she heard it
    assert_polished(panel)

    labelled(form, "Story", "select").select_option(label=STORY)
    labelled(form, "Interviewer", "select").select_option(label="Abeni Clarke")
    labelled(form, "Round", "select").select_option(label="second (2026-12-02)")
    widget_button(form, "Log story").click()
    expect(form.locator(".prep-error")).to_contain_text("Abeni Clarke already heard")
    expect(told).to_have_count(4)
    screenshot(page, "03-interview-log", focus=panel)


# ---- 04: the plan ------------------------------------------------------------------------------


def test_plan_saves_a_brief_that_opens_in_the_browser(lab, page, tmp_path):
    save_html = "button.jupyter-button:text-is('Save web page (HTML)')"
    rounds = ".widget-dropdown:has(> label:text-is('Round'))"  # the panel's first line
    open_and_run_all(page, lab.url, "04-second-interview-plan.ipynb", live_effect=rounds)
    panel = widget_panel(page, rounds)
    expect(panel).to_contain_text("Abeni Clarke")  # the plan names the second round's people
    assert_polished(panel)
    screenshot(page, "04-second-interview-plan", focus=panel)

    panel.locator(".lm-TabBar-tabLabel:text-is('Export')").click()
    panel.locator(save_html).click()
    saved = panel.locator(".prep-saved")
    # beside the plan the notebook's own cell saved, as a second version (never over it)
    plan_file = re.compile(r"plans/larkspur-valley-health-second-round-plan( \(\d\))?\.html in")
    expect(saved).to_contain_text(plan_file)
    with page.expect_download() as download:  # the link beside the button opens the file
        saved.locator("a.prep-download").click()
    opened = tmp_path / download.value.suggested_filename
    download.value.save_as(opened)
    plans = lab.data_home / "plans"
    assert opened.read_bytes() == (plans / opened.name).read_bytes()
    page.goto(opened.as_uri())  # the brief as the person opens it
    expect(page.locator("body")).to_contain_text("Abeni Clarke")


# ---- the notebooks as an app --------------------------------------------------------------------


CODE_WORDS = ("build_", "rank_postings", "data_home", "Pay(", "InterviewLog", "open_demo_log",
              "replace the three lines", "NBVAL", "import ", "()")  # fmt: skip


def test_app_is_one_page_of_the_four_jobs_without_code(app, page):
    page.goto(app.url)
    chooser = page.locator(".prep-chooser")
    expect(chooser).to_contain_text("fictional sample candidate")
    tabs = page.locator(".prep-app > .widget-tab > .lm-TabBar .lm-TabBar-tabLabel")
    expect(tabs).to_have_text(["1. Your resume", "2. Salary", "3. Interview log", "4. Your plan"])
    expect(page.locator(".prep-job-match .prep-score")).to_contain_text("Score:")
    expect(page.locator(".jp-CodeCell .jp-InputArea")).to_have_count(0)  # no code shown

    page.locator(".lm-TabBar-tabLabel:text-is('2. Salary')").click()
    panel = page.locator(".prep-job-salary")
    ask = panel.locator(".salary-ask")
    expect(ask).to_contain_text("Ask for $87,500")
    chart = panel.locator(".widget-output img").first
    drawn = chart.get_attribute("src")
    labelled(panel, "Location", "select").select_option(label="Columbus, OH")
    expect(ask).to_contain_text("Across 7 sources in Columbus, OH")
    expect(chart).not_to_have_attribute("src", drawn)
    assert_polished(panel)
    for title, job, ready in (
        ("3. Interview log", "log", "table.prep-story-grid"),
        ("4. Your plan", "plan", ".widget-output"),
        ("1. Your resume", "match", ".prep-score"),
    ):
        page.locator(f".lm-TabBar-tabLabel:text-is('{title}')").click()
        shown = page.locator(f".prep-job-{job}")
        shown.locator(ready).first.wait_for()
        assert_polished(shown)
    assert_polished(chooser)
    text = page.locator(".prep-app").inner_text()
    assert not [word for word in CODE_WORDS if word in text], "code speak in the app"
    page.locator(".lm-TabBar-tabLabel:text-is('2. Salary')").click()
    filters = panel.locator(".widget-hbox:has(label:text-is('Job title'))").first
    screenshot(page, "app", focus=filters)
