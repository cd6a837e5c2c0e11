"""Administration commands: audit trail, backups, the personal-data access log, central security.

    counter-app audit verify [--code CODE ...]
    counter-app backup [--to DIR] [--keep-days N]
    counter-app restore FILE
    counter-app access log [--citizen CCCD] [--days N]
    counter-app access show CCCD --purpose TEXT [--officer USERNAME]
    counter-app central secure [--url ADMIN_URL]
    counter-app central counter-role UNIT NUMBER [--url ADMIN_URL]   (password on standard input)

Each command returns its exit status and reports any failure as one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from pathlib import Path
from typing import Any

from counter_app.locale import describe_error, t
from counter_app.locale import formats as fmt

log = logging.getLogger("counter_app")

EXIT_OK = 0
EXIT_PROBLEMS = 1  # the audit found tampering
EXIT_REFUSED = 2  # a check failed, bad input: the message says why
EXIT_STORAGE = 3  # the store or the central server cannot be used


def _fail(message: str, status: int) -> int:
    print(f"counter-app: {' '.join(str(message).split())}", file=sys.stderr)
    return status


def _safely(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Run a command; every failure becomes one line on stderr and a non-zero status."""

    @wraps(func)
    def run(args: argparse.Namespace) -> int:
        from sqlalchemy.exc import SQLAlchemyError

        from counter_app.config import ConfigError
        from counter_app.services.errors import ServiceError
        from counter_app.services.storage_errors import StorageError, translate

        try:
            return int(func(args) or 0)
        except KeyboardInterrupt:
            return 130
        except ConfigError as exc:
            return _fail(str(exc), EXIT_REFUSED)
        except Exception as exc:  # the command line shows one line, the log keeps the rest
            translated = translate(exc)
            if isinstance(translated, StorageError):
                return _fail(str(translated), EXIT_STORAGE)
            if isinstance(exc, ServiceError):
                return _fail(describe_error(exc), EXIT_REFUSED)
            if isinstance(exc, SQLAlchemyError):
                reason = getattr(exc, "orig", None) or exc
                return _fail(t("admin.cli.failed", message=reason), EXIT_STORAGE)
            if isinstance(exc, OSError):
                return _fail(
                    t("admin.cli.failed", message=f"{exc.strerror or exc}: {exc.filename or ''}"),
                    EXIT_STORAGE,
                )
            log.exception("unexpected error in an admin command")
            return _fail(t("admin.cli.unexpected", kind=type(exc).__name__, message=exc), 1)

    return run


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"cần một số nguyên, nhận được «{text}»") from None
    if not 0 <= value <= 36_500:
        raise argparse.ArgumentTypeError(f"cần một số trong khoảng 0-36500, nhận được {value}")
    return value


def _counter_number(text: str) -> int:
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 9:
        raise argparse.ArgumentTypeError(f"số quầy phải từ 1 đến 9, nhận được «{text}»")
    return int(text)


