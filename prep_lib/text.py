"""Small text jobs every module shares: comparing names, and escaping text for each export.

One helper per job, so that every export follows the same rule:

- ``text_key``: what two spellings of one name have in common (case, width and spacing aside);
- ``markdown_text``: user text shown as written inside Markdown (no links, images, HTML or
  emphasis can come from it);
- ``html_text``: user text shown as written inside HTML;
- ``spreadsheet_cell``: a CSV cell that a spreadsheet shows as text, never runs as a formula;
- ``file_stem``: a file name made from user text (a company's name), safe on every system.

ICS text is escaped by the icalendar library that writes the calendar files.
"""

from __future__ import annotations

import html
import re
import unicodedata

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
"""Text that is only a number ("-5", "+3.5", "1e5"): a spreadsheet reads it as that number."""


def text_key(text: str) -> str:
    """What two spellings of one name have in common: case, width and spacing aside."""
    return " ".join(unicodedata.normalize("NFKC", str(text)).casefold().split())


def markdown_text(text: object) -> str:
    """``text`` escaped for Markdown: the characters that make links, images, HTML, emphasis,
    code, headings and table cells get a backslash, so ``[Apply](javascript:...)``,
    ``![x](https://tracker/...)`` or ``<script>`` show as written, inert. (Dollar signs are
    left alone: ``prep_lib.widgets.common.markdown`` keeps them from being read as maths.)"""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def html_text(text: object) -> str:
    """``text`` escaped for HTML, quotes included (safe in element text and attributes)."""
    return html.escape(str(text), quote=True)


def spreadsheet_cell(value: object) -> object:
    """Text a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
    return) made plain text with a leading apostrophe; anything else, including text that is only
    a number ("-5"), as it is."""
    if (
        isinstance(value, str)
        and value.startswith(_FORMULA_START)
        and not PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


MAX_STEM = 80  # characters of a file name made by ``file_stem``, before its suffix


def file_stem(text: str, fallback: str) -> str:
    """A file name from ``text``: lower-case letters and digits joined by hyphens, short enough
    for every file system (``fallback`` when nothing of it is left). A name typed by the user
    ("A/B Health", "..") can never reach another folder."""
    return re.sub(r"[^a-z0-9]+", "-", str(text).casefold())[:MAX_STEM].strip("-") or fallback
