"""The counter's document scanner, through SANE's command-line front end ``scanimage``.

``scanimage`` runs as a subprocess (never through a shell) in batch mode: one image file a page, PNG or TIFF,
in a private temporary directory (0700) that is removed afterwards, whatever happens. ``--batch-print``
makes it print each page's file name once the page is complete; that line drives the progress callback and
resets the time-out. The loop that waits for those lines also watches a :class:`threading.Event`: when it is
set (the officer pressed Esc), or when no page arrives within ``[scanner] timeout_seconds``, the scanner is
stopped (SIGTERM, which scanimage turns into ``sane_cancel``; SIGKILL two seconds later) and nothing is kept.

Every failure is a :class:`ServiceError` with one line for the officer: no ``scanimage``, no scanner found,
a device that cannot be opened, an empty feeder, a busy or jammed device, an option the driver refuses,
a time-out. scanimage runs with ``LC_ALL=C``, so the SANE messages it prints, which we read to tell these
apart, are the English ones.

No Textual here: the functions block, and are meant for a worker thread.
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

from counter_app.config import ScannerSettings
from counter_app.services.errors import ServiceError
from counter_app.services.pdf_pages import MAX_PAGES

SCANIMAGE = "scanimage"
#: seconds ``scanimage -L`` may take (network backends probe the LAN before answering)
LIST_TIMEOUT = 30.0
#: seconds between two looks at the cancel event while waiting for a page
POLL_SECONDS = 0.1
#: seconds scanimage gets to cancel the scan cleanly after SIGTERM, before SIGKILL
STOP_GRACE_SECONDS = 2.0
#: words that mark a paper source as a sheet feeder (drivers name it "ADF", "ADF Front", "ADF Duplex",
#: "Automatic Document Feeder"); any other source (a flatbed) gives one page a scan
FEEDER_WORDS = ("adf", "feeder", "duplex")

ImageFormat = Literal["png", "tiff"]
Progress = Callable[[int], None]


class ScanCancelled(ServiceError):
    """The officer stopped the scan; nothing was kept."""


@dataclass(frozen=True)
class ScannerDevice:
    """A scanner SANE found (``scanimage -L``)."""

    name: str  # what ``[scanner] device`` and ``scanimage -d`` take
    vendor: str
    model: str
    kind: str  # "flatbed scanner", "sheetfed scanner", "virtual device"...


def _environment() -> dict[str, str]:
    return {**os.environ, "LC_ALL": "C", "LANG": "C", "LANGUAGE": ""}


def list_devices(timeout: float = LIST_TIMEOUT) -> list[ScannerDevice]:
    """The scanners SANE finds now, in its order."""
    try:
        done = subprocess.run(
            [SCANIMAGE, "--formatted-device-list=%d\t%v\t%m\t%t%n"],
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            env=_environment(),
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except FileNotFoundError:
        raise ServiceError("capture.no_scanimage") from None
    except subprocess.TimeoutExpired:
        raise ServiceError("capture.list_timeout", seconds=int(timeout)) from None
    if done.returncode != 0:
        raise ServiceError(
            "capture.scan_failed", reason=_first_message(done.stderr) or f"exit {done.returncode}"
        )
    devices = []
    for line in done.stdout.splitlines():
        parts = line.split("\t")
        if len(parts) == 4 and parts[0].strip():
            devices.append(ScannerDevice(*(part.strip() for part in parts)))
    return devices


def resolve_device(scanner: ScannerSettings) -> str:
    """The configured device, or the first one SANE finds."""
    if scanner.device:
        return scanner.device
    devices = list_devices()
    if not devices:
        raise ServiceError("capture.no_scanner_found")
    return devices[0].name


def is_feeder(source: str | None) -> bool:
    return source is not None and any(word in source.casefold() for word in FEEDER_WORDS)


def scanimage_command(
    scanner: ScannerSettings, device: str, pattern: Path, image_format: ImageFormat, count: int
) -> list[str]:
    """The argument vector of one batch scan (no shell ever sees it)."""
    command = [
        SCANIMAGE,
        f"--device-name={device}",
        f"--format={image_format}",
        f"--batch={pattern}",
        f"--batch-count={count}",
        "--batch-print",
        f"--resolution={scanner.resolution}",
        f"--mode={scanner.mode}",
    ]
    if scanner.source:
        command.append(f"--source={scanner.source}")
    return [*command, *scanner.options]


@contextmanager
def scanned_pages(
    scanner: ScannerSettings,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    max_pages: int | None = None,
    image_format: ImageFormat = "png",
    workdir: Path | None = None,
) -> Iterator[list[Path]]:
    """Scan a batch and give the pages' image files, in order, for the ``with`` block; then remove them.

    A feeder source scans until the feeder is empty (at most ``max_pages``, at most :data:`MAX_PAGES`);
    any other source scans one page. ``progress`` is called with the number of pages done after each page.
    """
    if cancel is not None and cancel.is_set():
        raise ScanCancelled("capture.cancelled")
    device = resolve_device(scanner)
    if max_pages is None:
        max_pages = MAX_PAGES if is_feeder(scanner.source) else 1
    if not 1 <= max_pages <= MAX_PAGES:
        raise ServiceError("capture.too_many_pages", limit=MAX_PAGES)
    directory = Path(tempfile.mkdtemp(prefix="counter-scan-", dir=workdir))
    try:
        directory.chmod(0o700)  # mkdtemp makes it so already; said here because the pages are personal data
        yield _scan_into(directory, scanner, device, progress, cancel, max_pages, image_format)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def _read_lines(stream: IO[bytes], lines: queue.Queue[str | None]) -> None:
    try:
        for raw in stream:
            lines.put(raw.decode("utf-8", errors="replace").strip())
    finally:
        lines.put(None)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop scanimage: SIGTERM (it cancels the scan and releases the device), then SIGKILL."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _scan_into(
    directory: Path,
    scanner: ScannerSettings,
    device: str,
    progress: Progress | None,
    cancel: threading.Event | None,
    count: int,
    image_format: ImageFormat,
) -> list[Path]:
    pages_dir = directory / "pages"
    pages_dir.mkdir(mode=0o700)
    command = scanimage_command(scanner, device, pages_dir / f"page-%04d.{image_format}", image_format, count)
    log_path = directory / "scanimage.log"
    with open(log_path, "wb") as log:
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=log,
                cwd=directory,
                env=_environment(),
                start_new_session=True,  # Ctrl+C in the terminal reaches the app, not the scanner
            )
        except FileNotFoundError:
            raise ServiceError("capture.no_scanimage") from None
        except OSError as exc:
            raise ServiceError("capture.scan_failed", reason=exc.strerror or str(exc)) from None
    assert process.stdout is not None
    lines: queue.Queue[str | None] = queue.Queue()
    reader = threading.Thread(target=_read_lines, args=(process.stdout, lines), daemon=True)
    reader.start()
    pages: list[Path] = []
    timeout = scanner.timeout_seconds
    deadline = time.monotonic() + timeout
    error_seen: float | None = None  # when scanimage reported a failure (it may then hang: see below)
    stuck = False
    try:
        while True:
            if cancel is not None and cancel.is_set():
                raise ScanCancelled("capture.cancelled")
            now = time.monotonic()
            if now > deadline or (error_seen is not None and now - error_seen > STOP_GRACE_SECONDS):
                # SANE backends can hang after reporting an error (the test backend does, one time in
                # ten, after a failed read): scanimage is stopped; what it said decides the message
                stuck = True
                break
            try:
                line = lines.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if error_seen is None and _reports_failure(_read_log(log_path)):
                    error_seen = time.monotonic()
                continue
            if line is None:  # scanimage closed its output: it is ending
                break
            if not line:
                continue
            page = Path(line)
            pages.append(page if page.is_absolute() else directory / page)
            deadline = time.monotonic() + timeout
            if progress is not None:
                progress(len(pages))
        if not stuck:
            try:
                process.wait(timeout=max(deadline - time.monotonic(), STOP_GRACE_SECONDS))
            except subprocess.TimeoutExpired:
                stuck = True
    finally:
        _stop(process)
        process.stdout.close()
        reader.join(timeout=STOP_GRACE_SECONDS)
    returncode = process.returncode
    messages = _read_log(log_path)
    if pages and _feeder_ran_out(messages) and (returncode == NO_DOCS or stuck):
        pass  # the feeder emptied before the batch count: the normal end of a feeder's scan
    elif stuck and not _reports_failure(messages):
        raise ServiceError("capture.timeout", device=device, seconds=timeout)
    elif stuck or returncode != 0 or not pages:
        raise _failure(device, returncode, messages)
    missing = [page for page in pages if not page.is_file()]
    if missing:
        raise ServiceError("capture.scan_failed", reason=f"thiếu tệp trang {missing[0].name}")
    return pages


def _read_log(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _reports_failure(stderr: str) -> bool:
    """scanimage said something went wrong."""
    return bool(_failure_lines(stderr))


#: SANE_STATUS_NO_DOCS, scanimage's exit status when the feeder empties before ``--batch-count`` pages
NO_DOCS = 7


def _feeder_ran_out(stderr: str) -> bool:
    """The batch ended because the feeder was empty when the next page was to start (not a failure)."""
    failures = _failure_lines(stderr)
    return bool(failures) and "sane_start" in failures[-1] and "out of documents" in failures[-1]


#: lines scanimage prints while all is well (on standard error, with the messages)
_CHATTER = ("Scanning ", "Scanned page", "Batch terminated", "Output format")


#: what scanimage prints when it is being stopped (after the failure that matters)
_STOPPING = ("trying to stop scanner", "received signal", "aborting")


def _failure_lines(stderr: str) -> list[str]:
    """scanimage's complaints, in order, without the lines it prints while being stopped."""
    return [
        line.strip().removeprefix("scanimage:").strip()
        for line in stderr.splitlines()
        if line.startswith("scanimage:") and not any(word in line for word in _STOPPING)
    ]


