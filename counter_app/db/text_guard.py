"""The store's last line of defence for text: nothing with a refused character is ever flushed.

Every service checks the text it takes in (``services/text_input.py``, the CCCD parser, the portal
import); this listener catches what a service forgot. Before every flush, each ``str`` attribute of
every new or changed row, and every string nested in a JSON column (event payloads, handover
documents), is checked against the character policy of :mod:`counter_app.domain.text_rules`: NUL
(which a PostgreSQL ``text`` column cannot hold, so one would stop a counter's sync for good), the
other control characters, bidirectional controls and zero-width characters are refused with
:class:`~counter_app.domain.text_rules.UnsafeText` naming ``table.column``, and the transaction rolls
back. A few columns that hold several lines (errors reported by a server) accept TAB, LF and CR, and so do
strings inside JSON values (JSON writes them as escapes, and the services have checked each typed field
already: the guard is about what can harm a store, a terminal or a reader).

A session whose ``info["text_guard"]`` is ``"replica"`` (rows copied from another store that already
accepted them, e.g. a pull) is held to the multi-line policy in every column, so a line break stored
before these checks existed cannot stop a sync; NUL, ESC, bidi and zero-width characters are still refused.

The listener is registered once on SQLModel's ``Session`` class, so it guards every session of both
the local store and the central one, whoever creates it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import UOWTransaction
from sqlmodel import Session

from counter_app.domain.text_rules import UnsafeText, describe_char, first_unsafe

__all__ = ["MULTILINE_COLUMNS", "check_row", "install"]

#: (table, column) that may hold TAB, LF and CR: texts reported by a server or a driver
MULTILINE_COLUMNS = frozenset(
    {
        ("outbox", "last_error"),
        ("sync_rejection", "reason"),
        ("sync_state", "value"),
        ("dossier", "needs_attention"),
    }
)
#: JSON nested this deep is refused outright (no payload the app writes comes near it)
_MAX_DEPTH = 32


def _strings(value: Any, depth: int = 0) -> Iterator[str]:
    """Every string inside a JSON value: keys and values of objects, items of lists."""
    if depth > _MAX_DEPTH:
        yield "\x00"  # refused below, as an over-deep structure cannot be checked
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str):
                yield key
            yield from _strings(item, depth + 1)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item, depth + 1)


def check_row(obj: Any, *, changed_only: bool = False, replica: bool = False) -> None:
    """Raise :class:`UnsafeText` when a text attribute of the mapped ``obj`` holds a refused character.

    ``changed_only``: check only the attributes changed since the row was loaded (an update), so a row
    stored before this check existed can still be updated in its other columns.
    """
    state = inspect(obj)
    mapper = state.mapper
    table = getattr(mapper.local_table, "name", mapper.class_.__name__)
    for attr in mapper.column_attrs:
        if changed_only and not state.attrs[attr.key].history.has_changes():
            continue
        value = state.dict.get(attr.key)
        if value is None or isinstance(value, int | float | bool):
            continue
        multiline = replica or (table, attr.key) in MULTILINE_COLUMNS or not isinstance(value, str)
        for text in _strings(value):
            index = first_unsafe(text, multiline=multiline)
            if index is not None:
                raise UnsafeText(
                    "text.unsafe_char",
                    field=f"{table}.{attr.key}",
                    char=describe_char(text[index]),
                    position=index + 1,
                )


def _before_flush(session: OrmSession, _context: UOWTransaction, _instances: Any) -> None:
    replica = session.info.get("text_guard") == "replica"
    for obj in session.new:
        check_row(obj, replica=replica)
    for obj in session.dirty:
        check_row(obj, changed_only=True, replica=replica)


def install() -> None:
    """Register the listener on SQLModel's ``Session`` class (idempotent)."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
