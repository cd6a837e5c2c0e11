"""What every page of ``counter-app serve`` is made of and how a request's body is read: the HTML page (the
catalogue's texts for its script as JSON), the refusal page, and the JSON body of a POST."""

from __future__ import annotations

import html
import json
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from counter_app.locale import t

#: a refused device gets no stylesheet either (it gets nothing), so its page carries its own few rules
REFUSAL_STYLE = (
    "<style>body{margin:0;background:#0b1a2e;color:#f4f6fa;font-family:'DejaVu Sans',sans-serif}"
    ".refusal{font-size:5vh;margin:20vh 8vw;line-height:1.4}</style>"
)


def refusal(text: str, status: int) -> Response:
    body = f'{REFUSAL_STYLE}<p class="refusal">{html.escape(text)}</p>'
    return HTMLResponse(page(t("web.index_title"), body, ""), status)


def page(title: str, body: str, script: str, texts: dict[str, Any] | None = None, css: str = "") -> str:
    data = json.dumps(texts or {}, ensure_ascii=False).replace("</", "<\\/")
    sheet = f'<link rel="stylesheet" href="/static/{css}">' if css else ""
    code = f'<script src="/static/{script}"></script>' if script else ""
    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{html.escape(title)}</title><link rel="stylesheet" href="/static/common.css">{sheet}</head>'
        f'<body>{body}<script type="application/json" id="texts">{data}</script>{code}</body></html>'
    )


async def json_body(request: Request) -> dict[str, Any] | None:
    """The request's JSON object ({} when unreadable or not an object); None when it was not sent as JSON —
    a form posted from another site (the device's cookie rides along) is refused that way."""
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        return None
    try:
        body = await request.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
