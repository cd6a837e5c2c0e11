"""Is the counter's SQLite store the one it was, and whole? Checked every time it is opened.

* ``PRAGMA quick_check`` before anything reads or writes it: a store with damaged pages is refused with
  the restore command to run, instead of being used (and written to) while ``audit verify`` says OK.
  ``quick_check`` is ``integrity_check`` without the index-content cross-checks: it reads every page
  once (O(N)); on the demo store with 20 000 citizens it takes tens of milliseconds.
* A marker beside the store file, ``.<store file name>.marker`` (0600), written once the store has been
  created or migrated, says that a store existed at that path. When the marker is there and the store
  file is missing or has zero length, the store is **not** created again empty (the dossier numbering
  would start over and every dossier only this counter held would be forgotten without a word): opening
  stops and says to restore the latest backup. Deleting the marker is the deliberate way to start over.

PostgreSQL stores (the centre, or a counter configured with one) are checked by PostgreSQL itself.
"""

from __future__ import annotations

import json
import os
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from counter_app.config import Settings
from counter_app.domain.vntext import one_line
from counter_app.services.storage_errors import StorageError

MARKER_VERSION = 1


def sqlite_file(settings: Settings) -> Path | None:
    """The SQLite file ``settings`` point at, or None (PostgreSQL, in-memory)."""
    url = make_url(settings.db_url)
    if not url.drivername.startswith("sqlite") or not url.database or url.database == ":memory:":
        return None
    if url.database.startswith("file:"):  # a URI filename: not ours to judge
        return None
    return Path(url.database).expanduser().absolute()


def marker_path(store_file: Path) -> Path:
    """``.<name>.marker`` in the store file's directory."""
    return store_file.with_name(f".{store_file.name}.marker")


def restore_hint(settings: Settings) -> str:
    """The command that brings the store back: the newest backup in the backups directory, if any."""
    from counter_app.services.backup import BACKUP_GLOB

    try:
        backups = sorted(settings.backups_dir.glob(BACKUP_GLOB), key=lambda p: p.stat().st_mtime)
    except OSError:
        backups = []
    target = backups[-1] if backups else settings.backups_dir / "counter-….sqlite3"
    return f"counter-app restore {target}"


def _empty(store_file: Path) -> bool:
    """A zero-length store file with no write-ahead log holding pages either."""
    wal = store_file.with_name(store_file.name + "-wal")
    try:
        return store_file.stat().st_size == 0 and (not wal.exists() or wal.stat().st_size == 0)
    except OSError:
        return False


def quick_check(store_file: Path) -> str | None:
    """None when ``PRAGMA quick_check`` says ok, else what it (or SQLite opening the file) reports."""
    try:
        with closing(sqlite3.connect(store_file, timeout=5)) as connection:
            connection.execute("PRAGMA busy_timeout=5000")
            rows = [str(r[0]) for r in connection.execute("PRAGMA quick_check(5)").fetchall()]
    except sqlite3.OperationalError as exc:
        text = str(exc).lower()
        if "locked" in text or "busy" in text or "unable to open" in text or "readonly" in text:
            raise  # not a damaged file: the usual storage messages say it (storage_errors.translate)
        return one_line(str(exc))[:200]
    except sqlite3.DatabaseError as exc:  # "file is not a database", "database disk image is malformed"
        return one_line(str(exc))[:200]
    return None if rows == ["ok"] else one_line("; ".join(rows))[:200]


def check(settings: Settings) -> Path | None:
    """Refuse to open a store that was lost (marker, no data) or is damaged (``quick_check``).

    Returns the SQLite file checked (None for a store that is not an SQLite file); raises
    :class:`StorageError` (``storage.store_missing``, ``storage.store_empty``, ``storage.store_corrupt``)
    with the path and the restore command.
    """
    store_file = sqlite_file(settings)
    if store_file is None:
        return None
    marker = marker_path(store_file)
    if marker.exists():
        if not store_file.exists():
            raise StorageError(
                "storage.store_missing", path=store_file, marker=marker, restore=restore_hint(settings)
            )
        if _empty(store_file):
            raise StorageError(
                "storage.store_empty", path=store_file, marker=marker, restore=restore_hint(settings)
            )
    if store_file.exists() and not _empty(store_file):
        problem = quick_check(store_file)
        if problem is not None:
            raise StorageError(
                "storage.store_corrupt", path=store_file, detail=problem, restore=restore_hint(settings)
            )
    return store_file


def record(
    settings: Settings, *, identity: dict[str, str] | None = None, now: datetime | None = None
) -> None:
    """Write (or refresh) the marker of the store ``settings`` point at, once it holds a schema.

    Best effort: a marker that cannot be written (read-only directory) only loses the protection, the
    store itself is fine; the next open tries again."""
    from counter_app.printing.files import write_replacing

    store_file = sqlite_file(settings)
    if store_file is None or not store_file.exists() or _empty(store_file):
        return
    marker = marker_path(store_file)
    content = {"version": MARKER_VERSION, "store": str(store_file), **(identity or {})}
    try:
        if marker.exists():
            known = json.loads(marker.read_text(encoding="utf-8"))
            if isinstance(known, dict) and all(known.get(k) == v for k, v in content.items()):
                return
        content["recorded_at"] = (now or datetime.now()).isoformat(timespec="seconds")
        data = json.dumps(content, ensure_ascii=False, indent=1).encode("utf-8")
        write_replacing(marker, data, mode=0o600)
        os.chmod(marker, 0o600)
    except (OSError, ValueError):
        return
