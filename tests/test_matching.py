"""The matcher: terms, score, evidence, ranking and the report a candidate reads."""

import math

import pandas as pd
import pytest

from prep_lib.errors import MatchingError, PrepError
from prep_lib.matching import (
    MAX_CHARS,
    MatchReport,
    TermEngine,
    compare,
    default_engine,
    drop_default_engines,
    extract_terms,
    load_synonyms,
    normalise_term,
    rank_postings,
    relevance,
)
from prep_lib.matching import ranking as ranking_module
from prep_lib.matching.vectors import TermTable, Texts

POSTING = """# Data Engineer, Claims Analytics

**Brightwater Mutual** · Denver, CO · Full time

## What you will do

- Build batch data pipelines in Python and SQL that feed the claims data warehouse.
- Orchestrate the pipelines with Apache Airflow and keep their data quality checks green.
- Model claims data in Snowflake and document it for the actuarial team.
- Run A/B testing analyses for the pricing team.

## What you bring

- Three years of data engineering with Python, SQL and Apache Airflow.
- Experience with Snowflake or another cloud data warehouse.
- Knowledge of HIPAA rules for claims data.

## What we offer

Medical, dental and vision insurance, a 401(k) with a generous match, paid time off and a
wellness stipend for every employee.

## About Brightwater Mutual

Brightwater Mutual is an equal opportunity employer. We welcome applicants of every background.
"""

RESUME = """# Jordan Reyes

## Experience

### Data Analyst — Pinecrest Insurance
- Wrote SQL reports on the claims data warehouse for the actuarial team.
- Automated weekly reports with Python scripts.

## Skills
Python · SQL · Excel · Tableau
"""

CHEF_RESUME = """# Sam Ortiz
Line cook and sous chef with eight years on the grill and saute stations.
- Ran a brunch kitchen of six cooks; wrote prep lists and ordered produce.
- ServSafe Manager certified; kept the walk-in cooler spotless.
"""


def keys(text, **options):
    return [term.key for term in extract_terms(text, **options)]


def key(term):
    return normalise_term(term)


# --- Term extraction ---------------------------------------------------------------------


def test_terms_keep_the_symbols_skills_are_written_with():
    posting = (
        "We use C++, C#, .NET, Node.js and R. You will run A/B testing and manage the P&L. "
        "Our 401(k) plan matches 5%."
    )
    found = keys(posting, synonyms={})
    for term in ("c++", "c#", ".net", "node.js", "r", "a/b", "p&l", "401(k)"):
        assert term in found
    assert "5" not in found and "c" not in found


def test_terms_are_shown_as_the_posting_writes_them():
    terms = extract_terms(POSTING)
    shown = {t.key: t.term for t in terms}
    assert shown[key("SQL")] == "SQL"
    assert shown[key("Apache Airflow")] == "Apache Airflow"
    assert shown[key("pipelines")] in {"pipelines", "pipeline"}  # the surface form, not the stem


def test_phrases_used_twice_or_written_as_names_are_terms():
    found = keys(POSTING)
    assert key("Apache Airflow") in found  # twice, and in capitals
    assert key("data warehouse") in found  # twice
    # a word used only inside a phrase does not also count on its own
    assert key("Airflow") not in found and key("Apache") not in found


def test_the_employer_name_and_boilerplate_are_not_key_terms():
    found = keys(POSTING)
    assert not any("brightwater" in k for k in found)
    weights = {t.key: t.weight for t in extract_terms(POSTING)}
    assert key("dental") not in weights or weights[key("dental")] < weights[key("Snowflake")]


def test_a_contact_for_further_details_is_boilerplate():
    posting = POSTING + "\nFor further details / informal visits contact:\n\nToni Hancock\n"
    found = keys(posting, top_n=15)
    assert key("Toni Hancock") not in found and key("Hancock") not in found
    assert key("Snowflake") in found


def test_common_job_ad_words_weigh_less_than_specific_skills():
    weights = {t.key: t.weight for t in extract_terms(POSTING)}
    assert weights["hipaa"] > weights.get(key("experience"), 0)
    assert weights[key("Snowflake")] > weights.get("team", 0)


