# ruff: noqa: E501 - the fixture's paragraphs are single long lines, as in real postings
"""Key terms and missing lists on postings shaped like real UK health-service postings.

The fixtures below are written for these tests (fictional employer, people and figures) in the
shape of the job-board postings users bring: a header of title, employer, location and salary;
the role; an Essential and Desirable person specification; "Our offer to you", a benefits list,
"Living here", a contact glued together by the scrape, equal-opportunity and recruitment text.
"""

import re

import pytest

from prep_lib.matching import TermEngine, compare, extract_terms, normalise_term
from prep_lib.matching.analyzer import unglued
from prep_lib.matching.sections import DESIRABLE, ESSENTIAL, SKIPPED, layout

POSTING = """Title: Finance Business Partner
Employer: Kestrel Vale Partnership NHS Foundation Trust
Location: Truro
Salary: £38,890 - £44,503 per annum pro rata
Employment type: FULL_TIME
Date posted: 2021-03-02T09:15:00+0000
URL: https://jobs.example.org/vacancy/123

The role

Kestrel Vale Partnership NHS Foundation Trust is looking for a Finance Business Partner to join the Finance team in Truro.

You will prepare the monthly management accounts and the annual statutory accounts, lead the budget setting for the community services division, and manage month end reconciliations in SAP.

You will oversee VAT returns and the HMRC submissions, and prioritise the audit programme with the internal audit team. You will present variance analysis to budget holders and organise training on financial governance.

About you

Essential:

CCAB qualified accountant (ACCA, CIMA or CIPFA)

Advanced Excel skills and experience of financial reporting

Experience of managing a budget and of month end close

Desirable:

Knowledge of NHS payment by results

Experience with Power BI

Our offer to you

We offer a generous pension scheme, childcare vouchers and a cycle to work scheme.

Benefits of working at Kestrel Vale Partnership NHS Foundation Trust include:

27 days annual leave plus bank holidays

Health and wellbeing opportunities

Access to our LGBTI+ staff network

Living here

Cornwall offers beautiful beaches, the moors of Bodmin and the harbour at Falmouth.

For further details / informal visits contact:

NameMorwenna TrelawnyJob titleHead of FinanceEmail addressm.trelawny@example.org

Kestrel Vale Partnership NHS Foundation Trust is an equal opportunities employer and a Disability Confident employer. Closing date: 14 March. Shortlisting will take place the following week and a DBS check is required.
"""

RESUME = """ALEX MORGAN
Financial analyst

Summary
Accountant with eight years in public sector organizations. Managed budgets of $4m, prepared
management accounts and statutory accounts, and prioritized the internal audit program.

Experience
Senior Accountant, County Health Department
- Prepared the monthly management accounts and variance analysis for budget holders.
- Ran month end close and reconciliations in SAP; trained staff in financial governance.
- Built Excel models and Power BI dashboards for financial reporting.

Education
ACCA qualified, 2016
"""


@pytest.fixture(scope="module")
def report():
    return compare(POSTING, RESUME)


def key(term):
    return normalise_term(term)


def test_the_job_board_header_gives_employer_location_and_title():
    found = layout(POSTING)
    assert found.title == "Finance Business Partner"
    assert found.location == "Truro"
    assert "Kestrel Vale Partnership NHS Foundation Trust" in found.employer
    header = POSTING[: POSTING.index("The role")]
    read = "".join(
        header[a:b] for a, b, kind in found.pieces if kind != SKIPPED and a < len(header)
    )
    assert read.split() == ["Finance", "Business", "Partner"]  # only the title counts


def test_real_headings_start_the_right_kind_of_section():
    found = layout(POSTING)

    def kind_at(text):
        at = POSTING.index(text)
        return next(kind for a, b, kind in found.pieces if a <= at < b)

    assert kind_at("CCAB qualified") == ESSENTIAL
    assert kind_at("Knowledge of NHS payment by results") == DESIRABLE
    for boilerplate in ("childcare vouchers", "27 days annual leave", "beautiful beaches",
                        "Morwenna", "equal opportunities employer", "Shortlisting"):  # fmt: skip
        assert kind_at(boilerplate) == SKIPPED, boilerplate
    assert kind_at("prepare the monthly management accounts") not in (SKIPPED,)


