"""Check a rehearsed answer for the four STAR parts and for a measurable result.

``check_star(answer)`` looks at each sentence for the signs of each part:

- situation: context such as "when", "at my last job", "at Acme", "there was", "our clinic had",
  a year;
- task: what was at stake for the speaker, e.g. "I had to", "my goal was", "I was asked to";
- action: the speaker doing something, "I" or "we" followed by a past-tense verb ("I mapped");
- result: a change, e.g. "as a result", "led to", "fell", "rose", "saved", "in the end";
- measurable: a number with a unit, a percentage, an amount of money, or "half", "doubled".

It is a checklist, not a grade: it finds the usual wording of each part, so an unusual phrasing can
be missed, and it says which parts it could not find and what to add. Each found part keeps the
sentence that shows it, so the candidate sees why.
"""

import re
from dataclasses import dataclass

_I = re.IGNORECASE
_SITUATION = re.compile(
    r"\b(when|while|during|at (my|our|the) (last|previous|current|old|former)|"
    r"in (my|our) (last|previous|current|old|former) (job|role|position|team)|there (was|were)|"
    r"we (had|were|faced)|(our|the) (team|clinic|store|department|company|hospital|office|unit|"
    r"site|client|branch|school|ward)s? (was|were|had|faced|lost)|last (year|month|spring|summer|"
    r"autumn|fall|winter)|in (19|20)\d\d|(a|two|three|few) (years|months) ago|"
    r"(our|my|the) \w+ (had|ran|kept|grew|lost|faced)|(?-i:[Aa]t [A-Z][\w&.-]+))\b",
    _I,
)
_TASK = re.compile(
    r"\b(my (job|task|goal|role|responsibility|aim|challenge) was|"
    r"i (was|were) (asked|tasked|responsible|expected|charged|given)|"
    r"i (had|needed|wanted) to|we (had|needed) to|the (goal|aim|target|task) was|"
    r"i was in charge|it was up to me|responsible for|my manager asked)\b",
    _I,
)
_NOT_ACTIONS = frozenset(
    {"needed", "wanted", "hoped", "wished", "liked", "loved", "used", "supposed"}
)
_IRREGULAR = (
    "built|made|led|ran|set|wrote|rewrote|took|began|brought|chose|drew|found|gave|got|held|"
    "kept|met|paid|put|sent|spent|spoke|taught|told|went|won|sat|did|rebuilt|cut|dealt|sought|"
    "stood|undertook|bought|sold|caught|drove|fed|fought|hired|hid|knew|lent|let|rang|rode|"
    "saw|showed|shut|split|struck|swept|threw|understood|woke|broke"
)
_ACTION = re.compile(rf"\b(i|we)\s+(then\s+|also\s+|first\s+)?(\w+ed|{_IRREGULAR})\b", _I)
_RESULT = re.compile(
    r"\b(as a result|result(ed|s)? in|which (led|meant)|led to|so that|in the end|"
    r"by the end|outcome|afterwards|since then|fell|dropped|rose|grew|increased|decreased|"
    r"reduced|improved|saved|went (up|down)|doubled|halved|tripled|achieved|won|stopped|"
    r"came down|now (takes|runs|comes|is|are))\b",
    _I,
)
_MEASURABLE = re.compile(
    r"(\d+(\.\d+)?\s?%|[$£€]\s?\d[\d,.]*\s?[kKmM]?\b|"
    r"\b\d[\d,.]*\s?(percent|per cent|days?|hours?|weeks?|months?|minutes?|seconds?|years?|"
    r"people|staff|patients|customers|clients|calls|visits|points?|hires|orders|cases|"
    r"claims|sites|stores|times)\b|"
    r"\b(half|doubled|tripled|halved|twice|three times|one in \w+)\b)",
    _I,
)

ADVICE = {
    "situation": "Set the scene in one sentence: where you were and what was going on.",
    "task": "Say what you had to achieve, or what was at stake for you.",
    "action": "Say what you did yourself, with 'I' and a verb: 'I mapped…, I trained…'.",
    "result": "End with what changed because of what you did.",
    "measurable": "Put a number on the result: a percentage, an amount, time saved, people helped.",
}


@dataclass(frozen=True)
class StarCheck:
    """Which STAR parts an answer shows; each holds the sentence that shows it, '' when missing."""

    situation: str
    task: str
    action: str
    result: str
    measurable: str  # the figure found, e.g. "14% to 9%"; '' when none

    @property
    def missing(self) -> list[str]:
        return [part for part in ADVICE if not getattr(self, part)]

    @property
    def complete(self) -> bool:
        return not self.missing

    def feedback(self) -> list[str]:
        """One line per missing part saying what to add; a short confirmation when none is."""
        if self.complete:
            return ["All four STAR parts are there, with a measurable result."]
        return [ADVICE[part] for part in self.missing]


def sentences(text: str) -> list[str]:
    """Split an answer into sentences (also on line breaks, as typed notes often have none)."""
    parts = re.split(r"(?<=[.!?])\s+|\n+", text.strip())
    return [p.strip(" -•*") for p in parts if p.strip(" -•*")]


def check_star(answer: str) -> StarCheck:
    """Find the STAR parts and a measurable result in an answer (see the module docstring)."""
    said = sentences(answer or "")

    def first(pattern: re.Pattern[str], *, skip: frozenset[str] = frozenset()) -> str:
        for sentence in said:
            for match in pattern.finditer(sentence):
                if match.group(0).split()[-1].lower() not in skip:
                    return sentence
        return ""

    figure = _MEASURABLE.search(" ".join(said))
    return StarCheck(
        situation=first(_SITUATION),
        task=first(_TASK),
        action=first(_ACTION, skip=_NOT_ACTIONS),
        result=first(_RESULT),
        measurable=figure.group(0) if figure else "",
    )
