"""``counter-app serve``: the web pages of the citizens' devices (the board, the kiosk; the rating tablet later).

A Starlette application (:func:`counter_app.web.app.make_web_app`) run by uvicorn. Pages are plain HTML, CSS
and a little JavaScript from ``static/`` (no build step), with every text from the locale catalogue. They call
the services, like the TUI, on the same store; they hold no sessions and no rows.
"""
