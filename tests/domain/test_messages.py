"""The domain's messages: one Vietnamese dictionary, errors that keep key and parameters."""

from __future__ import annotations

import ast
import pickle
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pytest

import counter_app.domain
from counter_app.domain import calendar, cccd, codes, states
from counter_app.domain.messages import VI, DomainError, render

DOMAIN_DIR = Path(counter_app.domain.__file__).parent


def test_render_fills_the_template():
    assert render("cccd.field_count", count=5) == (
        "Dữ liệu mã QR CCCD có 5 trường; cần 6 hoặc 7 trường phân cách bằng dấu |."
    )


def test_render_formats_dates_the_vietnamese_way():
    text = render("cccd.issued_before_birth", issued_on=date(2001, 2, 3), birth_date=date(2005, 6, 7))
    assert text == "Ngày cấp 03/02/2001 trong mã QR CCCD trước ngày sinh 07/06/2005."


def test_render_never_raises():
    assert render("no.such.key") == "no.such.key"
    assert render("cccd.field_count") == VI["cccd.field_count"]  # parameter missing: template unfilled


def test_domain_error_keeps_key_and_params_and_speaks_vietnamese():
    error = DomainError("code.counter", value=12)
    assert isinstance(error, ValueError)
    assert error.key == "code.counter"
    assert error.params == {"value": 12}
    assert str(error) == "Số quầy 12 không hợp lệ: cần từ 1 đến 9."


@pytest.mark.parametrize(
    "error",
    [
        cccd.InvalidCccd("cccd.number", value="123"),
        codes.InvalidDossierCode("code.seq", value=0),
        states.IllegalTransition(
            "transition.illegal", from_label="A", to_label="B", from_status=1, to_status=2
        ),
    ],
)
def test_domain_errors_survive_pickling(error):
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert (copy.key, copy.params, str(copy)) == (error.key, error.params, str(error))


@pytest.mark.parametrize(
    "cls",
    [
        cccd.InvalidCccd,
        codes.InvalidDossierCode,
        codes.InvalidTicketNumber,
        states.IllegalTransition,
        states.InvalidStatus,
        calendar.CalendarError,
    ],
)
def test_every_domain_exception_is_a_domain_error(cls):
    assert issubclass(cls, DomainError)
    assert issubclass(cls, ValueError)


def test_texts_are_nfc_and_placeholders_are_balanced():
    for key, text in VI.items():
        assert unicodedata.normalize("NFC", text) == text, key
        assert text.count("{") == text.count("}"), key


def test_labels_carry_their_diacritics():
    assert VI["status.awaiting_fee"] == "Chờ thực hiện nghĩa vụ tài chính"
    assert VI["channel.post"] == "Bưu chính công ích"
    assert VI["timeliness.late"] == "Quá hạn"


#: the domain may use the standard library and the holiday calendar, but nothing that does I/O
IO_MODULES = {
    "os",
    "io",
    "pathlib",
    "socket",
    "sqlite3",
    "subprocess",
    "shutil",
    "tempfile",
    "urllib",
    "http",
    "logging",
    "threading",
    "asyncio",
    "multiprocessing",
    "sys",
}
ALLOWED_IMPORTS = (set(sys.stdlib_module_names) - IO_MODULES) | {"holidays"}


@pytest.mark.parametrize("path", sorted(DOMAIN_DIR.glob("*.py")), ids=lambda p: p.name)
def test_domain_modules_import_only_stdlib_and_holidays(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        else:
            continue
        for name in names:
            assert name.split(".")[0] in ALLOWED_IMPORTS, f"{path.name} imports {name}"
