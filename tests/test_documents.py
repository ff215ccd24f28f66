"""load_text: every supported format, and every kind of bad input a user can hand it."""

import io

import docx
import pytest
from pypdf import PdfWriter

from prep_lib.documents import MAX_BYTES, load_text, normalise_text
from prep_lib.errors import DocumentError, PrepError
from prep_lib.paths import sample_path


@pytest.fixture(scope="module")
def resume_pdf() -> bytes:
    return sample_path("resume.pdf").read_bytes()


def make_docx(build) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def error_of(source) -> str:
    with pytest.raises(DocumentError) as caught:
        load_text(source)
    assert isinstance(caught.value, PrepError)
    error = caught.value
    # the user sees one message, never a parser's traceback chained underneath it
    assert error.__cause__ is None and (error.__context__ is None or error.__suppress_context__)
    return str(caught.value)


# --- formats ------------------------------------------------------------------------------------


def test_plain_text_keeps_lines_and_collapses_spaces(tmp_path):
    path = tmp_path / "posting.txt"
    path.write_text("Job   title\r\n\r\n\r\n\tSkills:  SQL,\u00a0Excel  \nlast line\n", "utf-8")
    assert load_text(path) == "Job title\n\nSkills: SQL, Excel\nlast line"


def test_markdown_read_from_str_path(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# Heading\n- bullet one\n", "utf-8")
    assert load_text(str(path)) == "# Heading\n- bullet one"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Café – naïve".encode("utf-8-sig"), "Café – naïve"),
        ("Café – naïve".encode("cp1252"), "Café – naïve"),
        ("Straße ÿ".encode("latin-1"), "Straße ÿ"),
        ("Œuvre\r\nline".encode("utf-16"), "Œuvre\nline"),
        # UTF-8 text that was once decoded as Windows-1252 and saved again
        ("It’s a café – “new’".encode().decode("cp1252").encode(), "It’s a café – “new’"),
    ],
    ids=["utf8-bom", "cp1252", "latin1", "utf16-bom", "mojibake"],
)
def test_text_encodings(raw, expected):
    assert load_text(("letter.txt", raw)) == expected


RESUME_LINES = {
    "ru": "Главный бухгалтер. Опыт работы пять лет: отчётность, налоги, 1С и Excel.",
    "zh": "会计主管，五年工作经验，熟悉财务报表、税务申报和 Excel。",
    "ja": "経理担当として五年の経験があり、財務報告と予算管理を担当しました。",
    "ko": "회계 담당자로 5년 경력이 있으며 재무 보고서와 예산 관리를 담당했습니다.",
    "el": "Λογιστής με πέντε χρόνια εμπειρία σε οικονομικές καταστάσεις και Excel.",
}


@pytest.mark.parametrize(
    ("language", "encoding"),
    [("ru", "koi8-r"), ("ru", "cp1251"), ("zh", "gbk"), ("ja", "shift_jis"), ("ko", "euc-kr"),
     ("el", "cp1253")],
)  # fmt: skip
def test_text_in_legacy_encodings_is_detected(language, encoding):
    line = RESUME_LINES[language]
    # (normalise_text makes full-width punctuation such as "，" plain, as for every text)
    assert load_text(("cv.txt", line.encode(encoding))) == normalise_text(line)


def test_utf32_with_byte_order_mark():
    assert load_text(("cv.txt", "Œuvre – 会计".encode("utf-32"))) == "Œuvre – 会计"


