"""A real unit from nothing: setup, officers' accounts, PINs nobody guesses, no demo data in a real store."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlmodel import func, select

from counter_app.db.models import Counter, Officer, QueueService, StoreInfo, Unit
from counter_app.domain.identifiers import InvalidIdentifier
from counter_app.services import auth, demo, officers, setup, store_info
from counter_app.services.context import Actor, open_store
from counter_app.services.errors import Forbidden, NotFound, ServiceError
from tests.conftest import make_settings

WARD = "16171"  # Xã Ba Đình, Thanh Hóa
IDENTIFIER = "000.00.53.H48"
ADMIN_PIN = "246810"
NOW = datetime(2026, 11, 20, 8, 0)


def set_up_unit(store, *, counters: int = 3, admin: str = "quantri", pin: str | None = ADMIN_PIN, **kw):
    request = setup.prepare(
        kw.pop("unit", WARD), kw.pop("identifier", IDENTIFIER), counters, admin, kw.pop("name", None)
    )
    plan = setup.plan(store, request)
    return plan, setup.set_up(store, request, pin, now=NOW)


def admin_actor(store, username: str = "quantri") -> Actor:
    return auth.actor_for_username(store, username)


def rows(store, model) -> int:
    with store.session() as s:
        return int(s.exec(select(func.count()).select_from(model)).one())


@pytest.fixture
def unit_store(store):
    """A store set up for Xã Ba Đình with three counters and the administrator ``quantri``."""
    set_up_unit(store)
    return store


def test_setup_from_nothing_makes_a_working_unit(store, tmp_path):
    assert rows(store, Officer) == rows(store, Counter) == rows(store, QueueService) == 0
    plan, report = set_up_unit(store, name="Nguyễn  Văn Quản")
    assert not plan.admin_exists and not plan.set_up_before
    assert report.unit.id == WARD and report.unit.one_stop_code == IDENTIFIER == report.identifier
    assert report.counters == tuple(f"{IDENTIFIER}#{n}" for n in (1, 2, 3)) and report.counters_added == 3
    assert report.queue_services == ("A", "B", "C", "D")
    assert (
        report.admin_created and report.admin.role == "admin" and report.admin.full_name == "Nguyễn Văn Quản"
    )
    assert not report.admin.must_change_pin  # the administrator chose their PIN
    with store.session() as s:
        assert store_info.read(s).kind == "unit"
        assert (store_info.read(s).unit_id, store_info.read(s).identifier) == (WARD, IDENTIFIER)
        assert s.get_one(Unit, WARD).one_stop_code == IDENTIFIER
        assert s.exec(select(func.count()).select_from(Unit)).one() > 3000  # the catalogue, for handovers
    # the store now works as the unit's, and so does any PC opening it whatever its own settings say
    assert store.unit_id == WARD and store.settings.counter_id == f"{IDENTIFIER}#1"
    actor = auth.login(store, "quantri", ADMIN_PIN)
    assert (actor.role, actor.unit_id, actor.counter_id, actor.must_change_pin) == (
        "admin",
        WARD,
        f"{IDENTIFIER}#1",
        False,
    )
    again = open_store(store.settings)
    try:
        assert again.unit_id == WARD and again.settings.one_stop_code == IDENTIFIER
    finally:
        again.dispose()


def test_setting_up_again_adds_what_is_missing_and_keeps_the_rest(unit_store):
    store = unit_store
    with store.session() as s:
        hash_before = s.exec(select(Officer.pin_hash).where(Officer.username == "quantri")).one()
    plan, report = set_up_unit(store, counters=5, pin=None)
    assert plan.admin_exists and plan.set_up_before
    assert not report.admin_created and report.counters_added == 2 and len(report.counters) == 5
    assert rows(store, Officer) == 1 and rows(store, QueueService) == 4
    with store.session() as s:
        assert s.exec(select(Officer.pin_hash).where(Officer.username == "quantri")).one() == hash_before
    # a second administrator, named at a new setup, gets their own PIN
    _, second = set_up_unit(store, counters=1, admin="quantri2", pin="975310")
    assert second.admin_created and rows(store, Counter) == 5
    assert auth.login(store, "quantri2", "975310").role == "admin"


def _nothing_changed(store, before):
    assert (rows(store, StoreInfo), rows(store, Officer), rows(store, Counter)) == before


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_store_of_another_unit_or_identifier_is_refused_as_it_is(unit_store):
    store = unit_store
    before = (rows(store, StoreInfo), rows(store, Officer), rows(store, Counter))
    cases = [
        ({"unit": "70"}, "setup.other_unit"),
        ({"identifier": "000.00.54.H48"}, "setup.identifier_changed"),
    ]
    for kw, key in cases:
        with pytest.raises(ServiceError) as refused:
            set_up_unit(store, admin="other", pin="975310", **kw)
        assert refused.value.key == key
        _nothing_changed(store, before)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_an_identifier_of_another_unit_is_refused(store):
    with store.session() as s:
        from counter_app.db.units import load_catalogue

        load_catalogue(s)
        s.get_one(Unit, "70").one_stop_code = IDENTIFIER
    before = (rows(store, StoreInfo), rows(store, Officer), rows(store, Counter))
    with pytest.raises(ServiceError) as taken:
        set_up_unit(store)
    assert taken.value.key == "setup.identifier_taken" and "(70)" in str(taken.value)
    _nothing_changed(store, before)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_demo_store_is_never_set_up_as_a_real_unit(seeded_store):
    before = (rows(seeded_store, StoreInfo), rows(seeded_store, Officer), rows(seeded_store, Counter))
    with pytest.raises(ServiceError) as refused:
        set_up_unit(seeded_store)
    assert refused.value.key == "setup.demo_store"
    _nothing_changed(seeded_store, before)


def test_a_store_opened_as_the_demo_or_holding_data_is_refused(tmp_path):
    demo_settings = make_settings(tmp_path / "a")
    from dataclasses import replace

    store = open_store(replace(demo_settings, demo=True))
    try:
        with pytest.raises(ServiceError) as refused:
            set_up_unit(store)
        assert refused.value.key == "setup.demo_store" and rows(store, StoreInfo) == 0
    finally:
        store.dispose()
    store = open_store(make_settings(tmp_path / "b"))
    try:
        with store.session() as s:  # an officer in a store never set up: an old demo store
            from counter_app.db.units import load_catalogue

            load_catalogue(s)
            s.add(Officer(username="old", full_name="Cũ", role="admin", unit_id=WARD, pin_hash="x"))
        with pytest.raises(ServiceError) as refused:
            set_up_unit(store)
        assert refused.value.key == "setup.has_data" and rows(store, StoreInfo) == 0
    finally:
        store.dispose()


@pytest.mark.parametrize(
    ("args", "key", "field"),
    [
        ((" 99998", IDENTIFIER, 2, "quantri"), "setup.unknown_unit", "--unit"),
        (("abc", IDENTIFIER, 2, "quantri"), "setup.unknown_unit", "--unit"),
        (("16171\x00", IDENTIFIER, 2, "quantri"), "setup.unknown_unit", "--unit"),
        ((WARD, IDENTIFIER, 0, "quantri"), "setup.bad_counters", "--counters"),
        ((WARD, IDENTIFIER, 10, "quantri"), "setup.bad_counters", "--counters"),
        ((WARD, IDENTIFIER, 2, "Quan Tri"), "officers.username_format", "Tên đăng nhập"),
        ((WARD, IDENTIFIER, 2, "qt\x00"), "officers.username_format", "Tên đăng nhập"),
        ((WARD, IDENTIFIER, 2, "quantri", "Nguyễn\x00Văn"), "officers.text_chars", "Họ và tên"),
        ((WARD, IDENTIFIER, 2, "quantri", "Nguyễn\nVăn"), "officers.text_chars", "Họ và tên"),
        ((WARD, IDENTIFIER, 2, "quantri", "  "), "officers.text_empty", "Họ và tên"),
        ((WARD, IDENTIFIER, 2, "quantri", "A" * 121), "officers.text_too_long", "Họ và tên"),
    ],
)
def test_bad_values_are_refused_before_any_store_is_touched(args, key, field):
    with pytest.raises(ServiceError) as refused:
        setup.prepare(*args)
    assert refused.value.key == key and field in str(refused.value) and "\n" not in str(refused.value)


@pytest.mark.parametrize("identifier", ["", "bad", "000-00-53-H48", "000.00.53.H48\x00"])
def test_the_identifier_is_checked_like_the_domain_says(identifier):
    with pytest.raises(InvalidIdentifier):
        setup.prepare(WARD, identifier, 2, "quantri")


# --- PINs anyone would guess ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pin",
    ["123456", "000000", "999999", "234567", "0123456789", "789012", "987654", "654321", "121212", "123123"],
)
def test_guessable_pins(pin):
    assert auth.is_guessable(pin)
    with pytest.raises(ServiceError) as refused:
        auth.check_new_pin(pin)
    assert refused.value.key == "auth.pin_guessable"


@pytest.mark.parametrize("pin", ["246810", "975310", "135790", "202611", "314159"])
def test_pins_nobody_guesses_first(pin):
    assert not auth.is_guessable(pin)
    auth.check_new_pin(pin)


def test_no_store_made_without_demo_accepts_pin_123456_for_any_account(store, tmp_path):
    """Setup, officer add, reset and change refuse it; seeding demo accounts into the store is refused; and
    an account that had it anyway (an old store) cannot log in with it."""
    with pytest.raises(ServiceError) as refused:
        set_up_unit(store, pin="123456")
    assert refused.value.key == "auth.pin_guessable" and rows(store, StoreInfo) == rows(store, Officer) == 0
    set_up_unit(store)
    admin = admin_actor(store)
    with pytest.raises(ServiceError, match="dễ đoán"):
        officers.add(store, admin, "canbo1", "Lê Thị Hoa", "123456")
    officers.add(store, admin, "canbo1", "Lê Thị Hoa", "135790")
    with pytest.raises(ServiceError, match="dễ đoán"):
        officers.reset_pin(store, admin, "canbo1", "123456")
    actor = auth.login(store, "canbo1", "135790")
    with pytest.raises(ServiceError, match="dễ đoán"):
        auth.change_pin(store, actor, "135790", "123456")
    with pytest.raises(ServiceError) as seeding:
        demo.seed_demo(store, citizens=5)
    assert seeding.value.key == "setup.seed_not_demo"
    with pytest.raises(ServiceError):
        demo.require_demo_store(store)
    assert rows(store, Officer) == 2
    # an account whose hash is of 123456 all the same (made before these rules): never logs in with it
    with store.session() as s:
        for officer in s.exec(select(Officer)).all():
            officer.pin_hash = auth.hash_pin("123456")
            s.add(officer)
    for username in ("quantri", "canbo1"):
        with pytest.raises(ServiceError) as login:
            auth.login(store, username, "123456")
        assert login.value.key == "auth.pin_guessable_here"
    # a fresh store, never set up, not opened as the demo: not a demo store either
    fresh = open_store(make_settings(tmp_path / "fresh"))
    try:
        with pytest.raises(ServiceError):
            demo.require_demo_store(fresh)
    finally:
        fresh.dispose()


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_demo_seeding_records_a_demo_store_where_its_pin_works(seeded_store):
    with seeded_store.session() as s:
        identity = store_info.read(s)
    assert (identity.kind, identity.unit_id) == ("demo", seeded_store.unit_id)
    assert identity.identifier == seeded_store.settings.one_stop_code
    demo.require_demo_store(seeded_store)
    assert auth.login(seeded_store, "canbo1", "123456").name


# --- officers' accounts -------------------------------------------------------------------------------------


def test_an_added_officer_must_choose_their_own_pin_at_first_log_in(unit_store):
    store = unit_store
    added = officers.add(store, admin_actor(store), " canbo1 ", "Lê  Thị Hoa", "135790", role="supervisor")
    assert (added.username, added.full_name, added.role, added.must_change_pin) == (
        "canbo1",
        "Lê Thị Hoa",
        "supervisor",
        True,
    )
    assert added.title == officers.DEFAULT_TITLE and added.active and added.unit_id == WARD
    actor = auth.login(store, "canbo1", "135790", now=NOW)
    assert actor.must_change_pin and auth.must_change_pin(store, actor)
    with pytest.raises(ServiceError) as same:
        auth.change_pin(store, actor, "135790", "135790", now=NOW)
    assert same.value.key == "auth.pin_unchanged"
    with pytest.raises(ServiceError) as wrong:
        auth.change_pin(store, actor, "000001", "864202", now=NOW)
    assert wrong.value.key == "auth.wrong_pin"
    changed = auth.change_pin(store, actor, "135790", "864202", now=NOW)
    assert not changed.must_change_pin and changed.officer_id == actor.officer_id
    assert not auth.must_change_pin(store, changed)
    assert not auth.login(store, "canbo1", "864202", now=NOW).must_change_pin
    with pytest.raises(ServiceError, match="không đúng"):
        auth.login(store, "canbo1", "135790", now=NOW)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_reset_pin_unlocks_and_asks_for_a_new_one(unit_store):
    store = unit_store
    admin = admin_actor(store)
    officers.add(store, admin, "canbo1", "Lê Thị Hoa", "135790")
    actor = auth.login(store, "canbo1", "135790", now=NOW)
    auth.change_pin(store, actor, "135790", "864202", now=NOW)
    for _ in range(auth.MAX_FAILED):
        with pytest.raises(ServiceError):
            auth.login(store, "canbo1", "111112", now=NOW)
    with pytest.raises(ServiceError, match="bị khóa"):
        auth.login(store, "canbo1", "864202", now=NOW)
    assert officers.find(store, admin, "canbo1").locked_until is not None
    reset = officers.reset_pin(store, admin, "canbo1", "579135")
    assert reset.must_change_pin and reset.locked_until is None
    assert auth.login(store, "canbo1", "579135", now=NOW + timedelta(seconds=1)).must_change_pin


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_disable_enable_and_roles(unit_store):
    store = unit_store
    admin = admin_actor(store)
    officers.add(store, admin, "canbo1", "Lê Thị Hoa", "135790")
    assert not officers.disable(store, admin, "canbo1").active
    with pytest.raises(ServiceError) as inactive:
        auth.login(store, "canbo1", "135790")
    assert inactive.value.key == "privacy.login_refused"  # the same as for an unknown username
    assert officers.enable(store, admin, "canbo1").active
    assert officers.set_role(store, admin, "canbo1", "admin").role == "admin"
    assert [o.username for o in officers.list_officers(store, admin)] == ["canbo1", "quantri"]
    # the unit keeps an active administrator; nobody disables or demotes the account they use
    assert officers.set_role(store, admin, "canbo1", "officer").role == "officer"
    for action in (lambda: officers.disable(store, admin, "quantri"),):
        with pytest.raises(Forbidden) as yourself:
            action()
        assert yourself.value.key == "officers.not_yourself"
    counter = Actor(None, "Quầy số 1 (dòng lệnh)", "admin", WARD, f"{IDENTIFIER}#1")
    with pytest.raises(Forbidden) as last:
        officers.disable(store, counter, "quantri")
    assert last.value.key == "officers.last_admin"
    with pytest.raises(Forbidden) as last_role:
        officers.set_role(store, counter, "quantri", "supervisor")
    assert last_role.value.key == "officers.last_admin"
    with pytest.raises(ServiceError) as bad_role:
        officers.set_role(store, counter, "canbo1", "boss")
    assert bad_role.value.key == "officers.bad_role"


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_only_an_administrator_of_the_unit_manages_its_accounts(unit_store):
    store = unit_store
    admin = admin_actor(store)
    officers.add(store, admin, "canbo1", "Lê Thị Hoa", "135790")
    clerk = auth.actor_for_username(store, "canbo1")
    for call in (
        lambda: officers.add(store, clerk, "canbo2", "Trần Văn Hùng", "135790"),
        lambda: officers.reset_pin(store, clerk, "quantri", "579135"),
        lambda: officers.list_officers(store, clerk),
    ):
        with pytest.raises(Forbidden) as refused:
            call()
        assert refused.value.key == "auth.role_required"
    with store.session() as s:
        s.add(Officer(username="elsewhere", full_name="Khác", role="officer", unit_id="70", pin_hash="x"))
    with pytest.raises(Forbidden) as other:
        officers.reset_pin(store, admin, "elsewhere", "579135")
    assert other.value.key == "auth.other_unit"
    with pytest.raises(NotFound):
        officers.disable(store, admin, "nobody")
    with pytest.raises(ServiceError) as exists:
        officers.add(store, admin, "elsewhere", "Trùng Tên", "579135")
    assert exists.value.key == "officers.exists"
    assert [o.username for o in officers.list_officers(store, admin)] == ["canbo1", "quantri"]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@pytest.mark.parametrize(
    ("username", "name", "title", "key"),
    [
        ("Can Bo", "Lê Thị Hoa", None, "officers.username_format"),
        ("cb", "Lê Thị Hoa", None, "officers.username_format"),
        ("canbo1", "Lê\tThị Hoa", None, "officers.text_chars"),
        ("canbo1", "Lê Thị Hoa", "Công chức\x00", "officers.text_chars"),
        ("canbo1", "123", None, "officers.text_empty"),
    ],
)
def test_bad_account_values_change_nothing(unit_store, username, name, title, key):
    admin = admin_actor(unit_store)
    with pytest.raises(ServiceError) as refused:
        officers.check_new(unit_store, admin, username, name, title=title)
    assert refused.value.key == key
    with pytest.raises(ServiceError):
        officers.add(unit_store, admin, username, name, "579135", title=title)
    assert rows(unit_store, Officer) == 1


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_name_with_a_no_break_space_is_tidied(unit_store):
    added = officers.add(unit_store, admin_actor(unit_store), "canbo1", "Lê\u00a0Thị Hoa", "579135")
    assert added.full_name == "Lê Thị Hoa"


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_accounts_wait_for_the_store_to_be_set_up(store):
    """Before setup, an account would land in whatever unit the PC's settings name (the demo's by default)."""
    counter = Actor(None, "Quầy số 1 (dòng lệnh)", "admin", store.unit_id, store.settings.counter_id)
    for call in (
        lambda: officers.add(store, counter, "canbo1", "Lê Thị Hoa", "135790"),
        lambda: officers.list_officers(store, counter),
    ):
        with pytest.raises(ServiceError) as refused:
            call()
        assert refused.value.key == "officers.not_set_up"
    assert rows(store, Officer) == 0