def test_no_substring_matches():
    posting = "Must know React and JavaScript.\nMust know React and JavaScript."
    resume = "Ten years of R and Java."
    report = compare(posting, resume, synonyms={})
    assert report.matched == []
    assert {"React", "JavaScript"} <= set(report.missing)


def test_plurals_case_and_synonyms_match(tmp_path):
    posting = "Skills: MS Excel, JS, databases, Key Performance Indicators.\nMS Excel and JS daily."
    resume = "Built Excel models, a JavaScript app, a database and KPI dashboards."
    report = compare(posting, resume)
    assert set(report.missing).isdisjoint({"MS Excel", "JS", "databases"})
    assert normalise_term("MS Excel") == "excel"
    assert normalise_term("Bachelor's degrees") == normalise_term("bachelor degree")


def test_a_canonical_form_of_several_words_is_one_term_however_written():
    posting = "Accounts payable clerk.\nProcess A/P invoices and accounts payable reports."
    for resume in ("Ran A/P for a clinic.", "Ran Accounts Payable for a clinic."):
        report = compare(posting, resume)
        assert report.terms.loc[0, "term"] in {"Accounts payable", "accounts payable"}
        assert report.matched[0] == report.terms.loc[0, "term"]
    assert normalise_term("accounts payable") == normalise_term("A/P") == "account payable"


def test_users_can_add_synonyms_in_their_data_folder(isolated_home):
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "synonyms.txt").write_text("# mine\nGoogle Sheets = spreadsheets\n")
    assert load_synonyms()["Google Sheets"] == "spreadsheets"
    report = compare("Strong spreadsheets skills. Spreadsheets daily.", "Google Sheets expert.")
    assert "spreadsheets" in [term.lower() for term in report.matched]


def test_a_synonym_file_in_the_wrong_encoding_is_a_clear_error(tmp_path):
    bad = tmp_path / "synonyms.txt"
    bad.write_bytes("JS = JavaScript\nCafé = coffee\n".encode("utf-16-le"))
    with pytest.raises(MatchingError, match="Save it as UTF-8"):
        load_synonyms(bad)


def test_a_synonym_made_only_of_common_words_is_refused():
    with pytest.raises(MatchingError, match="one to three words"):
        compare(POSTING, RESUME, synonyms={"the and": "SQL"})
    with pytest.raises(MatchingError, match="mapping"):
        compare(POSTING, RESUME, synonyms=["JS = JavaScript"])


def test_a_malformed_synonym_line_names_the_line(tmp_path):
    bad = tmp_path / "synonyms.txt"
    bad.write_text("JS = JavaScript\nthis line has no equals sign\n")
    with pytest.raises(MatchingError, match="Line 2"):
        load_synonyms(bad)
    with pytest.raises(MatchingError, match="does not exist"):
        load_synonyms(tmp_path / "missing.txt")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        (None, "must be text"),
        (42, "must be text"),
        (b"Python developer", "raw bytes"),
        ("x" * (MAX_CHARS + 1), "characters long"),
    ],
)
def test_bad_postings_get_a_clear_error(value, message):
    with pytest.raises(MatchingError, match=message) as caught:
        extract_terms(value)
    assert isinstance(caught.value, PrepError)


def test_a_posting_of_only_numbers_and_common_words_is_refused():
    with pytest.raises(MatchingError, match="no words that can be compared"):
        compare("The 12 and the 40 of them, 2024.", RESUME)


CHINESE_POSTING = (
    "招聘数据分析师\n\n岗位职责：负责公司业务数据的收集、整理和分析，定期撰写分析报告。\n"
    "任职要求：熟练使用 SQL、Excel；具备良好的沟通能力和团队合作精神。"
)


