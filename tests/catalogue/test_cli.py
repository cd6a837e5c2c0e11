"""``counter-app catalogue``: the report, the exit codes, one line on standard error, the central store."""

from __future__ import annotations

import json
import shutil
import uuid

import pytest
from sqlmodel import Session, select

from counter_app.commands.exits import ExitCode
from counter_app.db.engine import make_engine
from counter_app.db.models import Procedure, UnitProcedure
from tests.catalogue.helpers import province_csv, province_xlsx


@pytest.fixture
def home(tmp_path, monkeypatch, empty_sqlite_template):
    home = tmp_path / "home"
    (home / "data").mkdir(parents=True)
    shutil.copy(empty_sqlite_template, home / "data" / "counter.sqlite3")
    for name in ("COUNTER_APP_DB_URL", "COUNTER_APP_CENTRAL_URL", "COUNTER_APP_UNIT", "COUNTER_APP_COUNTER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COUNTER_APP_HOME", str(home))
    return home


@pytest.fixture
def cli(monkeypatch):
    from counter_app import cli
    from counter_app.commands import tui

    monkeypatch.setattr(tui, "run", lambda args, context: 0)
    return cli.main


def stored(home) -> dict[str, Procedure]:
    engine = make_engine(f"sqlite:///{home / 'data' / 'counter.sqlite3'}")
    try:
        with Session(engine) as session:
            return {p.code: p for p in session.exec(select(Procedure)).all()}
    finally:
        engine.dispose()


def test_import_prints_the_report_and_exits_0(home, cli, capsys, tmp_path):
    assert cli(["catalogue", "import", str(province_xlsx(tmp_path / "p.xlsx"))]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "11 thủ tục" in out and "Thêm mới: 11 · Cập nhật: 0 · Không đổi: 0 · Ngừng áp dụng: 0" in out
    assert "dòng 12, 1.001022: «Không quá 10 ngày» — tính theo ngày (ngày lịch)" in out
    assert "Chờ thời hạn giải quyết, chưa áp dụng (2): 1.001022, 1.000419" in out
    assert "Cột không dùng: «Địa điểm thực hiện», «Căn cứ pháp lý»" in out
    assert len(stored(home)) == 11
    assert cli(["catalogue", "import", str(province_csv(tmp_path / "p.csv")), "--json"]) == ExitCode.OK
    record = json.loads(capsys.readouterr().out)
    assert record["kind"] == "csv" and len(record["unchanged"]) == 11 and record["added"] == []
    assert record["unreadable_deadlines"][0] == {
        "row": 12,
        "code": "1.001022",
        "text": "Không quá 10 ngày",
        "reason": "calendar_days",
    }
    assert record["columns"]["code"] == "Mã số TTHC" and record["unmapped_columns"] == [
        "Địa điểm thực hiện",
        "Căn cứ pháp lý",
    ]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "trống"),
        (b"PK\x03\x04garbage", "không phải bảng tính .xlsx"),
        ("STT,Tên thủ tục\n1,Khai sinh\n".encode(), "không có cột mã thủ tục"),
    ],
)
def test_a_file_that_cannot_be_used_exits_2_in_one_line_and_writes_nothing(
    home, cli, capsys, tmp_path, content, words
):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    assert cli(["catalogue", "import", str(path)]) == ExitCode.REFUSED
    captured = capsys.readouterr()
    assert captured.err.startswith("counter-app: ") and captured.err.count("\n") == 1, captured.err
    assert words in captured.err and "Traceback" not in captured.err and captured.out == ""
    assert stored(home) == {}


def test_a_missing_file_exits_2(home, cli, capsys, tmp_path):
    assert cli(["catalogue", "import", str(tmp_path / "none.xlsx")]) == ExitCode.REFUSED
    assert "none.xlsx" in capsys.readouterr().err


