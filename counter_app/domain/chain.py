"""The hash chains of the store: a dossier's events, and the citizen-view log.

Each entry's hash covers its content and the previous entry's hash, so an entry edited, removed or inserted
breaks every later link. What an entry says as a fact is hashed: the officer's name is printed on the forms
(Circular 03/2025/TT-VPCP, Mẫu 02 and 03) and on the control sheet, so it is covered with the rest. Decree
118/2025/NĐ-CP (Điều 29) asks that the one-stop system keep the history of every dossier; the chain is how
this program makes that history checkable. The components and handovers of a dossier are projections of its
events' payloads (``db.projection``), so the chain covers them too; the audit rebuilds and compares them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

#: the fields an event's hash covers, in the canonical JSON form of :func:`canonical_json`
HASHED_FIELDS = (
    "id",
    "dossier_id",
    "dossier_code",
    "seq",
    "type",
    "officer_id",
    "officer_name",
    "unit_id",
    "counter_id",
    "device_time",
    "payload",
    "prev_hash",
)


def _json_default(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def canonical_json(value: Any) -> str:
    """Sorted keys, no spaces, UTF-8 text, datetimes as ISO 8601: the same bytes on every machine."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_json_default)


def plain(value: Any) -> Any:
    """``value`` as JSON would give it back (datetimes become ISO text), as it is stored and hashed."""
    return json.loads(canonical_json(value))


def event_hash(fields: Mapping[str, Any]) -> str:
    """SHA-256 (hex) over the hashed fields of an event."""
    body = {name: fields[name] for name in HASHED_FIELDS}
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


#: the fields of a citizen-view log entry (``access_log``) its hash covers
ACCESS_HASHED_FIELDS = (
    "id",
    "seq",
    "officer_id",
    "officer_name",
    "unit_id",
    "counter_id",
    "citizen_id",
    "dossier_id",
    "purpose",
    "at",
    "prev_hash",
)


def access_hash(fields: Mapping[str, Any]) -> str:
    """SHA-256 (hex) over the hashed fields of a citizen-view log entry (Decree 13/2023/NĐ-CP, Điều 27:
    the processing of personal data is logged; the chain makes the log tamper-evident)."""
    body = {name: fields[name] for name in ACCESS_HASHED_FIELDS}
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()
