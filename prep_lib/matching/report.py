"""The match report a candidate reads: score, key terms with evidence, what is missing, the
posting with its key terms marked; as Markdown, HTML parts for the panel, CSV or a chart.

Posting and resume text is escaped (``prep_lib.text.markdown_text``, ``html_text``) and files are
written with ``prep_lib.files.write_version`` (a changed report goes beside the earlier one).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import pandas as pd

from prep_lib.errors import MatchingError
from prep_lib.files import write_version
from prep_lib.paths import user_path
from prep_lib.text import html_text, markdown_text

if TYPE_CHECKING:
    from matplotlib.axes import Axes

Mark = tuple[int, int, str, bool]  # (start, end, term, proved) in the posting
LEFT = "style='text-align:left'"  # JupyterLab right-aligns table cells
PROVED_STYLE = "background:#c8e6c9;color:#1b5e20;padding:0 2px;border-radius:2px"
MISSING_STYLE = "background:#ffcdd2;color:#b71c1c;padding:0 2px;border-radius:2px"
EVIDENCE_STYLE = "background:#fff59d;padding:0 1px"


@dataclass(frozen=True, eq=False)
class MatchReport:
    """What ``compare`` found.

    ``score``: 0–1, the cosine similarity of the posting's and the resume's term weights.
    ``terms``: one row per key term, heaviest first: ``term`` (as the posting writes it),
    ``weight`` (its share of the key terms' weight; they add up to 1), ``in_resume`` (bool),
    ``contribution`` (its part of the score), ``evidence`` (the resume sentences using it, one
    per line; '' when missing), ``requirement`` ("must-have", "nice-to-have" or '' when the
    posting names it outside its requirements), ``named`` (a named tool, system or
    qualification) and ``note`` (why a term the resume uses adds nothing, e.g. "counted in
    “Epic Cadence”").
    ``beyond``: the other terms both use (``term``, ``contribution``, ``kind``: "job title" or
    ''), heaviest first; with ``terms``' contributions they make the score.
    ``company_themes``: terms heavy across the company's postings: ``term``, ``weight`` (mean
    share), ``postings`` (how many of them list it as a key term), ``in_resume``; empty when no
    company postings were given. ``title``: the posting's title. ``posting`` and
    ``posting_marks`` (start, end, term, proved) mark the key terms in the posting;
    ``evidence_marks`` marks each term in its evidence.
    """

    score: float
    terms: pd.DataFrame
    company_themes: pd.DataFrame
    title: str = ""
    beyond: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["term"]))
    posting: str = ""
    posting_marks: tuple[Mark, ...] = ()
    evidence_marks: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)

    @property
    def other_terms(self) -> float:
        """The part of the score that comes from terms beyond the key terms (see ``beyond``)."""
        return max(0.0, self.score - float(self.terms["contribution"].sum()))

    @property
    def coverage(self) -> float:
        """The share of the key terms' weight the resume contains (0–1)."""
        return float(self.terms.loc[self.terms["in_resume"], "weight"].sum())

    @property
    def matched(self) -> list[str]:
        """Key terms the resume contains, heaviest first."""
        return [str(term) for term in self.terms.loc[self.terms["in_resume"], "term"]]

    @property
    def missing(self) -> list[str]:
        """Key terms the resume lacks, heaviest first: prepare an example for each."""
        return [str(term) for term in self.terms.loc[~self.terms["in_resume"], "term"]]

    def summary(self) -> str:
        """One sentence saying what the score means."""
        return (
            f"Your resume's wording is {self.score:.0%} similar to this posting's, counting each "
            f"term by how specific it is to this job (100% would be the posting's own terms in "
            f"the same proportions); it contains {len(self.matched)} of the posting's "
            f"{len(self.terms)} key terms. Resumes not written for a posting usually score 5–20%."
        )

    def beyond_sentence(self) -> str:
        """What the terms beyond the key terms add, named (empty when they add nothing)."""
        points = 100 * self.other_terms
        if points < 0.05 or self.beyond.empty:
            return ""
        names = ", ".join(str(t) for t in self.beyond["term"].head(6))
        more = len(self.beyond) - 6
        if len(self.beyond) == 1:
            return (
                f"One more term that the posting and your resume share, too light or too "
                f"general to be a key term (a job title, say), adds {points:.1f} points: {names}."
            )
        return (
            f"{len(self.beyond)} more terms that the posting and your resume share, each too "
            f"light or too general to be a key term (job titles among them), add "
            f"{points:.1f} points: {names}{f' and {more} more' if more > 0 else ''}."
        )

    def to_frame(self) -> pd.DataFrame:
        """The key terms as a table (a copy of ``terms``), for saving as CSV."""
        return self.terms.copy()

    def plot(self, ax: Axes | None = None, *, top: int = 20) -> Axes:
        """Horizontal bars of the ``top`` heaviest key terms; missing ones hatched and outlined."""
        import matplotlib.pyplot as plt
        from matplotlib.patches import Patch

        if ax is None:
            _, ax = plt.subplots(figsize=(7, 1.2 + 0.28 * min(top, len(self.terms))))
        rows = self.terms.head(top).iloc[::-1]
        found = rows["in_resume"].to_numpy(dtype=bool)
        styles = {
            True: {"facecolor": "#2e7d32", "edgecolor": "#1b5e20", "hatch": ""},
            False: {"facecolor": "white", "edgecolor": "#b71c1c", "hatch": "///"},
        }
        for flag in (True, False):
            style = styles[flag]
            ax.barh(
                [i for i, f in enumerate(found) if f == flag],
                rows["weight"].to_numpy(dtype=float)[found == flag] * 100,
                linewidth=1,
                facecolor=style["facecolor"],
                edgecolor=style["edgecolor"],
                hatch=style["hatch"],
            )
        ax.set_yticks(
            range(len(rows)),
            [f"{t}{'' if f else ' ✗'}" for t, f in zip(rows["term"], found, strict=True)],
        )
        ax.set_xlabel("share of the posting's key-term weight (%)")
        ax.set_title(f"Key terms of the posting (score {self.score:.0%})")
        ax.legend(
            handles=[
                Patch(
                    label=label,
                    facecolor=style["facecolor"],
                    edgecolor=style["edgecolor"],
                    hatch=style["hatch"],
                )
                for label, style in (
                    ("in your resume", styles[True]),
                    ("missing ✗ — prepare an example", styles[False]),
                )
            ],
            loc="lower right",
        )
        return ax

    # ---- Markdown ------------------------------------------------------------------------

    def to_markdown(self) -> str:
        """The report as Markdown: score, proven terms with evidence, missing terms (must-have
        and nice-to-have said), the posting with its key terms marked, themes."""
        md = markdown_text
        lines = [
            f"# Match report: {md(self.title) or 'job posting'}",
            "",
            f"**Score: {self.score:.0%}.** {md(self.summary())}",
            "",
            "## Key terms your resume proves",
            "",
        ]
        matched = self.terms[self.terms["in_resume"]]
        if len(matched):
            lines += [
                "| term | asked as | weight | adds to score (points) "
                "| where your resume shows it |",
                "| --- | --- | ---: | ---: | --- |",
            ]
            for row in _rows(matched):
                proof = _marked(
                    row.evidence, self.evidence_marks.get(row.term, ()), md, "**", "**"
                ).replace("\n", " / ")
                lines.append(
                    f"| {md(row.term)} | {_asked(row)} | {row.weight:.1%} | "
                    f"{_points(row)} | {proof} |"
                )
            if sentence := self.beyond_sentence():
                lines += ["", md(sentence)]
        else:
            lines.append("None yet.")
        lines += ["", "## Missing: prepare an example for each", ""]
        missing = self.terms[~self.terms["in_resume"]]
        listed = [
            f"- {md(row.term)} ({row.weight:.1%}{', ' + _asked(row) if _asked(row) else ''})"
            for row in _rows(missing)
        ]
        lines += listed or ["None."]
        if self.posting_marks:
            lines += [
                "",
                "## The posting, its key terms marked",
                "",
                "Key terms in **bold**: ✓ your resume proves it, ✗ missing.",
                "",
                self.posting_markdown(),
            ]
        themes = self.company_themes
        if len(themes):
            lines += [
                "",
                "## What the company asks for across its postings",
                "",
                "| term | postings | in your resume |",
                "| --- | ---: | --- |",
            ]
            for term, postings, found in zip(
                themes["term"], themes["postings"], themes["in_resume"], strict=True
            ):
                lines.append(f"| {md(term)} | {postings} | {'yes' if found else 'no'} |")
        return "\n".join(lines) + "\n"

    def posting_markdown(self) -> str:
        """The posting as Markdown-safe text, its key terms in bold with ✓ or ✗."""
        text, out, at = self.posting, [], 0
        for start, end, _, proved in self.posting_marks:
            out += [markdown_text(text[at:start]), f"**{markdown_text(text[start:end])}**"]
            out.append("✓" if proved else "✗")
            at = end
        out.append(markdown_text(text[at:]))
        return "".join(out).replace("\n", "  \n")

    # ---- HTML, for the panel -------------------------------------------------------------

    def posting_html(self) -> str:
        """The posting as HTML, its key terms marked green (proved) or red (missing)."""
        text, out, at = self.posting, [], 0
        for start, end, term, proved in self.posting_marks:
            style, word = (PROVED_STYLE, "proved") if proved else (MISSING_STYLE, "missing")
            out += [
                html_text(text[at:start]),
                f"<mark class='prep-term-{word}' style='{style}' title='{html_text(term)}: {word}'>"
                f"{html_text(text[start:end])}</mark>",
            ]
            at = end
        out.append(html_text(text[at:]))
        return (
            "<div class='prep-posting' style='white-space:pre-wrap;text-align:left;"
            "max-height:28em;overflow:auto;border:1px solid #ddd;padding:8px'>"
            + "".join(out)
            + "</div>"
        )

    def matched_html(self) -> str:
        """The proved key terms as an HTML table: term, asked as, weight, points, evidence."""
        matched = self.terms[self.terms["in_resume"]]
        if not len(matched):
            return "<p>None of the key terms appears in the resume yet.</p>"
        rows = []
        for row in _rows(matched):
            proof = _marked(
                row.evidence,
                self.evidence_marks.get(row.term, ()),
                html_text,
                f"<mark style='{EVIDENCE_STYLE}'>",
                "</mark>",
            ).replace("\n", "<br>")
            rows.append(
                f"<tr><td {LEFT}>{html_text(row.term)}</td><td {LEFT}>{_asked(row)}</td>"
                f"<td>{row.weight:.1%}</td><td>{html_text(_points(row))}</td>"
                f"<td {LEFT}>{proof}</td></tr>"
            )
        sentence = self.beyond_sentence()
        return (
            f"<table><thead><tr><th {LEFT}>term</th><th {LEFT}>asked as</th><th>weight</th>"
            f"<th>adds to score (points)</th><th {LEFT}>where your resume shows it</th></tr>"
            f"</thead><tbody>{''.join(rows)}</tbody></table>"
            + (f"<p>{html_text(sentence)}</p>" if sentence else "")
        )

    def missing_groups(self) -> dict[str, list[str]]:
        """The missing key terms by how the posting asks for them, heaviest first: "Must-have",
        "Also asked for" (outside its requirements) and "Nice-to-have" (each may be empty)."""
        missing = _rows(self.terms[~self.terms["in_resume"]])
        return {
            label: [r.term for r in missing if r.requirement == wanted]
            for label, wanted in (("Must-have", "must-have"), ("Also asked for", ""),
                                  ("Nice-to-have", "nice-to-have"))
        }  # fmt: skip

    def missing_html(self) -> str:
        """The missing key terms, must-haves first, each saying how the posting asks for it."""
        groups = [
            f"<b>{label}:</b> {', '.join(html_text(term) for term in terms)}"
            for label, terms in self.missing_groups().items()
            if terms
        ]
        listed = "<br>".join(groups) or "none"
        return f"<p><b>Missing: prepare an example for these</b><br>{listed}</p>"

    # ---- Files ---------------------------------------------------------------------------

    def save_markdown(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Write ``to_markdown()`` to ``path`` (default: the data folder); return the path."""
        return self._save(path, ".md", self.to_markdown())

    def save_csv(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Write the key terms table as CSV to ``path`` (default: the data folder)."""
        return self._save(path, ".csv", self.to_frame().to_csv(index=False))

    def _save(self, path: str | os.PathLike[str] | None, suffix: str, content: str) -> Path:
        name = self._file_name(suffix)
        target = Path(path).expanduser() if path is not None else user_path(name)
        return write_version(target, content, error=MatchingError)

    def _file_name(self, suffix: str) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-")[:50].strip("-")
        return f"match-{slug or 'report'}{suffix}"


class _Row(NamedTuple):
    """A row of a terms table, typed."""

    term: str
    weight: float
    contribution: float
    evidence: str
    requirement: str
    note: str


def _rows(frame: pd.DataFrame) -> list[_Row]:
    """The rows of a terms table (with the columns older reports lack)."""

    def column(name: str, default: object) -> list[object]:
        return frame[name].tolist() if name in frame else [default] * len(frame)

    return [
        _Row(str(t), float(str(w)), float(str(c)), str(e or ""), str(r or ""), str(n or ""))
        for t, w, c, e, r, n in zip(
            column("term", ""),
            column("weight", 0.0),
            column("contribution", 0.0),
            column("evidence", ""),
            column("requirement", ""),
            column("note", ""),
            strict=True,
        )
    ]


def _asked(row: _Row) -> str:
    return row.requirement


def _points(row: _Row) -> str:
    """A term's part of the score in points, with the reason when it adds nothing."""
    points = 100 * row.contribution
    if points >= 0.05:
        return f"+{points:.1f}"
    return f"+0 ({row.note})" if row.note else ("<0.1" if points > 0 else "+0")


def _marked(
    text: str,
    marks: Sequence[tuple[int, int]],
    escape: Callable[[str], str],
    before: str,
    after: str,
) -> str:
    """``text`` escaped, with each marked part between ``before`` and ``after``."""
    out, at = [], 0
    for start, end in sorted(marks):
        if start < at or end > len(text):
            continue
        out += [escape(text[at:start]), before, escape(text[start:end]), after]
        at = end
    out.append(escape(text[at:]))
    return "".join(out)
