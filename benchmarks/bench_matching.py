"""Speed of the matcher: rank_postings on 1k, 10k and 100k postings, and compare on the sample.

Each corpus is generated from a fixed seed: postings of about 400 words with headings, sentences
taken from the reference postings and, in each, a few made-up product and place names drawn from
a long-tailed vocabulary of 200,000, as real postings bring new words. In the same run and on the
same corpus, the baseline is bare scikit-learn: ``TfidfVectorizer(ngram_range=(1, 2),
stop_words="english").fit_transform`` on the corpus, cosine against the resume, then a sort.

``rank_postings`` is timed twice: as it runs by default (every core, where helper processes can
start: see ``prep_lib.parallel``) and with ``processes=1``. Each measurement runs in its own
process, so its peak memory (the largest resident size of that process, with the corpus loaded
and Python's libraries imported) is its own; "corpus MiB" is a process that only imports and
loads the corpus. Up to 10k postings each time is the best of REPEATS runs (timings on a shared
machine vary by up to 1.5x from run to run). Printed: the times, the ratios (ours / baseline),
postings per second and peak memory (of the one-process run); then ``compare`` on the sample
candidate (median of 20) and with 500, 1,000 and 2,000 company postings. A second corpus is
resampled from real posting text (``make_real_corpus``: the real postings of ``realdata`` and
the reference postings, 10k postings of 400–1,100 words), when the real postings are here.
Targets from the issues: ratio <= 0.5 in one process on the real-text corpus, time linear up to
100k, peak memory <= 1 GiB at 100k, compare median <= 20 ms, compare linear in the number of
company postings.

Run: ``python3 tasks.py bench matching`` (or ``.venv/bin/python benchmarks/bench_matching.py
[SIZE ...]`` for other corpus sizes).
"""

import concurrent.futures
import itertools
import multiprocessing
import pickle
import re
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

SIZES = (1_000, 10_000, 100_000)
REAL_SIZE = 10_000  # postings resampled from real posting text (when the real postings are here)
COMPANY_SIZES = (500, 1_000, 2_000)  # company postings given to one compare
REPEATS = 3  # each timing up to 10k postings is the best of three runs: this machine is noisy
SEED = 20261122
HEADINGS = ("About the role", "What you will do", "What you bring", "Nice to have", "Benefits")


def make_corpus(size: int, seed: int = SEED) -> list[str]:
    """``size`` postings of about 400 words, the same for the same seed.

    Each posting has a title and five sections; each section holds four sentences taken from the
    reference postings, three sentences of everyday English words drawn by their frequency
    (wordfreq), and a line naming two made-up tools from a long-tailed list of 200,000, so that,
    as in real postings, the vocabulary keeps growing with the corpus.
    """
    import numpy as np
    import wordfreq

    from prep_lib.matching import reference_postings

    rng = np.random.default_rng(seed)
    sentences = [
        line.lstrip("- ").strip()
        for posting in reference_postings()
        for line in posting.splitlines()[1:]
        if len(line.split()) >= 4
    ]
    english = wordfreq.get_frequency_dict("en", wordlist="small")
    words = [w for w in english if w.isascii() and w.isalpha()]  # no emoji or foreign script
    common = np.array(sorted(words, key=english.get, reverse=True)[:25_000])
    frequency = np.array([english[w] for w in common])
    syllables = [
        a + b for a in "bdfgklmnprstvz" for b in ("a", "e", "i", "o", "u", "ar", "en", "ix")
    ]
    rare = np.array(
        ["".join(rng.choice(syllables, size=rng.integers(2, 5))).title() for _ in range(200_000)]
    )
    tail = 1 / (np.arange(len(rare)) + 10)  # a long tail, as in real text
    picked = rng.integers(0, len(sentences), size=(size, 21))
    lengths = rng.integers(8, 15, size=(size, 15))
    words = iter(
        common[rng.choice(len(common), size=int(lengths.sum()), p=frequency / frequency.sum())]
    )
    names = rare[rng.choice(len(rare), size=(size, 10), p=tail / tail.sum())]
    corpus = []
    for i in range(size):
        parts = [f"# {sentences[picked[i, 20]][:60]}", ""]
        for j, heading in enumerate(HEADINGS):
            parts += [f"## {heading}", ""]
            parts += [f"- {sentences[k]}" for k in picked[i, 4 * j : 4 * j + 4]]
            for n in lengths[i, 3 * j : 3 * j + 3]:
                parts.append(f"- {' '.join(itertools.islice(words, int(n))).capitalize()}.")
            parts += [f"- Experience with {names[i, 2 * j]} or {names[i, 2 * j + 1]}.", ""]
        corpus.append("\n".join(parts))
    return corpus


