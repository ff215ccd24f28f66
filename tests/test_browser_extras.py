"""The second round beyond the conversations, in the app in a real browser: the presentation
rehearsed on the clock, an offer compared, the scan history of resume versions and the company
section of the interview log; on the sample candidate, and on a new user's own application
where nothing of the sample may show.

Each test saves a screenshot for the README (scripts/screenshots.py) and checks the panel as a
person would see it at 1280 px (``assert_polished``).
"""

import re

import pytest
from browser import (
    assert_polished,
    forget_own_data,
    labelled,
    screenshot,
    start_application,
    widget_button,
)
from test_browser import app, browser, committed_notebooks_unchanged, page  # noqa: F401

try:
    from playwright.sync_api import expect
except ImportError:  # chromium() skips, or fails in CI, with the reason
    expect = None

pytestmark = pytest.mark.browser

SAMPLE_WORDS = ("Dana Whitlock", "Larkspur", "Cedar Hollow", "Marcus Bellweather", "$87,500")
SECTIONS = 5  # the sample presentation's outline


@pytest.fixture
def sample_app(app):  # noqa: F811
    """The app, opening on the sample candidate: what an earlier test started of one's own
    is forgotten first."""
    forget_own_data(app.data_home)
    return app


def open_tab(page, title: str):  # noqa: F811
    page.locator(
        f".prep-app > .widget-tab > .lm-TabBar .lm-TabBar-tabLabel:text-is('{title}')"
    ).click()


def test_the_presentation_is_rehearsed_section_by_section_on_the_clock(sample_app, page):  # noqa: F811
    page.goto(sample_app.url)
    page.locator(".prep-job-match .prep-score").wait_for()  # the app is live
    open_tab(page, "4. Your plan")
    plan = page.locator(".prep-job-plan")
    plan.locator(".lm-TabBar-tabLabel:text-is('Presentation')").click()
    talk = plan.locator(".prep-presentation")
    expect(talk).to_contain_text("A 10-minute presentation: Your first 90 days")
    expect(talk).to_contain_text("The outline takes 9 of 10 minutes.")
    now = talk.locator(".prep-now")
    expect(now).to_contain_text("section 1 of 5, Where accuracy stands")

    talk.locator(".widget-play button").first.click()  # ▶: the clock runs in the browser
    for section in range(2, SECTIONS + 1):
        page.wait_for_timeout(1_500)  # a second and a half of speaking per section
        widget_button(talk, "Next section").click()
        if section <= SECTIONS:
            expect(now).to_contain_text(f"section {section} of {SECTIONS}")
    page.wait_for_timeout(1_500)
    widget_button(talk, "Next section").click()  # the last section ends the rehearsal

    result = talk.locator(".prep-rehearsal-result")
    expect(result).to_contain_text(re.compile(r"You took 0:\d\d of 10:00\."))
    rows = result.locator("tr")
    expect(rows).to_have_count(1 + SECTIONS)
    took = [rows.nth(n).locator("td").nth(1).inner_text() for n in range(1, SECTIONS + 1)]
    seconds = [int(t.split(":")[1]) for t in took]
    assert all(1 <= s <= 6 for s in seconds), took  # each section's own split, not the total
    expect(rows.nth(2)).to_contain_text("What worked at Cedar Hollow")
    expect(rows.nth(2)).to_contain_text("2:30")  # its planned time
    expect(rows.nth(2)).to_contain_text(re.compile(r"\d+ s under"))
    expect(now).to_contain_text("Done.")
    assert_polished(plan)
    screenshot(page, "04-presentation-rehearsal", focus=talk.locator("h4", has_text="Rehearse"))

    widget_button(talk, "Start over").click()
    expect(result).to_have_count(0)
    expect(now).to_contain_text("section 1 of 5")


