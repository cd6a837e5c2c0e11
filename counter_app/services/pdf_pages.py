"""Pages into one PDF per dossier component: images become PDF pages (img2pdf), PDFs are checked and merged
(pikepdf).

Pure apart from reading the input files: nothing is written anywhere, the result is bytes (or, for a
single valid PDF, the citizen's file itself, kept byte-for-byte so that its hash is the hash of the file the
citizen sent). Every refusal is a :class:`ServiceError` whose one-line message names the file (its name,
never its folder).

Images go into the PDF losslessly where img2pdf can (JPEG as it is, PNG re-wrapped); images img2pdf refuses
(an alpha channel, 16-bit or palette-with-transparency, WebP, BMP) are converted with Pillow first
(transparency laid on white paper).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from counter_app.services.errors import ServiceError

#: largest input file accepted (a 300 dpi colour A4 page as PNG is about 25 MB; a citizen's PDF rarely
#: passes 20 MB) and largest PDF produced; beyond it, the file store and the sync would carry dead weight
MAX_INPUT_BYTES = 100 * 1024 * 1024
#: pages of one component (a dossier component is one document, not a whole archive box)
MAX_PAGES = 500
#: pixels of one image: an A4 page at 1200 dpi is 140 million (below Pillow's own decompression-bomb error,
#: 179 million, so ours is the one the officer sees)
MAX_PIXELS = 150_000_000
#: image formats accepted (Pillow's names)
IMAGE_FORMATS = ("PNG", "JPEG", "TIFF", "WEBP", "BMP", "GIF")
#: files a scanner or an operating system leaves in folders, which are not pages
JUNK_NAMES = frozenset({"thumbs.db", "desktop.ini"})

#: words of qpdf's warnings when it had to repair a file to read it
REPAIRED = ("file is damaged", "reconstruct")
#: how the image formats we accept start (a file that starts so and does not open is a damaged image)
IMAGE_SIGNATURES = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"II*\x00",
    b"MM\x00*",
    b"GIF87a",
    b"GIF89a",
    b"BM",
)
#: modes img2pdf embeds as they are; others (alpha, 16-bit, palettes with transparency) go through Pillow
PLAIN_MODES = ("1", "L", "RGB", "CMYK", "P")

Kind = Literal["pdf", "image"]


@dataclass(frozen=True)
class Assembled:
    """One component's PDF: either ``source`` (a single valid PDF, kept as it is) or ``data``."""

    pages: int
    data: bytes | None = None
    source: Path | None = None


