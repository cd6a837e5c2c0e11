"""The fixtures of the web tests: a demo store's copy for a server, the servers started (stopped after), the
screenshots' folder, and Debian's headless Chromium through Playwright."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from counter_app.services.context import open_store
from tests.conftest import make_settings

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def home(tmp_path, sqlite_template) -> Path:
    """A COUNTER_APP_HOME with a copy of the seeded demo store."""
    home = tmp_path / "home"
    (home / "data").mkdir(parents=True)
    shutil.copy(sqlite_template, home / "data" / "counter.sqlite3")
    return home


@pytest.fixture
def store(home):
    store = open_store(make_settings(home))
    yield store
    store.dispose()


@pytest.fixture
def servers():
    started: list = []  # test_serve.Server
    yield started
    for server in started:
        server.kill()


@pytest.fixture(scope="session")
def report_dir(tmp_path_factory) -> Path:
    path = Path(os.environ.get("COUNTER_APP_TEST_REPORT") or tmp_path_factory.getbasetemp() / "web-report")
    path.mkdir(parents=True, exist_ok=True)
    print(f"\nweb page screenshots: {path}")
    return path


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        yield browser
        browser.close()
