"""How fast salary research imports wage tables and charts many sources.

Each figure is the best of a few runs, printed next to a baseline measured in the same run on
the same input (the machine is shared and noisy, so only the ratios mean much):

- imports (checks, markers, report and all) against a bare pandas.read_excel / read_csv of the
  same file: a synthetic full-size national BLS table (.xlsx and .csv), a synthetic state table
  in the all-areas layout (the size of a May 2022 state file), and, when /work/shared/realdata
  is present, the real May 2023 national table, New York's and Washington's tables and New
  York City's postings (through a column mapping);
- plot_ranges with 1,000 and 10,000 sources, drawn, against bare Matplotlib drawing the same
  ranges: one ``barh`` artist per bar (how the chart drew them before) and one ``hlines``
  collection (the least Matplotlib can do);
- parse_pay on real-world pay strings, per string, against a regular expression that only finds
  the numbers in them.

Run: python3 tasks.py bench salary
"""

import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from prep_lib.salary import (
    ColumnMapping,
    load_research,
    parse_pay,
    plot_ranges,
    read_mapped_table,
    read_wage_table,
)

REAL = Path("/work/shared/realdata/salary")
NATIONAL_ROWS = 1_403  # rows in the May 2023 national table
STATE_ROWS = 36_000  # about the size of a state table (every state, ~700 occupations each)
RUNS = 3
Row = tuple[str, float, float]