def test_a_posting_in_a_script_the_matcher_cannot_read_is_refused_not_scored():
    # Before: 100% from "SQL, Excel" alone, the only words it could read.
    with pytest.raises(MatchingError, match=r"Chinese, Japanese or Korean \(CJK\) script"):
        compare(CHINESE_POSTING, "SQL, Excel")
    with pytest.raises(MatchingError, match=r"Cyrillic script.*English text only"):
        extract_terms("Требуется аналитик данных со знанием SQL и Excel. " * 3)
    with pytest.raises(MatchingError, match="The resume is mostly written in Arabic script"):
        compare(POSTING, "محلل بيانات يجيد SQL و Excel ولديه خبرة في إعداد التقارير الشهرية")
    with pytest.raises(MatchingError, match="posting 1 is mostly written in Chinese"):
        rank_postings(RESUME, [POSTING, CHINESE_POSTING])


def test_accented_letters_and_a_few_foreign_words_are_read():
    posting = POSTING + "\nDéjà vu: Zoë, Ångström and Müller use Señor Pérez's café (数据).\n"
    assert compare(posting, RESUME).score == pytest.approx(compare(POSTING, RESUME).score, abs=0.05)


def test_a_posting_of_only_a_job_board_header_is_refused_clearly():
    # Found by the fuzz test: an IndexError before.
    with pytest.raises(MatchingError, match="no words that can be compared"):
        compare("Employer: Kestrel Vale NHS Trust\nEmployer: Kestrel Vale NHS Trust", RESUME)


def test_bad_options_are_refused():
    with pytest.raises(MatchingError, match="whole number"):
        compare(POSTING, RESUME, top_n=0)
    with pytest.raises(MatchingError, match="list of postings"):
        compare(POSTING, RESUME, company_postings="one posting")
    with pytest.raises(MatchingError, match=r"company posting no\. 2"):
        compare(POSTING, RESUME, company_postings=["fine", 3])


# --- The score ---------------------------------------------------------------------------


def test_the_posting_itself_scores_1_and_an_unrelated_resume_near_0():
    assert compare(POSTING, POSTING).score > 0.8  # the posting's own parts weigh differently
    assert compare(POSTING, CHEF_RESUME).score < 0.1
    assert 0.2 < compare(POSTING, RESUME).score < 0.8


def test_adding_a_missing_key_skill_raises_the_score():
    before = compare(POSTING, RESUME)
    assert "Snowflake" in before.missing
    after = compare(POSTING, RESUME + "\nModelled data in Snowflake.\n")
    assert after.score > before.score
    assert "Snowflake" in after.matched


def test_overlap_only_in_boilerplate_scores_low():
    boilerplate = POSTING[POSTING.index("## What we offer") :]
    assert compare(POSTING, boilerplate).score < 0.1


def test_the_score_is_the_sum_of_the_terms_contributions():
    report = compare(POSTING, RESUME, top_n=25)
    terms = report.terms
    assert list(terms.columns) == [
        "term",
        "weight",
        "in_resume",
        "evidence",
        "contribution",
        "requirement",
        "named",
        "note",
    ]
    assert 10 <= len(terms) <= 25  # generic words and titles are never key terms
    assert terms["weight"].sum() == pytest.approx(1.0)
    assert list(terms["weight"]) == sorted(terms["weight"], reverse=True)
    assert report.score == pytest.approx(terms["contribution"].sum() + report.other_terms)
    assert report.other_terms < terms["contribution"].sum()
    assert (terms.loc[~terms["in_resume"], "contribution"] == 0).all()
    assert (terms.loc[terms["in_resume"], "contribution"] > 0).any()
    assert report.coverage == pytest.approx(terms.loc[terms["in_resume"], "weight"].sum())
    assert report.matched == terms.loc[terms["in_resume"], "term"].tolist()
    assert set(report.matched).isdisjoint(report.missing)


def test_the_score_is_the_cosine_of_the_two_term_vectors():
    engine = TermEngine()
    analyzer, df = engine.analyzer, engine.reference
    posting = engine.postings([POSTING])
    phrases = set(posting.phrase_code.tolist())
    resume = TermTable(
        analyzer, Texts(analyzer, [RESUME], postings=False), df, engine.kinds, phrases=[phrases]
    )
    p, r = posting.weights(0), resume.weights(0)
    dot = sum(w * r.get(k, 0.0) for k, w in p.items())
    norms = math.sqrt(sum(w * w for w in p.values())) * math.sqrt(sum(w * w for w in r.values()))
    assert compare(POSTING, RESUME).score == pytest.approx(dot / norms)
    assert any(k in phrases and k in r for k in p)  # a shared phrase was counted on both sides


