"""Digitising a dossier's components from a screen: scan into the highlighted one, or import a file.

A mix-in of the screens that list components (the intake checklist, the dossier view). Scanning and importing
run in a worker thread (``services.capture``), so the screen never freezes; each page scanned is shown as it
arrives, and Esc stops a scan (nothing is stored). The screen says which component is the target
(:meth:`Digitises.capture_target`), what to do with the file (:meth:`Digitises.capture_done`) and where the
progress goes (:meth:`Digitises.capture_status`).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.widgets import Input, Label

from counter_app.domain.file_ref import FileRef
from counter_app.locale import t
from counter_app.screens.base import CounterAppAccess
from counter_app.screens.dialogs import FormDialog
from counter_app.widgets.vn_input import VnInput


class PathDialog(FormDialog[Path]):
    """The file or folder to digitise a component from (a PDF or image the citizen sent, a scanner's folder)."""

    def __init__(self, name: str, initial: str = "") -> None:
        super().__init__()
        self.component = name
        self.initial = initial

    def title_text(self) -> str:
        return t("files.import.title")

    def body(self) -> ComposeResult:
        yield Label(t("files.import.prompt", name=self.component))
        yield VnInput(id="path", value=self.initial, max_length=1000, scan_aware=False)

    def answer(self) -> Path | None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self.warn(t("files.import.empty"))
            return None
        return Path(text).expanduser()


class Digitises(CounterAppAccess):
    """Mix-in: scan or import into a component, in a worker, with progress and cancellation."""

    _capture_cancel: threading.Event | None = None
    CAPTURE_GROUP: ClassVar[str] = "capture"

    # --- what the screen provides ------------------------------------------------------------------

    def capture_target(self) -> tuple[int, str] | None:
        """(index, name) of the component to digitise, or None (after saying why)."""
        raise NotImplementedError

    def capture_done(self, index: int, file: FileRef) -> None:
        """Component ``index`` is now digitised as ``file`` (called on the screen's thread)."""
        raise NotImplementedError

    def capture_status(self, text: str) -> None:
        """Show the progress line (empty: the work is over)."""
        if text:
            self.counter_app.notify(text, timeout=2)

    # --- actions ---------------------------------------------------------------------------------------

    @property
    def capturing(self) -> bool:
        return self._capture_cancel is not None

    def _free_target(self) -> tuple[int, str] | None:
        """The component to digitise, or None when a capture is already running or there is none."""
        if self.capturing:
            self.counter_app.notify(t("files.busy"), severity="warning")
            return None
        return self.capture_target()

    def start_scan(self) -> None:
        target = self._free_target()
        if target is None:
            return
        index, name = target
        self._capture_cancel = threading.Event()
        self.capture_status(t("files.scan.starting", name=name))
        self._scan(index, name, self._capture_cancel)

    def start_import(self) -> None:
        target = self._free_target()
        if target is None:
            return
        index, name = target
        folder = self.counter_app.store.settings.scanner.drop_folder

        def answered(path: Path | None) -> None:
            if path is not None and not self.capturing:
                self._capture_cancel = threading.Event()
                self.capture_status(t("files.import.reading", name=name))
                self._import(index, name, path)

        self.counter_app.push_screen(PathDialog(name, str(folder) if folder else ""), answered)

    def cancel_capture(self) -> bool:
        """Stop a scan under way (True), or do nothing (False) when none is running."""
        if self._capture_cancel is None:
            return False
        self._capture_cancel.set()
        self.capture_status(t("files.scan.cancelling"))
        return True

    # --- workers -----------------------------------------------------------------------------------------

    def _finish(self, index: int, name: str, file: FileRef | None) -> None:
        self._capture_cancel = None
        self.capture_status("")
        if file is not None:
            self.capture_done(index, file)
            self.counter_app.notify(t("files.attached", name=name, pages=file.pages))

    def _run(self, index: int, name: str, job: Any) -> None:
        """Run ``job()`` (returning a captured file) and hand the outcome back to the screen's thread."""
        app = self.counter_app
        file: FileRef | None = None
        try:
            captured = job()
            if captured is not None:
                file = FileRef(captured.sha256, captured.size, captured.pages)
        finally:
            app.call_from_thread(self._finish, index, name, file)

    @work(thread=True, exclusive=True, group="capture", exit_on_error=False)
    def _scan(self, index: int, name: str, cancel: threading.Event) -> None:
        from counter_app.services import capture, dossier_files

        app = self.counter_app

        def progress(pages: int) -> None:
            app.call_from_thread(self.capture_status, t("files.scan.page", page=pages, name=name))

        store = dossier_files.files_of(app.store)
        self._run(
            index,
            name,
            lambda: capture.scan_component(app.store.settings, store, progress=progress, cancel=cancel),
        )

    @work(thread=True, exclusive=True, group="capture", exit_on_error=False)
    def _import(self, index: int, name: str, path: Path) -> None:
        from counter_app.services import capture, dossier_files

        store = dossier_files.files_of(self.counter_app.store)
        self._run(index, name, lambda: capture.import_component(store, path))
