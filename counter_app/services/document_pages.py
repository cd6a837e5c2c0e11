"""The pages of a digitised document (a PDF held as bytes): how many, and one of them as an image.

Pure functions over the bytes (no store, no screen): the viewer's worker thread calls them with what
:func:`counter_app.services.document_files.read_for_view` returned. PDFium (``pypdfium2``) does the
rendering; it is not thread-safe, so every call into it holds :data:`_PDFIUM` (the viewer, a test and a
command may render at the same time). A file PDFium cannot open (damaged, truncated, encrypted, not a PDF)
is refused with a :class:`~counter_app.services.errors.ServiceError` and a one-line Vietnamese message.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PIL import Image

from counter_app.services.errors import ServiceError

#: the widest page image rendered, in pixels (a zoomed page on a large screen; bounds the memory used)
MAX_WIDTH_PX = 4000
#: PDFium keeps global state: one caller at a time
_PDFIUM = threading.Lock()


@contextmanager
def _opened(data: bytes) -> Iterator[Any]:
    """The PDF document of ``data``, closed afterwards; :class:`ServiceError` when PDFium refuses it."""
    import pypdfium2 as pdfium  # loaded when a document is first shown, not at start-up

    if not isinstance(data, bytes | bytearray) or not data:
        raise ServiceError("viewer.pdf_damaged")
    with _PDFIUM:
        try:
            document = pdfium.PdfDocument(bytes(data))
        except pdfium.PdfiumError:
            raise ServiceError("viewer.pdf_damaged") from None
        try:
            if len(document) < 1:
                raise ServiceError("viewer.pdf_damaged")
            yield document
        finally:
            document.close()


def page_count(data: bytes) -> int:
    """How many pages the PDF ``data`` has (at least one, or :class:`ServiceError`)."""
    with _opened(data) as document:
        return len(document)


def render_page(data: bytes, page: int, width_px: int) -> Image.Image:
    """Page ``page`` (0-based) of the PDF ``data`` as an RGB image ``width_px`` pixels wide (kept between 1 and
    :data:`MAX_WIDTH_PX`), its height following the page's proportions."""
    import pypdfium2 as pdfium

    width_px = max(1, min(int(width_px), MAX_WIDTH_PX))
    with _opened(data) as document:
        total = len(document)
        if not 0 <= page < total:
            raise ServiceError("viewer.no_such_page", page=page + 1, pages=total)
        try:
            pdf_page = document[page]
            try:
                page_width, _ = pdf_page.get_size()
                scale = width_px / page_width if page_width > 0 else 1.0
                bitmap = pdf_page.render(scale=scale)
                try:
                    image: Image.Image = bitmap.to_pil().convert("RGB")
                finally:
                    bitmap.close()
            finally:
                pdf_page.close()
        except pdfium.PdfiumError:
            raise ServiceError("viewer.page_damaged", page=page + 1) from None
        return image
