"""Every benchmark script imports (``bench/run_all.py`` runs each in its own process and reports an import
error only as a JSON line, so a renamed name in the project broke ``bench_lookup`` unseen)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.mark.parametrize("script", sorted(p.name for p in BENCH.glob("*.py")))
def test_the_benchmark_script_imports(script, monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    spec = importlib.util.spec_from_file_location(f"bench_{Path(script).stem}", BENCH / script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)  # module-level code only: each runs its measurement under __main__
    if script.startswith("bench_") or script == "run_all.py":  # pg_scratch.py is their helper, not a script
        assert callable(getattr(module, "main", None))
