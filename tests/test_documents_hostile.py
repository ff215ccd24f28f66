"""load_text on hostile and damaged input (issue 16): every case is read or refused quickly, in
bounded memory, with a DocumentError that says what to do.

Bombs are built small, with the limit under test lowered, or at full scale where that stays fast
(a docx unpacking to 5 GB is 5 MB and is refused after unpacking 16 MB).
"""

import os
import sys
import threading

import pytest
from hostile_files import (
    Repeated,
    deep_blocks_page,
    docx_parts,
    docx_with_body,
    nested_html,
    paragraphs,
    pdf_document,
    text_operations,
    write_zip,
)

from prep_lib.documents import ArchiveLimits, check_archive, limits, load_text
from prep_lib.errors import DocumentError, SalaryDataError

A_LINE = "Reconciled the monthly accounts in SQL and Excel"


def error_of(source) -> str:
    with pytest.raises(DocumentError) as caught:
        load_text(source)
    error = caught.value
    assert error.__cause__ is None and (error.__context__ is None or error.__suppress_context__)
    return str(error)


def letters(size: int) -> Repeated:
    """A paragraph whose text is ``size`` letters: what a docx bomb's document.xml holds."""
    return Repeated(b"<w:p><w:r><w:t>", b"A", size, b"</w:t></w:r></w:p>")


# --- .docx: what a package unpacks to -------------------------------------------------------------


def test_docx_bomb_is_refused_after_unpacking_16_mb_of_it():
    bomb = docx_with_body(letters(5 * 1024**3))  # 5 MB on disk, 5 GB unpacked
    assert len(bomb) < 6 * 1024 * 1024
    message = error_of(("cv.docx", bomb))
    assert "unpacks to more than 16 MB in one part" in message
    assert "built to exhaust memory" in message and "save it again" in message


def test_docx_total_unpacked_size_is_limited(monkeypatch):
    monkeypatch.setattr(limits, "DOCX_TOTAL_BYTES", 3 * limits.MiB)
    images = {f"word/media/image{i}.png": Repeated(b"", b"\x89", limits.MiB) for i in range(5)}
    message = error_of(("cv.docx", docx_with_body(paragraphs(A_LINE), **images)))
    assert "unpacks to more than 3 MB in all" in message


def test_docx_with_too_many_parts(monkeypatch):
    monkeypatch.setattr(limits, "DOCX_MEMBERS", 30)
    parts = {f"customXml/item{i}.xml": b"<a/>" for i in range(40)}
    message = error_of(("cv.docx", docx_with_body(paragraphs(A_LINE), **parts)))
    assert "more than 30 files" in message


def test_docx_markup_is_limited_before_it_is_parsed(monkeypatch):
    monkeypatch.setattr(limits, "DOCX_XML_TAGS", 5_000)
    body = Repeated(b"", b"<w:p/>", 10_000)
    assert "more markup than any document has" in error_of(("cv.docx", docx_with_body(body)))


def test_docx_with_many_paragraphs(monkeypatch):
    monkeypatch.setattr(limits, "DOCX_PARAGRAPHS", 100)
    message = error_of(("cv.docx", docx_with_body(paragraphs(*[A_LINE] * 150))))
    assert "has 150 paragraphs, more than the 100 read" in message


def test_docx_billion_laughs_is_refused():
    entities = "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )  # fmt: skip
    document = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol0 "lol">{entities}]>'
        f'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    parts = {**docx_parts(), "word/document.xml": document}
    assert "document type declaration" in error_of(("cv.docx", write_zip(parts)))


def test_docx_nested_far_too_deep():
    cell = (b"<w:tbl><w:tr><w:tc>", b"</w:tc></w:tr></w:tbl>")
    body = cell[0] * 3_000 + paragraphs(A_LINE) + cell[1] * 3_000
    message = error_of(("cv.docx", docx_with_body(body)))
    assert "damaged or incomplete" in message and "Word" in message


def test_docx_text_beyond_the_character_limit(monkeypatch):
    monkeypatch.setattr(limits, "MAX_CHARS", 1_000)
    message = error_of(("cv.docx", docx_with_body(paragraphs(*[A_LINE] * 40))))
    assert "more than 1,000 characters of text" in message


def test_docx_table_with_merges_the_grid_cannot_place_is_read():
    """Merges that python-docx cannot lay out (a vertical merge continued from no row above, a
    span past the grid) come from other word processors; Word opens them, so they are read."""
    cell = "<w:tc><w:tcPr>{}</w:tcPr><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
    table = (
        "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr>"
        + cell.format("<w:vMerge/>", "Budgeting")
        + cell.format('<w:gridSpan w:val="4"/>', "Payroll")
        + "</w:tr></w:tbl>"
    )
    body = paragraphs("Skills") + table.encode() + paragraphs("After the table")
    text = load_text(("cv.docx", docx_with_body(body)))
    assert text.splitlines() == ["Skills", "Budgeting", "Payroll", "After the table"]


