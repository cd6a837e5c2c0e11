"""What the exit status of ``counter-app`` means, and the error a command raises to stop with one.

Every command returns an :class:`ExitCode` (or raises); ``counter_app.cli.run`` turns any exception into
one line on standard error and one of these codes, the same way for every command.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The exit statuses of every subcommand (listed in ``counter-app --help``)."""

    OK = 0
    #: done, but something needs attention: the audit found broken history, the central store refused
    #: events, there is no key to export; or an unexpected error (its traceback is in the log file)
    PROBLEMS = 1
    #: refused: bad arguments or settings, an action the rules forbid, a receipt that is not genuine,
    #: records that could not be imported, a file that cannot be read or written
    REFUSED = 2
    #: the store or the central server cannot be used (connection, disk full, read-only, locked)
    UNAVAILABLE = 3
    #: stopped with Ctrl+C
    INTERRUPTED = 130


class CommandError(Exception):
    """Stop the command: ``str()`` is the one line the person at the terminal reads."""

    def __init__(self, message: str, code: ExitCode = ExitCode.REFUSED) -> None:
        super().__init__(message)
        self.code = code