def make_real_corpus(size: int, seed: int = SEED) -> list[str] | None:
    """``size`` postings of 400–1,100 words resampled from real posting text: each has the
    header of a real posting (title, employer, location, salary) and lines drawn at random from
    the real postings and the reference postings. None when the real postings are not here
    (they are not shipped: see ``eval_matching_dev.py``)."""
    import numpy as np

    from prep_lib.matching import reference_postings

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from eval_matching_dev import find_realdata

    realdata = find_realdata()
    if realdata is None or not (realdata / "postings").is_dir():
        return None
    headers, lines = [], []
    for path in sorted((realdata / "postings").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        header, _, body = text.partition("\n\n")
        headers.append(header)
        lines += [line.strip() for line in body.splitlines() if line.strip()]
    for posting in reference_postings():
        lines += [line.strip() for line in posting.splitlines()[1:] if line.strip()]
    words = np.array([len(line.split()) for line in lines])
    rng = np.random.default_rng(seed)
    corpus = []
    for _ in range(size):
        target = int(rng.integers(400, 1101))
        picked = rng.integers(0, len(lines), size=target // 4)
        count = np.cumsum(words[picked])
        picked = picked[: int(np.searchsorted(count, target)) + 1]
        body = "\n\n".join(lines[i] for i in picked.tolist())
        corpus.append(f"{headers[int(rng.integers(0, len(headers)))]}\n\n{body}")
    return corpus


def peak_mib() -> float:
    """This process's peak resident memory in MiB.

    On Linux from /proc (VmHWM), because ``ru_maxrss`` keeps the peak of the parent process a
    child was forked from, which here holds the corpus being generated.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / (1024 if sys.platform == "darwin" else 1)


def load_corpus(path: str) -> list[str]:
    with open(path, "rb") as handle:
        return pickle.load(handle)


def run_ours(path: str, resume: str, processes: int | None) -> tuple[float, float]:
    from prep_lib.matching import rank_postings

    corpus = load_corpus(path)
    size = len(corpus)
    rank_postings(resume, corpus[:50])  # warm-up: reference tables
    start = time.perf_counter()
    ranked = rank_postings(resume, corpus, processes=processes)
    assert len(ranked) == size
    return time.perf_counter() - start, peak_mib()


def run_baseline(path: str, resume: str) -> tuple[float, float]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    corpus = load_corpus(path)
    size = len(corpus)
    start = time.perf_counter()
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), stop_words="english")
    matrix = vectorizer.fit_transform(corpus)
    scores = cosine_similarity(vectorizer.transform([resume]), matrix)[0]
    order = scores.argsort()[::-1]
    assert len(order) == size
    return time.perf_counter() - start, peak_mib()


def in_child(function, *args):
    """Run ``function(*args)`` in a fresh process (one that may start helpers of its own)."""
    spawn = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=spawn) as pool:
        return pool.submit(function, *args).result()


def compare_latency(runs: int = 20) -> float:
    from prep_lib.matching import compare
    from prep_lib.paths import sample_path

    posting = sample_path("posting.md").read_text(encoding="utf-8")
    resume = sample_path("resume.md").read_text(encoding="utf-8")
    company = [
        p.read_text(encoding="utf-8") for p in sorted(sample_path("company_postings").glob("*.md"))
    ]
    compare(posting, resume, company_postings=company)  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        compare(posting, resume, company_postings=company)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def company_latency(company: list[str]) -> float:
    """Seconds for one ``compare`` of the sample with ``company`` as the company's postings."""
    from prep_lib.matching import compare
    from prep_lib.paths import sample_path

    posting = sample_path("posting.md").read_text(encoding="utf-8")
    resume = sample_path("resume.md").read_text(encoding="utf-8")
    compare(posting, resume, company_postings=company[:5])  # warm-up
    start = time.perf_counter()
    compare(posting, resume, company_postings=company)
    return time.perf_counter() - start


def best_of(runs: int, function, *args) -> tuple[float, float]:
    """The quickest of ``runs`` runs, each in a fresh process, and the largest peak memory."""
    results = [in_child(function, *args) for _ in range(runs)]
    return min(t for t, _ in results), max(m for _, m in results)


def main(argv: list[str]) -> int:
    from prep_lib.parallel import cores, helpers_can_start
    from prep_lib.paths import sample_path

    sizes = [int(re.sub(r"[_,]", "", a)) for a in argv] or list(SIZES)
    resume = sample_path("resume.md").read_text(encoding="utf-8")
    helpers = "" if helpers_can_start() else " (helpers cannot start here: one core used)"
    print(f"'all' = rank_postings on all {cores()} cores; '1' = processes=1{helpers}.")
    print(
        f"{'postings':>14} {'all s':>7} {'1 s':>7} {'sklearn s':>9} {'ratio all':>9} "
        f"{'ratio 1':>7} {'all/s':>7} {'1 MiB':>7} {'sklearn MiB':>11} {'corpus MiB':>10}",
        flush=True,
    )
    corpora = [(f"{size:,}", size, lambda size=size: make_corpus(size)) for size in sizes]
    if (real := make_real_corpus(REAL_SIZE)) is not None:
        corpora.append((f"{REAL_SIZE:,} real", REAL_SIZE, lambda: real))
    else:
        print("(No real postings found: the corpus of real posting text is skipped.)")
    for label, size, build in corpora:
        runs = REPEATS if size <= 10_000 else 1
        with tempfile.NamedTemporaryFile(suffix=".pickle") as handle:
            pickle.dump(build(), handle)
            handle.flush()
            corpus_mib = in_child(_corpus_only, handle.name)
            ours, _ = best_of(runs, run_ours, handle.name, resume, None)
            alone, alone_mib = best_of(runs, run_ours, handle.name, resume, 1)
            base, base_mib = best_of(runs, run_baseline, handle.name, resume)
        print(
            f"{label:>14} {ours:>7.2f} {alone:>7.2f} {base:>9.2f} {ours / base:>9.2f} "
            f"{alone / base:>7.2f} {size / ours:>7,.0f} {alone_mib:>7,.0f} {base_mib:>11,.0f} "
            f"{corpus_mib:>10,.0f}",
            flush=True,
        )
    company = make_corpus(max(COMPANY_SIZES))
    for count in COMPANY_SIZES:
        print(
            f"compare with {count:,} company postings: {company_latency(company[:count]):.2f} s",
            flush=True,
        )
    print(
        f"compare on the sample candidate (with 4 company postings): median of 20 = "
        f"{compare_latency() * 1000:.1f} ms"
    )
    return 0


def _corpus_only(path: str) -> float:
    import sklearn.feature_extraction.text  # noqa: F401

    import prep_lib.matching  # noqa: F401 - the same libraries as the measured runs

    load_corpus(path)
    return peak_mib()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