def test_key_terms_are_things_a_candidate_can_prove(report):
    terms = [t.lower() for t in report.terms["term"]]
    noise = re.compile(
        r"kestrel|vale|partnership|\bnhs\b|trust|truro|cornwall|bodmin|falmouth|morwenna|"
        r"trelawny|annum|rata|pension|childcare|voucher|leave|wellbeing|lgbti|cycle|"
        r"shortlisting|dbs|closing|disability|equal|opportunit|\bbeach|moors|harbour|"
        r"\brole\b|ability|ensure|required|working|ideally"
    )
    assert not [t for t in terms if noise.search(t)], terms
    for wanted in ("ccab", "advanced excel", "sap", "vat", "hmrc", "budget", "power bi"):
        assert wanted in terms, wanted


def test_named_tools_and_qualifications_are_always_key_terms():
    terms = extract_terms(POSTING, top_n=3)
    named = {t.key for t in terms}
    assert {key("Advanced Excel"), key("SAP"), key("CCAB"), key("Power BI")} <= named


def test_the_job_title_is_a_title_not_a_missing_skill(report):
    assert "Finance Business Partner" not in report.missing
    assert "Business Partner" not in report.missing and "Partner" not in report.missing


def test_british_and_american_spellings_and_word_forms_fold():
    for a, b in [
        ("organisation", "organization"),
        ("prioritise", "prioritizing"),
        ("programme", "programs"),
        ("behaviour", "behavior"),
        ("centre", "center"),
        ("analyse", "analyzed"),
        ("licence", "license"),
        ("paediatric", "pediatric"),
        ("managing", "managed"),
        ("ensure", "ensuring"),
    ]:
        assert normalise_term(a) == normalise_term(b), (a, b)
    assert normalise_term("accountant") != normalise_term("account")  # no stemmer


def test_a_term_spelt_the_other_way_in_the_resume_is_proved(report):
    terms = report.terms.set_index("term")
    assert terms.loc["programme", "in_resume"]  # the resume says "program"
    assert "internal audit program." in terms.loc["programme", "evidence"]  # quoted as written


def test_must_haves_weigh_more_and_the_report_says_which(report):
    terms = report.terms.set_index("term")
    assert terms.loc["CCAB", "requirement"] == "must-have"
    assert terms.loc["Power BI", "requirement"] == "nice-to-have"
    assert terms.loc["CCAB", "weight"] > terms.loc["Power BI", "weight"]
    assert "CCAB (" in report.to_markdown() and "must-have" in report.to_markdown()
    html = report.missing_html()
    assert html.index("Must-have") < html.index("CCAB")
    groups = report.missing_groups()
    assert list(groups) == ["Must-have", "Also asked for", "Nice-to-have"]
    assert "CCAB" in groups["Must-have"]
    asked = {"Must-have": "must-have", "Also asked for": "", "Nice-to-have": "nice-to-have"}
    assert all(terms.loc[t, "requirement"] == asked[g] for g, ts in groups.items() for t in ts)
    assert sorted(term for terms in groups.values() for term in terms) == sorted(report.missing)


def test_evidence_is_the_sentence_with_the_term_marked(report):
    terms = report.terms.set_index("term")
    evidence = terms.loc["variance", "evidence"]
    sentence = "Prepared the monthly management accounts and variance analysis for budget holders."
    assert evidence == sentence
    (start, end), *_ = report.evidence_marks["variance"]
    assert evidence[start:end] == "variance"
    assert "<mark" in report.matched_html()


def test_every_part_of_the_score_is_explained(report):
    terms = report.terms
    assert report.score == pytest.approx(terms["contribution"].sum() + report.other_terms)
    shown = report.matched_html()
    assert "+0.0" not in shown
    silent = terms[terms["in_resume"] & (terms["contribution"] < 5e-5)]
    assert (silent["note"] != "").all()
    if report.other_terms > 0.0005:
        assert report.beyond_sentence() in report.to_markdown()
        assert str(report.beyond["term"].iloc[0]) in report.beyond_sentence()


def test_the_posting_is_shown_with_its_key_terms_marked(report):
    html = report.posting_html()
    assert "<mark class='prep-term-proved'" in html and "<mark class='prep-term-missing'" in html
    assert re.search(r"<mark class='prep-term-missing'[^>]*>CCAB</mark>", html)
    assert "pension scheme</mark>" not in html  # skipped parts are never marked
    markdown = report.posting_markdown()
    assert "**CCAB**✗" in markdown and "**SAP**✓" in markdown


def test_text_a_scrape_glued_together_is_split():
    assert unglued("NameMorwenna") == ["Name", "Morwenna"]
    assert unglued("andwilling") == ["and", "willing"]
    assert unglued("PowerPoint") == ["PowerPoint"] and unglued("spreadsheets") == ["spreadsheets"]


