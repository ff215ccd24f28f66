"""Errors a user can cause. Each message names the problem and the fix, in plain words.

Every error the package raises because of the user's input is a ``PrepError``; notebooks and
widgets catch ``PrepError`` and show its message beside the input that caused it. Anything else
is a bug.
"""


class PrepError(Exception):
    """Base of every error caused by the user's input rather than by a bug."""


class DocumentError(PrepError):
    """A document (resume, posting, upload) could not be read."""


class MatchingError(PrepError):
    """A posting or resume cannot be compared (for example, it has no words to compare)."""


class SalaryDataError(PrepError):
    """Salary figures are missing, malformed or inconsistent."""


class LogError(PrepError):
    """The interview log refused an entry (unknown id, empty required field, duplicate...)."""


class SaveError(PrepError):
    """A file could not be written (folder refused, disk full...); the old file is unchanged."""


class PlanError(PrepError):
    """A second-interview plan cannot be built from what the log holds."""