def test_results_are_deterministic():
    first, second = compare(POSTING, RESUME), compare(POSTING, RESUME)
    pd.testing.assert_frame_equal(first.terms, second.terms)
    assert first.score == second.score


def test_evidence_is_the_resume_line_that_contains_the_term():
    terms = compare(POSTING, RESUME).terms.set_index("term")
    assert terms.loc["data warehouse", "evidence"] == (
        "Wrote SQL reports on the claims data warehouse for the actuarial team."
    )
    assert terms.loc["SQL", "evidence"].splitlines() == [
        "Wrote SQL reports on the claims data warehouse for the actuarial team.",
        "Python · SQL · Excel · Tableau",
    ]
    assert (terms.loc[~terms["in_resume"], "evidence"] == "").all()


def test_evidence_is_found_for_a_term_written_as_a_synonym():
    posting = "Information technology support for clinics.\nInformation technology projects."
    report = compare(posting, "Summary\n- Ran IT support for three clinics.")
    terms = report.terms.set_index("term")
    assert "Information technology" in report.matched
    assert terms.loc["Information technology", "evidence"] == "Ran IT support for three clinics."


def test_evidence_joins_a_line_wrapped_in_a_pdf():
    resume = (
        "- Built the claims data\nwarehouse in Snowflake for\nthe actuarial team.\n- Other work."
    )
    terms = compare(POSTING, resume).terms.set_index("term")
    assert terms.loc["data warehouse", "evidence"] == (
        "Built the claims data warehouse in Snowflake for the actuarial team."
    )


def test_company_postings_add_themes_and_lower_shared_terms():
    other = POSTING.replace("Data Engineer", "Analytics Engineer").replace("A/B testing", "dbt")
    plain = compare(POSTING, RESUME)
    with_company = compare(POSTING, RESUME, company_postings=[other, other])
    assert plain.company_themes.empty
    themes = with_company.company_themes
    assert list(themes.columns) == ["term", "weight", "postings", "in_resume"]
    assert (themes["postings"] >= 2).all()
    assert "Snowflake" in themes["term"].tolist()
    named = {"first": other, "second": other}
    assert compare(POSTING, RESUME, company_postings=named).score == with_company.score


def test_pasted_html_stays_text():
    hostile = "\n<script>alert('x')</script> <b>Kubernetes</b> and Kubernetes\n\n"
    posting = POSTING.replace("## What we offer", hostile + "## What we offer")
    report = compare(posting, RESUME)
    assert "Kubernetes" in report.missing
    markdown = report.to_markdown()
    assert "<script>" not in markdown and "<b>" not in markdown


# --- relevance and rank_postings ---------------------------------------------------------


def test_relevance_is_the_share_of_key_term_weight_each_text_contains():
    texts = [RESUME, "", CHEF_RESUME, "Snowflake and Apache Airflow pipelines"]
    scores = relevance(POSTING, texts)
    assert scores[0] == pytest.approx(compare(POSTING, RESUME).coverage)
    assert scores[1] == 0.0
    assert scores[2] < 0.1
    assert scores[3] > scores[2]
    assert all(isinstance(s, float) and 0 <= s <= 1 for s in scores)


def test_relevance_refuses_bad_texts():
    with pytest.raises(MatchingError, match="list of texts"):
        relevance(POSTING, "a single story")
    with pytest.raises(MatchingError, match=r"text no\. 2"):
        relevance(POSTING, ["fine", None])


def test_rank_postings_puts_the_best_match_first():
    postings = {"chef": "Line cook for the grill station.\nLine cook, grill.", "data": POSTING}
    ranked = rank_postings(RESUME, postings)
    assert list(ranked.columns) == ["posting", "title", "score", "matched", "missing"]
    assert ranked["posting"].tolist() == ["data", "chef"]
    assert ranked.loc[0, "title"] == "Data Engineer, Claims Analytics"
    assert ranked.loc[0, "score"] == pytest.approx(compare(POSTING, RESUME).score)
    assert "Python" in ranked.loc[0, "matched"]
    by_position = rank_postings(RESUME, [postings["chef"], POSTING, ""])
    assert by_position["posting"].tolist() == [1, 0, 2]
    assert by_position.loc[2, "score"] == 0.0


