#!/usr/bin/env python3
"""One entry point for people and CI; needs only Python 3.11+.

    python3 tasks.py lab      start JupyterLab on your working copies of the notebooks
    python3 tasks.py app      open the app in the browser: the four jobs on one page, no code
    python3 tasks.py test     run the whole test suite (unit, widget, notebook and browser tests)
    python3 tasks.py test --fast   unit and widget tests only, on every core (no notebooks, browser)
    python3 tasks.py bench    run the benchmarks in benchmarks/ and print their figures
    python3 tasks.py lint     check style with ruff

On first use it creates a virtual environment in .venv and installs the project into it; it
reinstalls by itself when pyproject.toml changes. Extra arguments go to the underlying tool, e.g.
``python3 tasks.py test -k documents``.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed-from"


def ensure_environment() -> None:
    """Create .venv and install prep_lib with its test tools, unless that is already done."""
    if sys.version_info < (3, 11):  # noqa: UP036 - this script tells users of older versions
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}.")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not PYTHON.exists():
        print(f"Creating a virtual environment in {VENV} ...", flush=True)
        try:
            venv.create(VENV, with_pip=True)
        except Exception as exc:  # e.g. Debian without the python3-venv package
            sys.exit(
                f"Could not create {VENV} ({exc}). On Debian or Ubuntu install the venv module "
                "first: sudo apt-get install python3-venv"
            )
    print("Installing prep_lib and its dependencies (a minute or two at first) ...", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "--quiet"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-e", f"{ROOT}[test]"], check=True)
    STAMP.write_text(wanted)


APP = ROOT / "app" / "second-interview-prep.ipynb"


def app_arguments(*, idle_seconds: int = 600) -> list[str]:
    """Voila serving the app (app/second-interview-prep.ipynb: the application switcher above
    the four jobs as tabs) as one page of widgets, with no code. Voila runs the notebook in
    memory and saves nothing, so nothing is written into the project folder.

    The kernel of a closed page is shut down once idle for ``idle_seconds``. The browser tests
    start the app with these same arguments.
    """
    return [
        "-m",
        "voila",
        str(APP),
        "--strip_sources=True",
        f"--MappingKernelManager.cull_idle_timeout={idle_seconds}",
        f"--MappingKernelManager.cull_interval={max(1, min(60, idle_seconds // 2))}",
    ]


def run(*args: str, env: dict | None = None) -> int:
    return subprocess.call([str(PYTHON), *args], cwd=ROOT, env=env)


def main(argv: list[str]) -> int:
    command, extra = (argv[0], argv[1:]) if argv else ("help", [])
    if command not in {"lab", "app", "test", "bench", "lint"}:
        print(__doc__)
        return 0 if command in {"help", "-h", "--help"} else 2
    ensure_environment()
    if command == "lab":  # working copies in the data folder: outputs never land in notebooks/
        return run("-m", "prep_lib.workspace", "lab", *extra)
    if command == "app":
        return run(*app_arguments(), *extra)
    if command == "test":
        if "--fast" in extra:
            extra.remove("--fast")
            fast = ["-o", "addopts=-ra --strict-markers", "-m", "not browser and not slow"]
            fast += ["-n", "auto"]  # pytest-xdist: one worker per core (about 55 s on two)
            return run("-m", "pytest", *fast, *(extra or ["tests"]))
        return run("-m", "pytest", *extra)
    if command == "lint":
        checked = run("-m", "ruff", "check", ".", *extra)
        return checked or run("-m", "ruff", "format", "--check", ".")
    scripts = sorted((ROOT / "benchmarks").glob("bench_*.py"))
    chosen = [s for s in scripts if not extra or any(e in s.name for e in extra)]
    for script in chosen:
        print(f"== {script.name}", flush=True)
        if code := run(str(script)):
            return code
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
