"""Driving JupyterLab and Voila in a real Chromium, for the browser tests (tests/test_browser.py).

The servers run with their own HOME, Jupyter folders, checkpoints and data folder under a
temporary directory, so a test run leaves nothing in the user's home or in the project;
JupyterLab's autosave is off, so a run never rewrites a committed notebook. Chromium comes from
Debian (/usr/bin/chromium); Playwright only drives it, it never downloads a browser.

Without Chromium or Playwright the browser tests are skipped with the reason, unless the
environment variable ``PREP_REQUIRE_BROWSER`` is set (CI sets it), in which case they fail.
"""

from __future__ import annotations

import importlib.util
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
from dataclasses import dataclass
from pathlib import Path

import pytest

from prep_lib.paths import PROJECT_ROOT

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REQUIRE_ENV = "PREP_REQUIRE_BROWSER"
SCREENSHOTS_ENV = "PREP_SCREENSHOTS"
VIEWPORT = {"width": 1280, "height": 900}  # the width every panel must fit
IDLE = ".jp-StatusBar-Item:has-text('(ipykernel) | Idle')"
WAIT_MS = 90_000  # generous: two cores shared with other work can be slow


def chromium() -> str:
    """The path of Debian's Chromium; skips the test (fails it in CI) when it is missing."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        unavailable("Chromium is not installed (Debian/Ubuntu: sudo apt-get install chromium)")
    if importlib.util.find_spec("playwright") is None:
        unavailable("Playwright is not installed (pip install -e '.[test]')")
    return found


def unavailable(reason: str) -> None:
    if os.environ.get(REQUIRE_ENV):
        pytest.fail(f"{reason}; {REQUIRE_ENV} is set, so the browser tests must run.")
    pytest.skip(f"browser tests skipped: {reason}")


def screenshot_dir() -> Path:
    """Where the tests save their screenshots: build/screenshots, or ``$PREP_SCREENSHOTS``."""
    return Path(os.environ.get(SCREENSHOTS_ENV) or PROJECT_ROOT / "build" / "screenshots")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def isolated_env(base: Path) -> dict[str, str]:
    """Environment for a server whose every Jupyter and prep_lib folder lies under ``base``."""
    env = dict(os.environ)
    env.pop(REQUIRE_ENV, None)
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
    lab_settings = {
        "docmanager-extension/plugin": {"autosave": False},
        # no "what's new" or news pop-ups over the notebook
        "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
        # every cell drawn, on screen or not: what a test waits for is never held back
        "notebook-extension/tracker": {"windowingMode": "none"},
    }
    for name, values in lab_settings.items():
        path = base / f"jupyter/lab-settings/@jupyterlab/{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    return env


@dataclass(frozen=True)
class Served:
    """A running server: its base URL and the data folder (PREP_LIB_HOME) its kernels write to."""

    url: str
    data_home: Path


@contextmanager
def server(command: list[str], *, base: Path, root: Path, port: int, ready_path: str):
    """Run a Jupyter or Voila server until the block ends; yield it as ``Served``."""
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
        yield Served(url, base / "prep-home")
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def shut_down_kernels(base_url: str) -> None:
    """Stop every kernel of a server, so a finished test frees its memory for the next one."""
    with urllib.request.urlopen(f"{base_url}/api/kernels", timeout=10) as answer:
        kernels = json.load(answer)
    for kernel in kernels:
        request = urllib.request.Request(f"{base_url}/api/kernels/{kernel['id']}", method="DELETE")
        urllib.request.urlopen(request, timeout=30).close()


def lab_command(root: Path, port: int, *, checkpoints: Path) -> list[str]:
    """JupyterLab on ``root``, no token, its checkpoints kept in ``checkpoints`` (an absolute
    folder), so opening a notebook leaves no .ipynb_checkpoints folder in the project."""
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
        "--ServerApp.disable_check_xsrf=True",  # lets shut_down_kernels call the REST API
        "--allow-root",
        f"--ServerApp.root_dir={root}",
        f"--FileCheckpoints.checkpoint_dir={checkpoints}",
    ]


def app_command(port: int) -> list[str]:
    """The app of ``python3 tasks.py app`` (same arguments), on ``port``, without opening a
    browser; kernels of closed pages are shut down within seconds, not minutes."""
    spec = importlib.util.spec_from_file_location("tasks", PROJECT_ROOT / "tasks.py")
    tasks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tasks)
    return [
        sys.executable,
        *tasks.app_arguments(idle_seconds=10),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
    ]


def open_and_run_all(page, base_url: str, notebook: str, *, live_effect: str) -> None:
    """Open ``notebooks/<notebook>`` in JupyterLab, run every cell, wait for ``live_effect``.

    ``live_effect`` is a selector that exists only once the kernel has run the notebook (a widget
    is drawn only by a live kernel), so stored outputs cannot fool the wait. Run All is retried
    when a fresh server's kernel swallowed it. JupyterLab keeps its default layout (the file
    browser open beside the notebook), the narrowest a person sees.
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


def open_from_app_tree(page, base_url: str, notebook: str):
    """Open the app's list of notebooks and click ``notebook`` as a person would; return the tab
    it opens in. The click is repeated when the list was drawn before it could react."""
    page.goto(base_url)
    for attempt in range(3):
        try:
            with page.context.expect_page(timeout=20_000) as opened:
                page.get_by_text(notebook, exact=True).click()
            return opened.value
        except Exception:
            if attempt == 2:
                raise


def widget_panel(page, selector: str):
    """The outermost output holding ``selector``: a notebook's whole panel."""
    return page.locator(".jp-OutputArea-output", has=page.locator(selector)).first


