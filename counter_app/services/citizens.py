"""Citizens for the counter's screens: find them as the officer types, open one's record (logged).

Every function takes the store and returns frozen views (:mod:`counter_app.services.views`). Opening
a record — from a scanned card or from a search — writes the view to the access log in the same
transaction as the read (Decree 13/2023/NĐ-CP on personal data: who looked, when, why), so a screen
never logs anything itself.
"""

from __future__ import annotations

from datetime import datetime

from counter_app.domain.cccd import CccdData
from counter_app.services import access, lookup
from counter_app.services.context import Actor, Store
from counter_app.services.intake import ApplicantEntry, citizen_from_entry, upsert_citizen_from_card
from counter_app.services.views import (
    AccessEntry,
    CitizenDocumentView,
    CitizenRecord,
    CitizenView,
    view,
    views,
)


def find(store: Store, text: str, *, limit: int = 12) -> list[CitizenView]:
    """Citizens whose CCCD number or name (accents ignored) starts with ``text``."""
    with store.session() as session:
        return views(CitizenView, lookup.search_citizens(session, text, limit=limit))


def open_card(store: Store, actor: Actor, card: CccdData, *, purpose: str, now: datetime) -> CitizenRecord:
    """The citizen of a scanned card — created, or brought up to date, from the card — and their
    documents; the view is logged in the same transaction."""
    purpose = access.clean_purpose(purpose)
    with store.session() as session:
        citizen = upsert_citizen_from_card(session, card, unit_id=actor.unit_id, now=now)
        documents = lookup.citizen_documents(session, citizen.id)
        log = access.record_view(session, actor, citizen.id, purpose, at=now)
        return CitizenRecord(
            view(CitizenView, citizen), tuple(views(CitizenDocumentView, documents)), view(AccessEntry, log)
        )


def open_typed(
    store: Store, actor: Actor, entry: ApplicantEntry, *, purpose: str, now: datetime
) -> CitizenRecord:
    """The person whose 12-digit personal number was typed (no card at hand: a lost card, a scanner
    down): the unit's record of them, created from what was typed when there is none
    (:func:`counter_app.services.intake.citizen_from_entry`), and their documents; the view is logged in
    the same transaction."""
    purpose = access.clean_purpose(purpose)
    with store.session() as session:
        citizen = citizen_from_entry(session, entry, unit_id=actor.unit_id, now=now)
        documents = lookup.citizen_documents(session, citizen.id)
        log = access.record_view(session, actor, citizen.id, purpose, at=now)
        return CitizenRecord(
            view(CitizenView, citizen), tuple(views(CitizenDocumentView, documents)), view(AccessEntry, log)
        )


def open_record(
    store: Store, actor: Actor, citizen_id: str, *, purpose: str, now: datetime | None = None
) -> CitizenRecord:
    """The citizen (by id or CCCD number) and their documents; the view is logged with the read."""
    return access.citizen_record(store, actor, citizen_id, purpose, at=now)


def log_view(
    store: Store, actor: Actor, citizen_id: str, *, purpose: str, now: datetime | None = None
) -> None:
    """Record that a screen showed a citizen's data it read through another service (their dossiers)."""
    access.log_view(store, actor, citizen_id, purpose, at=now)
