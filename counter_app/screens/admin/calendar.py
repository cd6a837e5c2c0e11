"""The province's days off and make-up working days (administrator). With a central store they are the
province's, edited there (``counter-app calendar ... --central``) and shown here read-only."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding

from counter_app.locale import formats as fmt
from counter_app.locale import t
from counter_app.screens.admin.base import AdminListScreen
from counter_app.screens.admin.forms import DayAnswer, DayDialog
from counter_app.services.context import Actor, Store
from counter_app.widgets.live_table import Row


class CalendarScreen(AdminListScreen):
    TITLE_KEY = "admin.calendar"
    BINDINGS = [
        Binding("o", "add(False)", t("admin.key.day_off"), id="admin.calendar.off"),
        Binding("w", "add(True)", t("admin.key.working_day"), id="admin.calendar.working"),
        Binding("delete,x", "remove", t("admin.key.remove"), id="admin.calendar.remove"),
    ]
    NEEDS_ROW = ("remove",)

    @property
    def central(self) -> bool:
        return bool(self.counter_app.settings.central_url)

    def hint_key(self) -> str:
        return "admin.calendar.central_hint" if self.central else "admin.calendar.hint"

    def columns(self) -> Sequence[tuple[str, str, int | None]]:
        return [
            ("day", t("admin.col.day"), 24),
            ("kind", t("admin.col.kind"), 18),
            ("note", t("admin.col.note"), 60),
        ]

    def rows(self, store: Store, actor: Actor) -> list[Row]:
        from counter_app.services import calendar_days

        rows: list[Row] = []
        for d in calendar_days.listed(store):
            kind = (
                Text(t("cli.calendar.working"), style="green")
                if d.working
                else Text(t("cli.calendar.off"), style="yellow")
            )
            rows.append((d.day.isoformat(), [f"{fmt.weekday(d.day)} {fmt.day(d.day)}", kind, d.note]))
        return rows

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("add", "remove") and self.central:
            return False  # the province's: edited on the central store
        return super().check_action(action, parameters)

    def action_add(self, working: bool) -> None:
        from counter_app.services import calendar_days

        def answered(answer: object) -> None:
            if isinstance(answer, DayAnswer):
                self.run_service(
                    lambda store, actor: calendar_days.set_day(
                        store, actor, answer.day, working=answer.working, note=answer.note
                    ),
                    lambda _done: t("admin.calendar.saved", day=fmt.day(answer.day)),
                )

        self.app.push_screen(DayDialog(working=working), answered)

    def action_remove(self) -> None:
        from datetime import date

        from counter_app.services import calendar_days

        key = self.table.current_key
        if key is None:
            return
        day = date.fromisoformat(key)
        self.run_service(
            lambda store, actor: calendar_days.remove_day(store, actor, day),
            lambda _done: t("admin.calendar.removed", day=fmt.day(day)),
        )
