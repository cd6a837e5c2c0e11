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
