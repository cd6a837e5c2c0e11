"""The demo store: units, counters, officers, catalogue, synthetic citizens and dossiers.

Dossiers are made through the same service functions the counter uses, so each carries its
events like real work. The same ``citizens`` count, seed and day give the same data.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from sqlmodel import col, delete, func, select

from counter_app.db.models import (
    Citizen,
    CitizenDocument,
    Dossier,
    DossierEvent,
    Officer,
    Outbox,
    Procedure,
    ProcedureDocument,
    QueueService,
    Unit,
)
from counter_app.db.units import ensure_counter, load_catalogue, province_centre_id
from counter_app.domain.cccd import CccdData, format_cccd_qr
from counter_app.domain.identifiers import demo_identifier, is_configured
from counter_app.domain.vntext import fold
from counter_app.services import demo_catalogue as cat
from counter_app.services import handover, intake, queue, rating, store_info, workflow
from counter_app.services.auth import hash_pin, is_demo_store
from counter_app.services.context import Actor, Store, local_now, with_identity
from counter_app.services.errors import ServiceError
from counter_app.services.ids import deterministic_ids, new_id
from counter_app.services.inbox import FEE_NO_DATA
from counter_app.services.intake import DocumentChoice, IntakeRequest

DEFAULT_SEED = 20250701
#: outcome of a demo dossier → weight; the first dossiers take one of each so every status appears
OUTCOMES = {
    "returned_on_time": 26,
    "returned_early": 12,
    "returned_late": 5,
    "result_ready": 8,
    "processing": 14,
    "overdue": 6,
    "due_today": 5,
    "received": 4,
    "supplement": 5,
    "refused": 3,
    "withdrawn": 2,
    "stopped": 2,
    "awaiting_fee": 3,
    "handed_over": 4,
    "handover_pending": 2,
    "online": 3,
}
FIRST_OUTCOMES = [
    "online",
    "received",
    "refused",
    "processing",
    "supplement",
    "awaiting_fee",
    "withdrawn",
    "stopped",
    "result_ready",
    "returned_on_time",
    "overdue",
    "returned_early",
    "returned_late",
    "handed_over",
    "handover_pending",
    "due_today",
]


@dataclass(frozen=True)
class SeedReport:
    units: int
    citizens: int
    citizen_documents: int
    dossiers: int
    by_status: dict[int, int]


def _salt(rng: random.Random) -> bytes:
    return rng.getrandbits(128).to_bytes(16, "big")


def _cccd_number(rng: random.Random, birth: date, male: bool, used: set[str]) -> str:
    century_digit = {19: 0, 20: 2, 21: 4}[birth.year // 100] + (0 if male else 1)
    while True:
        number = f"{rng.choice(cat.BIRTH_PROVINCES)}{century_digit}{birth.year % 100:02d}{rng.randrange(10**6):06d}"
        if number not in used:
            used.add(number)
            return number


def make_citizen_card(
    rng: random.Random, used: set[str], ward_names: list[str], province_name: str
) -> CccdData:
    male = rng.random() < 0.5
    birth = date(1940, 1, 1) + timedelta(days=rng.randrange(0, (date(2007, 12, 31) - date(1940, 1, 1)).days))
    middle = rng.choice(cat.MIDDLE_MALE if male else cat.MIDDLE_FEMALE)
    given = rng.choice(cat.GIVEN_MALE if male else cat.GIVEN_FEMALE)
    name = f"{rng.choice(cat.FAMILY_NAMES)} {middle} {given}"
    if rng.random() < 0.5:
        place = f"Số {rng.randint(1, 250)} {rng.choice(cat.STREETS)}"
    else:
        place = rng.choice(cat.VILLAGES)
    address = f"{place}, {rng.choice(ward_names)}, tỉnh {province_name}"
    earliest_issue = max(date(2021, 1, 1), birth + timedelta(days=14 * 366))
    issued = earliest_issue + timedelta(
        days=rng.randrange(0, max(1, (date(2025, 6, 30) - earliest_issue).days))
    )
    old_id = f"{rng.randrange(10**9):09d}" if birth.year < 1995 and rng.random() < 0.7 else None
    return CccdData(
        number=_cccd_number(rng, birth, male, used),
        old_id=old_id,
        full_name=name,
        birth_date=birth,
        gender="Nam" if male else "Nữ",
        address=address,
        issued_on=issued,
    )


def has_officers(store: Store) -> bool:
    """True once the store has officers (seeded, or set up for real work): demo data must not go in."""
    with store.session() as session:
        return session.exec(select(Officer.id).limit(1)).first() is not None


def require_demo_store(store: Store) -> None:
    """Refuse (``setup.seed_not_demo``) unless the store is a demo store: recorded as one, or never set up
    and opened with ``--demo``. Demo accounts all have the PIN 123456; they never go into a real store."""
    if not is_demo_store(store):
        raise ServiceError("setup.seed_not_demo")


def seed_demo(
    store: Store,
    *,
    citizens: int = 300,
    seed: int = DEFAULT_SEED,
    today: date | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> SeedReport:
    """Fill an empty store with demo data and record it as a demo store (``store_info`` kind ``demo``).
    ``today`` anchors the dossiers' dates (default: today). A store set up for a real unit, or the central
    store, is refused (``setup.seed_not_demo``) before anything is written."""
    today = today or date.today()
    # identifiers differ per unit (two demo counters can share a central store); citizens do not
    with deterministic_ids((seed * 1_000_003 + citizens) * 100_003 + store.settings.unit_code):
        return _seed(
            store, citizens, random.Random(seed * 31 + citizens), today, progress or (lambda *_: None)
        )


def _seed(
    store: Store, n_citizens: int, rng: random.Random, today: date, progress: Callable[[str, int, int], None]
) -> SeedReport:
    settings = store.settings
    home_id = str(settings.unit_code)
    with store.session() as session:
        if store_info.read(session).kind not in ("", "demo"):
            raise ServiceError("setup.seed_not_demo")
        n_units = load_catalogue(session)
        home = session.get_one(Unit, home_id)
        # the demo's identifiers are clearly fake (DEMO.<unit>.H00): real ones cannot be derived
        home.one_stop_code = settings.one_stop_code or demo_identifier(home_id)
        session.add(home)
        session.flush()
        identity = store_info.write(
            session, kind="demo", now=local_now(), unit_id=home_id, identifier=home.one_stop_code
        )
        province_code = home.province_code
        neighbours = sorted(
            session.exec(
                select(Unit).where(Unit.province_code == province_code, Unit.kind != "province")
            ).all(),
            key=lambda u: u.id,
        )
        ward_names = [u.name for u in neighbours]
        others = [u for u in neighbours if u.id != home_id][:3]
        centre = session.get_one(Unit, province_centre_id(province_code))
        for unit in [*others, centre]:
            if not is_configured(unit.one_stop_code):
                unit.one_stop_code = demo_identifier(unit.id)
                session.add(unit)
        session.flush()
        for number in (1, 2, 3):
            ensure_counter(session, home, number)
        for unit in [*others, centre]:
            ensure_counter(session, unit, 1)
        for code, name in cat.QUEUE_SERVICES:
            if session.get(QueueService, code) is None:
                session.add(QueueService(code=code, name=name))
        officers: dict[str, Actor] = {}
        for username, full_name, role, title in cat.OFFICERS:
            officer = Officer(
                id=new_id(),
                username=username,
                full_name=full_name,
                role=role,
                title=title,
                unit_id=home_id,
                pin_hash=hash_pin(cat.DEMO_PIN, salt=_salt(rng)),
            )
            session.add(officer)
            officers[username] = Actor(officer.id, full_name, role, home_id, f"{home.one_stop_code}#1")
        remote: dict[str, Actor] = {}
        for index, unit in enumerate([*others, centre], start=1):
            officer = Officer(
                id=new_id(),
                username=f"canbo.{unit.id.lower()}",
                full_name=f"Cán bộ {unit.name}",
                role="officer",
                unit_id=unit.id,
                pin_hash=hash_pin(cat.DEMO_PIN, salt=_salt(rng)),
            )
            session.add(officer)
            remote[unit.id] = Actor(
                officer.id, officer.full_name, "officer", unit.id, f"{unit.one_stop_code}#1"
            )
            del index
        for (
            code,
            name,
            field_code,
            field_name,
            days,
            fee,
            fee_note,
            line,
            land,
            level,
            docs,
        ) in cat.PROCEDURES:
            session.add(
                Procedure(
                    code=code,
                    name=name,
                    name_folded=fold(name),
                    field_code=field_code,
                    field_name=field_name,
                    working_days=days,
                    fee=fee,
                    fee_note=fee_note,
                    level=level,
                    land=land,
                    queue_service=line,
                    public_url=f"https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}",
                )
            )
            session.flush()
            for position, (doc_name, copy_kind, quantity, kind) in enumerate(docs, start=1):
                session.add(
                    ProcedureDocument(
                        procedure_code=code,
                        position=position,
                        name=doc_name,
                        copy_kind=copy_kind,
                        quantity=quantity,
                        doc_kind=kind,
                    )
                )
    progress("units", n_units, n_units)
    store.settings = with_identity(store.settings, identity)  # the demo's identifier, as after setup

    citizen_ids, n_docs = _seed_citizens(store, n_citizens, rng, ward_names, home, progress)
    dossiers = _seed_dossiers(
        store, rng, today, citizen_ids, officers, remote, home, others, centre, progress
    )
    _seed_queue(store, rng, today, officers)
    with store.session() as session:
        # this counter's store holds other units' events too (the neighbours' dossiers, the province's
        # answers to handovers); a real counter gets those by pulling, so they wait in no outbox here
        others_events = select(DossierEvent.id).where(DossierEvent.unit_id != home_id)
        session.exec(delete(Outbox).where(col(Outbox.event_id).in_(others_events)))
        by_status = dict(
            session.exec(select(Dossier.status, func.count()).group_by(col(Dossier.status))).all()
        )
    return SeedReport(
        units=n_units, citizens=n_citizens, citizen_documents=n_docs, dossiers=dossiers, by_status=by_status
    )


def _seed_citizens(
    store: Store,
    n: int,
    rng: random.Random,
    ward_names: list[str],
    home: Unit,
    progress: Callable[[str, int, int], None],
) -> tuple[list[str], int]:
    used: set[str] = set()
    ids: list[str] = []
    n_docs = 0
    created = datetime(2025, 7, 1, 8, 0)
    batch = 500
    for start in range(0, n, batch):
        with store.session() as session:
            for _ in range(start, min(n, start + batch)):
                card = make_citizen_card(rng, used, ward_names, home.province_name)
                citizen = intake.upsert_citizen_from_card(session, card, unit_id=store.unit_id, now=created)
                citizen.phone = f"09{rng.randrange(10**8):08d}"
                citizen.home_unit_id = home.id if rng.random() < 0.7 else None
                ids.append(citizen.id)
                if rng.random() < 0.65:
                    kinds = ["cccd"] + [
                        k
                        for k in ("birth_certificate", "marital_status", "land_certificate", "disability")
                        if rng.random() < 0.35
                    ]
                    for kind in kinds:
                        title, issuer, source = cat.CITIZEN_DOCUMENT_KINDS[kind]
                        number = (
                            card.number
                            if kind == "cccd"
                            else f"{rng.randrange(10**6):06d}/{rng.randint(2000, 2025)}"
                        )
                        session.add(
                            CitizenDocument(
                                citizen_id=citizen.id,
                                kind=kind,
                                title=title,
                                number=number,
                                issuer=issuer,
                                issued_on=card.issued_on if kind == "cccd" else None,
                                source=source,
                                created_at=created,
                            )
                        )
                        n_docs += 1
        progress("citizens", min(n, start + batch), n)
    return ids, n_docs


def _office_time(rng: random.Random, day: date) -> datetime:
    minutes = rng.choice(
        [rng.randrange(7 * 60 + 35, 11 * 60 + 15), rng.randrange(13 * 60 + 35, 16 * 60 + 45)]
    )
    return datetime.combine(day, time(minutes // 60, minutes % 60))


def _request(session_store: Store, rng: random.Random, citizen_id: str, procedure_code: str) -> IntakeRequest:
    from counter_app.services import lookup

    with session_store.session() as session:
        docs = lookup.procedure_documents(session, procedure_code)
        held = {d.kind: d.id for d in lookup.citizen_documents(session, citizen_id)}
    choices = [
        DocumentChoice(
            d.name,
            d.copy_kind,
            d.quantity,
            True,
            d.doc_kind in held,
            held.get(d.doc_kind) if d.doc_kind in held else None,
        )
        for d in docs
    ]
    method = rng.choices(["counter", "post"], weights=[9, 1])[0]
    return IntakeRequest(
        procedure_code=procedure_code,
        documents=choices,
        citizen_id=citizen_id,
        return_method=method,
        return_address="Địa chỉ thường trú của người nộp" if method == "post" else "",
        fee_status=rng.choice(["paid", "paid", "exempt"]),
    )


def _seed_dossiers(
    store: Store,
    rng: random.Random,
    today: date,
    citizen_ids: list[str],
    officers: dict[str, Actor],
    remote: dict[str, Actor],
    home: Unit,
    others: list[Unit],
    centre: Unit,
    progress: Callable[[str, int, int], None],
) -> int:
    cal = store.calendar
    n = max(80, len(citizen_ids) // 10)
    commune_procs = [p[0] for p in cat.PROCEDURES if not p[8]]
    land_procs = [p[0] for p in cat.PROCEDURES if p[8]]
    clerks = [officers["canbo1"], officers["canbo2"], officers["canbo3"]]
    clerks = [
        Actor(a.officer_id, a.name, a.role, a.unit_id, f"{home.one_stop_code}#{i}")
        for i, a in enumerate(clerks, start=1)
    ]
    supervisor = officers["giamsat"]
    outcomes = list(OUTCOMES)
    weights = list(OUTCOMES.values())
    now_floor = datetime.combine(today, time(7, 0))
    last_day = cal.add_working_days(today, -1)
    for i in range(n):
        outcome = FIRST_OUTCOMES[i] if i < len(FIRST_OUTCOMES) else rng.choices(outcomes, weights)[0]
        at_home = rng.random() < 0.75 or outcome in ("handed_over", "handover_pending", "online")
        clerk = rng.choice(clerks) if at_home else remote[rng.choice(others).id]
        land = outcome in ("handed_over", "handover_pending") or (rng.random() < 0.08 and at_home)
        choices = land_procs if land else commune_procs
        proc_code = rng.choices(choices, weights=[cat.PROCEDURE_WEIGHTS.get(c, 1) for c in choices])[0]
        with store.session() as session:
            working_days = session.get_one(Procedure, proc_code).working_days
        citizen_id = rng.choice(citizen_ids)
        request = _request(store, rng, citizen_id, proc_code)

        if outcome == "online":
            submitted = datetime.combine(last_day, time(rng.randint(18, 22), rng.randrange(60)))
            request = replace(request, fee_status=FEE_NO_DATA)  # as the portal's records: no payment data
            intake.register_online(store, clerk, request, submitted_at=submitted)
            continue
        if outcome == "due_today":
            back = max(working_days, 1)
            received = _office_time(rng, cal.add_working_days(today, -back))
            if working_days == 0:
                received = _office_time(rng, last_day)
        elif outcome == "received":
            received = _office_time(rng, last_day)
        elif outcome in ("processing", "awaiting_fee"):
            received = _office_time(
                rng, cal.add_working_days(today, -rng.randint(0, max(0, working_days - 1)) - 1)
            )
        else:
            received = _office_time(
                rng, cal.add_working_days(today, -rng.randint(working_days + 4, working_days + 45))
            )
        if outcome == "refused":
            intake.refuse(store, clerk, request, rng.choice(cat.REFUSAL_REASONS), now=received)
            continue
        dossier = intake.receive(store, clerk, request, now=received)
        code, due = dossier.code, dossier.due_at
        assert due is not None  # a received dossier has its due date
        step = cal.add_working_hours(received, rng.uniform(0.3, 1.5))

        def later(hours: float, *, base: datetime) -> datetime:
            return min(cal.add_working_hours(base, hours), now_floor - timedelta(minutes=1))

        if outcome == "supplement":
            intake.request_supplement(
                store,
                clerk,
                code,
                [DocumentChoice(request.documents[0].name)],
                rng.choice(cat.SUPPLEMENT_REASONS),
                now=step,
            )
            continue
        if outcome == "received":
            continue
        if outcome in ("handed_over", "handover_pending"):
            handover.send(
                store,
                clerk,
                code,
                centre.id,
                rng.choice(cat.HANDOVER_REASONS),
                [d.name for d in request.documents],
                now=step,
            )
            if outcome == "handover_pending":
                continue
            province_officer = remote[centre.id]
            accepted_at = later(3, base=step)
            handover.answer(store, province_officer, code, accept=True, now=accepted_at)
            workflow.start_processing(store, province_officer, code, now=accepted_at)
            finish = min(due - timedelta(hours=rng.randint(2, 30)), now_floor - timedelta(minutes=5))
            if finish > accepted_at and rng.random() < 0.7:
                workflow.mark_result_ready(store, province_officer, code, now=finish)
            continue
        workflow.start_processing(store, clerk, code, now=step)
        if outcome == "processing" or outcome == "due_today":
            continue
        if outcome == "overdue":
            if rng.random() < 0.4:
                workflow.apologise(
                    store,
                    supervisor if at_home else clerk,
                    code,
                    cal.due_at(due, 2),
                    rng.choice(cat.APOLOGY_REASONS),
                    now=min(due - timedelta(hours=1), now_floor - timedelta(minutes=2)),
                )
            continue
        if outcome == "awaiting_fee":
            workflow.await_fee(store, clerk, code, "Chờ nộp lệ phí", now=later(1, base=step))
            continue
        if outcome in ("withdrawn", "stopped"):
            reason = (
                "Người nộp đề nghị rút hồ sơ" if outcome == "withdrawn" else "Đối tượng không đủ điều kiện"
            )
            (workflow.withdraw if outcome == "withdrawn" else workflow.stop)(
                store, clerk, code, reason, now=later(2, base=step)
            )
            continue
        if outcome == "returned_early":
            early = (
                datetime.combine(cal.add_working_days(due.date(), -1), time(9, 0)) if working_days else None
            )
            finish = early if early and early > step else later(0.5, base=step)
        elif outcome == "returned_late":
            finish = later(rng.randint(4, 15), base=due)
        else:  # on time (or just ready): the due day itself, before the due time
            finish = max(step + timedelta(minutes=10), due - timedelta(minutes=rng.randint(10, 120)))
        finish = min(finish, now_floor - timedelta(minutes=3))
        workflow.mark_result_ready(store, clerk, code, now=finish)
        if outcome == "result_ready":
            continue
        returned_at = min(later(rng.uniform(0.2, 6), base=finish), now_floor - timedelta(minutes=1))
        workflow.return_result(store, clerk, code, receiver_name="", id_checked=True, now=returned_at)
        _rate_on_the_tablet(store, clerk, code, rng, returned_at)
        if i % 20 == 0:
            progress("dossiers", i, n)
    progress("dossiers", n, n)
    return n


def _seed_queue(store: Store, rng: random.Random, today: date, officers: dict[str, Actor]) -> None:
    """A morning queue: citizens took numbers before the doors opened."""
    issued = datetime.combine(today, time(6, 45))
    for k in range(14):
        service = rng.choices(["A", "B", "C", "D"], weights=[5, 4, 2, 1])[0]
        priority = rng.random() < 0.15
        queue.issue(
            store,
            service,
            priority=priority,
            priority_reason=rng.choice(["Người cao tuổi", "Người khuyết tật", "Phụ nữ mang thai"])
            if priority
            else "",
            now=issued + timedelta(minutes=k),
        )


def demo_card_payloads(store: Store, limit: int = 3) -> list[str]:
    """QR texts of a few demo citizens' cards, to paste where a scanner would type them."""
    with store.session() as session:
        rows = session.exec(
            select(Citizen)
            .where(col(Citizen.birth_date).is_not(None), col(Citizen.issued_on).is_not(None))
            .order_by(col(Citizen.created_at), col(Citizen.cccd))
            .limit(limit)
        ).all()
        return [
            format_cccd_qr(
                CccdData(
                    c.cccd, c.old_id, c.full_name, c.birth_date, c.gender or "Nam", c.address, c.issued_on
                )
            )
            for c in rows
            if c.birth_date is not None and c.issued_on is not None  # as selected: a card has both
        ]


def _rate_on_the_tablet(
    store: Store, clerk: Actor, code: str, rng: random.Random, returned_at: datetime
) -> None:
    """As at a real counter: the return asks the counter's tablet; most citizens answer within a minute, the
    others leave without rating (recorded as not rated when the wait is over)."""
    level = rng.choices([1, 2, 3], weights=[55, 38, 7])[0] if rng.random() < 0.8 else None
    asked = rating.open_request(store, clerk, code, now=returned_at)
    if asked is None or clerk.counter_id is None:
        return
    if level is None:  # closed once its wait is over (still open when that is later than now)
        rating.close_expired(store, now=min(asked.expires_at, local_now()))
        return
    tablet = f"tablet-{clerk.counter_parts[1]}"
    rating.record(
        store, tablet, clerk.counter_id, asked.request_id, level, now=returned_at + timedelta(seconds=40)
    )
