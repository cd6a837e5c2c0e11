"""Backups of a counter's SQLite store, taken while the counter works, and their checked restore.

:func:`backup` copies the store with SQLite's online backup API (``sqlite3.Connection.backup``) in
one step: the copy is the state of one read transaction, so a dossier being received at that moment
is either wholly in it or not at all, and the counter keeps writing meanwhile (WAL). The copy is
turned into a self-contained single file (``journal_mode=DELETE``), checked (``PRAGMA
integrity_check`` and the audit of every dossier's hash chain), flushed to disk, and only then given
its final name ``counter-<unit>-<counter>-<YYYYmmdd-HHMMSS>.sqlite3``; a failed check removes it. The
digitised files (``services.file_store``) the backup directory lacks are then copied, checked, into its
``files/``: content-addressed, they are shared by every backup there and never copied twice.

:func:`restore` checks a backup file before touching anything (SQLite header, ``integrity_check``,
schema revision known to this version, audit), makes sure no one uses the store (leaving WAL mode
needs exclusive access), keeps the current file aside as ``<name>.before-restore-<time>.sqlite3``,
then swaps the checked copy in with one atomic rename.

The PostgreSQL central store is backed up with PostgreSQL's own tools (``pg_dump``/``pg_basebackup``);
see docs/backup.md.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine, make_url

from counter_app.config import Settings
from counter_app.domain.vntext import one_line
from counter_app.services import audit
from counter_app.services.context import local_now
from counter_app.services.errors import ServiceError
from counter_app.services.file_store import FileStore

SQLITE_HEADER = b"SQLite format 3\x00"
BACKUP_GLOB = "counter-*.sqlite3"
DEFAULT_KEEP_DAYS = 30


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size: int
    dossiers: int
    events: int
    #: digitised files copied into the backup directory's ``files/`` now (the others were there already)
    files_copied: int = 0


@dataclass(frozen=True)
class RestoreInfo:
    source: Path
    target: Path
    aside: Path | None  # the store as it was before the restore (None: there was none)
    dossiers: int
    events: int
    #: digitised files brought back from the backup directory's ``files/`` (those the counter lacked)
    files_restored: int = 0


def sqlite_path(settings: Settings) -> Path:
    """The SQLite file of the store ``settings`` point at; ServiceError for a PostgreSQL store."""
    url = make_url(settings.db_url)
    if not url.drivername.startswith("sqlite") or not url.database or url.database == ":memory:":
        raise ServiceError("backup.sqlite_only", url=url.render_as_string(hide_password=True))
    return Path(url.database).expanduser().resolve()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _read_only_engine(path: Path) -> Engine:
    """An engine that reads ``path`` as it is (no WAL switch, no pragmas, no writes)."""
    uri = f"file:{path}?mode=ro"
    return create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False))


def integrity_problem(connection: sqlite3.Connection) -> str | None:
    """None when ``PRAGMA integrity_check`` says ok, else its first lines."""
    rows = [r[0] for r in connection.execute("PRAGMA integrity_check").fetchmany(5)]
    return None if rows == ["ok"] else "; ".join(str(r) for r in rows)[:300]


def _audit(path: Path) -> audit.AuditReport:
    engine = _read_only_engine(path)
    try:
        return audit.verify(engine)
    finally:
        engine.dispose()


def _free_name(directory: Path, stem: str) -> Path:
    candidate = directory / f"{stem}.sqlite3"
    n = 2
    while candidate.exists():
        candidate = directory / f"{stem}-{n}.sqlite3"
        n += 1
    return candidate


def create(store: Any, to_dir: Path | str | None = None, *, now: datetime | None = None) -> BackupInfo:
    """Back up the store now (safe while counters write); returns where the checked copy is."""
    settings: Settings = store.settings
    source = sqlite_path(settings)
    if not source.is_file():
        raise ServiceError("backup.no_store", path=source)
    directory = Path(to_dir).expanduser() if to_dir else settings.backups_dir
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ServiceError("backup.dir_unwritable", path=str(directory), reason=exc.strerror or exc) from None
    now = now or local_now()
    final = _free_name(directory, f"counter-{settings.unit_code}-{settings.counter}-{now:%Y%m%d-%H%M%S}")
    partial = final.with_name(final.name + ".partial")
    try:
        with closing(sqlite3.connect(source, timeout=30)) as src, closing(sqlite3.connect(partial)) as dst:
            src.execute("PRAGMA busy_timeout=30000")
            src.backup(dst)  # pages=-1: one step, one read transaction, a consistent state
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            problem = integrity_problem(dst)
        if problem is not None:
            raise ServiceError("backup.copy_failed", reason=problem)
        report = _audit(partial)
        if not report.ok:
            raise ServiceError("backup.copy_failed", reason=report.problems[0].message)
        _fsync(partial)
        os.replace(partial, final)
        _fsync(directory)
    except OSError as exc:
        raise ServiceError("backup.dir_unwritable", path=str(directory), reason=exc.strerror or exc) from None
    except sqlite3.Error as exc:  # the copy could not be written whole (full disk, I/O error)
        from counter_app.services.storage_errors import storage_key

        if storage_key(exc) == "storage.busy":
            raise
        reason = one_line(str(exc))[:200]
        raise ServiceError("storage.backup_not_written", path=str(directory), reason=reason) from None
    finally:
        partial.unlink(missing_ok=True)
    copied = _files_of(settings).copy_missing_to(FileStore(directory / FILES_DIR))
    return BackupInfo(final, final.stat().st_size, report.dossiers, report.events, copied)


#: the digitised files of every backup of a directory, content-addressed, so shared by all of them
FILES_DIR = "files"


def _files_of(settings: Settings) -> FileStore:
    return FileStore(settings.files_dir)


def backup(store: Any, to_dir: Path | str | None = None) -> Path:
    """Back up the store into ``to_dir`` (default ``settings.backups_dir``); returns the backup file."""
    return create(store, to_dir).path


def prune(
    directory: Path | str, keep_days: int = DEFAULT_KEEP_DAYS, *, now: float | None = None
) -> list[Path]:
    """Remove this application's backups older than ``keep_days`` from ``directory``; returns them."""
    if keep_days <= 0:
        return []
    limit = (now if now is not None else time.time()) - timedelta(days=keep_days).total_seconds()
    removed = []
    for path in sorted(Path(directory).glob(BACKUP_GLOB)):
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
                removed.append(path)
        except OSError as exc:  # say how far it got: these were removed, this one was not
            reason = exc.strerror or str(exc)
            raise ServiceError(
                "storage.prune_failed", removed=len(removed), path=path, reason=reason
            ) from None
    return removed


