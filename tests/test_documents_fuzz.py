"""Fuzzing ``load_text`` (issue 16): arbitrary bytes under every supported extension, and
real-shaped .docx, .pdf and .html files damaged at random. Whatever comes in, ``load_text``
returns text or raises ``DocumentError`` with a message: never another exception, and each case
finishes within hypothesis' deadline (seconds, where a case usually takes milliseconds).

The default settings keep the suite fast and the same on every run; ``PREP_FUZZ=deep`` tries
thousands of random cases per test:

    PREP_FUZZ=deep .venv/bin/python -m pytest -o addopts= tests/test_documents_fuzz.py
"""

import contextlib
import html
import os
import tempfile
import zipfile
from datetime import timedelta
from io import BytesIO

import pytest
from hostile_files import docx_parts, docx_with_body, pdf_document, text_operations, write_zip
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from prep_lib.documents import SUPPORTED_TYPES, ArchiveLimits, check_archive, load_text
from prep_lib.errors import DocumentError, PrepError
from prep_lib.paths import sample_path

DEEP = os.environ.get("PREP_FUZZ") == "deep"
fuzz = settings(
    max_examples=3_000 if DEEP else 40,
    deadline=timedelta(seconds=10 if DEEP else 5),
    derandomize=not DEEP,  # the everyday run tries the same cases each time
    database=None,  # nothing written into the project
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Fragments that steer damage towards the parsers' interesting paths.
PDF_TOKENS = [
    b"/Count 999999999", b"/Kids [1 0 R]", b"0 0 obj", b"endobj", b"<<", b">>", b"[", b"]",
    b"stream\n", b"endstream", b"/Filter /FlateDecode", b"/Length 99999999", b"xref",
    b"trailer", b"startxref\n0", b"/Fm0 Do", b"(text) Tj", b"BT", b"ET", b"-1", b"%%EOF",
]  # fmt: skip
XML_TOKENS = [
    b"<w:p>", b"</w:p>", b"<w:tbl><w:tr><w:tc>", b"</w:tc></w:tr></w:tbl>", b"<w:t>",
    b"</w:t>", b"&lol;", b"<!DOCTYPE x>", b"\x00", b"\xff\xfe", b"<w:txbxContent>",
    b'r:id="rId99"', b"<w:hdr>",
]  # fmt: skip
HTML_TOKENS = [
    "<div>", "</div>", "<table><tr><td>", "</td>", "<script>", "</script>", "<!--", "-->",
    "<p hidden>", '<p style="display:none">', '<meta charset="gbk">', "&#x202e;", "&amp",
    "</", "<!", "<?", "\x00", "\u202e", "<a ", "<br>", "<plaintext>",
]  # fmt: skip


def read_or_refuse(name: str, data: bytes) -> None:
    try:
        text = load_text((name, data))
    except DocumentError as error:
        assert str(error).strip() and len(str(error)) < 700
        event("refused: " + " ".join(str(error).split(" ")[1:4]))  # in --hypothesis-show-statistics
        return
    assert isinstance(text, str) and text == text.strip() and text
    event("read")


@st.composite
def damaged(draw, seed: bytes, tokens: list[bytes]) -> bytes:
    """``seed`` with a few random edits: bits flipped, bytes overwritten, inserted (random or
    a token), deleted, duplicated, or the end cut off."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, max(0, len(data) - 1)))
        edit = draw(st.sampled_from(["flip", "overwrite", "insert", "token", "delete", "repeat"]))
        if edit == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif edit == "overwrite":
            chunk = draw(st.binary(min_size=1, max_size=16))
            data[at : at + len(chunk)] = chunk
        elif edit == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif edit == "token":
            data[at:at] = draw(st.sampled_from(tokens)) * draw(st.integers(1, 50))
        elif edit == "delete":
            del data[at : at + draw(st.integers(1, 512))]
        else:
            data[at:at] = data[at : at + draw(st.integers(1, 512))] * draw(st.integers(1, 20))
    if draw(st.booleans()) and data:
        del data[draw(st.integers(len(data) // 2, len(data))) :]
    return bytes(data)


def _docx_seed() -> bytes:
    def build(document):
        document.sections[0].header.paragraphs[0].text = "Jo Reyes · jo@example.com"
        document.add_heading("Experience", level=1)
        document.add_paragraph("Reconciled the monthly accounts in SQL and Excel.")
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text = "Budgeting"
        table.cell(1, 1).text = "Payroll"

    return write_zip(docx_parts(build))


DOCX = _docx_seed()
PDFS = [
    sample_path("resume.pdf").read_bytes(),
    pdf_document(3, text_operations(["Store manager", "Rotas (and) stock"]), compress=True),
    pdf_document(1, b"/Fm0 Do\n/Fm0 Do", form=text_operations(["In a form"])),
]
HTML = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Ad</title><style>p{}</style>'
    "</head><body><h1>Store Manager</h1><p>Lead a team of <b>twelve</b>.</p><ul><li>Stock"
    "</li><li>Rotas</li></ul><table><tr><td>Pay</td><td>&pound;32,000</td></tr></table>"
    '<div hidden>x</div><p style="display:none">y</p><!-- note --></body></html>'
)


@fuzz
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUPPORTED_TYPES))
def test_arbitrary_bytes_under_every_extension(data, suffix):
    read_or_refuse(f"upload{suffix}", data)


@fuzz
@given(
    start=st.sampled_from([b"%PDF-1.7\n", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b"<html>"]),
    body=st.binary(max_size=4096),
    suffix=st.sampled_from(SUPPORTED_TYPES),
)
def test_arbitrary_bytes_that_start_like_a_format(start, body, suffix):
    read_or_refuse(f"upload{suffix}", start + body + (b"\n%%EOF\n" if b"PDF" in start else b""))


@fuzz
@given(seed=st.sampled_from(range(len(PDFS))), data=st.data())
def test_damaged_pdf(seed, data):
    read_or_refuse("resume.pdf", data.draw(damaged(PDFS[seed], PDF_TOKENS)))


@fuzz
@given(data=damaged(DOCX, XML_TOKENS))
def test_damaged_docx_bytes(data):
    read_or_refuse("resume.docx", data)


@fuzz
@given(
    part=st.sampled_from(["word/document.xml", "word/_rels/document.xml.rels",
                          "[Content_Types].xml", "word/header1.xml", "word/styles.xml"]),
    data=st.data(),
)  # fmt: skip
def test_damaged_docx_parts(part, data):
    """A valid zip whose XML parts are damaged: python-docx and lxml get the odd input."""
    parts = dict(docx_parts(lambda d: d.sections[0].header.paragraphs[0].add_run("Jo Reyes")))
    parts[part] = data.draw(damaged(parts.get(part, b"<a/>"), XML_TOKENS))
    read_or_refuse("resume.docx", write_zip(parts))


@st.composite
def word_body(draw, depth: int = 0) -> str:
    """Well-formed WordprocessingML of random shape: paragraphs, runs, tabs and breaks, tables
    whose cells span and merge oddly (spans of 0, negative or past the grid), text boxes,
    content controls and hyperlinks, nested a few levels."""
    blocks = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["p", "tbl", "sdt"] if depth < 3 else ["p"]))
        if kind == "p":
            runs = "".join(
                draw(st.sampled_from(["<w:r><w:t>{}</w:t></w:r>", "<w:r><w:tab/><w:br/></w:r>",
                                      "<w:hyperlink><w:r><w:t>{}</w:t></w:r></w:hyperlink>",
                                      "<w:r><w:txbxContent><w:p><w:r><w:t>{}</w:t></w:r></w:p>"
                                      "</w:txbxContent></w:r>"]))
                .format(html.escape(draw(st.text(alphabet=WORD_TEXT, max_size=12))))
                for _ in range(draw(st.integers(0, 3)))
            )  # fmt: skip
            blocks.append(f"<w:p>{runs}</w:p>")
        elif kind == "tbl":
            columns = draw(st.integers(0, 3))
            grid = "".join("<w:gridCol/>" for _ in range(columns))
            rows = []
            for _ in range(draw(st.integers(0, 3))):
                cells = []
                for _ in range(draw(st.integers(0, 4))):
                    span = draw(st.sampled_from(["", '<w:gridSpan w:val="{}"/>'])).format(
                        draw(st.integers(-1, 5))
                    )
                    merge = draw(
                        st.sampled_from(["", "<w:vMerge/>", '<w:vMerge w:val="restart"/>'])
                    )
                    inner = draw(word_body(depth + 1)) or "<w:p/>"
                    cells.append(f"<w:tc><w:tcPr>{span}{merge}</w:tcPr>{inner}</w:tc>")
                rows.append("<w:tr>" + "".join(cells) + "</w:tr>")
            blocks.append(f"<w:tbl><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>")
        else:
            inner = draw(word_body(depth + 1))
            blocks.append(f"<w:sdt><w:sdtContent>{inner}</w:sdtContent></w:sdt>")
    return "".join(blocks)


WORD_TEXT = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))


@fuzz
@given(body=word_body())
def test_random_word_documents(body):
    read_or_refuse("resume.docx", docx_with_body(body.encode()))


@fuzz
@given(
    edits=st.lists(
        st.tuples(st.integers(0, len(HTML)), st.integers(0, 40), st.sampled_from(HTML_TOKENS)),
        max_size=8,
    ),
    repeat=st.integers(1, 2_000),
)
def test_damaged_html(edits, repeat):
    page = HTML
    for at, cut, token in edits:
        page = page[:at] + token * (repeat if at % 3 == 0 else 1) + page[at + cut :]
    read_or_refuse("posting.html", page.encode("utf-8", "surrogatepass"))


@fuzz
@given(st.text(alphabet=st.sampled_from("<>/!-?=\"' &;#abdiv\n\u202e\x00é中"), max_size=3000))
def test_random_markup(markup):
    read_or_refuse("posting.html", markup.encode("utf-8", "surrogatepass"))


@fuzz
@given(st.binary(max_size=4096))
def test_check_archive_refuses_only_with_library_errors(data):
    with contextlib.suppress(PrepError):
        check_archive("table.xlsx", b"PK\x03\x04" + data, ArchiveLimits(members=50))


@fuzz
@given(data=damaged(DOCX, XML_TOKENS))
def test_check_archive_on_a_damaged_package(data):
    with contextlib.suppress(PrepError):
        check_archive("table.xlsx", data)


NOWHERE = os.path.join(tempfile.gettempdir(), "prep-lib-fuzz-no-such-folder")


@fuzz
@given(st.text(max_size=300))
def test_odd_paths(name):
    assert not os.path.exists(NOWHERE)
    with pytest.raises(DocumentError):
        load_text(os.path.join(NOWHERE, name))


def test_the_seeds_themselves_are_read():
    """The fuzzed files start from documents that read: the damage is what is tested."""
    assert "Reconciled the monthly accounts" in load_text(("cv.docx", DOCX))
    for seed in PDFS:
        assert load_text(("cv.pdf", seed))
    assert load_text(("ad.html", HTML.encode())).splitlines()[0] == "Store Manager"
    with zipfile.ZipFile(BytesIO(DOCX)) as package:
        assert "word/document.xml" in package.namelist()