def test_hostile_text_in_a_real_shaped_posting_stays_text():
    posting = POSTING.replace("You will oversee", "<script>alert(1)</script> You will oversee")
    html = compare(posting, RESUME).posting_html()
    assert "<script" not in html and "&lt;" in html


def test_an_engine_of_ones_own_gives_the_same_report(report):
    own = compare(POSTING, RESUME, engine=TermEngine())
    assert own.score == pytest.approx(report.score)
    assert own.missing == report.missing


def test_words_glued_to_a_capitalised_word_or_a_date_are_split():
    assert unglued("Londontraining") == ["London", "training"]
    assert unglued("on16th") == ["on", "16th"]
    assert unglued("Upminster") == ["Upminster"]  # a name of its own stays whole


CONTACTS_POSTING = """Title: Clinic Administrator
Employer: Heronsgate Community Health NHS Trust
Location: Ashcombe

The role

We need an organised administrator for our outpatient clinics, based at Quillborough Place or
at the Marlfield Stadium testing site. You will handle purchase cards and the referral process
on the electronic patient record. The clinic Excels in quality and safety, as outlined in our
plan.

Essential

GCSE grade C or above in Maths and English, or equivalent.

Experience of minute taking and diary management.

For further details / informal visits contact:

Please contact Saoirse Pendlebury on 01632 960123 or saoirse.pendlebury@example.org. Overseas
applicants can check sponsorship on the GOV.UK website.
"""

CLINIC_RESUME = """JO RIVERS
Practice administrator: diary management, minute taking and the electronic patient record.
Handled referral letters for a GP surgery.
"""


def test_contacts_venues_web_sites_and_grades_are_never_key_terms():
    report = compare(CONTACTS_POSTING, CLINIC_RESUME)
    terms = [t.lower() for t in report.terms["term"]]
    noise = re.compile(r"saoirse|pendlebury|quillborough|marlfield|stadium|gov\.uk|^c$")
    assert not [t for t in terms if noise.search(t)], terms
    assert "excels" not in terms and "outlined" not in terms  # written as verbs: no skills


def test_two_everyday_words_that_name_a_skill_are_key_terms_but_not_scored():
    report = compare(CONTACTS_POSTING, CLINIC_RESUME)
    terms = report.terms.set_index(report.terms["term"].str.lower())
    for wanted in ("diary management", "minute taking", "purchase cards"):
        assert wanted in terms.index, (wanted, list(terms.index))
    proved = terms.loc["diary management"]
    assert proved["in_resume"] and proved["contribution"] == 0
    assert "not part of the score" in proved["note"]
    assert "purchase cards" in report.missing
    assert report.score == pytest.approx(terms["contribution"].sum() + report.other_terms)


def test_a_term_is_shown_without_the_possessive_it_was_written_with():
    posting = (
        "Community Dietitian\n\nEssential\n"
        "Visits to care homes and patient’s own homes. Plans agreed with each patient's family.\n"
        "A Bachelor's degree in dietetics."
    )
    terms = [term.term for term in extract_terms(posting)]
    assert "patient" in terms and not any(re.search(r"['’]s$", term) for term in terms)
    assert "Bachelor's degree" in terms  # a possessive inside a term stays as written


def test_a_product_named_like_a_verb_is_a_key_term_when_written_as_a_name():
    """ "Yammer" is only a verb to the dictionary; written with a capital in mid-sentence it is
    the product. Verbs that open a sentence or a bullet stay generic however they are written."""
    posting = (
        "Communications Assistant\n\nWhat you will do\n"
        "- Liaise with the events team and collate content for the intranet.\n"
        "- Collate news for the weekly bulletin. Liaise with designers.\n"
        "Post updates on collaboration tools such as Yammer, and keep Yammer groups tidy.\n"
        "You join a small and Energized team; Energized people do well here.\n"
    )
    terms = [term.term for term in extract_terms(posting, top_n=40)]
    assert "Yammer" in terms
    assert not {"Liaise", "liaise", "Collate", "collate", "Energized"} & set(terms)


def test_one_term_beyond_the_key_terms_is_named_in_the_singular():
    posting = "Accountant\n\nEssential\nHMRC returns, VAT, CCAB qualification, audit of invoices."
    report = compare(posting, "Accountant. I keep the books.")
    assert list(report.beyond["term"]) == ["Accountant"]  # the title: shared, not a key term
    assert report.beyond_sentence().startswith("One more term that the posting and your resume")
    assert " adds " in report.beyond_sentence() and report.beyond_sentence().endswith("Accountant.")