def test_each_ranked_score_is_the_score_compare_gives_that_posting_alone(monkeypatch):
    other = POSTING.replace("Data Engineer, Claims Analytics", "Analytics Engineer, Pricing")
    postings = [CHEF_RESUME, other, "", POSTING, other.replace("Snowflake", "BigQuery")]
    ranked = rank_postings(RESUME, postings).set_index("posting")
    for number, posting in enumerate(postings):
        expected = compare(posting, RESUME).score if posting else 0.0
        assert ranked.loc[number, "score"] == pytest.approx(expected, abs=1e-12)
    monkeypatch.setattr(ranking_module, "RANK_BATCH", 2)  # counted two at a time: the same result
    pd.testing.assert_frame_equal(rank_postings(RESUME, postings).set_index("posting"), ranked)


def test_ranking_in_helper_processes_gives_the_same_result(monkeypatch):
    postings = {f"p{i}": POSTING.replace("Snowflake", f"Tool{i}") for i in range(7)}
    postings["chef"] = CHEF_RESUME
    alone = rank_postings(RESUME, postings, processes=1)
    monkeypatch.setattr(ranking_module, "RANK_BATCH", 2)
    monkeypatch.setattr(ranking_module, "PARALLEL_FROM", 1)
    pd.testing.assert_frame_equal(rank_postings(RESUME, postings, processes=2), alone)


def test_control_characters_in_a_posting_change_nothing():
    garbled = POSTING.replace("Snowflake", "Snow\x01flake").replace("\n\n", "\n\x00\n")
    ranked = rank_postings(RESUME, [garbled, POSTING])
    assert ranked["score"].between(0.05, 1).all()
    assert compare(garbled, RESUME).score == pytest.approx(
        ranked.loc[ranked.posting == 0, "score"].item()
    )


def test_rank_postings_refuses_bad_input():
    with pytest.raises(MatchingError, match="list of texts"):
        rank_postings(RESUME, "one posting")
    with pytest.raises(MatchingError, match="posting 1"):
        rank_postings(RESUME, [POSTING, 7])
    with pytest.raises(MatchingError, match="resume is empty"):
        rank_postings("", [POSTING])


# --- The report --------------------------------------------------------------------------


def test_plot_draws_matched_and_missing_terms_differently():
    report = compare(POSTING, RESUME)
    ax = report.plot(top=10)
    assert len(ax.patches) == 10
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert len(hatched) == len([t for t in report.terms["in_resume"].head(10) if not t])
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1].startswith(report.terms.loc[0, "term"])  # heaviest on top
    assert "%" in ax.get_title()


def test_plot_uses_the_axes_it_is_given():
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    assert compare(POSTING, RESUME).plot(ax=ax) is ax


def test_markdown_report_has_score_evidence_and_missing_terms():
    report = compare(POSTING, RESUME)
    text = report.to_markdown()
    assert text.startswith("# Match report: Data Engineer, Claims Analytics")
    assert f"**Score: {report.score:.0%}.**" in text
    assert "Wrote SQL reports on the claims **data warehouse** for the" in text  # marked
    assert "## Missing: prepare an example for each" in text
    assert "- Snowflake (" in text


def test_reports_are_saved_in_the_data_folder(isolated_home):
    report = compare(POSTING, RESUME)
    markdown, table = report.save_markdown(), report.save_csv()
    assert markdown.parent == isolated_home and table.parent == isolated_home
    assert markdown.name == "match-data-engineer-claims-analytics.md"
    assert markdown.read_text(encoding="utf-8") == report.to_markdown()
    assert pd.read_csv(table)["term"].tolist() == report.terms["term"].tolist()
    assert sorted(p.name for p in isolated_home.iterdir()) == sorted([markdown.name, table.name])
    assert markdown.stat().st_mode & 0o077 == 0  # readable by the owner only


