"""A new user's own job search, end to end, in a real browser, without a line of code.

The app (``python3 tasks.py app``) and JupyterLab (``python3 tasks.py lab``: working copies of the
notebooks in the data folder) start on an empty data folder. As a new user would: start an
application with an uploaded resume and posting, compare them, add three salary figures, log a
first round with two interviewers and a story told, fix a typo in a title, delete a mistaken
entry, build the plan, edit a thank-you note, save the brief and open it. Then the same
application in JupyterLab, saved there. Checked along the way: the saved brief holds the
edit, nothing of the sample candidate appears in the user's pages or files, and the project
folder is unchanged (``git status``). The screenshots are the README's "Your own interview in
five minutes" pictures (scripts/screenshots.py).
"""

import datetime as dt
import json
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest
from browser import (
    IDLE,
    app_command,
    free_port,
    screenshot,
    screenshot_dir,
    server,
    shut_down_kernels,
)
from test_browser import browser, page  # noqa: F401 - the shared browser fixtures

from prep_lib.paths import PROJECT_ROOT

try:
    from playwright.sync_api import expect
except ImportError:  # chromium() skips, or fails in CI, with the reason
    expect = None

pytestmark = pytest.mark.browser

SAMPLE_WORDS = (
    "Dana Whitlock", "Larkspur Valley Health", "Marcus Bellweather", "Renata Osei",
    "Cedar Hollow", "Patient Access Manager", "$76,000", "$94,000", "$87,500", "PayCompass",
    "WageView",
)  # fmt: skip
POSTING = """Front Desk Lead – Outpatient Clinic
Harbor Clinic · Portland, OR · Full time
Pay: $52,000 – $61,000 a year

About the role
Harbor Clinic is looking for a Front Desk Lead to run check-in and scheduling at our busiest
outpatient site. You will lead a team of eight registration staff, keep wait times down and make
sure every visit is registered correctly the first time.

What you will do
- Lead, schedule and coach a team of eight front desk and registration staff
- Run patient check-in, insurance verification and scheduling in Epic Cadence and Prelude
- Track wait times and registration errors, and fix the causes
- Resolve patient complaints at the desk with care
- Train new hires on registration, privacy (HIPAA) and cash handling

What you bring
- Three years of front desk or patient registration experience, one of them leading others
- Epic Cadence or a similar scheduling system
- Insurance verification and eligibility checks
- Calm, clear communication with patients and staff

We are an equal opportunity employer.
"""
RESUME = [
    ("Jordan Reyes", "Title"),
    ("Portland, OR · jordan.reyes@example.org · 503-555-0147", None),
    ("Experience", "Heading 1"),
    ("Front Desk Supervisor, Riverside Family Medicine (2021–2026)", "Heading 2"),
    ("Supervised six registration staff across two shifts and wrote their schedules.", None),
    ("Cut average check-in wait from 14 to 6 minutes with a kiosk pilot and a new queue.", None),
    ("Ran insurance verification and eligibility checks in Epic Prelude for 120 visits a day.",
     None),
    ("Trained nine new hires on registration, HIPAA privacy and cash handling.", None),
    ("Patient Access Representative, Mercy Outpatient Center (2018–2021)", "Heading 2"),
    ("Scheduled visits in Epic Cadence and resolved patient billing questions at the desk.", None),
    ("Skills", "Heading 1"),
    ("Epic Cadence, Epic Prelude, insurance verification, scheduling, coaching, Excel", None),
]  # fmt: skip
EDIT = "P.S. The kiosk pilot numbers I mentioned are attached."


def write_fixtures(folder: Path) -> tuple[Path, Path]:
    """A real-shaped posting (.txt) and resume (.docx) for the test to upload."""
    posting = folder / "harbor-clinic-front-desk-lead.txt"
    posting.write_text(POSTING, encoding="utf-8")
    resume = folder / "Jordan Reyes resume.docx"
    document = docx.Document()
    for text, style in RESUME:
        document.add_paragraph(text, style=style)
    document.save(resume)
    return posting, resume


def lab_command(port: int) -> list[str]:
    """JupyterLab as ``python3 tasks.py lab`` starts it (working copies in the data folder),
    on ``port``, without a token or a browser, autosaving every few seconds."""
    return [
        sys.executable,
        "-m",
        "prep_lib.workspace",
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.token=",
        "--ServerApp.password=",
        "--ServerApp.disable_check_xsrf=True",
        "--allow-root",
    ]


