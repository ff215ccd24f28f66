"""How fast the interview log answers at a size far beyond one job search.

200 interviewers (10 companies of 20), 1,000 stories and 10,000 story uses, in a temporary data
folder. Prints median times of the log's ``unheard_stories`` and ``prep_lib.stories``'
``fresh_stories`` (a panel of four), ``story_grid`` and one committed ``record_story_use``, each
next to a baseline measured in the same run: the bare sqlite3 statement of the same shape on a
plain connection to the same file, and for the ranking, the bare ``prep_lib.matching.relevance``
call on the same stories.

Then the log's safety: opening that file with the quick integrity check against opening it
without (same run), the first open of a day (which writes the day's backup), the full check, and
the salvage of damaged copies of it (4 KB overwritten in the middle, cut to 60%, a blank header):
rows kept in the new log out of the rows in the file, rows set aside, and the time taken.

    .venv/bin/python benchmarks/bench_log.py
"""

import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import prep_lib.log.store
from prep_lib.log import TABLES, InterviewLog
from prep_lib.matching import relevance
from prep_lib.stories import fresh_stories

COMPANIES, PEOPLE_PER_COMPANY, STORIES, USES = 10, 20, 1_000, 10_000
REPEATS = 25
WORDS = [
    "registration", "accuracy", "denials", "scheduling", "prior", "authorization", "coaching",
    "audits", "Epic", "Prelude", "Cadence", "collections", "estimates", "no-show", "reminders",
    "waitlist", "staffing", "onboarding", "overtime", "budget", "dashboard", "payer", "policy",
    "referral", "insurance", "verification", "patient", "experience", "complaint", "training",
    "hiring", "Lean", "workflow", "queue", "turnaround", "escalation", "kiosk", "check-in",
]  # fmt: skip


def median_seconds(action, repeats: int = REPEATS) -> float:
    action()  # warm caches once
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def build(log, rng: random.Random) -> tuple[list[int], list[list[int]], list[int]]:
    """Fill the log; return the applications, their people and their rounds."""
    apps, people, rounds = [], [], []
    with log.transaction():
        for c in range(COMPANIES):
            posting = " ".join(rng.choices(WORDS, k=400))
            app = log.add_application(company=f"Company {c}", role="Manager", posting=posting)
            round_id = log.add_round(app, name="first", date="2026-11-12")
            apps.append(app)
            rounds.append(round_id)
            people.append(
                [
                    log.add_interviewer(app, name=f"Person {c}-{p}", round_ids=[round_id])
                    for p in range(PEOPLE_PER_COMPANY)
                ]
            )
        stories = [
            log.add_story(
                title=f"Story {s}",
                situation=" ".join(rng.choices(WORDS, k=25)),
                task=" ".join(rng.choices(WORDS, k=12)),
                action=" ".join(rng.choices(WORDS, k=30)),
                result=" ".join(rng.choices(WORDS, k=15)),
                tags=rng.sample(WORDS, 4),
            )
            for s in range(STORIES)
        ]
        for _ in range(USES):
            c = rng.randrange(COMPANIES)
            log.record_story_use(rng.choice(stories), rng.choice(people[c]), rounds[c])
    return apps, people, rounds


