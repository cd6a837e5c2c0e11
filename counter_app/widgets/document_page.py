"""One page of a document drawn in the terminal with textual-image.

textual-image picks the best way the terminal offers — Kitty's graphics protocol, Sixel, or coloured
half-blocks (``▀``, two pixels a cell) — by *asking the terminal* when it is imported. That question cannot
be asked once Textual has started (Textual's input thread would take the answer), so this module is imported
with the App (:mod:`counter_app.app`), before the app runs; nothing is drawn until a page is shown.

:func:`fit_cells` is the pure geometry: the cells a page takes to fit the area at a zoom level.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from PIL import Image as PILImage
from textual import events
from textual.app import ComposeResult
from textual.containers import ScrollableContainer
from textual.message import Message
from textual.widget import Widget
from textual_image._terminal import get_cell_size  # cached by textual-image's import; never asks again
from textual_image.widget import HalfcellImage
from textual_image.widget import Image as AutoImage

#: "auto": the terminal's best (graphics where supported); "halfcell": coloured half-blocks everywhere
#: (deterministic: what the snapshot tests use)
Rendering = Literal["auto", "halfcell"]


def cell_pixels() -> tuple[int, int]:
    """The size of one terminal cell in pixels (width, height), as textual-image measured it."""
    size = get_cell_size()
    return max(1, size.width), max(1, size.height)


def fit_cells(
    image_px: tuple[int, int], area_cells: tuple[int, int], cell_px: tuple[int, int], zoom: float = 1.0
) -> tuple[int, int]:
    """(columns, rows) for an image of ``image_px`` pixels: the whole image in ``area_cells`` at zoom 1,
    keeping its proportions on cells of ``cell_px`` pixels; ``zoom`` times that (it may overflow the area,
    which then scrolls). Never less than one cell either way."""
    width_px, height_px = image_px
    columns, rows = area_cells
    cell_w, cell_h = cell_px
    if width_px <= 0 or height_px <= 0 or columns <= 0 or rows <= 0:
        return 1, 1
    # rows an image `c` columns wide takes: c * cell_w * height_px / width_px / cell_h
    per_column = cell_w * height_px / (width_px * cell_h)
    fit_columns = min(float(columns), rows / per_column)
    width = max(1, round(fit_columns * zoom))
    height = max(1, round(width * per_column))
    return width, height


class PageImage(Widget):
    """The page on show: a textual-image widget of the chosen rendering, sized by the screen in cells."""

    DEFAULT_CSS = """
    PageImage { width: auto; height: auto; }
    PageImage > .page-image { width: 1; height: 1; }
    """

    def __init__(self, rendering: Rendering = "auto", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rendering = rendering
        image_class = HalfcellImage if rendering == "halfcell" else AutoImage
        self._image = image_class(classes="page-image")

    def compose(self) -> ComposeResult:
        yield self._image

    def show(self, image: PILImage.Image, cells: tuple[int, int]) -> None:
        """Draw ``image`` on ``cells`` (columns, rows)."""
        self._image.styles.width = cells[0]
        self._image.styles.height = cells[1]
        self._image.image = image

    def clear(self) -> None:
        self._image.image = None


class PageArea(ScrollableContainer, can_focus=False):
    """Where the page is shown (scrolls when zoomed in); tells its screen when its size changed, since the
    page is fitted to it (``Resize`` itself does not bubble)."""

    @dataclass
    class Resized(Message):
        area: PageArea

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Resized(self))
