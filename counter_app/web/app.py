"""The web application of ``counter-app serve``: routes, device check, the board's pushed updates.

Routes:

``/``                 links to the pages (on the centre's machine), or the page of the paired device
``/pair?token=...``   a device shows its token once; it is kept in a cookie the device sends from then on
``/board``            the public board (the numbers called per counter, the last calls, waiting per service)
``/board/events``     server-sent events: the board's state, pushed when it changes (and a ping every few s)
``/board/state``      the same state as JSON, once
``/kiosk``            the ticket kiosk: a service, a priority category, a number
``/kiosk/ticket``     POST ``{"service": "A", "priority": ""}``: issue a ticket (printed on the thermal printer
                      when one is configured)

Who may see what: bound to loopback (the default) only the centre's machine reaches the server, and requests
must name it in their Host (a web page elsewhere cannot rebind a name to 127.0.0.1 and drive the kiosk).
Bound elsewhere, or with ``require_token``, every request must carry a paired device's token (the cookie, or
``Authorization: Bearer``), and a device sees only the pages of its kind; unpaired devices get a refusal.

The TUI runs in another process, so the board cannot be told of a call: one poller per server reads the
queue's cheap fingerprint (:func:`counter_app.services.board.board_version`) every :data:`POLL_S` and reads
the whole board only when it changed; each open board page waits on the poller's next version.
"""

from __future__ import annotations

import asyncio
import html
import ipaddress
import json
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from counter_app.locale import describe_error, t
from counter_app.locale import formats as fmt
from counter_app.services.board import BoardState, board_state, board_version
from counter_app.services.context import Store, local_now
from counter_app.services.errors import ServiceError
from counter_app.services.queue import CounterState
from counter_app.services.web_devices import Device, device_for
from counter_app.web.page import json_body, page, refusal
from counter_app.web.rating_page import rate_answer, rate_page, rate_pending
from counter_app.web.spoken import audio_url, call_audio

log = logging.getLogger("counter_app.web")

STATIC = Path(__file__).parent / "static"
#: how often the poller reads the queue's fingerprint (the board shows a call within a second)
POLL_S = 0.25
#: the whole board is read again at least this often (the clock moves counters from idle to closed)
FULL_EVERY_S = 15.0
#: an open board page hears from the server at least this often (it declares the connection lost after 3)
PING_S = 4.0
RECENT_CALLS = 5
COOKIE = "counter_device"
#: ten years: a device is paired once
COOKIE_AGE = 10 * 365 * 24 * 3600
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
#: the priority categories the kiosk offers (their texts are stored as the ticket's reason)
PRIORITY_KEYS = (
    "web.priority.elderly",
    "web.priority.disabled",
    "web.priority.pregnant",
    "web.priority.merit",
)

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


def is_loopback(host: str) -> bool:
    """True for an address or name that only this machine reaches."""
    name = host.strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def board_json(state: BoardState) -> dict[str, Any]:
    """What a board page shows, and nothing about the citizens (numbers and counters only)."""
    return {
        "unit": state.unit_name,
        "clock": fmt.clock(state.now),
        "day": fmt.day(state.now),
        "counters": [
            {
                "number": c.number,
                "label": t("web.board.counter", number=c.number),
                "state": c.state,
                "ticket": c.ticket,
                "note": counter_note(c),
            }
            for c in state.counters
        ],
        "calls": [
            {
                # a new call or a recall: the page flashes it (and, later, speaks it from an audio URL)
                "key": f"{call.ticket_id}@{call.called_at.isoformat()}",
                "number": call.number,
                "counter": call.counter_number,
                "to": t("web.board.to_counter", number=call.counter_number or "?"),
                "at": fmt.clock(call.called_at),
                "audio": audio_url(call.number, call.counter_number),
            }
            for call in state.recent_calls
        ],
        "services": [{"code": s.code, "name": s.name, "waiting": s.total} for s in state.services],
        "waiting": state.waiting,
    }


def counter_note(counter: CounterState) -> str:
    """Under the counter's name: since when it serves its number, or that it is idle or closed."""
    if counter.state == "serving":
        return t("web.board.since", time=fmt.clock(counter.since)) if counter.since else ""
    return t("web.board.idle" if counter.state == "idle" else "web.board.closed")


