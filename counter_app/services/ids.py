"""Identifiers for rows that travel between stores.

Random UUIDs in normal work; :func:`deterministic_ids` makes them reproducible, so the demo store
seeded with the same parameters holds the same data.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

_rng: random.Random | None = None


def new_id() -> str:
    if _rng is None:
        return str(uuid.uuid4())
    return str(uuid.UUID(int=_rng.getrandbits(128), version=4))


@contextmanager
def deterministic_ids(seed: int) -> Iterator[None]:
    global _rng
    previous, _rng = _rng, random.Random(seed)
    try:
        yield
    finally:
        _rng = previous


#: what a citizen's id is derived from, before the unit and the number (``citizen_id_for``)
CITIZEN_ID_PREFIX = "counter-app/citizen"


def citizen_id_for(unit_id: str, cccd: str) -> str:
    """The id of ``unit_id``'s own record of the citizen with identity number ``cccd``.

    Derived, so that two counters of the unit meeting the same citizen offline create the same row; per
    unit, so that knowing a number gives no way to name (and so to read) another unit's record — a unit
    sees another unit's record of a citizen only with a dossier handed over to it. The central store
    derives the same id (``sync.security``: SHA-256 over ``prefix:unit:number``, the first 16 bytes as a
    version-8 UUID, RFC 9562) and refuses a new citizen whose id is not the registering unit's.
    """
    raw = bytearray(hashlib.sha256(f"{CITIZEN_ID_PREFIX}:{unit_id}:{cccd}".encode()).digest()[:16])
    raw[6] = (raw[6] & 0x0F) | 0x80
    raw[8] = (raw[8] & 0x3F) | 0x80
    return str(uuid.UUID(bytes=bytes(raw)))
