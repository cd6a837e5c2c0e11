"""An officer's typing mode and tone style: remembered for that officer only, refused when unknown."""

from __future__ import annotations

import pytest

from counter_app.services import auth, preferences
from counter_app.services.errors import ServiceError


@pytest.fixture
def officers(seeded_store):
    return auth.actor_for_username(seeded_store, "canbo1"), auth.actor_for_username(seeded_store, "canbo2")


def test_each_officer_has_their_own_typing_mode(seeded_store, officers):
    first, second = officers
    assert preferences.typing_preference(seeded_store, first) == preferences.TypingPreference("off", "old")
    assert preferences.set_typing(seeded_store, first, mode="telex").mode == "telex"
    assert preferences.set_typing(seeded_store, first, style="new") == preferences.TypingPreference(
        "telex", "new"
    )
    assert preferences.typing_preference(seeded_store, second) == preferences.TypingPreference("off", "old")
    preferences.set_typing(seeded_store, second, mode="vni")
    assert preferences.typing_preference(seeded_store, first) == preferences.TypingPreference("telex", "new")
    assert preferences.typing_preference(seeded_store, second).mode == "vni"


def test_an_unknown_mode_or_style_is_refused(seeded_store, officers):
    first, _ = officers
    with pytest.raises(ServiceError) as caught:
        preferences.set_typing(seeded_store, first, mode="unikey")
    assert caught.value.key == "typing.unknown_mode"
    with pytest.raises(ServiceError):
        preferences.set_typing(seeded_store, first, style="modern")
    assert preferences.typing_preference(seeded_store, first).mode == "off"
