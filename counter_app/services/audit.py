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
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Text, select, type_coerce
from sqlalchemy.engine import Connection, Engine

from counter_app.db import projection
from counter_app.db.models import Dossier, DossierEvent, table_of
from counter_app.domain import chain
from counter_app.locale import formats as fmt
from counter_app.locale import t

#: projected columns the audit does not compare: set by the counter itself outside events
NOT_AUDITED = frozenset({"needs_attention"})


@dataclass(frozen=True)
class Problem:
    """The first broken or missing link of one dossier."""

    code: str
    seq: int | None
    key: str  # message key in counter_app.locale (area "admin"): what is wrong
    params: dict[str, Any] = field(default_factory=dict)
    dossier_id: str | None = None

    @property
    def message(self) -> str:
        """What is wrong, in Vietnamese, naming the dossier and the event."""
        return t(self.key, code=self.code, seq=self.seq, **self.params)

    def __str__(self) -> str:
        return self.message


@dataclass
class AuditReport:
    dossiers: int = 0
    events: int = 0
    problems: list[Problem] = field(default_factory=list)
    #: codes asked for (``verify(codes=...)``) that name no dossier of the store
    unknown_codes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.ok:
            return t("audit.ok", dossiers=self.dossiers, events=self.events)
        return t("audit.failed", count=len(self.problems), dossiers=self.dossiers, events=self.events)

    def lines(self) -> list[str]:
        """The summary, then one line per problem (what ``counter-app audit verify`` prints)."""
        return [self.summary(), *(f"  {p.message}" for p in self.problems)]


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
            try:
                self.projected.update(projection.changes(event["type"], event["payload"] or {}))
            except (ValueError, TypeError, AttributeError):
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
        return self.problem


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


def verify(store: Any, *, codes: Iterable[str] | None = None, check_projection: bool = True) -> AuditReport:
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
        for event in _events(connection, list(rows) if wanted is not None else None):
            report.events += 1
            if walk is None or event["dossier_id"] != walk.dossier_id:
                close(walk)
                seen.add(event["dossier_id"])
                walk = _DossierWalk(
                    rows.get(event["dossier_id"]), event["dossier_id"], check_projection=check_projection
                )
            walk.add(event)
    close(walk)
    for dossier_id, row in rows.items():  # dossiers whose every event is gone
        if dossier_id not in seen:
            close(_DossierWalk(row, dossier_id, check_projection=check_projection))
    report.problems.sort(key=lambda p: (p.code, p.seq or 0))
    return report
