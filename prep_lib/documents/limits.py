"""How much reading one document may take: every limit in one place.

A resume or posting is a few pages; these limits are far above that, and low enough that any file
under ``MAX_BYTES`` is read or refused in seconds and in well under 500 MB of memory, whatever it
unpacks to. The readers look the values up when they run, so a test can lower one with
``monkeypatch.setattr(limits, "PDF_PAGES", 3)``.
"""

from prep_lib.errors import DocumentError

MiB = 1024 * 1024

MAX_BYTES = 20 * MiB  # a file as stored on disk or uploaded
MAX_CHARS = 1_000_000  # text read from one document (several hundred pages)

# .docx packages (zip archives): what they may unpack to, counted while unpacking
DOCX_MEMBERS = 1_000  # files inside the package (a resume has about 20)
DOCX_MEMBER_BYTES = 16 * MiB  # one file inside, unpacked
DOCX_TOTAL_BYTES = 64 * MiB  # all files inside, unpacked
DOCX_XML_TAGS = 1_000_000  # "<" in the XML parts: bounds the memory of the parsed tree
DOCX_PARAGRAPHS = 20_000  # paragraphs (table cells hold paragraphs too)

# PDF
PDF_PAGES = 200  # pages, counted from the PDF's page tree before any text is read
PDF_INFLATED_BYTES = 128 * MiB  # all compressed (Flate) streams, unpacked: checked before reading
PDF_STREAM_BYTES = 16 * MiB  # one stream, decoded (pypdf's own limit, lowered)
PDF_FORMS_PER_PAGE = 100  # form objects drawn per page (pypdf's own limit, lowered)
PDF_PAGE_CONTENT_BYTES = 2 * MiB  # drawing instructions of one page, its forms included
PDF_CONTENT_BYTES = 16 * MiB  # drawing instructions of all pages (a dense page: 10 to 50 KB)
PDF_OPERATIONS = 1_000_000  # drawing operations read in the whole file (a dense page: 10,000)
PDF_PAGE_OPERATIONS = 100_000  # drawing operations read on one page, its form objects included
PDF_PAGE_CHARS = 100_000  # characters shown on one page (a dense page: 10,000)
PDF_SECONDS = 20.0  # a last guard for files whose structure makes text extraction slow


def too_much_text(name: str) -> DocumentError:
    """The error for a document with more than ``MAX_CHARS`` characters of text."""
    return DocumentError(
        f"{name} holds more than {MAX_CHARS:,} characters of text, far more than a resume or "
        "posting, and is not read. Copy the part you need into a new file, or paste it."
    )
