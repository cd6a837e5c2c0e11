"""Backups taken while the counter writes, and restores that check before they replace anything."""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
import time
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import func, select

from counter_app.db.models import CodeSequence, Dossier, DossierEvent
from counter_app.services import audit, backup, intake
from counter_app.services.context import local_now, open_store
from counter_app.services.errors import ServiceError
from counter_app.services.printing_service import print_form
from tests.conftest import make_settings
from tests.hardening.conftest import officer_actor
from tests.services.test_dossier_flow import request_for


@pytest.fixture
def backend() -> str:
    """Backups of this kind are of the counter's SQLite store."""
    return "sqlite"


def _counts(path: Path) -> tuple[int, int]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as c:
        return (
            c.execute("SELECT count(*) FROM dossier").fetchone()[0],
            c.execute("SELECT count(*) FROM dossier_event").fetchone()[0],
        )


def _integrity(path: Path) -> str:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as c:
        return c.execute("PRAGMA integrity_check").fetchone()[0]


def test_backup_while_a_counter_writes_is_consistent(seeded_store, tmp_path):
    store = seeded_store
    actor = officer_actor(store)
    request = request_for(store)
    stop = threading.Event()
    written: list[str] = []
    errors: list[BaseException] = []

    def writer() -> None:
        at = datetime(2026, 12, 1, 8, 0)
        try:
            while not stop.is_set() and len(written) < 600:
                written.append(
                    intake.receive(store, actor, request, now=at + timedelta(seconds=len(written))).code
                )
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    copies = []
    try:
        while len(written) < 5:
            time.sleep(0.01)
        for _ in range(3):
            copies.append(backup.create(store, tmp_path / "backups"))
            time.sleep(0.05)
    finally:
        stop.set()
        thread.join()
    assert not errors
    sizes = set()
    for info in copies:
        assert info.path.parent == tmp_path / "backups" and info.path.suffix == ".sqlite3"
        assert _integrity(info.path) == "ok"
        engine = backup._read_only_engine(info.path)
        report = audit.verify(engine)
        engine.dispose()
        assert report.ok, report.lines()
        assert (report.dossiers, report.events) == _counts(info.path) == (info.dossiers, info.events)
        assert not Path(str(info.path) + "-wal").exists()  # one self-contained file
        sizes.add(info.dossiers)
    assert len(sizes) > 1  # the copies were taken while intakes went on
    assert not list((tmp_path / "backups").glob("*.partial"))


def test_restore_replaces_the_store_and_keeps_the_old_one(seeded_store, tmp_path):
    store = seeded_store
    saved = backup.backup(store, tmp_path / "b")
    before = _counts(saved)
    intake.receive(store, officer_actor(store), request_for(store), now=datetime(2026, 12, 1, 9, 0))
    settings = store.settings
    store.dispose()
    info = backup.restore(saved, settings)
    assert (info.dossiers, info.events) == before
    assert info.aside is not None and info.aside.exists() and _counts(info.aside)[0] == before[0] + 1
    assert ".before-restore-" in info.aside.name
    reopened = open_store(settings)
    try:
        with reopened.session() as s:
            assert s.exec(select(func.count()).select_from(Dossier)).one() == before[0]
            assert s.exec(select(func.count()).select_from(DossierEvent)).one() == before[1]
        assert audit.verify(reopened).ok
    finally:
        reopened.dispose()
    assert not list(info.target.parent.glob("*.restoring*"))


def test_restore_refuses_a_store_in_use(seeded_store, tmp_path):
    saved = backup.backup(seeded_store, tmp_path / "b")
    with seeded_store.session() as s:  # the app holds a connection open
        s.exec(select(Dossier.id)).first()
        with pytest.raises(ServiceError, match="đang được dùng"):
            backup.restore(saved, seeded_store.settings)


def _bad_files(tmp_path: Path, good: Path) -> dict[str, tuple[Path, str]]:
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(os.urandom(8192))
    truncated = tmp_path / "truncated.sqlite3"
    truncated.write_bytes(good.read_bytes()[: 40 * 1024])
    bare = tmp_path / "bare.sqlite3"
    with closing(sqlite3.connect(bare)) as c:
        c.execute("CREATE TABLE t (x)")
        c.commit()
    future = tmp_path / "future.sqlite3"
    future.write_bytes(good.read_bytes())
    with closing(sqlite3.connect(future)) as c:
        c.execute("UPDATE alembic_version SET version_num = '9999'")
        c.commit()
    tampered = tmp_path / "tampered.sqlite3"
    tampered.write_bytes(good.read_bytes())
    with closing(sqlite3.connect(tampered)) as c:
        c.execute(
            "DELETE FROM dossier_event WHERE seq = 2 AND dossier_id = "
            "(SELECT dossier_id FROM dossier_event WHERE seq = 3 LIMIT 1)"
        )
        c.commit()
    return {
        "garbage": (garbage, "không phải bản sao lưu"),
        "truncated": (truncated, "bị hỏng"),
        "bare": (bare, "không có phiên bản lược đồ"),
        "future": (future, "không biết"),
        "tampered": (tampered, "không toàn vẹn"),
        "missing": (tmp_path / "nothing.sqlite3", "Không tìm thấy"),
    }


