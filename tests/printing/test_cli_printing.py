"""`verify PAYLOAD` and `keys export|import` through the real parser and ``cli.run``, on a keys directory
of the test's own (only ``keys_dir`` of the settings is read)."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest

from counter_app import cli
from counter_app.commands.context import CommandContext
from counter_app.printing.payload import ReceiptClaims, sign_receipt
from counter_app.printing.signing import CounterSigner

from .helpers import DOSSIER_CODE, nfc
from .test_payload import CLAIMS


def run(keys_dir, *argv: str) -> int:
    args = cli.build_parser().parse_args(argv)
    return cli.run(args, CommandContext(load_settings=lambda: SimpleNamespace(keys_dir=keys_dir)))


@pytest.fixture
def counter(tmp_path) -> CounterSigner:
    return CounterSigner.load_or_create(tmp_path / "keys", "000.00.53.H48-1")


def test_verify_prints_the_fields_of_a_genuine_receipt(tmp_path, counter, capsys):
    assert run(tmp_path / "keys", "verify", sign_receipt(CLAIMS, counter)) == 0
    out = nfc(capsys.readouterr().out)
    assert nfc("Giấy tiếp nhận hợp lệ") in out
    assert f"Mã hồ sơ: {DOSSIER_CODE}" in out
    assert nfc("Thời gian nhận hồ sơ: 08 giờ 37 phút, ngày 22 tháng 11 năm 2026") in out
    assert nfc("Thời gian hẹn trả kết quả: 08 giờ 37 phút, ngày 25 tháng 11 năm 2026") in out
    assert nfc("Mã thủ tục hành chính: 1.001193") in out
    assert f"{counter.key_id} (quầy 000.00.53.H48-1)" in nfc(out)


def one_error_line(capsys) -> str:
    """The one line of the failure, without the program's name that starts it."""
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err
    assert lines[0].startswith("counter-app: ")
    return nfc(lines[0].removeprefix("counter-app: "))


@pytest.mark.parametrize(
    "mangle",
    [
        lambda p: p[:-1] + ("1" if p[-1] != "1" else "2"),  # tampered
        lambda p: p[:100],  # truncated
        lambda p: "xin chào",  # garbage
        lambda p: "",  # empty
    ],
)
def test_verify_rejects_with_exit_2_and_one_line(tmp_path, counter, capsys, mangle):
    assert run(tmp_path / "keys", "verify", mangle(sign_receipt(CLAIMS, counter))) == 2
    assert one_error_line(capsys).startswith(nfc("Không hợp lệ: "))


def test_verify_unknown_key_then_import_it(tmp_path, counter, capsys):
    other = CounterSigner.load_or_create(tmp_path / "other-machine", "000.00.53.H51-3")
    payload = sign_receipt(
        ReceiptClaims(
            "000.00.53.H51-261122-3001", "000.00.53.H51", "1.000894", CLAIMS.received_at, CLAIMS.due_at
        ),
        other,
    )
    assert run(tmp_path / "keys", "verify", payload) == 2
    assert other.key_id in one_error_line(capsys)

    assert run(tmp_path / "other-machine", "keys", "export", "--out", str(tmp_path / "usb")) == 0
    exported = tmp_path / "usb" / f"{other.key_id}.pub"
    assert exported.exists() and str(exported) in capsys.readouterr().out

    assert run(tmp_path / "keys", "keys", "import", str(exported)) == 0
    assert other.key_id in capsys.readouterr().out
    assert run(tmp_path / "keys", "verify", payload) == 0
    assert "000.00.53.H51-261122-3001" in capsys.readouterr().out


def test_verify_reads_the_payload_from_stdin_with_a_dash(tmp_path, counter, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(sign_receipt(CLAIMS, counter) + "\n"))
    assert run(tmp_path / "keys", "verify", "-") == 0
    assert DOSSIER_CODE in capsys.readouterr().out


def test_keys_export_prints_the_public_key_without_out(tmp_path, counter, capsys):
    assert run(tmp_path / "keys", "keys", "export") == 0
    out = capsys.readouterr().out
    assert "BEGIN PUBLIC KEY" in out and counter.key_id in out and "PRIVATE" not in out


def test_keys_export_with_no_key_yet_exits_1(tmp_path, capsys):
    assert run(tmp_path / "empty", "keys", "export") == 1
    assert nfc("Chưa có khóa ký nào") in one_error_line(capsys)


@pytest.mark.parametrize("content", [b"garbage", None])
def test_keys_import_of_a_bad_or_missing_file_exits_2(tmp_path, capsys, content):
    path = tmp_path / "x.pub"
    if content is not None:
        path.write_bytes(content)
    assert run(tmp_path / "keys", "keys", "import", str(path)) == 2
    assert one_error_line(capsys).startswith(nfc("Không thực hiện được: "))


def test_settings_are_loaded_only_when_a_command_runs(tmp_path):
    calls = []
    context = CommandContext(load_settings=lambda: calls.append(1) or SimpleNamespace(keys_dir=tmp_path))
    args = cli.build_parser().parse_args(["verify", "MC:1"])
    assert calls == []
    assert cli.run(args, context) == 2 and calls == [1]
