"""Errors a user can understand and act on, as opposed to bugs.

The CLI prints a ``KnownError`` as one line and exits non-zero; the GUI shows it in plain words.
Anything else is a bug: it gets a traceback in the log (qutebrowser's KnownError/BugError split).
"""


class KnownError(Exception):
    """A failure with a plain-language message the user can fix (bad URL, offline, locked DB)."""


class DatabaseTooNewError(KnownError):
    """The database was written by a newer Attaché than this one."""


class NotFoundError(KnownError):
    """A source or item id that does not exist."""
