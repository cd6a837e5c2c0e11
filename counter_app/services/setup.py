"""A real unit's store, set up from nothing (``counter-app setup``): the units catalogue, the unit and its
official identifier recorded in the store, its counters, the queue lines and the first administrator.

Three steps, so that a command can check everything it can before it asks for a PIN or writes anything:
:func:`prepare` checks the values alone (no store), :func:`plan` checks them against the store (read only)
and says whether the administrator's account is new, :func:`set_up` writes everything in one transaction.
Setting up again the store of the same unit with the same identifier adds what is missing (more counters,
the queue lines, another administrator) and changes nothing else; a store of another unit, the central
store, a demo store or one that already holds data without having been set up is refused as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, func, select

from counter_app.db.models import Counter, Dossier, Officer, QueueService, Unit
from counter_app.db.units import ensure_counter, load_catalogue
from counter_app.domain.identifiers import is_demo, parse_unit_identifier
from counter_app.locale import t
from counter_app.services import auth, officers, store_info
from counter_app.services.context import Store, local_now, with_identity
from counter_app.services.errors import ServiceError
from counter_app.services.views import OfficerView, UnitView, view

#: the queue lines a new unit starts with: the lines the procedure catalogue assigns procedures to (a
#: procedure without one goes to A); priority tickets (elderly, disabled, pregnant) are a flag on any line
DEFAULT_QUEUE_SERVICES = (
    ("A", "Hộ tịch và thủ tục chung"),
    ("B", "Chứng thực"),
    ("C", "Lao động, Bảo trợ xã hội"),
    ("D", "Đất đai"),
)
MAX_COUNTERS = 9
ADMIN_TITLE = "Quản trị hệ thống"


@dataclass(frozen=True)
class SetupRequest:
    """What ``counter-app setup`` was asked for, checked by :func:`prepare`."""

    unit_id: str
    identifier: str
    counters: int
    admin_username: str
    admin_name: str


@dataclass(frozen=True)
class SetupPlan:
    """What :func:`set_up` will do on this store: ``admin_exists`` when the administrator's account is
    already there (setting up again), so that no PIN is asked for it."""

    request: SetupRequest
    admin_exists: bool
    set_up_before: bool


@dataclass(frozen=True)
class SetupReport:
    """What the store holds once set up."""

    unit: UnitView
    identifier: str
    counters: tuple[str, ...]
    counters_added: int
    queue_services: tuple[str, ...]
    admin: OfficerView
    admin_created: bool


def prepare(
    unit: str, identifier: str, counters: int, admin_username: str, admin_name: str | None = None
) -> SetupRequest:
    """The request with its values checked and normalised, before any store is opened: a ward code of the
    units catalogue, an identifier of the expected shape (:func:`parse_unit_identifier`), 1 to 9 counters, a
    valid username and name for the administrator (default name: «Quản trị hệ thống»)."""
    unit_id = _ward(unit)
    if isinstance(counters, bool) or not 1 <= counters <= MAX_COUNTERS:
        raise ServiceError("setup.bad_counters", value=counters, high=MAX_COUNTERS)
    if is_demo(identifier):  # identifiers are the province's, never made up (Decision 20/2020/QĐ-TTg)
        raise ServiceError("applicants.demo_identifier", identifier=identifier.strip()[:40])
    return SetupRequest(
        unit_id=unit_id,
        identifier=parse_unit_identifier(identifier),
        counters=counters,
        admin_username=officers.clean_username(admin_username),
        admin_name=officers.clean_text(
            t("setup.default_admin_name") if admin_name is None else admin_name, t("officers.field.full_name")
        ),
    )


def _ward(text: str) -> str:
    from vietnam_provinces import Ward

    value = text.strip()
    shown = ascii(value[:12])[1:-1]
    if not (value.isascii() and value.isdigit()) or len(value) > 5:
        raise ServiceError("setup.unknown_unit", unit=shown)
    try:
        ward = Ward.from_code(int(value))  # type: ignore[arg-type]
    except ValueError:
        raise ServiceError("setup.unknown_unit", unit=shown) from None
    return str(int(ward.code))


def plan(store: Store, request: SetupRequest) -> SetupPlan:
    """Check the request against the store (nothing is written): refused as :func:`set_up` would refuse it."""
    with store.session() as session:
        identity = _check_store(store, session, request)
        _check_identifier_free(session, request)
        admin = _existing_admin(session, request)
        return SetupPlan(request, admin_exists=admin is not None, set_up_before=identity.is_set_up)


def set_up(
    store: Store, request: SetupRequest, admin_pin: str | None, *, now: datetime | None = None
) -> SetupReport:
    """Set the store up for the unit, in one transaction (all of it or nothing). ``admin_pin`` is the new
    administrator's PIN (checked by :func:`auth.check_new_pin`; the administrator chose it, so it need not be
    changed at the first log-in); ``None`` only when the account exists already (:attr:`SetupPlan.admin_exists`).
    Afterwards ``store`` works as the unit's (its settings carry the unit and the identifier)."""
    now = now or local_now()
    if admin_pin is not None:
        auth.check_new_pin(admin_pin)
    with store.session() as session:
        _check_store(store, session, request)
        load_catalogue(session)
        unit = session.get(Unit, request.unit_id)
        if unit is None:  # the package's catalogue and the store's disagree: said, not crashed on
            raise ServiceError("setup.unknown_unit", unit=request.unit_id)
        _check_identifier_free(session, request)
        unit.one_stop_code = request.identifier
        session.add(unit)
        session.flush()
        identity = store_info.write(
            session, kind="unit", now=now, unit_id=request.unit_id, identifier=request.identifier
        )
        known = set(session.exec(select(col(QueueService.code))).all())
        for code, name in DEFAULT_QUEUE_SERVICES:
            if code not in known:
                session.add(QueueService(code=code, name=name))
        counters_before = _counter_count(session, unit)
        counter_ids = tuple(
            ensure_counter(session, unit, number).id for number in range(1, request.counters + 1)
        )
        counters_added = _counter_count(session, unit) - counters_before
        admin = _existing_admin(session, request)
        created = admin is None
        if admin is None:
            if admin_pin is None:
                raise ServiceError("auth.pin_format")
            admin = officers.new_officer(
                session,
                request.unit_id,
                request.admin_username,
                request.admin_name,
                "admin",
                admin_pin,
                title=ADMIN_TITLE,
                must_change_pin=False,
            )
        services = tuple(session.exec(select(col(QueueService.code)).order_by(col(QueueService.code))).all())
        report = SetupReport(
            unit=view(UnitView, unit),
            identifier=request.identifier,
            counters=counter_ids,
            counters_added=counters_added,
            queue_services=services,
            admin=view(OfficerView, admin),
            admin_created=created,
        )
    store.settings = with_identity(store.settings, identity)
    store.__dict__.pop("unit_id", None)  # a cached property of the settings' unit
    return report


