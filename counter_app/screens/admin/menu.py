"""The administrator's entry (Ctrl+O): one line per area, Enter opens it."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from counter_app.locale import t
from counter_app.screens.base import CounterAppAccess, ReportsWorkerErrors
from counter_app.widgets.status_bar import StatusBar

AREAS = ("officers", "catalogue", "calendar", "unit")


class AdminScreen(CounterAppAccess, ReportsWorkerErrors, Screen[None]):
    DEFAULT_CSS = """
    AdminScreen .admin-title { height: 1; padding: 0 1; background: $boost; }
    AdminScreen #admin-areas { height: auto; margin: 1 2; border: round $primary; }
    """

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Static(Text(t("admin.title"), style="bold"), classes="admin-title")
        options = [
            Option(Text.assemble((t(f"admin.{a}"), "bold"), "   ", t(f"admin.{a}.about")), id=a)
            for a in AREAS
        ]
        yield OptionList(*options, id="admin-areas")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        areas = self.query_one("#admin-areas", OptionList)
        areas.highlighted = 0
        areas.focus()

    @on(OptionList.OptionSelected, "#admin-areas")
    def _open(self, event: OptionList.OptionSelected) -> None:
        from counter_app.screens.admin.calendar import CalendarScreen
        from counter_app.screens.admin.catalogue import CatalogueScreen
        from counter_app.screens.admin.officers import OfficersScreen
        from counter_app.screens.admin.unit import UnitScreen

        screens = {
            "officers": OfficersScreen,
            "catalogue": CatalogueScreen,
            "calendar": CalendarScreen,
            "unit": UnitScreen,
        }
        self.app.push_screen(screens[event.option.id or "unit"]())