def central_entries(package: bytes):
    """(offset, name) of each entry of a zip's table of contents."""
    position = package.find(b"PK\x01\x02")
    while position >= 0:
        length = int.from_bytes(package[position + 28 : position + 30], "little")
        yield position, package[position + 46 : position + 46 + length].decode()
        position = package.find(b"PK\x01\x02", position + 46 + length)


def test_zip_sizes_in_the_header_are_not_trusted():
    """A member whose table of contents declares fewer bytes than it holds is read only as far
    as declared, then fails its checksum: refused as damaged, never unpacked further."""
    package = bytearray(docx_with_body(paragraphs(A_LINE * 50)))
    entry = dict((name, at) for at, name in central_entries(bytes(package)))["word/document.xml"]
    package[entry + 24 : entry + 28] = (100).to_bytes(4, "little")  # the unpacked size
    assert "damaged or incomplete" in error_of(("cv.docx", bytes(package)))


def test_password_protected_zip_member():
    package = bytearray(docx_with_body(paragraphs(A_LINE)))
    for at, _name in list(central_entries(bytes(package))):
        package[at + 8] |= 1  # the "encrypted" flag
    assert "protected by a password" in error_of(("cv.docx", bytes(package)))


def test_check_archive_guards_a_spreadsheet_with_the_callers_error_and_limits():
    sheet = Repeated(b"<worksheet><sheetData>", b'<row><c t="n"><v>1</v></c></row>', 2_000_000)
    bomb = write_zip({"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": sheet})
    wide = ArchiveLimits(member_bytes=32 * limits.MiB, total_bytes=64 * limits.MiB, xml_tags=10**9)
    with pytest.raises(SalaryDataError, match=r"wages\.xlsx .* unpacks to more than 32 MB in one"):
        check_archive("wages.xlsx", bomb, wide, error=SalaryDataError)
    small = write_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    check_archive("wages.xlsx", small, error=SalaryDataError)  # passes: returns None


def test_check_archive_refuses_what_is_not_a_zip():
    with pytest.raises(DocumentError, match="damaged or incomplete: it cannot be unpacked"):
        check_archive("table.xlsx", b"PK\x03\x04 not really a zip")


# --- HTML: linear time whatever the nesting -------------------------------------------------------


@pytest.mark.parametrize("depth", [20_000, 40_000, 100_000])
def test_deeply_nested_html(depth):
    assert load_text(("deep.html", nested_html(depth).encode())) == "SQL"


def test_html_never_closed():
    assert load_text(("deep.html", ("<div><span>" * 100_000 + "SQL").encode())) == "SQL"


def test_page_of_deep_blocks():
    page = deep_blocks_page(2_000_000)
    lines = load_text(("page.html", page)).splitlines()
    assert set(lines) == {"Managed the SQL reporting for a team of twelve"} and len(lines) > 100


@pytest.mark.parametrize(
    "markup",
    ["</" * 300_000, "<a " * 200_000, "<!" * 300_000, "<?" * 300_000, "<!--" + "-" * 600_000],
    ids=["end-tags", "open-tags", "declarations", "instructions", "unclosed-comment"],
)
def test_malformed_markup_that_is_slow_for_html_parser(markup):
    """Python's html.parser is quadratic on these (minutes at this size); libxml2 is not."""
    try:
        load_text(("odd.html", markup.encode()))
    except DocumentError as error:
        assert "no readable text" in str(error)


def test_html_text_beyond_the_character_limit(monkeypatch):
    monkeypatch.setattr(limits, "MAX_CHARS", 1_000)
    page = ("<p>" + A_LINE + "</p>") * 40
    assert "more than 1,000 characters of text" in error_of(("ad.html", page.encode()))


# --- PDF: pages, drawing work, compressed streams -------------------------------------------------


def test_pdf_of_60000_pages_is_refused_from_its_page_tree():
    many = pdf_document(60_000, text_operations([A_LINE]))
    message = error_of(("book.pdf", many))
    assert "has 60,000 pages; up to 200 are read" in message and "page range" in message


def test_pdf_whose_page_tree_understates_its_pages(monkeypatch):
    monkeypatch.setattr(limits, "PDF_PAGES", 5)
    lying = pdf_document(40, text_operations([A_LINE]), declared_pages=1)
    assert "has 40 pages; up to 5 are read" in error_of(("cv.pdf", lying))
    huge = pdf_document(3_000, text_operations([A_LINE]), declared_pages=1)
    assert "has more than 5 pages" in error_of(("cv.pdf", huge))


def test_pdf_compression_bomb(monkeypatch):
    monkeypatch.setattr(limits, "PDF_INFLATED_BYTES", limits.MiB)
    bomb = pdf_document(1, text_operations([A_LINE]) + b" " * (3 * limits.MiB), compress=True)
    assert "unpacks to more than 1 MB" in error_of(("cv.pdf", bomb))


def test_pdf_page_of_endless_lines_is_refused():
    """pypdf's text extraction is quadratic in the lines of a page: 200,000 lines (5 KB
    compressed) took minutes."""
    endless = pdf_document(1, text_operations([A_LINE] * 200_000), compress=True)
    message = error_of(("cv.pdf", endless))
    assert "far too slow to read" in message and "paste the text" in message


