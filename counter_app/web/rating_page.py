"""The rating tablet at a counter (``/rate/<counter>``): after the officer returns a result (F5), the citizen
sees the procedure's name and three big buttons — Rất hài lòng / Hài lòng / Không hài lòng — and may add a
short reason; the answer is the dossier's rating, by the citizen, on this device (:mod:`counter_app.services.rating`).
The page asks the server every second what to show; it shows no personal data (not the name, not the code).
"""

from __future__ import annotations

import html
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from counter_app.locale import t
from counter_app.services import rating
from counter_app.services.errors import ServiceError
from counter_app.services.setup import MAX_COUNTERS
from counter_app.services.web_devices import Device
from counter_app.web.page import json_body, page, refusal


def _counter_id(request: Request) -> str | None:
    """The counter of the URL as the store names it, or None when the number is not one a unit can have."""
    number = int(request.path_params["counter"])
    if not 1 <= number <= MAX_COUNTERS:
        return None
    return f"{request.app.state.web.store.settings.one_stop_code}#{number}"


def _device(request: Request, counter: int) -> str:
    """The tablet's name as the history records it: the paired device's, else (this machine's own browser)
    the counter's tablet."""
    device: Device | None = request.state.device
    return device.name if device is not None else t("web.rate.local_device", counter=counter)


async def rate_page(request: Request) -> Response:
    if _counter_id(request) is None:
        return refusal(t("web.rate.bad_counter", counter=request.path_params["counter"]), 404)
    counter = int(request.path_params["counter"])
    texts: dict[str, Any] = {
        key.rsplit(".", 1)[1]: t(key)
        for key in (
            "web.rate.idle",
            "web.rate.reason_placeholder",
            "web.rate.failed",
        )
    }
    texts["levels"] = [{"level": level, "text": t(f"satisfaction.{level}")} for level in rating.LEVELS]
    texts["counter"] = counter
    title = t("web.rate.title", counter=counter)
    body = (
        f'<header class="bar"><div class="title">{html.escape(title)}</div></header>'
        '<main class="rate"><section id="idle"></section><section id="ask" hidden></section>'
        '<section id="thanks" hidden></section></main>'
    )
    return HTMLResponse(page(title, body, "rate.js", texts, "rate.css"))


async def rate_pending(request: Request) -> Response:
    counter_id = _counter_id(request)
    if counter_id is None:
        return JSONResponse({"error": t("web.rate.bad_counter", counter=request.path_params["counter"])}, 404)
    web = request.app.state.web
    asked = await run_in_threadpool(lambda: rating.pending(web.store, counter_id, now=web.clock()))
    if asked is None:
        return JSONResponse({})
    return JSONResponse(
        {
            "request": asked.request_id,
            "procedure": asked.procedure_name,
            "question": t("web.rate.question", procedure=asked.procedure_name),
        }
    )


async def rate_answer(request: Request) -> Response:
    counter_id = _counter_id(request)
    if counter_id is None:
        return JSONResponse({"error": t("web.rate.bad_counter", counter=request.path_params["counter"])}, 404)
    body = await json_body(request)
    if body is None:
        return JSONResponse({"error": t("web.rate.not_json")}, 400)
    request_id, level, reason = body.get("request"), body.get("level"), body.get("reason", "")
    if not isinstance(request_id, str) or not isinstance(reason, str):
        return JSONResponse({"error": t("citizen_rating.not_open")}, 400)
    if not isinstance(level, int) or isinstance(level, bool):
        return JSONResponse({"error": t("citizen_rating.bad_level")}, 400)
    web = request.app.state.web
    device = _device(request, int(request.path_params["counter"]))
    try:
        await run_in_threadpool(
            lambda: rating.record(web.store, device, counter_id, request_id, level, reason, now=web.clock())
        )
    except ServiceError as exc:
        return JSONResponse({"error": str(exc)}, 400)
    return JSONResponse({"thanks": t("web.rate.thanks")})
