"""The match report a candidate reads: score, key terms with evidence, what is missing; as
Markdown, CSV or a chart. User and posting text is escaped (``prep_lib.text.markdown_text``)
and files are written with ``prep_lib.files.write_private``."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from prep_lib.errors import MatchingError
from prep_lib.files import write_private
from prep_lib.paths import user_path
from prep_lib.text import markdown_text

if TYPE_CHECKING:
    from matplotlib.axes import Axes


@dataclass(frozen=True, eq=False)
class MatchReport:
    """What ``compare`` found.

    ``score``: 0–1, the cosine similarity of the posting's and the resume's term weights.
    ``terms``: one row per key term, heaviest first: ``term`` (as the posting writes it),
    ``weight`` (its share of the key terms' weight; they add up to 1), ``in_resume`` (bool),
    ``contribution`` (its part of the score) and ``evidence`` (the resume lines containing it,
    one per line of text; '' when missing). The contributions plus ``other_terms`` make the
    score. A term can be in the resume yet add nothing: "Epic" written only inside "Epic
    Cadence" counts toward that phrase.
    ``company_themes``: terms heavy across the company's postings: ``term``, ``weight`` (mean
    share), ``postings`` (how many of them list it as a key term), ``in_resume``; empty when no
    company postings were given. ``title``: the posting's first line.
    """

    score: float
    terms: pd.DataFrame
    company_themes: pd.DataFrame
    title: str = ""

    @property
    def other_terms(self) -> float:
        """The part of the score that comes from terms beyond the key terms shown."""
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
            f"the same proportions); it "
            f"contains {len(self.matched)} of the posting's {len(self.terms)} key terms. "
            "Resumes not written for a posting usually score 5–20%."
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

    def to_markdown(self) -> str:
        """The report as Markdown: score, proven terms with evidence, missing terms, themes."""
        md = markdown_text
        lines = [
            f"# Match report: {md(self.title) or 'job posting'}",
            "",
            f"**Score: {self.score:.0%}.** {self.summary()}",
            "",
            "## Key terms your resume proves",
            "",
        ]
        terms = self.terms
        matched = terms[terms["in_resume"]]
        if len(matched):
            lines += [
                "| term | weight | adds to score (points) | where your resume shows it |",
                "| --- | ---: | ---: | --- |",
            ]
            for term, weight, contribution, evidence in zip(
                matched["term"],
                matched["weight"],
                matched["contribution"],
                matched["evidence"],
                strict=True,
            ):
                proof = " / ".join(md(line) for line in str(evidence).splitlines())
                lines.append(f"| {md(term)} | {weight:.1%} | {100 * contribution:+.1f} | {proof} |")
            lines += ["", f"Terms beyond the key terms add {100 * self.other_terms:.1f} points."]
        else:
            lines.append("None yet.")
        lines += ["", "## Missing: prepare an example for each", ""]
        missing = terms[~terms["in_resume"]]
        listed = [
            f"- {md(term)} ({weight:.1%})"
            for term, weight in zip(missing["term"], missing["weight"], strict=True)
        ]
        lines += listed or ["None."]
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

    def save_markdown(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Write ``to_markdown()`` to ``path`` (default: the data folder); return the path."""
        return self._save(path, ".md", self.to_markdown())

    def save_csv(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Write the key terms table as CSV to ``path`` (default: the data folder)."""
        return self._save(path, ".csv", self.to_frame().to_csv(index=False))

    def _save(self, path: str | os.PathLike[str] | None, suffix: str, content: str) -> Path:
        target = Path(path).expanduser() if path is not None else user_path(self._file_name(suffix))
        return write_private(target, content, error=MatchingError)

    def _file_name(self, suffix: str) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-")[:50].strip("-")
        return f"match-{slug or 'report'}{suffix}"