def _size_mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def check_size(path: Path) -> int:
    """The file's size; refused when missing, unreadable or larger than :data:`MAX_INPUT_BYTES`."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ServiceError("capture.missing_file", name=path.name) from None
    except OSError as exc:
        raise ServiceError("capture.unreadable", name=path.name, reason=exc.strerror or str(exc)) from None
    if not path.is_file():
        raise ServiceError("capture.unsupported", name=path.name)
    if size > MAX_INPUT_BYTES:
        raise ServiceError(
            "capture.too_large", name=path.name, size_mb=_size_mb(size), limit_mb=MAX_INPUT_BYTES // 2**20
        )
    return size


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(1024)
    except OSError as exc:
        raise ServiceError("capture.unreadable", name=path.name, reason=exc.strerror or str(exc)) from None


def kind_of(path: Path) -> Kind:
    """What the file is, by its content (its name's suffix is not trusted): a PDF or an image we accept."""
    check_size(path)
    head = _head(path)
    if b"%PDF-" in head:  # the header may follow a few bytes of junk (PDF 1.7, 7.5.2, implementation note)
        return "pdf"
    if path.suffix.lower() == ".pdf":
        raise ServiceError("capture.not_pdf", name=path.name)
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:  # reads the header only
            image_format, (width, height) = image.format, image.size
    except UnidentifiedImageError:
        is_image = head.startswith(IMAGE_SIGNATURES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
        raise ServiceError(
            "capture.image_damaged" if is_image else "capture.unsupported", name=path.name
        ) from None
    except Image.DecompressionBombError:
        raise ServiceError("capture.image_too_big", name=path.name, limit=MAX_PIXELS // 1_000_000) from None
    except OSError as exc:
        raise ServiceError("capture.unreadable", name=path.name, reason=exc.strerror or str(exc)) from None
    if image_format not in IMAGE_FORMATS:
        raise ServiceError("capture.unsupported", name=path.name)
    if width * height > MAX_PIXELS:
        raise ServiceError("capture.image_too_big", name=path.name, limit=MAX_PIXELS // 1_000_000)
    return "image"


def check_pdf(path: Path) -> int:
    """The number of pages of the PDF at ``path``; refused when encrypted, damaged or empty."""
    import pikepdf

    check_size(path)
    try:
        with pikepdf.open(path) as pdf:
            if pdf.is_encrypted:  # an owner password alone still restricts what others may do with it
                raise ServiceError("capture.pdf_encrypted", name=path.name)
            pages = len(pdf.pages)
            for page in pdf.pages:  # every page must be reachable, with a size
                page.mediabox  # noqa: B018
            if any(word in warning.casefold() for warning in pdf.get_warnings() for word in REPAIRED):
                # qpdf rebuilt a broken file (cut short, mangled cross-reference table): what we would
                # keep is still the broken file, which other readers may not open
                raise ServiceError("capture.pdf_damaged", name=path.name)
    except pikepdf.PasswordError:
        raise ServiceError("capture.pdf_encrypted", name=path.name) from None
    except ServiceError:
        raise
    except (pikepdf.PdfError, KeyError, ValueError, RecursionError):
        raise ServiceError("capture.pdf_damaged", name=path.name) from None
    except OSError as exc:
        raise ServiceError("capture.unreadable", name=path.name, reason=exc.strerror or str(exc)) from None
    if pages == 0:
        raise ServiceError("capture.pdf_empty", name=path.name)
    if pages > MAX_PAGES:
        raise ServiceError("capture.too_many_pages", limit=MAX_PAGES)
    return pages


def _flatten(path: Path) -> list[bytes]:
    """The frames of an image img2pdf will not take as it is, as PNGs it takes (alpha laid on white)."""
    from PIL import Image, ImageSequence

    pages: list[bytes] = []
    with Image.open(path) as image:
        dpi = image.info.get("dpi")
        for frame in ImageSequence.Iterator(image):
            if frame.mode == "P":
                frame = frame.convert("RGBA")
            if frame.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
                rgba = frame.convert("RGBA")
                paper = Image.new("RGB", rgba.size, (255, 255, 255))
                paper.paste(rgba, mask=rgba.getchannel("A"))
                frame = paper
            elif frame.mode in ("I", "I;16", "I;16B", "I;16L", "F"):
                frame = frame.convert("I").point(lambda value: value * (1 / 256)).convert("L")
            elif frame.mode not in ("1", "L", "RGB", "CMYK"):
                frame = frame.convert("RGB")
            out = io.BytesIO()
            frame.save(out, "PNG", **({"dpi": dpi} if dpi else {}))
            pages.append(out.getvalue())
    return pages


def _plain(path: Path) -> bool:
    """img2pdf can take the image as it is: no alpha, no transparency, a mode PDF has, a format it embeds."""
    from PIL import Image

    with Image.open(path) as image:
        return (
            image.format in ("PNG", "JPEG", "TIFF")
            and image.mode in PLAIN_MODES
            and "transparency" not in image.info
        )


def image_to_pdf(path: Path) -> bytes:
    """The image at ``path`` as a PDF (one page a frame); alpha is laid on white paper first."""
    import img2pdf

    check_size(path)
    try:
        if _plain(path):
            try:
                return bytes(img2pdf.convert(str(path), nodate=True, rotation=img2pdf.Rotation.ifvalid))
            except (img2pdf.AlphaChannelError, img2pdf.ImageOpenError, img2pdf.UnsupportedColorspaceError):
                pass  # converted with Pillow below
        return bytes(img2pdf.convert(_flatten(path), nodate=True, rotation=img2pdf.Rotation.ifvalid))
    except (FileNotFoundError, PermissionError) as exc:
        raise ServiceError("capture.unreadable", name=path.name, reason=exc.strerror or str(exc)) from None
    except Exception:  # img2pdf and Pillow raise many kinds on a broken image; all mean the same here
        raise ServiceError("capture.image_damaged", name=path.name) from None


def page_count(data: bytes) -> int:
    """Pages of a PDF held in memory."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def _natural_key(path: Path) -> tuple[object, ...]:
    """``trang2`` before ``trang10``: scanners number their files without leading zeros."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path.name.casefold()))


def folder_files(folder: Path) -> list[Path]:
    """The files of ``folder`` in page order (hidden files and the system's junk left out; not recursive)."""
    try:
        entries = list(folder.iterdir())
    except FileNotFoundError:
        raise ServiceError("capture.missing_file", name=folder.name) from None
    except OSError as exc:
        raise ServiceError("capture.unreadable", name=folder.name, reason=exc.strerror or str(exc)) from None
    files = [
        path
        for path in entries
        if path.is_file() and not path.name.startswith(".") and path.name.casefold() not in JUNK_NAMES
    ]
    if not files:
        raise ServiceError("capture.empty_folder", name=folder.name)
    return sorted(files, key=_natural_key)


def assemble(paths: Sequence[Path]) -> Assembled:
    """One PDF of ``paths`` in order. A single valid PDF is kept as it is; anything else is built."""
    import pikepdf

    if not paths:
        raise ServiceError("capture.nothing_given")
    kinds = [(path, kind_of(path)) for path in paths]  # every file refused before any work is done
    if len(kinds) == 1 and kinds[0][1] == "pdf":
        return Assembled(pages=check_pdf(paths[0]), source=paths[0])
    parts: list[bytes] = []
    for path, kind in kinds:
        if kind == "pdf":
            check_pdf(path)
            parts.append(path.read_bytes())
        else:
            parts.append(image_to_pdf(path))
    if len(parts) == 1:
        data = parts[0]
        pages = page_count(data)
    else:
        # the sources stay open until the merged file is saved: pikepdf copies their streams then
        with ExitStack() as stack, pikepdf.new() as merged:
            for part in parts:
                pdf = stack.enter_context(pikepdf.open(io.BytesIO(part)))
                merged.pages.extend(pdf.pages)
                if len(merged.pages) > MAX_PAGES:
                    raise ServiceError("capture.too_many_pages", limit=MAX_PAGES)
            pages = len(merged.pages)
            out = io.BytesIO()
            merged.save(out, deterministic_id=True)  # the same pages give the same file, and the same hash
            data = out.getvalue()
    if pages > MAX_PAGES:
        raise ServiceError("capture.too_many_pages", limit=MAX_PAGES)
    if len(data) > MAX_INPUT_BYTES:
        raise ServiceError(
            "capture.result_too_large", size_mb=_size_mb(len(data)), limit_mb=MAX_INPUT_BYTES // 2**20
        )
    return Assembled(pages=pages, data=data)
