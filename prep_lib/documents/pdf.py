"""PDF files: the text layer, page by page, with the work bounded before and while reading.

Before any text is read: the compressed streams are unpacked in chunks and counted (a few KB
can unpack to gigabytes), and the pages are counted from the page tree. Before each page, the
drawing instructions pypdf would parse for it (the page's and those of the form objects it
draws) are measured. While reading, pypdf's own limits are lowered (bytes per decoded stream,
form objects drawn per page, page-tree entries) and every drawing operation passes ``_Budget``,
which refuses the file once it holds far more operations or text per page than any real
document, or once reading takes too long.
"""

import io
import itertools
import logging
import re
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from prep_lib.documents import limits
from prep_lib.documents.source import detail
from prep_lib.errors import DocumentError

if TYPE_CHECKING:
    from pypdf import Configuration

_STREAM_START = re.compile(rb"stream\r?\n")
_DRAW_FORM = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+Do\b")  # "/Fm0 Do" draws the object named Fm0
_FORM_DEPTH = 8  # forms drawing forms: deeper ones are not measured
_CHUNK = 64 * 1024
_SHOW_TEXT = frozenset((b"Tj", b"TJ", b"'", b'"'))


def pdf_text(name: str, data: bytes) -> str:
    """The text of a PDF's pages; ``DocumentError`` when it cannot or should not be read."""
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import LimitReachedError

    damaged = (
        f"{name} is damaged or incomplete and cannot be read as a PDF. Download or export it "
        "again, or paste the text instead."
    )
    if b"%%EOF" not in data[-4096:]:  # every complete PDF ends with this marker
        raise DocumentError(damaged.replace("damaged or incomplete", "incomplete (cut off)"))
    _check_streams(name, data)
    with _quiet_pypdf(), apply_configuration(_pypdf_limits()):
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not _decrypt_without_password(reader):
                raise DocumentError(
                    f"{name} is protected by a password. Open it, and save or print it to a new "
                    "PDF without a password (or export the text), then load that file."
                )
            _check_page_count(name, reader)
            pages = _page_texts(name, reader)
        except DocumentError:
            raise
        except LimitReachedError:
            raise _too_slow(name) from None
        except Exception as exc:  # pypdf raises many kinds on damaged files
            raise DocumentError(f"{damaged} (Detail: {detail(exc)}.)") from None
    if not pages:
        raise DocumentError(f"{name} has no pages. Export it again from the original document.")
    if not any(page.strip() for page in pages):
        raise DocumentError(
            f"{name} has no text layer: it looks like a scanned image of a page. Export a PDF "
            "from the original document (Save as PDF in Word or Google Docs), or paste the text."
        )
    return "\n".join(pages)


def _check_streams(name: str, data: bytes) -> None:
    """Refuse a PDF whose zlib-compressed streams unpack to more than ``PDF_INFLATED_BYTES``."""
    view = memoryview(data)
    inflated = consumed = 0
    for match in _STREAM_START.finditer(data):
        start = match.end()
        head = data[start : start + 2]
        if len(head) < 2 or head[0] & 0x0F != 8 or (head[0] << 8 | head[1]) % 31:
            continue  # not a zlib stream (uncompressed, another filter, or "endstream")
        produced, used = _inflated_size(view[start:], limits.PDF_INFLATED_BYTES - inflated)
        inflated += produced
        consumed += used
        if inflated > limits.PDF_INFLATED_BYTES:
            raise DocumentError(
                f"{name} unpacks to more than {limits.PDF_INFLATED_BYTES // limits.MiB} MB of "
                "compressed content, far more than a document needs; it may be damaged or built "
                "to exhaust memory, and is not read. Print it to a new PDF, or paste the text."
            )
        if consumed > 2 * len(data):
            return  # streams that overlap are not a real file's; pypdf judges the rest


def _inflated_size(data: memoryview, budget: int) -> tuple[int, int]:
    """How many bytes the zlib stream at the start of ``data`` unpacks to (counting stops past
    ``budget``), and how many bytes of ``data`` it used, unpacked a chunk at a time."""
    inflater = zlib.decompressobj()
    produced = used = 0
    try:
        while used < len(data) and not inflater.eof and produced <= budget:
            chunk = data[used : used + _CHUNK]
            used += len(chunk)
            produced += len(inflater.decompress(chunk, _CHUNK))
            while inflater.unconsumed_tail and not inflater.eof and produced <= budget:
                produced += len(inflater.decompress(inflater.unconsumed_tail, _CHUNK))
    except zlib.error:
        pass  # a damaged stream: pypdf decides what to make of it
    return produced, used


def _pypdf_limits() -> "Configuration":
    """pypdf's configuration with its limits lowered to ours."""
    from pypdf import get_configuration

    stream = limits.PDF_STREAM_BYTES
    return get_configuration().with_overwrites(
        zlib_maximum_output_length=stream,
        lzw_maximum_output_length=stream,
        run_length_maximum_output_length=stream,
        array_based_stream_maximum_output_length=stream,
        zlib_maximum_recovery_input_length=min(stream, limits.MiB),
        xform_maximum_invocations_per_extraction=limits.PDF_FORMS_PER_PAGE,
        page_tree_maximum_entries=4 * limits.PDF_PAGES + 100,
    )


