"""Opening a document's checked bytes in the system's PDF viewer, when the counter has a desktop.

The bytes (already read through :func:`counter_app.services.document_files.read_for_view`) are written to
a private file (0600) in a private directory (0700) of this process — under ``$XDG_RUNTIME_DIR`` when
there is one (memory-backed, the user's own, emptied at log-out), else the system's temporary directory —
named with a random name (never the file's hash), and removed when the app exits. The viewer is started
with ``xdg-open`` (``open`` on macOS), detached from the terminal so it can neither draw on the TUI nor be
stopped with it. A counter without a desktop (no ``DISPLAY`` nor ``WAYLAND_DISPLAY``: a text console, an
SSH session) is told so in one line (:class:`ServiceError` ``viewer.no_desktop``).
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Mapping
from pathlib import Path

from counter_app.services.errors import ServiceError

#: starts the viewer on a file (the tests replace it); returns at once
Launcher = Callable[[list[str]], object]

_lock = threading.Lock()
_private_dir: Path | None = None


def _launch(command: list[str]) -> object:
    return subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        close_fds=True,
    )


def viewer_command(environ: Mapping[str, str] | None = None, platform: str | None = None) -> list[str] | None:
    """The command that opens a file in the desktop's viewer (the file's path is appended), or None when
    there is no desktop to show it on."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform == "darwin":
        return ["open"] if not environ.get("SSH_CONNECTION") else None
    if not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")):
        return None
    opener = shutil.which("xdg-open", path=environ.get("PATH"))
    return [opener] if opener else None


def has_desktop(environ: Mapping[str, str] | None = None) -> bool:
    """True when :func:`open_in_desktop_viewer` can show a file here."""
    return viewer_command(environ) is not None


def _directory(environ: Mapping[str, str]) -> Path:
    """This process's private directory (0700), made on first use and removed when the process exits."""
    global _private_dir
    with _lock:
        if _private_dir is None or not _private_dir.is_dir():
            runtime = environ.get("XDG_RUNTIME_DIR")
            parent = runtime if runtime and os.path.isdir(runtime) else None
            _private_dir = Path(tempfile.mkdtemp(prefix="counter-app-view-", dir=parent))
            os.chmod(_private_dir, 0o700)
            atexit.register(shutil.rmtree, _private_dir, True)
        return _private_dir


def write_private_copy(data: bytes, environ: Mapping[str, str] | None = None) -> Path:
    """``data`` in a new private file (0600) of this process's private directory (0700)."""
    environ = os.environ if environ is None else environ
    directory = _directory(environ)
    fd, name = tempfile.mkstemp(prefix="tai-lieu-", suffix=".pdf", dir=directory)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
    except OSError as exc:
        Path(name).unlink(missing_ok=True)
        raise ServiceError("viewer.open_failed", reason=exc.strerror or type(exc).__name__) from None
    return Path(name)


def open_in_desktop_viewer(
    data: bytes,
    *,
    environ: Mapping[str, str] | None = None,
    launcher: Launcher | None = None,
) -> Path:
    """Write ``data`` to a private file and open it in the desktop's PDF viewer; returns the file's path.

    :class:`ServiceError` ``viewer.no_desktop`` (nothing written) when there is no desktop, and
    ``viewer.open_failed`` when the viewer cannot be started."""
    environ = os.environ if environ is None else environ
    command = viewer_command(environ)
    if command is None:
        raise ServiceError("viewer.no_desktop")
    path = write_private_copy(data, environ)
    try:
        (launcher or _launch)([*command, str(path)])
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise ServiceError("viewer.open_failed", reason=exc.strerror or type(exc).__name__) from None
    return path
