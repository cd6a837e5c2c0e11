"""The live screens' table: keyed diffs that keep the wanted order by key, and the cursor on its row."""

from __future__ import annotations

import random

from textual.app import App, ComposeResult

from counter_app.widgets.live_table import LiveTable


class _Host(App[None]):
    def compose(self) -> ComposeResult:
        yield LiveTable([("name", "Tên", 10), ("n", "Số", 4)])


async def test_rows_with_the_same_text_keep_the_order_asked_for():
    """Three officers named Lan, asked o3, o2, o1: shown o3, o2, o1 (the old helper sorted by the first
    cell's text and gave o1, o2, o3)."""
    app = _Host()
    async with app.run_test() as pilot:
        table = app.query_one(LiveTable)
        table.show([("o1", ["Lan", "1"]), ("o2", ["Lan", "2"]), ("o3", ["Lan", "3"])])
        table.show([("o3", ["Lan", "3"]), ("o2", ["Lan", "2"]), ("o1", ["Lan", "1"])])
        await pilot.pause()
        assert table.row_keys == ["o3", "o2", "o1"]
        assert [table.get_row(k)[1] for k in table.row_keys] == ["3", "2", "1"]


async def test_changed_cells_are_updated_and_the_cursor_follows_its_key():
    app = _Host()
    async with app.run_test() as pilot:
        table = app.query_one(LiveTable)
        table.show([("a", ["An", "1"]), ("b", ["Bình", "2"]), ("c", ["Chi", "3"])])
        table.move_cursor(row=2)
        assert table.current_key == "c"
        table.show([("c", ["Chi", "9"]), ("d", ["Dũng", "4"]), ("a", ["An", "1"])])
        await pilot.pause()
        assert table.row_keys == ["c", "d", "a"]
        assert table.get_row("c") == ["Chi", "9"]
        assert table.current_key == "c"


async def test_any_sequence_of_refreshes_ends_in_the_last_order():
    rng = random.Random(7)
    app = _Host()
    async with app.run_test():
        table = app.query_one(LiveTable)
        keys = [f"k{i}" for i in range(12)]
        for _ in range(60):
            chosen = rng.sample(keys, rng.randint(0, len(keys)))
            rows = [(key, ["Lan", str(rng.randint(0, 3))]) for key in chosen]
            table.show(rows)
            assert table.row_keys == chosen
            assert [table.get_row(key) for key in chosen] == [cells for _key, cells in rows]
