"""``counter-app serve``: the web pages of the citizens' devices (the board, the kiosk), and their pairing.

``counter-app serve [--host 127.0.0.1] [--port 8765] [--require-token]`` runs the server until Ctrl+C or
SIGTERM; ``serve pair --device NAME --kind board|kiosk|rating`` prints a device's token once;
``serve unpair --device NAME``; ``serve devices`` lists them (see docs/deploy.md).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from counter_app.commands.arguments import add_actions, add_command, whole_number
from counter_app.commands.exits import CommandError, ExitCode
from counter_app.locale import t

if TYPE_CHECKING:
    from counter_app.commands.arguments import Subparsers
    from counter_app.commands.context import CommandContext

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
#: seconds uvicorn waits for open connections (the boards' event streams end by themselves) when stopping
GRACEFUL_S = 2


def register(subparsers: Subparsers) -> None:
    parser = add_command(subparsers, "serve", "web.cli.serve_help", serve)
    parser.add_argument("--host", default=DEFAULT_HOST, help=t("web.cli.host_help"))
    parser.add_argument("--port", type=whole_number(65535), default=DEFAULT_PORT, help=t("web.cli.port_help"))
    parser.add_argument("--require-token", action="store_true", help=t("web.cli.require_token_help"))
    actions = add_actions(parser, "serve_action")
    actions.required = False
    pair = add_command(actions, "pair", "web.cli.pair_help", pair_device)
    pair.add_argument("--device", required=True, help=t("web.cli.device_help"))
    pair.add_argument("--kind", required=True, help=t("web.cli.kind_help"))
    unpair = add_command(actions, "unpair", "web.cli.unpair_help", unpair_device)
    unpair.add_argument("--device", required=True, help=t("web.cli.device_help"))
    add_command(actions, "devices", "web.cli.devices_help", list_devices)


def pair_device(args: argparse.Namespace, context: CommandContext) -> int:
    from counter_app.services import web_devices
    from counter_app.services.context import local_now

    token = web_devices.pair(context.settings(), args.device, args.kind, now=local_now())
    print(t("web.cli.paired", name=args.device, kind=args.kind, token=token))
    # a rating tablet stands at one counter: its link names it (/pair?token=…&counter=N → /rate/N)
    print(t("web.cli.pair_url_rating" if args.kind == "rating" else "web.cli.pair_url", token=token))
    return ExitCode.OK


def unpair_device(args: argparse.Namespace, context: CommandContext) -> int:
    from counter_app.services import web_devices

    web_devices.unpair(context.settings(), args.device)
    print(t("web.cli.unpaired", name=args.device))
    return ExitCode.OK


def list_devices(args: argparse.Namespace, context: CommandContext) -> int:
    from counter_app.services import web_devices

    rows = web_devices.devices(context.settings())
    if not rows:
        print(t("web.cli.no_devices"))
    for device in rows:
        print(f"{device.name}\t{device.kind}\t{device.paired_at}")
    return ExitCode.OK


def serve(args: argparse.Namespace, context: CommandContext) -> int:
    """Listen on ``--host``:``--port`` until stopped. Off loopback, or with ``--require-token``, every device
    must be paired; off loopback with none paired, the server does not start (it would serve nobody)."""
    import socket

    import uvicorn

    from counter_app.services import web_devices
    from counter_app.web.app import is_loopback, make_web_app

    host: str = args.host.strip()
    require_token = bool(args.require_token) or not is_loopback(host)
    if not is_loopback(host) and not web_devices.devices(context.settings()):
        raise CommandError(t("web.cli.needs_pairing", host=host))
    store = context.store()
    app, hub = make_web_app(store, require_token=require_token)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, args.port))
    except OSError as exc:
        sock.close()
        raise CommandError(
            t("web.cli.cannot_listen", host=host, port=args.port, error=exc.strerror or exc),
            ExitCode.UNAVAILABLE,
        ) from None

    class Server(uvicorn.Server):
        def handle_exit(self, sig: int, frame: object) -> None:
            hub.closing = True  # the boards' event streams end now, instead of holding the server up
            super().handle_exit(sig, frame)  # type: ignore[arg-type]

    config = uvicorn.Config(
        app,
        log_config=None,
        access_log=False,
        timeout_graceful_shutdown=GRACEFUL_S,
        lifespan="on",
    )
    print(t("web.cli.listening", host=host, port=sock.getsockname()[1]), flush=True)
    from counter_app.services.announce import speech_problem

    warning = speech_problem(store.settings.speech)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    Server(config).run(sockets=[sock])
    return ExitCode.OK
