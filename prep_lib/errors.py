"""Errors a user can cause. Each message names the problem and the fix, in plain words."""


class PrepError(Exception):
    """Base of every error caused by the user's input rather than by a bug."""


class DocumentError(PrepError):
    """A document (resume, posting, upload) could not be read."""
