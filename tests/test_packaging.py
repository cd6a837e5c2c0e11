"""Pins that match the tests: every dependency bounded, CI installing the exact versions that passed.

The TUI snapshots and a few private Textual APIs break on a minor release; a dependency without an
upper bound is a test run nobody made. ``constraints.txt`` holds the exact versions CI installs
(``.ci/run``); it must agree with ``pyproject.toml`` or ``pip install -c`` refuses to resolve.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]


def requirements() -> list[Requirement]:
    """The runtime requirements and those of every extra."""
    declared = list(PROJECT["dependencies"])
    for extra in PROJECT["optional-dependencies"].values():
        declared.extend(extra)
    return [Requirement(text) for text in declared]


def constraints() -> dict[str, Version]:
    pinned: dict[str, Version] = {}
    for number, line in enumerate((ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        assert match, f"constraints.txt:{number}: not an exact pin: {line!r}"
        pinned[canonicalize_name(match[1])] = Version(match[2])
    return pinned


@pytest.mark.parametrize("requirement", requirements(), ids=str)
def test_every_dependency_has_a_lower_and_an_upper_bound(requirement):
    operators = {spec.operator for spec in requirement.specifier}
    assert operators & {">=", "==", "~=", ">"}, f"{requirement}: no lower bound"
    assert operators & {"<", "==", "~=", "<="}, f"{requirement}: no upper bound (a release nobody tested)"


@pytest.mark.parametrize("requirement", requirements(), ids=str)
def test_constraints_pin_every_dependency_inside_its_range(requirement):
    pinned = constraints()
    name = canonicalize_name(requirement.name)
    assert name in pinned, f"{requirement.name} is not pinned in constraints.txt"
    assert requirement.specifier.contains(pinned[name], prereleases=True), (
        f"constraints.txt pins {requirement.name}=={pinned[name]}, outside {requirement}"
    )


@pytest.mark.parametrize("name", ["textual", "rich", "pytest-textual-snapshot"])
def test_the_snapshot_tests_run_on_a_renderer_in_the_pinned_range(name):
    """The snapshots were recorded with these: on others they report noise, not regressions."""
    installed = Version(metadata.version(name))
    (requirement,) = [r for r in requirements() if canonicalize_name(r.name) == canonicalize_name(name)]
    assert requirement.specifier.contains(installed, prereleases=True), (
        f"{name} {installed} is installed, outside {requirement}"
    )


def test_ci_installs_the_constraints_and_runs_every_check():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    install = next(line for line in script.splitlines() if "pip install" in line and ".[test,dev]" in line)
    assert "-c constraints.txt" in install
    commands = [line.strip() for line in script.splitlines()]
    after_pytest = commands[commands.index("pytest") :]
    for check in ("ruff check .", "ruff format --check .", "lint-imports", "mypy"):
        assert check in after_pytest, f".ci/run does not run {check!r} after pytest"


def test_mypy_is_a_pinned_dev_tool_and_the_domain_is_strict():
    dev = {
        canonicalize_name(Requirement(r).name): Requirement(r)
        for r in PROJECT["optional-dependencies"]["dev"]
    }
    assert "mypy" in dev
    mypy = PYPROJECT["tool"]["mypy"]
    assert mypy["packages"] == ["counter_app"] and mypy["python_version"] == "3.11"
    assert mypy["warn_unused_ignores"] is True
    assert not mypy.get("ignore_errors"), "no blanket ignore_errors"
    strict = [o for o in mypy["overrides"] if "counter_app.domain.*" in o["module"]]
    assert strict and strict[0]["disallow_untyped_defs"] and strict[0]["disallow_any_generics"]
    for override in mypy["overrides"]:
        assert not override.get("ignore_errors"), f"ignore_errors for {override['module']}"
