"""How fast salary research loads a full BLS table and charts 1,000 sources.

Each figure is the median of a few runs, printed next to a baseline measured in the same run on
the same input (the machine is shared and noisy, so only the ratios mean much):

- load_bls_oews on a synthetic full-size national table (seeded, the real layout, .xlsx and .csv)
  against a bare pandas.read_excel / read_csv of the same file; and on the real May 2023 table
  when /work/shared/realdata/salary/national_M2023_dl.xlsx is present;
- plot_ranges with 1,000 sources, drawn, against bare Matplotlib drawing the same 1,000 ranges.

Run: python3 tasks.py bench salary
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from prep_lib.salary import load_bls_oews, load_research, plot_ranges

REAL_TABLE = Path("/work/shared/realdata/salary/national_M2023_dl.xlsx")
ROWS = 1_403  # rows in the May 2023 national table
RUNS = 5


def timed(action, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def synthetic_national_table(rng: np.random.Generator) -> pd.DataFrame:
    """A national OEWS table of the real size and layout, with its markers and repeated rows."""
    median = rng.lognormal(np.log(50_000), 0.45, ROWS).round(-1)
    spread = rng.uniform(0.15, 0.45, ROWS)
    annual = {
        column: (median * (1 + spread) ** step).round(-1)
        for column, step in zip(
            ("A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90"), (-2, -1, 0, 1, 2), strict=True
        )
    }
    table = pd.DataFrame(
        {
            "OCC_CODE": [f"{11 + i % 43:02d}-{1000 + i:04d}" for i in range(ROWS)],
            "OCC_TITLE": [f"Occupation number {i}" for i in range(ROWS)],
            "O_GROUP": rng.choice(
                ["detailed", "broad", "minor", "major"], ROWS, p=[0.6, 0.3, 0.08, 0.02]
            ),
            "TOT_EMP": rng.integers(500, 3_000_000, ROWS),
            "EMP_PRSE": rng.uniform(0.1, 9, ROWS).round(1),
            "JOBS_1000": "",
            "LOC_QUOTIENT": "",
            "PCT_TOTAL": "",
            "PCT_RPT": "",
            "H_MEAN": (median / 2080 * 1.1).round(2),
            "A_MEAN": (median * 1.1).round(-1),
            "MEAN_PRSE": rng.uniform(0.1, 5, ROWS).round(1),
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
            table.loc[rng.random(ROWS) < 0.005, marked] = "*"  # not available
    # broad rows repeating a detailed occupation: same title and figures, another code
    detailed, broad = rng.choice(ROWS, (2, 130), replace=False)
    table.loc[broad, table.columns[1:]] = table.loc[detailed, table.columns[1:]].to_numpy()
    table.loc[broad, "O_GROUP"] = "broad"
    return table


def bench_bls(folder: Path) -> list[tuple[str, float, float]]:
    table = synthetic_national_table(np.random.default_rng(2023))
    xlsx, csv = folder / "national_M2023_dl.xlsx", folder / "national_M2023_dl.csv"
    with pd.ExcelWriter(xlsx) as writer:
        table.to_excel(writer, sheet_name="national_M2023_dl", index=False)
        pd.DataFrame({"Field": ["OCC_CODE"]}).to_excel(writer, sheet_name="Field Descriptions")
    table.to_csv(csv, index=False)
    rows = [
        ("synthetic .xlsx", lambda: load_bls_oews(xlsx), lambda: pd.read_excel(xlsx)),
        ("synthetic .csv", lambda: load_bls_oews(csv), lambda: pd.read_csv(csv)),
    ]
    if REAL_TABLE.exists():
        rows.append(
            (
                "real May 2023 .xlsx",
                lambda: load_bls_oews(REAL_TABLE),
                lambda: pd.read_excel(REAL_TABLE),
            )
        )
    print(
        f"load_bls_oews: {ROWS:,}-row national table -> {len(load_bls_oews(xlsx)):,} research rows"
    )
    return [(name, timed(ours, 3), timed(baseline, 3)) for name, ours, baseline in rows]


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


def bench_plot() -> tuple[str, float, float]:
    table = sources(1_000, np.random.default_rng(7))

    def ours():
        ax = plot_ranges(table)
        ax.figure.canvas.draw()
        plt.close(ax.figure)

    def baseline():  # the same ranges as bare bars, labels and a draw, on the same figure size
        fig, ax = plt.subplots(figsize=(9, 40), layout="constrained")
        y = np.arange(len(table))
        ax.barh(y, table["high"] - table["low"], left=table["low"], height=0.14)
        ax.set_yticks(y[::5], table["source"][::5], fontsize=8)
        fig.canvas.draw()
        plt.close(fig)

    return "plot_ranges, 1,000 sources (drawn)", timed(ours), timed(baseline)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        results = [*bench_bls(Path(folder)), bench_plot()]
    print(f"{'what':38} {'ours':>8} {'baseline':>9} {'ratio':>6}")
    for name, ours, baseline in results:
        print(f"{name:38} {ours:7.3f}s {baseline:8.3f}s {ours / baseline:5.2f}x")
    print("baselines: pandas.read_excel / read_csv of the same file; bare Matplotlib barh + draw")
    return 0


if __name__ == "__main__":
    sys.exit(main())
