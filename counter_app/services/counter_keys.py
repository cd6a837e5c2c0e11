"""Public keys the counters publish through the central store (``counter_key`` rows, which the sync pulls into
every counter's store): any unit verifies any unit's receipts without exchanging key files."""

from __future__ import annotations

import base64
import binascii
import logging

from sqlmodel import select

from counter_app.db.models import CounterKey
from counter_app.printing.signing import KeyFileError, KeyRing
from counter_app.services.context import Store

log = logging.getLogger(__name__)


def trust_published(store: Store, ring: KeyRing) -> int:
    """Add to ``ring`` every key published in ``store`` (key files already in it keep their label); returns
    how many keys the ring did not know. A damaged row is skipped (logged)."""
    with store.session() as session:
        rows = [(r.key_id, r.public_key, r.counter_id) for r in session.exec(select(CounterKey)).all()]
    added = 0
    for key_id, public_key, counter_id in rows:
        known = key_id in ring
        try:
            ring.add_published(base64.b64decode(public_key, validate=True), counter_id)
        except (binascii.Error, KeyFileError) as exc:
            log.warning("published key %s skipped: %s", key_id, exc)
            continue
        added += not known and key_id in ring
    return added