class BoardHub:
    """One poller for every open board page: the latest state as JSON, and its version."""

    def __init__(self, store: Store, clock: Callable[[], datetime]) -> None:
        self.store = store
        self.clock = clock
        self.payload: str | None = None
        self.version = 0
        self.closing = False
        #: open board pages; the poller rests while there are none
        self.listeners = 0
        self._changed = asyncio.Event()
        self._fingerprint: tuple[object, ...] | None = None
        self._read_at = 0.0

    def _read(self) -> str | None:
        """The board's JSON when it may have changed, else None (runs in a thread)."""
        now = self.clock()
        fingerprint = board_version(self.store, now)
        if fingerprint == self._fingerprint and time.monotonic() - self._read_at < FULL_EVERY_S:
            return None
        state = board_state(self.store, now, recent=RECENT_CALLS)
        self._fingerprint, self._read_at = fingerprint, time.monotonic()
        return json.dumps(board_json(state), ensure_ascii=False)

    async def refresh(self) -> None:
        try:
            payload = await run_in_threadpool(self._read)
        except Exception as exc:  # the store is away: keep the last state, try again at the next tick
            log.warning("board refresh failed: %s", describe_error(exc))
            return
        if payload is not None and payload != self.payload:
            self.payload = payload
            self.version += 1
            self._changed.set()
            self._changed = asyncio.Event()

    async def run(self) -> None:
        while not self.closing:
            if self.listeners:
                await self.refresh()
            await asyncio.sleep(POLL_S)

    async def wait_change(self, version: int, timeout: float) -> None:
        if self.version != version:
            return
        try:
            await asyncio.wait_for(self._changed.wait(), timeout)
        except TimeoutError:
            pass


