"""The counter's digitised files, stored by content: each file is named by the SHA-256 of its bytes.

Layout under ``<data>/files``: ``ab/cd/abcd…`` (the hash's first two pairs of hex digits as directories,
so no directory grows past a few thousand entries). Content addressing gives three properties the
counter needs:

* **never duplicated**: a document reused by a hundred dossiers is one file;
* **verified on read**: :meth:`FileStore.read` hashes what it read and refuses a file whose bytes no longer
  match their name (a damaged disk, a hand edit) — such a file is reported, never shown;
* **written atomically**: bytes go to a private temporary file in ``.tmp/``, are flushed to disk, and are
  renamed into place; a crash leaves either the whole file or none (a stray temporary file is removed by
  the next :meth:`FileStore.sweep`).

Files are personal data (Decree 13/2023/NĐ-CP): created 0600 in 0700 directories, never logged by content
or name. Before writing, the store keeps a reserve of free disk space (:data:`RESERVE_BYTES`): a nearly
full disk is refused with a clear message instead of failing half-way through a scan.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from counter_app.config import Settings
from counter_app.services.errors import ServiceError

#: a stored file's name: the hex SHA-256 of its bytes
HASH = re.compile(r"[0-9a-f]{64}")
#: free space the store leaves on the disk (the SQLite store and the logs need room too)
RESERVE_BYTES = 200 * 1024 * 1024
CHUNK = 1024 * 1024
TMP_DIR = ".tmp"


class FileCorrupt(ServiceError):
    """A stored file whose bytes no longer match their hash: reported, never shown."""


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    #: False when the file was already there (reused, not written again)
    written: bool


@dataclass(frozen=True)
class FileProblem:
    """One thing :meth:`FileStore.verify` found wrong: the file's place (relative) and what is wrong."""

    name: str
    key: str  # message key (locale area "files")