def test_restore_checks_the_file_before_touching_the_store(seeded_store, tmp_path):
    store = seeded_store
    good = backup.backup(store, tmp_path / "b")
    target = backup.sqlite_path(store.settings)
    settings = store.settings
    store.dispose()
    original = target.read_bytes()
    for name, (path, message) in _bad_files(tmp_path, good).items():
        with pytest.raises(ServiceError, match=message):
            backup.restore(path, settings)
        assert target.read_bytes() == original, name
        assert not list(target.parent.glob("*.restoring*")), name
        assert not list(target.parent.glob("*.before-restore-*")), name
    with pytest.raises(ServiceError, match="chính là tệp"):
        backup.restore(target, settings)


def test_prune_keeps_recent_backups(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    old, recent, other = (
        folder / "counter-1-1-old.sqlite3",
        folder / "counter-1-1-new.sqlite3",
        folder / "notes.txt",
    )
    for path in (old, recent, other):
        path.write_bytes(b"x")
    month_ago = time.time() - 31 * 86400
    os.utime(old, (month_ago, month_ago))
    os.utime(other, (month_ago, month_ago))
    assert backup.prune(folder, 30) == [old]
    assert recent.exists() and other.exists()
    assert backup.prune(folder, 0) == []


@pytest.mark.parametrize("backend", ["postgresql"])
def test_postgresql_store_is_pointed_to_pg_dump(store, tmp_path):
    with pytest.raises(ServiceError, match="pg_dump"):
        backup.backup(store, tmp_path)


def test_cli_backup_and_restore(cli_env, cli_main, capsys):
    assert cli_main(["backup"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Đã sao lưu kho dữ liệu vào ") and "kiểm tra toàn vẹn: OK" in out
    (made,) = (cli_env / "data" / "backups").glob("counter-*.sqlite3")
    assert cli_main(["backup", "--to", str(cli_env / "elsewhere"), "--keep-days", "0"]) == 0
    assert len(list((cli_env / "elsewhere").glob("counter-*.sqlite3"))) == 1
    capsys.readouterr()
    assert cli_main(["restore", str(made)]) == 0
    out = capsys.readouterr().out
    assert "Đã khôi phục kho dữ liệu" in out and "được giữ tại" in out
    assert cli_main(["restore", str(cli_env / "none.sqlite3")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("counter-app: Không tìm thấy tệp sao lưu") and err.count("\n") == 1
    assert cli_main(["audit", "verify"]) == 0


def test_reseat_goes_past_the_codes_the_store_holds(seeded_store, cli_main, monkeypatch, capsys):
    """Codes handed out after the backup come back by sync; the counters must then go past them."""
    from sqlalchemy import text

    store = seeded_store
    actor = officer_actor(store)  # counter 1, the store's own
    at = datetime(2026, 12, 1, 9, 0)
    first = intake.receive(store, actor, request_for(store), now=at)
    second = intake.receive(store, actor, request_for(store), now=at)
    print_form(store, first.code, send=False)  # a printed file: the numbering is known, no fresh block
    with store.engine.begin() as c:  # the counters as the (older) backup had them
        c.execute(text("DELETE FROM code_sequence"))
    report = backup.reseat(store, now=at, central=False)
    assert report.raised >= 2 and not report.fresh_block  # the day's codes and the year's ledger lines
    assert report.printed == 1 and report.central is None
    third = intake.receive(store, actor, request_for(store), now=at)
    assert third.code not in (first.code, second.code) and third.ledger_line > second.ledger_line
    assert backup.reseat(store, now=at, central=False).raised == 0
    monkeypatch.setenv("COUNTER_APP_HOME", str(store.settings.home))
    assert cli_main(["restore", "--reseat"]) == 0
    out = capsys.readouterr().out
    assert "Đã nâng 0 bộ đếm" in out and "1 mã hồ sơ của quầy" in out and "Chưa cấu hình kho trung tâm" in out
    assert cli_main(["restore"]) == 2
    assert "Cần tên tệp sao lưu" in capsys.readouterr().err


def _receive_and_print(store, n: int) -> list[tuple[str, int]]:
    """Take ``n`` dossiers in now at counter 1 and print each one's receipt (as the counter screen does)."""
    actor = officer_actor(store)
    taken = []
    for _ in range(n):
        dossier = intake.receive(store, actor, request_for(store), now=local_now())
        print_form(store, dossier.code, send=False)
        taken.append((dossier.code, dossier.ledger_line))
    return taken


def _printed(home: Path) -> set[str]:
    return {p.name.split("-mau01")[0] for p in (home / "data" / "printed").rglob("*-mau01-tiep-nhan*.pdf")}


def test_restore_never_reissues_a_code_printed_after_the_backup(cli_env, cli_main, capsys):
    """``restore --reseat`` used to hand out again codes printed on receipts after the backup."""
    settings = make_settings(cli_env)
    store = open_store(settings)
    _receive_and_print(store, 2)
    saved = backup.backup(store)
    after_backup = _receive_and_print(store, 3)  # printed, never synced: lost with the store
    store.dispose()
    assert cli_main(["restore", str(saved)]) == 0
    out = capsys.readouterr().out
    assert "Đã khôi phục kho dữ liệu" in out and "5 mã hồ sơ của quầy" in out and "Đã nâng " in out
    store = open_store(settings)
    try:
        (new_code, new_line), *_ = _receive_and_print(store, 1)
    finally:
        store.dispose()
    assert new_code not in {code for code, _ in after_backup}
    assert new_code.rsplit("-", 1)[1] > max(code.rsplit("-", 1)[1] for code, _ in after_backup)
    assert new_line > max(line for _, line in after_backup)  # the ledger line printed on each receipt too
    assert cli_main(["restore", "--reseat"]) == 0  # again after the first sync: nothing more to raise
    assert "Đã nâng 0 bộ đếm" in capsys.readouterr().out


def test_without_printed_files_or_centre_the_counter_moves_to_a_fresh_block(cli_env, cli_main, capsys):
    settings = make_settings(cli_env)
    store = open_store(settings)
    saved = backup.backup(store)
    after_backup = _receive_and_print(store, 3)
    store.dispose()
    shutil.rmtree(cli_env / "data" / "printed")  # the disk was replaced: the printed files are gone too
    assert cli_main(["restore", str(saved)]) == 0
    out = capsys.readouterr().out
    assert "Không có tệp đã in nào" in out and f"tiếp tục từ số {backup.FRESH_BLOCK + 1}" in out
    store = open_store(settings)
    try:
        (new_code, new_line), *_ = _receive_and_print(store, 1)
    finally:
        store.dispose()
    assert int(new_code.rsplit("-", 1)[1][1:]) == backup.FRESH_BLOCK + 1
    assert new_line > max(line for _, line in after_backup)
    assert cli_main(["restore", "--reseat"]) == 0  # the same day: not moved a second time
    assert "Đã nâng 0 bộ đếm" in capsys.readouterr().out


def test_reseat_reads_the_numbers_the_central_store_holds(tmp_path, sqlite_template, pg_template):
    """Dossiers of this counter the centre has (pushed before the store was lost) are never numbered again."""
    from sqlalchemy import text

    from tests.conftest import temporary_database

    with temporary_database(template=pg_template) as (_, central_url):
        home = tmp_path / "home"
        (home / "data").mkdir(parents=True)
        shutil.copy(sqlite_template, home / "data" / "counter.sqlite3")
        settings = make_settings(home, COUNTER_APP_CENTRAL_URL=central_url)
        store = open_store(settings)
        counter_id = store.settings.counter_id
        try:
            with store.engine.begin() as c:  # the counters as an old backup had them
                c.execute(text("DELETE FROM code_sequence"))
            import psycopg

            with psycopg.connect(central_url.replace("+psycopg", ""), autocommit=True) as pg:
                # a dossier pushed after the backup: the centre has it numbered past anything the store holds
                pg.execute(
                    "UPDATE dossier SET ledger_line = 9000 WHERE id = (SELECT id FROM dossier "
                    "WHERE received_counter_id = %s AND ledger_line > 0 LIMIT 1)",
                    (counter_id,),
                )
            central = backup.central_numbers(central_url, counter_id)
            assert any(line == 9000 for _, _, line in central)
            report = backup.reseat(store, central=True)
            assert report.central == len(central) and report.central_error is None
            assert report.fresh_block  # no printed file: what was printed offline is unknown to the centre
            with store.session() as s:
                lasts = dict(
                    s.exec(
                        select(CodeSequence.scope, CodeSequence.last).where(
                            CodeSequence.counter_id == counter_id
                        )
                    ).all()
                )
            for code, book, line in central:
                assert lasts[f"ledger:{book[:4]}"] >= line
                day = code.split("-")[1]
                assert lasts[f"dossier:{day}"] >= int(code.split("-")[2][1:])
        finally:
            store.dispose()
    unreachable = make_settings(home, COUNTER_APP_CENTRAL_URL="postgresql://nobody@127.0.0.1:1/none")
    store = open_store(unreachable)
    try:
        report = backup.reseat(store)
        assert report.central is None and report.central_error
    finally:
        store.dispose()