@pytest.mark.parametrize(
    ("declaration", "encoding"),
    [
        ('<meta charset="gbk">', "gbk"),
        ("<meta charset=GB2312>", "gb18030"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">', "koi8-r"),
        ("<?xml version='1.0' encoding='windows-1251'?>", "cp1251"),
        ('<meta charset="shift_jis">', "cp932"),
    ],
)
def test_html_declared_charset_is_honoured(declaration, encoding):
    line = {"gbk": "zh", "gb18030": "zh", "koi8-r": "ru", "cp1251": "ru", "cp932": "ja"}[encoding]
    page = f"{declaration}<html><body><p>{RESUME_LINES[line]}</p></body></html>"
    assert load_text(("ad.html", page.encode(encoding))) == normalise_text(RESUME_LINES[line])


@pytest.mark.parametrize("label", ["utf-8", "punycode", "no-such-charset"])
def test_html_wrong_or_unusable_declaration_falls_back(label):
    page = f'<meta charset="{label}"><p>Café – naïve</p>'.encode("cp1252")
    assert load_text(("ad.html", page)) == "Café – naïve"


def test_html_drops_text_styled_invisible():
    page = b"""<p>Store manager</p>
    <p style="display: none">SQL Python Kubernetes</p>
    <div style="color: red; VISIBILITY:hidden !important;">Excel</div>
    <span style="font-weight:bold;display:none">hidden keywords</span>
    <p style="display: block; visibility: visible">Rotas and stock</p>
    <p style="visibility:collapse">collapsed</p>"""
    assert load_text(("ad.html", page)).splitlines() == ["Store manager", "Rotas and stock"]


def test_upload_pair_accepts_memoryview_and_upload_entry():
    data = memoryview(b"Registered nurse\nBand 6")
    assert load_text(("cv.txt", data)) == "Registered nurse\nBand 6"
    upload_entry = {"name": "cv.TXT", "type": "text/plain", "size": 23, "content": data}
    assert load_text(upload_entry) == "Registered nurse\nBand 6"


def test_pdf_text_layer_is_read(resume_pdf):
    text = load_text(("resume.pdf", resume_pdf))
    assert text.splitlines()[0] == "Dana Whitlock"
    assert "• Certified Revenue Cycle Representative (CRCR), 2022" in text.splitlines()


def test_misnamed_pdf_is_read_by_its_content(resume_pdf):
    assert load_text(("resume.txt", resume_pdf)).startswith("Dana Whitlock")


def test_pdf_locked_only_against_editing_opens(resume_pdf):
    for algorithm in ("RC4-128", "AES-256"):
        writer = PdfWriter(clone_from=io.BytesIO(resume_pdf))
        writer.encrypt(user_password="", owner_password="owner", algorithm=algorithm)
        assert load_text(("locked.pdf", pdf_bytes(writer))).startswith("Dana Whitlock")


def test_docx_paragraphs_tables_and_headers_in_order():
    def build(document):
        document.sections[0].header.paragraphs[0].text = "Jo Reyes · jo@example.com"
        document.add_heading("Skills", level=1)
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text = "Budgeting"
        table.cell(0, 1).text = "Payroll"
        merged = table.cell(1, 0).merge(table.cell(1, 1))
        merged.text = "Vendor contracts"
        document.add_paragraph("After the   table")

    text = load_text(("cv.docx", make_docx(build)))
    assert text.splitlines() == [
        "Jo Reyes · jo@example.com",
        "Skills",
        "Budgeting",
        "Payroll",
        "Vendor contracts",  # a merged cell once, not twice
        "After the table",
    ]


def test_docx_text_boxes_are_read():
    def build(document):
        paragraph = document.add_paragraph("Body")
        box = (
            '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
            'xmlns:v="urn:schemas-microsoft-com:vml">'
            '<mc:AlternateContent><mc:Choice Requires="wps">'
            "<wps:txbx><w:txbxContent><w:p><w:r><w:t>In a box</w:t></w:r></w:p></w:txbxContent>"
            "</wps:txbx></mc:Choice><mc:Fallback><v:textbox><w:txbxContent><w:p><w:r>"
            "<w:t>In a box</w:t></w:r></w:p></w:txbxContent></v:textbox></mc:Fallback>"
            "</mc:AlternateContent></w:r>"
        )
        from lxml import etree

        paragraph._p.append(etree.fromstring(box))

    assert load_text(("cv.docx", make_docx(build))).splitlines() == ["Body", "In a box"]


def test_html_keeps_visible_text_only():
    page = b"""<html><head><title>Tab title</title><style>p {color: red}</style></head>
    <body><h1>Store Manager</h1><script>alert("x")</script><noscript>Enable JS</noscript>
    <p>Lead a team of <b>twelve</b> in a busy store.</p><!-- internal note -->
    <ul><li>Stock control</li><li>Rotas</li></ul><div hidden>secret</div>
    <table><tr><td>Pay</td><td>&pound;32,000</td></tr></table></body></html>"""
    assert load_text(("ad.html", page)).splitlines() == [
        "Store Manager",
        "Lead a team of twelve in a busy store.",
        "Stock control",
        "Rotas",
        "Pay £32,000",
    ]


def test_html_markup_in_a_text_file_stays_text():
    hostile = b"<script>alert(1)</script> Apply <b>now</b>"
    assert load_text(("posting.txt", hostile)) == "<script>alert(1)</script> Apply <b>now</b>"


def test_normalise_repairs_ligatures_and_drops_invisible_characters():
    assert (
        normalise_text("e\ufb03cient\u200b o\ufb00ice\u00ad\n\n\n\nend")
        == "efficient office\n\nend"
    )


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "hint"),
    [("cv.doc", "save it as .docx"), ("cv.odt", ".docx or PDF"), ("cv.png", "paste the text")],
)
def test_unsupported_type_lists_supported_ones(name, hint):
    message = error_of((name, b"data"))
    assert name in message and ".pdf, .docx, .html" in message and hint in message


