"""The procedure catalogue (administrator): which procedures this unit receives, a procedure's deadline and
fee, and importing the province's published list."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual.binding import Binding

from counter_app.locale import formats as fmt
from counter_app.locale import t
from counter_app.screens.admin.base import AdminListScreen
from counter_app.screens.admin.forms import DocumentsDialog, FileDialog, ProcedureDialog, ProcedureEdit
from counter_app.services.catalogue_admin import CatalogueEntry
from counter_app.services.context import Actor, Store
from counter_app.widgets.live_table import Row

STATUS_STYLE = {"active": "green", "held": "bold yellow", "retired": "dim"}


class CatalogueScreen(AdminListScreen):
    TITLE_KEY = "admin.catalogue"
    HINT_KEY = "admin.catalogue.hint"
    BINDINGS = [
        Binding("space", "toggle_enabled", t("admin.key.toggle_enabled"), id="admin.catalogue.toggle"),
        Binding("e", "edit", t("admin.key.edit"), id="admin.catalogue.edit"),
        Binding("t", "documents", t("admin.key.documents"), id="admin.catalogue.documents"),
        Binding("i", "import_file", t("admin.key.import"), id="admin.catalogue.import"),
    ]
    NEEDS_ROW = ("toggle_enabled", "edit", "documents")

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[str, CatalogueEntry] = {}

    def columns(self) -> Sequence[tuple[str, str, int | None]]:
        return [
            ("code", t("admin.col.code"), 12),
            ("name", t("admin.col.procedure"), 52),
            ("time", t("admin.col.time"), 18),
            ("fee", t("admin.col.fee"), 16),
            ("status", t("admin.col.status"), 12),
            ("enabled", t("admin.col.enabled"), 10),
        ]

    def rows(self, store: Store, actor: Actor) -> list[Row]:
        from counter_app.services import catalogue_admin

        listed = catalogue_admin.entries(store, unit_id=actor.unit_id, include_retired=True)
        self.entries = {e.code: e for e in listed}
        rows: list[Row] = []
        for e in listed:
            enabled = Text(t("admin.yes"), style="bold green") if e.enabled else Text("—", style="dim")
            status = Text(t(f"admin.catalogue.status.{e.status}"), style=STATUS_STYLE.get(e.status, ""))
            cells = [
                e.code,
                fmt.procedure_short(e.name),
                fmt.processing_time(e.working_days),
                fmt.fee(e.fee),
                status,
                enabled,
            ]
            rows.append((e.code, cells))
        return rows

    def _current(self) -> CatalogueEntry | None:
        key = self.table.current_key
        return self.entries.get(key) if key else None

    def action_toggle_enabled(self) -> None:
        from counter_app.services import catalogue_admin

        entry = self._current()
        if entry is None:
            return
        enable = not entry.enabled
        key = "admin.catalogue.enabled_done" if enable else "admin.catalogue.disabled_done"
        self.run_service(
            lambda store, actor: catalogue_admin.set_enabled(
                store, actor, actor.unit_id, [entry.code], enable
            ),
            lambda _done: t(key, code=entry.code),
        )

    def action_edit(self) -> None:
        from counter_app.services import catalogue_admin

        entry = self._current()
        if entry is None:
            return

        def answered(edit: object) -> None:
            if isinstance(edit, ProcedureEdit):
                self.run_service(
                    lambda store, actor: catalogue_admin.edit_procedure(
                        store,
                        actor,
                        entry.code,
                        working_days=edit.working_days,
                        fee=edit.fee,
                        fee_note=edit.fee_note,
                    ),
                    lambda _done: t("admin.catalogue.edited", code=entry.code),
                )

        dialog = ProcedureDialog(entry.code, entry.name, entry.working_days, entry.fee, entry.fee_note)
        self.app.push_screen(dialog, answered)

    def action_documents(self) -> None:
        from counter_app.domain.documents_text import split_documents
        from counter_app.services import catalogue_admin

        entry = self._current()
        if entry is None:
            return

        def answered(text: str | None) -> None:
            if text:
                items = split_documents(text)
                self.run_service(
                    lambda store, actor: catalogue_admin.edit_procedure(
                        store, actor, entry.code, documents=items
                    ),
                    lambda _done: t("admin.catalogue.documents_saved", code=entry.code, count=len(items)),
                )

        self.app.push_screen(DocumentsDialog(entry.code, entry.documents), answered)

    def action_import_file(self) -> None:
        from counter_app.services import catalogue_import

        def answered(path: object) -> None:
            if isinstance(path, Path):
                self.run_service(
                    lambda store, actor: catalogue_import.import_catalogue(store, actor, path),
                    lambda report: t(
                        "admin.catalogue.imported",
                        added=len(report.added),
                        updated=len(report.updated),
                        retired=len(report.retired),
                        held=len(report.held),
                    ),
                )

        self.app.push_screen(FileDialog(), answered)
