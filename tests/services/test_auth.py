from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from counter_app.services.auth import MAX_FAILED, hash_pin, lock_duration, login, pin_matches
from counter_app.services.errors import ServiceError


def test_pin_hash_is_salted_scrypt_and_checks():
    one, two = hash_pin("246810"), hash_pin("246810")
    assert one.startswith("scrypt$") and one != two
    assert pin_matches("246810", one) and not pin_matches("246811", one)
    assert not pin_matches("246810", "garbage")


@pytest.mark.parametrize("pin", ["12345", "abcdef", "12 345", "١٢٣٤٥٦"])
def test_pin_needs_six_ascii_digits(pin):
    with pytest.raises(ServiceError, match="6 chữ số"):
        hash_pin(pin)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_five_wrong_pins_lock_the_account_for_five_minutes(seeded_store):
    now = datetime(2026, 11, 20, 8, 0)
    for _ in range(MAX_FAILED):
        with pytest.raises(ServiceError) as refused:
            login(seeded_store, "canbo2", "000000", now=now)
        assert refused.value.key == "privacy.login_refused"
    with pytest.raises(ServiceError) as locked:  # the right PIN does not open a locked account
        login(seeded_store, "canbo2", "123456", now=now + timedelta(minutes=4))
    assert locked.value.key == "privacy.login_refused"
    assert login(seeded_store, "canbo2", "123456", now=now + timedelta(minutes=6)).name == "Trần Văn Hùng"


def _officer(store, username):
    from sqlmodel import select

    from counter_app.db.models import Officer

    with store.session() as s:
        return s.exec(select(Officer).where(Officer.username == username)).one()


def _fail(store, username, times, now):
    for _ in range(times):
        with pytest.raises(ServiceError):
            login(store, username, "000000", now=now)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_lock_out_escalates_5_15_60_minutes_and_a_good_pin_resets_it(seeded_store):
    """It used to reset the count when it locked: five guesses every five minutes, forever."""
    store, start = seeded_store, datetime(2026, 11, 20, 8, 0)
    now = start
    for minutes in (5, 15, 60, 60):
        _fail(store, "canbo2", MAX_FAILED, now)
        assert _officer(store, "canbo2").locked_until == now + timedelta(minutes=minutes)
        with pytest.raises(ServiceError):  # still locked a minute before the end
            login(store, "canbo2", "123456", now=now + timedelta(minutes=minutes - 1))
        now += timedelta(minutes=minutes, seconds=1)
    assert _officer(store, "canbo2").failed_attempts == 4 * MAX_FAILED  # not forgotten when a lock ends
    assert lock_duration(MAX_FAILED) == timedelta(minutes=5) and lock_duration(MAX_FAILED - 1) is None
    assert login(store, "canbo2", "123456", now=now).name == "Trần Văn Hùng"
    assert _officer(store, "canbo2").failed_attempts == 0
    _fail(store, "canbo2", MAX_FAILED, now)  # a fresh start: five minutes again
    assert _officer(store, "canbo2").locked_until == now + timedelta(minutes=5)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_every_failed_log_in_says_the_same_thing(seeded_store):
    """Unknown username, wrong PIN, locked, disabled, another unit's officer: one message, so a log-in box
    does not tell which usernames exist. It used to say «Không có cán bộ …» or «còn 4 lần thử»."""
    from sqlmodel import select

    from counter_app.db.models import Officer

    store, now = seeded_store, datetime(2026, 11, 20, 8, 0)
    with store.session() as s:
        colleague = s.exec(select(Officer).where(Officer.username == "canbo3")).one()
        s.add(Officer(**(colleague.model_dump() | {"id": "o-70", "username": "elsewhere", "unit_id": "70"})))
        s.add(Officer(**(colleague.model_dump() | {"id": "o-off", "username": "retired", "active": False})))
    _fail(store, "canbo1", MAX_FAILED, now)  # canbo1 is now locked
    messages = set()
    for username, pin in [
        ("nobody", "246810"),
        ("canbo2", "246810"),
        ("canbo1", "123456"),
        ("elsewhere", "123456"),
        ("retired", "123456"),
    ]:
        with pytest.raises(ServiceError) as refused:
            login(store, username, pin, now=now)
        assert refused.value.key == "privacy.login_refused", username
        messages.add(str(refused.value))
    (message,) = messages
    assert "nobody" not in message and "còn" not in message
    assert _officer(store, "canbo3").failed_attempts == 0  # another unit's account was not even tried


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_an_administrator_unlocks_an_account(seeded_store):
    from counter_app.services import officers
    from counter_app.services.auth import actor_for_username

    store, now = seeded_store, datetime(2026, 11, 20, 8, 0)
    admin = actor_for_username(store, "quantri")
    for _ in range(2):
        _fail(store, "canbo2", MAX_FAILED, now)
        now += timedelta(minutes=5, seconds=1)
    assert officers.find(store, admin, "canbo2").locked_until is not None
    unlocked = officers.unlock(store, admin, "canbo2")
    assert unlocked.locked_until is None and _officer(store, "canbo2").failed_attempts == 0
    assert login(store, "canbo2", "123456", now=now).name == "Trần Văn Hùng"
    with pytest.raises(ServiceError) as not_admin:
        officers.unlock(store, actor_for_username(store, "canbo1"), "canbo2")
    assert not_admin.value.key == "auth.role_required"


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_headless_command_acts_as_an_active_officer_of_this_unit(seeded_store):
    from sqlmodel import select

    from counter_app.db.models import Officer
    from counter_app.services.auth import actor_for_username
    from counter_app.services.errors import Forbidden, NotFound

    store = seeded_store
    actor = actor_for_username(store, " canbo2\n")
    assert (actor.name, actor.role, actor.unit_id) == ("Trần Văn Hùng", "officer", store.unit_id)
    assert actor.counter_id == store.settings.counter_id and actor.officer_id
    with pytest.raises(NotFound) as unknown:
        actor_for_username(store, "nobody")
    assert unknown.value.key == "auth.unknown_user" and "nobody" in str(unknown.value)
    with store.session() as s:
        colleague = s.exec(select(Officer).where(Officer.username == "canbo3")).one()
        other = colleague.model_dump() | {"id": "officer-elsewhere", "username": "elsewhere", "unit_id": "70"}
        s.add(Officer(**other))
        colleague.active = False
        s.add(colleague)
    with pytest.raises(Forbidden) as other_unit:
        actor_for_username(store, "elsewhere")
    assert other_unit.value.key == "auth.other_unit" and store.unit_id in str(other_unit.value)
    with pytest.raises(Forbidden) as disabled:
        actor_for_username(store, "canbo3")
    assert disabled.value.key == "auth.inactive"