def test_saving_where_no_file_can_be_written_is_a_clear_error_and_keeps_the_old_file(tmp_path):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    with pytest.raises(MatchingError, match="Cannot save"):
        compare(POSTING, RESUME).save_csv(blocker / "x.csv")
    assert blocker.read_text() == "not a folder"


def test_report_is_a_plain_result_object():
    report = compare(POSTING, RESUME)
    assert isinstance(report, MatchReport)
    assert report.to_frame() is not report.terms
    assert "key terms" in report.summary()


def test_words_are_the_same_with_or_without_their_positions():
    from prep_lib.paths import sample_path

    analyzer = TermEngine().analyzer
    texts = [POSTING, RESUME, CHEF_RESUME, sample_path("resume.md").read_text(encoding="utf-8")]
    texts.append("MS Excel,\n\n  \n- ML and IT: see www.example.com or jo@example.com (A/B).")
    for text in texts:
        raws, words = analyzer.tokens(text)
        assert analyzer.tokens_with_spans(text)[:2] == (raws, words)


def test_hostile_posting_text_is_inert_in_the_markdown_report():
    mistune = pytest.importorskip("mistune")
    posting = (
        "[Apply](javascript:alert(1))\n\n![x](https://tracker/x.png) Python developer.\n"
        "Python and SQL daily. <img src=x onerror=alert(1)> *SQL* | pipes\n"
    )
    resume = "Python and SQL developer. ![y](https://tracker/y.png) [me](javascript:alert(2))"
    markdown = compare(posting, resume).to_markdown()
    assert markdown.startswith("# Match report: \\[Apply\\](javascript:alert(1))")
    page = mistune.html(markdown)
    assert "<a " not in page and "<img" not in page and "<em>" not in page
    assert "[Apply](javascript:alert(1))" in page  # shown as written


# --- The term engine ---------------------------------------------------------------------


def unusual_postings(count: int) -> list[str]:
    """Postings that each bring a few hundred words no other posting uses."""
    return [
        POSTING.replace(
            "## What we offer",
            " ".join(f"Tool{n}x{k}" for k in range(300)) + "\n\n## What we offer",
        )
        for n in range(count)
    ]


def room_for_a_few_postings() -> int:
    """A word capacity with room for the shipped word lists and a few postings."""
    engine = TermEngine()
    compare(POSTING, RESUME, engine=engine)
    return len(engine.analyzer.ids.words) + 1_000


def test_an_engine_that_runs_out_of_word_numbers_starts_afresh_by_itself():
    postings = unusual_postings(12)
    expected = rank_postings(RESUME, postings, engine=TermEngine())
    small = TermEngine(word_capacity=room_for_a_few_postings())
    ranked = rank_postings(RESUME, postings, engine=small)
    pd.testing.assert_frame_equal(ranked, expected)
    assert small.restarts >= 1
    assert compare(POSTING, RESUME, engine=small).score == pytest.approx(
        compare(POSTING, RESUME).score
    )


def test_one_text_with_more_words_than_an_engine_holds_is_a_clear_error():
    small = TermEngine(word_capacity=room_for_a_few_postings())
    with pytest.raises(MatchingError, match="different words"):
        compare(
            "Data engineer\n\n" + " ".join(f"w{n}q" for n in range(3000)),
            RESUME,
            engine=small,
        )
    assert compare(POSTING, RESUME, engine=small).score > 0.2  # and it still works


def test_engines_are_the_callers_and_the_default_ones_can_be_dropped():
    engine = TermEngine({"Snowflake": "cloud warehouse"})
    assert "cloud warehouse" in [t.key for t in extract_terms(POSTING, engine=engine)]
    assert "cloud warehouse" not in [t.key for t in extract_terms(POSTING)]
    with pytest.raises(MatchingError, match="not both"):
        compare(POSTING, RESUME, engine=engine, synonyms={})
    with pytest.raises(MatchingError, match="TermEngine"):
        compare(POSTING, RESUME, engine="fast")
    first = default_engine()
    assert default_engine() is first
    drop_default_engines()
    assert default_engine() is not first
    engine.reset()
    assert relevance(POSTING, [RESUME], engine=engine)[0] > 0


