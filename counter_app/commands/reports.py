"""Reports of the unit over a date range.

    counter-app report ledger --from DATE --to DATE --officer USERNAME [--format csv|pdf] [--unit CODE|*]
                              [--out FILE]
    counter-app report indicators --from DATE --to DATE [--format csv|pdf] [--unit CODE|*] [--out FILE]

The ledger (Mẫu 06 columns) goes to standard output as CSV, or to ``--out`` (UTF-8 with a byte-order mark);
as a PDF it goes to standard output when that is not a terminal, else it is archived under ``printed/`` and
its path printed. The indicators report is CSV with a byte-order mark (Excel then shows the diacritics), on
standard output or in ``--out``; as a PDF it is archived under ``printed/`` (and copied to ``--out``).
The ledger names the applicants (with their addresses and phones), so it needs a named officer and their
PIN; the indicators report only counts and needs none.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.commands.arguments import Subparsers, add_command, add_officer_option, add_period_options
from counter_app.commands.exits import ExitCode
from counter_app.commands.output import write_bytes
from counter_app.locale import t

if TYPE_CHECKING:
    from counter_app.commands.context import CommandContext
    from counter_app.services.context import Store

FORMATS = ("csv", "pdf")
FORM_INDICATORS = "bao-cao-chi-tieu"


def register(subparsers: Subparsers) -> None:
    report = add_command(subparsers, "report", "cli.report.help", run)
    report.add_argument("kind", choices=["ledger", "indicators"], help=t("cli.report.kind_help"))
    add_period_options(report, "cli.report.from_help", "cli.report.to_help")
    report.add_argument("--format", choices=FORMATS, default="csv", help=t("cli.report.format_help"))
    report.add_argument("--unit", default=None, metavar=t("cli.meta.unit"), help=t("cli.report.unit_help"))
    report.add_argument("--out", default=None, metavar=t("cli.meta.file"), help=t("cli.report.out_help"))
    add_officer_option(report)


def run(args: argparse.Namespace, context: CommandContext) -> int:
    store = context.store()
    out = Path(args.out) if args.out else None
    if args.kind == "indicators":
        return write_indicators(store, args.date_from, args.date_to, args.format, out, args.unit)
    context.actor(args.officer, pin=True)  # the ledger lists applicants' names, addresses, phones
    return write_ledger(store, args.date_from, args.date_to, args.format, out, args.unit)


def write_ledger(
    store: Store, date_from: date, date_to: date, form: str, out: Path | None, unit: str | None
) -> int:
    """The tracking ledger of ``unit`` (default: the store's; ``*``: every unit)."""
    from counter_app.services import reports

    if form == "csv":
        rows = reports.ledger_rows(store, date_from, date_to, unit_id=unit)
        if out is None:
            reports.write_ledger_csv(rows, sys.stdout)
        else:
            with out.open("w", encoding="utf-8-sig", newline="") as fh:
                reports.write_ledger_csv(rows, fh)
        return ExitCode.OK
    from counter_app.printing.output import FORM_LEDGER
    from counter_app.services.printing_service import ledger_pdf

    pdf = ledger_pdf(store, date_from, date_to, unit_id=unit)
    if out is None and not sys.stdout.isatty():
        write_bytes(pdf)
        return ExitCode.OK
    print(_archive(store, pdf, f"{date_from:%Y%m%d}-{date_to:%Y%m%d}", FORM_LEDGER, date_to, out))
    return ExitCode.OK


def write_indicators(
    store: Store,
    date_from: date,
    date_to: date,
    form: str = "csv",
    out: Path | None = None,
    unit: str | None = None,
    *,
    now: datetime | None = None,
) -> int:
    """The indicators report of ``unit`` (default: the store's; ``*``: every unit); ``now`` (default: the
    wall clock) is the moment the in-progress figures are taken at."""
    from counter_app.services.context import local_now
    from counter_app.services.indicators.periods import Period
    from counter_app.services.indicators.report import indicators_csv, report_pdf
    from counter_app.services.indicators.report import report as indicators_report

    now = now or local_now()
    report = indicators_report(store, now, Period.between(date_from, date_to), unit)
    if form == "csv":
        data = indicators_csv(report)
        if out is None:
            write_bytes(data)
            return ExitCode.OK
        out.write_bytes(data)
        print(t("cli.report.indicators_saved", path=out))
        return ExitCode.OK
    pdf = report_pdf(store, report, printed_at=now)
    code = f"{report.unit_id.replace('*', 'all')}-{date_from:%Y%m%d}-{date_to:%Y%m%d}"
    print(t("cli.report.indicators_saved", path=_archive(store, pdf, code, FORM_INDICATORS, date_to, out)))
    return ExitCode.OK


def _archive(store: Store, pdf: bytes, code: str, form: str, when: date, out: Path | None) -> Path:
    """Keep ``pdf`` under ``printed/`` like every printed form (and copy it to ``out``); where it is."""
    from counter_app.printing.output import save_pdf

    saved = save_pdf(pdf, printed_dir=store.settings.printed_dir, code=code, form=form, when=when, out=out)
    return saved.out or saved.path
