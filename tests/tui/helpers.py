"""Helpers of the pilot tests: wait on conditions, type like a keyboard, log in."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime

DEMO_DAY = date(2026, 11, 20)  # a Friday
#: the fixed clock of every TUI test: Friday 20/11/2026, 09:15, during office hours
FIXED_NOW = datetime(2026, 11, 20, 9, 15, 0)
SIZE = (140, 45)


def fixed_clock() -> datetime:
    return FIXED_NOW


async def wait_for(pilot, condition: Callable[[], object], description: str, timeout: float = 10.0) -> None:
    """Let the app run until ``condition()`` is true.

    An error the condition raises is retried (the widget may not be mounted yet), but if the last
    try before the ``timeout`` still raised, that error is raised, with ``description`` added as a
    note, so the test shows what went wrong rather than a bare timeout. A condition that is simply
    false at the deadline raises ``TimeoutError`` naming ``description``.
    """
    deadline = time.monotonic() + timeout
    while True:
        error: Exception | None = None
        try:
            if condition():
                return
        except Exception as exc:
            error = exc
        if time.monotonic() > deadline:
            if error is not None:
                error.add_note(f"wait_for: still raising after {timeout:g} s waiting for: {description}")
                raise error
            raise TimeoutError(f"timed out after {timeout:g} s waiting for: {description}")
        await pilot.pause(0.02)


async def type_text(pilot, text: str, *, enter: bool = False) -> None:
    """Type ``text`` (then Enter) as a scanner in keyboard mode does: one key event per character, in a burst.

    The keys go through the same path as real ones (the driver's message queue, then the App); unlike
    ``pilot.press`` this does not wait for idle after every key, which is both faster and what a
    scanner looks like to the app.
    """
    from textual import events
    from textual.keys import _character_to_key

    app = pilot.app
    for char in text:
        key = char if char.isalnum() else _character_to_key(char)
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)
    if enter:
        event = events.Key("enter", "\r")
        event.set_sender(app)
        app._driver.send_message(event)
    await pilot.pause()


async def login(pilot) -> None:
    """Log in as the demo officer (pre-filled): Enter."""
    from counter_app.screens.counter import CounterScreen

    app = pilot.app
    await wait_for(pilot, lambda: app.screen.query_one("#pin").has_focus, "login screen ready")
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, CounterScreen), "counter screen after log-in")
    await wait_for(pilot, lambda: app.store_state is not None, "store state in the status bar")


def find_code(store, *, status: int, custodian: str | None = None) -> str:
    """The code of some demo dossier in ``status`` (held by ``custodian``, default the home unit)."""
    from sqlmodel import select

    from counter_app.db.models import Dossier

    with store.session() as session:
        query = select(Dossier.code).where(
            Dossier.status == status, Dossier.custodian_unit_id == (custodian or store.unit_id)
        )
        code = session.exec(query.order_by(Dossier.code)).first()
    assert code is not None, f"no demo dossier with status {status}"
    return code


def counts(store) -> dict[str, int]:
    """Row counts of the tables a scan or an action could change."""
    from sqlmodel import func, select

    from counter_app.db.models import Citizen, Dossier, DossierEvent, Outbox, QueueTicket

    with store.session() as session:
        return {
            model.__name__: session.exec(select(func.count()).select_from(model)).one()
            for model in (Citizen, Dossier, DossierEvent, Outbox, QueueTicket)
        }


def notices(app, severity: str | None = None) -> list[str]:
    return [text for level, text in app.notices if severity is None or level == severity]


async def start_intake(pilot, payload: str, procedure: str = "khai sinh"):
    """From the counter screen: F3, scan ``payload``, pick ``procedure``; returns the intake screen."""
    from counter_app.screens.intake import IntakeScreen

    app = pilot.app
    await pilot.press("f3")
    await wait_for(pilot, lambda: isinstance(app.screen, IntakeScreen), "intake screen")
    screen = app.screen
    await type_text(pilot, payload, enter=True)
    await wait_for(pilot, lambda: screen.citizen is not None, "citizen loaded from the card")
    await type_text(pilot, procedure, enter=True)
    await wait_for(pilot, lambda: screen.procedure is not None, "procedure picked")
    await wait_for(pilot, lambda: len(screen.query_one("#checklist").rows_data) > 0, "checklist filled")
    return screen


def screen_text(app) -> str:
    """What the terminal shows now, as plain lines (from the app's own screenshot)."""
    import html
    import re

    rows: dict[float, list[tuple[float, str]]] = {}
    pattern = r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>'
    for x, y, text in re.findall(pattern, app.export_screenshot()):
        rows.setdefault(float(y), []).append((float(x), html.unescape(text).replace("\xa0", " ")))
    return "\n".join("".join(text for _x, text in sorted(cells)) for _y, cells in sorted(rows.items()))


async def open_dossier_screen(pilot, code: str):
    """Open dossier ``code`` (as a scan or F4 would) and wait until its screen shows it."""
    from counter_app.screens.dossier import DossierScreen

    app = pilot.app
    app.open_dossier(code)
    await wait_for(
        pilot,
        lambda: (
            isinstance(app.screen, DossierScreen)
            and app.screen.detail is not None
            and app.screen.detail.dossier.code == code
        ),
        "dossier loaded",
    )
    return app.screen


async def open_supervisor_screen(pilot):
    """Log in as the demo supervisor, press F7, and wait for the live supervisor screen; it is returned."""
    from counter_app.screens.supervisor_live import SupervisorScreen

    app = pilot.app
    await wait_for(pilot, lambda: app.screen.query_one("#pin").has_focus, "login screen")
    app.screen.query_one("#username").value = "giamsat"
    await pilot.press("enter")
    await wait_for(pilot, lambda: app.actor is not None, "logged in")
    await pilot.press("f7")
    await wait_for(pilot, lambda: isinstance(app.screen, SupervisorScreen), "supervisor screen")
    return app.screen


async def counter_ready(pilot) -> None:
    """Log in, call the next number (F2), and wait until the counter screen shows it, the dossiers due today
    and the queue without the called ticket (what the counter's snapshots show)."""
    from counter_app.services.queue import waiting_by_service

    app = pilot.app
    await login(pilot)
    await pilot.press("f2")
    await wait_for(pilot, lambda: app.serving is not None, "ticket called")
    screen = app.screen
    await wait_for(pilot, lambda: screen.query_one("#due-table").row_count > 0, "dossiers due today")
    number = app.serving.number  # the demo queue's first priority ticket
    await wait_for(pilot, lambda: number in str(screen.query_one("#serving-number").value), "serving number")
    queue = screen.query_one("#queue-table")
    expected = {
        code: (normal, priority) for code, _, normal, priority in waiting_by_service(app.store, now=app.now())
    }
    await wait_for(
        pilot,
        lambda: all(
            (int(str(queue.get_cell(c, "waiting"))), int(str(queue.get_cell(c, "priority"))))
            == (normal + priority, priority)  # «Đang chờ» counts the priority tickets too
            for c, (normal, priority) in expected.items()
        ),
        "queue without the called one",
    )


async def settle(pilot) -> None:
    """Before a snapshot: freeze what moves (cursor blink, notices) and wait until two looks at the screen
    agree (tables fit their columns and show the cut cells' line after a refresh; a fixed number of pauses
    was not enough on a loaded machine: CI saw the line missing once)."""
    from textual.widgets import Input

    app = pilot.app
    for widget in app.screen.query(Input):
        widget.cursor_blink = False
    app.clear_notifications()
    await pilot.pause()
    last = app.export_screenshot()
    for _ in range(40):
        await pilot.pause(0.05)
        now = app.export_screenshot()
        if now == last:
            break
        last = now


def screen_actions(screen) -> set[str]:
    """The actions the screen's key bindings offer now."""
    return {b.binding.action for b in screen.active_bindings.values()}


def clerk(store, username: str, counter: int):
    """The actor of officer ``username`` at counter ``counter`` of the store's unit."""
    from sqlmodel import select

    from counter_app.db.models import Officer
    from counter_app.services.context import Actor

    with store.session() as session:
        officer = session.exec(select(Officer).where(Officer.username == username)).one()
    return Actor(
        officer.id,
        officer.full_name,
        officer.role,
        officer.unit_id,
        f"{store.settings.one_stop_code}#{counter}",
    )
