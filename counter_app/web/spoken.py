"""The call, aloud, on the board page: ``/board/audio/<number>/<counter>.wav`` is the chime and the spoken
phrase (:mod:`counter_app.services.announce`, made once per phrase and kept), which the page plays for each new
call and each recall, one after another. Nothing in it comes from the store: a ticket number and a counter."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response

from counter_app.domain.call_phrase import UnspeakableTicket, spoken_ticket
from counter_app.locale import t
from counter_app.services import announce
from counter_app.services.context import Store
from counter_app.services.setup import MAX_COUNTERS

#: a ticket number is a few letters and digits (``domain.codes.ticket_number``); anything longer is not one
NUMBER_MAX = 12


def audio_url(number: str, counter: int | None) -> str | None:
    """Where the board page fetches the sound of the call of ``number`` to ``counter`` (None: no counter)."""
    return f"/board/audio/{number}/{counter}.wav" if counter else None


async def call_audio(request: Request) -> Response:
    store: Store = request.app.state.web.store
    number = str(request.path_params["number"]).upper()
    counter = int(request.path_params["counter"])
    try:
        if len(number) > NUMBER_MAX or not 1 <= counter <= MAX_COUNTERS:
            raise UnspeakableTicket(number)
        spoken_ticket(number)
    except UnspeakableTicket:
        return PlainTextResponse(t("web.audio.bad_call", number=number[:NUMBER_MAX], counter=counter), 404)
    settings = store.settings
    audio = await run_in_threadpool(
        announce.call_audio, settings.data_dir / "speech", number, counter, settings.speech
    )
    return FileResponse(audio.path, media_type="audio/wav", headers={"Cache-Control": "max-age=86400"})
