"""Run every benchmark of bench/ and print one JSON line per figure.

    python bench/run_all.py [--quick] [--only NAME ...] [--timeout SECONDS]

Each script runs in its own process (a fresh interpreter, as the app would start); the JSON lines
it prints (objects with a "name") are passed through as they are, in the order of the scripts.
A script that is missing, fails or runs past its time limit gives a line
``{"name": ..., "error": ...}`` instead, and the run goes on. ``--quick`` asks each script for its
short form and must finish within 20 minutes on a 2-core machine.

An ``intake_keystrokes`` figure comes from whichever bench script prints it; when none does, an
error line says so.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent

#: script → (arguments for the full run, arguments for --quick); scripts found in bench/ but not
#: listed here run with no arguments (or --quick when their --help offers it)
KNOWN: dict[str, tuple[list[str], list[str]]] = {
    "bench_receipt_pdf.py": ([], ["--rounds", "50"]),
    "bench_sync.py": (["--events", "10000"], ["--events", "2000"]),
    "bench_startup.py": ([], ["--runs", "3"]),
    "bench_lookup.py": ([], ["--quick"]),
    "bench_kill9.py": ([], ["--quick"]),
    "bench_supervisor.py": ([], ["--quick", "--runs", "5"]),
    "bench_board.py": ([], ["--quick", "--runs", "10"]),
    "bench_catalogue_import.py": ([], ["--quick"]),
    "bench_files.py": ([], ["--quick"]),
    "bench_capture.py": ([], ["--quick"]),
}
#: figures that must appear; a line with an error is printed when no script gave them
EXPECTED_FIGURES = ("intake_keystrokes",)
SELF = {"run_all.py"}


def _emit(line: dict) -> None:
    print(json.dumps(line, ensure_ascii=False), flush=True)


def _offers(script: Path, option: str) -> bool:
    try:
        return f'"{option}"' in script.read_text(encoding="utf-8")
    except OSError:
        return False


def _arguments(script: Path, quick: bool) -> list[str]:
    """The script's arguments; options its source does not mention are left out (scripts change)."""
    full, short = KNOWN.get(script.name, ([], ["--quick"]))
    wanted, out, i = (short if quick else full), [], 0
    while i < len(wanted):
        option = wanted[i]
        value = wanted[i + 1 : i + 2] if i + 1 < len(wanted) and not wanted[i + 1].startswith("--") else []
        if _offers(script, option):
            out += [option, *value]
        i += 1 + len(value)
    return out


def _figures(stdout: str) -> list[dict]:
    figures = []
    for line in stdout.splitlines():
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            value = json.loads(line)
        except ValueError:
            continue
        if isinstance(value, dict) and "name" in value:
            figures.append(value)
    return figures


def run_script(script: Path, arguments: list[str], timeout: float) -> tuple[list[dict], str | None, float]:
    """(figures printed, error or None, seconds) of one benchmark script."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, str(script), *arguments],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        return _figures(out), f"timeout after {timeout:.0f} s", time.perf_counter() - started
    elapsed = time.perf_counter() - started
    figures = _figures(done.stdout)
    if done.returncode != 0:
        last = next((line for line in reversed(done.stderr.strip().splitlines()) if line.strip()), "")
        return figures, f"exit {done.returncode}: {last[-300:]}", elapsed
    if not figures:
        return figures, "no JSON figure printed", elapsed
    return figures, None, elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short forms; within 20 minutes on 2 cores")
    parser.add_argument(
        "--only", nargs="*", default=None, metavar="NAME", help="scripts to run (e.g. bench_lookup)"
    )
    parser.add_argument(
        "--timeout", type=float, default=None, help="seconds per script (default 480 quick, 3600)"
    )
    args = parser.parse_args(argv)
    timeout = args.timeout or (480.0 if args.quick else 3600.0)

    present = {p.name: p for p in sorted(BENCH.glob("bench_*.py")) if p.name not in SELF}
    names = list(dict.fromkeys([*KNOWN, *present]))
    if args.only:
        wanted = {n if n.endswith(".py") else f"{n}.py" for n in args.only}
        names = [n for n in names if n in wanted]
    seen: set[str] = set()
    failures = 0
    started = time.perf_counter()
    for name in names:
        script = present.get(name)
        stem = name.removesuffix(".py")
        if script is None:
            _emit({"name": stem, "error": "missing"})
            continue
        print(f"[run_all] {name} {' '.join(_arguments(script, args.quick))}", file=sys.stderr, flush=True)
        figures, error, seconds = run_script(script, _arguments(script, args.quick), timeout)
        for figure in figures:
            seen.add(str(figure["name"]))
            _emit(figure)
        if error is not None:
            failures += 1
            _emit({"name": stem, "error": error})
        print(f"[run_all] {name}: {len(figures)} figure(s) in {seconds:.1f} s", file=sys.stderr, flush=True)
    if not args.only:
        for figure in EXPECTED_FIGURES:
            if figure not in seen:
                _emit({"name": figure, "error": "missing: no bench script prints it"})
    print(f"[run_all] done in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