def _check_store(store: Store, session: Session, request: SetupRequest) -> store_info.StoreIdentity:
    """Refuse a store that is not this unit's to set up: a demo store, the central store, another unit's, the
    same unit's under another identifier, or a store holding data without having been set up."""
    identity = store_info.read(session)
    if store_info.is_demo(identity, demo_mode=store.settings.demo):
        raise ServiceError("setup.demo_store")
    if identity.kind == "central":
        raise ServiceError("setup.central_store")
    if identity.kind == "unit":
        if identity.unit_id != request.unit_id:
            raise ServiceError(
                "setup.other_unit",
                unit=identity.unit_id,
                identifier=identity.identifier,
                requested=request.unit_id,
            )
        if identity.identifier != request.identifier:
            raise ServiceError(
                "setup.identifier_changed",
                unit=identity.unit_id,
                identifier=identity.identifier,
                requested=request.identifier,
            )
        return identity
    for model in (Officer, Dossier):
        if session.exec(select(model.id).limit(1)).first() is not None:
            raise ServiceError("setup.has_data")
    return identity


def _check_identifier_free(session: Session, request: SetupRequest) -> None:
    holder = session.exec(
        select(Unit).where(Unit.one_stop_code == request.identifier, Unit.id != request.unit_id)
    ).first()
    if holder is not None:
        raise ServiceError(
            "setup.identifier_taken", identifier=request.identifier, unit=f"{holder.name} ({holder.id})"
        )


def _existing_admin(session: Session, request: SetupRequest) -> Officer | None:
    """The administrator's account when it exists already (an active administrator of the unit); a username
    taken by any other account is refused."""
    officer = session.exec(select(Officer).where(Officer.username == request.admin_username)).first()
    if officer is None:
        return None
    if officer.unit_id != request.unit_id or officer.role != "admin" or not officer.active:
        raise ServiceError("setup.admin_taken", username=officer.username)
    return officer


def _counter_count(session: Session, unit: Unit) -> int:
    return int(
        session.exec(select(func.count()).select_from(Counter).where(Counter.unit_id == unit.id)).one()
    )