def test_pdf_form_drawn_thousands_of_times():
    form = text_operations([A_LINE] * 100)
    bomb = pdf_document(1, b"/Fm0 Do\n" * 5_000, form=form)
    assert "far too slow to read" in error_of(("cv.pdf", bomb))


def test_pdf_operations_are_limited_in_the_whole_file(monkeypatch):
    monkeypatch.setattr(limits, "PDF_OPERATIONS", 1_000)
    document = pdf_document(20, text_operations([A_LINE] * 30))
    assert "far too slow to read" in error_of(("cv.pdf", document))


def test_pdf_reading_has_a_time_limit(monkeypatch):
    monkeypatch.setattr(limits, "PDF_SECONDS", -1.0)
    assert "far too slow to read" in error_of(
        ("cv.pdf", pdf_document(1, text_operations([A_LINE])))
    )


def test_pdf_text_beyond_the_character_limit(monkeypatch):
    monkeypatch.setattr(limits, "MAX_CHARS", 1_000)
    document = pdf_document(10, text_operations([A_LINE] * 5))
    assert "more than 1,000 characters of text" in error_of(("cv.pdf", document))


def test_a_long_but_ordinary_pdf_is_read():
    document = pdf_document(150, text_operations([A_LINE] * 40), compress=True)
    assert load_text(("report.pdf", document)).count(A_LINE) == 150 * 40


# --- text ---------------------------------------------------------------------------------------


def test_text_beyond_the_character_limit(monkeypatch):
    monkeypatch.setattr(limits, "MAX_CHARS", 1_000)
    message = error_of(("notes.txt", (A_LINE + "\n").encode() * 40))
    assert "notes.txt holds more than 1,000 characters of text" in message


@pytest.mark.parametrize("source", ["html", "txt", "docx"])
def test_bidirectional_controls_are_removed(source):
    spoof = "Invoice\u202eslx.exe\u202c and \u2066SQL\u2069"
    data = {
        "html": f"<p>{spoof}</p>".encode(),
        "txt": spoof.encode(),
        "docx": docx_with_body(paragraphs(spoof)),
    }[source]
    assert load_text((f"cv.{source}", data)) == "Invoiceslx.exe and SQL"


def test_upload_name_is_shown_without_control_characters():
    message = error_of(("cv\u202egpj.exe", b"data"))
    assert message.startswith("cvgpj.exe has type .exe") and "\u202e" not in message


# --- paths that are not regular files ------------------------------------------------------------

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file types")


def finishes(action, seconds: float = 20.0):
    """Run ``action`` in a thread; return its result, failing if it is still running after
    ``seconds`` (a read that waits forever must fail the test, not hang the suite)."""
    outcome: list = []
    worker = threading.Thread(target=lambda: outcome.append(_outcome(action)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert outcome, f"still running after {seconds} s: it waits for input"
    return outcome[0]


def _outcome(action):
    try:
        return action()
    except DocumentError as error:
        return error


@posix_only
def test_fifo_is_never_opened(tmp_path):
    fifo = tmp_path / "resume.txt"
    os.mkfifo(fifo)
    error = finishes(lambda: load_text(fifo))
    assert isinstance(error, DocumentError)
    assert "is a named pipe (FIFO)" in str(error) and "Save the document as a file" in str(error)


@posix_only
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_devices_are_not_read(device):
    if not os.path.exists(device):
        pytest.skip(f"{device} does not exist here")
    error = finishes(lambda: load_text(device))
    assert isinstance(error, DocumentError) and "is a device, not a document" in str(error)


@posix_only
def test_symlink_loop_and_broken_link(tmp_path):
    loop = tmp_path / "cv.pdf"
    loop.symlink_to(loop)
    assert "link loop" in error_of(loop)
    broken = tmp_path / "old.pdf"
    broken.symlink_to(tmp_path / "moved-away.pdf")
    assert "is a link to" in error_of(broken) and "which does not exist" in error_of(broken)


@posix_only
def test_link_to_a_real_file_is_read(tmp_path):
    (tmp_path / "real.txt").write_text(A_LINE, "utf-8")
    (tmp_path / "cv.txt").symlink_to(tmp_path / "real.txt")
    assert load_text(tmp_path / "cv.txt") == A_LINE


@posix_only
def test_unreadable_file(tmp_path):
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = tmp_path / "cv.txt"
    path.write_text(A_LINE, "utf-8")
    path.chmod(0)
    assert "you do not have permission to read it" in error_of(path)


def test_odd_paths(tmp_path):
    assert "is not a valid path" in error_of(str(tmp_path / "cv\x00.txt"))
    (tmp_path / "a-file.txt").write_text(A_LINE, "utf-8")
    assert "does not exist" in error_of(tmp_path / "a-file.txt" / "below-a-file.txt")
    assert "home folder in this path cannot be found" in error_of("~no-such-user-x9/cv.txt")
    assert "too long" in error_of(tmp_path / ("x" * 5000 + ".txt"))

    class BytesPath:
        def __fspath__(self):
            return b"/tmp/cv.txt"

    assert "not as bytes" in error_of(BytesPath())
