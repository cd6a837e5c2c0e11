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