def main() -> int:
    home = tempfile.mkdtemp(prefix="bench-log-")
    os.environ["PREP_LIB_HOME"] = home  # the automatic backups go there, not to your data folder
    rng = random.Random(7)
    log = InterviewLog(Path(home) / "bench.sqlite")
    start = time.perf_counter()
    apps, people, rounds = build(log, rng)
    print(
        f"built {COMPANIES * PEOPLE_PER_COMPANY} interviewers, {STORIES} stories, {USES} uses "
        f"in {time.perf_counter() - start:.1f} s (one transaction)"
    )
    bare = sqlite3.connect(log.path, isolation_level=None)
    panel, app = people[0][:4], apps[0]
    (posting,) = bare.execute(
        "SELECT posting_text FROM application WHERE id = ?", (app,)
    ).fetchone()
    fresh_sql = """SELECT s.id, s.title, s.situation, s.task, s.action, s.result, s.tags, s.metrics
        FROM story s WHERE NOT EXISTS (
            SELECT 1 FROM story_use u JOIN interviewer i ON i.id = u.interviewer_id
            JOIN application a ON a.id = i.application_id
            WHERE u.story_id = s.id AND (u.interviewer_id IN (?, ?, ?, ?) OR a.company_key = ?))
        ORDER BY s.id"""

    def bare_fresh() -> list[tuple]:
        return bare.execute(fresh_sql, (*panel, "company 0")).fetchall()

    def bare_ranked() -> list[float]:
        return relevance(posting, ["\n".join(map(str, row[1:])) for row in bare_fresh()])

    fresh = fresh_stories(log, panel)
    assert len(fresh) == len(bare_fresh())
    print(f"fresh stories for a panel of 4: {len(fresh)} of {STORIES}")

    figures = {
        "fresh_stories, ranked": (
            median_seconds(lambda: fresh_stories(log, panel)),
            median_seconds(bare_ranked),
            "bare SQL + relevance()",
        ),
        "fresh_stories, no posting": (
            median_seconds(lambda: fresh_stories(log, panel, posting="")),
            median_seconds(bare_fresh),
            "bare SQL",
        ),
        "log.unheard_stories": (
            median_seconds(lambda: log.unheard_stories(panel)),
            median_seconds(bare_fresh),
            "bare SQL",
        ),
        "story_grid": (
            median_seconds(lambda: log.story_grid(app)),
            median_seconds(
                lambda: bare.execute(
                    """SELECT DISTINCT u.story_id, u.interviewer_id FROM story_use u
                       JOIN interviewer i ON i.id = u.interviewer_id
                       WHERE i.application_id = ?""",
                    (app,),
                ).fetchall()
            ),
            "bare SQL",
        ),
    }
    stories = list(range(1, STORIES + 1))

    def bare_write() -> None:
        bare.execute("BEGIN IMMEDIATE")
        bare.execute(
            "INSERT INTO story_use (story_id, interviewer_id, round_id) VALUES (?, ?, ?)",
            (rng.choice(stories), rng.choice(panel), rounds[0]),
        )
        bare.execute("COMMIT")

    figures["record_story_use (committed)"] = (
        median_seconds(lambda: log.record_story_use(rng.choice(stories), panel[0], rounds[0])),
        median_seconds(bare_write),
        "bare INSERT + COMMIT",
    )
    print(f"\n{'operation':32} {'median':>10} {'baseline':>10} {'ratio':>7}  baseline is")
    for name, (ours, base, what) in figures.items():
        print(f"{name:32} {ours * 1e3:8.2f}ms {base * 1e3:8.2f}ms {ours / base:6.1f}x  {what}")
    print(f"(medians of {REPEATS} runs)")
    bare.close()
    log.close()
    safety(log.path)
    return 0


def safety(path: Path) -> None:
    """Opening with and without the quick check, the daily backup, salvage of damaged copies."""
    size = path.stat().st_size / 1e6
    checked = median_seconds(lambda: InterviewLog(path).close())
    real_check = prep_lib.log.store.quick_check
    prep_lib.log.store.quick_check = lambda _path: None
    try:
        unchecked = median_seconds(lambda: InterviewLog(path).close())
    finally:
        prep_lib.log.store.quick_check = real_check
    print(f"\nopening the {size:.1f} MB log (the day's backup already made):")
    print(f"  with the quick check {checked * 1e3:8.2f}ms, without {unchecked * 1e3:8.2f}ms")
    with InterviewLog(path) as log:
        start = time.perf_counter()
        log._backup_if_filled("daily")
        backup = time.perf_counter() - start
        start = time.perf_counter()
        problems = log.check()
        full = time.perf_counter() - start
    print(f"  the day's backup (first open of a day) {backup * 1e3:.0f}ms more")
    print(f"  full check on demand {full * 1e3:.0f}ms ({len(problems)} problems)")
    con = sqlite3.connect(path)
    total = sum(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES)
    con.close()
    print(f"\nsalvage of damaged copies ({total} rows in the file):")
    for name, damage in DAMAGE.items():
        copy = path.with_name(f"damaged-{name.replace(' ', '-')}.sqlite")
        shutil.copyfile(path, copy)
        damage(copy)
        start = time.perf_counter()
        report = InterviewLog.salvage(copy, copy.with_name(copy.stem + "-rescued.sqlite"))
        took = time.perf_counter() - start
        aside = sum(report.set_aside.values())
        print(
            f"  {name:22} kept {report.rows_kept:6} of {total} ({report.rows_kept / total:6.1%}),"
            f" set aside {aside:5}, unreadable parts {report.unreadable_parts:2}, {took:5.2f} s"
        )


def overwrite_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 4096] = random.Random(16).randbytes(4096)
    path.write_bytes(bytes(data))


def cut_short(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 3 // 5])


def blank_header(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(bytes(100) + data[100:])


DAMAGE = {
    "4 KB overwritten": overwrite_middle,
    "cut to 60%": cut_short,
    "blank header": blank_header,
}


if __name__ == "__main__":
    sys.exit(main())
