"""The procedure catalogue: importing the province's, the procedures a unit receives, one procedure's
deadline, fee and components, and the list.

    counter-app catalogue import FILE [--dry-run] [--partial] [--json] [--central [--url URL]]
    counter-app catalogue enable CODE... [--unit UNIT] [--central [--url URL]]
    counter-app catalogue disable CODE... [--unit UNIT] [--central [--url URL]]
    counter-app catalogue list [--field X] [--unit UNIT] [--all] [--json] [--central [--url URL]]
    counter-app catalogue edit CODE [--days N | --same-day] [--fee N] [--fee-note TEXT] [--documents TEXT]
                                    [--central [--url URL]]

They act on the store the settings point at, or with ``--central`` on the central PostgreSQL
(``COUNTER_APP_CENTRAL_URL`` / ``[store] central_url``, or ``--url``), connected as the province's
administrator: the counters pull the catalogue from there. ``import`` exits 0 when the file was used
(whatever the report lists), 2 when it cannot be (nothing is written).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.commands.arguments import (
    MAX_COUNT,
    Subparsers,
    add_actions,
    add_command,
    add_json_option,
    whole_number,
)
from counter_app.commands.exits import CommandError, ExitCode
from counter_app.commands.output import json_line, tsv_row
from counter_app.locale import formats as fmt
from counter_app.locale import t

if TYPE_CHECKING:
    from counter_app.commands.context import CommandContext
    from counter_app.services.catalogue_admin import CatalogueEntry
    from counter_app.services.catalogue_import import ImportReport, RowNote
    from counter_app.services.context import Actor, Store

#: codes shown on one line of the report before «…»
SHOWN_CODES = 40
days = whole_number(365)
amount = whole_number(MAX_COUNT * 2000)


def register(subparsers: Subparsers) -> None:
    catalogue = add_command(subparsers, "catalogue", "catalogue.cli.help")
    actions = add_actions(catalogue, "catalogue_command")

    imp = add_command(actions, "import", "catalogue.cli.import_help", import_file)
    imp.add_argument("file", metavar=t("cli.meta.file"), help=t("catalogue.cli.file_help"))
    imp.add_argument("--dry-run", action="store_true", help=t("catalogue.cli.dry_run_help"))
    imp.add_argument("--partial", action="store_true", help=t("catalogue.cli.partial_help"))
    add_json_option(imp)
    _add_central(imp)

    for name, help_key, handler in (
        ("enable", "catalogue.cli.enable_help", enable),
        ("disable", "catalogue.cli.disable_help", disable),
    ):
        action = add_command(actions, name, help_key, handler)
        action.add_argument(
            "codes", nargs="+", metavar=t("catalogue.meta.code"), help=t("catalogue.cli.codes_help")
        )
        action.add_argument(
            "--unit", default=None, metavar=t("cli.meta.unit"), help=t("catalogue.cli.unit_help")
        )
        _add_central(action)

    listing = add_command(actions, "list", "catalogue.cli.list_help", list_entries)
    listing.add_argument(
        "--field", default=None, metavar=t("catalogue.meta.field"), help=t("catalogue.cli.field_help")
    )
    listing.add_argument(
        "--unit", default=None, metavar=t("cli.meta.unit"), help=t("catalogue.cli.list_unit_help")
    )
    listing.add_argument("--all", action="store_true", help=t("catalogue.cli.all_help"))
    add_json_option(listing)
    _add_central(listing)

    edit_ = add_command(actions, "edit", "catalogue.cli.edit_help", edit)
    edit_.add_argument("code", metavar=t("catalogue.meta.code"))
    deadline = edit_.add_mutually_exclusive_group()
    deadline.add_argument("--days", type=days, default=None, metavar="N", help=t("catalogue.cli.days_help"))
    deadline.add_argument("--same-day", action="store_true", help=t("catalogue.cli.same_day_help"))
    edit_.add_argument(
        "--fee",
        type=amount,
        default=None,
        metavar=t("catalogue.meta.amount"),
        help=t("catalogue.cli.fee_help"),
    )
    edit_.add_argument(
        "--fee-note", default=None, metavar=t("cli.meta.text"), help=t("catalogue.cli.fee_note_help")
    )
    edit_.add_argument(
        "--documents", default=None, metavar=t("cli.meta.text"), help=t("catalogue.cli.documents_help")
    )
    _add_central(edit_)


def _add_central(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--central", action="store_true", help=t("catalogue.cli.central_help"))
    parser.add_argument("--url", default=None, metavar="URL", help=t("catalogue.cli.url_help"))


@contextmanager
def _store(args: argparse.Namespace, context: CommandContext) -> Iterator[tuple[Store, Actor]]:
    """The store to act on — the counter's, or the central one with ``--central`` — and the administrator
    acting (whoever runs the command holds the store's file or the central server's credentials)."""
    from counter_app.services.context import Actor

    if args.url and not args.central:
        raise CommandError(t("catalogue.url_without_central"))
    if not args.central:
        store = context.store()
        yield store, context.actor(None, role="admin")
        return
    store = context.central_store(args.url, upgrade=True)  # migrated if behind, as before
    yield store, Actor(None, t("catalogue.central_actor"), "admin", store.unit_id, None)


def _refused_by_central(exc: BaseException) -> bool:
    """The central server refused the write: the URL names a counter's role, not the administrator."""
    orig = getattr(exc, "orig", None)
    return type(orig).__name__ == "InsufficientPrivilege"


