"""Officers' accounts, managed by the unit's administrator: add, disable, enable, reset a PIN, unlock, change
a role, list. The command line (``counter-app officer ...``) and the TUI's administrator screen call the same functions.

Every function takes the actor and refuses anyone but an administrator of the store's unit. An account an
administrator gives a PIN to (added, or reset) must choose its own at its next log-in (``must_change_pin``,
see :func:`counter_app.services.auth.change_pin`); a guessable PIN is never accepted
(:func:`counter_app.services.auth.check_new_pin`). A unit always keeps one active administrator.
Each change is written to the log (``counter-app.log``) with who made it.
"""

from __future__ import annotations

import logging
import re
import unicodedata

from sqlmodel import Session, col, func, select

from counter_app.db.models import Officer, Unit
from counter_app.domain.vntext import tidy
from counter_app.locale import t
from counter_app.services import auth, store_info
from counter_app.services.context import Actor, Store
from counter_app.services.errors import Forbidden, NotFound, ServiceError
from counter_app.services.ids import new_id
from counter_app.services.views import OfficerView, view, views

log = logging.getLogger("counter_app.officers")

ROLES = auth.ROLES
#: a log-in name: lower-case ASCII letters and digits, with ``.``, ``_`` or ``-`` inside
USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,30}[a-z0-9]")
USERNAME_MAX = 32
NAME_MAX = 120
DEFAULT_TITLE = "Công chức Bộ phận Một cửa"


def clean_username(text: str) -> str:
    """The log-in name as it is stored, or ``officers.username_format`` naming what was typed."""
    value = text.strip()
    if not USERNAME.fullmatch(value):
        shown = ascii(value[:USERNAME_MAX])[1:-1]
        raise ServiceError("officers.username_format", value=shown)
    return value


def clean_text(text: str, field: str, *, limit: int = NAME_MAX) -> str:
    """A person's name or title as stored (NFC, spaces tidied), refusing an empty value, control characters
    (NUL, line breaks, ...) and more than ``limit`` characters; ``field`` is the field's label."""
    spaced = "".join(" " if unicodedata.category(char) == "Zs" else char for char in text)
    if not spaced.isprintable():
        raise ServiceError("officers.text_chars", field=field)
    value = tidy(spaced)
    if not any(char.isalpha() for char in value):
        raise ServiceError("officers.text_empty", field=field)
    if len(value) > limit:
        raise ServiceError("officers.text_too_long", field=field, limit=limit)
    return value


def clean_role(role: str) -> str:
    value = role.strip()
    if value not in ROLES:
        raise ServiceError("officers.bad_role", value=ascii(value[:20])[1:-1])
    return value


def _new_values(
    session: Session, unit_id: str, username: str, full_name: str, role: str, title: str | None
) -> tuple[str, str, str, str]:
    """(username, full name, role, title) of a new account, checked: the unit exists in the store, the
    username is free anywhere in it."""
    username = clean_username(username)
    full_name = clean_text(full_name, t("officers.field.full_name"))
    role = clean_role(role)
    title = clean_text(title, t("officers.field.title")) if title is not None else DEFAULT_TITLE
    if session.get(Unit, unit_id) is None:
        raise ServiceError("officers.not_set_up")
    if session.exec(select(Officer.id).where(Officer.username == username)).first() is not None:
        raise ServiceError("officers.exists", username=username)
    return username, full_name, role, title


def new_officer(
    session: Session,
    unit_id: str,
    username: str,
    full_name: str,
    role: str,
    pin: str,
    *,
    title: str | None = None,
    must_change_pin: bool,
) -> Officer:
    """A new account of ``unit_id`` (in the caller's transaction), its values and PIN checked."""
    username, full_name, role, title = _new_values(session, unit_id, username, full_name, role, title)
    auth.check_new_pin(pin)
    officer = Officer(
        id=new_id(),
        username=username,
        full_name=full_name,
        title=title,
        role=role,
        unit_id=unit_id,
        pin_hash=auth.hash_pin(pin),
        must_change_pin=must_change_pin,
    )
    session.add(officer)
    session.flush()
    return officer


def check_new(
    store: Store,
    actor: Actor,
    username: str,
    full_name: str,
    *,
    role: str = "officer",
    title: str | None = None,
) -> None:
    """Check a new account's values as :func:`add` will (nothing is written), so that a form or a command
    asks for the PIN only once the rest is right."""
    auth.require_role(actor, "admin")
    with store.session() as session:
        _require_set_up(store, session)
        _new_values(session, actor.unit_id, username, full_name, role, title)


def add(
    store: Store,
    actor: Actor,
    username: str,
    full_name: str,
    pin: str,
    *,
    role: str = "officer",
    title: str | None = None,
) -> OfficerView:
    """A new account of the actor's unit, with the PIN the administrator gave it, to be changed at its first
    log-in."""
    auth.require_role(actor, "admin")
    with store.session() as session:
        _require_set_up(store, session)
        officer = new_officer(
            session, actor.unit_id, username, full_name, role, pin, title=title, must_change_pin=True
        )
        log.info("officer %s (%s) added by %s", officer.username, officer.role, actor.name)
        return view(OfficerView, officer)


