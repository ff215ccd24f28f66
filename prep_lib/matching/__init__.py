"""Match a resume to a job posting: how closely it answers what the employer asks for.

``compare`` and ``rank_postings`` make the score the same way:

1. **Terms.** The posting's words and phrases, each weighted by TF-IDF: how often the posting
   uses it, times how rare it is across job ads (reference postings shipped with the package, the
   company's other postings and everyday English), with boilerplate parts (benefits, about the
   company, equal opportunity) counting a fifth. The resume is weighed the same way, counting
   the posting's phrases, so both are lists of weights over the same terms. The ``top_n``
   heaviest terms of the posting are its key terms, shown to the user with what share of their
   total weight each holds. A compound of two everyday words used once ("diary management") is a
   key term to prepare but no part of the score (``kinds.TermKinds.compound``).
2. **Score.** The cosine similarity of the two lists: ``Σ p·r / (|p| |r|)`` over the shared terms,
   where ``p`` and ``r`` are a term's weights in the posting and the resume. 1 means the same
   terms in the same proportions (the posting itself), 0 no term in common. Each shared term
   adds ``p·r / (|p| |r|)``: ``MatchReport.terms`` lists that contribution for every key term
   and ``MatchReport.other_terms`` the part of lesser terms, so the score can be checked. On real
   files, resumes scored 0.05–0.20 against postings they were not written for.

Terms match as whole words or phrases, after the same normalisation (case, plural, synonyms
such as MS Excel → Excel); never inside another word ("R" does not match "React", "Java" not
"JavaScript"). Cosine similarity ranks postings better than the share of key terms found
(``benchmarks/eval_matching_dev.py``); that share is ``relevance``, used to pick STAR stories.

The package, one job per module:

- ``scoring``: ``compare``, ``extract_terms``, ``relevance``, ``normalise_term`` (one posting);
- ``ranking``: ``rank_postings`` (many postings, shared with helper processes);
- ``evidence``: the resume lines that prove each key term;
- ``themes``: what a company asks for across its postings;
- ``report``: ``MatchReport``, its Markdown, CSV and chart;
- ``inputs``: checks on what the user gives (``require_text``);
- the term engine, behind ``engine.TermEngine`` (the state it keeps while reading):
  ``words`` (tokeniser, normal forms, term codes), ``analyzer`` (texts to word numbers, with
  synonyms), ``sections`` (a posting's headings, boilerplate, employer and title, line by line),
  ``lines`` (many postings read one distinct line at a time), ``kinds`` (skills, named tools,
  titles, generic words and noise),
  ``vocabulary`` (synonyms, reference postings, document frequencies and idf) and ``vectors``
  (weighted term tables and the resume's vector).
"""

from prep_lib.matching.engine import TermEngine, default_engine, drop_default_engines
from prep_lib.matching.inputs import DEFAULT_TOP_N, MAX_CHARS, require_text
from prep_lib.matching.ranking import PARALLEL_FROM, RANK_BATCH, rank_postings
from prep_lib.matching.report import MatchReport
from prep_lib.matching.scoring import KeyTerm, compare, extract_terms, normalise_term, relevance
from prep_lib.matching.vocabulary import load_synonyms, reference_postings

__all__ = [
    "DEFAULT_TOP_N",
    "MAX_CHARS",
    "PARALLEL_FROM",
    "RANK_BATCH",
    "KeyTerm",
    "MatchReport",
    "TermEngine",
    "compare",
    "default_engine",
    "drop_default_engines",
    "extract_terms",
    "load_synonyms",
    "normalise_term",
    "rank_postings",
    "reference_postings",
    "relevance",
    "require_text",
]
