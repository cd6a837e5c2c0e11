"""The Vietnamese input, the scan classifier, and the rules every binding and text follows."""

from __future__ import annotations

import re
from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding

from counter_app.locale import has, t
from counter_app.widgets.scan import CardScan, CodeScan, ScanError, classify, is_scan_like
from counter_app.widgets.vn_input import VnInput

from .helpers import type_text, wait_for

PAYLOAD = "051095000123|123456789|Nguyễn Văn An|01011995|Nam|Thôn An Lộc, Phường Cẩm Thành, tỉnh Quảng Ngãi|15062021"


class InputApp(App):
    def __init__(self) -> None:
        super().__init__()
        self.scanned: list[str] = []
        self.submitted: list[str] = []

    def compose(self) -> ComposeResult:
        yield VnInput(id="text")

    def on_vn_input_scanned(self, message: VnInput.Scanned) -> None:
        self.scanned.append(message.text)

    def on_input_submitted(self, message) -> None:
        self.submitted.append(message.value)


async def test_decomposed_typing_is_composed_and_backspace_removes_a_whole_letter():
    app = InputApp()
    async with app.run_test() as pilot:
        field = app.query_one(VnInput)
        await type_text(pilot, "Nguye\u0302\u0303n")  # a keyboard sending NFD: e + circumflex + tilde
        await wait_for(pilot, lambda: field.value == "Nguyễn", "NFC value")
        assert field.cursor_position == len("Nguyễn")
        await pilot.press("backspace")
        assert field.value == "Nguyễ"
        await pilot.press("backspace")  # ễ goes as one letter, marks and all
        assert field.value == "Nguy"


async def test_a_scan_in_an_input_becomes_a_scanned_message():
    app = InputApp()
    async with app.run_test() as pilot:
        await type_text(pilot, PAYLOAD, enter=True)
        await wait_for(pilot, lambda: app.scanned, "scanned message")
        assert app.scanned == [PAYLOAD] and app.submitted == []
        assert app.query_one(VnInput).value == ""
        await type_text(pilot, "khai sinh", enter=True)
        await wait_for(pilot, lambda: app.submitted, "ordinary submit")
        assert app.submitted == ["khai sinh"]


def test_classify():
    card = classify(PAYLOAD + "\r\n")
    assert isinstance(card, CardScan) and card.card.full_name == "Nguyễn Văn An"
    assert isinstance(classify("000.21025.H51-261120-1001"), CodeScan)
    assert isinstance(classify("051095000123|x|y"), ScanError)  # too few fields
    assert isinstance(classify("000.21025.H51-261399-1001"), ScanError)  # no 99th of the 13th month
    assert classify("khai sinh") is None
    assert classify("051095000123") is None  # a CCCD number typed by hand is a search, not a scan
    assert classify("") is None
    assert is_scan_like("a|b|c|d|e") and not is_scan_like("Nguyễn Văn An")


def _python_files() -> list[Path]:
    root = Path(__file__).resolve().parents[2] / "counter_app"
    return [
        root / "app.py",
        *sorted((root / "screens").glob("*.py")),
        *sorted((root / "widgets").glob("*.py")),
    ]


def test_every_text_key_used_on_screen_exists():
    missing = set()
    for path in _python_files():
        for key in re.findall(r'\bt\(\s*"([a-z_][a-z0-9_.]*)"', path.read_text(encoding="utf-8")):
            if not has(key):
                missing.add(f"{path.name}: {key}")
    assert not missing, sorted(missing)


def test_ui_texts_do_not_shadow_service_texts():
    from counter_app.domain.messages import VI
    from counter_app.locale.vi import services, ui

    assert not set(ui.MESSAGES) & set(services.MESSAGES)
    assert not set(ui.MESSAGES) & set(VI)


def test_every_binding_has_an_id_and_a_vietnamese_description():
    import inspect

    from counter_app import app as app_module
    from counter_app.screens import (
        board,
        counter,
        dialogs,
        dossier,
        find,
        handover_inbox,
        help,
        intake,
        login,
        return_result,
        supervisor_live,
    )
    from counter_app.widgets import checklist

    modules = [
        app_module,
        board,
        counter,
        dialogs,
        dossier,
        find,
        handover_inbox,
        help,
        intake,
        login,
        return_result,
        supervisor_live,
        checklist,
    ]
    problems = []
    for module in modules:
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if not cls.__module__.startswith("counter_app"):
                continue
            for binding in cls.__dict__.get("BINDINGS", []):
                if not isinstance(binding, Binding):
                    problems.append(f"{cls.__name__}: {binding!r} is not a Binding")
                    continue
                if not binding.id:
                    problems.append(f"{cls.__name__}: {binding.key} has no id")
                if binding.show and not binding.description:
                    problems.append(f"{cls.__name__}: {binding.key} shown without a description")
    assert not problems, problems
    assert t("key.help") == "Trợ giúp"
