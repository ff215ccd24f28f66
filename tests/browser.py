"""Driving JupyterLab and Voila in a real Chromium, for the browser tests (tests/test_browser.py).

The servers run with their own HOME, Jupyter folders and data folder under a temporary directory,
so a test run leaves nothing in the user's home; JupyterLab's autosave is off, so a run never
rewrites a committed notebook. Chromium comes from Debian (/usr/bin/chromium); Playwright only
drives it, it never downloads a browser.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
IDLE = ".jp-StatusBar-Item:has-text('(ipykernel) | Idle')"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def isolated_env(base: Path) -> dict[str, str]:
    """Environment for a server whose every Jupyter and prep_lib folder lies under ``base``."""
    env = dict(os.environ)
    folders = {
        "HOME": "home",
        "JUPYTER_CONFIG_DIR": "jupyter/config",
        "JUPYTER_DATA_DIR": "jupyter/data",
        "JUPYTER_RUNTIME_DIR": "jupyter/runtime",
        "JUPYTERLAB_SETTINGS_DIR": "jupyter/lab-settings",
        "JUPYTERLAB_WORKSPACES_DIR": "jupyter/lab-workspaces",
        "IPYTHONDIR": "ipython",
        "MPLCONFIGDIR": "matplotlib",
        "PREP_LIB_HOME": "prep-home",
    }
    for name, sub in folders.items():
        (base / sub).mkdir(parents=True, exist_ok=True)
        env[name] = str(base / sub)
    settings = base / "jupyter/lab-settings/@jupyterlab/docmanager-extension"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "plugin.jupyterlab-settings").write_text(json.dumps({"autosave": False}))
    # no "what's new" or news pop-ups over the notebook
    news = base / "jupyter/lab-settings/@jupyterlab/apputils-extension"
    news.mkdir(parents=True, exist_ok=True)
    (news / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    return env


@contextmanager
def server(command: list[str], *, base: Path, root: Path, port: int, ready_path: str):
    """Run a Jupyter or Voila server until the block ends; yield its base URL."""
    log = (base / f"server-{port}.log").open("w")
    process = subprocess.Popen(
        command, cwd=root, env=isolated_env(base), stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"server exited early; see {log.name}")
            try:
                with urllib.request.urlopen(url + ready_path, timeout=2):
                    break
            except urllib.error.HTTPError:  # it answered, even if not with a page
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"server did not answer in 90 s; see {log.name}") from None
                time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def lab_command(root: Path, port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.token=",
        "--ServerApp.password=",
        "--allow-root",
        f"--ServerApp.root_dir={root}",
    ]


def voila_command(notebook: Path, port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "voila",
        str(notebook),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--MappingKernelManager.cull_idle_timeout=10",
        "--MappingKernelManager.cull_interval=5",
    ]


def open_and_run_all(page, base_url: str, notebook: str, *, live_effect: str) -> None:
    """Open ``notebooks/<notebook>`` in JupyterLab, run every cell, wait for ``live_effect``.

    ``live_effect`` is a selector that exists only once the kernel has run the notebook (a widget
    is drawn only by a live kernel), so stored outputs cannot fool the wait. Run All is retried
    when a fresh server's kernel swallowed it.
    """
    page.goto(f"{base_url}/lab/tree/notebooks/{notebook}?reset")
    page.wait_for_selector(IDLE, timeout=120_000)
    for attempt in range(3):
        page.locator(".lm-MenuBar-itemLabel:text-is('Run')").click()
        page.locator(".lm-Menu-itemLabel:text-is('Run All Cells')").click()
        try:
            page.wait_for_selector(live_effect, timeout=60_000 if attempt < 2 else 120_000)
            break
        except Exception:
            if attempt == 2:
                raise
    page.wait_for_selector(IDLE, timeout=180_000)


def widget_button(page, text: str):
    return page.locator("button.jupyter-button", has_text=text).first


def screenshot(page, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=False)
    return path
