"""Writing files whole: keys and printed PDFs appear complete or not at all."""

from __future__ import annotations

import itertools
import os
import secrets
from collections.abc import Iterable
from pathlib import Path


def _write_temporary(directory: Path, stem: str, data: bytes, mode: int) -> Path:
    """A new hidden file in ``directory`` holding ``data``, created with ``mode`` (never wider)."""
    tmp = directory / f".{stem}.{secrets.token_hex(6)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def write_new(data: bytes, candidates: Iterable[Path], *, mode: int) -> Path:
    """Write ``data`` as the first of ``candidates`` that does not exist yet and return it.

    Never replaces a file.  The content goes to a temporary file first, created with ``mode``,
    then gets its name with a hard link, which is atomic and fails if the name is taken: a
    reader never sees a half-written file.  On a file system without hard links the file is
    created exclusively and written in place.  Raises :class:`FileExistsError` when every
    candidate is taken.
    """
    names = iter(candidates)
    first = next(names)
    tmp = _write_temporary(first.parent, first.name, data, mode)
    try:
        for name in itertools.chain([first], names):
            try:
                os.link(tmp, name)
                return name
            except FileExistsError:
                continue
            except OSError:  # no hard links here (some network and FAT file systems)
                return _create_in_place(data, itertools.chain([name], names), mode)
        raise FileExistsError(first)
    finally:
        tmp.unlink(missing_ok=True)


def _create_in_place(data: bytes, names: Iterable[Path], mode: int) -> Path:
    for name in names:
        try:
            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        return name
    raise FileExistsError("every candidate name is taken")


def write_replacing(path: Path, data: bytes, *, mode: int) -> None:
    """Write ``path`` whole, replacing any earlier version in one rename."""
    tmp = _write_temporary(path.parent, path.name, data, mode)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
