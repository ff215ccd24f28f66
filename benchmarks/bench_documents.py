"""Reading hostile documents: time and peak memory of ``load_text`` on each bomb of issue 16.

Each case runs in a process of its own; its time is measured inside the process (imports not
counted) and its peak memory (max RSS, imports included) read from ``os.wait4``. The cases: a
.docx whose document.xml unpacks to 6 GB (6 MB on disk), a 3 MB .xlsx unpacking to 3 GB
(``check_archive``, the guard the salary importers can use), HTML nested 20,000, 40,000 and
100,000 levels deep, a 19 MB page of 200-deep blocks, a 60,000-page PDF, and PDFs built to be
slow for pypdf (a page of 200,000 lines, a form drawn 5,000 times, a stream unpacking to 1 GB).
Each has a baseline from the same run: the bare library on a normal document of the same size
(zipfile unpacking a .docx or .xlsx, lxml parsing a flat page, pypdf opening the same PDF), and
one row gives the memory of a process that only imports the readers.

    .venv/bin/python benchmarks/bench_documents.py              # best of 3 runs
    .venv/bin/python benchmarks/bench_documents.py --repeat 1 --only html
    .venv/bin/python benchmarks/bench_documents.py --source /tmp/old  # another prep_lib, e.g.
        # main before issue 16: git archive main prep_lib | tar -x -C /tmp/old

Every process is stopped after ``--timeout`` seconds (default 120) and may not map more than
``--memory`` GB (default 4), so an implementation without the limits cannot exhaust the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from prep_lib.paths import PROJECT_ROOT, sample_path

sys.path.insert(0, str(PROJECT_ROOT / "tests"))
from hostile_files import (
    Repeated,
    deep_blocks_page,
    docx_with_body,
    nested_html,
    paragraphs,
    pdf_document,
    text_operations,
    write_zip,
)

GB = 1024**3
LINE = "Reconciled the monthly accounts in SQL and Excel"

# The code each process runs: {path} is the input file.
LOAD = """
from prep_lib.documents import load_text
from prep_lib.errors import PrepError
try:
    result = f"read, {{len(load_text({path!r})):,}} characters"
except PrepError as error:
    result = "refused: " + str(error)[len({name!r}) + 1 :][:64]
"""
CHECK_ARCHIVE = """
from pathlib import Path
from prep_lib.documents import ArchiveLimits, check_archive
from prep_lib.errors import PrepError
try:
    check_archive({name!r}, Path({path!r}).read_bytes(), {limits})
    result = "passes"
except PrepError as error:
    result = "refused: " + str(error)[len({name!r}) + 1 :][:64]
"""
UNZIP = """
import zipfile
size = 0
with zipfile.ZipFile({path!r}) as archive:
    for member in archive.infolist():
        size += len(archive.read(member))