def test_ranking_no_postings_gives_an_empty_table_with_the_usual_columns():
    ranked = rank_postings(RESUME, [])
    assert list(ranked.columns) == ["posting", "title", "score", "matched", "missing"]
    assert ranked.empty and ranked["score"].dtype == float
    assert rank_postings(RESUME, {}).empty


PASSING_MENTION = """Front Desk Lead
Harbor Clinic · Portland, OR · Full time

Harbor Clinic is looking for a Front Desk Lead to run scheduling at our busiest site.
- Schedule and coach a team of front desk and registration staff
- Insurance verification and scheduling in Epic Cadence
"""


def test_a_word_that_only_opens_lines_as_a_command_is_no_key_term():
    posting = """Front Desk Lead

What you will do
- Track wait times and registration errors, and fix the causes
- Train new hires on registration and insurance verification
- Budget for the front desk, and report on the budget each month
- Excel reports on wait times for the clinic manager
"""
    terms = {k.term for k in extract_terms(posting)}
    assert not {"Track", "Train", "track", "train"} & terms  # commands, not skills
    assert {"budget", "Excel", "registration"} <= terms  # a noun used elsewhere; a tool
    report = compare(posting, "Tracked wait times; trained new hires; Excel.")
    assert report.score > 0  # the commands still count in the score


def test_the_employer_given_is_never_a_key_term():
    resume = "Registration supervisor: Epic Cadence scheduling and insurance verification."
    alone = compare(PASSING_MENTION, resume)
    assert "Harbor Clinic" in alone.missing  # named only in passing, the matcher cannot tell
    told = compare(PASSING_MENTION, resume, employer="Harbor Clinic")
    assert not [t for t in told.terms["term"] if "Harbor" in t]
    assert {"Epic Cadence", "scheduling"} <= set(told.matched)
    assert [k.term for k in extract_terms(PASSING_MENTION, employer="Harbor Clinic")] == list(
        told.terms["term"]
    )
    assert compare(POSTING, RESUME, employer="").score == compare(POSTING, RESUME).score


@pytest.mark.parametrize(
    ("employer", "message"),
    [
        (42, "must be text"),
        (b"Harbor Clinic", "raw bytes"),
        ("Harbor Clinic " * 100, "give only the company's name"),
    ],
)
def test_an_unusable_employer_name_is_a_clear_error(employer, message):
    with pytest.raises(MatchingError, match=message):
        compare(PASSING_MENTION, RESUME, employer=employer)


def test_an_employer_name_with_markup_is_only_words():
    report = compare(PASSING_MENTION, RESUME, employer="<script>alert(1)</script> Harbor Clinic")
    assert not [t for t in report.terms["term"] if "Harbor" in t or "script" in t]
    assert "<script>" not in report.missing_html()


def test_comparing_loads_neither_matplotlib_nor_the_libraries_whose_data_it_reads():
    """The matcher reads scikit-learn's common words, lemminflect's dictionary and wordfreq's list
    from their data, without importing them: it starts quicker."""
    import subprocess
    import sys

    code = (
        f"import sys, prep_lib.matching as m; m.compare({POSTING!r}, {RESUME!r}); "
        "print(sorted({n.split('.')[0] for n in sys.modules} & "
        "{'matplotlib', 'sklearn', 'scipy', 'lemminflect', 'wordfreq', 'langcodes'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


def test_the_common_words_are_scikit_learns_list():
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from prep_lib.matching.lexicon import common_words

    assert common_words() == ENGLISH_STOP_WORDS


def test_the_dictionary_read_from_lemminflects_files_is_what_lemminflect_gives():
    import lemminflect

    from prep_lib.matching import words

    table = words._dictionary()
    looked_up = [w for w in table if w == w.lower()] + ["xyzzy", "managing", "c++", ""]
    assert len(looked_up) > 60_000
    differ = [w for w in looked_up if lemminflect.getAllLemmas(w) != words._readings(w)]
    assert differ == []


def test_the_word_frequencies_read_from_wordfreqs_file_are_wordfreqs():
    import wordfreq

    from prep_lib.matching.words import english_frequencies

    assert english_frequencies() == wordfreq.get_frequency_dict("en", wordlist="small")
