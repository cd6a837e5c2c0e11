"""Opening a dossier that cannot be shown ends the loading with one line (issue 15).

A code nobody issued and one of another unit already said «Không tìm thấy hồ sơ …» (test_unit_boundaries);
any other refusal — a Forbidden from the services, a store fault — left the title on «Đang tải hồ sơ …» for
ever, with the reason only in a passing notice. The title now says why, in one line, as the notice does.
"""

from __future__ import annotations

import sqlite3

import pytest

from counter_app.domain.states import Status
from counter_app.screens.dossier import DossierScreen
from counter_app.services.errors import Forbidden

from .helpers import SIZE, find_code, login, notices, type_text, wait_for


def _forbidden(*_args, **_kwargs):
    raise Forbidden("auth.other_unit", username="canbo", unit="21028")


def _locked(*_args, **_kwargs):
    raise sqlite3.OperationalError("database is locked")


@pytest.mark.parametrize(
    ("fault", "said"),
    [
        (_forbidden, "canbo"),
        (_locked, "khóa"),
    ],
)
async def test_a_scanned_code_that_cannot_be_shown_ends_the_loading(app, store, monkeypatch, fault, said):
    from counter_app.services import access

    code = find_code(store, status=Status.PROCESSING)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        monkeypatch.setattr(access, "dossier_detail", fault)
        await type_text(pilot, code, enter=True)
        await wait_for(pilot, lambda: isinstance(app.screen, DossierScreen), "dossier screen")
        screen = app.screen
        await wait_for(pilot, lambda: notices(app, "error"), "an error notice")
        message = notices(app, "error")[-1]
        await wait_for(
            pilot,
            lambda: not str(screen.query_one("#dossier-title").render()).startswith("Đang tải"),
            "loaded",
        )
        title = str(screen.query_one("#dossier-title").render())
        assert title == message and "\n" not in title
        assert said in title
        assert screen.detail is None
