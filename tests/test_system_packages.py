"""The hook that installs the Debian packages of the programs tests run (tests/system_packages.py)."""

from __future__ import annotations

import subprocess

from tests import system_packages


def test_nothing_is_run_when_every_command_is_there(monkeypatch):
    monkeypatch.setattr(system_packages, "PACKAGES", {"sh": "dash"})
    calls: list[list[str]] = []
    result = system_packages.ensure(
        ["sh"], run=lambda c: calls.append(c) or subprocess.CompletedProcess(c, 0)
    )
    assert (calls, result.message) == ([], "")


def test_a_missing_command_is_installed_with_an_update_first_when_the_lists_are_missing(monkeypatch):
    monkeypatch.setattr(system_packages, "PACKAGES", {"no-such-program-x": "pkg-x"})
    calls: list[list[str]] = []

    def run(command):
        calls.append(command)
        return subprocess.CompletedProcess(command, 100, "", "E: Unable to locate package pkg-x\n")

    result = system_packages.ensure(["no-such-program-x", "no-such-program-x"], run=run, is_root=True)
    install = ["apt-get", "install", "-y", "-q", "--no-install-recommends", "pkg-x"]
    assert calls == [install, ["apt-get", "update", "-q"], install]
    assert result.still_missing == ("no-such-program-x",)
    assert "\n" not in result.message and "Unable to locate package pkg-x" in result.message


def test_without_root_nothing_is_run_and_the_message_says_what_to_install(monkeypatch):
    monkeypatch.setattr(system_packages, "PACKAGES", {"no-such-program-x": "pkg-x"})
    result = system_packages.ensure(["no-such-program-x"], run=lambda c: 1 / 0, is_root=False)
    assert result.still_missing == ("no-such-program-x",)
    assert "apt-get install --no-install-recommends pkg-x" in result.message
    assert "pkg-x" in system_packages.missing_message("no-such-program-x")