@contextmanager
def _as_administrator(args: argparse.Namespace) -> Iterator[None]:
    try:
        yield
    except Exception as exc:
        if args.central and _refused_by_central(exc):
            raise CommandError(t("catalogue.not_administrator")) from exc
        raise


# --- import --------------------------------------------------------------------------------------------


def import_file(args: argparse.Namespace, context: CommandContext) -> int:
    """Import the catalogue file and print the report."""
    from counter_app.services import catalogue_import

    with _as_administrator(args), _store(args, context) as (store, actor):
        report = catalogue_import.import_catalogue(
            store, actor, Path(args.file), retire_absent=not args.partial, dry_run=args.dry_run
        )
    if args.json:
        json_line(report_record(report))
    else:
        show_report(report)
    return ExitCode.OK


def _codes(codes: tuple[str, ...]) -> str:
    shown = ", ".join(codes[:SHOWN_CODES])
    return shown + (", …" if len(codes) > SHOWN_CODES else "")


def _note_line(note: RowNote, kind: str) -> str:
    reason = t(f"catalogue.reason.{kind}.{note.reason}")
    return t("catalogue.report.row", row=note.row, code=note.code or "—", text=note.text, reason=reason)


def show_report(report: ImportReport) -> None:
    """The report for people: the counts, then what needs the administrator's attention."""
    kind = t("catalogue.report.kind_xlsx") if report.kind == "xlsx" else t("catalogue.report.kind_csv")
    if report.dry_run:
        print(t("catalogue.report.dry_run"))
    print(
        t("catalogue.report.title", path=report.path, kind=kind, sheet=report.sheet, count=report.procedures)
    )
    print(
        t(
            "catalogue.report.counts",
            added=len(report.added),
            updated=len(report.updated),
            unchanged=len(report.unchanged),
            retired=len(report.retired),
        )
    )
    for key, codes in (
        ("catalogue.report.added", report.added),
        ("catalogue.report.updated", report.updated),
        ("catalogue.report.retired", report.retired),
        ("catalogue.report.held", report.held),
    ):
        if codes:
            print(t(key, count=len(codes), codes=_codes(codes)))
    for key, notes, kind_ in (
        ("catalogue.report.deadlines", report.unreadable_deadlines, "deadline"),
        ("catalogue.report.fees", report.unreadable_fees, "fee"),
        ("catalogue.report.skipped", report.skipped_rows, "row"),
    ):
        if notes:
            print(t(key, count=len(notes)))
            for note in notes:
                print("  " + _note_line(note, kind_))
    if report.unmapped_columns:
        print(t("catalogue.report.unmapped", columns=", ".join(f"«{c}»" for c in report.unmapped_columns)))
    if report.cleaned_cells:
        cells = ", ".join(
            t("catalogue.report.cell", row=row, column=column) for row, column in report.cleaned_cells[:20]
        )
        print(t("catalogue.report.cleaned", count=len(report.cleaned_cells), cells=cells))


def report_record(report: ImportReport) -> dict[str, object]:
    """The report as one JSON object (``--json``)."""

    def notes(items: tuple[RowNote, ...]) -> list[dict[str, object]]:
        return [{"row": n.row, "code": n.code or None, "text": n.text, "reason": n.reason} for n in items]

    return {
        "file": report.path,
        "kind": report.kind,
        "sheet": report.sheet,
        "dry_run": report.dry_run,
        "at": report.at,
        "procedures": report.procedures,
        "added": list(report.added),
        "updated": list(report.updated),
        "unchanged": list(report.unchanged),
        "retired": list(report.retired),
        "held": list(report.held),
        "unreadable_deadlines": notes(report.unreadable_deadlines),
        "unreadable_fees": notes(report.unreadable_fees),
        "skipped_rows": notes(report.skipped_rows),
        "columns": {target: header for target, header in report.mapped_columns},
        "unmapped_columns": list(report.unmapped_columns),
        "cleaned_cells": [{"row": row, "column": column} for row, column in report.cleaned_cells],
    }


