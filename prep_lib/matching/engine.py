"""The term engine: the one object that holds what the matcher learns while it reads.

Reading text is quick because the engine remembers: the number of each word it has seen, the
words of each piece of text, how common each term is in the reference postings, and the last
resumes' term vectors. All of that belongs to a ``TermEngine``; nothing is kept in module
globals. ``compare``, ``extract_terms``, ``relevance`` and ``rank_postings`` take one as
``engine=``; without it they use ``default_engine(synonyms)``, one per synonym list (the last
few), which ``drop_default_engines()`` forgets.

Word numbers are limited (``words.MAX_WORDS``, about two million: a term of three words is one
integer). When an engine has numbered that many, it starts afresh by itself and redoes the
piece of work it was on (``run``); results do not depend on the numbering, so nothing changes
for the user.

Functions outside the engine reach the rest of the term machinery through its methods:
``postings`` (the weighted terms of postings, a ``vectors.TermTable``), ``resume`` (a resume's
vector, ``vectors.ResumeVector``), ``frequencies`` (reference plus company postings) and
``analyzer`` (words and their numbers).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from prep_lib.errors import MatchingError
from prep_lib.matching.analyzer import Analyzer
from prep_lib.matching.kinds import TermKinds
from prep_lib.matching.lines import LineReader
from prep_lib.matching.vectors import ResumeVector, TermTable, Texts
from prep_lib.matching.vocabulary import DocFreq, load_synonyms, reference_postings
from prep_lib.matching.words import MAX_WORDS, WordSpaceFull

Result = TypeVar("Result")
RESUMES_KEPT = 2  # resume vectors remembered (ranking asks for the same resume batch by batch)
DEFAULT_ENGINES = 4  # default engines kept, one per synonym list


class TermEngine:
    """Reads postings and resumes into weighted terms, remembering what it has read.

    ``synonyms`` maps variants to canonical forms (None: ``load_synonyms()``, read now).
    ``word_capacity`` is how many different words it numbers before it starts afresh (the
    default is the most a term code holds). ``restarts`` counts the fresh starts.
    Raises ``MatchingError`` for a synonym list that cannot be used.
    """

    def __init__(
        self, synonyms: Mapping[str, str] | None = None, *, word_capacity: int = MAX_WORDS
    ) -> None:
        if synonyms is None:
            synonyms = load_synonyms()
        elif not isinstance(synonyms, Mapping):
            raise MatchingError("synonyms must be a mapping of variant to canonical form, or None.")
        self.synonyms = dict(synonyms)
        self.word_capacity = word_capacity
        self.restarts = 0
        self._analyzer = Analyzer(self.synonyms, capacity=word_capacity)  # checks the synonyms
        self._lines = LineReader(self._analyzer)
        self._reference: DocFreq | None = None
        self._kinds: TermKinds | None = None
        self._resumes: dict[str, ResumeVector] = {}
        self._company: tuple[tuple[str, ...], DocFreq] | None = None

    @property
    def analyzer(self) -> Analyzer:
        """Turns text into word numbers (see ``prep_lib.matching.analyzer``)."""
        return self._analyzer

    @property
    def reference(self) -> DocFreq:
        """How common each term is in the reference postings (counted on first use)."""
        if self._reference is None:
            self._reference = DocFreq.of(self._analyzer, reference_postings())
        return self._reference

    @property
    def kinds(self) -> TermKinds:
        """The shipped word lists in this engine's word numbers (made on first use)."""
        if self._kinds is None:
            self._kinds = TermKinds(self._analyzer)
        return self._kinds

    def frequencies(self, company: Sequence[str] = ()) -> DocFreq:
        """The reference frequencies, with the company's postings counted too if given (the
        last company's are kept: a user re-scores against the same postings)."""
        if not company:
            return self.reference
        key = tuple(company)
        if self._company is None or self._company[0] != key:
            self._company = (key, self.reference.with_documents(company))
        return self._company[1]

    def postings(
        self,
        texts: Sequence[str],
        frequencies: DocFreq | None = None,
        *,
        employers: Sequence[str] = (),
    ) -> TermTable:
        """The weighted terms of ``texts`` (postings), each with its own phrases; ``employers``
        names each text's employer where known (its name is never a key term)."""
        read = Texts(
            self._analyzer, texts, kinds=self.kinds, lines=self._lines, employers=employers
        )
        return TermTable(
            self._analyzer,
            read,
            frequencies or self.reference,
            self.kinds,
        )

    def resume(self, text: str, frequencies: DocFreq | None = None) -> ResumeVector:
        """A resume's term vector. Against the reference frequencies, the last few are kept."""
        if frequencies is not None and frequencies is not self.reference:
            return ResumeVector(self._analyzer, text, frequencies, self.kinds)
        vector = self._resumes.pop(text, None) or ResumeVector(
            self._analyzer, text, self.reference, self.kinds
        )
        self._resumes[text] = vector  # now the most recent
        while len(self._resumes) > RESUMES_KEPT:
            del self._resumes[next(iter(self._resumes))]
        return vector

    def reset(self) -> None:
        """Forget everything read so far (the synonyms stay)."""
        self._analyzer = Analyzer(self.synonyms, capacity=self.word_capacity)
        self._lines = LineReader(self._analyzer)
        self._reference = None
        self._kinds = None
        self._company = None
        self._resumes.clear()

    def run(self, work: Callable[[], Result]) -> Result:
        """``work()``, started again on a fresh engine if the word numbers run out during it.

        ``work`` must reach the engine's state only through the engine (not hold a table or
        vector from before). Raises ``MatchingError`` if one piece of work alone holds more
        different words than the engine can number.
        """
        try:
            return work()
        except WordSpaceFull:
            self.reset()
            self.restarts += 1
        try:
            return work()
        except WordSpaceFull:
            self.reset()
            raise TooManyWords(
                f"These texts hold more than {self.word_capacity:,} different words together, "
                "more than can be compared at once. Compare fewer or shorter texts at a time."
            ) from None


class TooManyWords(MatchingError):
    """One piece of work holds more different words than an engine can number."""


_DEFAULTS: dict[tuple[tuple[str, str], ...], TermEngine] = {}


def default_engine(synonyms: Mapping[str, str] | None = None) -> TermEngine:
    """The engine used when none is given, one per synonym list (None: ``load_synonyms()``)."""
    if synonyms is None:
        synonyms = load_synonyms()
    elif not isinstance(synonyms, Mapping):
        raise MatchingError("synonyms must be a mapping of variant to canonical form, or None.")
    key = tuple(sorted(synonyms.items()))
    engine = _DEFAULTS.pop(key, None) or TermEngine(synonyms)
    _DEFAULTS[key] = engine  # now the most recent
    while len(_DEFAULTS) > DEFAULT_ENGINES:
        del _DEFAULTS[next(iter(_DEFAULTS))]
    return engine


def drop_default_engines() -> None:
    """Forget the default engines and all they have read (the next call starts afresh)."""
    _DEFAULTS.clear()


def engine_for(synonyms: Mapping[str, str] | None, engine: TermEngine | None) -> TermEngine:
    """The engine a public function uses: ``engine`` if given, else the default one for
    ``synonyms``. Raises ``MatchingError`` when both are given (an engine has its synonyms)."""
    if engine is None:
        return default_engine(synonyms)
    if not isinstance(engine, TermEngine):
        raise MatchingError(f"engine must be a TermEngine, not {type(engine).__name__}.")
    if synonyms is not None:
        raise MatchingError(
            "Give synonyms or an engine, not both: an engine keeps the synonyms it was made with "
            "(TermEngine(synonyms))."
        )
    return engine
