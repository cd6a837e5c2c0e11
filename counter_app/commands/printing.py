"""Printed forms and the receipts' signatures.

    counter-app print receipt|supplement|refusal|apology|stop|control CODE --officer USERNAME [--out FILE]
    counter-app print catalogue [--out FILE]   (the unit's procedures: public, no officer needed)
    counter-app verify PAYLOAD|-
    counter-app keys export [--out DIR]
    counter-app keys import FILE

Only the settings' ``keys_dir`` is needed to verify a receipt or move keys; ``verify`` opens the store only for a
key the files do not have, to look among the keys other counters published through the central store.
The printing modules are imported when a command runs, not when the parser is built. A printed form
shows the applicant's personal data: ``print`` needs a named officer and their PIN.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.commands.arguments import Subparsers, add_actions, add_command, add_officer_option
from counter_app.commands.exits import CommandError, ExitCode
from counter_app.locale import t

if TYPE_CHECKING:
    from counter_app.commands.context import CommandContext
    from counter_app.printing.signing import KeyRing

log = logging.getLogger(__name__)

#: the forms of a dossier ``print`` renders (``counter_app.services.printing_service.FORMS``)
FORMS = ("receipt", "supplement", "refusal", "apology", "stop", "control")


def register(subparsers: Subparsers) -> None:
    printer = add_command(subparsers, "print", "cli.print.help", print_form)
    printer.add_argument("form", choices=(*FORMS, "catalogue"), help=t("cli.print.form_help"))
    printer.add_argument("code", nargs="?", metavar=t("cli.meta.code"), help=t("queue_fixes.catalogue_help"))
    printer.add_argument("--out", default=None, metavar=t("cli.meta.file"), help=t("cli.print.out_help"))
    add_officer_option(printer)

    verify_ = add_command(subparsers, "verify", "cli.verify.help", verify)
    verify_.add_argument("payload", metavar=t("cli.meta.payload"), help=t("cli.verify.payload_help"))

    keys = add_command(subparsers, "keys", "cli.keys.help")
    actions = add_actions(keys, "keys_action")
    export = add_command(actions, "export", "cli.keys.export_help", export_keys)
    export.add_argument("--out", metavar=t("cli.meta.dir"), type=Path, help=t("cli.keys.export_out_help"))
    import_ = add_command(actions, "import", "cli.keys.import_help", import_key)
    import_.add_argument("file", metavar=t("cli.meta.file"), type=Path, help=t("cli.keys.import_file_help"))


def print_form(args: argparse.Namespace, context: CommandContext) -> int:
    """Render a form of a dossier, keep it under ``printed/`` (and in ``--out``), send it to the printer."""
    from counter_app.services.printing_service import print_form as render_and_print

    if args.form == "catalogue":
        return print_catalogue(args, context)
    if not args.code:
        raise CommandError(t("cli.print.code_needed"))
    context.actor(args.officer, pin=True)  # the form shows the applicant's personal data
    printed = render_and_print(
        context.store(), args.code, args.form, out=Path(args.out) if args.out else None
    )
    print(printed.path)
    if printed.sent_to:
        print(t("cli.print.sent", printer=printed.sent_to))
    return ExitCode.OK


def print_catalogue(args: argparse.Namespace, context: CommandContext) -> int:
    """The catalogue poster (public information: no officer, no PIN), kept under ``printed/`` and in ``--out``."""
    from counter_app.services.printing_service import print_catalogue as keep_catalogue

    printed = keep_catalogue(context.store(), out=Path(args.out) if args.out else None, send=False)
    print(printed.path)
    return ExitCode.OK


def verify(args: argparse.Namespace, context: CommandContext) -> int:
    """Check a receipt's signed QR payload (``-``: read one line from standard input, as a scanner types)."""
    from counter_app.locale.formats import long_time
    from counter_app.printing.payload import VerificationError, verify_payload
    from counter_app.printing.signing import KeyRing

    payload = sys.stdin.readline() if args.payload == "-" else args.payload
    ring = KeyRing(Path(context.settings().keys_dir))
    try:
        try:
            receipt = verify_payload(payload, ring)
        except VerificationError as exc:
            if exc.kind != "unknown_key" or not _trust_published(ring, context):
                raise
            receipt = verify_payload(payload, ring)
    except VerificationError as exc:
        raise CommandError(t("cli.verify.failed", reason=exc)) from exc
    key = (
        t("cli.verify.key_counter", value=receipt.key_id, counter=receipt.counter_id)
        if receipt.counter_id
        else t("cli.verify.key", value=receipt.key_id)
    )
    print(t("cli.verify.ok"))
    for line in (
        t("cli.verify.code", value=receipt.dossier_code),
        t("cli.verify.unit", value=receipt.unit_code),
        t("cli.verify.procedure", value=receipt.procedure_code),
        t("cli.verify.received", value=long_time(receipt.received_at)),
        t("cli.verify.due", value=long_time(receipt.due_at)),
        key,
    ):
        print(f"  {line}")
    return ExitCode.OK


def _trust_published(ring: KeyRing, context: CommandContext) -> bool:
    """Add the keys published through the central store (the store's ``counter_key`` table) to ``ring``;
    False when there is no store to look in (none created yet on this machine) or it cannot be read."""
    from sqlalchemy.engine import make_url

    from counter_app.db.engine import is_sqlite
    from counter_app.services.counter_keys import trust_published

    db_url = getattr(context.settings(), "db_url", None)
    if not db_url:
        return False
    if is_sqlite(db_url):
        database = make_url(db_url).database
        if not database or not Path(database).exists():  # verifying must not create a store
            return False
    try:
        return trust_published(context.store(), ring) > 0
    except Exception as exc:  # the receipt's key stays unknown; why the store could not tell is in the log
        log.warning("published keys not read: %s", exc)
        return False


def export_keys(args: argparse.Namespace, context: CommandContext) -> int:
    """Print this machine's counters' public keys, or write them as ``.pub`` files into ``--out``;
    exit 1 when there is no key yet."""
    from counter_app.printing.signing import KeyFileError, own_signers, public_key_text

    keys_dir = Path(context.settings().keys_dir)
    try:
        signers = own_signers(keys_dir)
    except (KeyFileError, OSError) as exc:
        raise CommandError(t("cli.keys.failed", reason=exc)) from exc
    if not signers:
        raise CommandError(t("cli.keys.none", path=keys_dir), ExitCode.PROBLEMS)
    for signer in signers:
        if args.out is None:
            print(public_key_text(signer.public_key, signer.counter_id), end="")
            continue
        try:
            path = signer.export_public(args.out)
        except OSError as exc:
            raise CommandError(t("cli.keys.failed", reason=exc.strerror or exc)) from exc
        print(t("cli.keys.exported", key_id=signer.key_id, counter=signer.counter_id, path=path))
    return ExitCode.OK


def import_key(args: argparse.Namespace, context: CommandContext) -> int:
    """Trust another counter's public key: receipts it signs verify from now on."""
    from counter_app.printing.signing import KeyFileError, KeyRing

    try:
        known = KeyRing(Path(context.settings().keys_dir)).import_public_key(args.file)
    except KeyFileError as exc:
        raise CommandError(t("cli.keys.failed", reason=exc)) from exc
    counter = t("cli.keys.imported_counter", counter=known.counter_id) if known.counter_id else ""
    print(t("cli.keys.imported", key_id=known.key_id, counter=counter))
    return ExitCode.OK
