"""Builders of hostile and damaged documents, in the shapes real files have, for the tests of
``load_text`` and for ``benchmarks/bench_documents.py``.

Each builds in time independent of what the file unpacks to: a zip member that inflates to
gigabytes is written from one compressed megabyte repeated.
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass

import docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_RUN = 1024 * 1024  # bytes of repeated content compressed once and copied


@dataclass(frozen=True)
class Repeated:
    """Zip member content: ``head``, then ``unit`` ``count`` times, then ``tail``."""

    head: bytes
    unit: bytes
    count: int
    tail: bytes = b""

    @property
    def size(self) -> int:
        return len(self.head) + len(self.unit) * self.count + len(self.tail)


def _pieces(content: Repeated) -> tuple[bytes, bytes, int, bytes]:
    """``content`` as a head, a run of units to repeat, how many runs, and what is left."""
    per_run = max(1, _RUN // len(content.unit))
    runs, rest = divmod(content.count, per_run)
    return content.head, content.unit * per_run, runs, content.unit * rest + content.tail


def deflated(content: bytes | Repeated, *, zlib_format: bool = False) -> bytes:
    """``content`` compressed: raw deflate data (zip) or a zlib stream (PDF's FlateDecode)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 15 if zlib_format else -15)
    if isinstance(content, bytes):
        return packer.compress(content) + packer.flush()
    head, run, runs, last = _pieces(content)
    # After a full flush the compressor starts afresh, so a run compresses to the same bytes
    # every time: compress it once and repeat the bytes.
    data = [packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)]
    data.append((packer.compress(run) + packer.flush(zlib.Z_FULL_FLUSH)) * runs if runs else b"")
    data.append(packer.compress(last) + packer.flush())
    packed = b"".join(data)
    if zlib_format:  # the trailer checks what zlib saw: one run, not all of them
        packed = packed[:-4] + struct.pack(">I", checksum(content, zlib.adler32, 1))
    return packed


def checksum(content: bytes | Repeated, function=zlib.crc32, start: int = 0) -> int:
    """CRC-32 (or Adler-32) of ``content``, computed a run at a time."""
    if isinstance(content, bytes):
        return function(content, start)
    head, run, runs, last = _pieces(content)
    value = function(head, start)
    for _ in range(runs):
        value = function(run, value)
    return function(last, value)


def size_of(content: bytes | Repeated) -> int:
    return len(content) if isinstance(content, bytes) else content.size


def write_zip(members: dict[str, bytes | Repeated]) -> bytes:
    """A zip archive of deflated ``members``; sizes of 4 GB and over get ZIP64 fields."""
    out, directory = bytearray(), bytearray()
    for name, content in members.items():
        data, crc, size = deflated(content), checksum(content), size_of(content)
        encoded = name.encode()
        wide = size >= 0xFFFFFFFF or len(data) >= 0xFFFFFFFF
        extra = struct.pack("<HHQQ", 1, 16, size, len(data)) if wide else b""
        sizes = (0xFFFFFFFF, 0xFFFFFFFF) if wide else (len(data), size)
        version = 45 if wide else 20
        fields = (version, 0, 8, 0, 0x21, crc, *sizes, len(encoded), len(extra))
        directory += struct.pack("<IH", 0x02014B50, version)
        directory += struct.pack("<HHHHHIIIHH", *fields) + struct.pack(
            "<HHHII", 0, 0, 0, 0, len(out)
        )
        directory += encoded + extra
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + encoded + extra + data
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), len(out), 0
    )
    return bytes(out + directory + end)


def docx_parts(build=None) -> dict[str, bytes]:
    """The parts of a .docx written by python-docx (``build(document)`` adds content)."""
    import zipfile

    document = docx.Document()
    if build is not None:
        build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def docx_with_body(body: bytes | Repeated, **extra: bytes | Repeated) -> bytes:
    """A .docx whose document body is ``body`` (WordprocessingML inside ``<w:body>``)."""
    parts: dict[str, bytes | Repeated] = dict(docx_parts())
    head = parts["word/document.xml"].partition(b"<w:body>")[0] + b"<w:body>"
    tail = b"</w:body></w:document>"
    if isinstance(body, Repeated):
        parts["word/document.xml"] = Repeated(
            head + body.head, body.unit, body.count, body.tail + tail
        )
    else:
        parts["word/document.xml"] = head + body + tail
    parts.update(extra)
    return write_zip(parts)


def paragraphs(*texts: str) -> bytes:
    return b"".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode() for text in texts)


def text_operations(lines: list[str]) -> bytes:
    """A PDF content stream that writes ``lines`` in Helvetica, one under another."""
    ops = [b"BT /F1 11 Tf 72 720 Td 14 TL"]
    for line in lines:
        escaped = line.encode("latin-1").replace(b"\\", b"\\\\")
        ops.append(b"(" + escaped.replace(b"(", b"\\(").replace(b")", b"\\)") + b") Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)


def pdf_document(
    pages: int,
    content: bytes | Repeated,
    *,
    compress: bool = False,
    declared_pages: int | None = None,
    form: bytes | None = None,
) -> bytes:
    """A PDF of ``pages`` pages that all draw one content stream (``content``); ``form`` is a
    form object the content may draw with ``/Fm0 Do``; ``declared_pages`` is the page count the
    page tree claims (the true one by default)."""

    def stream(data: bytes | Repeated, dictionary: bytes = b"") -> bytes:
        if compress:
            data = deflated(data, zlib_format=True)
            dictionary += b" /Filter /FlateDecode"
        elif isinstance(data, Repeated):
            data = data.head + data.unit * data.count + data.tail
        return b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), dictionary, data)

    first_page = 6
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    count = pages if declared_pages is None else declared_pages
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        stream(content),
        stream(
            form or b"",
            b" /Type /XObject /Subtype /Form /BBox [0 0 612 792]"
            b" /Resources << /Font << /F1 3 0 R >> >>",
        ),
    ]
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 3 0 R >> /XObject << /Fm0 5 0 R >> >> >>"
    )
    objects += [page] * pages
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        table,
    )
    return bytes(out)


def nested_html(depth: int, text: str = "SQL", tag: str = "div") -> str:
    return f"<{tag}>" * depth + text + f"</{tag}>" * depth


def deep_blocks_page(size: int, depth: int = 200) -> bytes:
    """An HTML page of about ``size`` bytes made of blocks nested ``depth`` deep."""
    block = nested_html(depth, "<p>Managed the SQL reporting for a team of twelve</p>")
    return ("<html><body>" + block * max(1, size // len(block)) + "</body></html>").encode()
