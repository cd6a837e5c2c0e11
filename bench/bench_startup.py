"""Start-up time of the counter TUI, from process start to the log-in screen shown.

Each run is a fresh ``python -c`` process that does what ``counter-app --demo`` does (settings read, app
built with the store opening in the background) and runs the app headless until the log-in screen is
mounted and focused; the
parent measures wall time from spawning the process to the child's "ready" line. A minimal bare
Textual app (one Static) is measured the same way in the same run, and the ratio printed.

    python bench/bench_startup.py [--runs 9]

The demo store is seeded once, before timing, in a temporary COUNTER_APP_HOME (seeding is not start-up).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time

READY = "READY"

COUNTER_APP = textwrap.dedent(f"""
    import sys
    from counter_app.commands.context import CommandContext
    from counter_app.app import make_app

    context = CommandContext(demo=True)
    app = make_app(context.store, settings=context.settings())  # as counter-app --demo starts it

    async def auto_pilot(pilot):
        from counter_app.screens.login import LoginScreen
        while not (isinstance(app.screen, LoginScreen) and app.screen.is_mounted
                   and app.screen.query_one("#pin").has_focus):
            await pilot.pause(0.001)
        sys.stdout.write("{READY}\\n")
        sys.stdout.flush()
        app.exit()

    app.run(headless=True, size=(140, 45), auto_pilot=auto_pilot)
""")

BARE_TEXTUAL = textwrap.dedent(f"""
    import sys
    from textual.app import App
    from textual.widgets import Static

    class Bare(App):
        def compose(self):
            yield Static("ready", id="ready")

    app = Bare()

    async def auto_pilot(pilot):
        while not app.screen.query("#ready") or not app.screen.query_one("#ready").is_mounted:
            await pilot.pause(0.001)
        sys.stdout.write("{READY}\\n")
        sys.stdout.flush()
        app.exit()

    app.run(headless=True, size=(140, 45), auto_pilot=auto_pilot)
""")


def time_once(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == READY:
            elapsed = time.perf_counter() - start
            break
    else:
        _out, err = process.communicate()
        raise SystemExit(f"the child never became ready:\n{err}")
    process.communicate(timeout=30)
    return elapsed


def prepare_demo_home() -> str:
    home = tempfile.mkdtemp(prefix="counter-bench-")
    env = {**os.environ, "COUNTER_APP_HOME": home}
    subprocess.run(
        [
            sys.executable,
            "-c",
            textwrap.dedent("""
        from counter_app.commands.context import CommandContext
        from counter_app.commands.store import ensure_demo_data
        ensure_demo_data(CommandContext(demo=True).store(), citizens=300)
    """),
        ],
        env=env,
        check=True,
    )
    return home


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    home = prepare_demo_home()
    env = {**os.environ, "COUNTER_APP_HOME": home}
    try:
        time_once(COUNTER_APP, env)  # warm the OS file cache and byte-code caches once, untimed
        time_once(BARE_TEXTUAL, env)
        app_times, bare_times = [], []
        for _ in range(args.runs):  # interleaved, so that machine noise hits both alike
            app_times.append(time_once(COUNTER_APP, env))
            bare_times.append(time_once(BARE_TEXTUAL, env))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    app_median, bare_median = statistics.median(app_times), statistics.median(bare_times)
    ratio = app_median / bare_median
    print(
        f"counter-app --demo, process start to log-in screen: median {app_median:.3f} s "
        f"(min {min(app_times):.3f}, max {max(app_times):.3f}, {args.runs} runs)"
    )
    print(
        f"bare Textual app, process start to first screen:    median {bare_median:.3f} s "
        f"(min {min(bare_times):.3f}, max {max(bare_times):.3f}, {args.runs} runs)"
    )
    print(f"ratio: {ratio:.2f}x")
    print(
        json.dumps(
            {
                "name": "tui_startup",
                "median_s": round(app_median, 4),
                "bare_median_s": round(bare_median, 4),
                "ratio_vs_bare_textual": round(ratio, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