def _check_page_count(name: str, reader: Any) -> None:
    """Refuse a PDF of more than ``PDF_PAGES`` pages: first by the count its page tree declares
    (read at once), then by the pages it really has."""
    from pypdf.errors import LimitReachedError

    try:
        declared = int(reader.trailer["/Root"]["/Pages"]["/Count"])
    except Exception:  # no usable count: the pages themselves are counted below
        declared = 0
    count: int | None = declared
    if declared <= limits.PDF_PAGES:
        try:
            count = len(reader.pages)
        except LimitReachedError:  # a page tree far larger than the count it declares
            count = None
    if count is None or count > limits.PDF_PAGES:
        pages = f"more than {limits.PDF_PAGES} pages" if count is None else f"{count:,} pages"
        raise DocumentError(
            f"{name} has {pages}; up to {limits.PDF_PAGES} are read, and resumes and postings "
            "are far shorter. Save the pages you need as a new PDF (print with a page range to "
            "PDF), or paste the text."
        )


def _page_texts(name: str, reader: Any) -> list[str]:
    budget = _Budget(name)
    texts: list[str] = []
    chars = content = 0
    for page in reader.pages:
        page_content = _content_size(page)
        content += page_content
        if page_content > limits.PDF_PAGE_CONTENT_BYTES or content > limits.PDF_CONTENT_BYTES:
            raise _too_slow(name)
        budget.page_operations = budget.page_chars = 0
        text = page.extract_text(visitor_operand_before=budget.operation) or ""
        budget.check()  # pypdf swallows errors raised inside form objects
        chars += len(text) + 1
        if chars > limits.MAX_CHARS:
            raise limits.too_much_text(name)
        texts.append(text)
    return texts


def _content_size(page: Any) -> int:
    """Bytes of drawing instructions pypdf parses to read a page's text: the page's own, and
    for each form object it draws (up to ``PDF_FORMS_PER_PAGE`` times), the form's."""
    contents = page.get_contents()
    if contents is None:
        return 0
    return _drawn_size(contents.get_data(), page.get("/Resources"), {}, 0)


def _drawn_size(content: bytes, resources: Any, sizes: dict[int, int], depth: int) -> int:
    total = len(content)
    try:
        drawable = resources.get_object()["/XObject"].get_object()
    except (AttributeError, KeyError, TypeError):  # no form objects to draw
        return total
    for match in itertools.islice(_DRAW_FORM.finditer(content), limits.PDF_FORMS_PER_PAGE):
        form: Any = drawable.get("/" + match.group(1).decode("latin-1"))
        form = None if form is None else form.get_object()
        if not hasattr(form, "get_data") or form.get("/Subtype") != "/Form":
            continue  # an image, or a name that draws nothing
        if id(form) not in sizes:
            sizes[id(form)] = 0  # a form that draws itself is counted once
            if depth < _FORM_DEPTH:
                inner = form.get("/Resources", resources)
                sizes[id(form)] = _drawn_size(form.get_data(), inner, sizes, depth + 1)
        total += sizes[id(form)]
    return total


class _Budget:
    """Counts the drawing operations text extraction goes through and the text they show."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.operations = self.page_operations = self.page_chars = 0
        self.deadline = time.monotonic() + limits.PDF_SECONDS

    def operation(self, operator: bytes, operands: Any, *_matrices: Any) -> None:
        """pypdf's ``visitor_operand_before``: called before each operation, forms included."""
        self.operations += 1
        self.page_operations += 1
        if operator in _SHOW_TEXT:
            self.page_chars += _shown_length(operands)
        self.check()

    def check(self) -> None:
        if (
            self.operations > limits.PDF_OPERATIONS
            or self.page_operations > limits.PDF_PAGE_OPERATIONS
            or self.page_chars > limits.PDF_PAGE_CHARS
            or time.monotonic() > self.deadline
        ):
            raise _too_slow(self.name)


def _shown_length(operands: Any) -> int:
    """Characters of the strings a text operation shows (a TJ array holds them in a list)."""
    total = 0
    for operand in operands if isinstance(operands, list) else ():
        for item in operand if isinstance(operand, list) else (operand,):
            if isinstance(item, str | bytes):
                total += len(item)
    return total


def _too_slow(name: str) -> DocumentError:
    return DocumentError(
        f"{name} is built in a way that makes its text far too slow to read (much more drawing "
        "or text per page than real documents have, or streams too large); it may be damaged or "
        "built to be slow, and is not read. Print it to a new PDF (Save as PDF), or paste the "
        "text."
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


def _decrypt_without_password(reader: Any) -> bool:
    """Many PDFs are 'encrypted' with an empty password only to restrict printing or editing."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # unsupported cipher or a missing optional crypto library
        return False