def test_file_without_extension():
    assert "no file extension" in error_of(("README", b"text"))


@pytest.mark.parametrize("name", ["empty.txt", "empty.pdf", "empty.docx"])
def test_empty_file(name):
    assert "is empty" in error_of((name, b""))


def test_only_whitespace_has_no_text():
    assert "no readable text" in error_of(("blank.txt", b"  \n\t\n \xc2\xa0 "))


def test_too_large_upload_and_file(tmp_path):
    assert "over the 20 MB limit" in error_of(("big.txt", b"a" * (MAX_BYTES + 1)))
    path = tmp_path / "big.pdf"
    with path.open("wb") as sparse:  # 21 MB on paper, nothing on disk
        sparse.truncate(21 * 1024 * 1024)
    message = error_of(path)
    assert "big.pdf is 21.0 MB, over the 20 MB limit" in message and "remove images" in message


def test_scanned_pdf_without_text_layer():
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    message = error_of(("scan.pdf", pdf_bytes(writer)))
    assert "no text layer" in message and "scanned" in message


def test_password_protected_pdf(resume_pdf):
    writer = PdfWriter(clone_from=io.BytesIO(resume_pdf))
    writer.encrypt(user_password="secret", algorithm="AES-128")
    assert "protected by a password" in error_of(("locked.pdf", pdf_bytes(writer)))


@pytest.mark.parametrize("keep", [0.5, 0.9, 0.99])
def test_truncated_pdf(resume_pdf, keep):
    message = error_of(("cut.pdf", resume_pdf[: int(len(resume_pdf) * keep)]))
    assert "cut.pdf" in message and "incomplete" in message


def test_corrupt_pdf_body(resume_pdf):
    broken = resume_pdf[:3000] + b"\x00" * 5000 + resume_pdf[8000:]
    message = error_of(("broken.pdf", broken))
    assert "damaged" in message and "\\x" not in message and len(message) < 400


def test_not_a_pdf_at_all():
    assert "is not a PDF" in error_of(("fake.pdf", b"Just some words"))


def test_truncated_docx():
    data = make_docx(lambda d: d.add_paragraph("hello"))
    assert "damaged or incomplete" in error_of(("cut.docx", data[: len(data) // 2]))


def test_docx_that_is_another_zip():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert "not a Word document" in error_of(("sheet.docx", buffer.getvalue()))


def test_old_word_format_with_new_extension():
    assert "old-style Word" in error_of(
        ("cv.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    )


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n" + bytes(300), bytes(range(1, 32)) * 40],
    ids=["png-with-nuls", "control-characters"],
)
def test_binary_file_with_text_extension(data):
    assert "looks like a binary file" in error_of(("notes.txt", data))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (42, "not int"),
        (None, "not NoneType"),
        (("cv.txt", "a str, not bytes"), "(str, str)"),
        ((b"cv.txt", b"data"), "(bytes, bytes)"),
    ],
)
def test_wrong_type(source, expected):
    assert expected in error_of(source)


def test_missing_path_and_folder(tmp_path):
    assert "does not exist" in error_of(tmp_path / "nope.pdf")
    assert "is a folder" in error_of(tmp_path)
