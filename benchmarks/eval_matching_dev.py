"""How well the match score ranks postings, on real files from other people (not shipped).

Two checks, each printed for our score (``rank_postings``) and, in the same run, two plain
methods the issue names: cosine similarity of scikit-learn TF-IDF vectors, and the plain share of
a posting's top 20 TF-IDF keywords found in the resume.

1. ``matching_dev``: 5 real software vacancies, 30 real CVs and two HR annotators' rankings
   (Vanetik & Kogan, Information 14(8):468, 2023; GPL-3.0). Mean Spearman correlation between
   our order of the 5 vacancies and each annotator's, over the CVs. Each annotation array is read
   as the rank of vacancy 1..5 in CSV order (1 = best; a repeated number is a tie); the figure for
   the other reading (each array lists vacancy numbers best first) is printed too.
2. Field check: 5 real resumes against 30 real UK health-service postings. By hand, each resume
   was given the postings of its own field (accountant → accountant posts, IT → data posts...).
   Mean average precision of those postings in each resume's ranking (1.0 = all on top).

Run: ``.venv/bin/python benchmarks/eval_matching_dev.py``. The data is found in
``$PREP_REALDATA`` or a ``shared/realdata`` folder above the project; without it the script says
so and exits. The sets are small and noisy: read the figures as a sanity check, not a target.
"""

import csv
import os
import re
import sys
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from prep_lib.documents import load_text
from prep_lib.matching import rank_postings
from prep_lib.paths import PROJECT_ROOT

FIELDS = {  # resume file → postings of the same field, chosen by hand from their titles
    "ACCOUNTANT_27573855.pdf": {"916238825", "916243489", "916244411"},
    "DIGITAL-MEDIA_27419236.pdf": {"916234640", "916240336", "916243494"},
    "HR_14886205.pdf": {"916243881"},
    "INFORMATION-TECHNOLOGY_16899268.pdf": {"916238798", "916238144", "916242620", "916243507"},
    "SALES_19582792.pdf": {"916232947", "916233229"},
}


def find_realdata() -> Path | None:
    if os.environ.get("PREP_REALDATA"):
        return Path(os.environ["PREP_REALDATA"])
    for folder in PROJECT_ROOT.parents:
        if (folder / "shared" / "realdata").is_dir():
            return folder / "shared" / "realdata"
    return None


# The methods: each takes a resume and a list of postings and returns one score per posting.


def ours(resume: str, postings: list[str]) -> np.ndarray:
    frame = rank_postings(resume, postings).sort_values("posting")
    return frame["score"].to_numpy()


def tfidf_cosine(resume: str, postings: list[str]) -> np.ndarray:
    vectorizer = TfidfVectorizer(stop_words="english").fit([*postings, resume])
    return cosine_similarity(vectorizer.transform([resume]), vectorizer.transform(postings))[0]


def plain_share(resume: str, postings: list[str], top: int = 20) -> np.ndarray:
    vectorizer = TfidfVectorizer(stop_words="english").fit([*postings, resume])
    names = vectorizer.get_feature_names_out()
    words = set(vectorizer.build_analyzer()(resume))
    matrix = vectorizer.transform(postings).toarray()
    return np.array(
        [np.mean([names[j] in words for j in np.argsort(-row)[:top]]) for row in matrix]
    )


METHODS = {"our score": ours, "TF-IDF cosine": tfidf_cosine, "plain top-20 share": plain_share}


# Check 1: the annotated vacancies


def load_matching_dev(folder: Path):
    with open(folder / "5_vacancies.csv", encoding="utf-8", newline="") as handle:
        vacancies = [row["job_description"] for row in csv.DictReader(handle)]
    text = (folder / "annotations-for-the-first-30-vacancies.txt").read_text(encoding="utf-8")
    annotators = [
        [
            [int(n) for n in re.findall(r"\d", array)]
            for array in re.findall(r"\[([\d,\s]+)\]", part)
        ]
        for part in re.split(r"ANNOTATOR_\d_RANKINGS\s*=", text)[1:]
    ]
    cvs = [load_text(folder / "CV" / f"{i}.docx") for i in range(1, len(annotators[0]) + 1)]
    return vacancies, cvs, annotators


def as_order(array: list[int]) -> np.ndarray:
    """The other reading: the array lists vacancy numbers from best to worst."""
    ranks = np.full(len(array), len(array) + 0.5)
    for place, vacancy in enumerate(array, start=1):
        ranks[vacancy - 1] = min(ranks[vacancy - 1], place)
    return ranks


def spearman_table(vacancies, cvs, annotators) -> None:
    print(
        f"1. matching_dev: {len(vacancies)} vacancies, {len(cvs)} CVs; mean Spearman vs annotators"
    )
    print(f"   {'method':20} {'ann. 1':>7} {'ann. 2':>7} {'both':>7}   (other reading: both)")
    for name, method in METHODS.items():
        scores = [method(cv, vacancies) for cv in cvs]
        row = []
        for read in (np.asarray, as_order):
            per = [
                [spearmanr(-s, read(a)).statistic for s, a in zip(scores, arrays, strict=False)]
                for arrays in annotators
            ]
            per = [np.nan_to_num(p) for p in per]
            row.append([*(np.mean(p) for p in per), np.mean(np.concatenate(per))])
        (a1, a2, both), other = row[0], row[1]
        print(f"   {name:20} {a1:+7.3f} {a2:+7.3f} {both:+7.3f}   ({other[2]:+.3f})")
    pairs = zip(*annotators, strict=False)
    agreement = np.mean([spearmanr(a, b).statistic for a, b in pairs])
    print(f"   annotator 1 vs annotator 2: {agreement:+.3f}")
    means = [np.mean(arrays, axis=0).round(1).tolist() for arrays in annotators]
    ours_rank = np.mean([(-ours(cv, vacancies)).argsort().argsort() + 1 for cv in cvs], axis=0)
    print(
        f"   mean rank of each vacancy: annotators {means[0]} and {means[1]}, ours "
        f"{ours_rank.round(1).tolist()}"
    )


# Check 2: real resumes against real postings of their field


def average_precision(scores: np.ndarray, relevant: np.ndarray) -> float:
    order = np.argsort(-scores, kind="stable")
    hits = relevant[order]
    precision = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float(precision[hits].mean())


def field_check(realdata: Path) -> None:
    posting_files = sorted((realdata / "postings").glob("*.txt"))
    postings = [load_text(p) for p in posting_files]
    ids = np.array([p.stem for p in posting_files])
    print(
        f"2. field check: {len(FIELDS)} resumes vs {len(postings)} postings; mean average precision"
    )
    for name, method in METHODS.items():
        precisions = []
        for resume_file, relevant in FIELDS.items():
            resume = load_text(realdata / "resumes" / resume_file)
            precisions.append(
                average_precision(method(resume, postings), np.isin(ids, list(relevant)))
            )
        detail = " ".join(f"{p:.2f}" for p in precisions)
        print(f"   {name:20} {np.mean(precisions):.3f}   (per resume: {detail})")


def main() -> int:
    realdata = find_realdata()
    if realdata is None or not (realdata / "matching_dev").is_dir():
        print("No real data found (set PREP_REALDATA to a folder with matching_dev/); skipped.")
        return 0
    spearman_table(*load_matching_dev(realdata / "matching_dev"))
    if (realdata / "postings").is_dir() and (realdata / "resumes").is_dir():
        field_check(realdata)
    return 0


if __name__ == "__main__":
    sys.exit(main())
