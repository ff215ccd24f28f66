"""Build data/sample/resume.docx and data/sample/resume.pdf from data/sample/resume.md.

Run after editing the Markdown resume:  python scripts/build_sample_resume.py
Needs fpdf2 (in the test extra). The three files then hold the same text, which
tests/test_sample_data.py checks.

Only the Markdown this resume uses is understood: '#', '##' and '###' headings, '- ' bullets,
a line in *asterisks* (dates, set in italics) and plain paragraphs, possibly wrapped.
"""

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

import docx
import matplotlib
from docx.shared import Pt
from fpdf import FPDF

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"
FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FIXED_DATE = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)  # rebuilding does not change the files


def blocks(markdown: str) -> list[tuple[str, str]]:
    """Split the resume into (kind, text) blocks; wrapped lines are joined."""
    out: list[tuple[str, str]] = []
    for raw in markdown.splitlines():
        line = raw.strip()
        if not line:
            out.append(("gap", ""))
            continue
        heading = re.match(r"(#{1,3}) (.*)", line)
        if heading:
            out.append((f"h{len(heading.group(1))}", heading.group(2)))
        elif line.startswith("- "):
            out.append(("bullet", line[2:]))
        elif line.startswith("*") and line.endswith("*"):
            out.append(("dates", line.strip("*")))
        elif out and out[-1][0] in ("bullet", "text"):
            out[-1] = (out[-1][0], f"{out[-1][1]} {line}")
        else:
            out.append(("text", line))
    return [block for block in out if block[0] != "gap"]


def write_docx(parts: list[tuple[str, str]], path: Path) -> None:
    document = docx.Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(10.5)
    for kind, text in parts:
        if kind in ("h1", "h2", "h3"):
            document.add_heading(text, level=int(kind[1]) - 1 if kind != "h1" else 0)
        elif kind == "bullet":
            document.add_paragraph(text, style="List Bullet")
        elif kind == "dates":
            document.add_paragraph().add_run(text).italic = True
        else:
            document.add_paragraph(text)
    props = document.core_properties
    props.author = props.last_modified_by = "Dana Whitlock (fictional)"
    props.title = "Resume of Dana Whitlock"
    props.created = props.modified = FIXED_DATE.replace(tzinfo=None)
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    # Word files are zip packages that stamp each member with the time of saving; a fixed stamp
    # keeps a rebuild byte-identical.
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            item.date_time = FIXED_DATE.timetuple()[:6]
            dst.writestr(item, src.read(item.filename))


def write_pdf(parts: list[tuple[str, str]], path: Path) -> None:
    pdf = FPDF(format="Letter")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title("Resume of Dana Whitlock")
    pdf.set_author("Dana Whitlock (fictional)")
    pdf.add_font("DejaVu", "", FONTS / "DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.add_font("DejaVu", "I", FONTS / "DejaVuSans-Oblique.ttf")
    pdf.set_margins(18, 16, 18)
    pdf.add_page()
    styles = {"h1": ("B", 18, 3), "h2": ("B", 12.5, 4), "h3": ("B", 10.5, 2.5)}
    for kind, text in parts:
        style, size, space = styles.get(kind, ("", 9.5, 0.8))
        if kind == "dates":
            style = "I"
        pdf.set_font("DejaVu", style, size)
        pdf.ln(space)
        if kind == "bullet":
            pdf.cell(5, 5, "•")
            pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.multi_cell(0, size * 0.55, text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def main() -> int:
    parts = blocks((SAMPLE / "resume.md").read_text(encoding="utf-8"))
    write_docx(parts, SAMPLE / "resume.docx")
    write_pdf(parts, SAMPLE / "resume.pdf")
    print(f"wrote {SAMPLE / 'resume.docx'} and {SAMPLE / 'resume.pdf'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