# --- restore -----------------------------------------------------------------------------------


def check_file(path: Path, *, shown: Path | None = None) -> audit.AuditReport:
    """Everything that must hold before a file may become the store; ServiceError naming what fails."""
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    from counter_app.db.migrate import MIGRATIONS_DIR, head_revision

    shown = shown or path
    with open(path, "rb") as fh:
        if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise ServiceError("backup.not_sqlite", path=shown)
    try:
        with closing(sqlite3.connect(path)) as connection:
            connection.execute("PRAGMA journal_mode=DELETE")
            problem = integrity_problem(connection)
            if problem is not None:
                raise ServiceError("backup.corrupt", path=shown, detail=problem)
            try:
                revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            except sqlite3.OperationalError:
                revision = None
    except sqlite3.DatabaseError as exc:
        raise ServiceError("backup.corrupt", path=shown, detail=one_line(str(exc))[:200]) from None
    if not revision:
        raise ServiceError("backup.no_schema", path=shown)
    try:
        known = ScriptDirectory(str(MIGRATIONS_DIR)).get_revision(revision[0])
    except CommandError:
        known = None
    if known is None:
        raise ServiceError("backup.unknown_schema", revision=revision[0], head=head_revision())
    report = _audit(path)
    if not report.ok:
        raise ServiceError(
            "backup.audit_failed", count=len(report.problems), first=report.problems[0].message
        )
    return report


