"""The Unicode font shipped with the package, for PDF (reportlab) and thermal images (Pillow).

PDF's built-in Helvetica and Times have no Vietnamese letters, so every form embeds
DejaVu Serif (``counter_app/printing/fonts/``, licence beside it).  Registration with
reportlab happens once per process, on first use.
"""

from __future__ import annotations

import threading
from enum import Enum
from functools import cache, lru_cache
from pathlib import Path

from PIL import ImageFont
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).with_name("fonts")


class Style(Enum):
    """A face of the shipped family; the value is the name registered with reportlab."""

    REGULAR = "CounterAppSerif"
    BOLD = "CounterAppSerif-Bold"
    ITALIC = "CounterAppSerif-Italic"

    @property
    def path(self) -> Path:
        return FONT_DIR / _FILES[self]


_FILES = {
    Style.REGULAR: "DejaVuSerif.ttf",
    Style.BOLD: "DejaVuSerif-Bold.ttf",
    Style.ITALIC: "DejaVuSerif-Italic.ttf",
}
_lock = threading.Lock()
_registered = False


def register_pdf_fonts() -> None:
    """Register the shipped faces with reportlab (idempotent, thread-safe).

    Also turns off reportlab's ASCII85 wrapping of streams: binary streams are standard PDF,
    a fifth smaller, and spare a pure-Python encoding pass on every font subset.
    """
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        rl_config.useA85 = 0
        for style in Style:
            pdfmetrics.registerFont(TTFont(style.value, str(style.path)))
        _registered = True


@lru_cache(maxsize=8192)
def string_width(text: str, style: Style, size: float) -> float:
    """Width in points of ``text`` set in ``style`` at ``size`` points (cached: forms repeat words)."""
    register_pdf_fonts()
    return pdfmetrics.stringWidth(text, style.value, size)


@cache
def pil_font(style: Style, size: int) -> ImageFont.FreeTypeFont:
    """The face at ``size`` pixels, for drawing on thermal-printer images."""
    return ImageFont.truetype(str(style.path), size)
