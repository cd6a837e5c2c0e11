"""Reports: the tracking ledger (Mẫu 06) for a date range.

Its rows are the dossiers of the unit with a counted moment — reception, result, return — in the range,
and its totals count each kind as the indicators do: "in the period" is defined once, in
:mod:`counter_app.services.indicators.counted`."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime
from typing import TextIO

from sqlalchemy import func
from sqlmodel import Session, col, select

from counter_app.db.models import Dossier, DossierEvent, Handover, Procedure, Unit
from counter_app.domain import states
from counter_app.domain.states import Status
from counter_app.locale import formats as fmt
from counter_app.locale import t
from counter_app.services.context import Store
from counter_app.services.errors import ServiceError
from counter_app.services.indicators.counted import any_in_period, counted_timeliness, counts_in
from counter_app.services.indicators.figures import FINISHED_STATUSES
from counter_app.services.indicators.periods import Period
from counter_app.services.scope import ALL_UNITS


@dataclass(frozen=True)
class LedgerRow:
    index: int
    code: str
    procedure_name: str
    sets: int
    applicant_name: str
    address_phone: str
    handling_unit: str
    received_at: datetime
    due_at: datetime | None
    handed_over_at: datetime | None
    returned_at: datetime | None
    status: str
    note: str
    finished_at: datetime | None = None
    #: early / on time / late as the indicators count it (None without a result or a due time)
    timeliness: states.Timeliness | None = None
    refused: bool = False


@dataclass(frozen=True)
class LedgerTotals:
    """What the ledger counts in its period, kind by kind (:mod:`counter_app.services.indicators.counted`):
    the indicators' received, refused, finished early / on time / late and returned for the same unit."""

    received: int = 0
    refused: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    returned: int = 0

    @property
    def finished(self) -> int:
        return self.early + self.on_time + self.late

    @property
    def text(self) -> str:
        """``Trong kỳ: tiếp nhận 6, từ chối 1, có kết quả 5 (trước hạn 3, đúng hạn 1, quá hạn 1), đã trả 3.``"""
        return t(
            "report_fixes.totals",
            received=self.received,
            refused=self.refused,
            finished=self.finished,
            early=self.early,
            on_time=self.on_time,
            late=self.late,
            returned=self.returned,
        )


def ledger_totals(rows: list[LedgerRow], start: date, end: date) -> LedgerTotals:
    """The ledger's figures for ``start``..``end``: each row counted for each kind whose moment falls in the
    period (:func:`counter_app.services.indicators.counted.counts_in`)."""
    low, high = Period.between(start, end).bounds
    n: dict[str, int] = {"received": 0, "refused": 0, "returned": 0, "early": 0, "on_time": 0, "late": 0}
    for r in rows:
        if counts_in(r.received_at, low, high):
            n["refused" if r.refused else "received"] += 1
        if r.timeliness is not None and counts_in(r.finished_at, low, high):
            n[r.timeliness.value] += 1
        if counts_in(r.returned_at, low, high):
            n["returned"] += 1
    return LedgerTotals(**n)


def _fmt(value: datetime | None) -> str:
    return fmt.stamp(value)


#: events that hand a dossier on from the desk: to its own unit's processing (``x``, status 4)
TRANSFER_EVENTS = ("processing",)


def _first_transfers(session: Session, ids: list[str]) -> dict[str, datetime]:
    """When each dossier was first handed on («Ngày chuyển hồ sơ» of the ledger): the earlier of its first
    transfer to processing (event ``processing``) and its first handover to another unit (not one its sender
    recalled before the other unit answered: the dossier never went)."""
    first: dict[str, datetime] = {}

    def keep(dossier_id: str, when: datetime | None) -> None:
        if when is not None and (dossier_id not in first or when < first[dossier_id]):
            first[dossier_id] = when

    for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
        for dossier_id, sent_at in session.exec(
            select(Handover.dossier_id, func.min(Handover.sent_at))
            .where(col(Handover.dossier_id).in_(chunk), col(Handover.state) != "recalled")
            .group_by(col(Handover.dossier_id))
        ).all():
            keep(dossier_id, sent_at)
        for dossier_id, at in session.exec(
            select(DossierEvent.dossier_id, func.min(DossierEvent.device_time))
            .where(col(DossierEvent.dossier_id).in_(chunk), col(DossierEvent.type).in_(TRANSFER_EVENTS))
            .group_by(col(DossierEvent.dossier_id))
        ).all():
            keep(dossier_id, at)
    return first


def ledger_rows(store: Store, start: date, end: date, *, unit_id: str | None = None) -> list[LedgerRow]:
    """Dossiers received by the unit (default: this counter's) with a counted moment — received, finished,
    returned — between ``start`` and ``end`` inclusive (:func:`counter_app.services.indicators.counted.any_in_period`),
    in order of reception."""
    if end < start:
        raise ServiceError("report.bad_range", start=start.isoformat(), end=end.isoformat())
    unit_id = unit_id or store.unit_id
    low, high = Period.between(start, end).bounds
    with store.session() as session:
        query = (
            select(Dossier, Procedure.name)
            .join(Procedure, col(Procedure.code) == Dossier.procedure_code)
            .where(col(Dossier.received_at).is_not(None), any_in_period(low, high))
            .order_by(col(Dossier.received_at), col(Dossier.code))
        )
        if unit_id != ALL_UNITS:
            query = query.where(Dossier.received_unit_id == unit_id)
        rows = session.exec(query).all()
        ids = [d.id for d, _ in rows]
        first_handover = _first_transfers(session, ids)
        units = {
            u.id: u.name
            for u in session.exec(
                select(Unit).where(col(Unit.id).in_({d.custodian_unit_id for d, _ in rows}))
            ).all()
        }
    out = []
    for index, (d, procedure_name) in enumerate(rows, start=1):
        assert d.received_at is not None  # selected by its reception time
        status = Status(d.status)
        timeliness = None
        if d.finished_at and d.due_at and status in FINISHED_STATUSES:
            timeliness = counted_timeliness(d.finished_at, d.due_at, d.supplement_rounds)
        note = states.label(timeliness) if timeliness is not None else ""
        if d.post_item_code:  # a result returned by post: its item, to trace it with the post office
            note = "; ".join(x for x in (note, t("leaving.ledger.by_post", item=d.post_item_code)) if x)
        out.append(
            LedgerRow(
                index=index,
                code=d.code,
                procedure_name=procedure_name,
                sets=d.sets,
                applicant_name=d.applicant_name,
                address_phone=", ".join(x for x in (d.applicant_address, d.applicant_phone) if x),
                handling_unit=units.get(d.custodian_unit_id, d.custodian_unit_id),
                received_at=d.received_at,
                due_at=d.due_at,
                handed_over_at=first_handover.get(d.id),
                returned_at=d.returned_at,
                status=states.label(status),
                note=note,
                finished_at=d.finished_at,
                timeliness=timeliness,
                refused=status is Status.REFUSED,
            )
        )
    return out


def write_ledger_csv(rows: list[LedgerRow], out: TextIO) -> None:
    writer = csv.writer(out)
    writer.writerow(t("ledger.columns").split("|"))
    for r in rows:
        writer.writerow(
            [
                r.index,
                r.code,
                r.procedure_name,
                r.sets,
                r.applicant_name,
                r.address_phone,
                r.handling_unit,
                _fmt(r.received_at),
                _fmt(r.due_at),
                _fmt(r.handed_over_at),
                _fmt(r.returned_at),
                r.status,
                r.note,
            ]
        )