#: when no printed file says which numbers were handed out after the backup (the central store does not know
#: what was printed while the counter was offline), today's dossier codes continue after this number (a counter takes in a few dozen dossiers a
#: day; the day's numbers go to 999) and the year's ledger lines jump by LEDGER_FRESH_MARGIN
FRESH_BLOCK = 500
LEDGER_FRESH_MARGIN = 1000


@dataclass(frozen=True)
class ReseatReport:
    """What :func:`reseat` found and did.

    ``printed``: codes of this counter found among the printed files (None: no printed files at all);
    ``central``: dossiers of this counter the central store holds (None: no central store configured,
    or it could not be reached — ``central_error`` says why); ``fresh_block``: there were no printed files,
    so today's numbering moved to the fresh block."""

    raised: int
    printed: int | None
    central: int | None
    central_error: str | None = None
    fresh_block: bool = False


def printed_codes(printed_dir: Path, unit_code: str, counter: int) -> tuple[set[str], set[str]] | None:
    """(every dossier code of this counter among the printed PDFs, those printed as a receipt — Mẫu 01);
    None when there is no printed file at all (the directory was lost with the store).

    A printed file is ``<code>-<form>[-<copy>].pdf``; a dossier code is ``<unit>-<YYMMDD>-<NSSS>`` and a
    unit code has no ``-``, so the code is the name's first three parts."""
    from counter_app.domain.codes import InvalidDossierCode, parse_dossier_code
    from counter_app.printing.output import FORM_RECEIPT

    try:
        files = [path for path in Path(printed_dir).rglob("*.pdf") if path.is_file()]
    except OSError:
        return None
    codes: set[str] = set()
    receipts: set[str] = set()
    for path in files:
        parts = path.stem.split("-")
        try:
            parsed = parse_dossier_code("-".join(parts[:3]))
        except InvalidDossierCode:
            continue  # a ledger, a catalogue, a queue ticket, a code the national portal gave
        if parsed.unit_code != unit_code or parsed.counter != counter:
            continue
        codes.add(parsed.code)
        form = parts[3:-1] if parts[-1].isdigit() and len(parts) > 4 else parts[3:]
        if "-".join(form) == FORM_RECEIPT:
            receipts.add(parsed.code)
    return (codes, receipts) if files else None


def central_numbers(central_url: str, counter_id: str, *, timeout: int = 3) -> list[tuple[str, str, int]]:
    """(code, ledger book, ledger line) of every dossier the central store holds from this counter."""
    from sqlalchemy import text

    from counter_app.db.engine import make_engine

    engine = make_engine(central_url, connect_timeout=timeout)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT code, ledger_book, ledger_line FROM dossier "
                    "WHERE received_counter_id = :counter_id"
                ),
                {"counter_id": counter_id},
            ).all()
    finally:
        engine.dispose()
    return [(str(code), str(book or ""), int(line or 0)) for code, book, line in rows]


