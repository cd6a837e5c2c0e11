"""Officers' PINs (scrypt) and log-in, with an escalating lock-out after repeated wrong PINs.

A log-in that fails says the same thing whatever the reason (``privacy.login_refused``): an unknown
username, a wrong PIN, a locked or disabled account, an officer of another unit at this counter. Telling
them apart would let anyone at a counter find which usernames exist (Decree 13/2023/NĐ-CP, Art. 26: the
controller protects personal data against unauthorised access). An unknown username costs the same scrypt
work as a known one. Wrong PINs in a row lock the account for 5, then 15, then 60 minutes
(:data:`LOCK_STEPS`); the count survives the end of a lock and is cleared by a correct PIN or by an
administrator (:func:`counter_app.services.officers.unlock`).

A PIN anyone would guess (the demo's 123456, one digit repeated, a run such as 234567 or 987654, a short
block repeated such as 121212) is refused whenever a PIN is chosen (:func:`check_new_pin`), and a log-in
with one succeeds only on a demo store: demo accounts and their PIN never reach a real unit's store.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import replace
from datetime import datetime, timedelta

from sqlmodel import Session, select

from counter_app.db.models import Officer
from counter_app.locale import formats as fmt
from counter_app.services import store_info
from counter_app.services.context import Actor, Store, local_now
from counter_app.services.demo_catalogue import DEMO_PIN
from counter_app.services.errors import Forbidden, NotFound, ServiceError

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MAX_FAILED = 5
#: how long each round of MAX_FAILED wrong PINs in a row locks the account: the first, the second, then every
#: later round
LOCK_STEPS = (timedelta(minutes=5), timedelta(minutes=15), timedelta(minutes=60))
LOCK_FOR = LOCK_STEPS[0]
ROLES = ("officer", "supervisor", "admin")
#: a short block repeated (121212, 123123) is as easy to guess as one digit repeated
GUESSABLE_PERIODS = (1, 2, 3)


def check_pin_format(pin: str) -> None:
    if len(pin) < 6 or not pin.isdigit() or not pin.isascii():
        raise ServiceError("auth.pin_format")


def is_guessable(pin: str) -> bool:
    """True for a PIN anyone would try first: the demo PIN, one digit or a short block repeated
    (000000, 121212, 123123), or a run of consecutive digits up or down (123456, 789012, 987654)."""
    if not (pin.isascii() and pin.isdigit()) or len(pin) < 2:
        return False
    if pin == DEMO_PIN:
        return True
    if any(pin == (pin[:period] * len(pin))[: len(pin)] for period in GUESSABLE_PERIODS):
        return True
    steps = {(int(b) - int(a)) % 10 for a, b in zip(pin, pin[1:], strict=False)}
    return steps in ({1}, {9})


def check_new_pin(pin: str) -> None:
    """Refuse a PIN that cannot be chosen: not six digits or more (``auth.pin_format``), or guessable
    (``auth.pin_guessable``). Every way of setting a PIN checks it, except the demo seeding."""
    check_pin_format(pin)
    if is_guessable(pin):
        raise ServiceError("auth.pin_guessable")


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
    """The officer as an :class:`Actor` at this counter, or ``privacy.login_refused`` whatever the reason:
    no such username, an officer of another unit than this counter's, a disabled or locked account, a wrong
    PIN (counted towards the lock-out, see :func:`_check_pin`). A locked account's PIN is not checked.

    The actor's ``must_change_pin`` says that the PIN was set by an administrator: the user interface makes
    the officer choose their own (:func:`change_pin`) before anything else. A guessable PIN is refused
    outright except on a demo store (``auth.pin_guessable_here``, whoever the username names), and does not
    count as a wrong PIN."""
    now = now or local_now()
    with store.session() as session:
        if is_guessable(pin) and not is_demo_store(store, session):
            raise ServiceError("auth.pin_guessable_here")
        officer = session.exec(select(Officer).where(Officer.username == username.strip())).first()
        if officer is None or officer.unit_id != store.unit_id or not officer.active:
            pin_matches(pin, _DECOY_HASH)  # the same work as a real check: the time tells nothing either
            raise ServiceError("privacy.login_refused")
        if officer.locked_until and officer.locked_until > now:
            raise ServiceError("privacy.login_refused")
        _check_pin(session, officer, pin, now, refusal="privacy.login_refused")
        officer.failed_attempts = 0
        officer.locked_until = None
        session.add(officer)
        return _at_counter(store, officer)


def lock_duration(failures: int) -> timedelta | None:
    """How long ``failures`` wrong PINs in a row lock an account: None unless they end a round of
    :data:`MAX_FAILED`; 5 minutes for the first round, 15 for the second, 60 for every later one."""
    if failures <= 0 or failures % MAX_FAILED:
        return None
    return LOCK_STEPS[min(failures // MAX_FAILED, len(LOCK_STEPS)) - 1]


def _check_pin(
    session: Session, officer: Officer, pin: str, now: datetime, *, refusal: str | None = None
) -> None:
    """Refuse a wrong PIN, counting it (committed even though the caller's work is not): every
    :data:`MAX_FAILED`-th in a row locks the account for longer (:func:`lock_duration`). The refusal is
    ``refusal`` when given (the log-in's, which says nothing about the account), else says how many tries
    are left or until when the account is locked."""
    if pin_matches(pin, officer.pin_hash):
        return
    officer.failed_attempts += 1
    lock = lock_duration(officer.failed_attempts)
    if lock is not None:
        officer.locked_until = now + lock
    session.add(officer)
    session.commit()
    if refusal is not None:
        raise ServiceError(refusal)
    if officer.locked_until is not None and officer.locked_until > now:
        raise ServiceError("auth.locked", until=fmt.clock(officer.locked_until))
    raise ServiceError("auth.wrong_pin", left=MAX_FAILED - officer.failed_attempts % MAX_FAILED)


def is_demo_store(store: Store, session: Session | None = None) -> bool:
    """True on a demo store, the only kind whose accounts may have the demo's guessable PINs."""
    if session is None:
        with store.session() as own:
            return is_demo_store(store, own)
    return store_info.is_demo(store_info.read(session), demo_mode=store.settings.demo)


def change_pin(
    store: Store, actor: Actor, old_pin: str, new_pin: str, *, now: datetime | None = None
) -> Actor:
    """The officer acting chooses their own PIN: ``old_pin`` checked like a log-in (wrong ones count towards
    the lock-out), ``new_pin`` checked by :func:`check_new_pin` and different from the old one. Clears
    ``must_change_pin``; returns the actor with it cleared."""
    now = now or local_now()
    check_new_pin(new_pin)
    if new_pin == old_pin:
        raise ServiceError("auth.pin_unchanged")
    with store.session() as session:
        officer = session.get(Officer, actor.officer_id) if actor.officer_id else None
        if officer is None:
            raise ServiceError("auth.no_account", name=actor.name)
        if not officer.active:
            raise Forbidden("auth.inactive", username=officer.username)
        if officer.locked_until and officer.locked_until > now:
            raise ServiceError("auth.locked", until=fmt.clock(officer.locked_until))
        _check_pin(session, officer, old_pin, now)
        officer.pin_hash = hash_pin(new_pin)
        officer.must_change_pin = False
        officer.failed_attempts = 0
        officer.locked_until = None
        session.add(officer)
    return replace(actor, must_change_pin=False)


def must_change_pin(store: Store, actor: Actor) -> bool:
    """Whether the officer acting must still choose their own PIN (as the store says now)."""
    if actor.officer_id is None:
        return False
    with store.session() as session:
        officer = session.get(Officer, actor.officer_id)
        return officer is not None and officer.must_change_pin


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


#: what an unknown username's PIN is checked against (never matches: no PIN hashes to it)
_DECOY_HASH = (
    f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${base64.b64encode(bytes(16)).decode()}$"
    f"{base64.b64encode(bytes(32)).decode()}"
)


def _at_counter(store: Store, officer: Officer) -> Actor:
    return Actor(
        officer_id=officer.id,
        name=officer.full_name,
        role=officer.role,
        unit_id=officer.unit_id,
        counter_id=store.settings.counter_id,
        must_change_pin=officer.must_change_pin,
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
