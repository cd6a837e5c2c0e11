"""The citizens' devices paired with ``counter-app serve``: the board, the kiosk, the rating tablets.

The administrator pairs a device once (``counter-app serve pair --device kiosk-1 --kind kiosk``): a random
token is printed once, and only its SHA-256 is kept, in ``web-devices.json`` in the data directory (0600, the
store's machine). The device sends the token with every request (a cookie set by ``/pair?token=...``, or an
``Authorization: Bearer`` header); an unknown token, or one of another kind of device, gets nothing.
A 256-bit random token needs no slow hash: nobody can guess it, and its hash alone is useless.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from counter_app.config import Settings
from counter_app.services.errors import ServiceError

DEVICES_FILE = "web-devices.json"
#: what a device may show: the board, the kiosk, a rating tablet (the tablet's pages come later)
KINDS = ("board", "kiosk", "rating")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")


@dataclass(frozen=True)
class Device:
    name: str
    kind: str
    paired_at: str
    token_sha256: str


def devices_path(settings: Settings) -> Path:
    return settings.data_dir / DEVICES_FILE


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def devices(settings: Settings) -> list[Device]:
    """The paired devices, by name."""
    path = devices_path(settings)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        raise ServiceError("web.devices_unreadable", path=path, error=exc) from None
    return sorted((Device(**row) for row in data.get("devices", [])), key=lambda d: d.name)


def _write(settings: Settings, rows: list[Device]) -> None:
    path = devices_path(settings)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({"devices": [asdict(d) for d in rows]}, fh, ensure_ascii=False, indent=2)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(temporary, path)


def pair(settings: Settings, name: str, kind: str, *, now: datetime) -> str:
    """Pair the device ``name`` as a ``kind``; the token it will send, shown this once. Pairing a name again
    replaces its token (the old one stops working)."""
    if not _NAME.fullmatch(name):
        raise ServiceError("web.bad_device_name", name=name)
    if kind not in KINDS:
        raise ServiceError("web.bad_device_kind", kind=kind, kinds=", ".join(KINDS))
    token = secrets.token_urlsafe(32)
    rows = [d for d in devices(settings) if d.name != name]
    rows.append(Device(name, kind, now.isoformat(timespec="seconds"), _digest(token)))
    _write(settings, rows)
    return token


def unpair(settings: Settings, name: str) -> None:
    rows = devices(settings)
    if not any(d.name == name for d in rows):
        raise ServiceError("web.no_such_device", name=name)
    _write(settings, [d for d in rows if d.name != name])


def device_for(settings: Settings, token: str | None) -> Device | None:
    """The paired device that holds ``token``, or None."""
    if not token:
        return None
    digest = _digest(token)
    found = None
    for device in devices(settings):
        if hmac.compare_digest(device.token_sha256, digest):
            found = device
    return found
