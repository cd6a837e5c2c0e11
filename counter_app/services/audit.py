"""The audit trail: proof that no dossier's history was altered, removed or bypassed.

Every dossier event carries the hash of the dossier's previous event and its own SHA-256 over its
content (:mod:`counter_app.domain.chain`). :func:`verify` walks every dossier's events in ``seq``
order and checks, for each dossier:

1. the numbers run 1, 2, ..., n without a gap (a deleted event leaves one);
2. every event's hash, recomputed over :data:`~counter_app.domain.chain.HASHED_FIELDS`, is the stored
   one (an edited payload, time, unit or officer changes it);
3. every ``prev_hash`` is the previous event's hash (an event re-hashed after editing breaks the next link);
4. the dossier row's ``event_count`` and ``last_event_hash`` are those of its last event (an event
   removed at the end, or added behind the projection's back);
5. the dossier row holds what its events set (a column edited directly, e.g. a status); optional.

Only the *first* problem of each dossier is reported: everything after a broken link is suspect.
Events whose dossier row is missing are reported too. The walk streams the events in one ordered
query, so it runs on a counter's store and on the central PostgreSQL alike.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import Text, select, type_coerce
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel

from counter_app.db import projection
from counter_app.db.models import Dossier, DossierDocument, DossierEvent, Handover, table_of
from counter_app.domain import chain
from counter_app.locale import formats as fmt
from counter_app.services import audit_chains
from counter_app.services.audit_report import AuditReport as AuditReport  # re-exported: callers name it here
from counter_app.services.audit_report import Problem as Problem

#: projected columns the audit does not compare: set by the counter itself outside events
NOT_AUDITED = frozenset({"needs_attention"})


def _engine(store_or_engine: Any) -> Engine:
    return store_or_engine if isinstance(store_or_engine, Engine) else store_or_engine.engine


def _shown(value: Any) -> str:
    if value is None:
        return "(trống)"
    if isinstance(value, datetime):
        return fmt.stamp(value, seconds=True)
    if isinstance(value, date):
        return fmt.day(value)
    text = str(value)
    return f"«{text if len(text) <= 60 else text[:59] + '…'}»"


def _same(expected: Any, actual: Any) -> bool:
    if isinstance(expected, datetime) and isinstance(actual, datetime):
        return expected.replace(tzinfo=None) == actual.replace(tzinfo=None)
    return bool(expected == actual)


class _DossierWalk:
    """Checks one dossier's events as they stream by; remembers the first problem only."""

    def __init__(self, row: dict[str, Any] | None, dossier_id: str, *, check_projection: bool) -> None:
        self.row = row
        self.dossier_id = dossier_id
        self.code = row["code"] if row else ""
        self.check_projection = check_projection
        self.expected_seq = 1
        self.prev_hash = ""
        self.count = 0
        self.last: dict[str, Any] | None = None
        self.projected: dict[str, Any] = {}
        #: the components and handovers the events say the dossier has (None: no event listed components)
        self.documents: list[tuple[Any, ...]] | None = None
        self.handovers: dict[str, dict[str, Any]] = {}
        #: what the store holds for them (set by :func:`verify` before :meth:`finish`)
        self.stored_documents: list[tuple[Any, ...]] = []
        self.stored_handovers: dict[str, dict[str, Any]] = {}
        self.problem: Problem | None = None

    def _fail(self, key: str, seq: int | None, **params: Any) -> None:
        if self.problem is None:
            self.problem = Problem(self.code, seq, key, params, self.dossier_id)

    def add(self, event: dict[str, Any]) -> None:
        self.count += 1
        if not self.code:
            self.code = event["dossier_code"]
        if self.problem is not None:
            return
        seq = event["seq"]
        if seq != self.expected_seq:
            if isinstance(seq, int) and seq > self.expected_seq:
                self._fail("audit.missing_event", self.expected_seq, found=seq)
            else:
                self._fail("audit.bad_seq", self.expected_seq, found=seq)
            return
        fields = {name: event[name] for name in chain.HASHED_FIELDS}
        try:
            recomputed = "" if UNREADABLE in fields.values() else chain.event_hash(fields)
        except (TypeError, ValueError):  # a value no longer JSON: edited by hand
            recomputed = ""
        if recomputed != event["hash"]:
            self._fail("audit.hash_mismatch", seq, type=event["type"])
            return
        if event["prev_hash"] != self.prev_hash:
            if seq == 1:
                self._fail("audit.first_prev_hash", seq, type=event["type"])
            else:
                self._fail("audit.prev_hash", seq, type=event["type"], prev=seq - 1)
            return
        if self.check_projection:
            payload = event["payload"] or {}
            try:
                self.projected.update(projection.changes(event["type"], payload))
                documents = projection.document_rows(self.dossier_id, payload)
                if documents is not None:
                    self.documents = [_document_fact(d) for d in documents]
                data = payload.get("handover")
                if data:
                    row = projection.handover_row(
                        self.handovers.get(data["id"]),
                        self.dossier_id,
                        event["officer_name"],
                        event["device_time"],
                        data,
                    )
                    self.handovers[data["id"]] = row
            except (ValueError, TypeError, AttributeError, KeyError):
                pass  # an event the projection cannot read is the projection's concern, the chain holds
        self.prev_hash = event["hash"]
        self.expected_seq += 1
        self.last = event

    def finish(self) -> Problem | None:
        if self.problem is not None:
            return self.problem
        row = self.row
        if row is None:
            return Problem(self.code, None, "audit.orphan_events", {"count": self.count}, self.dossier_id)
        recorded = row["event_count"]
        if self.count == 0:
            return Problem(self.code, None, "audit.no_events", {"recorded": recorded}, self.dossier_id)
        assert self.last is not None  # events were counted and none failed, so the last one was kept
        if recorded > self.count:
            self._fail("audit.missing_tail", self.count + 1, recorded=recorded, actual=self.count)
        elif recorded < self.count:
            self._fail("audit.extra_events", recorded + 1, recorded=recorded, actual=self.count)
        elif row["last_event_hash"] != self.last["hash"]:
            self._fail("audit.last_hash_mismatch", self.count)
        elif self.check_projection:
            for name, expected in self.projected.items():
                if name in NOT_AUDITED or name not in row:
                    continue
                if not _same(expected, row[name]):
                    self._fail(
                        "audit.projection_mismatch",
                        None,
                        field=name,
                        actual=_shown(row[name]),
                        expected=_shown(expected),
                    )
                    break
            else:
                self._check_parts()
        return self.problem

    def _check_parts(self) -> None:
        """The components and the control-sheet rows are what the events say (they are not hashed themselves:
        they are projections of hashed payloads, so an edit shows as a difference)."""
        if sorted(self.stored_documents) != sorted(self.documents or []):
            self._fail("trust.audit.documents_differ", None)
            return
        if set(self.stored_handovers) != set(self.handovers):
            self._fail("trust.audit.handovers_differ", None)
            return
        for handover_id, expected in self.handovers.items():
            stored = self.stored_handovers[handover_id]
            for name in HANDOVER_FACTS:
                if not _same(_fact(expected.get(name)), _fact(stored.get(name))):
                    self._fail("trust.audit.handover_field", None, field=name)
                    return


