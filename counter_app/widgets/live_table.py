"""A table that a live screen refreshes by keyed diffs, as Dolphie's panels do.

Each refresh hands the whole wanted content (row key, cells) in order; :meth:`LiveTable.show` removes
the rows that left, updates only the cells that changed, adds the new rows, and puts the rows in the
wanted order by their keys — never by their text, so two officers of the same name keep their places.
The cursor stays on the same row key.

Columns fit the table's width (:mod:`counter_app.widgets.fit_table`): each is as wide as its longest
cell when that fits; otherwise the widest give way first, down to the width given for them (their floor),
and a cut cell ends in «…», its full text under the table for the highlighted row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from textual.widgets import DataTable

from counter_app.widgets.fit_table import FitColumns

#: a row as a live screen hands it: its key and its cells, in the columns' order
Row = tuple[str, Sequence[Any]]


class LiveTable(FitColumns, DataTable[Any]):
    """A row-cursor table with columns given once by key, refreshed with :meth:`show`.

    A column is (key, label, floor): the floor is the width it keeps while wider columns can give way
    (``None``: none), e.g. the whole of a dossier code.
    """

    # the vertical scrollbar's room is always kept, so that rows arriving never narrow the columns just fitted
    # (which left a horizontal scrollbar on some runs)
    DEFAULT_CSS = "LiveTable { scrollbar-gutter: stable; }"

    def __init__(self, columns: Sequence[tuple[str, str, int | None]] = (), **kwargs: Any) -> None:
        kwargs.setdefault("cursor_type", "row")
        kwargs.setdefault("zebra_stripes", True)
        super().__init__(**kwargs)
        self._column_spec = list(columns)
        self.column_floors = {key: width for key, _label, width in self._column_spec}

    def on_mount(self) -> None:
        for key, label, width in self._column_spec:
            self.add_column(label, key=key, width=width)
        self._mount_cell_detail()
        self.call_after_refresh(self.fit_columns)

    @property
    def column_keys(self) -> list[str]:
        return [str(column.key.value) for column in self.ordered_columns]

    @property
    def row_keys(self) -> list[str]:
        """The keys of the rows, in the order shown."""
        return [str(row.key.value) for row in self.ordered_rows]

    @property
    def current_key(self) -> str | None:
        """The key of the row under the cursor, if any."""
        if not self.row_count or not self.is_valid_row_index(self.cursor_row):
            return None
        return str(self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value)

    def show(self, rows: Iterable[Row]) -> None:
        """Make the table show ``rows`` in that order, touching only what changed."""
        rows = list(rows)
        wanted = dict(rows)
        order = [key for key, _cells in rows]
        selected = self.current_key
        columns = self.column_keys
        for key in [key for key in self.row_keys if key not in wanted]:
            self.remove_row(key)
        for key, cells in rows:
            if key in self.rows:
                for column, old, new in zip(columns, self.get_row(key), cells, strict=True):
                    if old != new:
                        self.update_cell(key, column, new)
        shown = [key for key in self.row_keys if key in wanted]
        # keep the longest common head in place; everything after the first misplaced row is put back in order
        first_moved = next(
            (i for i, (a, b) in enumerate(zip(shown, order, strict=False)) if a != b), len(shown)
        )
        for key in shown[first_moved:]:
            self.remove_row(key)
        for key in order[first_moved:]:
            self.add_row(*wanted[key], key=key)
        if selected in wanted:
            self.move_cursor(row=self.get_row_index(selected), animate=False)
        self.fit_columns()
