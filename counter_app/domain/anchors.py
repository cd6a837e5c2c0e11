"""Signed chain heads ("anchors"): what a counter vouches for when it pushes a batch of events.

A hash chain alone proves nothing against someone who can rewrite it whole: edit an event, re-hash every
later one, fix the dossier row. An anchor is the counter's signature (Ed25519, the key it signs receipts
with) over the heads of the chains it pushed: for each dossier of the batch, the last event's number, id and
hash. The central store keeps the anchors; a chain that no longer holds a signed head has been rewritten
after it was pushed, and only the counter's private key could have vouched for the new one.

Anchors of one counter are chained as well (``prev_digest``), so that removing one breaks the next.
The rule is a safety design of this program; no legal text prescribes its form (Decree 118/2025/NĐ-CP
asks only that the history of every dossier be kept).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .chain import canonical_json

#: a head: (dossier id, dossier code, event number, event id, event hash)
Head = tuple[str, str, int, str, str]


def heads_of(events: Iterable[Mapping[str, Any]]) -> list[Head]:
    """The last event of each dossier among ``events``, sorted by dossier id."""
    last: dict[str, Mapping[str, Any]] = {}
    for event in events:
        current = last.get(event["dossier_id"])
        if current is None or event["seq"] > current["seq"]:
            last[event["dossier_id"]] = event
    return sorted(
        (e["dossier_id"], e["dossier_code"], int(e["seq"]), e["id"], e["hash"]) for e in last.values()
    )


@dataclass(frozen=True)
class AnchorBody:
    """What is signed: who, when, which key, the previous anchor of the counter and the heads."""

    id: str
    unit_id: str
    counter_id: str
    key_id: str
    signed_at: datetime
    prev_digest: str
    heads: tuple[Head, ...]

    def digest(self) -> str:
        """SHA-256 (hex) of the canonical JSON of the body: the bytes that are signed."""
        body = {
            "id": self.id,
            "unit_id": self.unit_id,
            "counter_id": self.counter_id,
            "key_id": self.key_id,
            "signed_at": self.signed_at,
            "prev_digest": self.prev_digest,
            "heads": [list(h) for h in self.heads],
        }
        return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


def body_of(row: Mapping[str, Any]) -> AnchorBody:
    """The body of a stored anchor row (a mapping of its columns)."""
    signed_at = row["signed_at"]
    if isinstance(signed_at, str):
        signed_at = datetime.fromisoformat(signed_at)
    return AnchorBody(
        id=row["id"],
        unit_id=row["unit_id"],
        counter_id=row["counter_id"],
        key_id=row["key_id"],
        signed_at=signed_at,
        prev_digest=row["prev_digest"] or "",
        heads=tuple((h[0], h[1], int(h[2]), h[3], h[4]) for h in row["heads"]),
    )
