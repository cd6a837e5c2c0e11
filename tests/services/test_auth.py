from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from counter_app.services.auth import MAX_FAILED, hash_pin, login, pin_matches
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
    for _ in range(MAX_FAILED - 1):
        with pytest.raises(ServiceError, match="không đúng"):
            login(seeded_store, "canbo2", "000000", now=now)
    with pytest.raises(ServiceError, match="bị khóa"):
        login(seeded_store, "canbo2", "000000", now=now)
    with pytest.raises(ServiceError, match="bị khóa"):
        login(seeded_store, "canbo2", "123456", now=now + timedelta(minutes=4))
    assert login(seeded_store, "canbo2", "123456", now=now + timedelta(minutes=6)).name == "Trần Văn Hùng"
    with pytest.raises(ServiceError, match="Không có cán bộ"):
        login(seeded_store, "nobody", "123456", now=now)


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