def git_status() -> str:
    return subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def field(scope, label: str, kind: str = "input"):
    """The input (``kind``: input, select, textarea) labelled ``label`` inside ``scope``."""
    return scope.locator(f'.widget-inline-hbox:has(> label:text-is("{label}")) {kind}').first


def button(scope, text: str):
    return scope.locator("button.jupyter-button", has_text=text).first


def tab(scope, title: str):
    return scope.locator(f".lm-TabBar-tab:has(.lm-TabBar-tabLabel:text-is('{title}'))").first


def upload(page, scope, text: str, path: Path) -> None:  # noqa: F811
    with page.expect_file_chooser() as chooser:
        button(scope, text).click()
    chooser.value.set_files(path)


def user_text(page) -> str:  # noqa: F811
    """Everything the app shows, but the switcher's list (which names the sample as a choice)."""
    return page.evaluate(
        """() => { const app = document.querySelector('.prep-app').cloneNode(true);
                   app.querySelectorAll('.prep-chooser select').forEach(s => s.remove());
                   return app.innerText; }"""
    )


def eventually(check, seconds: float = 30) -> bool:
    """Whether ``check()`` comes true within ``seconds`` (a file being written by a server)."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def assert_no_sample(text: str, where: str) -> None:
    found = [word for word in SAMPLE_WORDS if word in text]
    assert not found, f"the sample's {found} appear in {where}"


@pytest.fixture
def home(tmp_path):
    """The empty data folder both servers share, and the servers' own folders."""
    return tmp_path


