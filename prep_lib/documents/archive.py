"""Check a zip package (.docx, .xlsx) before a library unpacks it.

A package's size on disk says little about what it unpacks to: a few megabytes can unpack to
gigabytes. ``check_archive`` unpacks every member in chunks, without keeping them, and stops as
soon as a limit is passed, so the check itself takes bounded time and memory. The sizes the zip
headers declare are not trusted; the bytes that come out are counted. XML parts may not declare a
DTD (Office files never do), which rules out entity expansion ("billion laughs").
"""

import io
import zipfile
from dataclasses import dataclass

from prep_lib.documents.limits import (
    DOCX_MEMBER_BYTES,
    DOCX_MEMBERS,
    DOCX_TOTAL_BYTES,
    DOCX_XML_TAGS,
    MiB,
)
from prep_lib.documents.source import detail
from prep_lib.errors import DocumentError, PrepError

_CHUNK = 1024 * 1024
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_DTD_MARKS = tuple(
    mark.encode(encoding)
    for mark in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("ascii", "utf-16-le", "utf-16-be")
)
_CENTRAL_ENTRY = b"PK\x01\x02"  # starts each entry of a zip's table of contents


@dataclass(frozen=True)
class ArchiveLimits:
    """What a zip package may hold: members, bytes unpacked (each, all) and XML tags ("<")."""

    members: int = DOCX_MEMBERS
    member_bytes: int = DOCX_MEMBER_BYTES
    total_bytes: int = DOCX_TOTAL_BYTES
    xml_tags: int = DOCX_XML_TAGS


def check_archive(
    name: str,
    data: bytes,
    limits: ArchiveLimits | None = None,
    *,
    error: type[PrepError] = DocumentError,
) -> None:
    """Raise ``error`` unless the zip package ``data`` unpacks within ``limits``.

    ``limits`` defaults to those for Word documents. Messages name the file (``name``) and say
    what to do. Damaged, password-protected and unsupported packages are refused too.
    """
    limits = limits or ArchiveLimits()
    if data.count(_CENTRAL_ENTRY) > limits.members:  # before zipfile reads the table
        raise error(_too_much(name, f"more than {limits.members:,} files"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > limits.members:
                raise error(_too_much(name, f"{len(members):,} files"))
            total = tags = 0
            for member in members:
                if member.flag_bits & 0x1:
                    raise error(
                        f"{name} is protected by a password. Open it, save a copy without the "
                        "password, and load that copy."
                    )
                is_xml = member.filename.lower().endswith(_XML_SUFFIXES)
                size, tail = 0, b""
                with archive.open(member) as stream:
                    while chunk := stream.read(_CHUNK):
                        size += len(chunk)
                        total += len(chunk)
                        if size > limits.member_bytes:
                            raise error(_too_much(name, _mb(limits.member_bytes, "in one part")))
                        if total > limits.total_bytes:
                            raise error(_too_much(name, _mb(limits.total_bytes, "in all")))
                        if is_xml:
                            tags += chunk.count(b"<")
                            if tags > limits.xml_tags:
                                raise error(_too_much(name, "more markup than any document has"))
                            window = tail + chunk[:32]
                            if any(mark in chunk or mark in window for mark in _DTD_MARKS):
                                raise error(
                                    f"{name} contains a document type declaration, which Office "
                                    "files never have; it may be built to exhaust memory. Open "
                                    "it in the program that made it, save it again and load "
                                    "the new file."
                                )
                            tail = chunk[-32:]
    except PrepError:
        raise
    except Exception as exc:  # zipfile, zlib, bz2 and lzma each raise their own kinds
        raise error(
            f"{name} is damaged or incomplete: it cannot be unpacked. Open it in the program "
            "that made it, save it again and load the new file. "
            f"(Detail: {detail(exc)}.)"
        ) from None


def _too_much(name: str, what: str) -> str:
    return (
        f"{name} is a compressed package that unpacks to {what}, far more than a document needs; "
        "it may be damaged or built to exhaust memory, and is not read. Open it in the program "
        "that made it, save it again (or export it as PDF) and load the new file."
    )


def _mb(size: int, where: str) -> str:
    return f"more than {size / MiB:,.0f} MB {where}"
