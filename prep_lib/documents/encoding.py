"""Bytes to text: byte-order marks, a charset the file declares, UTF-8, then legacy encodings.

Text without a byte-order mark or a declaration is UTF-8 when it decodes as UTF-8. Otherwise it is
Windows-1252 (western European, as before) unless that reading looks like mojibake, in which case
charset-normalizer picks among the legacy encodings documents are still saved in (Cyrillic
KOI8-R and Windows-1251, Greek, Turkish, central European, Chinese, Japanese, Korean...).
"""

import codecs
import unicodedata
from collections.abc import Sequence

from charset_normalizer import CharsetMatch, from_bytes

from prep_lib.errors import DocumentError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy encodings worth guessing between, the most common first. A short text fits several
# equally well; the guess stays among encodings people save documents in, and a tie goes to the
# one earlier in this list.
LEGACY_ENCODINGS = (
    "cp1252", "cp1250", "cp1251", "koi8_r", "gb18030", "cp932", "cp949", "big5", "euc_jp",
    "cp1253", "cp1254", "cp1256", "cp1255", "cp1257", "cp866", "cp874",
)  # fmt: skip
# What a declared HTML charset means, as browsers read it (WHATWG Encoding Standard): labels for
# an encoding's subset mean the superset; a UTF-16 label without a byte-order mark means UTF-8.
_DECLARED_AS = {
    "ascii": "cp1252", "iso8859-1": "cp1252", "iso8859-9": "cp1254", "iso8859-11": "cp874",
    "tis-620": "cp874", "gb2312": "gb18030", "gbk": "gb18030", "shift_jis": "cp932",
    "euc_kr": "cp949", "big5": "big5hkscs", "utf-16": "utf-8", "utf-16-le": "utf-8",
    "utf-16-be": "utf-8",
}  # fmt: skip
# Encodings a page may declare (others, such as "punycode" or "rot-13", are ignored).
_DECLARABLE = {
    "utf-8", "cp866", "koi8-r", "koi8-u", "mac-roman", "mac-cyrillic", "gb18030", "big5hkscs",
    "euc_jp", "iso2022_jp", "cp932", "cp949", "cp874", "cp1252", *LEGACY_ENCODINGS,
    *(f"cp{n}" for n in range(1250, 1259)), *(f"iso8859-{n}" for n in range(2, 17)),
}  # fmt: skip
_SAMPLE = 65536  # bytes looked at for signs of a binary file


def decode(name: str, data: bytes, declared: str | None = None) -> str:
    """The text of ``data``; ``declared`` is the charset an HTML page names, if any."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise DocumentError(
                    f"{name} starts like {encoding.upper()} text but is damaged. Save it again as "
                    "UTF-8 text."
                ) from None
    if b"\x00" in data[:_SAMPLE]:
        raise binary_error(name)
    text = _declared(data, declared) or _utf8(data) or _legacy(data)
    sample = text[:_SAMPLE]
    controls = sum(1 for ch in sample if ch not in "\t\n\r\f" and unicodedata.category(ch) == "Cc")
    if controls > max(3, len(sample) // 100):
        raise binary_error(name)
    return text


def codec_for(label: str) -> str | None:
    """The Python codec for a charset label a page declares, or None if it is not one to use."""
    try:
        codec = codecs.lookup(label.strip()).name
    except (LookupError, ValueError):
        return None
    codec = _DECLARED_AS.get(codec, codec)
    return codec if codec in _DECLARABLE else None


def binary_error(name: str) -> DocumentError:
    return DocumentError(
        f"{name} does not contain text: it looks like a binary file (an image, archive or "
        "program) saved with a text extension. Open the original document and save or export "
        "it as .txt, .docx or PDF."
    )


def _declared(data: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None  # a wrong declaration: read the bytes as if there were none


def _utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _legacy(data: bytes) -> str:
    """Windows-1252 when that reading is plausible, else the best-fitting legacy encoding."""
    try:
        western: str | None = data.decode("cp1252")
    except UnicodeDecodeError:  # bytes Windows-1252 leaves undefined
        western = None
    if western is not None and _best(data, ("cp1252",)) is not None:
        return western
    guess = _best(data, LEGACY_ENCODINGS)
    if guess is not None:
        return str(guess)
    return western if western is not None else data.decode("latin-1")


def _best(data: bytes, encodings: Sequence[str]) -> CharsetMatch | None:
    """The least messy, most coherent reading of ``data`` among ``encodings`` (ties: the earlier
    encoding), by charset-normalizer; None if every reading is a mess."""
    matches = from_bytes(data, cp_isolation=list(encodings), preemptive_behaviour=False)
    return min(
        matches,
        key=lambda m: (round(m.chaos, 3), -round(m.coherence, 3), encodings.index(m.encoding)),
        default=None,
    )
