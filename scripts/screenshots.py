"""Make the README's pictures: run the browser tests and keep their screenshots in docs/screenshots.

    .venv/bin/python scripts/screenshots.py

One PNG per notebook (named after it), app.png for the app, own-*.png for "Your own interview
in five minutes" (a new user's steps), and one per panel of the second round beyond the
conversations (01-scan-history, 02-offer, 03-company, 04-presentation-rehearsal), 1280 px
wide, each at most 300 KB (reduced to 256 colours when larger).
Needs Chromium, like the browser tests.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "screenshots"
MOST_BYTES = 300_000
BROWSER_TESTS = (
    "tests/test_browser.py",
    "tests/test_browser_own_job.py",
    "tests/test_browser_extras.py",
)

sys.path.insert(0, str(ROOT / "tests"))
from browser import REQUIRE_ENV, SCREENSHOTS_ENV  # noqa: E402


def save_small(source: Path, target: Path) -> int:
    """Copy a PNG, reduced to 256 colours if it is over the limit; return its size in bytes."""
    target.write_bytes(source.read_bytes())
    if target.stat().st_size > MOST_BYTES:
        with Image.open(source) as image:
            image.convert("RGB").quantize(colors=256).save(target, optimize=True)
    size = target.stat().st_size
    if size > MOST_BYTES:
        raise SystemExit(f"{target.name} is {size // 1000} KB even in 256 colours; show less.")
    return size


def main() -> int:
    with tempfile.TemporaryDirectory() as shots:
        env = {**os.environ, SCREENSHOTS_ENV: shots, REQUIRE_ENV: "1"}
        command = [sys.executable, "-m", "pytest", "-q", "-m", "browser", *BROWSER_TESTS]
        if code := subprocess.call(command, cwd=ROOT, env=env):
            return code
        DOCS.mkdir(parents=True, exist_ok=True)
        for old in DOCS.glob("*.png"):
            old.unlink()
        for png in sorted(Path(shots).glob("*.png")):
            size = save_small(png, DOCS / png.name)
            print(f"{(DOCS / png.name).relative_to(ROOT)}  {size // 1000} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