def test_new_user_prepares_their_own_round_without_code(browser, page, home):  # noqa: F811
    expect.set_options(timeout=60_000)  # a step may rebuild a panel: seconds on a busy machine
    before = git_status()
    posting, resume = write_fixtures(home)
    port = free_port()
    with server(app_command(port), base=home, root=PROJECT_ROOT, port=port, ready_path="/") as app:
        data = app.data_home
        own_round = dt.date.today() + dt.timedelta(days=7)
        page.goto(app.url)
        chooser = page.locator(".prep-chooser")
        expect(chooser).to_contain_text("fictional sample candidate")  # the sample, labelled
        switcher = field(chooser, "Application", "select")
        expect(switcher).to_have_value("Sample candidate (fictional): Dana Whitlock")

        # -- start an application: company, role, the posting and resume uploaded ------------
        start = page.locator(".prep-start")
        field(start, "Company").fill("Harbor Clinic")
        field(start, "Role").fill("Front Desk Lead")
        field(start, "Your name").fill("Jordan Reyes")
        upload(page, start, "Upload posting", posting)
        expect(start.locator(".prep-ok", has_text="Read harbor-clinic")).to_be_visible()
        upload(page, start, "Upload resume", resume)
        expect(start.locator(".prep-ok", has_text="Read Jordan Reyes resume.docx")).to_be_visible()
        field(start, "Posting's pay").fill("$52,000 – $61,000 a year")
        field(start, "Its date").fill(own_round.isoformat())
        field(start, "Format").fill("video call")
        field(start, "People", "textarea").fill("Ana Ruiz, Clinic Manger\nBo Chen, Recruiter")
        screenshot(page, "own-1-start", focus=chooser)
        button(start, "Start application").click()
        expect(chooser.locator(".prep-ok", has_text="Started")).to_be_visible()
        expect(chooser.locator(".prep-ok", has_text="Started")).to_contain_text(
            "Started Front Desk Lead at Harbor Clinic"
        )
        expect(switcher).to_have_value("Front Desk Lead at Harbor Clinic")
        expect(chooser).not_to_contain_text("fictional sample candidate")

        # -- 1. compare: the score is for this resume and posting ---------------------------
        match = page.locator(".prep-job-match")
        expect(match.locator(".prep-score")).to_contain_text(re.compile(r"Score: \d+%"))
        expect(match.locator(".prep-missing")).to_be_visible()
        expect(field(match, "Your resume", "textarea")).to_have_value(re.compile("Jordan Reyes"))
        expect(match).to_contain_text("0 other postings of this company")
        screenshot(page, "own-2-match", focus=match.locator(".prep-score"))

        # -- 2. salary: three figures of one's own --------------------------------------------
        tab(page, "2. Salary").click()
        salary = page.locator(".prep-job-salary")
        expect(salary.locator(".salary-ask")).to_contain_text("No ask yet")
        tab(salary, "Add a figure").click()
        figures = [
            ("Oregon wage survey", "$48,000-$63,000"),
            ("Recruiter at Pacific Staffing", "$27 an hour"),
            ("PayScope, front desk lead, Portland", "$55K-$62K"),
        ]
        for source, pay in figures:
            field(salary, "Source").fill(source)
            field(salary, "Pay").fill(pay)
            field(salary, "Pay").press("Enter")
            button(salary, "Add figure").click()
            expect(salary.locator(".prep-ok")).to_contain_text(f"Added {source}")
        expect(salary.locator(".salary-ask")).to_contain_text("Across 3 sources")
        # each figure on its own scale: the hourly one is not a reason to read the next as hourly
        expect(salary.locator(".salary-ask")).to_contain_text(
            re.compile(r"Ask for \$[56]\d,\d{3} ")
        )
        expect(salary.locator(".salary-ask .prep-warning")).to_have_count(0)
        expect(salary).to_contain_text("The posting states $52,000 to $61,000 a year")
        screenshot(page, "own-3-salary", focus=salary.locator(".salary-ask"))

        # -- 3. log: the first round, two interviewers, a story told -------------------------
        tab(page, "3. Interview log").click()
        log = page.locator(".prep-job-log")
        expect(log.locator("table.prep-story-grid")).to_contain_text("Ana Ruiz")
        tab(log, "Story").click()
        story = log.locator(".prep-form-story")
        field(story, "Title").fill("Check-in wait from 14 to 6 minutes")
        for part, text in (
            ("Situation", "Patients waited 14 minutes to check in at Riverside."),
            ("Task", "I had to bring the wait down without more staff."),
            ("Action", "I piloted two kiosks and split the queue by visit type."),
            ("Result", "The wait fell to 6 minutes in three months."),
        ):
            field(story, part, "textarea").fill(text)
        button(story, "Add story").click()
        expect(story.locator(".prep-ok")).to_contain_text("Added the story")
        tab(log, "Story told").click()
        told = log.locator(".prep-form-story_use")
        field(told, "Story", "select").select_option(label="Check-in wait from 14 to 6 minutes")
        field(told, "Interviewer", "select").select_option(label="Ana Ruiz")
        field(told, "Round", "select").select_option(index=0)
        button(told, "Log story").click()
        expect(told.locator(".prep-ok")).to_contain_text("Logged: Ana Ruiz heard")
        expect(log.locator("table.prep-story-grid td.told")).to_have_text("first")

        # fix the typo in Ana's title
        tab(log, "Interviewer").click()
        person = log.locator(".prep-form-interviewer")
        field(person, "Entry", "select").select_option(label="Ana Ruiz")
        expect(field(person, "Title")).to_have_value("Clinic Manger")
        field(person, "Title").fill("Clinic Manager")
        button(person, "Save changes").click()
        expect(person.locator(".prep-ok")).to_contain_text("Saved the changes")

        # a fact logged against the wrong person, deleted after the confirmation
        tab(log, "Fact stated").click()
        fact = log.locator(".prep-form-fact")
        field(fact, "Round", "select").select_option(index=0)
        field(fact, "Told to", "select").select_option(label="Bo Chen")
        field(fact, "Topic").fill("team size")
        field(fact, "What I said").fill("twelve")
        button(fact, "Log fact").click()
        expect(fact.locator(".prep-ok")).to_contain_text("Logged the fact")
        field(fact, "Entry", "select").select_option(label="team size: twelve (Bo Chen)")
        button(fact, "Delete…").click()
        expect(fact.locator(".prep-warning")).to_contain_text("Deletes the fact “team size: twelve")
        screenshot(page, "own-4-log", focus=log)
        button(fact, "Yes, delete").click()
        expect(fact.locator(".prep-ok")).to_contain_text("Deleted the fact")
        expect(field(fact, "Entry", "select").locator("option")).to_have_count(1)  # "New fact"

        # -- 4. the plan: a thank-you note edited, the brief saved and opened ----------------
        tab(page, "4. Your plan").click()
        plan = page.locator(".prep-job-plan")
        expect(plan).to_contain_text("Clinic Manager")
        tab(plan, "Thank-you notes").click()
        note = field(plan, "Note", "textarea")
        expect(note).to_have_value(re.compile("Dear Ana"))
        note.fill(note.input_value() + "\n\n" + EDIT)
        field(plan, "Topic discussed").click()  # leaving the note keeps the edit
        expect(plan.locator(".prep-ok", has_text="Your edits are kept")).to_have_count(1)
        screenshot(page, "own-5-plan", focus=plan)
        tab(plan, "Export").click()
        button(plan, "Save web page (HTML)").click()
        saved = plan.locator(".prep-saved")
        expect(saved).to_contain_text("plans/harbor-clinic-first-round-plan.html in your data")
        screenshot(page, "own-6-saved", focus=plan)
        with page.expect_download() as download:
            saved.locator("a.prep-download").click()
        opened = home / "downloads" / download.value.suggested_filename
        download.value.save_as(opened)
        brief = (data / "plans" / "harbor-clinic-first-round-plan.html").read_text("utf-8")
        assert EDIT in brief and opened.read_text("utf-8") == brief
        page.goto(opened.as_uri())  # the brief, as the person opens it
        expect(page.locator("body")).to_contain_text(EDIT)
        expect(page.locator("body")).to_contain_text("Ana Ruiz — Clinic Manager")

        # -- nothing of the sample in what the user sees or saved ---------------------------
        page.go_back()
        page.wait_for_selector(".prep-app")
        for title in ("1. Your resume", "2. Salary", "3. Interview log"):
            tab(page, title).click()
        tab(page, "4. Your plan").click()
        expect(page.locator(".prep-job-plan")).to_contain_text("Ana Ruiz")
        assert_no_sample(user_text(page), "the app")
        for saved_file in [*(data / "plans").iterdir(), data / "salary_research.csv"]:
            assert_no_sample(saved_file.read_text("utf-8"), saved_file.name)
        with sqlite3.connect(data / "interview_log.sqlite") as con:
            rows = [str(r) for t in ("application", "interviewer", "story", "fact")
                    for r in con.execute(f"SELECT * FROM {t}")]  # fmt: skip
        assert_no_sample("\n".join(rows), "the user's log")
        assert not re.search(r"twelve", "\n".join(rows))  # the deleted fact is gone

    # -- the same application in JupyterLab, which saves into the data folder -----------------
    settings = home / "jupyter/lab-settings/@jupyterlab/docmanager-extension"
    port = free_port()
    with server(lab_command(port), base=home, root=PROJECT_ROOT, port=port,
                ready_path="/api/status") as lab:  # fmt: skip
        (settings / "plugin.jupyterlab-settings").write_text(
            json.dumps({"autosave": False})  # saved below: an autosave racing that save can
            # leave out the last output or make JupyterLab ask "File Changed"
        )
        page.goto(f"{lab.url}/lab/tree/notebooks/03-interview-log.ipynb?reset")
        page.wait_for_selector(IDLE, timeout=120_000)
        page.locator(".lm-MenuBar-itemLabel:text-is('Run')").click()
        page.locator(".lm-Menu-itemLabel:text-is('Run All Cells')").click()
        grid = page.locator("table.prep-story-grid").first
        expect(grid).to_contain_text("Ana Ruiz", timeout=120_000)  # the user's, remembered
        saved_note = page.locator(
            ".jp-OutputArea-output", has_text="Saved interview_log_backup.json"
        )
        expect(saved_note).to_have_count(1, timeout=180_000)  # the last cell ran
        page.wait_for_selector(IDLE, timeout=180_000)
        page.keyboard.press("Control+s")
        working = data / "notebooks" / "03-interview-log.ipynb"
        expect(page.locator(".jp-mod-dirty")).to_have_count(0)
        # the run on one's own log (its backup cell names the user's log) was saved, outputs and
        # all, into the working copy in the data folder
        assert eventually(lambda: "Saved interview_log_backup.json" in working.read_text("utf-8"))
        # the file browser's top folder is the data folder: the saved plans are a click away
        browser_tab = page.locator(".jp-SideBar .lm-TabBar-tab[data-id='filebrowser']")
        if "lm-mod-current" not in (browser_tab.get_attribute("class") or ""):
            browser_tab.click()
        page.locator(".jp-BreadCrumbs-home").click()
        listing = page.locator(".jp-DirListing-content")
        for name in ("notebooks", "plans", "interview_log.sqlite", "salary_research.csv"):
            expect(listing.get_by_text(name, exact=True)).to_be_visible()
        listing.get_by_text("plans", exact=True).dblclick()
        expect(listing).to_contain_text("harbor-clinic-first-round-plan.html")
        grid.scroll_into_view_if_needed()
        shot = screenshot_dir() / "own-7-lab.png"
        shot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shot))
        shut_down_kernels(lab.url)
    assert git_status() == before, "a session with one's own data changed the project folder"
