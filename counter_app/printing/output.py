"""Where printed documents go: an archive of PDF files, a CUPS printer, an ESC/POS thermal printer.

* :func:`save_pdf` keeps every PDF under ``printed_dir/YYYY/MM/<code>-<form>.pdf`` (never
  overwriting an earlier print: a reprint becomes ``<code>-<form>-2.pdf``), and copies it to
  ``--out FILE`` when asked.
* :func:`send_to_cups` runs ``lp -d PRINTER FILE`` with a timeout.
* :func:`print_escpos_image` sends a rendered ticket or slip to a python-escpos printer object
  (python-escpos is optional: imported only here, only when used); :func:`open_escpos_printer`
  opens one from a short target string.

Every failure is a :class:`PrintError` with a Vietnamese message that says what still holds
(the PDF was saved).
"""

from __future__ import annotations

import contextlib
import io
import itertools
import logging
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PIL import Image

from counter_app.domain.vntext import one_line
from counter_app.locale import t

from .files import write_new

FORM_RECEIPT = "mau01-tiep-nhan"
FORM_SUPPLEMENT = "mau02-bo-sung"
FORM_REFUSAL = "mau03-tu-choi"
FORM_APOLOGY = "mau04-xin-loi"
FORM_STOP = "thong-bao-dung"
FORM_CONTROL_SHEET = "mau05-kiem-soat"
FORM_LEDGER = "mau06-so-theo-doi"
FORM_TICKET = "phieu-so-thu-tu"
FORM_CATALOGUE = "danh-muc-tthc"

log = logging.getLogger(__name__)
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class PrintError(Exception):
    """A document could not be written or printed; ``str()`` is the Vietnamese reason."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(t(key, **params))


def _safe(part: str) -> str:
    return _UNSAFE.sub("_", part).strip("._") or "_"


@dataclass(frozen=True)
class SavedPdf:
    path: Path
    """The archived copy under ``printed_dir``."""
    out: Path | None = None
    """The extra copy written to ``--out``, if any."""


def archive_path(printed_dir: Path, code: str, form: str, when: date) -> Path:
    """``printed_dir/YYYY/MM/<code>-<form>.pdf`` (the name before any reprint suffix)."""
    return Path(printed_dir) / f"{when:%Y}" / f"{when:%m}" / f"{_safe(code)}-{_safe(form)}.pdf"


def save_pdf(
    pdf: bytes,
    *,
    printed_dir: Path,
    code: str,
    form: str,
    when: date,
    out: Path | None = None,
) -> SavedPdf:
    """Archive ``pdf`` under ``printed_dir`` and, with ``out``, also write it there (replacing it)."""
    target = archive_path(printed_dir, code, form, when)
    reprints = (target.with_name(f"{target.stem}-{n}{target.suffix}") for n in range(2, 1000))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        path = write_new(pdf, itertools.chain([target], reprints), mode=0o644)
    except OSError as exc:
        raise PrintError("printing.output.write_failed", path=target, error=exc.strerror or exc) from exc
    if out is not None:
        out = Path(out)
        try:
            if out.parent != Path():
                out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, out)
        except OSError as exc:
            raise PrintError("printing.output.write_failed", path=out, error=exc.strerror or exc) from exc
    return SavedPdf(path, out)


def send_to_cups(
    pdf_path: Path, printer: str, *, lp_command: str = "lp", timeout: float = 30.0, copies: int = 1
) -> str:
    """Queue ``pdf_path`` on the CUPS printer ``printer``; returns what ``lp`` answered (the job id).

    Raises :class:`PrintError` when ``lp`` is missing, fails, or does not answer within ``timeout``.
    """
    command = [lp_command, "-d", printer, "-n", str(copies), str(Path(pdf_path).absolute())]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except FileNotFoundError as exc:
        raise PrintError("printing.output.lp_missing", command=lp_command, path=pdf_path) from exc
    except subprocess.TimeoutExpired as exc:
        raise PrintError(
            "printing.output.lp_timeout", printer=printer, seconds=f"{timeout:g}", path=pdf_path
        ) from exc
    except OSError as exc:
        raise PrintError(
            "printing.output.lp_failed", printer=printer, code="-", detail=exc.strerror or exc, path=pdf_path
        ) from exc
    if done.returncode != 0:
        detail = one_line(done.stderr or done.stdout or "") or "-"
        raise PrintError(
            "printing.output.lp_failed", printer=printer, code=done.returncode, detail=detail, path=pdf_path
        )
    return done.stdout.strip()


# --- ESC/POS thermal printers ---------------------------------------------------------------------------


def _escpos_printer_module() -> Any:
    try:
        from escpos import printer
    except ImportError as exc:
        raise PrintError("printing.output.escpos_missing") from exc
    return printer


def open_escpos_printer(target: str) -> Any:
    """A python-escpos printer for ``target``: ``network:HOST[:PORT]``, ``usb:VID:PID`` (hex),
    ``serial:DEVICE[:BAUD]`` or ``file:PATH`` (e.g. ``file:/dev/usb/lp0``)."""
    printer = _escpos_printer_module()
    kind, _, rest = target.partition(":")
    try:
        if kind == "network" and rest:
            host, _, port = rest.partition(":")
            return printer.Network(host, port=int(port) if port else 9100)
        if kind == "usb" and rest:
            vendor, product = rest.split(":")
            return printer.Usb(int(vendor, 16), int(product, 16))
        if kind == "serial" and rest:
            device, _, baud = rest.partition(":")
            return printer.Serial(device, baudrate=int(baud) if baud else 9600)
        if kind == "file" and rest:
            return printer.File(rest)
    except ValueError as exc:
        raise PrintError("printing.output.escpos_target", target=target) from exc
    raise PrintError("printing.output.escpos_target", target=target)


def print_escpos_image(image: Image.Image, printer: Any, *, cut: bool = True) -> None:
    """Print a rendered ticket or slip (576 dots wide) on a python-escpos printer, then cut."""
    _escpos_printer_module()
    chatter = io.StringIO()
    try:
        # python-escpos print()s notices about printer profiles; stdout belongs to the TUI.
        with contextlib.redirect_stdout(chatter):
            printer.image(image)
            if cut:
                printer.cut()
    except Exception as exc:  # python-escpos raises many types (USB, serial, socket, its own)
        raise PrintError("printing.output.escpos_failed", detail=exc) from exc
    finally:
        if chatter.getvalue().strip():
            log.info("python-escpos: %s", chatter.getvalue().strip())
