"""Pushing digitised files to the central object store, and fetching a dossier's files from it.

**Push** (:func:`push_files`), after the events in every sync round (``counter-app sync``, the TUI's
background sync): the files' outbox (``file_upload`` rows with no ``uploaded_at``, queued by
``services.events.queue_files`` in the transaction of the event that names the file) is drained in order.
For each file:

1. the local copy is hashed again (SHA-256 and MD5 in one pass): a file whose bytes no longer match its name
   is reported (``last_error``) and never uploaded; it stays queued until it is restored from a backup;
2. HEAD ``ab/<sha256>``: an object already there (pushed before a crash, or by another unit for the same
   document) is not uploaded again;
3. PUT, streamed from the file (bounded memory), with the Content-MD5 of the verified bytes, which the
   server checks: bytes changed since step 1 are refused (``BadDigest``), never stored under the hash;
4. ``uploaded_at`` is set (marks are committed in small groups: a crash loses at most a few marks, and the
   HEAD of the next round finds those objects, so nothing is PUT twice).

Steps 1-3 run for :data:`PARALLEL` files at once in a small thread pool (a PUT waits on the network and the
server's write, a hash on the disk and the CPU: overlapping them keeps the link busy); the outcomes are
taken in queue order, and step 4 is the main thread's.

S3 PUTs are atomic (an object is there whole or not at all), so a kill at any instant loses nothing and
repeats nothing. A store that cannot be reached stops the round's file push: the file at hand keeps its row
with ``attempts`` + 1 and ``last_error``, everything stays queued, and the next round goes on. A refusal
for one file (an error answer) is recorded on its row and the push goes on with the next.

**Fetch** (:func:`fetch_dossier_file`, :func:`fetch_dossier_files`): a unit that receives a dossier by
handover, or is its return point, fetches the files of its components and result when the dossier is first
opened (the screens and commands call these; the rule itself is ``services.file_fetch.fetch_file``).

**Why a unit can read only what it may see.** The bucket is not partitioned by unit: a file is one object,
however many units' dossiers name it. A counter's S3 identity is granted ``Read`` and ``Write`` on the bucket
but not ``List`` (SeaweedFS grants actions per identity), so it cannot enumerate objects; to GET one it must
know its SHA-256, a 256-bit name nobody can guess. The hashes are learnt only from dossier and citizen-store
rows, and those reach a unit only through the central PostgreSQL's row-level security (``sync.security``),
which gives a unit the dossiers it received, holds, returns or was handed. On the counter,
``services.file_fetch`` adds the services' own rule: the actor's unit may see the dossier and the hash is one
of that dossier's components or its result; otherwise nothing is fetched. The limit: a unit that once saw a
dossier keeps its hashes (in its store, its logs, a backup) and can fetch those files later, even after the
dossier has moved on — as it keeps the copies it already fetched. Revoking that needs per-object grants (a
presigning service in front of the bucket), not done here.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from itertools import islice

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from counter_app.config import FilesSettings
from counter_app.db.models import FileUpload
from counter_app.domain.vntext import one_line
from counter_app.services.context import Actor, Store
from counter_app.services.file_fetch import fetch_file, fetch_missing
from counter_app.services.file_store import FileStore, StoredFile, for_settings
from counter_app.services.sync_state import write_state
from counter_app.sync.object_store import ObjectStore, ObjectStoreError, Verified, verify_local

log = logging.getLogger(__name__)
PAGE = 200
#: marks of uploaded files are committed at least this often (and at the end of a push)
MARK_EVERY_S = 1.0
MARK_EVERY_FILES = 50
#: files in flight at once (checked, asked for and PUT by the pool's threads)
PARALLEL = 4


@dataclass
class FilePushReport:
    uploaded: int = 0
    #: objects the store already had (a crash after the PUT, or the same file pushed by another unit)
    already_there: int = 0
    bytes: int = 0
    corrupt: int = 0
    missing: int = 0
    refused: int = 0
    #: the object store could not be reached: the push stopped, everything left stays queued
    offline: bool = False
    last_error: str = ""


class _Marks:
    """Uploaded marks, committed in small groups."""

    def __init__(self, local: Engine, now: datetime) -> None:
        self.local, self.now = local, now
        self.waiting: list[str] = []
        self.since = time.monotonic()

    def add(self, sha256: str) -> None:
        self.waiting.append(sha256)
        if len(self.waiting) >= MARK_EVERY_FILES or time.monotonic() - self.since >= MARK_EVERY_S:
            self.flush()

    def flush(self) -> None:
        if self.waiting:
            with Session(self.local) as session:
                session.execute(
                    update(FileUpload)
                    .where(col(FileUpload.sha256).in_(self.waiting))
                    .values(uploaded_at=self.now, last_error="")
                )
                session.commit()
            self.waiting = []
        self.since = time.monotonic()


def _failed(local: Engine, sha256: str, error: str) -> None:
    with Session(local) as session:
        row = session.get(FileUpload, sha256)
        if row is not None:
            row.attempts += 1
            row.last_error = one_line(error)[:500]
            session.add(row)
            session.commit()


def _queued(local: Engine, after: tuple[datetime, str] | None) -> list[FileUpload]:
    with Session(local) as session:
        query = select(FileUpload).where(col(FileUpload.uploaded_at).is_(None))
        if after is not None:
            query = query.where(
                (col(FileUpload.queued_at) > after[0])
                | ((col(FileUpload.queued_at) == after[0]) & (col(FileUpload.sha256) > after[1]))
            )
        rows = session.exec(query.order_by(col(FileUpload.queued_at), col(FileUpload.sha256)).limit(PAGE))
        return [FileUpload.model_validate(r.model_dump()) for r in rows]


@dataclass(frozen=True)
class _Prepared:
    """What was found of one queued file before its PUT: the local check and the HEAD."""

    verified: Verified | None = None
    present: bool = False
    #: the PUT was done (by the pool's thread) and the server accepted it
    uploaded: bool = False
    #: "missing", "unreadable", "corrupt" (local), or "" when the file may go
    local_problem: str = ""
    detail: str = ""
    error: ObjectStoreError | None = None


def _prepare(files: FileStore, objects: ObjectStore, sha256: str) -> _Prepared:
    try:
        verified = verify_local(files, sha256)
    except FileNotFoundError:
        return _Prepared(local_problem="missing", detail="local file missing")
    except OSError as exc:
        return _Prepared(local_problem="unreadable", detail=f"local file unreadable: {exc.strerror or exc}")
    if verified is None:
        return _Prepared(
            local_problem="corrupt", detail="local file corrupt (bytes do not match the hash): not uploaded"
        )
    try:
        return _Prepared(verified, present=objects.head(sha256) is not None)
    except ObjectStoreError as exc:
        return _Prepared(verified, error=exc)


def _send(files: FileStore, objects: ObjectStore, sha256: str) -> _Prepared:
    """Check one queued file, ask for it, and PUT it when the store lacks it (in a pool thread)."""
    found = _prepare(files, objects, sha256)
    if found.local_problem or found.error is not None or found.present:
        return found
    assert found.verified is not None
    try:
        with open(files.path_of(sha256), "rb") as body:
            objects.put(found.verified, body)
    except ObjectStoreError as exc:
        return _Prepared(found.verified, error=exc)
    except OSError as exc:  # the file went away between the check and the PUT
        return _Prepared(local_problem="missing", detail=f"local file unreadable: {exc.strerror or exc}")
    return _Prepared(found.verified, uploaded=True)


def _in_flight(
    rows: list[FileUpload], files: FileStore, objects: ObjectStore, pool: ThreadPoolExecutor
) -> Iterator[tuple[FileUpload, _Prepared]]:
    """The rows with their outcome, in queue order, :data:`PARALLEL` of them sent at once."""
    pending: deque[tuple[FileUpload, Future[_Prepared]]] = deque()
    rest = iter(rows)
    for row in islice(rest, PARALLEL):
        pending.append((row, pool.submit(_send, files, objects, row.sha256)))
    while pending:
        row, future = pending.popleft()
        following = next(rest, None)
        if following is not None:
            pending.append((following, pool.submit(_send, files, objects, following.sha256)))
        yield row, future.result()


def push_files(
    local: Engine,
    files: FileStore,
    objects: ObjectStore,
    *,
    now: datetime,
    on_uploaded: Callable[[str], None] | None = None,
) -> FilePushReport:
    """Upload every queued file (see the module's docstring); returns what was done."""
    report = FilePushReport()
    marks = _Marks(local, now)
    after: tuple[datetime, str] | None = None
    pool = ThreadPoolExecutor(max_workers=PARALLEL, thread_name_prefix="file-push")
    try:
        while rows := _queued(local, after):
            after = (rows[-1].queued_at, rows[-1].sha256)
            for row, found in _in_flight(rows, files, objects, pool):
                if found.local_problem:
                    if found.local_problem == "corrupt":
                        report.corrupt += 1
                        log.warning("file %s… corrupt in the local store: not uploaded", row.sha256[:12])
                    else:
                        report.missing += 1
                    report.last_error = f"{found.detail}: {row.sha256[:12]}"
                    _failed(local, row.sha256, found.detail)
                    continue
                assert found.verified is not None
                if found.error is not None:
                    report.last_error = str(found.error)
                    _failed(local, row.sha256, str(found.error))
                    if found.error.offline:
                        report.offline = True
                        return report
                    report.refused += 1
                    continue
                if found.present:
                    report.already_there += 1
                else:
                    report.uploaded += 1
                    report.bytes += found.verified.size
                marks.add(row.sha256)
                if on_uploaded is not None:
                    on_uploaded(row.sha256)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        marks.flush()
    return report


def push_round(store: Store, *, now: datetime) -> FilePushReport | None:
    """The file push of a sync round for a counter's store (None: no object store configured); its outcome
    is recorded for ``sync --status`` (``files_last_error``, ``files_last_push``)."""
    settings = store.settings.files
    if settings is None:
        return None
    try:
        report = push_files(store.engine, for_settings(store.settings), ObjectStore(settings), now=now)
    except ObjectStoreError as exc:  # pragma: no cover - the client could not be made
        report = FilePushReport(offline=True, last_error=str(exc))
    with Session(store.engine) as session:
        write_state(session, "files_last_error", report.last_error)
        write_state(session, "files_last_push", now.isoformat())
        session.commit()
    return report


# --- fetching on demand ---------------------------------------------------------------------------------


def object_fetcher(settings: FilesSettings) -> Callable[[str], Iterator[bytes]]:
    """A fetcher for ``services.file_fetch``: the object's bytes from the central object store."""
    objects = ObjectStore(settings)
    return objects.get


def _settings(store: Store) -> FilesSettings:
    from counter_app.services.errors import ServiceError

    if store.settings.files is None:
        raise ServiceError("objects.not_configured")
    return store.settings.files


def fetch_dossier_file(store: Store, actor: Actor, sha256: str, *, dossier_code: str) -> StoredFile:
    """One file of a dossier the actor's unit may see, into the local file store (see the docstring)."""
    return fetch_file(
        store, actor, sha256, dossier_code=dossier_code, fetcher=object_fetcher(_settings(store))
    )


def fetch_dossier_files(store: Store, actor: Actor, dossier_code: str) -> list[StoredFile]:
    """Every file of a dossier (components and result) the local store lacks; what the dossier screen calls
    when a dossier received by handover is first opened. Files already here are not fetched."""
    return fetch_missing(store, actor, dossier_code, fetcher=object_fetcher(_settings(store)))
