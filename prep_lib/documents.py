"""Read resumes and postings into plain text that keeps its lines.

``load_text(source)`` accepts a path or a ``(filename, bytes)`` pair (what a FileUpload widget
holds) and reads .txt, .md, .pdf, .docx, .html and .htm files of up to ``MAX_BYTES`` (20 MB).
Lines are kept, because the matcher quotes resume lines as evidence; spaces inside a line are
collapsed and runs of blank lines shortened to one. Text files may be UTF-8 (with or without a
byte-order mark), UTF-16 with a byte-order mark, or Windows-1252/Latin-1; mis-decoded text such as
``itâ€™s`` is repaired with ftfy. Anything that cannot be read raises ``DocumentError`` with a
message that names the file, the problem and the fix.
"""

import codecs
import io
import logging
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import ftfy

from prep_lib.errors import DocumentError

MAX_BYTES = 20 * 1024 * 1024
TEXT_TYPES = (".txt", ".md")
HTML_TYPES = (".html", ".htm")
SUPPORTED_TYPES = (*TEXT_TYPES, ".pdf", ".docx", *HTML_TYPES)

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
# Paragraphs inside text boxes, which python-docx does not reach; Word stores each box twice (a
# modern copy and a fallback for old readers), so the fallback copy is skipped.
_TEXT_BOX_PARAGRAPHS = (
    ".//*[local-name()='txbxContent'][not(ancestor::*[local-name()='Fallback'])]//w:p"
)
_HTML_DROP = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")
_HTML_BLOCKS = (
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "table", "tr", "ul",
)  # fmt: skip


def load_text(source: Any) -> str:
    """Return the text of a document, one line per line of the original.

    ``source`` is a path (str or Path), a ``(filename, bytes)`` pair, or one entry of an
    ipywidgets ``FileUpload.value`` (a mapping with ``name`` and ``content``).
    """
    name, data = _read_source(source)
    kind = _kind_of(name, data)
    if kind == "pdf":
        text = _pdf_text(name, data)
    elif kind == "docx":
        text = _docx_text(name, data)
    elif kind == "html":
        text = _html_text(_decode(name, data))
    else:
        text = _decode(name, data)
    text = normalise_text(text)
    if not text:
        raise DocumentError(
            f"{name} contains no readable text. Check that you picked the right file, or paste "
            "the text instead."
        )
    return text


def normalise_text(text: str) -> str:
    """Repair mis-decoded characters, collapse spaces in each line, keep at most one blank line."""
    text = ftfy.fix_text(text, uncurl_quotes=False).translate(_ZERO_WIDTH)
    lines: list[str] = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip()


def _read_source(source: Any) -> tuple[str, bytes]:
    if isinstance(source, Mapping) and "content" in source:
        source = (source.get("name") or "upload", source["content"])
    if isinstance(source, tuple) and len(source) == 2:
        name, data = source
        if not isinstance(name, str) or not isinstance(data, bytes | bytearray | memoryview):
            raise DocumentError(
                "An upload must be a (filename, bytes) pair, such as one entry of a FileUpload "
                f"widget's value; got ({type(name).__name__}, {type(data).__name__})."
            )
        data = bytes(data)
        _check_name_and_size(name, len(data))
        return name, data
    if isinstance(source, str | os.PathLike):
        path = Path(source).expanduser()
        if not path.is_file():
            what = "is a folder, not a file" if path.is_dir() else "does not exist"
            raise DocumentError(f"{path} {what}. Check the path and try again.")
        _check_name_and_size(path.name, path.stat().st_size)
        try:
            return path.name, path.read_bytes()
        except OSError as exc:
            raise DocumentError(
                f"{path} cannot be opened ({exc.strerror}). Check that you may read it and that "
                "no other program holds it open."
            ) from None
    raise DocumentError(
        "load_text expects a file path or a (filename, bytes) pair, "
        f"not {type(source).__name__}. Pass the path of your resume or posting as text."
    )


def _check_name_and_size(name: str, size: int) -> None:
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_TYPES:
        hint = {
            ".doc": " Open it in Word and save it as .docx or PDF.",
            ".rtf": " Open it in a word processor and save it as .docx or PDF.",
            ".odt": " Save it from your word processor as .docx or PDF.",
            ".pages": " Export it from Pages as .docx or PDF.",
        }.get(suffix, " Save or export it in one of these formats, or paste the text instead.")
        shown = f"type {suffix}" if suffix else "no file extension"
        raise DocumentError(
            f"{name} has {shown}, which cannot be read. Supported types: "
            f"{', '.join(SUPPORTED_TYPES)}.{hint}"
        )
    if size == 0:
        raise DocumentError(f"{name} is empty (0 bytes). Check that you picked the right file.")
    if size > MAX_BYTES:
        raise DocumentError(
            f"{name} is {size / 1024 / 1024:.1f} MB, over the {MAX_BYTES // 1024 // 1024} MB limit "
            "for documents. Resumes and postings are far smaller: export the text only, or "
            "remove images and save again."
        )