# --- enable / disable ----------------------------------------------------------------------------------


def _unit(args: argparse.Namespace, store: Store) -> str:
    return str(args.unit).strip() if args.unit else store.unit_id


def enable(args: argparse.Namespace, context: CommandContext) -> int:
    """Enable the procedures for the unit (this counter's unless ``--unit``)."""
    return _set_enabled(args, context, True)


def disable(args: argparse.Namespace, context: CommandContext) -> int:
    """Disable the procedures for the unit."""
    return _set_enabled(args, context, False)


def _set_enabled(args: argparse.Namespace, context: CommandContext, enabled: bool) -> int:
    from counter_app.services import catalogue_admin

    with _as_administrator(args), _store(args, context) as (store, actor):
        unit = _unit(args, store)
        result = catalogue_admin.set_enabled(store, actor, unit, args.codes, enabled)
    key = "catalogue.enabled" if enabled else "catalogue.disabled"
    print(t(key, unit=unit, changed=len(result.changed), count=result.enabled_count))
    if not result.enabled_count:
        print(t("catalogue.unit_offers_all", unit=unit))
    return ExitCode.OK


# --- list ----------------------------------------------------------------------------------------------


def list_entries(args: argparse.Namespace, context: CommandContext) -> int:
    """One line per procedure: code, name, field, deadline, fee, status (or JSON Lines)."""
    from counter_app.services import catalogue_admin

    with _store(args, context) as (store, _):
        unit = str(args.unit).strip() if args.unit else None
        found = catalogue_admin.entries(store, field=args.field, unit_id=unit, include_retired=args.all)
    if args.json:
        for item in found:
            json_line(entry_record(item))
        return ExitCode.OK
    if not found:
        print(t("catalogue.list.none"))
    for item in found:
        print(
            tsv_row(
                *(
                    item.code,
                    item.name,
                    item.field_name,
                    fmt.processing_time(item.working_days)
                    if item.status != catalogue_admin.HELD
                    else t("catalogue.list.no_deadline"),
                    fmt.fee(item.fee),
                    t(f"catalogue.status.{item.status}"),
                )
            )
        )
    return ExitCode.OK


def entry_record(item: CatalogueEntry) -> dict[str, object]:
    """One procedure as a JSON object."""
    return {
        "code": item.code,
        "name": item.name,
        "field_code": item.field_code,
        "field_name": item.field_name,
        "working_days": item.working_days if item.status != "held" else None,
        "fee": item.fee,
        "fee_note": item.fee_note,
        "level": item.level,
        "status": item.status,
        "enabled": item.enabled,
        "updated_at": item.updated_at,
        "retired_at": item.retired_at,
        "documents": [
            {"name": d.name, "copy_kind": d.copy_kind, "quantity": d.quantity} for d in item.documents
        ],
    }


# --- edit ----------------------------------------------------------------------------------------------


def edit(args: argparse.Namespace, context: CommandContext) -> int:
    """Set one procedure's deadline, fee, fee note or components (parsed like a catalogue cell)."""
    from counter_app.domain.documents_text import split_documents
    from counter_app.services import catalogue_admin

    working_days = 0 if args.same_day else args.days
    documents = split_documents(args.documents) if args.documents is not None else None
    if documents is not None and not documents:
        raise CommandError(t("catalogue.edit.no_documents"))
    if working_days is None and args.fee is None and args.fee_note is None and documents is None:
        raise CommandError(t("catalogue.edit.nothing"))
    with _as_administrator(args), _store(args, context) as (store, actor):
        item = catalogue_admin.edit_procedure(
            store,
            actor,
            args.code,
            working_days=working_days,
            fee=args.fee,
            fee_note=args.fee_note,
            documents=documents,
        )
    print(
        t(
            "catalogue.edited",
            code=item.code,
            time=fmt.processing_time(item.working_days),
            fee=fmt.fee(item.fee),
            documents=len(item.documents),
            status=t(f"catalogue.status.{item.status}"),
        )
    )
    return ExitCode.OK