class DeviceGate:
    """ASGI middleware: who may reach which page (see the module's docstring)."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]], web: WebSettings) -> None:
        self.app = app
        self.web = web

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        path = request.url.path
        if not self.web.require_token:
            host = request.headers.get("host", "")
            name = host.rsplit(":", 1)[0] if not host.startswith("[") else host.split("]")[0] + "]"
            if not is_loopback(name):
                await refusal(t("web.bad_host", host=host), 403)(scope, receive, send)
                return
            scope.setdefault("state", {})["device"] = None
            await self.app(scope, receive, send)
            return
        if path == "/pair":
            await self.app(scope, receive, send)
            return
        try:
            device = await run_in_threadpool(device_for, self.web.store.settings, token_of(request))
        except ServiceError as exc:  # the list of paired devices cannot be read: nobody gets in
            log.error("paired devices unreadable: %s", exc)
            await refusal(str(exc), 503)(scope, receive, send)
            return
        wanted = kind_of(path)
        if device is None or (wanted is not None and device.kind != wanted):
            await refusal(t("web.unpaired"), 403)(scope, receive, send)
            return
        scope.setdefault("state", {})["device"] = device
        await self.app(scope, receive, send)


def token_of(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return request.cookies.get(COOKIE)


#: the first part of a page's path → the kind of device it is for
PATH_KINDS = {"board": "board", "kiosk": "kiosk", "rate": "rating"}


def kind_of(path: str) -> str | None:
    """The kind of device a path is for (None: any paired device)."""
    for prefix, kind in PATH_KINDS.items():
        if path == f"/{prefix}" or path.startswith(f"/{prefix}/"):
            return kind
    return None


class WebSettings:
    """What the pages need: the store, the clock, and whether devices must show a token."""

    def __init__(self, store: Store, *, require_token: bool, clock: Callable[[], datetime]) -> None:
        self.store = store
        self.require_token = require_token
        self.clock = clock


# --- pages ------------------------------------------------------------------------------------------------------


async def index(request: Request) -> Response:
    device: Device | None = request.state.device
    if device is not None:
        return RedirectResponse(f"/{device.kind}", 303)
    links = (
        f'<a class="big" href="/board">{html.escape(t("web.board.title"))}</a>'
        f'<a class="big" href="/kiosk">{html.escape(t("web.kiosk.title"))}</a>'
    )
    return HTMLResponse(page(t("web.index_title"), f'<main class="index">{links}</main>', ""))


async def pair(request: Request) -> Response:
    web: WebSettings = request.app.state.web
    token = request.query_params.get("token", "")
    device = await run_in_threadpool(device_for, web.store.settings, token)
    if device is None:
        return refusal(t("web.unpaired"), 403)
    counter = request.query_params.get("counter", "")
    if device.kind == "rating":  # a rating tablet stands at one counter: /pair?token=…&counter=N
        target = f"/rate/{int(counter)}" if counter.isascii() and counter.isdigit() else "/"
    else:
        target = f"/{device.kind}"
    response = RedirectResponse(target, 303)
    response.set_cookie(COOKIE, token, max_age=COOKIE_AGE, httponly=True, samesite="strict")
    return response


async def board_page(request: Request) -> Response:
    texts = {
        "title": t("web.board.title"),
        "recent": t("web.board.recent"),
        "waiting": t("web.board.waiting"),
        "offline": t("web.board.offline"),
    }
    body = (
        '<header class="bar"><div id="unit"></div><div class="title">'
        f'{html.escape(texts["title"])}</div><div id="clock"></div></header>'
        '<main class="board"><section id="counters"></section>'
        f'<aside><h2>{html.escape(texts["recent"])}</h2><ol id="calls"></ol>'
        f'<h2>{html.escape(texts["waiting"])} <span id="waiting"></span></h2><ul id="services"></ul></aside>'
        f'</main><div id="offline" class="offline" hidden>{html.escape(texts["offline"])}</div>'
        '<audio id="call-audio" preload="none"></audio>'
    )
    return HTMLResponse(page(texts["title"], body, "board.js", texts, "board.css"))


async def board_state_json(request: Request) -> Response:
    hub: BoardHub = request.app.state.hub
    await hub.refresh()
    return Response(hub.payload or "{}", media_type="application/json")


async def board_events(request: Request) -> Response:
    hub: BoardHub = request.app.state.hub

    async def stream() -> AsyncIterator[str]:
        yield "retry: 1000\n\n"
        await hub.refresh()  # the poller may have rested while no board was open
        version = -1
        hub.listeners += 1
        try:
            while not hub.closing and not await request.is_disconnected():
                if hub.payload is not None and hub.version != version:
                    version = hub.version
                    yield f"event: board\ndata: {hub.payload}\n\n"
                else:
                    yield "event: ping\ndata: {}\n\n"
                await hub.wait_change(version, PING_S)
        finally:
            hub.listeners -= 1

    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    return StreamingResponse(stream(), media_type="text/event-stream", headers=headers)


async def kiosk_page(request: Request) -> Response:
    from counter_app.services import queue

    web: WebSettings = request.app.state.web
    services = await run_in_threadpool(queue.waiting_by_service, web.store, now=web.clock())
    texts: dict[str, Any] = {
        key.rsplit(".", 1)[1]: t(key)
        for key in (
            "web.kiosk.title",
            "web.kiosk.pick_service",
            "web.kiosk.priority_button",
            "web.kiosk.priority_title",
            "web.kiosk.cancel_priority",
            "web.kiosk.back",
            "web.kiosk.your_number",
            "web.kiosk.printed",
            "web.kiosk.remember",
            "web.kiosk.done",
            "web.kiosk.failed",
        )
    }
    texts["priority_chosen"] = t("web.kiosk.priority_chosen", reason="{reason}")
    texts["services"] = [{"code": code, "name": name} for code, name, _n, _p in services]
    texts["priorities"] = [t(key) for key in PRIORITY_KEYS]
    body = (
        f'<header class="bar"><div class="title">{html.escape(t("web.kiosk.title"))}</div></header>'
        '<main class="kiosk"><div id="chosen" class="chosen" hidden></div>'
        '<section id="pick"></section><section id="ticket" hidden></section></main>'
    )
    return HTMLResponse(page(t("web.kiosk.title"), body, "kiosk.js", texts, "kiosk.css"))


def bad_input(text: str) -> Response:
    return JSONResponse({"error": text}, 400)


async def kiosk_ticket(request: Request) -> Response:
    from counter_app.services import queue

    web: WebSettings = request.app.state.web
    body = await json_body(request)
    if body is None:
        return bad_input(t("web.kiosk.not_json"))
    service, reason = body.get("service"), body.get("priority", "")
    if not isinstance(service, str) or not service:
        return bad_input(t("web.kiosk.bad_service", value=service if isinstance(service, str) else ""))
    if not isinstance(reason, str) or (reason and reason not in {t(key) for key in PRIORITY_KEYS}):
        return bad_input(t("web.kiosk.bad_priority", value=reason if isinstance(reason, str) else ""))
    try:
        issued = await run_in_threadpool(
            lambda: queue.issue(
                web.store, service, priority=bool(reason), priority_reason=reason, now=web.clock()
            )
        )
    except ServiceError as exc:
        return bad_input(
            t("web.kiosk.bad_service", value=service) if exc.key == "queue.unknown_service" else str(exc)
        )
    printed = False
    if web.store.settings.escpos:  # paper only from a thermal printer; without one the screen is the ticket
        from counter_app.services.printing_service import print_ticket_safely

        printout = await run_in_threadpool(print_ticket_safely, web.store, issued)
        printed = printout.ok
        if not printout.ok:
            log.warning("kiosk ticket %s not printed: %s", issued.ticket.number, printout.message)
    return JSONResponse(
        {
            "number": issued.ticket.number,
            "service": issued.service_name,
            "ahead": t("web.kiosk.ahead", ahead=issued.waiting_ahead),
            "printed": printed,
        }
    )


def make_web_app(
    store: Store, *, require_token: bool = False, clock: Callable[[], datetime] | None = None
) -> tuple[Starlette, BoardHub]:
    """The application on ``store``, and its board hub (the server closes it when it stops)."""
    web = WebSettings(store, require_token=require_token, clock=clock or local_now)
    hub = BoardHub(store, web.clock)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        hub._changed = asyncio.Event()  # bound to the server's loop
        task = asyncio.create_task(hub.run())
        try:
            yield
        finally:
            hub.closing = True
            task.cancel()

    app = Starlette(
        routes=[
            Route("/", index),
            Route("/pair", pair),
            Route("/board", board_page),
            Route("/board/events", board_events),
            Route("/board/state", board_state_json),
            Route("/board/audio/{number:str}/{counter:int}.wav", call_audio),
            Route("/kiosk", kiosk_page),
            Route("/kiosk/ticket", kiosk_ticket, methods=["POST"]),
            Route("/rate/{counter:int}", rate_page),
            Route("/rate/{counter:int}/pending", rate_pending),
            Route("/rate/{counter:int}/answer", rate_answer, methods=["POST"]),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
        lifespan=lifespan,
    )
    app.state.web = web
    app.state.hub = hub
    app.add_middleware(DeviceGate, web=web)
    return app, hub
