"""The content-addressed file store: written once and atomically, verified on every read, walked by
``counter-app files verify``, carried by backup and restore."""

from __future__ import annotations

import hashlib
import os
import stat

import pytest

from counter_app.services.errors import ServiceError
from counter_app.services.file_store import FileCorrupt, FileStore

PAGE = b"%PDF-1.7\n" + "Giấy khai sinh — bản sao".encode() + b"\n%%EOF\n"


@pytest.fixture
def files(tmp_path):
    return FileStore(tmp_path / "files", reserve_bytes=0)


def test_a_file_is_named_by_its_hash_stored_once_and_private(files):
    first = files.put_bytes(PAGE)
    again = files.put_bytes(PAGE)  # the same document reused by another dossier
    assert first.sha256 == hashlib.sha256(PAGE).hexdigest() and first.written and not again.written
    path = files.path_of(first.sha256)
    assert path.read_bytes() == PAGE and list(files.hashes()) == [first.sha256]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert files.read(first.sha256) == PAGE
    assert not any((files.root / ".tmp").iterdir())  # nothing half-written left behind


def test_a_damaged_file_is_reported_never_shown_and_a_new_write_repairs_it(files):
    stored = files.put_bytes(PAGE)
    path = files.path_of(stored.sha256)
    path.write_bytes(PAGE.replace(b"sao", b"gia"))
    with pytest.raises(FileCorrupt, match="đã bị hỏng"):
        files.read(stored.sha256)
    report = files.verify()
    assert [p.key for p in report.problems] == ["files.verify.corrupt"]
    assert files.put_bytes(PAGE).written  # the good bytes arrive again: the file is whole again
    assert files.verify().ok and files.read(stored.sha256) == PAGE


def test_stray_and_missing_files_and_bad_names_are_named(files):
    stored = files.put_bytes(PAGE)
    (files.root / "ab" / "cd").mkdir(parents=True)
    (files.root / "ab" / "cd" / "ghi-chu.txt").write_text("x")
    (files.root / "00" / "00").mkdir(parents=True)
    (files.root / "00" / "00" / stored.sha256).write_bytes(PAGE)  # the right bytes, the wrong place
    keys = sorted(p.key for p in files.verify().problems)
    assert keys == ["files.verify.stray", "files.verify.stray"]
    with pytest.raises(ServiceError, match="Không có tệp"):
        files.read("0" * 64)
    with pytest.raises(ServiceError, match="không phải mã băm"):
        files.read("../../etc/passwd")


def test_a_nearly_full_disk_is_refused_before_anything_is_written(tmp_path):
    free = os.statvfs(tmp_path).f_bavail * os.statvfs(tmp_path).f_frsize
    files = FileStore(tmp_path / "files", reserve_bytes=free + 1)
    with pytest.raises(ServiceError, match="Ổ đĩa sắp đầy"):
        files.put_bytes(PAGE)
    assert not list(files.hashes())


def test_a_source_file_is_stored_by_streaming(tmp_path, files):
    source = tmp_path / "scan.pdf"
    source.write_bytes(PAGE * 1000)
    stored = files.put_file(source)
    assert stored.size == len(PAGE) * 1000 and files.read(stored.sha256) == source.read_bytes()
    assert not files.put_file(source).written


def test_files_verify_from_the_command_line(cli_env, cli_main, capsys):
    files = FileStore(cli_env / "data" / "files")
    stored = files.put_bytes(PAGE)
    assert cli_main(["files", "verify"]) == 0
    assert capsys.readouterr().out.startswith("OK: 1 tệp,")
    files.path_of(stored.sha256).write_bytes(b"broken")
    assert cli_main(["files", "verify"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("PHÁT HIỆN SAI LỆCH: 1 tệp") and stored.sha256 in out


def test_backup_and_restore_carry_the_files_once(cli_env, cli_main, capsys, tmp_path):
    files = FileStore(cli_env / "data" / "files")
    stored = files.put_bytes(PAGE)
    backups = tmp_path / "saoluu"
    assert cli_main(["backup", "--to", str(backups)]) == 0
    assert "đã sao 1 tệp mới" in capsys.readouterr().out
    assert cli_main(["backup", "--to", str(backups)]) == 0  # a second backup shares the same copy
    assert "tệp mới" not in capsys.readouterr().out
    assert FileStore(backups / "files").read(stored.sha256) == PAGE
    backup_file = sorted(backups.glob("counter-*.sqlite3"))[0]
    files.path_of(stored.sha256).unlink()  # the counter's disk lost it
    assert cli_main(["restore", str(backup_file)]) == 0
    assert "đã khôi phục 1 tệp" in capsys.readouterr().out
    assert files.read(stored.sha256) == PAGE
