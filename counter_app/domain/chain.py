"""The hash chain of a dossier's events: each event's hash covers its content and the previous hash."""

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
