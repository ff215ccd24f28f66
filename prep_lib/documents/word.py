"""Word .docx files: paragraphs, tables cell by cell, text boxes, headers and footers, in order.

The package is checked with ``check_archive`` before python-docx unpacks it, and the paragraphs
are counted (in C, by XPath) before they are walked, so a file that unpacks to far more than a
document is refused quickly. lxml, under python-docx, refuses XML nested over 256 levels deep.
"""

import io
import zipfile
from typing import Any

from lxml import etree

from prep_lib.documents import limits
from prep_lib.documents.archive import ArchiveLimits, check_archive
from prep_lib.documents.source import detail
from prep_lib.errors import DocumentError

_W = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
_COUNT_PARAGRAPHS = etree.XPath("count(//w:p)", namespaces=_W)
# Paragraphs inside text boxes, which python-docx does not reach; Word stores each box twice (a
# modern copy and a fallback for old readers), so the fallback copy is skipped.
_TEXT_BOX_PARAGRAPHS = etree.XPath(
    ".//*[local-name()='txbxContent'][not(ancestor::*[local-name()='Fallback'])]//w:p",
    namespaces=_W,
)
_TEXTS = etree.XPath(".//w:t/text()", namespaces=_W)


def docx_text(name: str, data: bytes) -> str:
    """The lines of a .docx file; ``DocumentError`` when it cannot or should not be read."""
    import docx

    check_archive(
        name,
        data,
        ArchiveLimits(
            members=limits.DOCX_MEMBERS,
            member_bytes=limits.DOCX_MEMBER_BYTES,
            total_bytes=limits.DOCX_TOTAL_BYTES,
            xml_tags=limits.DOCX_XML_TAGS,
        ),
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            if "word/document.xml" not in package.namelist():
                raise DocumentError(
                    f"{name} is a zip archive but not a Word document (it may be a spreadsheet, "
                    "a presentation or an OpenDocument file). Save it from Word as .docx or PDF."
                )
        document = docx.Document(io.BytesIO(data))
        paragraphs = sum(
            int(_COUNT_PARAGRAPHS(part.element))
            for part in document.part.package.iter_parts()
            if hasattr(part, "element")
        )
        if paragraphs > limits.DOCX_PARAGRAPHS:
            raise DocumentError(
                f"{name} has {paragraphs:,} paragraphs, more than the {limits.DOCX_PARAGRAPHS:,} "
                "read from one document; resumes and postings are far shorter. Copy the part you "
                "need into a new document, or paste the text."
            )
        lines = _Lines(name)
        seen: set[Any] = set()  # the XML elements themselves: ids of lxml proxies get reused
        for section in document.sections:
            _block_lines(section.header, lines, seen)
        _block_lines(document, lines, seen)
        for section in document.sections:
            _block_lines(section.footer, lines, seen)
    except DocumentError:
        raise
    except Exception as exc:  # zipfile, lxml and python-docx each raise their own kinds
        raise DocumentError(
            f"{name} is damaged or incomplete and cannot be read as a Word document. Open it in "
            f"Word and save it again, or export it as PDF. (Detail: {detail(exc)}.)"
        ) from None
    return "\n".join(lines.lines)


class _Lines:
    """Lines read so far, refused once they pass ``MAX_CHARS``."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.lines: list[str] = []
        self.chars = 0

    def add(self, line: str) -> None:
        self.lines.append(line)
        self.chars += len(line) + 1
        if self.chars > limits.MAX_CHARS:
            raise limits.too_much_text(self.name)


def _block_lines(container: Any, lines: _Lines, seen: set[Any]) -> None:
    """Add the lines of paragraphs, tables (cell by cell) and text boxes, in document order."""
    from docx.table import Table, _Cell

    if container._element in seen:  # linked headers, merged cells
        return
    seen.add(container._element)
    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                try:
                    cells = row.cells  # merged cells once each, by the table's grid
                except (ValueError, RecursionError):  # merges and spans the grid cannot place
                    cells = tuple(_Cell(tc, block) for tc in row._tr.tc_lst)
                for cell in cells:
                    _block_lines(cell, lines, seen)
        else:
            lines.add(block.text)
            for box in _TEXT_BOX_PARAGRAPHS(block._element):
                lines.add("".join(_TEXTS(box)))