def _first_message(stderr: str) -> str:
    failures = _failure_lines(stderr)
    if failures:
        return failures[0][:200]
    lines = [line.strip() for line in stderr.splitlines() if line.strip() and not line.startswith(_CHATTER)]
    return lines[0][:200] if lines else ""


def _failure(device: str, returncode: int, stderr: str) -> ServiceError:
    """The error for a scan that ended with no page or a non-zero status, from scanimage's messages."""
    for line in stderr.splitlines():
        if "open of device" in line and "failed" in line:
            reason = line.split("failed:", 1)[-1].strip() or line.strip()
            return ServiceError("capture.no_device", device=device, reason=reason)
        if "setting of option" in line:  # "scanimage: setting of option --mode failed (Invalid argument)"
            words = line.split("setting of option", 1)[1].split()
            return ServiceError("capture.bad_option", device=device, option=words[0] if words else "?")
    lowered = stderr.casefold()
    if "device busy" in lowered:
        return ServiceError("capture.busy", device=device)
    if "jammed" in lowered:
        return ServiceError("capture.jammed", device=device)
    if "cover is open" in lowered or "cover open" in lowered:
        return ServiceError("capture.cover_open", device=device)
    if "out of documents" in lowered or "no documents" in lowered:
        return ServiceError("capture.feeder_empty")
    if returncode == 0:
        return ServiceError("capture.no_pages")
    return ServiceError("capture.scan_failed", reason=_first_message(stderr) or f"exit {returncode}")