def register(
    subparsers: Any, store_loader: Callable[[], Any], settings_loader: Callable[[], Any] | None = None
) -> None:
    """Add the administration commands to the ``counter-app`` parser.

    ``store_loader()`` returns the open store; ``settings_loader()`` the settings alone (restore must
    not open — and migrate — the store it is about to replace). Without it, settings are loaded from
    the environment.
    """

    def with_store(command: Callable[..., int]) -> Callable[..., int]:
        """Run ``command(store, ...)`` on the loaded store, then close its connections (a headless command
        ends here; an open connection would keep a later ``restore`` in the same process waiting)."""

        def run(*args: Any) -> int:
            store = store_loader()
            try:
                return command(store, *args)
            finally:
                store.engine.dispose()

        return run

    def settings():
        if settings_loader is not None:
            return settings_loader()
        from counter_app.config import load_settings

        return load_settings()

    audit = subparsers.add_parser("audit", help=t("audit.cli.help"), description=t("audit.cli.help"))
    audit_sub = audit.add_subparsers(dest="audit_command", metavar="LỆNH", required=True)
    verify = audit_sub.add_parser(
        "verify", help=t("audit.cli.verify_help"), description=t("audit.cli.verify_help")
    )
    verify.add_argument(
        "--code", action="append", default=None, metavar="MÃ_HỒ_SƠ", help=t("audit.cli.code_help")
    )
    verify.set_defaults(func=_safely(lambda args: with_store(run_audit)(args.code)))

    backup = subparsers.add_parser("backup", help=t("backup.cli.help"), description=t("backup.cli.help"))
    backup.add_argument("--to", default=None, metavar="THƯ_MỤC", help=t("backup.cli.to_help"))
    backup.add_argument("--keep-days", type=_days, default=30, metavar="N", help=t("backup.cli.keep_help"))
    backup.set_defaults(func=_safely(lambda args: with_store(run_backup)(args.to, args.keep_days)))

    restore = subparsers.add_parser(
        "restore", help=t("backup.cli.restore_help"), description=t("backup.cli.restore_help")
    )
    restore.add_argument("file", nargs="?", default=None, metavar="TỆP", help=t("backup.cli.file_help"))
    restore.add_argument("--reseat", action="store_true", help=t("backup.cli.reseat_help"))
    restore.set_defaults(
        func=_safely(
            lambda args: (
                with_store(run_reseat)()
                if args.reseat and not args.file
                else run_restore(args.file, settings())
            )
        )
    )

    access = subparsers.add_parser("access", help=t("access.cli.help"), description=t("access.cli.help"))
    access_sub = access.add_subparsers(dest="access_command", metavar="LỆNH", required=True)
    views = access_sub.add_parser("log", help=t("access.cli.log_help"), description=t("access.cli.log_help"))
    views.add_argument("--citizen", default=None, metavar="CCCD", help=t("access.cli.citizen_help"))
    views.add_argument("--days", type=_days, default=30, metavar="N", help=t("access.cli.days_help"))
    views.set_defaults(func=_safely(lambda args: with_store(run_access_log)(args.citizen, args.days)))
    show = access_sub.add_parser(
        "show", help=t("access.cli.show_help"), description=t("access.cli.show_help")
    )
    show.add_argument("citizen", metavar="CCCD")
    show.add_argument("--purpose", required=True, metavar="MỤC_ĐÍCH", help=t("access.cli.purpose_help"))
    show.add_argument("--officer", default=None, metavar="TÊN_ĐĂNG_NHẬP", help=t("access.cli.officer_help"))
    show.set_defaults(
        func=_safely(lambda args: with_store(run_access_show)(args.citizen, args.purpose, args.officer))
    )

    central = subparsers.add_parser(
        "central", help=t("security.cli.help"), description=t("security.cli.help")
    )
    central_sub = central.add_subparsers(dest="central_command", metavar="LỆNH", required=True)
    secure = central_sub.add_parser(
        "secure", help=t("security.cli.install_help"), description=t("security.cli.install_help")
    )
    secure.add_argument("--url", default=None, help=t("security.cli.url_help"))
    secure.set_defaults(func=_safely(lambda args: run_secure(args.url, settings)))
    role = central_sub.add_parser(
        "counter-role", help=t("security.cli.role_help"), description=t("security.cli.role_help")
    )
    role.add_argument("unit", metavar="ĐƠN_VỊ")
    role.add_argument("number", type=_counter_number, metavar="SỐ_QUẦY")
    role.add_argument("--url", default=None, help=t("security.cli.url_help"))
    role.set_defaults(func=_safely(lambda args: run_counter_role(args.url, settings, args.unit, args.number)))


# --- audit -------------------------------------------------------------------------------------


def run_audit(store, codes: list[str] | None = None) -> int:
    from counter_app.services import audit

    report = audit.verify(store, codes=codes)
    if codes and report.dossiers < len({c.strip() for c in codes}):
        from sqlmodel import col, select

        from counter_app.db.models import Dossier
        from counter_app.services.errors import NotFound

        with store.session() as session:
            known = set(
                session.exec(select(Dossier.code).where(col(Dossier.code).in_([c.strip() for c in codes])))
            )
        missing = next(c.strip() for c in codes if c.strip() not in known)
        raise NotFound("lookup.dossier_not_found", code=missing[:80])
    if report.ok:
        print(report.summary())
        return EXIT_OK
    for line in report.lines():
        print(line)
    return EXIT_PROBLEMS


# --- backups -----------------------------------------------------------------------------------


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def run_backup(store, to_dir: str | None, keep_days: int) -> int:
    from counter_app.services import backup

    info = backup.create(store, Path(to_dir) if to_dir else None)
    print(t("backup.done", path=info.path, size=_size(info.size), dossiers=info.dossiers, events=info.events))
    removed = backup.prune(info.path.parent, keep_days)
    if removed:
        print(t("backup.pruned", count=len(removed), days=keep_days))
    return EXIT_OK


