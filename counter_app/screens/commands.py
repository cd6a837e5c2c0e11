"""Command palette (Ctrl+P) providers: open a dossier by code, find a citizen, switch counter, reprint."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from counter_app.domain.states import Status
from counter_app.domain.vntext import fold
from counter_app.locale import t
from counter_app.screens.base import CounterAppAccess
from counter_app.services.printouts import reprint_kind


class _CounterProvider(CounterAppAccess, Provider):
    def _logged_in(self) -> bool:
        return getattr(self.app, "actor", None) is not None

    def score(self, query: str, text: str) -> float:
        """Fuzzy score of ``text`` for ``query`` in [0, 1), accents ignored (``quay`` finds ``quầy``).

        Textual's matcher gives an unbounded strength; it is squashed here so that the fixed scores
        the providers give (an exact dossier code is 1.0) rank as intended.
        """
        raw = self.matcher(fold(query)).match(fold(text))
        return raw / (raw + 10.0)


class DossierProvider(_CounterProvider):
    """Open a dossier by (part of) its code."""

    async def discover(self) -> Hits:
        if self._logged_in():
            yield DiscoveryHit(
                t("palette.open_dossier"), self.counter_app.action_find, help=t("palette.open_dossier_help")
            )

    async def search(self, query: str) -> Hits:
        if not self._logged_in():
            return
        from counter_app.services import dashboard

        app = self.counter_app
        rows = await asyncio.to_thread(
            dashboard.find_dossiers, app.store, query, unit_id=app.officer.unit_id, limit=10
        )
        for row in rows:
            text = t(
                "palette.dossier_hit", code=row.code, name=row.applicant_name, status=Status(row.status).label
            )
            score = 1.0 if query.strip() in row.code else max(self.score(query, text), 0.6)
            yield Hit(score, text, partial(self.counter_app.open_dossier, row.code), text=text)


class CitizenProvider(_CounterProvider):
    """Find a citizen by CCCD number or name (accents ignored)."""

    async def discover(self) -> Hits:
        if self._logged_in():
            yield DiscoveryHit(
                t("palette.find_citizen"), self.counter_app.action_find, help=t("palette.find_citizen_help")
            )

    async def search(self, query: str) -> Hits:
        if not self._logged_in():
            return
        from counter_app.services import citizens as citizen_service

        citizens = await asyncio.to_thread(citizen_service.find, self.counter_app.store, query, limit=8)
        for citizen in citizens:
            text = t("palette.citizen_hit", name=citizen.full_name, cccd=citizen.cccd)
            score = min(max(self.score(query, text), 0.5), 0.9)
            yield Hit(score, text, partial(self.counter_app.action_find, citizen.cccd), text=text)
        # always one way on: search the query on the find screen (there is never an empty list)
        text = t("palette.find_query", query=query)
        yield Hit(0.05, text, partial(self.counter_app.action_find, query), text=text)


class CounterProvider(_CounterProvider):
    """Switch the counter this officer works at."""

    async def _hits(self):
        from counter_app.services import dashboard

        actor = self.counter_app.officer
        current = actor.counter_parts[1] if actor and actor.counter_id else None
        counters = await asyncio.to_thread(dashboard.counter_numbers, self.counter_app.store, actor.unit_id)
        return [
            (number, t("palette.switch_counter", number=number, name=name))
            for number, name in counters
            if number != current
        ]

    async def discover(self) -> Hits:
        if not self._logged_in():
            return
        for number, text in await self._hits():
            yield DiscoveryHit(text, partial(self.counter_app.switch_counter, number), text=text)

    async def search(self, query: str) -> Hits:
        if not self._logged_in():
            return
        for number, text in await self._hits():
            score = self.score(query, text)
            if score > 0:
                yield Hit(score, text, partial(self.counter_app.switch_counter, number), text=text)


class ReprintProvider(_CounterProvider):
    """Print a dossier's document again: today's dossiers of this counter first, or any dossier by code.

    Each hit names the document the dossier's state calls for (``services.printouts.reprint_kind``): the
    receipt, or the supplement request while the clock is stopped, the refusal of a refused dossier, the stop
    notice of a stopped one; a dossier with none (registered online, not received) is not offered."""

    async def _today(self):
        from counter_app.services import dashboard

        counter_id = self.counter_app.officer.counter_id
        if counter_id is None:
            return []
        app = self.counter_app
        return await asyncio.to_thread(
            dashboard.received_at_counter,
            app.store,
            counter_id,
            app.now().date(),
            unit_id=app.officer.unit_id,
        )

    def _hit(self, row) -> tuple[str, Callable[[], object]] | None:
        """The hit's text and action for ``row``, or None when nothing of it can be reprinted."""
        kind = reprint_kind(row.status)
        if kind is None:
            return None
        key = "palette.reprint_hit" if kind == "receipt" else f"fixes.palette.reprint.{kind}"
        text = t(key, code=row.code, name=row.applicant_name)
        return text, partial(self.counter_app.reprint, row.code, kind)

    async def discover(self) -> Hits:
        if not self._logged_in():
            return
        hits = [hit for row in await self._today() if (hit := self._hit(row)) is not None]
        for text, action in hits[:5]:
            yield DiscoveryHit(text, action, text=text)

    async def search(self, query: str) -> Hits:
        if not self._logged_in():
            return
        from counter_app.services import dashboard

        rows = await self._today()
        if len(query.strip()) >= 3:
            known = {r.code for r in rows}
            app = self.counter_app
            more = await asyncio.to_thread(
                dashboard.find_dossiers, app.store, query, unit_id=app.officer.unit_id, limit=5
            )
            rows += [r for r in more if r.code not in known]
        for row in rows:
            hit = self._hit(row)
            if hit is None:
                continue
            text, action = hit
            score = self.score(query, text)
            if score > 0 or query.strip() in row.code:
                # below "open dossier" for the same code: reprinting is the rarer wish
                yield Hit(0.3 + 0.2 * score, text, action, text=text)


class AccountProvider(_CounterProvider):
    """The officer's own account: change my PIN; where tones go when typing Telex or VNI."""

    def _entries(self) -> list[tuple[str, Callable[[], object], str]]:
        app = self.counter_app
        return [
            (t("palette.change_pin"), app.change_own_pin, t("palette.change_pin_help")),
            (t("typing.style.toggle"), app.toggle_typing_style, t(f"typing.style.now.{app.typing_style}")),
        ]

    async def discover(self) -> Hits:
        if self._logged_in():
            for text, action, help_text in self._entries():
                yield DiscoveryHit(text, action, help=help_text)

    async def search(self, query: str) -> Hits:
        if not self._logged_in():
            return
        for text, action, help_text in self._entries():
            score = self.score(query, text)
            if score > 0:
                yield Hit(score, text, action, text=text, help=help_text)
