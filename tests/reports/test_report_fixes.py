"""Issue 15 («Reports»), on the hand-computed November of ``conftest.py``, on SQLite and on PostgreSQL."""

from __future__ import annotations

import io
import unicodedata
from datetime import date, datetime, timedelta

import pypdf
import pytest

from counter_app.services.indicators.figures import Finished
from counter_app.services.indicators.period_figures import indicators
from counter_app.services.indicators.periods import Period
from counter_app.services.indicators.report import indicators_csv, report, report_pdf
from counter_app.services.printing_service import ledger_pdf
from counter_app.services.reports import ledger_rows, ledger_totals

from .conftest import NOVEMBER, NOW, at

NOV = Period.between(*NOVEMBER)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


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


# --- one definition of "in the period" for the ledger and the indicators ----------------------------------

PERIODS = [
    NOVEMBER,
    (date(2026, 11, 1), date(2026, 11, 20)),  # a partial month, as asked on the 20th
    (date(2026, 11, 3), date(2026, 11, 6)),
    (date(2026, 11, 4), date(2026, 11, 9)),
    (date(2026, 10, 29), date(2026, 11, 2)),
    (date(2026, 11, 10), date(2026, 11, 20)),
]


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_ledger_and_indicators_count_the_same_dossiers(scenario, start, end):
    """Whatever the period, the ledger's totals are the indicators' figures: a dossier counts for each kind
    whose moment (received, finished, returned) falls in the period (issue 15: November's ledger said 4
    returned / 6 finished where the indicators said 9 / 12)."""
    rows = ledger_rows(scenario.store, start, end, unit_id=scenario.unit)
    totals = ledger_totals(rows, start, end)
    i = indicators(scenario.store, NOW, Period.between(start, end), scenario.unit)
    assert (totals.received, totals.refused, totals.returned) == (i.received, i.refused, i.returned)
    assert (totals.early, totals.on_time, totals.late) == (
        i.finished.early,
        i.finished.on_time,
        i.finished.late,
    )


def test_a_dossier_received_before_the_period_and_finished_in_it_is_in_the_ledger(scenario):
    """I was received on 29/10 and finished on 02/11: it is a row of November's ledger, counted as finished
    (early) and not as received; the rows' notes add up to the finished figures."""
    c = scenario.codes
    rows = {r.code: r for r in ledger_rows(scenario.store, *NOVEMBER, unit_id=scenario.unit)}
    assert set(rows) == {c[k] for k in "ABCDEFIJ"}
    assert rows[c["I"]].note == "Trước hạn" and rows[c["I"]].received_at == at(29, 8, month=10)
    totals = ledger_totals(list(rows.values()), *NOVEMBER)
    assert (totals.received, totals.refused, totals.finished, totals.returned) == (6, 1, 5, 3)
    assert totals.text == (
        "Trong kỳ: tiếp nhận 6, từ chối 1, có kết quả 5 (trước hạn 3, đúng hạn 1, quá hạn 1), đã trả kết quả 3."
    )
    october = ledger_rows(scenario.store, date(2026, 10, 1), date(2026, 10, 31), unit_id=scenario.unit)
    assert [r.code for r in october] == [c["I"]]
    assert ledger_totals(october, date(2026, 10, 1), date(2026, 10, 31)).finished == 0


def test_the_demo_store_agrees_month_by_month(seeded_store):
    from tests.conftest import SEED_DAY

    now = datetime.combine(SEED_DAY, datetime.min.time()).replace(hour=7)
    for first in (date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1)):
        last = min(SEED_DAY, (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1))
        totals = ledger_totals(ledger_rows(seeded_store, first, last), first, last)
        i = indicators(seeded_store, now, Period.between(first, last))
        assert (totals.received, totals.refused, totals.finished, totals.returned) == (
            i.received,
            i.refused,
            i.finished.total,
            i.returned,
        ), first


def test_the_definition_is_printed_on_the_ledger_and_the_indicators_report(scenario):
    store = scenario.store
    words = "Cách tính trong kỳ: hồ sơ được tính vào số tiếp nhận"
    ledger = _text(ledger_pdf(store, *NOVEMBER, unit_id=scenario.unit))
    assert words in ledger and "đã trả kết quả 3." in ledger and "tiếp nhận 6, từ chối 1" in ledger
    rep = report(store, NOW, NOV, scenario.unit)
    assert words in _text(report_pdf(store, rep))
    assert words in indicators_csv(rep).decode("utf-8-sig")


def test_the_weekly_table_keeps_to_the_period(scenario):
    """A report asked from 01/11 shows the weeks from 01/11 (a Sunday: a one-day first week), not from the
    Monday eight weeks back (12/10), and its weeks add up to the period's figures."""
    rep = report(scenario.store, NOW, Period.between(date(2026, 11, 1), date(2026, 11, 20)), scenario.unit)
    assert [w.start for w in rep.weekly] == [date(2026, 11, d) for d in (1, 2, 9, 16)]
    i = rep.indicators
    assert sum(w.received for w in rep.weekly) == i.received
    assert sum((w.finished for w in rep.weekly), Finished()) == i.finished
    assert sum(w.returned for w in rep.weekly) == i.returned
    after = report(scenario.store, datetime(2026, 12, 1, 9), NOV, scenario.unit)
    assert after.weekly[0].start == date(2026, 11, 1) and after.weekly[-1].start == date(2026, 11, 30)
    weekly_rows = indicators_csv(after).decode("utf-8-sig").split("\r\n")
    assert "01/11/2026," in "\n".join(weekly_rows) and "12/10/2026" not in "\n".join(weekly_rows)


def _text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(nfc("\n".join(page.extract_text() for page in reader.pages)).split())
