"""Who may record what on a dossier: ownership instead of conflicts.

Exactly one unit holds a dossier at a time. Only the holder may change it, with three exceptions:
the unit a handover is addressed to answers it (accepts or sends it back), and the unit where the
citizen collects the result (the return point) records the return and the rating.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

HANDOVER_ANSWERS = frozenset({"handover_accepted", "handover_returned"})
#: the return point may also digitise the result it hands over (``result_digitised``) and hand it to the post
#: office (``posted``: a result returned by post)
RETURN_POINT_EVENTS = frozenset({"returned", "rated", "not_rated", "result_digitised", "posted"})
#: the sending unit takes back a handover not answered yet (custody never left it)
HANDOVER_RECALL = "handover_recalled"
#: the sending unit has seen that its handover was sent back (the flag on its inbox and dossier goes)
SENT_BACK_NOTED = "handover_return_noted"
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
    if event_type == HANDOVER_RECALL:
        return pending_handover_to is not None and actor_unit == custodian
    if event_type in RETURN_POINT_EVENTS:
        return actor_unit in (custodian, return_unit)
    return actor_unit == custodian


def sent_back_open(handover_id: str, events: Iterable[tuple[str, Mapping[str, Any]]]) -> bool:
    """Whether a handover the receiving unit sent back still waits for the sending unit's attention, from the
    dossier's events in order (type, payload): from its ``handover_returned`` on, until the sending unit notes
    it (:data:`SENT_BACK_NOTED`), hands the dossier on again, or moves its status (acts on it). A rule of this
    program: the control sheet (Mẫu 06, Circular 03/2025/TT-VPCP) records the return, not who has read it."""
    seen = False
    for kind, payload in events:
        handover = payload.get("handover") or {}
        if kind == "handover_returned" and handover.get("id") == handover_id:
            seen = True
        elif seen and (
            (kind == SENT_BACK_NOTED and payload.get("noted_handover") == handover_id)
            or kind == "handover_sent"
            or "status" in (payload.get("set") or {})
        ):
            return False
    return seen
