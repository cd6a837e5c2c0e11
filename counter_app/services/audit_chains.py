"""The audit's checks beyond each dossier's own chain: the citizen-view log, the signed chain heads
(:mod:`counter_app.domain.anchors`), and a counter's store against the heads the central store holds.

A chain can be rewritten whole by someone with write access to the store (edit an event, re-hash the rest, fix
the row); it cannot be made to match a head the counter signed when it pushed, nor the copy of that head
the central store keeps. Every check reports the dossier by its code.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from counter_app.db.models import (
    AccessLog,
    ChainAnchor,
    CounterKey,
    Dossier,
    DossierEvent,
    Outbox,
    SyncRejection,
    table_of,
)
from counter_app.domain import anchors
from counter_app.domain.chain import access_hash
from counter_app.locale import t
from counter_app.services.anchors import AnchorError, check_signature
from counter_app.services.audit_report import Problem


def check_access_log(connection: Connection) -> list[Problem]:
    """The citizen-view log's chain: numbers without a gap, each entry's hash, each link (first problem only)."""
    table = table_of(AccessLog)
    name = t("trust.audit.access_log")
    expected, prev = 1, ""
    for row in connection.execute(select(table).order_by(table.c.seq)).mappings():
        if row["seq"] != expected:
            return [Problem(name, expected, "trust.audit.access_gap", {"found": row["seq"]})]
        try:
            recomputed = access_hash(dict(row))
        except (TypeError, ValueError):
            recomputed = ""
        if recomputed != row["hash"]:
            return [Problem(name, expected, "trust.audit.access_edited")]
        if row["prev_hash"] != prev:
            return [Problem(name, expected, "trust.audit.access_link")]
        expected, prev = expected + 1, row["hash"]
    return []


def _keys(connection: Connection, extra: dict[str, str] | None) -> dict[str, str]:
    table = table_of(CounterKey)
    keys = {r.key_id: r.public_key for r in connection.execute(select(table.c.key_id, table.c.public_key))}
    keys.update(extra or {})
    return keys


def _rejected(connection: Connection) -> set[str]:
    return set(connection.execute(select(table_of(SyncRejection).c.event_id)).scalars())


def _events_by_id(connection: Connection, ids: Iterable[str]) -> dict[str, tuple[str, int, str]]:
    table = table_of(DossierEvent)
    found: dict[str, tuple[str, int, str]] = {}
    wanted = list(ids)
    for start in range(0, len(wanted), 500):
        query = select(table.c.id, table.c.dossier_id, table.c.seq, table.c.hash).where(
            table.c.id.in_(wanted[start : start + 500])
        )
        for row in connection.execute(query):
            found[row.id] = (row.dossier_id, row.seq, row.hash)
    return found


def _anchor_rows(connection: Connection) -> list[dict[str, Any]]:
    table = table_of(ChainAnchor)
    return [dict(r) for r in connection.execute(select(table)).mappings()]


def check_anchors(
    connection: Connection, *, extra_keys: dict[str, str] | None = None, every_event_signed: bool = False
) -> list[Problem]:
    """Every signed head of the store: its signature (with the key it names, from ``counter_key`` or
    ``extra_keys``), the anchor before it still there, and the event it names still in the chain with that
    number and hash (an event the central store refused is exempt: it was taken out on purpose).

    ``every_event_signed`` (the central store): an event after the last signed head of its dossier, from a
    counter that signs its pushes, was not pushed by that counter — someone wrote it into the store.
    """
    keys = _keys(connection, extra_keys)
    rejected = _rejected(connection)
    rows = _anchor_rows(connection)
    digests = defaultdict(set)
    for row in rows:
        digests[row["counter_id"]].add(row["digest"])
    heads = [(row, anchors.body_of(row)) for row in rows]
    events = _events_by_id(connection, {h[3] for _, body in heads for h in body.heads})
    dossiers = set(connection.execute(select(table_of(Dossier).c.id)).scalars())
    problems: dict[str, Problem] = {}
    signed_to: dict[str, int] = {}
    for row, body in heads:
        name = f"{body.counter_id}@{row['signed_at']}"
        if body.key_id not in keys:
            problems.setdefault(
                name, Problem(name, None, "trust.audit.anchor_unknown_key", {"key_id": body.key_id})
            )
            continue
        try:
            check_signature(body, row["digest"], row["signature"], keys[body.key_id])
        except AnchorError:
            problems.setdefault(
                name, Problem(name, None, "trust.audit.anchor_bad_signature", {"key_id": body.key_id})
            )
            continue
        if body.prev_digest and body.prev_digest not in digests[body.counter_id]:
            problems.setdefault(name, Problem(name, None, "trust.audit.anchor_missing"))
        for dossier_id, code, seq, event_id, hash_ in body.heads:
            signed_to[dossier_id] = max(signed_to.get(dossier_id, 0), seq)
            if event_id in rejected or dossier_id in problems:
                continue
            found = events.get(event_id)
            if found is None:
                key = (
                    "trust.audit.signed_event_missing"
                    if dossier_id in dossiers
                    else "trust.audit.dossier_deleted"
                )
                problems[dossier_id] = Problem(code, seq, key, dossier_id=dossier_id)
            elif found[1] != seq or found[2] != hash_:
                problems[dossier_id] = Problem(
                    code, seq, "trust.audit.signed_event_changed", dossier_id=dossier_id
                )
    if every_event_signed:
        signing = {body.counter_id for _, body in heads}
        for problem in _unsigned(connection, signed_to, signing, rejected):
            problems.setdefault(problem.dossier_id or problem.code, problem)
    return list(problems.values())


def _unsigned(
    connection: Connection, signed_to: dict[str, int], signing: set[str], rejected: set[str]
) -> list[Problem]:
    """Events after their dossier's last signed head, from counters that sign their pushes."""
    if not signing:
        return []
    table = table_of(DossierEvent)
    query = (
        select(table.c.id, table.c.dossier_id, table.c.dossier_code, table.c.seq)
        .where(table.c.counter_id.in_(signing))
        .order_by(table.c.dossier_id, table.c.seq)
    )
    found: dict[str, Problem] = {}
    for row in connection.execute(query):
        if row.id in rejected or row.dossier_id in found:
            continue
        if row.seq > signed_to.get(row.dossier_id, 0):
            found[row.dossier_id] = Problem(
                row.dossier_code, row.seq, "trust.audit.unsigned_event", dossier_id=row.dossier_id
            )
    return list(found.values())


