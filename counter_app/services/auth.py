"""Officers' PINs (scrypt) and log-in, with lock-out after repeated wrong PINs."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from datetime import datetime, timedelta

from sqlmodel import select

from counter_app.db.models import Officer
from counter_app.locale import formats as fmt
from counter_app.services.context import Actor, Store, local_now
from counter_app.services.errors import Forbidden, NotFound, ServiceError

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MAX_FAILED = 5
LOCK_FOR = timedelta(minutes=5)
ROLES = ("officer", "supervisor", "admin")


def check_pin_format(pin: str) -> None:
    if len(pin) < 6 or not pin.isdigit() or not pin.isascii():
        raise ServiceError("auth.pin_format")


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    check_pin_format(pin)
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def pin_matches(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            pin.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=len(expected)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def login(store: Store, username: str, pin: str, *, now: datetime | None = None) -> Actor:
    """The officer as an :class:`Actor` at this counter, or a ServiceError saying why not."""
    now = now or local_now()
    with store.session() as session:
        officer = session.exec(select(Officer).where(Officer.username == username.strip())).first()
        if officer is None:
            raise ServiceError("auth.unknown_user", username=username.strip())
        if not officer.active:
            raise ServiceError("auth.inactive", username=officer.username)
        if officer.locked_until and officer.locked_until > now:
            raise ServiceError("auth.locked", until=fmt.clock(officer.locked_until))
        if not pin_matches(pin, officer.pin_hash):
            officer.failed_attempts += 1
            if officer.failed_attempts >= MAX_FAILED:
                officer.failed_attempts = 0
                officer.locked_until = now + LOCK_FOR
                session.add(officer)
                session.commit()
                raise ServiceError("auth.locked", until=fmt.clock(officer.locked_until))
            session.add(officer)
            session.commit()
            raise ServiceError("auth.wrong_pin", left=MAX_FAILED - officer.failed_attempts)
        officer.failed_attempts = 0
        officer.locked_until = None
        session.add(officer)
        return _at_counter(store, officer)


def actor_for_username(store: Store, username: str) -> Actor:
    """The officer ``username`` of this counter's unit as an :class:`Actor`, for commands run without a
    log-in (the person at the terminal already holds the store). Refuses an unknown name
    (:class:`NotFound`), an officer of another unit or a disabled account (:class:`Forbidden`)."""
    name = username.strip()
    with store.session() as session:
        officer = session.exec(select(Officer).where(Officer.username == name)).first()
        if officer is None:
            raise NotFound("auth.unknown_user", username=name[:64])
        if officer.unit_id != store.unit_id:
            raise Forbidden("auth.other_unit", username=officer.username, unit=store.unit_id)
        if not officer.active:
            raise Forbidden("auth.inactive", username=officer.username)
        return _at_counter(store, officer)


def _at_counter(store: Store, officer: Officer) -> Actor:
    return Actor(
        officer_id=officer.id,
        name=officer.full_name,
        role=officer.role,
        unit_id=officer.unit_id,
        counter_id=store.settings.counter_id,
    )


def unlock(store: Store, actor: Actor, pin: str, *, now: datetime | None = None) -> None:
    """Check the PIN of the officer acting (the screen lock); the same counting of wrong PINs as log-in."""
    with store.session() as session:
        officer = session.get(Officer, actor.officer_id) if actor.officer_id else None
        username = officer.username if officer is not None else actor.name
    login(store, username, pin, now=now)


def require_role(actor: Actor, role: str) -> None:
    """Refuse unless ``actor`` has ``role`` or a higher one."""
    if ROLES.index(actor.role) < ROLES.index(role):
        from counter_app.locale import t

        raise Forbidden("auth.role_required", role=t(f"role.{role}"))
