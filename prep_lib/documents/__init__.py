"""Read resumes and postings into plain text that keeps its lines.

``load_text(source)`` accepts a path or a ``(filename, bytes)`` pair (what a FileUpload widget
holds) and reads .txt, .md, .pdf, .docx, .html and .htm files of up to ``MAX_BYTES`` (20 MB).
Lines are kept, because the matcher quotes resume lines as evidence; spaces inside a line are
collapsed and runs of blank lines shortened to one. Text files may be UTF-8 (with or without a
byte-order mark), UTF-16 or UTF-32 with a byte-order mark, or a legacy encoding (Windows-1252
first, others detected); an HTML page's declared charset is honoured. Mis-decoded text such as
``itâ€™s`` is repaired with ftfy, and invisible characters (zero-width spaces, soft hyphens,
bidirectional overrides) are removed.

Reading is bounded for every input (``prep_lib.documents.limits``): what a .docx unpacks to,
a PDF's pages and drawing work, the characters of text, and HTML read in time linear in its size.
Anything that cannot be read raises ``DocumentError`` with a message that names the file, the
problem and the fix. ``check_archive`` is the zip-package guard, also for other Office files.
"""

from pathlib import Path
from typing import Any

import ftfy

from prep_lib.documents import limits
from prep_lib.documents.archive import ArchiveLimits, check_archive
from prep_lib.documents.encoding import decode
from prep_lib.documents.limits import MAX_BYTES, MAX_CHARS
from prep_lib.documents.pdf import pdf_text
from prep_lib.documents.source import HTML_TYPES, SUPPORTED_TYPES, TEXT_TYPES, read_source
from prep_lib.documents.webpage import html_text
from prep_lib.documents.word import docx_text
from prep_lib.errors import DocumentError

__all__ = [
    "HTML_TYPES",
    "MAX_BYTES",
    "MAX_CHARS",
    "SUPPORTED_TYPES",
    "TEXT_TYPES",
    "ArchiveLimits",
    "check_archive",
    "load_text",
    "normalise_text",
]

# Zero-width characters, the soft hyphen, and the bidirectional embeddings, overrides and isolates
# (U+202A-U+202E, U+2066-U+2069), which can make text display in another order than it reads.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u202a\u202b\u202c\u202d\u202e"
             "\u2066\u2067\u2068\u2069")
)  # fmt: skip


def load_text(source: Any) -> str:
    """Return the text of a document, one line per line of the original.

    ``source`` is a path (str or Path), a ``(filename, bytes)`` pair, or one entry of an
    ipywidgets ``FileUpload.value`` (a mapping with ``name`` and ``content``).
    """
    name, data = read_source(source)
    kind = _kind_of(name, data)
    if kind == "pdf":
        text = pdf_text(name, data)
    elif kind == "docx":
        text = docx_text(name, data)
    elif kind == "html":
        text = html_text(name, data)
    else:
        text = decode(name, data)
    if len(text) > limits.MAX_CHARS:
        raise limits.too_much_text(name)
    text = normalise_text(text)
    if not text:
        raise DocumentError(
            f"{name} contains no readable text. Check that you picked the right file, or paste "
            "the text instead."
        )
    return text


def normalise_text(text: str) -> str:
    """Repair mis-decoded characters, drop invisible ones, collapse spaces in each line, keep at
    most one blank line."""
    text = ftfy.fix_text(text, uncurl_quotes=False).translate(_INVISIBLE)
    lines: list[str] = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip()


def _kind_of(name: str, data: bytes) -> str:
    """The reader to use, from the content where it is unambiguous, else from the extension."""
    suffix = Path(name).suffix.lower()
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DocumentError(
            f"{name} is an old-style Word (.doc) or other Office file, or an Office file "
            f"protected by a password, not a {suffix} file. Open it in Word and save it as "
            ".docx (without a password) or PDF."
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
