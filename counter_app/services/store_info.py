"""What a store is — demo, a real unit's counters, or the central store — and the unit it serves.

Written by ``counter-app setup`` (a unit), ``central init`` (the centre) and the demo seeding; read when a
store opens (:func:`counter_app.services.context.open_store`), so that the unit and its official
identifier live in the store and not only in one PC's ``config.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from counter_app.db.models import StoreInfo

KINDS = ("demo", "unit", "central")


@dataclass(frozen=True)
class StoreIdentity:
    """What :func:`read` found: empty strings for what was never written (a store older than setup)."""

    kind: str = ""
    unit_id: str = ""
    identifier: str = ""
    set_up_at: str = ""

    @property
    def is_set_up(self) -> bool:
        return bool(self.kind)


def is_demo(identity: StoreIdentity, *, demo_mode: bool) -> bool:
    """A demo store, where the demo's accounts (PIN 123456) may live: recorded as one by the demo seeding,
    or never set up and opened as the demo (``counter-app --demo``)."""
    return identity.kind == "demo" or (not identity.is_set_up and demo_mode)


def read(session: Session) -> StoreIdentity:
    values = {row.key: row.value for row in session.exec(select(StoreInfo)).all()}
    return StoreIdentity(
        values.get("kind", ""),
        values.get("unit_id", ""),
        values.get("identifier", ""),
        values.get("set_up_at", ""),
    )


def write(
    session: Session, *, kind: str, now: datetime, unit_id: str = "", identifier: str = ""
) -> StoreIdentity:
    """Record what the store is (in the caller's transaction)."""
    if kind not in KINDS:
        raise ValueError(f"unknown store kind {kind!r}")
    for key, value in (("kind", kind), ("unit_id", unit_id), ("identifier", identifier)):
        row = session.get(StoreInfo, key) or StoreInfo(key=key)
        row.value = value
        session.add(row)
    if session.get(StoreInfo, "set_up_at") is None:
        session.add(StoreInfo(key="set_up_at", value=now.isoformat(timespec="seconds")))
    session.flush()
    return read(session)