result = f"unpacked {{size / 2**20:,.1f}} MB"
"""
LXML = """
from pathlib import Path
import lxml.html
text = lxml.html.document_fromstring(Path({path!r}).read_bytes()).text_content()
result = f"parsed, {{len(text):,}} characters"
"""
PYPDF = """
from pypdf import PdfReader
reader = PdfReader({path!r})
result = f"opened, {{len(reader.pages):,}} pages"
"""
PYPDF_TEXT = """
from pypdf import PdfReader
text = "".join(page.extract_text() for page in PdfReader({path!r}).pages)
result = f"read, {{len(text):,}} characters"
"""
RUNNER = """
import json, resource, time
resource.setrlimit(resource.RLIMIT_AS, ({cap}, {cap}))
{imports}
start = time.perf_counter()
{code}
seconds = time.perf_counter() - start
with open("/proc/self/status") as status:
    peak = max(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:"))
print(json.dumps({{"seconds": seconds, "peak": peak, "result": result}}))
"""
# Limits a wage-table importer might pass: a sheet of a few hundred MB, markup not counted.
WIDE = "ArchiveLimits(member_bytes=256 * 2**20, total_bytes=512 * 2**20, xml_tags=10**12)"


@dataclass(frozen=True)
class Case:
    group: str
    label: str
    name: str  # file name
    build: object  # () -> bytes
    code: str
    imports: str = "import docx, pypdf, prep_lib.documents"  # lazy imports are not timed


def incompressible(size: int) -> bytes:
    return os.urandom(size)


def cases() -> list[Case]:
    def docx_bomb() -> bytes:
        return docx_with_body(Repeated(b"<w:p><w:r><w:t>", b"A", 6 * GB, b"</w:t></w:r></w:p>"))

    def normal_docx(size: int) -> bytes:
        return docx_with_body(
            paragraphs(*[LINE] * 200), **{"word/media/image1.png": incompressible(size)}
        )

    def xlsx(sheet: bytes | Repeated) -> bytes:
        return write_zip({"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": sheet})

    def sheet_rows(count: int) -> Repeated:
        row = b'<row><c t="n"><v>52340</v></c><c t="n"><v>61200</v></c></row>'
        return Repeated(b"<worksheet><sheetData>", row, count, b"</sheetData></worksheet>")

    def normal_sheet(size: int) -> bytes:
        """Wage-table rows of varied figures: compresses about as much as a real sheet."""
        rng = random.Random(16)
        rows, packed = [], 0
        while packed < size:
            batch = b"".join(
                b'<row><c t="n"><v>%d</v></c><c t="n"><v>%d</v></c></row>'
                % (rng.randrange(20_000, 240_000), rng.randrange(9, 116))
                for _ in range(10_000)
            )
            rows.append(batch)
            packed += len(zlib.compress(batch))
        return b"<worksheet><sheetData>" + b"".join(rows) + b"</sheetData></worksheet>"

    def flat_page(size: int) -> bytes:
        return ("<p>SQL</p>" * (size // 10)).encode()

    pdf_60000 = lambda: pdf_document(60_000, text_operations([LINE]))  # noqa: E731
    found: list[Case] = [
        Case("import", "imports only (prep_lib.documents, pypdf, docx)", "none", lambda: b"",
             "result = ''"),
        Case("docx", ".docx, document.xml unpacks to 6 GB", "bomb.docx", docx_bomb, LOAD),
        Case("docx", "baseline: zipfile, normal 6 MB .docx", "normal.docx",
             lambda: normal_docx(6 * 2**20), UNZIP, "import zipfile"),
        Case("docx", "normal 6 MB .docx (an image, 200 lines)", "normal.docx",
             lambda: normal_docx(6 * 2**20), LOAD),
        Case("xlsx", "check_archive: 3 MB .xlsx unpacking to 3 GB", "wages.xlsx",
             lambda: xlsx(sheet_rows(3 * GB // 62)), CHECK_ARCHIVE.replace("{limits}", "")),
        Case("xlsx", "  the same, wage-table limits (256 MB a part)", "wages.xlsx",
             lambda: xlsx(sheet_rows(3 * GB // 62)), CHECK_ARCHIVE.replace("{limits}", WIDE)),
        Case("xlsx", "baseline: zipfile, normal 3 MB .xlsx", "normal.xlsx",
             lambda: xlsx(normal_sheet(3 * 2**20)), UNZIP, "import zipfile"),
        Case("xlsx", "check_archive: normal 3 MB .xlsx, wage limits", "normal.xlsx",
             lambda: xlsx(normal_sheet(3 * 2**20)), CHECK_ARCHIVE.replace("{limits}", WIDE)),
    ]  # fmt: skip
    for depth in (20_000, 40_000, 100_000):
        page = nested_html(depth).encode()
        found += [
            Case("html", f"HTML nested {depth:,} deep ({len(page) // 1000:,} KB)",
                 f"deep-{depth}.html", lambda page=page: page, LOAD),
            Case("html", f"baseline: lxml, flat page of {len(page) // 1000:,} KB",
                 f"flat-{depth}.html", lambda page=page: flat_page(len(page)), LXML,
                 "import lxml.html"),
        ]  # fmt: skip
    big_page = deep_blocks_page(19 * 10**6)
    found += [
        Case("html", "19 MB page of 200-deep blocks", "blocks.html", lambda: big_page, LOAD),
        Case("html", "baseline: lxml, flat 19 MB page", "flat-19mb.html",
             lambda: flat_page(len(big_page)), LXML, "import lxml.html"),
        Case("pdf", "PDF of 60,000 pages", "book.pdf", pdf_60000, LOAD),
        Case("pdf", "baseline: pypdf opens the same PDF", "book.pdf", pdf_60000, PYPDF,
             "import pypdf"),
        Case("pdf", "PDF page of 200,000 lines (5 KB compressed)", "lines.pdf",
             lambda: pdf_document(1, text_operations([LINE] * 200_000), compress=True), LOAD),
        Case("pdf", "PDF page drawing a form 5,000 times", "forms.pdf",
             lambda: pdf_document(1, b"/Fm0 Do\n" * 5_000, form=text_operations([LINE] * 100)),
             LOAD),
        Case("pdf", "PDF stream unpacking to 1 GB", "flate.pdf",
             lambda: pdf_document(1, Repeated(text_operations([LINE]), b" ", GB), compress=True),
             LOAD),
        Case("pdf", "sample resume, 2 pages", "resume.pdf",
             lambda: sample_path("resume.pdf").read_bytes(), LOAD),
        Case("pdf", "baseline: pypdf reads the sample resume", "resume.pdf",
             lambda: sample_path("resume.pdf").read_bytes(), PYPDF_TEXT, "import pypdf"),
        Case("txt", "20 MB text file", "notes.txt",
             lambda: (LINE + "\n").encode() * (20 * 10**6 // 50), LOAD),
    ]  # fmt: skip
    return found


def run(case: Case, path: Path, args: argparse.Namespace) -> tuple[float | None, int, str]:
    """Seconds, peak memory (bytes) and outcome of one process running ``case`` on ``path``."""
    code = RUNNER.format(
        cap=int(args.memory * GB),
        imports=case.imports,
        code=case.code.format(path=str(path), name=path.name),
    )
    env = dict(os.environ)
    if args.source:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [args.source, env.get("PYTHONPATH")]))
    with tempfile.TemporaryFile("w+") as out:
        process = subprocess.Popen(  # run outside the project: "-c" puts the folder on sys.path
            [sys.executable, "-c", code], stdout=out, stderr=subprocess.STDOUT, env=env,
            cwd=path.parent,
        )  # fmt: skip
        deadline = time.monotonic() + args.timeout
        peak = 0  # polled, for a process that is stopped or fails before it reports
        while process.poll() is None:
            peak = max(peak, high_water_mark(process.pid))
            if time.monotonic() > deadline:
                process.kill()
                process.wait()
                return None, peak, f"stopped after {args.timeout:.0f} s"
            time.sleep(0.02)
        out.seek(0)
        lines = out.read().strip().splitlines()
    if process.returncode != 0:
        return None, peak, "failed: " + (lines[-1] if lines else f"exit {process.returncode}")
    report = json.loads(lines[-1])
    return report["seconds"], max(peak, report["peak"]), report["result"]


def high_water_mark(pid: int) -> int:
    """Peak resident memory of a running process (Linux), once it runs the measured code: the
    copy of this process it starts as does not count."""
    try:
        if Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[1:2] != [b"-c"]:
            return 0
        status = Path(f"/proc/{pid}/status").read_text()
    except (OSError, IndexError):
        return 0
    return max(
        (int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmHWM")),
        default=0,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per case (best is shown)")
    parser.add_argument("--only", default="", help="only cases of this group (docx, html...)")
    parser.add_argument("--source", default="", help="folder holding the prep_lib to measure")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per process")
    parser.add_argument("--memory", type=float, default=4.0, help="GB a process may map")
    args = parser.parse_args()
    chosen = [case for case in cases() if not args.only or case.group in (args.only, "import")]
    print(f"{'case':<46} {'seconds':>8} {'peak MB':>8}  outcome")
    with tempfile.TemporaryDirectory() as folder:
        built: dict[str, Path] = {}  # by file name: a case and its baseline share their file
        for case in chosen:
            if case.name not in built:
                built[case.name] = Path(folder, case.name)
                built[case.name].write_bytes(case.build())  # type: ignore[operator]
            runs = [run(case, built[case.name], args) for _ in range(args.repeat)]
            times = [seconds for seconds, _, _ in runs if seconds is not None]
            peak = max(peak for _, peak, _ in runs)
            shown = f"{min(times):8.2f}" if times else f"{'-':>8}"
            print(f"{case.label:<46} {shown} {peak / 2**20:8.0f}  {runs[-1][2]}", flush=True)


if __name__ == "__main__":
    main()