def find(store: Store, actor: Actor, username: str) -> OfficerView:
    """The account ``username`` of the actor's unit (:class:`NotFound`, or :class:`Forbidden` for another
    unit's)."""
    auth.require_role(actor, "admin")
    with store.session() as session:
        _require_set_up(store, session)
        return view(OfficerView, _officer(session, actor, username))


def disable(store: Store, actor: Actor, username: str) -> OfficerView:
    """The account can no longer log in nor act from the command line (its history stays)."""
    auth.require_role(actor, "admin")
    with store.session() as session:
        _require_set_up(store, session)
        officer = _officer(session, actor, username)
        _keep_yourself(actor, officer)
        if officer.role == "admin":
            _keep_an_admin(session, officer)
        officer.active = False
        session.add(officer)
        log.info("officer %s disabled by %s", officer.username, actor.name)
        return view(OfficerView, officer)


def enable(store: Store, actor: Actor, username: str) -> OfficerView:
    """A disabled account works again (with the PIN it had)."""
    auth.require_role(actor, "admin")
    with store.session() as session:
        _require_set_up(store, session)
        officer = _officer(session, actor, username)
        officer.active = True
        session.add(officer)
        log.info("officer %s enabled by %s", officer.username, actor.name)
        return view(OfficerView, officer)


def reset_pin(store: Store, actor: Actor, username: str, pin: str) -> OfficerView:
    """Give the account a new PIN (the officer forgot theirs): unlocked, wrong attempts forgotten, the PIN to
    be changed at the next log-in."""
    auth.require_role(actor, "admin")
    auth.check_new_pin(pin)
    with store.session() as session:
        _require_set_up(store, session)
        officer = _officer(session, actor, username)
        officer.pin_hash = auth.hash_pin(pin)
        officer.must_change_pin = True
        officer.failed_attempts = 0
        officer.locked_until = None
        session.add(officer)
        log.info("PIN of officer %s reset by %s", officer.username, actor.name)
        return view(OfficerView, officer)


def unlock(store: Store, actor: Actor, username: str) -> OfficerView:
    """Lift a lock-out now (the officer is known and at the counter): the lock ends and the wrong PINs in a
    row are forgotten, so the next lock-out starts again at 5 minutes. The PIN stays."""
    auth.require_role(actor, "admin")
    with store.session() as session:
        _require_set_up(store, session)
        officer = _officer(session, actor, username)
        officer.failed_attempts = 0
        officer.locked_until = None
        session.add(officer)
        log.info("officer %s unlocked by %s", officer.username, actor.name)
        return view(OfficerView, officer)


def set_role(store: Store, actor: Actor, username: str, role: str) -> OfficerView:
    """Make the account an officer, a supervisor or an administrator."""
    auth.require_role(actor, "admin")
    role = clean_role(role)
    with store.session() as session:
        _require_set_up(store, session)
        officer = _officer(session, actor, username)
        if officer.role == role:
            return view(OfficerView, officer)
        _keep_yourself(actor, officer)
        if officer.role == "admin" and officer.active:
            _keep_an_admin(session, officer)
        officer.role = role
        session.add(officer)
        log.info("officer %s made %s by %s", officer.username, role, actor.name)
        return view(OfficerView, officer)


def list_officers(store: Store, actor: Actor) -> list[OfficerView]:
    """Every account of the actor's unit, disabled ones included, by username."""
    auth.require_role(actor, "admin")
    with store.session() as session:
        _require_set_up(store, session)
        rows = session.exec(
            select(Officer).where(Officer.unit_id == actor.unit_id).order_by(col(Officer.username))
        ).all()
        return views(OfficerView, rows)


def _require_set_up(store: Store, session: Session) -> None:
    """Accounts belong to a unit's store (set up by ``counter-app setup``) or to a demo store: one made
    before setup would land in whatever unit a PC's settings name."""
    identity = store_info.read(session)
    if identity.kind != "unit" and not store_info.is_demo(identity, demo_mode=store.settings.demo):
        raise ServiceError("officers.not_set_up")


def _officer(session: Session, actor: Actor, username: str) -> Officer:
    name = username.strip()
    officer = session.exec(select(Officer).where(Officer.username == name)).first()
    if officer is None:
        raise NotFound("auth.unknown_user", username=name[:USERNAME_MAX])
    if officer.unit_id != actor.unit_id:
        raise Forbidden("auth.other_unit", username=officer.username, unit=actor.unit_id)
    return officer


def _keep_yourself(actor: Actor, officer: Officer) -> None:
    """An administrator does not disable or demote the account they are using."""
    if actor.officer_id is not None and officer.id == actor.officer_id:
        raise Forbidden("officers.not_yourself")


def _keep_an_admin(session: Session, officer: Officer) -> None:
    """Refuse to take away the unit's last active administrator."""
    others = session.exec(
        select(func.count())
        .select_from(Officer)
        .where(
            Officer.unit_id == officer.unit_id,
            Officer.role == "admin",
            col(Officer.active).is_(True),
            Officer.id != officer.id,
        )
    ).one()
    if not others:
        raise Forbidden("officers.last_admin", username=officer.username)
