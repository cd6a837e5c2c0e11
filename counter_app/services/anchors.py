"""Making and checking a counter's signed chain heads (:mod:`counter_app.domain.anchors`).

A counter signs, when it pushes a batch, the heads of the chains in it with the key it signs receipts with;
the anchor is kept in its own store and in the central store. Checking costs one Ed25519 verification per
anchor, whatever the number of events it covers.
"""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from sqlmodel import Session, col, select

from counter_app.db.models import ChainAnchor
from counter_app.domain import anchors
from counter_app.printing.signing import CounterSigner, from_published_form
from counter_app.services.errors import ServiceError
from counter_app.services.ids import new_id


class AnchorError(ServiceError):
    """Signed heads that do not check: not signed by the key they name, or not the heads they claim."""


def last_digest(session: Session, counter_id: str) -> str:
    """The digest of the counter's newest anchor in this store ("" before the first)."""
    found = session.exec(
        select(ChainAnchor.digest)
        .where(ChainAnchor.counter_id == counter_id)
        .order_by(col(ChainAnchor.signed_at).desc(), col(ChainAnchor.id).desc())
        .limit(1)
    ).first()
    return found or ""


def make(
    signer: CounterSigner,
    unit_id: str,
    events: list[dict[str, Any]],
    *,
    prev_digest: str,
    now: datetime,
) -> dict[str, Any]:
    """The signed heads of ``events`` (one batch), as a ``chain_anchor`` row."""
    body = anchors.AnchorBody(
        id=new_id(),
        unit_id=unit_id,
        counter_id=signer.counter_id,
        key_id=signer.key_id,
        signed_at=now.replace(microsecond=0),
        prev_digest=prev_digest,
        heads=tuple(anchors.heads_of(events)),
    )
    digest = body.digest()
    return {
        "id": body.id,
        "unit_id": body.unit_id,
        "counter_id": body.counter_id,
        "key_id": body.key_id,
        "signed_at": body.signed_at,
        "prev_digest": body.prev_digest,
        "heads": [list(h) for h in body.heads],
        "digest": digest,
        "signature": base64.b64encode(signer.sign(digest.encode("ascii"))).decode("ascii"),
    }


def check_signature(body: anchors.AnchorBody, digest: str, signature: str, public_key: str) -> None:
    """Raise :class:`AnchorError` unless ``digest`` is the body's and ``signature`` is the key's over it
    (``public_key``: the raw 32-byte Ed25519 key, base64, as ``counter_key`` publishes it)."""
    if body.digest() != digest:
        raise AnchorError("trust.anchor.digest_differs")
    try:
        key = from_published_form(public_key)
        key.verify(base64.b64decode(signature, validate=True), digest.encode("ascii"))
    except (InvalidSignature, ValueError) as exc:  # binascii.Error is a ValueError
        raise AnchorError("trust.anchor.bad_signature", key_id=body.key_id) from exc
