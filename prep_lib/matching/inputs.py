"""Checks on what a user gives the matcher: texts, lists of postings, the number of key terms.

Each raises ``MatchingError`` with a message naming the problem and the fix.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from prep_lib.errors import MatchingError

DEFAULT_TOP_N = 40
MAX_CHARS = 300_000  # longer pasted text is refused: a posting or resume is far shorter
Postings = Sequence[str] | Mapping[str, str]  # texts, or a mapping of name to text


def require_text(value: object, what: str, *, allow_empty: bool = False) -> str:
    """Check that ``value`` is usable text for the ``what`` (e.g. "posting"); return it.

    Raises ``MatchingError`` naming the problem and the fix: not text, empty, or far too long.
    """
    if isinstance(value, bytes | bytearray):
        raise MatchingError(
            f"The {what} was given as raw bytes. Read files with prep_lib.documents.load_text "
            "(or the upload button), which turns them into text."
        )
    if not isinstance(value, str):
        raise MatchingError(f"The {what} must be text, not {type(value).__name__}.")
    if len(value) > MAX_CHARS:
        raise MatchingError(
            f"The {what} is {len(value):,} characters long, more than the {MAX_CHARS:,} this "
            f"tool reads. Paste only the {what} itself, not a whole web page or several files."
        )
    if not allow_empty and not value.strip():
        raise MatchingError(f"The {what} is empty. Paste its text or upload the file.")
    return value


MAX_EMPLOYER = 200  # characters of an employer's name


def require_employer(value: object) -> str:
    """Check the employer's name given with a posting ('' for none); return it."""
    name = require_text(value, "employer's name", allow_empty=True)
    if len(name) > MAX_EMPLOYER:
        raise MatchingError(
            f"The employer's name is {len(name):,} characters long; give only the company's "
            f"name (at most {MAX_EMPLOYER} characters)."
        )
    return name


LATIN_SHARE = 0.5  # a text with fewer of its letters in the Latin alphabet is not read
SCRIPTS = {"CJK": "Chinese, Japanese or Korean (CJK)", "HIRAGANA": "Japanese (hiragana)",
           "KATAKANA": "Japanese (katakana)", "HANGUL": "Korean (hangul)"}  # fmt: skip


def require_readable(text: str, what: str) -> str:
    """Check that ``text`` is written mostly in the Latin alphabet, which the matcher reads
    (its word lists and spellings are English); return it. A posting or resume mostly in
    another script ("数据分析, SQL, Excel") would be scored on its few Latin words alone, so it is
    refused with a ``MatchingError`` naming the script found."""
    extra = len(text.encode("utf-8", "surrogatepass")) - len(text)  # 2–3 per non-ASCII letter
    if extra * 4 < len(text):  # mostly ASCII (quick: most texts stop here)
        return text
    letters = [ch for ch in text if ch.isalpha()]
    other = Counter(
        unicodedata.name(ch, "OTHER").split()[0]
        for ch in letters
        if not ch.isascii() and not unicodedata.name(ch, "").startswith("LATIN")
    )
    if len(letters) < 20 or sum(other.values()) <= (1 - LATIN_SHARE) * len(letters):
        return text
    script = other.most_common(1)[0][0]
    name = SCRIPTS.get(script, script.title())
    raise MatchingError(
        f"The {what} is mostly written in {name} script ({sum(other.values()) / len(letters):.0%} "
        f"of its letters), which this tool cannot read: it compares English text only, and "
        f"would score it on its few English words alone. Use an English version instead."
    )


def check_top_n(top_n: object) -> int:
    """The number of key terms, checked: a whole number from 1 up."""
    if isinstance(top_n, bool) or not isinstance(top_n, int) or top_n < 1:
        raise MatchingError(
            f"The number of key terms must be a whole number from 1 up, not {top_n!r}."
        )
    return top_n


def company_texts(company_postings: object) -> list[str]:
    """The company's other postings (texts, or a mapping of name to text), empty ones left out."""
    if isinstance(company_postings, str | bytes):
        raise MatchingError(
            "company_postings must be a list of postings, not one text. Wrap it in a list."
        )
    if isinstance(company_postings, Mapping):
        company_postings = list(company_postings.values())
    if not isinstance(company_postings, Iterable):
        raise MatchingError("company_postings must be a list of postings.")
    texts = [
        require_text(t, f"company posting no. {i}", allow_empty=True)
        for i, t in enumerate(company_postings, start=1)
    ]
    return [t for t in texts if t.strip()]


def text_list(texts: object) -> list[str]:
    """A list of texts (stories, say) to score; empty ones allowed."""
    if isinstance(texts, str | bytes) or not isinstance(texts, Iterable):
        raise MatchingError("texts must be a list of texts; wrap a single text in a list.")
    found = list(texts)
    for number, text in enumerate(found, start=1):
        require_text(text, f"text no. {number}", allow_empty=True)
    return found


def named_postings(postings: object) -> tuple[list[str | int], list[str]]:
    """Names and texts of postings given as a list (named by position) or a mapping."""
    if isinstance(postings, Mapping):
        names: list[str | int] = list(postings.keys())
        texts = list(postings.values())
    elif isinstance(postings, str | bytes) or not isinstance(postings, Iterable):
        raise MatchingError("postings must be a list of texts or a mapping of name to text.")
    else:
        texts = list(postings)
        names = list(range(len(texts)))
    for name, text in zip(names, texts, strict=True):
        require_readable(
            require_text(text, f"posting {name!r}", allow_empty=True), f"posting {name!r}"
        )
    return names, texts
