"""Identifiers for rows that travel between stores.

Random UUIDs in normal work; :func:`deterministic_ids` makes them reproducible, so the demo store
seeded with the same parameters holds the same data.
"""

from __future__ import annotations

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


#: namespace of citizen identifiers: a citizen's id is derived from their CCCD number, so two
#: counters that meet the same citizen offline create the same row and sync merges them.
CITIZEN_NAMESPACE = uuid.UUID("5b0d7f7e-3c1a-4f55-9a55-6f6e65737465")


def citizen_id_for(cccd: str) -> str:
    return str(uuid.uuid5(CITIZEN_NAMESPACE, cccd))