def reseat(store: Any, *, now: datetime | None = None, central: bool = True) -> ReseatReport:
    """Raise this counter's dossier-code and ledger-line counters past every number already handed out.

    After a restore, the store's counters are those of the backup, and the codes handed out after it
    are on printed receipts. The numbers already used are taken from, together:

    * the store itself (dossiers pulled back by a sync),
    * the printed files (``printed/YYYY/MM/<code>-<form>.pdf``): every code of this counter printed on any
      form; each receipt (Mẫu 01) of a dossier the store does not hold used one ledger line of its year,
    * the central store, when one is configured and answers: every dossier this counter received there,
      with its ledger line.

    When there are no printed files at all (the disk was replaced), nothing says which receipts were printed
    while the counter was offline — the central store only knows what was pushed — so the counter also moves
    to a fresh block: today's codes continue from :data:`FRESH_BLOCK` + 1 and this year's ledger lines jump
    by :data:`LEDGER_FRESH_MARGIN` (once a day: a ``fresh:YYMMDD`` row remembers it). Never lowers a
    counter.
    """
    from sqlmodel import select

    from counter_app.db.models import CodeSequence, Dossier
    from counter_app.domain.codes import InvalidDossierCode, parse_dossier_code

    settings: Settings = store.settings
    counter_id = settings.counter_id
    now = now or local_now()
    highest: dict[str, int] = {}

    def seen_code(code: str) -> None:
        try:
            parsed = parse_dossier_code(code)
        except InvalidDossierCode:
            return  # a code the national portal gave
        if parsed.unit_code == settings.one_stop_code and parsed.counter == settings.counter:
            scope = f"dossier:{parsed.received_on:%y%m%d}"
            highest[scope] = max(highest.get(scope, 0), parsed.seq or 0)

    def seen_line(ledger_book: str, ledger_line: int) -> None:
        if ledger_line and ledger_book[:4].isdigit():
            scope = f"ledger:{ledger_book[:4]}"
            highest[scope] = max(highest.get(scope, 0), ledger_line)

    with store.session() as session:
        rows = session.exec(
            select(Dossier.code, Dossier.received_counter_id, Dossier.ledger_book, Dossier.ledger_line)
        ).all()
    in_store = set()
    #: (year, day, number of the code) → ledger line, for this counter's own dossiers
    numbered: dict[tuple[str, str, str], int] = {}
    for code, received_counter, ledger_book, ledger_line in rows:
        in_store.add(code)
        seen_code(code)
        if received_counter == counter_id:
            seen_line(ledger_book, ledger_line)
            parts = code.split("-")
            if len(parts) == 3 and ledger_line and ledger_book[:4].isdigit():
                numbered[(ledger_book[:4], parts[1], parts[2])] = ledger_line

    central_count: int | None = None
    central_error: str | None = None
    if central and settings.central_url:
        try:
            numbers = central_numbers(settings.central_url, counter_id)
        except Exception as exc:  # unreachable, refused: said in the report, the other sources still count
            central_error = one_line(str(getattr(exc, "orig", None) or exc))[:200]
        else:
            central_count = len(numbers)
            for code, ledger_book, ledger_line in numbers:
                in_store.add(code)
                seen_code(code)
                seen_line(ledger_book, ledger_line)

    found = printed_codes(settings.printed_dir, settings.one_stop_code, settings.counter)
    printed_count: int | None = None
    if found is not None:
        codes, receipts = found
        printed_count = len(codes)
        for code in codes:
            seen_code(code)
        lost_by_year: dict[str, list[tuple[str, str]]] = {}
        for code in receipts - in_store:  # each took the next ledger line of its year
            _unit, day, number = code.split("-")
            lost_by_year.setdefault(f"20{day[:2]}", []).append((day, number))
        for year, lost in lost_by_year.items():
            # the lost receipts came after every dossier numbered before the last of them (same counter: the
            # code's day and number grow with time), and before any taken in since the restore
            last_lost = max(lost)
            before = [line for (y, d, n), line in numbered.items() if y == year and (d, n) < last_lost]
            scope = f"ledger:{year}"
            highest[scope] = max(highest.get(scope, 0), max(before, default=0) + len(lost))

    # without the printed files nothing says which receipts were printed while the counter was offline
    # (the central store only knows what was pushed): move past every number that could have been used
    fresh = found is None
    with store.session() as session:
        if fresh:
            marker = session.get(CodeSequence, (counter_id, f"fresh:{now:%y%m%d}"))
            if marker is None:
                today, year = f"dossier:{now:%y%m%d}", f"ledger:{now:%Y}"
                highest[today] = max(highest.get(today, 0), FRESH_BLOCK)
                row = session.get(CodeSequence, (counter_id, year))
                base = max(highest.get(year, 0), row.last if row else 0)
                highest[year] = base + LEDGER_FRESH_MARGIN
                session.add(CodeSequence(counter_id=counter_id, scope=f"fresh:{now:%y%m%d}", last=1))
            else:
                fresh = False  # moved already today
        raised = 0
        for scope, last in highest.items():
            row = session.get(CodeSequence, (counter_id, scope))
            if row is None:
                row = CodeSequence(counter_id=counter_id, scope=scope, last=0)
            if row.last < last:
                row.last = last
                session.add(row)
                raised += 1
    return ReseatReport(raised, printed_count, central_count, central_error, fresh)


