"""The checklist of a dossier's documents at intake: received, reused from the citizen's digitised data."""

from __future__ import annotations

from dataclasses import dataclass, replace

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from counter_app.domain.file_ref import FileRef
from counter_app.locale import formats as fmt
from counter_app.locale import t
from counter_app.widgets.fit_table import FitColumns


@dataclass(frozen=True)
class DocRow:
    """One required document and what the officer ticked for it."""

    name: str
    copy_kind: str
    quantity: int
    received: bool = True
    reused: bool = False
    #: the citizen's digitised document that can stand in for the paper, when there is one
    reusable_id: str | None = None
    reusable_title: str = ""
    #: the file of the reusable document (None: the store holds its data but no file)
    reusable_file: FileRef | None = None
    #: the component scanned or imported at this counter
    file: FileRef | None = None

    @property
    def shown_file(self) -> FileRef | None:
        """The file the dossier will carry for this row: the one digitised here, else the reused one."""
        if self.file is not None:
            return self.file
        return self.reusable_file if self.reused else None


class DocumentChecklist(FitColumns, DataTable):
    """Space toggles "received", R toggles "reuse the digitised document" where one is available; the
    screen binds the keys that digitise the highlighted row (scan, import a file, view).

    A row is reused (which counts as received), received on paper, or missing — never reused and missing:
    R on a missing row reuses it (received), Space on a reused row un-reuses it (missing)."""

    # the vertical scrollbar's room is always kept: the fitted columns never make a horizontal scrollbar
    DEFAULT_CSS = "DocumentChecklist { scrollbar-gutter: stable; }"

    BINDINGS = [
        Binding("space", "toggle_received", t("key.toggle_received"), id="checklist.received", show=False),
        Binding("r", "toggle_reused", t("key.toggle_reused"), id="checklist.reused", show=False),
        # digitising the highlighted row is the screen's work (screens.digitise)
        Binding("s", "screen.scan_component", t("files.key.scan"), id="checklist.scan", show=False),
        Binding("f", "screen.import_component", t("files.key.import"), id="checklist.import", show=False),
        Binding("v", "screen.view_component", t("files.key.view"), id="checklist.view", show=False),
    ]

    @dataclass
    class Changed(Message):
        checklist: DocumentChecklist

        @property
        def control(self) -> DocumentChecklist:
            return self.checklist

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.rows_data: list[DocRow] = []

    #: the width each column keeps while wider ones give way (widgets.fit_table); the reuse note goes first
    column_floors = {"no": 3, "name": 24, "kind": 9, "qty": 2, "received": 11, "file": 10, "reused": 12}

    def on_mount(self) -> None:
        self.add_column(t("col.no"), width=3, key="no")
        self.add_column(t("col.document"), width=44, key="name")
        self.add_column(t("col.copy_kind"), width=18, key="kind")
        self.add_column(t("col.quantity"), width=4, key="qty")
        self.add_column(t("col.received"), width=10, key="received")
        self.add_column(t("files.col.digitised"), width=16, key="file")
        self.add_column(t("col.reuse"), width=44, key="reused")
        self._mount_cell_detail()
        self.call_after_refresh(self.fit_columns)

    def set_rows(self, rows: list[DocRow]) -> None:
        self.rows_data = list(rows)
        self.clear()
        for index, row in enumerate(self.rows_data):
            self.add_row(*self._cells(index, row), key=str(index))
        self.fit_columns()
        self.post_message(self.Changed(self))

    def _cells(self, index: int, row: DocRow) -> list:
        received = (
            Text(t("check.yes"), style="bold green")
            if row.received
            else Text(t("check.no"), style="bold red")
        )
        if row.reusable_id is None:
            reused = Text("—", style="dim")
        elif row.reused:
            reused = Text(t("check.reused", title=row.reusable_title), style="bold cyan")
        else:
            reused = Text(t("check.reusable", title=row.reusable_title), style="dim cyan")
        return [
            str(index + 1),
            row.name,
            t(f"copy_kind.{row.copy_kind}"),
            str(row.quantity),
            received,
            file_cell(row.shown_file),
            reused,
        ]

    def _update(self, index: int, row: DocRow) -> None:
        self.rows_data[index] = row
        cells = self._cells(index, row)
        self.update_cell(str(index), "received", cells[4])
        self.update_cell(str(index), "file", cells[5])
        self.update_cell(str(index), "reused", cells[6])
        self.fit_columns()
        self.post_message(self.Changed(self))

    @property
    def current(self) -> DocRow | None:
        """The highlighted row, if any."""
        if not self.rows_data:
            return None
        return self.rows_data[self.cursor_row]

    def attach(self, index: int, file: FileRef) -> None:
        """Row ``index`` was digitised at the counter: it carries ``file`` and counts as received."""
        row = self.rows_data[index]
        self._update(index, replace(row, file=file, received=True))

    def action_toggle_received(self) -> None:
        """Space: received / not received. A reused row marked not received is no longer reused: the digitised
        document stood for the paper, and the officer says it does not (the row is missing, like any other)."""
        if not self.rows_data:
            return
        index = self.cursor_row
        row = self.rows_data[index]
        if row.reused:
            self._update(index, replace(row, reused=False, received=False))
        else:
            self._update(index, replace(row, received=not row.received))

    def action_toggle_reused(self) -> None:
        if not self.rows_data:
            return
        index = self.cursor_row
        row = self.rows_data[index]
        if row.reusable_id is None:
            self.notify(t("intake.no_reusable"), severity="warning")
            return
        reused = not row.reused
        # a reused digitised document stands for the paper: it counts as received (never reused and missing)
        self._update(index, replace(row, reused=reused, received=True if reused else row.received))


def file_cell(file: FileRef | None) -> Text:
    """«3 tr · 1,2 MB» for a digitised component, a dim dash for one without a file."""
    if file is None:
        return Text("—", style="dim")
    return Text(t("files.cell", pages=file.pages, size=fmt.size(file.size)), style="green")
