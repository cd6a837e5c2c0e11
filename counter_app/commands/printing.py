"""``counter-app verify PAYLOAD`` and ``counter-app keys export|import``.

``register(subparsers, settings_loader)`` adds the subcommands; each sets ``func`` to a callable
``(args) -> int`` (the exit status).  ``settings_loader()`` is called only when a command runs,
and only its ``keys_dir`` is used.  Failures print one Vietnamese line on stderr, never a
traceback: exit 2 for a payload that is not a genuine receipt or a key that cannot be imported,
1 when there is no key to export.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from counter_app.locale import t
from counter_app.locale.formats import long_time
from counter_app.printing.payload import VerificationError, verify_payload
from counter_app.printing.signing import KeyFileError, KeyRing, own_signers, public_key_text

EXIT_OK = 0
EXIT_NOTHING = 1
EXIT_INVALID = 2


def register(subparsers: Any, settings_loader: Callable[[], Any]) -> None:
    def keys_dir() -> Path:
        return Path(settings_loader().keys_dir)

    verify = subparsers.add_parser(
        "verify", help=t("printing.cli.verify.help"), description=t("printing.cli.verify.help")
    )
    verify.add_argument("payload", metavar="PAYLOAD", help=t("printing.cli.verify.payload_help"))
    verify.set_defaults(func=lambda args: run_verify(args.payload, keys_dir()))

    keys = subparsers.add_parser(
        "keys", help=t("printing.cli.keys.help"), description=t("printing.cli.keys.help")
    )
    actions = keys.add_subparsers(dest="keys_action", metavar="{export,import}", required=True)
    export = actions.add_parser(
        "export", help=t("printing.cli.keys.export.help"), description=t("printing.cli.keys.export.help")
    )
    export.add_argument("--out", metavar="DIR", type=Path, help=t("printing.cli.keys.export.out_help"))
    export.set_defaults(func=lambda args: run_keys_export(keys_dir(), args.out))
    import_ = actions.add_parser(
        "import", help=t("printing.cli.keys.import.help"), description=t("printing.cli.keys.import.help")
    )
    import_.add_argument("file", metavar="FILE", type=Path, help=t("printing.cli.keys.import.file_help"))
    import_.set_defaults(func=lambda args: run_keys_import(keys_dir(), args.file))


def _fail(message: str, status: int = EXIT_INVALID) -> int:
    print(" ".join(message.split()), file=sys.stderr)
    return status


def run_verify(payload: str, keys_dir: Path) -> int:
    if payload == "-":
        payload = sys.stdin.readline()
    try:
        receipt = verify_payload(payload, KeyRing(keys_dir))
    except VerificationError as exc:
        return _fail(t("printing.cli.verify.failed", reason=exc))
    key = (
        t("printing.cli.verify.key_counter", value=receipt.key_id, counter=receipt.counter_id)
        if receipt.counter_id
        else t("printing.cli.verify.key", value=receipt.key_id)
    )
    print(t("printing.cli.verify.ok"))
    for line in (
        t("printing.cli.verify.code", value=receipt.dossier_code),
        t("printing.cli.verify.unit", value=receipt.unit_code),
        t("printing.cli.verify.procedure", value=receipt.procedure_code),
        t("printing.cli.verify.received", value=long_time(receipt.received_at)),
        t("printing.cli.verify.due", value=long_time(receipt.due_at)),
        key,
    ):
        print(f"  {line}")
    return EXIT_OK


def run_keys_export(keys_dir: Path, out: Path | None) -> int:
    try:
        signers = own_signers(keys_dir)
    except (KeyFileError, OSError) as exc:
        return _fail(t("printing.cli.keys.failed", reason=exc))
    if not signers:
        return _fail(t("printing.cli.keys.none", path=keys_dir), EXIT_NOTHING)
    for signer in signers:
        if out is None:
            print(public_key_text(signer.public_key, signer.counter_id), end="")
            continue
        try:
            path = signer.export_public(out)
        except OSError as exc:
            return _fail(t("printing.cli.keys.failed", reason=exc.strerror or exc))
        print(t("printing.cli.keys.exported", key_id=signer.key_id, counter=signer.counter_id, path=path))
    return EXIT_OK


def run_keys_import(keys_dir: Path, file: Path) -> int:
    try:
        known = KeyRing(keys_dir).import_public_key(file)
    except KeyFileError as exc:
        return _fail(t("printing.cli.keys.failed", reason=exc))
    counter = t("printing.cli.keys.imported_counter", counter=known.counter_id) if known.counter_id else ""
    print(t("printing.cli.keys.imported", key_id=known.key_id, counter=counter))
    return EXIT_OK