def run_reseat(store) -> int:
    from counter_app.services import backup

    print(t("backup.reseated", count=backup.reseat_sequences(store)))
    return EXIT_OK


def run_restore(file: str | None, settings) -> int:
    from counter_app.services import backup
    from counter_app.services.errors import ServiceError

    if not file:
        raise ServiceError("backup.file_required")

    info = backup.restore(Path(file), settings)
    print(t("backup.restored", path=info.source, dossiers=info.dossiers, events=info.events))
    if info.aside is not None:
        print(t("backup.kept_aside", path=info.aside))
    return EXIT_OK


# --- access log --------------------------------------------------------------------------------


def _actor(store, username: str | None, *, role: str = "officer"):
    from sqlmodel import select

    from counter_app.db.models import Officer
    from counter_app.services.context import Actor
    from counter_app.services.errors import ServiceError

    if username:
        with store.session() as session:
            officer = session.exec(select(Officer).where(Officer.username == username.strip())).first()
        if officer is None or officer.unit_id != store.unit_id:
            raise ServiceError(
                "access.cli.unknown_officer", username=username.strip()[:64], unit=store.unit_id
            )
        return Actor(officer.id, officer.full_name, officer.role, officer.unit_id, store.settings.counter_id)
    return Actor(
        None,
        t("access.cli.counter_actor", counter=store.settings.counter),
        role,
        store.unit_id,
        store.settings.counter_id,
    )


def run_access_log(store, citizen: str | None, days: int) -> int:
    from counter_app.services import access
    from counter_app.services.context import local_now

    actor = _actor(store, None, role="admin")  # whoever can run this already holds the store's file
    rows = access.views(store, actor, citizen_id=citizen, since=local_now() - timedelta(days=days))
    if not rows:
        print(t("access.cli.none"))
        return EXIT_OK
    for row in rows:
        dossier = f"\t{row.dossier_id}" if row.dossier_id else ""
        print(
            f"{fmt.stamp(row.at, seconds=True)}\t{row.officer_name}\t{row.unit_id}\t{row.citizen_id or ''}\t"
            f"{row.purpose}{dossier}"
        )
    return EXIT_OK


def run_access_show(store, citizen: str, purpose: str, officer: str | None) -> int:
    from counter_app.services import access

    record = access.citizen_record(store, _actor(store, officer), citizen, purpose)
    c = record.citizen
    print(
        t(
            "access.cli.citizen_line",
            name=c.full_name,
            cccd=c.cccd,
            birth=fmt.day(c.birth_date, "?"),
            gender=c.gender or "?",
        )
    )
    print(t("access.cli.address_line", address=c.address))
    print(t("access.cli.documents", count=len(record.documents)))
    for doc in record.documents:
        issued = f" ({fmt.day(doc.issued_on)})" if doc.issued_on else ""
        print(f"  - {doc.title} {doc.number}{issued}".rstrip())
    print(
        t(
            "access.cli.logged",
            officer=record.log.officer_name,
            at=fmt.stamp(record.log.at, seconds=True),
            purpose=record.log.purpose,
        )
    )
    return EXIT_OK


# --- central security --------------------------------------------------------------------------


def _admin_engine(url: str | None, settings: Callable[[], Any]):
    from counter_app.db.engine import make_engine
    from counter_app.services.errors import ServiceError

    url = url or settings().central_url
    if not url:
        raise ServiceError("security.cli.no_url")
    return make_engine(url)


def run_secure(url: str | None, settings: Callable[[], Any]) -> int:
    from counter_app.sync import security

    engine = _admin_engine(url, settings)
    try:
        security.install(engine)
    finally:
        engine.dispose()
    print(t("security.installed"))
    return EXIT_OK


def run_counter_role(url: str | None, settings: Callable[[], Any], unit: str, number: int) -> int:
    from counter_app.sync import security

    if sys.stdin.isatty():
        import getpass

        password = getpass.getpass(t("security.cli.password_prompt"))
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    engine = _admin_engine(url, settings)
    try:
        role = security.create_counter_role(engine, unit, number, password)
    finally:
        engine.dispose()
    print(t("security.role_ready", role=role, number=number, unit=unit.strip()))
    return EXIT_OK