def test_enable_disable_list_and_edit(home, cli, capsys, tmp_path):
    cli(["catalogue", "import", str(province_xlsx(tmp_path / "p.xlsx"))])
    capsys.readouterr()
    assert cli(["catalogue", "enable", "1.001193", "2.000815"]) == ExitCode.OK
    assert "đã bật 2 thủ tục; đơn vị đang tiếp nhận 2 thủ tục" in capsys.readouterr().out
    assert cli(["catalogue", "list", "--unit", "21025"]) == ExitCode.OK
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["2.000815", "1.001193"]
    assert lines[1].split("\t")[3:] == ["Trong ngày", "Không thu", "đang áp dụng"]
    assert cli(["catalogue", "enable", "9.999999"]) == ExitCode.REFUSED
    assert "9.999999" in capsys.readouterr().err
    assert cli(["catalogue", "disable", "1.001193", "2.000815"]) == ExitCode.OK
    assert "chưa bật thủ tục nào" in capsys.readouterr().out

    assert cli(["catalogue", "list", "--field", "ho tich", "--json"]) == ExitCode.OK
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    held = next(r for r in records if r["code"] == "1.001022")
    assert (held["status"], held["working_days"], len(records)) == ("held", None, 8)
    assert (
        cli(
            [
                "catalogue",
                "edit",
                "1.001022",
                "--days",
                "10",
                "--documents",
                "- Tờ khai; - Giấy tờ chứng minh",
            ]
        )
        == 0
    )
    assert (
        "Thủ tục 1.001022: 10 ngày làm việc, 15.000 đồng, 2 thành phần hồ sơ (đang áp dụng)."
        in capsys.readouterr().out
    )
    assert cli(["catalogue", "edit", "1.001022"]) == ExitCode.REFUSED
    with pytest.raises(SystemExit) as usage:  # a usage error: argparse exits, one line too
        cli(["catalogue", "edit", "1.001022", "--days", "10", "--same-day"])
    assert usage.value.code == ExitCode.REFUSED
    capsys.readouterr()
    with Session(make_engine(f"sqlite:///{home / 'data' / 'counter.sqlite3'}")) as session:
        assert session.exec(select(UnitProcedure)).all() != []


def test_central_needs_a_url(home, cli, capsys, tmp_path):
    assert (
        cli(["catalogue", "import", str(province_xlsx(tmp_path / "p.xlsx")), "--central"]) == ExitCode.REFUSED
    )
    assert "kho trung tâm" in capsys.readouterr().err
    assert cli(["catalogue", "list", "--url", "postgresql://x@y/z"]) == ExitCode.REFUSED


@pytest.mark.pg
def test_central_import_as_the_administrator_and_refused_to_a_counters_role(
    home, cli, capsys, tmp_path, pg_database
):
    from sqlalchemy.engine import make_url

    from counter_app.sync import security

    path = str(province_xlsx(tmp_path / "p.xlsx"))
    assert cli(["catalogue", "import", path, "--central", "--url", pg_database]) == ExitCode.OK
    assert "Thêm mới: 11" in capsys.readouterr().out
    assert stored(home) == {}  # the counter's own store is untouched: it pulls from the centre
    central = make_engine(pg_database)
    try:
        with Session(central) as session:
            assert len(session.exec(select(Procedure)).all()) == 11
        security.install(central)
        role = security.create_counter_role(  # roles are cluster-wide: a name no other test run uses
            central, "21025", 1, "mat-khau-rat-dai-123", role_name=f"ct_{uuid.uuid4().hex[:8]}_21025_1"
        )
        try:
            as_counter = make_url(pg_database).set(username=role, password="mat-khau-rat-dai-123")
            url = as_counter.render_as_string(hide_password=False)
            assert cli(["catalogue", "import", path, "--central", "--url", url]) == ExitCode.REFUSED
            err = capsys.readouterr().err
            assert "tài khoản quản trị" in err and err.count("\n") == 1
        finally:
            security.drop_counter_role(central, role)
    finally:
        central.dispose()
