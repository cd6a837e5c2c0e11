"""An officer's own settings, kept in the counter's store: how the text fields turn keys into Vietnamese.

``typing`` is ``off``, ``telex`` or ``vni`` (:data:`counter_app.domain.telex.MODES`), ``typing_style`` the
tone placement, ``old`` (UniKey's default, «hòa») or ``new`` («hoà»). An officer who never chose has
``off`` and ``old``. Each officer reads and writes only their own rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.db.models import OfficerPreference
from counter_app.domain.telex import MODES, STYLES
from counter_app.services.context import Actor, Store
from counter_app.services.errors import ServiceError

__all__ = ["TypingPreference", "set_typing", "typing_preference"]

TYPING, TYPING_STYLE = "typing", "typing_style"


@dataclass(frozen=True)
class TypingPreference:
    mode: str = MODES[0]
    style: str = STYLES[0]


def typing_preference(store: Store, actor: Actor) -> TypingPreference:
    """The typing mode and tone style ``actor`` chose last (the defaults when never chosen)."""
    if not actor.officer_id:
        return TypingPreference()
    with store.session() as session:
        mode = session.get(OfficerPreference, (actor.officer_id, TYPING))
        style = session.get(OfficerPreference, (actor.officer_id, TYPING_STYLE))
        return TypingPreference(
            mode.value if mode is not None and mode.value in MODES else MODES[0],
            style.value if style is not None and style.value in STYLES else STYLES[0],
        )


def set_typing(
    store: Store, actor: Actor, *, mode: str | None = None, style: str | None = None
) -> TypingPreference:
    """Remember ``actor``'s typing mode and/or tone style; returns what is now remembered."""
    if mode is not None and mode not in MODES:
        raise ServiceError("typing.unknown_mode", mode=mode)
    if style is not None and style not in STYLES:
        raise ServiceError("typing.unknown_style", style=style)
    if not actor.officer_id:
        return TypingPreference(mode or MODES[0], style or STYLES[0])
    with store.session() as session:
        for name, value in ((TYPING, mode), (TYPING_STYLE, style)):
            if value is None:
                continue
            row = session.get(OfficerPreference, (actor.officer_id, name))
            if row is None:
                session.add(OfficerPreference(officer_id=actor.officer_id, name=name, value=value))
            else:
                row.value = value
    return typing_preference(store, actor)