def widget_button(page, text: str):
    return page.locator("button.jupyter-button", has_text=text).first


def labelled(page, label: str, kind: str = "input"):
    """The first input (``kind``: input, select, textarea) of the widget labelled ``label``."""
    return page.locator(f".widget-inline-hbox:has(> label:text-is('{label}')) {kind}").first


def forget_own_data(home: Path) -> None:
    """Remove what a test added of the user's own to the data folder ``home``: their log, its
    backups, their salary research and the remembered choice (the sample's log stays)."""
    for path in home.glob("*"):
        if path.name.startswith(("interview_log", "salary_research", "chosen_application")):
            path.unlink()
    shutil.rmtree(home / "backups" / "interview_log", ignore_errors=True)


def start_application(page, company: str, role: str) -> None:
    """Start an application of one's own in the switcher at the top of a notebook or the app,
    as a new user does: company and role typed, **Start application** pressed."""
    start = page.locator(".prep-start")
    if not start.is_visible():
        page.locator(
            ".prep-chooser .lm-AccordionPanel-title, .prep-chooser .jupyter-widget-Collapse-header",
            has_text="Start an application",
        ).first.click()
    labelled(start, "Company").fill(company)
    labelled(start, "Role").fill(role)
    widget_button(start, "Start application").click()
    page.locator(".prep-chooser .prep-ok", has_text=f"Started {role} at {company}").wait_for()


def polish_problems(panel) -> list[str]:
    """What a person would notice in a drawn panel (a locator), in each of its tabs: an input
    without a label, text cut off (with "…", or a hint too long for its box), or anything
    sticking out past the panel's right edge.
    The tabs that were open are opened again at the end."""
    tabs = panel.locator(".lm-TabBar-tab")
    count = tabs.count()
    opened = [n for n in range(count) if "lm-mod-current" in tabs.nth(n).get_attribute("class")]
    problems = list(panel.evaluate(_POLISH_JS))
    for n in range(count):
        tabs.nth(n).click()
        where = tabs.nth(n).inner_text()
        problems += [f"{where} tab: {problem}" for problem in panel.evaluate(_POLISH_JS)]
    for n in opened:
        tabs.nth(n).click()
    return sorted(set(problems))


def assert_polished(panel) -> None:
    """Fail with every problem ``polish_problems`` finds, one a line."""
    problems = polish_problems(panel)
    assert not problems, "what a person would notice:\n" + "\n".join(problems)


_POLISH_JS = """root => {
    const problems = [];
    const edge = root.getBoundingClientRect().right + 1;
    for (const el of root.querySelectorAll('input, select, textarea')) {
        if (el.type === 'file' || el.type === 'hidden') continue;  // its button is the label
        if (el.disabled) continue;  // shown, not used: a ticked box in a Markdown list
        const names = [...(el.labels || [])].map(l => l.textContent.trim());
        names.push(el.getAttribute('aria-label') || '', el.title || '');
        if (!names.some(Boolean) && el.getBoundingClientRect().width > 0) {
            const box = el.closest('.jupyter-widgets');
            problems.push('unlabelled ' + el.tagName.toLowerCase() + ' in ' +
                          (box ? box.className : 'the panel'));
        }
    }
    const pen = document.createElement('canvas').getContext('2d');
    for (const el of root.querySelectorAll('input[placeholder]')) {  // a textarea wraps its hint
        const style = getComputedStyle(el);
        pen.font = style.font;
        const room = el.clientWidth - parseFloat(style.paddingLeft) -
                     parseFloat(style.paddingRight);
        if (el.clientWidth > 0 && pen.measureText(el.placeholder).width > room) {
            problems.push(`the hint "${el.placeholder}" is cut off`);
        }
    }
    for (const el of root.querySelectorAll('mjx-container, math')) {
        if (el.parentElement.closest('mjx-container, math')) continue;
        if (el.getBoundingClientRect().width === 0) continue;  // in a closed tab
        problems.push(`text typeset as maths (between two "$"?): "${el.textContent.slice(0, 40)}"`);
    }
    const reported = [];  // report the outermost element only, not each of its children
    for (const el of root.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;  // hidden, e.g. in a closed tab
        if (reported.some(outer => outer.contains(el))) continue;
        const text = (el.textContent || '').trim().slice(0, 40);
        const what = `${el.tagName.toLowerCase()}.${el.className}`;
        if (r.right > edge) {
            reported.push(el);
            problems.push(`${what} sticks out by ${Math.round(r.right - edge)} px: "${text}"`);
        }
        if (getComputedStyle(el).textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth) {
            problems.push(`${what} cuts its text off: "${text}"`);
        }
    }
    const page = document.scrollingElement;
    if (page.scrollWidth > page.clientWidth + 1) {
        problems.push(`the page scrolls sideways (${page.scrollWidth} px wide)`);
    }
    return problems;
}"""


def screenshot(page, name: str, *, focus=None) -> Path:
    """Save the window as ``<name>.png`` in the screenshot folder once JupyterLab's kernel is idle
    (every output drawn), its file browser closed so the notebook has the width, ``focus`` (a
    locator) scrolled to the top if given."""
    if page.locator(".jp-StatusBar-Item").count():
        page.wait_for_selector(IDLE)
    file_browser = page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id='filebrowser']")
    if file_browser.count() and "lm-mod-current" in (file_browser.get_attribute("class") or ""):
        file_browser.click()
        page.wait_for_selector("#jp-left-stack", state="hidden")
    if focus is not None:
        focus.evaluate("el => el.scrollIntoView({block: 'start'})")
        # two animation frames: JupyterLab draws the cells that scrolled into view
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
    path = screenshot_dir() / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=False)
    return path
