"""``counter-app report indicators --from DATE --to DATE [--format csv|pdf] [--unit U] [--out FILE]``.

:func:`run_indicators` does the work; :func:`register_indicators` hands the ``indicators`` kind of the
``report`` subcommand to whatever dispatches the kinds (see its docstring).  CSV goes to standard
output (UTF-8 with a byte-order mark, so that Excel shows the diacritics) or to ``--out``; the PDF is
archived under the store's ``printed/`` directory (like every printed form) and copied to ``--out``
when given; its path is printed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, MutableMapping
from datetime import date
from pathlib import Path
from typing import Any

from counter_app.locale import t
from counter_app.services.context import Store, local_now

EXIT_OK = 0
EXIT_FAILED = 2
FORM_INDICATORS = "bao-cao-chi-tieu"


def _fail(message: str) -> int:
    print(f"counter-app: {' '.join(message.split())}", file=sys.stderr)
    return EXIT_FAILED


def run_indicators(
    store: Store,
    date_from: date,
    date_to: date,
    fmt: str = "csv",
    out: str | Path | None = None,
    unit: str | None = None,
    *,
    now=None,
) -> int:
    """Write the indicators report of ``unit`` (default: the store's; ``*``: every unit) for
    ``date_from``..``date_to``; returns the exit status.  ``now`` (default: the wall clock) is the moment
    the in-progress figures are taken at."""
    from counter_app.services.indicators.periods import Period
    from counter_app.services.indicators.report import indicators_csv, report_pdf
    from counter_app.services.indicators.report import report as indicators_report

    if fmt not in ("csv", "pdf"):
        return _fail(t("indicators.cli.bad_format", fmt=fmt))
    now = now or local_now()
    period = Period.between(date_from, date_to)
    report = indicators_report(store, now, period, unit)
    target = Path(out) if out else None
    if fmt == "csv":
        data = indicators_csv(report)
        if target is None:
            sys.stdout.flush()
            raw = getattr(sys.stdout, "buffer", None)
            if raw is None:  # a text-only stream: the BOM goes through as U+FEFF
                sys.stdout.write(data.decode("utf-8"))
            else:
                raw.write(data)
                raw.flush()
            return EXIT_OK
        try:
            target.write_bytes(data)
        except OSError as exc:
            return _fail(t("indicators.cli.write_failed", path=target, reason=exc.strerror or exc))
        print(t("indicators.cli.saved", path=target))
        return EXIT_OK
    from counter_app.printing.output import PrintError, save_pdf

    pdf = report_pdf(store, report, printed_at=now)
    try:
        saved = save_pdf(
            pdf,
            printed_dir=store.settings.printed_dir,
            code=f"{report.unit_id.replace('*', 'all')}-{date_from:%Y%m%d}-{date_to:%Y%m%d}",
            form=FORM_INDICATORS,
            when=date_to,
            out=target,
        )
    except PrintError as exc:
        return _fail(str(exc))
    print(t("indicators.cli.saved", path=saved.out or saved.path))
    return EXIT_OK


def indicators_handler(args: Any, store: Store) -> int:
    """The ``report indicators`` kind from parsed arguments (``date_from``, ``date_to``, ``format``,
    ``out``, ``unit``, as ``counter_app.cli`` names them)."""
    return run_indicators(
        store,
        args.date_from,
        args.date_to,
        getattr(args, "format", "csv"),
        getattr(args, "out", None),
        getattr(args, "unit", None),
    )


def register_indicators(
    report_kind_handlers: MutableMapping[str, Callable[[Any, Store], int]]
    | Callable[[str, Callable[[Any, Store], int]], object],
) -> None:
    """Register the ``indicators`` kind of ``counter-app report``: ``report_kind_handlers`` is either a
    mapping ``kind -> handler(args, store) -> int`` that ``cmd_report`` dispatches on, or a function
    ``add(kind, handler)`` that records it."""
    if isinstance(report_kind_handlers, MutableMapping):
        report_kind_handlers["indicators"] = indicators_handler
    else:
        report_kind_handlers("indicators", indicators_handler)
