"""Who may record what on a dossier: ownership instead of conflicts.

Exactly one unit holds a dossier at a time. Only the holder may change it, with three exceptions:
the unit a handover is addressed to answers it (accepts or sends it back), and the unit where the
citizen collects the result (the return point) records the return and the rating.
"""

from __future__ import annotations

HANDOVER_ANSWERS = frozenset({"handover_accepted", "handover_returned"})
#: the return point may also digitise the result it hands over (``result_digitised``)
RETURN_POINT_EVENTS = frozenset({"returned", "rated", "result_digitised"})
#: events that start a dossier's history (nobody holds it before them)
FIRST_EVENTS = frozenset({"received", "refused", "registered_online"})


def may_record(
    event_type: str,
    actor_unit: str,
    *,
    custodian: str | None,
    return_unit: str | None,
    pending_handover_to: str | None,
) -> bool:
    """True when ``actor_unit`` may record an event of ``event_type`` on a dossier in this custody state."""
    if custodian is None:
        return event_type in FIRST_EVENTS
    if event_type in HANDOVER_ANSWERS:
        return pending_handover_to is not None and actor_unit == pending_handover_to
    if event_type in RETURN_POINT_EVENTS:
        return actor_unit in (custodian, return_unit)
    return actor_unit == custodian