def test_an_offer_is_compared_with_the_current_job_and_the_ask(sample_app, page):  # noqa: F811
    page.goto(sample_app.url)
    page.locator(".prep-job-match .prep-score").wait_for()
    open_tab(page, "2. Salary")
    offer = page.locator(".prep-offer")
    chart = offer.locator(".widget-output img")
    expect(chart).to_have_count(1)  # the sample's offer, as the log holds it
    drawn = chart.get_attribute("src")
    summary = offer.locator(".prep-offer-summary")
    expect(summary).to_contain_text("its base is $3,500 below your ask of $87,500")

    form = offer.locator(".prep-offer-form")
    labelled(form, "Base salary").fill("$86,000")
    labelled(form, "Bonus").fill("5%")
    widget_button(offer, "Compare").click()
    expect(offer.locator(".prep-ok")).to_contain_text("Saved the offer and your current job")
    expect(summary).to_contain_text("its base is $1,500 below your ask of $87,500")
    expect(chart).not_to_have_attribute("src", drawn)  # redrawn with the bonus
    advice = offer.locator(".prep-negotiate li")
    expect(advice.first).to_contain_text("Base salary: ask for $87,500, $1,500 more than offered")
    expect(offer.locator(".prep-offer-table")).to_contain_text("$4,300")  # 5% of $86,000
    assert offer.locator("mjx-container").count() == 0  # dollars stay dollars
    assert_polished(offer)
    screenshot(page, "02-offer", focus=summary)

    labelled(form, "Paid leave (days)").fill("many")
    widget_button(offer, "Compare").click()
    expect(offer.locator(".prep-error")).to_contain_text("Paid leave must be a number of days")
    expect(summary).to_contain_text("$1,500 below your ask")  # the last comparison stays

    start_application(page, "Harbor Clinic", "Front Desk Lead")  # a new user's own: empty
    offer = page.locator(".prep-offer")
    expect(offer).to_contain_text("Type the offer (and your current job) and press Compare.")
    form = offer.locator(".prep-offer-form")
    expect(labelled(form, "Base salary")).to_have_value("")
    labelled(form, "Base salary").fill("$58,000")
    labelled(form, "Paid leave (days)").fill("20")
    current = offer.locator(".prep-current-form")
    labelled(current, "Base salary").fill("$54,000")
    labelled(current, "Paid leave (days)").fill("25")
    widget_button(offer, "Compare").click()
    expect(offer.locator(".prep-negotiate li").first).to_contain_text("Paid leave: 5 days fewer")
    expect(offer.locator(".widget-output img")).to_have_count(1)
    text = offer.inner_text()
    assert not [w for w in SAMPLE_WORDS if w in text], "the sample in one's own offer"


def test_resume_versions_and_the_company_section(sample_app, page):  # noqa: F811
    page.goto(sample_app.url)
    match = page.locator(".prep-job-match")
    score = match.locator(".prep-score")
    expect(score).to_contain_text(re.compile(r"Score: \d+%"))
    scans = match.locator(".prep-scans")
    history = scans.locator(".prep-scan-history tbody tr")
    expect(history).to_have_count(2)  # the sample's first draft and the resume sent
    resume = labelled(match, "Your resume", "textarea")
    resume.fill(resume.input_value() + "\n- Built the Press Ganey survey dashboard in Power BI")
    labelled(scans, "Name this version").fill("with the dashboard")
    widget_button(match, "Compare").click()
    expect(history).to_have_count(3)
    expect(history.last).to_contain_text("with the dashboard")
    expect(history.last).to_contain_text(re.compile(r"\+\d+\.\d points"))
    expect(history.last).to_contain_text("Power BI")  # newly proven
    assert_polished(scans)
    screenshot(page, "01-scan-history", focus=scans)

    open_tab(page, "3. Interview log")
    company = page.locator(".prep-job-log .prep-company")
    overview = company.locator(".prep-company-overview")
    expect(overview).to_contain_text("Nothing yet on competitors")
    form = company.locator(".prep-form-research_note")
    labelled(form, "Topic", "select").select_option(label="Competitors")
    labelled(form, "What you found", "textarea").fill(
        "Two systems run clinics on the east side; both opened online booking this year."
    )
    labelled(form, "Source").fill("Columbus Business Weekly")
    widget_button(form, "Add note").click()
    expect(form.locator(".prep-ok")).to_contain_text("Added a note on competitors")
    expect(overview).not_to_contain_text("Nothing yet on")
    expect(overview).to_contain_text("Competitors: Two systems run clinics")
    widget_button(company, "Save people as a vCard (.vcf)").click()
    saved = company.locator(".prep-saved")
    expect(saved).to_contain_text("larkspur-valley-health-people.vcf")
    with page.expect_download() as download:
        saved.locator("a.prep-download").click()
    assert "BEGIN:VCARD" in download.value.path().read_text(encoding="utf-8")
    assert_polished(company)
    screenshot(page, "03-company", focus=company)