def compare_with_central(local: Connection, central: Connection, unit_id: str) -> list[Problem]:
    """A counter's store against the heads the central store holds: every chain of the store matches or
    extends the last head signed for it, every dossier this unit's counters signed is still here, and what a
    chain holds beyond its signed head is still waiting in the outbox (not yet pushed)."""
    rejected = _rejected(central) | _rejected(local)
    last: dict[str, anchors.Head] = {}
    own: set[str] = set()
    for anchor in _anchor_rows(central):
        body = anchors.body_of(anchor)
        for head in body.heads:
            if head[3] in rejected:
                continue
            if head[0] not in last or head[2] > last[head[0]][2]:
                last[head[0]] = head
            if body.unit_id == unit_id:
                own.add(head[0])
    dossiers = {r.id: r.code for r in local.execute(select(table_of(Dossier).c.id, table_of(Dossier).c.code))}
    events = table_of(DossierEvent)
    local_events: dict[str, dict[int, tuple[str, str, str]]] = defaultdict(dict)
    columns = (events.c.id, events.c.dossier_id, events.c.seq, events.c.hash, events.c.unit_id)
    for event in local.execute(select(*columns)):
        local_events[event.dossier_id][event.seq] = (event.id, event.hash, event.unit_id)
    outbox = table_of(Outbox)
    waiting = set(
        local.execute(
            select(outbox.c.event_id).where(outbox.c.sent_at.is_(None), outbox.c.rejected_at.is_(None))
        ).scalars()
    )
    problems: list[Problem] = []
    for dossier_id, (_, code, seq, _event_id, hash_) in sorted(last.items()):
        if dossier_id not in dossiers:
            if dossier_id in own:
                problems.append(Problem(code, seq, "trust.audit.dossier_deleted", dossier_id=dossier_id))
            continue
        chain = local_events.get(dossier_id, {})
        held = chain.get(seq)
        if held is None or held[1] != hash_:
            key = "trust.audit.signed_event_missing" if held is None else "trust.audit.signed_event_changed"
            problems.append(Problem(code, seq, key, dossier_id=dossier_id))
            continue
        # this unit's events beyond the signed head are still to be pushed (other units' come by pull)
        beyond = [s for s in chain if s > seq and chain[s][2] == unit_id and chain[s][0] not in waiting]
        if beyond:
            problems.append(Problem(code, min(beyond), "trust.audit.unsigned_event", dossier_id=dossier_id))
    return problems
