"""How long each notebook takes to run end to end, against a bare notebook of the same libraries.

The baseline notebook imports pandas, matplotlib, ipywidgets and scikit-learn and draws one
chart: what any notebook of this kind costs before it does anything. Each notebook and the
baseline are executed the way nbval and ``jupyter nbconvert --execute`` do (a fresh kernel each
time, in an empty temporary data folder), alternately, ``RUNS`` times; the best time of each is
printed with its ratio to the baseline's best (the target is at most 1.3). For context, the
same bare notebook without scikit-learn is timed too: the notebooks do not import scikit-learn
(the matcher ships the one list it used from it), and that import is 0.6–0.8 s of the baseline.
The package's modules are compiled to bytecode first, as Python does on a user's first run: on a
machine that sets PYTHONDONTWRITEBYTECODE every kernel would compile them again (0.2 s), which
no user's second run pays (``--no-compile`` skips that step; remove prep_lib's
``__pycache__`` folders as well to time the compiling too).

Run: python3 tasks.py bench notebooks
"""

from __future__ import annotations

import compileall
import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3
BASELINE = """\
import ipywidgets
import matplotlib.pyplot as plt
import pandas as pd
import sklearn.feature_extraction.text

frame = pd.DataFrame({"x": range(10), "y": range(10)})
frame.plot(x="x", y="y");
"""
WITHOUT_SKLEARN = BASELINE.replace("import sklearn.feature_extraction.text\n", "")


def run(notebook: nbformat.NotebookNode, folder: Path) -> float:
    """Seconds to run ``notebook`` in a fresh kernel, in ``folder``, with an empty data folder."""
    with tempfile.TemporaryDirectory() as home:
        os.environ["PREP_LIB_HOME"] = home
        start = time.perf_counter()
        NotebookClient(
            notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": folder}}
        ).execute()
        return time.perf_counter() - start


def main(names: list[str]) -> int:
    if "--no-compile" in names:
        names.remove("--no-compile")
    else:
        compileall.compile_dir(ROOT / "prep_lib", quiet=1)
    bare = {
        name: nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
        for name, code in (
            ("baseline", BASELINE),
            ("(baseline without scikit-learn)", WITHOUT_SKLEARN),
        )
    }
    paths = sorted((ROOT / "notebooks").glob("*.ipynb"))
    chosen = [p for p in paths if not names or any(n in p.name for n in names)]
    best: dict[str, float] = dict.fromkeys(bare, float("inf"))
    for _ in range(RUNS):
        for name, notebook in bare.items():
            best[name] = min(best[name], run(notebook, ROOT / "notebooks"))
        for path in chosen:
            seconds = run(nbformat.read(path, as_version=4), path.parent)
            best[path.stem] = min(best.get(path.stem, float("inf")), seconds)
    print(f"best of {RUNS} runs, each in a fresh kernel; ratio = notebook / baseline")
    print(f"{'notebook':32} {'seconds':>8} {'ratio':>6}")
    for name, seconds in best.items():
        print(f"{name:32} {seconds:8.2f} {seconds / best['baseline']:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