def _kind_of(name: str, data: bytes) -> str:
    """The reader to use, from the content where it is unambiguous, else from the extension."""
    suffix = Path(name).suffix.lower()
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DocumentError(
            f"{name} is an old-style Word (.doc) or other Office file, not a {suffix} file. "
            "Open it in Word and save it as .docx or PDF."
        )
    if b"%PDF-" in data[:1024]:
        return "pdf"  # a misnamed PDF is read all the same
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if suffix == ".pdf":
        raise DocumentError(
            f"{name} is not a PDF: its content does not start like one. It may be misnamed or "
            "damaged; open it and save or export it again as PDF."
        )
    if suffix == ".docx":
        raise DocumentError(
            f"{name} is not a Word .docx file: it is not the zip package Word writes. It may be "
            "misnamed or damaged; open it in Word and save it again as .docx."
        )
    return "html" if suffix in HTML_TYPES else "text"


def _decode(name: str, data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise DocumentError(
                f"{name} starts like UTF-16 text but is damaged. Save it again as UTF-8 text."
            ) from None
    if b"\x00" in data[:65536]:
        raise _binary_error(name)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = data.decode("latin-1")
    controls = sum(
        1 for ch in text[:65536] if ch not in "\t\n\r\f" and unicodedata.category(ch) == "Cc"
    )
    if controls > max(3, len(text[:65536]) // 100):
        raise _binary_error(name)
    return text


def _binary_error(name: str) -> DocumentError:
    return DocumentError(
        f"{name} does not contain text: it looks like a binary file (an image, archive or "
        "program) saved with a text extension. Open the original document and save or export "
        "it as .txt, .docx or PDF."
    )


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs warnings about small defects it repairs; they mean nothing to a user."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _pdf_text(name: str, data: bytes) -> str:
    from pypdf import PdfReader

    damaged = (
        f"{name} is damaged or incomplete and cannot be read as a PDF. Download or export it "
        "again, or paste the text instead."
    )
    if b"%%EOF" not in data[-4096:]:  # every complete PDF ends with this marker
        raise DocumentError(damaged.replace("damaged or incomplete", "incomplete (cut off)"))
    with _quiet_pypdf():
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not _decrypt_without_password(reader):
                raise DocumentError(
                    f"{name} is protected by a password. Open it, and save or print it to a new "
                    "PDF without a password (or export the text), then load that file."
                )
            pages = [page.extract_text() or "" for page in reader.pages]
        except DocumentError:
            raise
        except Exception as exc:  # pypdf raises many kinds on damaged files
            raise DocumentError(f"{damaged} (Detail: {_short(exc)}.)") from None
    if not pages:
        raise DocumentError(f"{name} has no pages. Export it again from the original document.")
    if not any(page.strip() for page in pages):
        raise DocumentError(
            f"{name} has no text layer: it looks like a scanned image of a page. Export a PDF "
            "from the original document (Save as PDF in Word or Google Docs), or paste the text."
        )
    return "\n".join(pages)


def _decrypt_without_password(reader: Any) -> bool:
    """Many PDFs are 'encrypted' with an empty password only to restrict printing or editing."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # unsupported cipher or a missing optional crypto library
        return False


def _docx_text(name: str, data: bytes) -> str:
    import docx

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            if "word/document.xml" not in package.namelist():
                raise DocumentError(
                    f"{name} is a zip archive but not a Word document (it may be a spreadsheet, "
                    "a presentation or an OpenDocument file). Save it from Word as .docx or PDF."
                )
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
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
            f"Word and save it again, or export it as PDF. (Detail: {_short(exc)}.)"
        ) from None
    return "\n".join(lines)


def _short(exc: Exception) -> str:
    """A parser's complaint cut to a readable length, without the raw bytes some of them quote."""
    text = str(exc).split(" starting with ")[0].splitlines()[0] if str(exc) else ""
    text = "".join(ch for ch in text if ch.isprintable())
    return (text[:100] + "…" if len(text) > 100 else text) or type(exc).__name__


def _block_lines(container: Any, lines: list[str], seen: set[Any]) -> None:
    """Append the lines of paragraphs, tables (cell by cell) and text boxes, in document order."""
    from docx.table import Table

    if container._element in seen:  # linked headers, merged cells
        return
    seen.add(container._element)
    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    _block_lines(cell, lines, seen)
        else:
            lines.append(block.text)
            for box in block._element.xpath(_TEXT_BOX_PARAGRAPHS):
                lines.append("".join(box.xpath(".//w:t/text()")))


def _html_text(markup: str) -> str:
    from bs4 import BeautifulSoup, Comment

    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup.find_all(_HTML_DROP):
        tag.decompose()
    for tag in soup.find_all(hidden=True):
        tag.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_HTML_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    for tag in soup.find_all(("td", "th")):
        tag.insert_after(" ")
    return re.sub(r"\n\s*\n", "\n", soup.get_text())