def best(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def synthetic_table(rng: np.random.Generator, rows: int, *, areas: bool) -> pd.DataFrame:
    """A BLS OEWS table of the real layout, with its markers and repeated rows."""
    median = rng.lognormal(np.log(50_000), 0.45, rows).round(-1)
    spread = rng.uniform(0.15, 0.45, rows)
    annual = {
        column: (median * (1 + spread) ** step).round(-1)
        for column, step in zip(
            ("A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90"), (-2, -1, 0, 1, 2), strict=True
        )
    }
    place = {}
    if areas:
        state = rng.integers(1, 52, rows)
        place = {
            "AREA": state,
            "AREA_TITLE": [f"State {s}" for s in state],
            "AREA_TYPE": 2,
            "PRIM_STATE": [f"S{s}" for s in state],
            "NAICS": "000000",
            "NAICS_TITLE": "Cross-industry",
            "I_GROUP": "cross-industry",
            "OWN_CODE": 1235,
        }
    table = pd.DataFrame(
        {
            **place,
            "OCC_CODE": [f"{11 + i % 43:02d}-{1000 + i % 8000:04d}" for i in range(rows)],
            "OCC_TITLE": [f"Occupation number {i % 8000}" for i in range(rows)],
            "O_GROUP": rng.choice(
                ["detailed", "broad", "minor", "major"], rows, p=[0.6, 0.3, 0.08, 0.02]
            ),
            "TOT_EMP": rng.integers(500, 3_000_000, rows),
            "EMP_PRSE": rng.uniform(0.1, 9, rows).round(1),
            "JOBS_1000": "",
            "LOC_QUOTIENT": "",
            "PCT_TOTAL": "",
            "PCT_RPT": "",
            "H_MEAN": (median / 2080 * 1.1).round(2),
            "A_MEAN": (median * 1.1).round(-1),
            "MEAN_PRSE": rng.uniform(0.1, 5, rows).round(1),
            **{c.replace("A_", "H_"): (v / 2080).round(2) for c, v in annual.items()},
            **annual,
            "ANNUAL": "",
            "HOURLY": "",
        }
    ).astype(object)
    for column in annual:  # BLS top-codes at $239,200 a year / $115 an hour, marked "#"
        hourly = column.replace("A_", "H_")
        table.loc[table[column] >= 239_200, column] = "#"
        table.loc[table[hourly] >= 115, hourly] = "#"
        for marked in (column, hourly):
            table.loc[rng.random(rows) < 0.02, marked] = "*"  # not published
    detailed, broad = rng.choice(rows, (2, rows // 10), replace=False)
    table.loc[broad, table.columns[1:]] = table.loc[detailed, table.columns[1:]].to_numpy()
    table.loc[broad, "O_GROUP"] = "broad"
    return table


def bench_imports(folder: Path) -> list[Row]:
    rng = np.random.default_rng(2023)
    national = synthetic_table(rng, NATIONAL_ROWS, areas=False)
    state = synthetic_table(rng, STATE_ROWS, areas=True)
    xlsx, csv = folder / "national_M2023_dl.xlsx", folder / "national_M2023_dl.csv"
    state_csv = folder / "state_M2022_dl.csv"
    with pd.ExcelWriter(xlsx) as writer:
        national.to_excel(writer, sheet_name="national_M2023_dl", index=False)
        pd.DataFrame({"Field": ["OCC_CODE"]}).to_excel(writer, sheet_name="Field Descriptions")
    national.to_csv(csv, index=False)
    state.to_csv(state_csv, index=False)
    cases: list[tuple[str, Callable[[], object], Callable[[], object]]] = [
        ("national .xlsx (synthetic)", lambda: read_wage_table(xlsx), lambda: pd.read_excel(xlsx)),
        ("national .csv (synthetic)", lambda: read_wage_table(csv), lambda: pd.read_csv(csv)),
        (
            f"state .csv, {STATE_ROWS:,} rows (synthetic)",
            lambda: read_wage_table(state_csv),
            lambda: pd.read_csv(state_csv),
        ),
    ]
    nyc = ColumnMapping(
        low="Salary Range From",
        high="Salary Range To",
        period_column="Salary Frequency",
        title="Business Title",
        location="Work Location",
        date="Posting Date",
        source_kind="posting",
    )
    real = {
        "real May 2023 national .xlsx": (
            "national_M2023_dl.xlsx",
            lambda p: read_wage_table(p),
            pd.read_excel,
        ),
        "real New York State .csv": ("oews-newyork.csv", lambda p: read_wage_table(p), pd.read_csv),
        "real Washington State .csv": (
            "oews-washington.csv",
            lambda p: read_wage_table(p),
            pd.read_csv,
        ),
        "real NYC postings .csv (mapped)": (
            "NYC_Jobs.csv",
            lambda p: read_mapped_table(p, nyc),
            pd.read_csv,
        ),
    }
    for label, (name, ours, bare) in real.items():
        path = REAL / name
        if path.exists():
            cases.append((label, lambda o=ours, p=path: o(p), lambda b=bare, p=path: b(p)))
    for label, ours, _ in cases:
        if "real" in label:
            print(f"  {label}: {read_report(ours)}")
    return [(f"import {label}", best(ours), best(bare)) for label, ours, bare in cases]


def read_report(action: Callable[[], object]) -> str:
    report = getattr(action(), "report", None)
    return report.lines()[0] if report is not None else ""


def sources(n: int, rng: np.random.Generator) -> pd.DataFrame:
    median = rng.normal(85_000, 9_000, n).round(-2)
    width = rng.uniform(0.05, 0.25, n)
    has_quartiles = rng.random(n) < 0.4
    return load_research(
        pd.DataFrame(
            {
                "source": [f"Source {i}" for i in range(n)],
                "source_kind": rng.choice(["government", "salary site", "recruiter", "posting"], n),
                "low": (median * (1 - 2 * width)).round(-2),
                "p25": np.where(has_quartiles, (median * (1 - width)).round(-2), np.nan),
                "median": median,
                "p75": np.where(has_quartiles, (median * (1 + width)).round(-2), np.nan),
                "high": (median * (1 + 2 * width)).round(-2),
                "currency": "USD",
                "period": "annual",
                "collected_on": "2026-11-05",
            }
        )
    )


def bench_plot(n: int) -> list[Row]:
    table = sources(n, np.random.default_rng(7))
    height = min(2 + 0.32 * n, 40)
    y = np.arange(n)
    step = max(1, n // 120)

    def ours() -> None:
        ax = plot_ranges(table)
        ax.figure.canvas.draw()
        plt.close(ax.figure)

    def bare(draw: Callable[[plt.Axes], object]) -> Callable[[], None]:
        def run() -> None:  # the same ranges and labels on the same figure size, then a draw
            fig, ax = plt.subplots(figsize=(9, height), layout="constrained")
            draw(ax)
            ax.set_yticks(y[::step], table["source"][::step], fontsize=8)
            fig.canvas.draw()
            plt.close(fig)

        return run

    per_bar = bare(lambda ax: ax.barh(y, table["high"] - table["low"], left=table["low"]))
    one = bare(lambda ax: ax.hlines(y, table["low"], table["high"], linewidth=2))
    label = f"plot_ranges, {n:,} sources (drawn)"
    timed = best(ours)
    return [
        (f"{label} vs barh", timed, best(per_bar, 2 if n > 1_000 else RUNS)),
        (f"{label} vs hlines", timed, best(one)),
    ]


def bench_parse() -> Row:
    strings = [
        "$53K-$91K (Glassdoor est.)",
        "£24,907 to £30,615 pa",
        "30.000 € - 35.000 €",
        "R$ 3.500,00 a R$ 4.000,00",
        "₹6-8 LPA",
        "$38,851.00 – $48,253.32 (Annual)",
        "$85k, 401k match",
        "3 200 € par mois",
    ] * 250
    ours = best(lambda: [parse_pay(s) for s in strings]) / len(strings)
    numbers = re.compile(r"\d[\d,.]*")
    bare = best(lambda: [numbers.findall(s) for s in strings]) / len(strings)
    return ("parse_pay, per string", ours, bare)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        results = bench_imports(Path(folder))
    results += bench_plot(1_000) + bench_plot(10_000)
    results.append(bench_parse())
    print(f"{'what':52} {'ours':>9} {'baseline':>9} {'ratio':>7}")
    for name, ours, baseline in results:
        print(f"{name:52} {ours:8.4f}s {baseline:8.4f}s {ours / baseline:6.2f}x")
    print(
        "baselines: pandas.read_excel / read_csv of the same file; bare Matplotlib barh (an "
        "artist per bar) or hlines (one collection) + labels + draw; parse_pay against a bare "
        "regular expression finding the numbers (nothing checked)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
