"""QR codes and Code 128 barcodes drawn as vector shapes (PDF) or crisp pixels (thermal images).

The modules come from the encoders themselves — qrcode's ``get_matrix()`` and python-barcode's
Code 128 bar pattern — and are drawn as filled rectangles in one path, not embedded as raster
images: sharper at any printer resolution and much faster to produce.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache

import qrcode
from barcode import Code128
from PIL import ImageDraw
from qrcode.constants import ERROR_CORRECT_M
from reportlab.pdfgen.canvas import Canvas

QR_QUIET_ZONE = 4
"""Light modules around a QR code (ISO/IEC 18004)."""
CODE128_QUIET_ZONE = 10
"""Light modules on each side of a Code 128 symbol (ISO/IEC 15417)."""

Matrix = Sequence[Sequence[bool]]


def qr_matrix(
    data: str,
    *,
    error_correction: int = ERROR_CORRECT_M,
    mask_pattern: int | None = None,
) -> list[list[bool]]:
    """The dark (True) and light modules of the smallest QR code holding ``data``, no quiet zone.

    qrcode splits ``data`` into numeric / alphanumeric / byte segments by itself, so a long run
    of digits costs 10 bits per 3 digits.  ``mask_pattern=None`` lets qrcode try all eight masks
    and keep the one with the lowest ISO 18004 penalty (about 5 ms for a version 7 code in pure
    Python); a fixed mask skips that — see :data:`RANDOM_DATA_MASK`.
    """
    code = qrcode.QRCode(error_correction=error_correction, border=0, mask_pattern=mask_pattern)
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()


RANDOM_DATA_MASK = 7
"""Mask for payloads that are mostly random bytes, such as the signed receipt payload (64 of its
~105 bytes are an Ed25519 signature).  The penalty rules guard against structured data (long runs,
finder-like patterns); on random data every mask scores about the same — over 60 sample receipt
payloads mask 7 scored on average 70 penalty points (about 3.5 %) above the best of the eight, at
worst 333 (about 17 %) — and decoders read any mask.  Skipping the search saves about 5 ms per
receipt, a third of its time budget."""


@lru_cache(maxsize=64)
def code128_pattern(text: str) -> str:
    """The Code 128 modules of ``text`` as "1" (bar) and "0" (space), start to stop, no quiet zone."""
    return Code128(text).build()[0]


def _runs(cells: Sequence[bool] | str, dark: object = True) -> Iterator[tuple[int, int]]:
    """(start, length) of each run of dark cells."""
    start = None
    for i, cell in enumerate(cells):
        if cell == dark:
            if start is None:
                start = i
        elif start is not None:
            yield start, i - start
            start = None
    if start is not None:
        yield start, len(cells) - start


def _fill_unit_rects(
    c: Canvas, rects: Iterator[tuple[int, int, int, int]], x: float, y: float, sx: float, sy: float
) -> None:
    """Fill integer rectangles (x, y, w, h), given in a grid scaled by (sx, sy) from (x, y), as one path.

    One path means one fill: adjacent modules merge, with no hairline seams between them.
    """
    ops = " ".join(f"{rx} {ry} {rw} {rh} re" for rx, ry, rw, rh in rects)
    c.saveState()
    c.transform(sx, 0, 0, sy, x, y)
    c.setFillColorRGB(0, 0, 0)
    c.addLiteral(f"{ops} f")
    c.restoreState()


def draw_qr(c: Canvas, matrix: Matrix, x: float, y: float, size: float) -> None:
    """Draw the code so that its modules (quiet zone excluded) fill the square (x, y, size, size)."""
    n = len(matrix)
    rects = (
        (start, n - 1 - row, length, 1) for row, cells in enumerate(matrix) for start, length in _runs(cells)
    )
    _fill_unit_rects(c, rects, x, y, size / n, size / n)


def draw_code128(c: Canvas, text: str, x: float, y: float, *, module: float, height: float) -> float:
    """Draw the bars of ``text`` from (x, y) upwards; returns the symbol's width (quiet zones excluded)."""
    pattern = code128_pattern(text)
    _fill_unit_rects(
        c, ((start, 0, length, 1) for start, length in _runs(pattern, "1")), x, y, module, height
    )
    return len(pattern) * module


def code128_width(text: str, module: float) -> float:
    return len(code128_pattern(text)) * module


def paint_qr(draw: ImageDraw.ImageDraw, matrix: Matrix, x: int, y: int, module_px: int) -> int:
    """Paint the code in black at (x, y) with square modules of ``module_px`` pixels; returns its side."""
    for row, cells in enumerate(matrix):
        top = y + row * module_px
        for start, length in _runs(cells):
            left = x + start * module_px
            draw.rectangle((left, top, left + length * module_px - 1, top + module_px - 1), fill=0)
    return len(matrix) * module_px
