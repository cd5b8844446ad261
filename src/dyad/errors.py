"""Errors that reach the user as one line.

Anything raised as a ``DyadError`` is the user's to act on (a path, a
database, an option); the CLI prints its message and exits non-zero without a
traceback. Anything else is a bug in dyad.
"""


class DyadError(Exception):
    """A problem the user can fix; ``str(err)`` is the whole message."""

    exit_code = 1


class StoreError(DyadError):
    """The database cannot be opened, created or written."""


class InputError(DyadError):
    """An input cannot be read at all."""


class UsageError(DyadError):
    """Options that do not fit together."""

    exit_code = 2
