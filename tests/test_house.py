"""The shape of the package, which keeps it easy to change (see the README's map of the house).

- Imports only run down the layers: widgets → plan → matching | salary | log → documents and
  the small helpers. Storage (the log) imports no analysis, and the three middle packages do not
  import each other.
- No module is over ``MOST_LINES`` lines; one helper writes files (``prep_lib.files``).
- The types are checked: ``mypy`` with the project's configuration passes.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from prep_lib.paths import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "prep_lib"
MOST_LINES = 700
# Each module's layer: a module may import modules of its own layer or below, never above.
LAYERS = {
    "prep_lib.errors": 0,
    "prep_lib.paths": 0,
    "prep_lib.text": 0,
    "prep_lib.files": 0,
    "prep_lib.documents": 1,
    "prep_lib.parallel": 1,
    "prep_lib.workspace": 1,
    "prep_lib.matching": 2,
    "prep_lib.salary": 2,
    "prep_lib.log": 2,
    "prep_lib.rehearsal": 2,
    "prep_lib.scan_history": 2,
    "prep_lib.stories": 3,
    "prep_lib.plan": 3,
    "prep_lib.widgets": 4,
}
# Packages of one layer that must not import each other.
APART = ("prep_lib.matching", "prep_lib.salary", "prep_lib.log")


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def group(module: str) -> str:
    """The entry of ``LAYERS`` a module belongs to."""
    matches = [g for g in LAYERS if module == g or module.startswith(g + ".")]
    assert matches, f"{module} has no layer: add it to LAYERS in {__file__}"
    return max(matches, key=len)


def imports(path: Path) -> set[str]:
    """The prep_lib modules a file imports (at the top or inside functions)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{a.name}" for a in node.names}
    known = modules()
    return {n for n in names if n in known and n != "prep_lib"}


@pytest.mark.parametrize("module", sorted(modules()), ids=str)
def test_imports_run_down_the_layers(module):
    if module == "prep_lib":
        return
    mine = group(module)
    for target in imports(modules()[module]):
        theirs = group(target)
        assert LAYERS[theirs] <= LAYERS[mine], f"{module} imports {target}, a layer above it"
        if theirs != mine:
            assert not (mine in APART and theirs in APART), f"{module} imports {target}"


def test_the_log_loads_no_analysis():
    code = (
        "import sys, prep_lib.log\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('sklearn', 'matplotlib')\n"
        "         or m.startswith(('prep_lib.matching', 'prep_lib.plan', 'prep_lib.stories'))]\n"
        "print(' '.join(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


@pytest.mark.parametrize("module", sorted(modules()), ids=str)
def test_modules_stay_small(module):
    lines = len(modules()[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MOST_LINES, f"{module} has {lines} lines; split it by job"


def test_one_helper_replaces_files():
    writers = [
        str(path.relative_to(PROJECT_ROOT))
        for path in PACKAGE.rglob("*.py")
        if "os.replace(" in path.read_text(encoding="utf-8")
        or ".replace(path)" in path.read_text(encoding="utf-8")
    ]
    assert writers == ["prep_lib/files.py"]


@pytest.mark.slow
def test_types_check():
    result = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=PROJECT_ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_the_readme_maps_every_module():
    """The README's map of the house names each module of the package, and only those."""
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    tree = readme.split("### The map of the house", 1)[1].split("```", 2)[1]
    mapped, package = set(), ""
    for line in tree.splitlines():
        name = line.strip().split(" ", 1)[0]
        indent = len(line) - len(line.lstrip())
        if indent == 2:
            package = name if name.endswith("/") else ""
        if name.endswith(".py"):
            mapped.add(f"prep_lib/{package if indent == 4 else ''}{name}")
    actual = {
        p.relative_to(PROJECT_ROOT).as_posix() for p in (PROJECT_ROOT / "prep_lib").rglob("*.py")
    }
    actual.discard("prep_lib/__init__.py")
    actual.discard("prep_lib/widgets/__init__.py")
    assert mapped == actual
