"""Issue 15 («Reports»), on the hand-computed November of ``conftest.py``, on SQLite and on PostgreSQL."""

from __future__ import annotations

from counter_app.services.reports import ledger_rows

from .conftest import NOVEMBER, at


def test_transfer_date_is_filled_by_the_transfer_to_processing(scenario):
    """«Ngày chuyển hồ sơ»: A, B, C went to processing (``x``) at 08:30 / 09:30 / 08:30 the day they were
    received; D was handed over to another unit; E and J never left the desk."""
    rows = {r.code: r for r in ledger_rows(scenario.store, *NOVEMBER, unit_id=scenario.unit)}
    c = scenario.codes
    assert [rows[c[k]].handed_over_at for k in "ABCDEJ"] == [
        at(2, 8, 30),
        at(2, 9, 30),
        at(3, 8, 30),
        at(4, 9),
        None,
        None,
    ]
