"""Local-time helpers shared by the domain modules."""

from __future__ import annotations

from datetime import datetime, tzinfo
from functools import cache
from zoneinfo import ZoneInfo

LOCAL_TZ_NAME = "Asia/Ho_Chi_Minh"


@cache
def local_tz() -> tzinfo:
    """The zone of the counters (loaded on first use, so importing the domain needs no tz data)."""
    return ZoneInfo(LOCAL_TZ_NAME)


def is_aware(dt: datetime) -> bool:
    return dt.tzinfo is not None and dt.utcoffset() is not None


def to_local_naive(dt: datetime, tz: tzinfo | None = None) -> datetime:
    """Wall-clock time of ``dt`` in ``tz`` (default: the local zone), without tzinfo.

    A naive ``dt`` is already local time and is returned as is.
    """
    if not is_aware(dt):
        return dt.replace(tzinfo=None)
    return dt.astimezone(tz or local_tz()).replace(tzinfo=None)


def like_input(local: datetime, original: datetime, tz: tzinfo | None = None) -> datetime:
    """``local`` (a naive local wall time) naive if ``original`` was naive, else aware in ``tz``."""
    if not is_aware(original):
        return local
    return local.replace(tzinfo=tz or local_tz())
