"""Tables whose columns fit the width they have: sized to their content, cut with «…» when space is short,
and the full text of a cut cell shown under the table for the highlighted row.

Columns are given a *floor* (the width a column keeps while others can still give way, e.g. the whole of a
dossier code) and want the width of their longest cell. When the wanted widths do not fit, the widest
columns give way first, down to their floors, then below them (down to a few cells); a cut cell ends in
«…», never mid-letter without a mark. The highlighted row's cut cells show in full on the line under the
table while it has the focus.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widget import Widget
from textual.widgets import DataTable, Static

#: the narrowest a column is cut to when even the floors do not fit
MIN_CUT = 5


def text_width(value: object) -> int:
    """The cells ``value`` takes on one line (its longest line)."""
    plain = value.plain if isinstance(value, Text) else str(value) if value is not None else ""
    return max((cell_len(line) for line in plain.split("\n")), default=0)


def _level(wanted: Sequence[int], floors: Sequence[int], room: int) -> list[int]:
    """Cut the widest of ``wanted`` to a common level (never below their ``floors``) until they fit ``room``."""
    widths = list(wanted)
    if sum(widths) <= room:
        return widths
    low, high = 0, max(widths)
    while low < high:  # the highest level at which the cut columns fit
        level = (low + high + 1) // 2
        if sum(min(w, max(level, f)) for w, f in zip(wanted, floors, strict=True)) <= room:
            low = level
        else:
            high = level - 1
    widths = [min(w, max(low, f)) for w, f in zip(wanted, floors, strict=True)]
    spare = room - sum(widths)  # what the common level left over goes to the cut columns, widest first
    while spare > 0 and (cut := [i for i in range(len(widths)) if widths[i] < wanted[i]]):
        for index in sorted(cut, key=lambda i: -wanted[i])[:spare]:
            widths[index] += 1
            spare -= 1
    return widths


def fit_widths(wanted: Sequence[int], floors: Sequence[int | None], room: int) -> list[int]:
    """The widths of columns that want ``wanted`` cells in ``room`` cells (padding excluded).

    Every column gets what it wants when that fits. Otherwise the widest give way first, keeping their
    floor (``None``: no floor); when even the floors do not fit, the widest are cut further, down to
    :data:`MIN_CUT` cells (a narrower table then scrolls sideways).
    """
    kept = [min(w, f) if f is not None else min(w, MIN_CUT) for w, f in zip(wanted, floors, strict=True)]
    if sum(kept) <= room:
        return _level(wanted, kept, room)
    return _level(kept, [min(w, MIN_CUT) for w in wanted], room)


class CellDetail(Static):
    """The line under a fitting table: the full text of the highlighted row's cut cells."""

    DEFAULT_CSS = """
    CellDetail { height: auto; max-height: 3; color: $text-muted; padding: 0 1; display: none; }
    CellDetail.-shown { display: block; }
    """


class FitColumns:
    """Mix into a :class:`DataTable`: cells end in «…» when cut; :meth:`fit_columns` sizes the columns.

    ``column_floors`` maps a column key to its floor (see the module's docstring).

    DataTable has no public hook for how a cell is cut nor for resizing a column: this overrides
    ``_compute_row_renderables`` and sets what ``add_column`` sets, as Textual 8.2.8 (the pinned version)
    names them; ``tests/tui/test_layout_fit.py`` fails if a new Textual renames them.
    """

    column_floors: dict[str, int | None]

    def _compute_row_renderables(self, row_index: int) -> Any:
        renderables = super()._compute_row_renderables(row_index)  # type: ignore[misc]
        for index, cell in enumerate(renderables.cells):
            if isinstance(cell, Text):
                cut = cell.copy()
                cut.no_wrap, cut.overflow = True, "ellipsis"
                renderables.cells[index] = cut
        return renderables

    def fit_columns(self) -> None:
        table: DataTable[Any] = self  # type: ignore[assignment]
        columns = table.ordered_columns
        if not columns or not table.is_mounted:
            return
        room = table.scrollable_content_region.width - 2 * table.cell_padding * len(columns)
        if room <= 0:
            return
        wanted = []
        for column in columns:
            cells = table.get_column(column.key) if table.row_count else ()
            wanted.append(max([text_width(column.label), *(text_width(cell) for cell in cells)]))
        floors = [self.column_floors.get(str(column.key.value)) for column in columns]
        widths = fit_widths(wanted, floors, room)
        changed = False
        for column, width in zip(columns, widths, strict=True):
            if column.auto_width or column.width != width:
                column.auto_width, column.width = False, width
                changed = True
        if changed:  # as DataTable.add_column does: new cache keys, dimensions recomputed on idle
            table._require_update_dimensions = True
            table._update_count += 1
            table.check_idle()
            table.refresh()
        self.show_cell_detail()

    # --- the full text of the highlighted row's cut cells -----------------------------------------

    def cut_cells(self) -> list[tuple[str, str]]:
        """The highlighted row's cells cut short: (column label, full text)."""
        table: DataTable[Any] = self  # type: ignore[assignment]
        if not table.row_count or not table.is_valid_row_index(table.cursor_row):
            return []
        cut = []
        for column, cell in zip(table.ordered_columns, table.get_row_at(table.cursor_row), strict=False):
            if not column.auto_width and text_width(cell) > column.width:
                plain = cell.plain if isinstance(cell, Text) else str(cell)
                cut.append((str(column.label), plain))
        return cut

    def _cell_detail(self) -> CellDetail | None:
        table: DataTable[Any] = self  # type: ignore[assignment]
        sibling = table.parent.children[table.parent.children.index(table) + 1 :] if table.parent else []
        return sibling[0] if sibling and isinstance(sibling[0], CellDetail) else None

    def show_cell_detail(self) -> None:
        table: DataTable[Any] = self  # type: ignore[assignment]
        detail = self._cell_detail()
        if detail is None:
            return
        cut = self.cut_cells() if table.has_focus else []
        detail.update(Text(" · ".join(f"{label}: {text}" for label, text in cut)))
        detail.set_class(bool(cut), "-shown")

    def _mount_cell_detail(self) -> None:
        table: DataTable[Any] = self  # type: ignore[assignment]
        if isinstance(table.parent, Widget) and self._cell_detail() is None:
            table.parent.mount(CellDetail(), after=table)

    # handlers: Textual calls each class's own handler along the MRO, so none of these calls super()
    def on_resize(self, event: events.Resize) -> None:
        table: DataTable[Any] = self  # type: ignore[assignment]
        table.call_after_refresh(self.fit_columns)

    def on_focus(self, event: events.Focus) -> None:
        self.show_cell_detail()

    def on_blur(self, event: events.Blur) -> None:
        self.show_cell_detail()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_cell_detail()