@dataclass
class VerifyReport:
    files: int = 0
    bytes: int = 0
    problems: list[FileProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _check_hash(sha256: str) -> str:
    if not isinstance(sha256, str) or not HASH.fullmatch(sha256):
        raise ServiceError("files.bad_hash", value=str(sha256)[:80])
    return sha256


class FileStore:
    """Content-addressed files under ``root`` (``Settings.files_dir``)."""

    def __init__(self, root: Path, *, reserve_bytes: int = RESERVE_BYTES) -> None:
        self.root = Path(root)
        self.reserve_bytes = reserve_bytes

    def path_of(self, sha256: str) -> Path:
        sha256 = _check_hash(sha256)
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def has(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    # --- writing ------------------------------------------------------------------------------------

    def _room_for(self, size: int) -> None:
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        free = shutil.disk_usage(self.root).free
        if free - size < self.reserve_bytes:
            raise ServiceError(
                "files.disk_full",
                free_mb=max(free, 0) // (1024 * 1024),
                reserve_mb=self.reserve_bytes // (1024 * 1024),
            )

    def put_bytes(self, data: bytes) -> StoredFile:
        """Store ``data`` (once: the same bytes stored again are not written twice)."""
        sha256 = hashlib.sha256(data).hexdigest()
        if self._intact(sha256):
            return StoredFile(sha256, len(data), written=False)
        return self._write(sha256, len(data), [data])

    def put_file(self, source: Path) -> StoredFile:
        """Store the file at ``source`` (read twice: once to hash, once to copy; it must not change meanwhile)."""
        digest = hashlib.sha256()
        size = 0
        with open(source, "rb") as handle:
            for chunk in iter(lambda: handle.read(CHUNK), b""):
                digest.update(chunk)
                size += len(chunk)
        sha256 = digest.hexdigest()
        if self._intact(sha256):
            return StoredFile(sha256, size, written=False)
        with open(source, "rb") as handle:
            return self._write(sha256, size, iter(lambda: handle.read(CHUNK), b""))

    def put_fetched(self, sha256: str, size: int, chunks: Iterable[bytes]) -> StoredFile:
        """Store bytes fetched from elsewhere (the central object store) under the hash they must have;
        :class:`FileCorrupt` (key ``objects.fetched_corrupt``) when they do not, and nothing is kept."""
        sha256 = _check_hash(sha256)
        if self._intact(sha256):
            return StoredFile(sha256, size, written=False)
        return self._write(
            sha256, size, chunks, mismatch=FileCorrupt("objects.fetched_corrupt", sha256=sha256[:12])
        )

    def _intact(self, sha256: str) -> bool:
        """The file is there with the right bytes (a damaged copy is replaced by the next write)."""
        path = self.path_of(sha256)
        if not path.is_file():
            return False
        try:
            return _hash_of(path) == sha256
        except OSError:
            return False

    def _write(
        self, sha256: str, size: int, chunks: Iterable[bytes], *, mismatch: ServiceError | None = None
    ) -> StoredFile:
        self._room_for(size)
        target = self.path_of(sha256)
        tmp_dir = self.root / TMP_DIR
        tmp_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = tmp_dir / f"{sha256}.{os.getpid()}.part"
        digest = hashlib.sha256()
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as out:
                for chunk in chunks:
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            if digest.hexdigest() != sha256:  # the source changed while it was copied
                raise mismatch or ServiceError("files.source_changed")
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.replace(tmp, target)
            _fsync_dir(target.parent)
        except OSError as exc:
            raise ServiceError("files.not_written", reason=exc.strerror or str(exc)) from None
        finally:
            tmp.unlink(missing_ok=True)
        return StoredFile(sha256, size, written=True)

    # --- reading ------------------------------------------------------------------------------------

    def read(self, sha256: str) -> bytes:
        """The file's bytes, checked against their hash; :class:`FileCorrupt` when they do not match."""
        path = self.path_of(sha256)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise ServiceError("files.missing", sha256=sha256[:12]) from None
        except OSError as exc:
            raise ServiceError("files.unreadable", sha256=sha256[:12], reason=exc.strerror or exc) from None
        if hashlib.sha256(data).hexdigest() != sha256:
            raise FileCorrupt("files.corrupt", sha256=sha256[:12])
        return data

    # --- walking ------------------------------------------------------------------------------------

    def hashes(self) -> Iterator[str]:
        """The hashes of the stored files (names that are not hashes are skipped)."""
        if not self.root.is_dir():
            return
        for first in sorted(self.root.iterdir()):
            if first.name == TMP_DIR or not first.is_dir():
                continue
            for second in sorted(first.iterdir()):
                if second.is_dir():
                    for path in sorted(second.iterdir()):
                        if HASH.fullmatch(path.name):
                            yield path.name

    def verify(self, progress: Callable[[int], None] | None = None) -> VerifyReport:
        """Hash every stored file again; report a file whose bytes do not match its name, a name that is not a
        hash or sits in the wrong directory, and a file that cannot be read."""
        report = VerifyReport()
        if not self.root.is_dir():
            return report
        for path in sorted(self.root.rglob("*")):
            relative = path.relative_to(self.root)
            if relative.parts[0] == TMP_DIR or path.is_dir():
                continue
            report.files += 1
            if progress is not None:
                progress(report.files)
            name = str(relative)
            if not HASH.fullmatch(path.name) or self.path_of(path.name) != path:
                report.problems.append(FileProblem(name, "files.verify.stray"))
                continue
            try:
                actual = _hash_of(path)
                report.bytes += path.stat().st_size
            except OSError:
                report.problems.append(FileProblem(name, "files.verify.unreadable"))
                continue
            if actual != path.name:
                report.problems.append(FileProblem(name, "files.verify.corrupt"))
        return report

    def sweep(self) -> int:
        """Remove temporary files a crash left behind; returns how many."""
        tmp_dir = self.root / TMP_DIR
        if not tmp_dir.is_dir():
            return 0
        removed = 0
        for path in tmp_dir.iterdir():
            path.unlink(missing_ok=True)
            removed += 1
        return removed

    def copy_missing_to(self, other: FileStore) -> int:
        """Copy into ``other`` every file it lacks (checked on the way); returns how many were copied."""
        copied = 0
        for sha256 in self.hashes():
            if other.has(sha256):
                continue
            data = self.read(sha256)  # checked here; the write checks the copy against the name again
            other._write(sha256, len(data), [data])
            copied += 1
        return copied


def _hash_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def for_settings(settings: Settings) -> FileStore:
    """The file store of a counter's settings."""
    return FileStore(settings.files_dir)
