"""Programs some tests run, and the Debian packages that provide them.

A test that runs a program is marked ``@pytest.mark.needs_command("scanimage")``. After collection,
``tests/conftest.py`` gathers the commands the selected tests need; when one is missing and the tests run
as root, it installs the packages with ``apt-get install -y --no-install-recommends`` (running
``apt-get update`` first only when the install fails, e.g. on a machine without package lists), quietly,
and prints one line. A command still missing makes its tests FAIL with the package to install: a scanner
test that skips would pass on a machine where the scanner path was never tried.

To add a program (``chromium`` for the web pages, ``espeak-ng`` for the spoken calls), add one entry to
:data:`PACKAGES` and mark the tests that run it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass

#: command → Debian package (bookworm) that provides it
PACKAGES: dict[str, str] = {
    # SANE's command-line front end; the tests use its built-in "test" backend (libsane1 brings it)
    "scanimage": "sane-utils",
    # the spoken call (services.announce): the engine and its Vietnamese voice (espeak-ng-data brings "vi")
    "espeak-ng": "espeak-ng",
    # ALSA's player: the terminal board plays each call with it (the tests on ALSA's "null" device)
    "aplay": "alsa-utils",
    # the web pages of `counter-app serve` are driven in it through Playwright (executable_path=/usr/bin/chromium)
    "chromium": "chromium",
}

#: seconds an apt-get step may take before we give up (a slow mirror must not hang the suite)
APT_TIMEOUT = 900.0

Runner = Callable[[list[str]], subprocess.CompletedProcess[str]]


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=APT_TIMEOUT, check=False)


def package_for(command: str) -> str:
    try:
        return PACKAGES[command]
    except KeyError:
        raise KeyError(f"{command!r} is not in tests/system_packages.py PACKAGES") from None


def missing(commands: Iterable[str]) -> list[str]:
    """The commands of ``commands`` not found on PATH, in order, without repeats."""
    return [command for command in dict.fromkeys(commands) if shutil.which(command) is None]


@dataclass(frozen=True)
class InstallResult:
    installed: tuple[str, ...]  # packages apt-get installed
    still_missing: tuple[str, ...]  # commands still not on PATH afterwards
    message: str  # one line for the test report ("" when nothing was needed)


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "no output"


def ensure(commands: Iterable[str], *, run: Runner = _run, is_root: bool | None = None) -> InstallResult:
    """Install the packages of the missing ``commands`` (as root only); say in one line what happened."""
    absent = missing(commands)
    if not absent:
        return InstallResult((), (), "")
    packages = list(dict.fromkeys(package_for(command) for command in absent))
    wanted = " ".join(packages)
    if is_root is None:
        is_root = os.geteuid() == 0
    if not is_root:
        return InstallResult(
            (),
            tuple(absent),
            f"system packages: {', '.join(absent)} missing; not root, so not installed "
            f"(run: sudo apt-get install --no-install-recommends {wanted})",
        )
    install = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages]
    try:
        done = run(install)
        if done.returncode != 0:  # no package lists yet (a fresh container), or stale ones
            run(["apt-get", "update", "-q"])
            done = run(install)
    except (OSError, subprocess.TimeoutExpired) as exc:
        still = tuple(missing(absent))
        return InstallResult((), still, f"system packages: apt-get install {wanted} failed: {exc}")
    still = tuple(missing(absent))
    if done.returncode != 0 or still:
        return InstallResult(
            (),
            still,
            f"system packages: apt-get install {wanted} failed (exit {done.returncode}): "
            f"{_last_line(done.stderr or done.stdout)}",
        )
    return InstallResult(
        tuple(packages), (), f"system packages: installed {wanted} (for {', '.join(absent)})"
    )


def missing_message(command: str) -> str:
    """Why a test that needs ``command`` fails when it is still missing after :func:`ensure`."""
    return (
        f"{command} is not installed and could not be installed automatically: "
        f"apt-get install --no-install-recommends {package_for(command)} (as root), then run the tests again"
    )
