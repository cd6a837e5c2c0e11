"""A digitised document, page by page, inside the terminal (issue 14).

The screen is given a title and a *loader*: a callable returning the document's PDF bytes, called in a
worker thread — typically ``lambda: read_for_view(app.store, app.officer, sha256=..., dossier_code=...)``
(:mod:`counter_app.services.document_files`), which checks the access rules, verifies the file against its
hash and logs the view. The screen never holds a session: only the bytes and the page on show.

Pages are rendered in a worker (:mod:`counter_app.services.document_pages`) while a loading indicator
shows, and drawn with textual-image (:mod:`counter_app.widgets.document_page`) to fit the cells available
(80x24 included); ``+``/``-`` zoom (the page area then scrolls). ``o`` opens the same checked bytes in the
system's PDF viewer when the counter has a desktop (:mod:`counter_app.services.desktop_viewer`), else says
in one line that there is none. Esc closes; a failed read (not found, corrupt file, damaged PDF) is said in
the page area, and nothing of the document is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image as PILImage
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, LoadingIndicator, Static

from counter_app.locale import describe_error, t
from counter_app.services.errors import ServiceError
from counter_app.widgets.document_page import PageArea, PageImage, Rendering, cell_pixels, fit_cells
from counter_app.widgets.workers import ReportsWorkerErrors

#: the zoom levels ``+``/``-`` step through (1 = the whole page fits the area)
ZOOMS = (1.0, 1.5, 2.0, 3.0, 4.0)
#: the widest rendering asked of PDFium for one page (pixels), however wide the terminal
MAX_RENDER_PX = 2400

#: what the loader returns: the document's PDF bytes, read through the access rules
Loader = Callable[[], bytes]


class DocumentViewer(ReportsWorkerErrors, ModalScreen[None]):
    """A document, page by page: PageDown/→ next, PageUp/← previous, Home/End, +/- zoom, o outside, Esc."""

    DEFAULT_CSS = """
    DocumentViewer { background: $background; }
    DocumentViewer #viewer-box { width: 100%; height: 1fr; }
    DocumentViewer #viewer-head { height: 1; padding: 0 1; background: $panel; }
    DocumentViewer #viewer-title { width: 1fr; height: 1; text-style: bold; text-overflow: ellipsis; }
    DocumentViewer #viewer-loading { width: 6; height: 1; min-height: 1; }
    DocumentViewer #viewer-indicator { width: auto; height: 1; padding-left: 2; color: $accent; text-style: bold; }
    DocumentViewer #viewer-page { height: 1fr; align: center top; scrollbar-size: 1 1; }
    DocumentViewer #viewer-message { width: 100%; height: auto; padding: 1 2; text-align: center; display: none; }
    DocumentViewer #viewer-message.shown { display: block; }
    DocumentViewer #viewer-message.error { color: $error; text-style: bold; }
    """
    BINDINGS = [
        Binding("pagedown", "page(1)", t("viewer.key.next"), id="document_viewer.next", key_display="PgDn"),
        Binding(
            "pageup", "page(-1)", t("viewer.key.previous"), id="document_viewer.previous", key_display="PgUp"
        ),
        Binding("right", "page(1)", t("viewer.key.next"), id="document_viewer.next_arrow", show=False),
        Binding(
            "left", "page(-1)", t("viewer.key.previous"), id="document_viewer.previous_arrow", show=False
        ),
        Binding("home", "first", t("viewer.key.first"), id="document_viewer.first", show=False),
        Binding("end", "last", t("viewer.key.last"), id="document_viewer.last", show=False),
        Binding(
            "plus,equals_sign",
            "zoom(1)",
            t("viewer.key.zoom_in"),
            id="document_viewer.zoom_in",
            key_display="+",
        ),
        Binding(
            "minus", "zoom(-1)", t("viewer.key.zoom_out"), id="document_viewer.zoom_out", key_display="-"
        ),
        Binding("o", "open_outside", t("viewer.key.open_outside"), id="document_viewer.open_outside"),
        Binding("escape", "close", t("viewer.key.close"), id="document_viewer.close", key_display="Esc"),
    ]

    @dataclass
    class Loaded(Message):
        """The document's bytes were read and checked; it has ``pages`` pages."""

        data: bytes
        pages: int

    @dataclass
    class Rendered(Message):
        """Page ``page`` (0-based) at ``zoom``, rendered."""

        page: int
        zoom: float
        image: PILImage.Image

    @dataclass
    class Failed(Message):
        """Reading or rendering failed: the one-line message to show instead of the page."""

        text: str

    def __init__(
        self, title: str, loader: Loader, *, rendering: Rendering = "auto", start_page: int = 0
    ) -> None:
        super().__init__()
        self.title_text = title
        self.loader = loader
        self.rendering: Rendering = rendering
        #: the checked bytes once loaded (None before, and after a failed read)
        self.data: bytes | None = None
        self.pages = 0
        #: the page on show, 0-based
        self.page = max(0, start_page)
        self.zoom_index = 0
        #: the last page drawn and its zoom (tests wait on it)
        self.shown: tuple[int, float] | None = None
        self.error: str | None = None
        self._image: PILImage.Image | None = None
        #: a render waits for the page area's first layout
        self._pending = False
        #: the area (cells) the page on show was rendered for
        self._rendered_for: tuple[int, int] | None = None

    @property
    def zoom(self) -> float:
        return ZOOMS[self.zoom_index]

    # --- layout -------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="viewer-box"):
            with Horizontal(id="viewer-head"):
                yield Static(self.title_text, id="viewer-title", markup=False)
                yield LoadingIndicator(id="viewer-loading")
                yield Static(t("viewer.loading"), id="viewer-indicator")
            with PageArea(id="viewer-page"):
                yield Static("", id="viewer-message", markup=False)
                yield PageImage(self.rendering, id="viewer-image")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._busy(True)
        self._load()

    def _busy(self, busy: bool) -> None:
        """The loading indicator (in the title row: the page area keeps its size, the page is fitted to it)."""
        self.query_one("#viewer-loading").display = busy

    def indicator_text(self) -> str:
        """«Trang 2/5», with the zoom when it is not 100 %."""
        if not self.pages:
            return "" if self.error else t("viewer.loading")
        text = t("viewer.page", page=self.page + 1, pages=self.pages)
        if self.zoom != 1.0:
            text += " · " + t("viewer.zoom", percent=round(self.zoom * 100))
        return text

    def _update_indicator(self) -> None:
        self.query_one("#viewer-indicator", Static).update(self.indicator_text())

    def _area_cells(self) -> tuple[int, int] | None:
        """The cells the page may fill (the page area less room for a scrollbar), or None before the first
        layout (the document may be read before the screen has been laid out)."""
        size = self.query_one("#viewer-page").content_size
        if size.width < 2 or size.height < 1:
            return None
        return size.width - 1, size.height

    # --- reading and rendering (workers) -------------------------------------------------------------

    @work(thread=True, exclusive=True, group="viewer-load", exit_on_error=False)
    def _load(self) -> None:
        from counter_app.services.document_pages import page_count

        try:
            data = self.loader()
            pages = page_count(data)
        except ServiceError as exc:
            self.post_message(self.Failed(describe_error(exc)))
            return
        except Exception:
            self.post_message(self.Failed(t("viewer.not_shown")))
            raise  # the app says what failed (ReportsWorkerErrors), and logs its kind, not its data
        self.post_message(self.Loaded(data, pages))

    @work(thread=True, exclusive=True, group="viewer-render", exit_on_error=False)
    def _render_worker(self, data: bytes, page: int, zoom: float, width_px: int) -> None:
        from counter_app.services.document_pages import render_page

        try:
            image = render_page(data, page, width_px)
        except ServiceError as exc:
            self.post_message(self.Failed(describe_error(exc)))
            return
        self.post_message(self.Rendered(page, zoom, image))

    def _request_render(self) -> None:
        if self.data is None:
            return
        self._update_indicator()
        self._busy(True)
        area = self._area_cells()
        if area is None:  # not laid out yet: rendered when the area gets its size (_resized)
            self._pending = True
            return
        self._pending = False
        self._rendered_for = area
        width_px = min(MAX_RENDER_PX, max(64, round(area[0] * cell_pixels()[0] * self.zoom)))
        self._render_worker(self.data, self.page, self.zoom, width_px)

    def _draw(self) -> None:
        """Fit the rendered page to the area as it is now (after a render, or a resize)."""
        area = self._area_cells()
        if self._image is None or area is None:
            return
        cells = fit_cells(self._image.size, area, cell_pixels(), self.zoom)
        self.query_one(PageImage).show(self._image, cells)

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.data = message.data
        self.pages = message.pages
        self.page = min(self.page, self.pages - 1)
        self._request_render()

    @on(Rendered)
    def _rendered(self, message: Rendered) -> None:
        if (message.page, message.zoom) != (self.page, self.zoom):
            return  # the officer moved on while it rendered; the newer request is on its way
        self._image = message.image
        self._busy(False)
        self._draw()
        self.query_one(PageArea).scroll_home(animate=False)
        self.shown = (message.page, message.zoom)

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.error = message.text
        self.data = None
        self.pages = 0
        self._image = None
        self._busy(False)
        self.query_one(PageImage).clear()
        notice = self.query_one("#viewer-message", Static)
        notice.update(message.text)
        notice.add_class("shown", "error")
        self._update_indicator()

    @on(PageArea.Resized)
    def _resized(self) -> None:
        """The page area got its size, or a new one: a page waiting for it is rendered; a wider area than
        the page was rendered for is rendered again (sharper); otherwise the page is refitted."""
        area = self._area_cells()
        if area is None:
            return
        if self._pending:
            self._request_render()
            return
        if self._image is None:
            return
        if self._rendered_for is not None and area[0] > self._rendered_for[0] * 1.25:
            self._request_render()
        else:
            self._draw()

    # --- keys ---------------------------------------------------------------------------------------

    def _go(self, page: int) -> None:
        if not self.pages:
            return
        page = max(0, min(page, self.pages - 1))
        if page != self.page:
            self.page = page
            self._request_render()

    def action_page(self, step: int) -> None:
        self._go(self.page + step)

    def action_first(self) -> None:
        self._go(0)

    def action_last(self) -> None:
        self._go(self.pages - 1)

    def action_zoom(self, step: int) -> None:
        index = max(0, min(self.zoom_index + step, len(ZOOMS) - 1))
        if index != self.zoom_index and self.data is not None:
            self.zoom_index = index
            self._request_render()

    def action_open_outside(self) -> None:
        if self.data is None:
            self.notify(self.error or t("viewer.not_ready"), severity="warning")
            return
        self._open_outside(self.data)

    @work(thread=True, exclusive=True, group="viewer-outside", exit_on_error=False)
    def _open_outside(self, data: bytes) -> None:
        from counter_app.services.desktop_viewer import open_in_desktop_viewer

        try:
            open_in_desktop_viewer(data)
        except ServiceError as exc:
            self.app.call_from_thread(self.notify, describe_error(exc), severity="warning")
            return
        self.app.call_from_thread(self.notify, t("viewer.opened_outside"))

    def action_close(self) -> None:
        self.data = None
        self._image = None
        self.dismiss(None)