def _take_offline(target: Path) -> None:
    """Make sure nobody uses ``target`` and that it is one self-contained file (WAL folded in).

    Leaving WAL mode needs every other connection closed: SQLite answers "database is locked" otherwise.
    A file too damaged to open is left as it is (it is being replaced because of that).
    """
    try:
        with closing(sqlite3.connect(target, timeout=2)) as connection:
            mode = connection.execute("PRAGMA journal_mode=DELETE").fetchone()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise ServiceError("backup.store_busy") from None
        return
    except sqlite3.DatabaseError:
        return
    if not mode or str(mode[0]).lower() != "delete":
        raise ServiceError("backup.store_busy")


def restore(path: Path | str, store_settings: Settings, *, now: datetime | None = None) -> RestoreInfo:
    """Replace the store ``store_settings`` point at with the backup ``path``, after checking it.

    The application must not be running on that store (refused with a clear message if it is).
    The previous store file is kept aside; the swap itself is one atomic rename.
    """
    source = Path(path).expanduser()
    if not source.is_file():
        raise ServiceError("backup.not_found", path=source)
    target = sqlite_path(store_settings)
    source = source.resolve()
    if target.exists() and source.samefile(target):
        raise ServiceError("backup.same_file", path=source)
    staging = target.with_name(target.name + ".restoring")
    aside: Path | None = None
    moved: list[tuple[Path, Path]] = []  # (-wal/-shm of the store, where it was moved)
    replaced = False
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, staging)  # checks run on exactly the bytes that will be installed
        report = check_file(staging, shown=source)
        _fsync(staging)
        if target.exists():
            _take_offline(target)
            stamp = f"{(now or local_now()):%Y%m%d-%H%M%S}"
            aside = _free_name(target.parent, f"{target.stem}.before-restore-{stamp}")
            try:
                os.link(target, aside)
            except OSError:  # no hard links here: a copy (removed again if it cannot be made whole)
                shutil.copy2(target, aside)
            for suffix in ("-wal", "-shm"):  # never let an old WAL be replayed into the restored file
                companion = target.with_name(target.name + suffix)
                if companion.exists():
                    os.replace(companion, aside.with_name(aside.name + suffix))
                    moved.append((companion, aside.with_name(aside.name + suffix)))
        os.replace(staging, target)
        replaced = True
        _fsync(target.parent)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if replaced:  # the backup is in place; only the directory's flush failed
            raise ServiceError("storage.restore_unflushed", path=target, reason=reason) from None
        for companion, kept in moved:  # put the store back exactly as it was
            os.replace(kept, companion)
        if aside is not None and aside.exists():
            aside.unlink()
        raise ServiceError("storage.restore_not_done", path=target, reason=reason) from None
    finally:
        staging.unlink(missing_ok=True)
        for suffix in ("-journal", "-wal", "-shm"):
            staging.with_name(staging.name + suffix).unlink(missing_ok=True)
    restored = 0
    if (source.parent / FILES_DIR).is_dir():  # the files the restored dossiers refer to
        restored = FileStore(source.parent / FILES_DIR).copy_missing_to(_files_of(store_settings))
    return RestoreInfo(source, target, aside, report.dossiers, report.events, restored)
