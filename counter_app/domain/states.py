"""Dossier statuses, the transitions allowed between them, channels and timeliness.

Status codes are those of the national public service portal (``TrangThaiHoSo``
1-10); channel codes those of ``KenhThucHien`` (1 counter, 2 online, 3 post).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import Enum, IntEnum
from types import MappingProxyType

from ._time import to_local_naive
from .messages import DomainError, render

__all__ = [
    "FINISHED",
    "OPEN",
    "TERMINAL",
    "TRANSITIONS",
    "Channel",
    "IllegalTransition",
    "InvalidStatus",
    "Status",
    "Timeliness",
    "allowed",
    "can_transition",
    "check_transition",
    "is_finished",
    "is_terminal",
    "label",
    "timeliness",
]


class InvalidStatus(DomainError):
    """A status or channel code that does not exist."""


class IllegalTransition(DomainError):
    """A status change the rules do not allow."""


class Status(IntEnum):
    """Dossier status, with the national portal's codes."""

    REGISTERED_ONLINE = 1
    RECEIVED = 2
    REFUSED = 3
    PROCESSING = 4
    SUPPLEMENT_REQUESTED = 5
    AWAITING_FEE = 6
    WITHDRAWN = 7
    STOPPED = 8
    RESULT_READY = 9
    RETURNED = 10

    @property
    def label(self) -> str:
        """Vietnamese label, e.g. ``"Đang xử lý"``."""
        return render(f"status.{self.name.lower()}")


class Channel(IntEnum):
    """How the dossier was submitted (``KenhThucHien``)."""

    COUNTER = 1
    ONLINE = 2
    POST = 3

    @property
    def label(self) -> str:
        """Vietnamese label, e.g. ``"Trực tuyến"``."""
        return render(f"channel.{self.name.lower()}")


class Timeliness(Enum):
    """Whether a dossier was finished before, on or after its due date."""

    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"

    @property
    def label(self) -> str:
        """Vietnamese label, e.g. ``"Đúng hạn"``."""
        return render(f"timeliness.{self.value}")


_S = Status
TRANSITIONS: Mapping[Status, frozenset[Status]] = MappingProxyType(
    {
        _S.REGISTERED_ONLINE: frozenset({_S.RECEIVED, _S.REFUSED, _S.SUPPLEMENT_REQUESTED, _S.WITHDRAWN}),
        _S.RECEIVED: frozenset(
            {
                _S.PROCESSING,
                _S.SUPPLEMENT_REQUESTED,
                _S.AWAITING_FEE,
                _S.WITHDRAWN,
                _S.STOPPED,
                _S.RESULT_READY,
            }
        ),
        _S.REFUSED: frozenset(),
        _S.PROCESSING: frozenset(
            {_S.SUPPLEMENT_REQUESTED, _S.AWAITING_FEE, _S.WITHDRAWN, _S.STOPPED, _S.RESULT_READY}
        ),
        _S.SUPPLEMENT_REQUESTED: frozenset(
            {_S.RECEIVED, _S.PROCESSING, _S.REFUSED, _S.WITHDRAWN, _S.STOPPED}
        ),
        _S.AWAITING_FEE: frozenset({_S.PROCESSING, _S.RESULT_READY, _S.WITHDRAWN}),
        _S.WITHDRAWN: frozenset(),
        _S.STOPPED: frozenset(),
        _S.RESULT_READY: frozenset({_S.RETURNED}),
        _S.RETURNED: frozenset(),
    }
)
"""For each status, the statuses a dossier may move to next."""

TERMINAL: frozenset[Status] = frozenset(s for s, targets in TRANSITIONS.items() if not targets)
"""Statuses a dossier never leaves: refused, withdrawn, stopped, returned."""

OPEN: frozenset[Status] = frozenset(Status) - TERMINAL
"""Statuses from which the dossier can still move (result ready included: it is not yet returned)."""

FINISHED: frozenset[Status] = frozenset({Status.RESULT_READY, Status.RETURNED})
"""Statuses that count as finished for the on-time indicator (the result exists)."""

del _S


def _status(value: int) -> Status:
    if isinstance(value, Status):
        return value
    if isinstance(value, int) and not isinstance(value, bool | Channel):
        try:
            return Status(value)
        except ValueError:
            pass
    raise InvalidStatus("status.invalid", value=value)


def label(value: Status | Channel | Timeliness | int) -> str:
    """Vietnamese label of a status, a channel or a timeliness; a plain int is read as a status code."""
    if isinstance(value, Channel | Timeliness):
        return value.label
    return _status(value).label


def allowed(from_: Status | int) -> frozenset[Status]:
    """The statuses a dossier in ``from_`` may move to."""
    return TRANSITIONS[_status(from_)]


def can_transition(from_: Status | int, to: Status | int) -> bool:
    """True when moving from ``from_`` to ``to`` is allowed (False for unknown codes)."""
    try:
        return _status(to) in TRANSITIONS[_status(from_)]
    except InvalidStatus:
        return False


def check_transition(from_: Status | int, to: Status | int) -> None:
    """Raise :class:`IllegalTransition`, naming both states, unless the move is allowed.

    Unknown status codes raise :class:`InvalidStatus`.
    """
    source, target = _status(from_), _status(to)
    if target not in TRANSITIONS[source]:
        raise IllegalTransition(
            "transition.illegal",
            from_status=int(source),
            to_status=int(target),
            from_label=source.label,
            to_label=target.label,
        )


def is_finished(status: Status | int) -> bool:
    """True for result ready and returned (the dossier counts as finished)."""
    return _status(status) in FINISHED


def is_terminal(status: Status | int) -> bool:
    """True for statuses with no way out."""
    return _status(status) in TERMINAL


def timeliness(finished_at: datetime, due_at: datetime) -> Timeliness:
    """Classify a finished dossier against its due time.

    Late: finished after the due instant.  Early: finished on a calendar day before
    the due day.  On time: the due day itself, not after the due instant.  Calendar
    days are those of Asia/Ho_Chi_Minh; naive datetimes are local time, aware ones
    are converted, so the two kinds may be mixed.
    """
    finished, due = to_local_naive(finished_at), to_local_naive(due_at)
    if finished > due:
        return Timeliness.LATE
    if finished.date() < due.date():
        return Timeliness.EARLY
    return Timeliness.ON_TIME
