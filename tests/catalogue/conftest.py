"""An empty store (the country's units only) and its administrator, on SQLite (and on PostgreSQL where a
test asks for both backends)."""

from __future__ import annotations

import pytest

from counter_app.services.context import Actor


@pytest.fixture
def admin(store) -> Actor:
    return Actor(None, "Võ Quốc Bảo", "admin", store.unit_id, None)
