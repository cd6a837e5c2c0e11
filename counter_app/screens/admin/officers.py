"""Officers' accounts (administrator): add, reset a PIN, unlock, disable or enable, change the role."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.text import Text
from textual.binding import Binding

from counter_app.locale import formats as fmt
from counter_app.locale import t
from counter_app.screens.admin.base import AdminListScreen
from counter_app.screens.admin.forms import NewOfficer, NewPinDialog, OfficerDialog, RoleDialog
from counter_app.services.context import Actor, Store
from counter_app.services.views import OfficerView
from counter_app.widgets.live_table import Row


def state_text(officer: OfficerView, now: datetime) -> Text:
    if not officer.active:
        return Text(t("admin.officer.disabled"), style="dim")
    if officer.locked_until is not None and officer.locked_until > now:  # a lock that ended is no state
        return Text(t("admin.officer.locked", until=fmt.clock(officer.locked_until)), style="bold red")
    if officer.must_change_pin:
        return Text(t("admin.officer.must_change"), style="yellow")
    return Text(t("admin.officer.active"), style="green")


class OfficersScreen(AdminListScreen):
    TITLE_KEY = "admin.officers"
    BINDINGS = [
        Binding("a", "add", t("admin.key.add"), id="admin.officer.add"),
        Binding("p", "reset_pin", t("admin.key.reset_pin"), id="admin.officer.reset_pin"),
        Binding("d", "toggle_active", t("admin.key.toggle_active"), id="admin.officer.toggle"),
        Binding("r", "role", t("admin.key.role"), id="admin.officer.role"),
        Binding("u", "unlock", t("privacy.key.unlock"), id="admin.officer.unlock"),
    ]
    NEEDS_ROW = ("reset_pin", "toggle_active", "role", "unlock")

    def __init__(self) -> None:
        super().__init__()
        self.officers: dict[str, OfficerView] = {}

    def columns(self) -> Sequence[tuple[str, str, int | None]]:
        return [
            ("username", t("admin.col.username"), 16),
            ("name", t("admin.col.name"), 28),
            ("role", t("admin.col.role"), 14),
            ("state", t("admin.col.state"), 30),
        ]

    def rows(self, store: Store, actor: Actor) -> list[Row]:
        from counter_app.services import officers

        listed = officers.list_officers(store, actor)
        now = self.counter_app.now()
        self.officers = {o.username: o for o in listed}
        return [
            (o.username, [o.username, o.full_name, t(f"role.{o.role}"), state_text(o, now)]) for o in listed
        ]

    def _current(self) -> OfficerView | None:
        key = self.table.current_key
        return self.officers.get(key) if key else None

    def action_add(self) -> None:
        from counter_app.services import officers

        def answered(new: object) -> None:
            if isinstance(new, NewOfficer):
                self.run_service(
                    lambda store, actor: officers.add(
                        store, actor, new.username, new.full_name, new.pin, role=new.role
                    ),
                    lambda added: t("admin.officer.added", username=added.username),
                )

        self.app.push_screen(OfficerDialog(), answered)

    def action_reset_pin(self) -> None:
        from counter_app.services import officers

        officer = self._current()
        if officer is None:
            return

        def answered(pin: object) -> None:
            if isinstance(pin, str):
                self.run_service(
                    lambda store, actor: officers.reset_pin(store, actor, officer.username, pin),
                    lambda _done: t("admin.officer.pin_reset", username=officer.username),
                )

        self.app.push_screen(NewPinDialog(officer.username), answered)

    def action_unlock(self) -> None:
        """Lift the selected account's lock-out (the officer is at the counter and known)."""
        from counter_app.services import officers

        officer = self._current()
        if officer is None:
            return
        self.run_service(
            lambda store, actor: officers.unlock(store, actor, officer.username),
            lambda _done: t("privacy.officer.unlocked", username=officer.username),
        )

    def action_toggle_active(self) -> None:
        from counter_app.services import officers

        officer = self._current()
        if officer is None:
            return
        change = officers.disable if officer.active else officers.enable
        key = "admin.officer.disabled_done" if officer.active else "admin.officer.enabled_done"
        self.run_service(
            lambda store, actor: change(store, actor, officer.username),
            lambda _done: t(key, username=officer.username),
        )

    def action_role(self) -> None:
        from counter_app.services import officers

        officer = self._current()
        if officer is None:
            return

        def answered(role: str | None) -> None:
            if role and role != officer.role:
                self.run_service(
                    lambda store, actor: officers.set_role(store, actor, officer.username, role),
                    lambda _done: t(
                        "admin.officer.role_done", username=officer.username, role=t(f"role.{role}")
                    ),
                )

        self.app.push_screen(RoleDialog(officer.username, officer.role), answered)
