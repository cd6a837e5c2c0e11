"""Keys of the golden intake path, driven by Textual's pilot on a demo store.

    python bench/bench_intake_keys.py

Call the next ticket (F2), new intake (F3), a scan of a citizen's card (counted as one key: the
scanner types it), a few letters of the procedure until the wanted one is first, Enter, F10 — then
checks the dossier is stored and its receipt printed. Prints the path and one JSON line:
  {"name": "intake_keystrokes", "keys": N, "letters": "...", "procedure": "..."}
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from counter_app.config import load_settings
from counter_app.services import lookup
from counter_app.services.context import open_store
from counter_app.services.demo import demo_card_payloads, seed_demo
from tests.tui.helpers import SIZE, fixed_clock, login, type_text, wait_for

WANTED = "1.001193"  # Thủ tục đăng ký khai sinh


def shortest_prefix(store, unit_id: str) -> str:
    """The fewest letters of the procedure's name that put it first in the picker."""
    with store.session() as session:
        name = lookup.procedure(session, WANTED).name_folded
        for word in name.split():
            for n in range(1, len(word) + 1):
                found = lookup.search_procedures(session, word[:n], limit=1, unit_id=unit_id)
                if found and found[0].code == WANTED:
                    return word[:n]
    return "khai sinh"


async def drive(store) -> dict:
    from counter_app.app import make_app
    from counter_app.screens.intake import IntakeScreen

    app = make_app(store, clock=fixed_clock)
    keys: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        letters = shortest_prefix(store, app.actor.unit_id)
        await pilot.press("f2")
        keys.append("F2")
        await wait_for(pilot, lambda: app.serving is not None, "a ticket called")
        await pilot.press("f3")
        keys.append("F3")
        await wait_for(pilot, lambda: isinstance(app.screen, IntakeScreen), "intake screen")
        await type_text(pilot, demo_card_payloads(store, 1)[0], enter=True)
        keys.append("<scan>")
        await wait_for(
            pilot, lambda: app.screen.query_one("#procedure-input").has_focus, "procedure picker focused"
        )
        await type_text(pilot, letters)
        keys.extend(letters)
        await pilot.pause(0.3)
        await pilot.press("enter")
        keys.append("Enter")
        await pilot.pause(0.2)
        await pilot.press("f10")
        keys.append("F10")
        await wait_for(pilot, lambda: getattr(app.screen, "outcome", None), "dossier saved", timeout=20)
        code = app.screen.outcome.code
        await wait_for(
            pilot,
            lambda: list(store.settings.printed_dir.rglob(f"{code}-*.pdf")),
            "receipt printed",
            timeout=20,
        )
    with store.session() as session:
        dossier = lookup.dossier_by_code(session, code)
    return {
        "name": "intake_keystrokes",
        "keys": len(keys),
        "letters": letters,
        "path": " ".join(keys),
        "procedure": dossier.procedure_code,
        "code": code,
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        store = open_store(load_settings({"COUNTER_APP_HOME": home}, demo=True))
        seed_demo(store, citizens=60, today=date(2026, 11, 20))
        result = asyncio.run(drive(store))
        store.dispose()
    print(f"golden path: {result['path']} → {result['code']} ({result['procedure']}): {result['keys']} keys")
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
