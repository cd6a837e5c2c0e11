"""Capture of a dossier component at the counter: from the scanner or from files, into ONE PDF in the store.

* :func:`scan_component`: the configured scanner (``[scanner]``), every page of the feeder (one page from a
  flatbed), into one PDF;
* :func:`import_component`: a file the citizen sent (a PDF, kept byte-for-byte, so that its hash is the hash
  of the citizen's file; or an image), several files, or a folder of pages (in natural order: ``trang2``
  before ``trang10``);
* :func:`import_drop_folder`: the folder a network scanner drops its files into (``[scanner] drop_folder``).

Each returns a :class:`CapturedFile`: the stored file's SHA-256 (its name in the store), size and pages.
Everything is checked and assembled before the store is touched: when anything fails, or the scan is
cancelled, nothing is stored. The functions block and import nothing of Textual: a screen calls them in a
worker thread, passing a progress callback and a cancel event.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from counter_app.config import Settings
from counter_app.services import pdf_pages
from counter_app.services.errors import ServiceError
from counter_app.services.file_store import FileStore
from counter_app.services.scanner import Progress, ScanCancelled, scanned_pages


@dataclass(frozen=True)
class CapturedFile:
    """A component's PDF, stored: its SHA-256 (the file's name in the store), its size in bytes, its pages."""

    sha256: str
    size: int
    pages: int


def _store(store: FileStore, assembled: pdf_pages.Assembled) -> CapturedFile:
    if assembled.source is not None:
        stored = store.put_file(assembled.source)
    else:
        assert assembled.data is not None
        stored = store.put_bytes(assembled.data)
    return CapturedFile(stored.sha256, stored.size, assembled.pages)


def scan_component(
    settings: Settings,
    store: FileStore,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    *,
    max_pages: int | None = None,
) -> CapturedFile:
    """Scan one component with the configured scanner and store it as one PDF.

    ``progress(pages_done)`` is called after each page; setting ``cancel`` stops the scanner and stores
    nothing (:class:`ScanCancelled`). ``max_pages`` stops a feeder after that many pages.
    """
    with scanned_pages(settings.scanner, progress=progress, cancel=cancel, max_pages=max_pages) as pages:
        assembled = pdf_pages.assemble(pages)
        if cancel is not None and cancel.is_set():  # cancelled while the pages were being put together
            raise ScanCancelled("capture.cancelled")
        return _store(store, assembled)


def import_component(store: FileStore, paths: list[Path] | Path) -> CapturedFile:
    """Store a file, files in the given order, or a folder's files as one PDF."""
    if isinstance(paths, Path):
        if paths.is_dir():
            files = pdf_pages.folder_files(paths)
        else:
            files = [paths]
    else:
        files = []
        for path in paths:
            files.extend(pdf_pages.folder_files(path) if path.is_dir() else [path])
    return _store(store, pdf_pages.assemble(files))


def import_drop_folder(settings: Settings, store: FileStore) -> CapturedFile:
    """Store the files a network scanner dropped into ``[scanner] drop_folder`` as one PDF."""
    folder = settings.scanner.drop_folder
    if folder is None:
        raise ServiceError("capture.no_drop_folder")
    return import_component(store, folder)