#: the control-sheet columns compared with the events (all of them but the keys)
HANDOVER_FACTS = (
    "from_unit_id",
    "to_unit_id",
    "reason",
    "documents",
    "sent_at",
    "sent_by",
    "state",
    "answered_at",
    "answered_by",
    "answer_reason",
)
#: the component columns compared with the events
DOCUMENT_FACTS = ("position", "name", "copy_kind", "quantity", "received", "reused", "citizen_document_id")


def _fact(value: Any) -> Any:
    """A value as both stores compare: JSON text decoded, datetimes without time zone."""
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return value


def _document_fact(row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(
        (bool(row[name]) if name in ("received", "reused") else row[name]) for name in DOCUMENT_FACTS
    )


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """A connection whose reads all see one state of the store, while counters keep writing.

    PostgreSQL: a REPEATABLE READ transaction. SQLite (WAL): an explicit deferred BEGIN, since the
    driver does not open a transaction for reads; the snapshot starts at the first read.
    """
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            connection.exec_driver_sql("BEGIN")
            try:
                yield connection
            finally:
                connection.rollback()
        return
    with engine.connect().execution_options(isolation_level="REPEATABLE READ") as connection:
        with connection.begin():
            yield connection


#: stands for a stored value that no longer reads as what it should be (text edited by hand)
UNREADABLE = object()


def _decoded(event: dict[str, Any]) -> dict[str, Any]:
    """The event with payload and device time decoded here, so that a hand-edited value is reported, not raised.

    SQLite hands them over as stored text; PostgreSQL's driver has decoded them already.
    """
    payload = event["payload"]
    if isinstance(payload, str):
        try:
            event["payload"] = json.loads(payload)
        except ValueError:
            event["payload"] = UNREADABLE
    device_time = event["device_time"]
    if isinstance(device_time, str):
        try:
            event["device_time"] = datetime.fromisoformat(device_time)
        except ValueError:
            event["device_time"] = UNREADABLE
    return event


def _events(connection: Connection, dossier_ids: list[str] | None) -> Iterator[dict[str, Any]]:
    table = table_of(DossierEvent)
    raw = {"payload", "device_time"}
    columns = [
        type_coerce(table.c[name], Text).label(name) if name in raw else table.c[name]
        for name in sorted({*chain.HASHED_FIELDS, "hash"})
    ]
    query = select(*columns).order_by(table.c.dossier_id, table.c.seq)
    if dossier_ids is not None:
        query = query.where(table.c.dossier_id.in_(dossier_ids))
    result = connection.execution_options(yield_per=2000).execute(query)
    for row in result.mappings():
        yield _decoded(dict(row))


def _parts(
    connection: Connection, dossier_ids: list[str] | None
) -> tuple[dict[str, list[tuple[Any, ...]]], dict[str, dict[str, dict[str, Any]]]]:
    """The stored components and control-sheet rows, by dossier (of ``dossier_ids`` only, when given)."""

    def rows(model: type[SQLModel]) -> Iterator[dict[str, Any]]:
        table = table_of(model)
        query = select(table)
        if dossier_ids is not None:
            query = query.where(table.c.dossier_id.in_(dossier_ids))
        return (dict(row) for row in connection.execute(query).mappings())

    documents: dict[str, list[tuple[Any, ...]]] = {}
    for row in rows(DossierDocument):
        documents.setdefault(row["dossier_id"], []).append(_document_fact(row))
    handovers: dict[str, dict[str, dict[str, Any]]] = {}
    for row in rows(Handover):
        handovers.setdefault(row["dossier_id"], {})[row["id"]] = row
    return documents, handovers


def _own_keys(store: Any) -> dict[str, str] | None:
    """This counter's public keys (base64 raw), from its key directory: its anchors may predate their
    publication. None for a bare engine (a backup being checked), whose anchors are then not checked."""
    if isinstance(store, Engine):
        return None
    from counter_app.printing.signing import KeyFileError, own_signers, published_form

    try:
        signers = own_signers(store.settings.keys_dir)
    except (KeyFileError, OSError):
        signers = []
    return {s.key_id: published_form(s.public_key) for s in signers}


def verify(
    store: Any,
    *,
    codes: Iterable[str] | None = None,
    check_projection: bool = True,
    every_event_signed: bool = False,
    check_access_log: bool = True,
) -> AuditReport:
    """Check the hash chain of every dossier (or of the dossiers with ``codes``) of a store.

    ``store`` is a :class:`~counter_app.services.context.Store` or a bare SQLAlchemy engine (a backup
    file being checked before it is restored). Returns an :class:`AuditReport`; never raises for
    tampered data, only for a store it cannot read.
    """
    engine = _engine(store)
    table = table_of(Dossier)
    query = select(table)
    wanted = None
    if codes is not None:
        wanted = [c.strip() for c in codes]
        query = query.where(table.c.code.in_(wanted))
    report = AuditReport()
    seen: set[str] = set()
    walk: _DossierWalk | None = None

    def close(current: _DossierWalk | None) -> None:
        if current is not None:
            problem = current.finish()
            if problem is not None:
                report.problems.append(problem)

    with snapshot(engine) as connection:
        rows = {r["id"]: dict(r) for r in connection.execute(query).mappings()}
        report.dossiers = len(rows)
        if wanted is not None:
            found = {row["code"] for row in rows.values()}
            report.unknown_codes = [code for code in dict.fromkeys(wanted) if code not in found]
        parts = _parts(connection, list(rows) if wanted is not None else None) if check_projection else None

        def start(dossier_id: str) -> _DossierWalk:
            current = _DossierWalk(rows.get(dossier_id), dossier_id, check_projection=check_projection)
            if parts is not None:
                current.stored_documents = parts[0].get(dossier_id, [])
                current.stored_handovers = parts[1].get(dossier_id, {})
            return current

        for event in _events(connection, list(rows) if wanted is not None else None):
            report.events += 1
            if walk is None or event["dossier_id"] != walk.dossier_id:
                close(walk)
                seen.add(event["dossier_id"])
                walk = start(event["dossier_id"])
            walk.add(event)
        close(walk)
        for dossier_id in rows:  # dossiers whose every event is gone
            if dossier_id not in seen:
                close(start(dossier_id))
        if wanted is None:
            if check_access_log:
                report.problems.extend(audit_chains.check_access_log(connection))
            keys = _own_keys(store)
            if keys is not None or every_event_signed:
                named = {p.dossier_id for p in report.problems if p.dossier_id}
                report.problems.extend(
                    p
                    for p in audit_chains.check_anchors(
                        connection, extra_keys=keys, every_event_signed=every_event_signed
                    )
                    if p.dossier_id is None or p.dossier_id not in named
                )
    report.problems.sort(key=lambda p: (p.code, p.seq or 0))
    return report


def verify_with_central(store: Any, central: Engine) -> AuditReport:
    """``audit verify --central``: this store's chains and signed heads, the central store's (where every
    event must be covered by its counter's signed head), and this store against the heads the central store
    holds (it must match or extend each)."""
    report = verify(store)
    central_report = verify(central, every_event_signed=True, check_access_log=False)
    named = {p.dossier_id for p in report.problems if p.dossier_id}
    with snapshot(_engine(store)) as local, snapshot(central) as remote:
        extra = audit_chains.compare_with_central(local, remote, store.unit_id)
    report.problems.extend(p for p in extra if p.dossier_id not in named)
    named |= {p.dossier_id for p in extra if p.dossier_id}
    report.problems.extend(
        Problem(p.code, p.seq, p.key, {**p.params, "where": "central"}, p.dossier_id)
        for p in central_report.problems
        if p.dossier_id not in named
    )
    report.problems.sort(key=lambda p: (p.code, p.seq or 0))
    return report
