"""More faults: the printer lost in the middle of a job; the central PostgreSQL lost under a supervisor's screen;
services that refuse what the screens hide."""

from __future__ import annotations

import os
import stat

import pytest
from sqlalchemy.engine import make_url
from sqlmodel import select

from counter_app.db.engine import make_engine
from counter_app.db.models import Dossier, DossierEvent, Officer
from counter_app.printing.output import PrintError
from counter_app.services import access, printing_service
from counter_app.services.context import Actor
from counter_app.services.errors import Forbidden, NotFound
from counter_app.services.indicators.snapshot import supervisor_snapshot
from tests.services.test_dossier_flow import THU, clerk, request_for
from tests.sync.faults import CuttingRelay


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_printer_lost_mid_job_leaves_the_dossier_and_the_pdf(seeded_store, tmp_path, monkeypatch):
    from dataclasses import replace

    from counter_app.services import intake

    store = seeded_store
    dossier = intake.receive(store, clerk(store), request_for(store), now=THU)
    # a CUPS client whose printer goes away after taking part of the job
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    lp = bin_dir / "lp"
    lp.write_text("#!/bin/sh\nhead -c 2048 \"$3\" > /dev/null\necho 'lp: printer went offline' >&2\nexit 1\n")
    lp.chmod(lp.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    store.settings = replace(store.settings, printer="HP_Quay_1")
    with store.session() as s:
        events_before = len(s.exec(select(DossierEvent).where(DossierEvent.dossier_id == dossier.id)).all())
    with pytest.raises(PrintError) as info:
        printing_service.print_form(store, dossier.code, "receipt")
    assert "HP_Quay_1" in str(info.value) or "PDF" in str(info.value)
    kept = list(store.settings.printed_dir.rglob(f"{dossier.code}-*.pdf"))
    assert kept and kept[0].read_bytes().startswith(b"%PDF")
    with store.session() as s:
        assert s.get(Dossier, dossier.id).status == dossier.status
        assert (
            len(s.exec(select(DossierEvent).where(DossierEvent.dossier_id == dossier.id)).all())
            == events_before
        )


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
async def test_the_central_store_lost_under_a_supervisor_refresh(seeded_store):
    """A provincial supervisor's screen on the central PostgreSQL: the connection dies, the screen keeps
    its last figures with a notice, and catches up when the server is back."""
    from tests.tui.helpers import SIZE, wait_for
    from tests.tui.test_supervisor_live import Host, keys, officer, table

    store = seeded_store
    url = make_url(store.settings.db_url.replace("postgresql://", "postgresql+psycopg://", 1))
    relay = CuttingRelay((url.host or "127.0.0.1", url.port or 5432))
    direct = store.engine
    store.engine = make_engine(
        url.set(host="127.0.0.1", port=relay.port).render_as_string(hide_password=False)
    )
    host = Host(store, officer(store), refresh_every=0.1)
    try:
        async with host.run_test(size=SIZE) as pilot:
            screen = host.screen_under_test
            await wait_for(pilot, lambda: screen.refreshes >= 1, "first refresh", timeout=20)
            rows = keys(table(screen, "live-attention"))
            relay.cut = True  # the server is gone: open connections die, new ones are dropped
            relay.close_connections()
            header = screen.query_one("#live-header")
            await wait_for(
                pilot,
                lambda: "Không đọc được kho dữ liệu" in str(header.render()),
                "stale notice",
                timeout=20,
            )
            assert keys(table(screen, "live-attention")) == rows
            relay.cut, relay.cut_after, relay.sent = False, None, 0  # the server is back
            count = screen.refreshes
            await wait_for(pilot, lambda: screen.refreshes > count, "recovered", timeout=30)
            assert "GIÁM SÁT TRỰC TIẾP" in str(header.render())
    finally:
        relay.close()
        store.engine.dispose()
        store.engine = direct


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_services_refuse_what_the_screens_hide(seeded_store):
    store = seeded_store
    with store.session() as s:
        other = s.exec(
            select(Dossier).where(
                Dossier.received_unit_id != store.unit_id,
                Dossier.custodian_unit_id != store.unit_id,
                Dossier.return_unit_id != store.unit_id,
            )
        ).first()
        officer_row = s.exec(select(Officer).where(Officer.username == "canbo1")).one()
    assert other is not None
    me = Actor(officer_row.id, officer_row.full_name, "officer", store.unit_id, store.settings.counter_id)
    with pytest.raises(NotFound):  # «not found», like an unknown code: «forbidden» would tell it exists
        access.dossier_detail(store, me, other.code, purpose="Xem hồ sơ")
    mine = request_for(store)
    from counter_app.services import intake

    own = intake.receive(store, me, mine, now=THU)
    assert access.dossier_detail(store, me, own.code).dossier.code == own.code
    with pytest.raises(Forbidden, match="lãnh đạo"):
        supervisor_snapshot(store, THU, actor=me)
    boss = Actor(None, "Phạm Minh Tuấn", "supervisor", store.unit_id, store.settings.counter_id)
    assert supervisor_snapshot(store, THU, actor=boss) is not None
