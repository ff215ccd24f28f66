"""The text a browser shows of an HTML page, read in time linear in its size.

libxml2's HTML parser (through lxml) reports each tag and piece of text to ``_VisibleText``,
which keeps no tree: one stack of open elements, so a page nested 100,000 levels deep costs no
more than a flat one. Dropped: scripts, styles and other non-text elements, elements marked
``hidden`` or styled ``display: none`` / ``visibility: hidden``, and comments. Block elements
start and end a line; table cells are followed by a space. A charset the page declares (``<meta
charset>``, ``http-equiv``, or an XML declaration) decides how its bytes are read.
"""

import re
from collections.abc import Mapping

from lxml import etree

from prep_lib.documents import limits
from prep_lib.documents.encoding import codec_for, decode
from prep_lib.documents.source import detail
from prep_lib.errors import DocumentError

_DROP = frozenset(("script", "style", "noscript", "template", "head", "svg", "iframe", "object"))
_BLOCKS = (
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "table", "tr", "ul",
)  # fmt: skip
_ENDS = {**dict.fromkeys(_BLOCKS, "\n"), "td": " ", "th": " "}  # what an element's end adds
_HIDDEN_STYLE = re.compile(
    r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse))\s*"
    r"(?:!\s*important\s*)?(?:;|$)",
    re.IGNORECASE,
)
# Where browsers look for a declared charset: the start of the page (they read 1,024 bytes).
_DECLARATION_SPAN = 4096
_META_CHARSET = re.compile(rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
_XML_ENCODING = re.compile(rb"^\s*<\?xml\b[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9._:-]+)")


def html_text(name: str, data: bytes) -> str:
    """The visible text of an HTML page, one line per block."""
    markup = decode(name, data, declared_codec(data))
    target = _VisibleText()
    parser = etree.HTMLParser(target=target, encoding="utf-8", no_network=True, recover=True)
    try:
        parser.feed(markup.encode("utf-8", "replace"))
        parser.close()
    except etree.LxmlError as exc:
        raise DocumentError(
            f"{name} cannot be read as a web page. Open it in a browser and save it again, or "
            f"paste the text. (Detail: {detail(exc)}.)"
        ) from None
    if target.chars > limits.MAX_CHARS:
        raise limits.too_much_text(name)
    return re.sub(r"\n\s*\n", "\n", "".join(target.parts))


def declared_codec(data: bytes) -> str | None:
    """The codec of the charset the page declares near its start, if it declares a usable one."""
    start = data[:_DECLARATION_SPAN]
    found = _XML_ENCODING.match(start) or _META_CHARSET.search(start)
    return codec_for(found.group(1).decode("ascii")) if found else None


class _VisibleText:
    """An lxml parser target that keeps the text a browser would show, and no tree."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.chars = 0
        self._open: list[str | None] = []  # per open element: what its end adds; None: hides
        self._hidden = 0  # open elements that hide what they contain

    def start(self, tag: str, attrib: Mapping[str, str]) -> None:
        if tag in _DROP or (attrib and _hides(attrib)):
            self._open.append(None)
            self._hidden += 1
            return
        ends = _ENDS.get(tag, "")
        if ends == "\n":
            self._add("\n")
        self._open.append(ends)

    def end(self, tag: str) -> None:
        if not self._open:
            return
        ends = self._open.pop()
        if ends is None:
            self._hidden -= 1
        elif ends:
            self._add(ends)

    def data(self, text: str) -> None:
        self._add(text)

    def comment(self, text: str) -> None:
        """Comments are not shown."""

    def close(self) -> None:
        """Nothing to finish: the text is in ``parts``."""

    def _add(self, text: str) -> None:
        if self._hidden or self.chars > limits.MAX_CHARS:
            return
        if text == "\n" and self.parts and self.parts[-1].endswith("\n"):
            return  # a line already ends here (nested blocks)
        self.parts.append(text)
        self.chars += len(text)


def _hides(attrib: Mapping[str, str]) -> bool:
    """Whether an element's attributes hide it: ``hidden``, or an inline style that does."""
    return "hidden" in attrib or bool(_HIDDEN_STYLE.search(attrib.get("style") or ""))
