"""Your pitch, the answer to "tell me about yourself", in three lengths: 30 seconds, 60 seconds and
two minutes, for people who join a round unannounced.

Each version is built from the same parts, in this order of priority: who you are (the first
sentence of your resume's summary, or the ``headline`` you give), the resume's strongest matched
key terms (phrases first), proof from the stories that this round's people have not heard yet
(their titles, then results, then the whole situation-to-result in the long version), why this
employer (a note of your company research), and a closing line. A part goes in only while the
version stays within its word budget at ``WORDS_PER_MINUTE``: a calm interview pace, slower than
reading aloud. Edit the text freely: it is a draft to say in your own words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from prep_lib.matching import MatchReport
from prep_lib.stories import StoryIdea

WORDS_PER_MINUTE = 130
LENGTHS = (30, 60, 120)  # seconds
# How many key terms and stories each length may use.
_TERMS = {30: 2, 60: 3, 120: 5}
_STORIES = {30: 1, 60: 2, 120: 4}
_SUMMARY_HEADING = re.compile(
    r"^\W*(professional\s+)?(summary|profile|about( me)?|objective)\W*$", re.IGNORECASE
)


def duration_text(seconds: int) -> str:
    """A pitch's length as said: "30 seconds", "2 minutes"."""
    return f"{seconds} seconds" if seconds < 120 else f"{seconds // 60} minutes"


def word_budget(seconds: int) -> int:
    """The most words that fit in ``seconds`` at ``WORDS_PER_MINUTE``."""
    return seconds * WORDS_PER_MINUTE // 60


@dataclass(frozen=True)
class Pitch:
    """One length of the pitch: the text to say, and what it is made of."""

    seconds: int
    text: str
    terms: tuple[str, ...] = ()
    stories: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return duration_text(self.seconds)

    @property
    def words(self) -> int:
        return word_count(self.text)

    @property
    def budget(self) -> int:
        """The most words that fit in ``seconds`` at ``WORDS_PER_MINUTE``."""
        return word_budget(self.seconds)

    @property
    def spoken_seconds(self) -> int:
        """About how long the text takes to say at ``WORDS_PER_MINUTE``."""
        return round(self.words * 60 / WORDS_PER_MINUTE)

    def summary(self) -> str:
        return (
            f"{self.label}: {self.words} words, about {self.spoken_seconds} s at "
            f"{WORDS_PER_MINUTE} words a minute (budget {self.budget} words)"
        )


def word_count(text: str) -> int:
    return len(re.findall(r"[\w’'%$.,-]*\w[\w’'%$.,-]*", text))


def resume_headline(resume: str) -> str:
    """The first sentence of the resume's summary (or profile) section; '' when there is none."""
    lines = [line.strip(" #*_\t") for line in resume.splitlines()]
    for n, line in enumerate(lines):
        if _SUMMARY_HEADING.match(line):
            body = " ".join(x for x in lines[n + 1 : n + 8] if x and not x.startswith("#"))
            first = re.split(r"(?<=[.!?])\s+", body.strip(), maxsplit=1)[0]
            if len(first.split()) >= 4:
                return first
    return ""


def strongest_terms(report: MatchReport | None, count: int) -> list[str]:
    """The heaviest key terms the resume proves, phrases before single words."""
    if report is None:
        return []
    proven = report.terms[report.terms["in_resume"]]
    terms = list(proven.sort_values("weight", ascending=False, kind="stable")["term"])
    phrases = [t for t in terms if " " in t]
    return (phrases + [t for t in terms if " " not in t])[:count]


def build_pitches(
    *,
    candidate: str,
    role: str,
    company: str,
    headline: str = "",
    resume: str = "",
    report: MatchReport | None = None,
    stories: Sequence[StoryIdea] = (),
    why_here: str = "",
) -> list[Pitch]:
    """The pitch in ``LENGTHS`` (30 s, 60 s, 2 min); see the module docstring.

    ``stories`` are the ones to draw on, the best first (unheard by the round's people);
    ``why_here`` is a note of your research on the employer (its mission or recent news).
    """
    headline = " ".join((headline or resume_headline(resume)).split())
    return [
        _pitch(seconds, candidate, role, company, headline, report, stories, why_here)
        for seconds in LENGTHS
    ]


def _pitch(
    seconds: int,
    candidate: str,
    role: str,
    company: str,
    headline: str,
    report: MatchReport | None,
    stories: Sequence[StoryIdea],
    why_here: str,
) -> Pitch:
    budget = word_budget(seconds)
    terms = strongest_terms(report, _TERMS[seconds])
    told = list(stories[: _STORIES[seconds]])
    opening = _opening(candidate, headline)
    closing = f"That is what I would bring to the {role} role at {company}." if role else ""
    optional: list[tuple[str, str | None]] = []  # (sentence, story title it uses)
    if terms:
        optional.append((f"My strongest ground is {_and(terms)}.", None))
    for n, story in enumerate(told):
        lead = "For example" if n == 0 else "Another example"
        if seconds == 120 and n < 2:
            text = f"{lead}: {story.situation} {_first_person(story.action)} {story.result}"
        elif seconds >= 60:
            text = f"{lead}: {_clause(story.title)}. {story.result}"
        else:
            text = f"{lead}: {_clause(story.title)}."
        optional.append((text, story.title))
    if why_here.strip() and seconds >= 60:
        why = _lower_first(_sentence(why_here))
        optional.append((f"What draws me to {company}: {why}", None))
    chosen: list[tuple[str, str | None]] = []
    used = len((opening + " " + closing).split())
    for sentence, title in optional:
        if used + word_count(sentence) <= budget:
            chosen.append((sentence, title))
            used += word_count(sentence)
    text = " ".join(x for x in [opening, *(s for s, _ in chosen), closing] if x)
    return Pitch(
        seconds=seconds,
        text=text,
        terms=tuple(t for t in terms if any(t in s for s, _ in chosen)),
        stories=tuple(title for _, title in chosen if title),
    )


def _opening(candidate: str, headline: str) -> str:
    name = candidate.strip()
    if not headline:
        who = "[who you are and how long you have done this work, in one sentence]"
        return f"I'm {name}, {who}." if name else f"I'm {who}."
    if re.match(r"^(I|I'm|I am|My)\b", headline):
        return (f"I'm {name}. " if name else "") + _sentence(headline)
    if not name:
        return f"I'm {_article(headline)} {_lower_first(_sentence(headline))}"
    return f"I'm {name}, {_article(headline)} {_lower_first(_sentence(headline))}"


def _first_person(action: str) -> str:
    """An action written as a note ("Wrote short scripts...") as a sentence ("I wrote...")."""
    action = _sentence(action)
    if re.match(r"^(I|We|My|Our|The|A|An|With|After|Then)\b", action):
        return action
    return "I " + _lower_first(action)


def _article(phrase: str) -> str:
    return "an" if phrase[:1].lower() in "aeiou" else "a"


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    if first.isupper() and len(first) > 1:  # an acronym keeps its case
        return text
    return text[:1].lower() + text[1:]


def _clause(text: str) -> str:
    return _lower_first(text.strip().rstrip("."))


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
