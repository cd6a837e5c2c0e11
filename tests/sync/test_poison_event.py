"""One bad value in one event (a NUL byte PostgreSQL cannot store) costs that event, never the counter's sync."""

from __future__ import annotations

import json
import sqlite3

import pytest
from sqlmodel import select

from counter_app.db.models import Dossier, DossierEvent, Outbox, SyncRejection
from counter_app.domain.chain import event_hash
from counter_app.services import intake
from tests.services.test_dossier_flow import request_for
from tests.sync.test_sync import NOW, actor, sync

pytestmark = pytest.mark.pg


def _rejected(store) -> dict[str, str]:
    with store.session() as s:
        return {r.dossier_code: r.reason for r in s.exec(select(SyncRejection))}


def test_an_event_with_a_nul_byte_is_set_aside_and_sync_goes_on(counter_a, counter_b, central, locked_down):
    a = actor(counter_a)
    poisoned = intake.receive(counter_a, a, request_for(counter_a), now=NOW)
    healthy = intake.receive(counter_a, a, request_for(counter_a), now=NOW)
    # a NUL slipped into the dossier's only event behind the program's back (raw SQLite), its hash made right
    with counter_a.session() as s:
        fields = (
            s.exec(select(DossierEvent).where(DossierEvent.dossier_code == poisoned.code)).one().model_dump()
        )
    assert fields["seq"] == 1
    fields["payload"]["set"]["summary"] = "có\u0000NUL"
    new_hash = event_hash(fields)
    with sqlite3.connect(counter_a.settings.data_dir / "counter.sqlite3") as c:
        c.execute(
            "UPDATE dossier_event SET payload = ?, hash = ? WHERE id = ?",
            (json.dumps(fields["payload"]), new_hash, fields["id"]),
        )
        c.execute("UPDATE dossier SET last_event_hash = ? WHERE id = ?", (new_hash, fields["dossier_id"]))
    first = sync(counter_a)
    rejected = _rejected(counter_a)
    assert poisoned.code in rejected and "Mã băm" not in rejected[poisoned.code]  # refused for the NUL
    assert first.pushed and healthy.code not in rejected
    again = sync(counter_a)  # the next round is clean: nothing left that fails
    assert not again.rejected
    with counter_a.session() as s:
        assert not s.exec(select(Outbox).where(Outbox.sent_at.is_(None), Outbox.rejected_at.is_(None))).all()
        assert s.exec(select(Dossier).where(Dossier.code == poisoned.code)).one().needs_attention
