"""Run-time guard for the start-up imports (as Harlequin's tests/unit_tests/test_import_hygiene.py).

The import-linter contracts read the static graph, so they cannot tell a module-level import from
one deferred into the function that needs it. Start-up time depends on the difference: the App must
not load SQLAlchemy and friends before its first screen shows. This imports the App in a fresh
interpreter and looks at ``sys.modules``; on a leak, the message names the chain of project
imports that pulled each heavy package in.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: packages that cost start-up time and are only needed once the store is opened
HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "psycopg", "vietnam_provinces")

#: runs in the fresh interpreter: records, for each heavy package, the project frames that first
#: imported it, then imports the module under test and prints what was loaded as JSON
PROBE = """
import json, sys, traceback

HEAVY = {heavy!r}
chains = {{}}


class Probe:
    def find_spec(self, name, path=None, target=None):
        top = name.partition(".")[0]
        if top in HEAVY and top not in chains:
            chains[top] = [
                f"{{frame.filename}}:{{frame.lineno}}: {{frame.line}}"
                for frame in traceback.extract_stack()[:-1]
                if "counter_app" in frame.filename
            ]
        return None


sys.meta_path.insert(0, Probe())
import {module}

loaded = sorted({{name.partition(".")[0] for name in sys.modules}} & set(HEAVY))
print(json.dumps({{"loaded": loaded, "chains": chains}}))
"""


def imported_heavy(module: str) -> dict[str, list[str]]:
    """{heavy package: chain of project imports} for the heavy packages ``import module`` loads."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY, module=module)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    return {name: result["chains"].get(name, []) for name in result["loaded"]}


@pytest.mark.parametrize("module", ["counter_app.app"])
def test_importing_the_app_loads_no_database_or_unit_catalogue(module):
    leaked = imported_heavy(module)
    report = "\n".join(
        f"{name}, imported through:\n    " + "\n    ".join(chain or ["(no project frame)"])
        for name, chain in leaked.items()
    )
    assert not leaked, f"import {module} loaded {sorted(leaked)}\n{report}"
