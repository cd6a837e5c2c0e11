"""Faults of the store itself (read-only file, full disk, lock, corruption) as messages for the officer.

SQLite reports them as ``sqlite3.OperationalError``/``DatabaseError`` with a result code
(``sqlite_errorcode``), PostgreSQL with an SQLSTATE; SQLAlchemy wraps both. :func:`translate` turns
such an exception into a :class:`StorageError` (a :class:`ServiceError` with a Vietnamese message),
and leaves any other exception as it is. The transaction that met the fault has been rolled back
by then (``session_scope``), so the message can say truthfully that nothing was half-written.

The command line (``counter_app.cli.failure``) translates every failure this way before it picks the
exit code (3 for a storage fault).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from counter_app.services.errors import ServiceError

# SQLite primary result codes (https://sqlite.org/rescode.html)
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT = 5, 6, 8, 10, 11
SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 13, 14, 26

_SQLITE_KEYS = {
    SQLITE_READONLY: "storage.readonly",
    SQLITE_FULL: "storage.full",
    SQLITE_BUSY: "storage.busy",
    SQLITE_LOCKED: "storage.busy",
    SQLITE_CANTOPEN: "storage.cantopen",
    SQLITE_CORRUPT: "storage.corrupt",
    SQLITE_NOTADB: "storage.corrupt",
    SQLITE_IOERR: "storage.ioerror",
}
#: when the driver gives no code (older Python), the text SQLite always uses
_SQLITE_TEXTS = (
    ("readonly database", "storage.readonly"),
    ("database or disk is full", "storage.full"),
    ("database is locked", "storage.busy"),
    ("unable to open database file", "storage.cantopen"),
    ("database disk image is malformed", "storage.corrupt"),
    ("file is not a database", "storage.corrupt"),
    ("disk i/o error", "storage.ioerror"),
)
# PostgreSQL SQLSTATEs
_PG_KEYS = {
    "25006": "storage.readonly",  # read_only_sql_transaction (hot standby, default_transaction_read_only)
    "53100": "storage.full",  # disk_full
    "53200": "storage.full",  # out_of_memory
    "55P03": "storage.busy",  # lock_not_available
    "XX001": "storage.corrupt",  # data_corrupted
    "58030": "storage.ioerror",  # io_error
}


class StorageError(ServiceError):
    """The store could not do what was asked, for a reason outside the application (disk, rights)."""


def _original(exc: BaseException) -> BaseException:
    return getattr(exc, "orig", None) or exc


def storage_key(exc: BaseException) -> str | None:
    """The message key for a storage fault, or None when ``exc`` is something else."""
    original = _original(exc)
    if isinstance(original, sqlite3.Error):
        code = getattr(original, "sqlite_errorcode", None)
        if isinstance(code, int) and (code & 0xFF) in _SQLITE_KEYS:
            return _SQLITE_KEYS[code & 0xFF]
        text = str(original).lower()
        for needle, key in _SQLITE_TEXTS:
            if needle in text:
                return key
        return None
    sqlstate = getattr(original, "sqlstate", None)
    if isinstance(sqlstate, str):
        return _PG_KEYS.get(sqlstate)
    return None


def translate(exc: BaseException) -> BaseException:
    """A :class:`StorageError` for a storage fault (its cause kept), else ``exc`` unchanged."""
    if isinstance(exc, ServiceError):
        return exc
    key = storage_key(exc)
    if key is None:
        return exc
    error = StorageError(key)
    error.__cause__ = exc
    return error


F = TypeVar("F", bound=Callable[..., Any])


def guard(func: F) -> F:
    """Wrap ``func`` so that storage faults leave it as :class:`StorageError` (for callers that show
    ServiceErrors: the command line, the TUI's workers)."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except Exception as exc:
            translated = translate(exc)
            if translated is exc:
                raise
            raise translated from exc

    return wrapper  # type: ignore[return-value]
