"""No citizen's CCCD number, name or birth date in any log line (issue 12, item 4): the log keeps the
error's kind and where it happened. Before, an unexpected failure logged its message and traceback (a
database error quotes the row), and every notice was logged with its text."""

from __future__ import annotations

import io
import json
import logging
import sqlite3
from contextlib import closing
from datetime import date, datetime

import pytest

from counter_app.domain.cccd import InvalidCccd, parse_cccd_qr

PIN = "123456"


def _citizen(home):
    with closing(sqlite3.connect(home / "data" / "counter.sqlite3")) as c:
        return c.execute(
            "SELECT cccd, full_name, birth_date FROM citizen WHERE birth_date IS NOT NULL ORDER BY cccd LIMIT 1"
        ).fetchone()


def _secrets(cccd: str, name: str, birth: str) -> list[str]:
    born = datetime.fromisoformat(str(birth)).date()
    return [cccd, name, born.isoformat(), f"{born:%d/%m/%Y}", f"{born:%d%m%Y}"]


def test_the_main_flows_log_no_citizen_data(cli_env, cli_main, capsys, monkeypatch, tmp_path, caplog):
    from counter_app.services import access

    cccd, name, birth = _citizen(cli_env)
    portal = tmp_path / "hoso.json"
    record = {
        "MaHoSo": "G22.51-261120-0042",
        "MaTTHC": "1.004873",
        "ChuHoSo": "Huỳnh Thị Thu Trang",
        "MaDoiTuong": "079301001234",
        "DiaChi": "12 Lê Lợi, Hội An",
        "SoDienThoai": "0905123456",
        "NgayTiepNhan": "20261120083000",
    }
    portal.write_text(json.dumps([record, {"MaHoSo": "x", "ChuHoSo": name}], ensure_ascii=False), "utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PIN}\n" * 4))
    with caplog.at_level(logging.DEBUG):
        assert cli_main(["access", "show", cccd, "--purpose", "Tra cứu", "--officer", "canbo1"]) == 0
        assert cli_main(["import", "online", str(portal), "--officer", "canbo1"]) == 2  # one refused
        with pytest.raises(InvalidCccd):  # a mis-scanned card: the number's year and the birth date differ
            parse_cccd_qr(f"{cccd}||{name}|01011901|Nam|Hội An|01012021", today=date(2026, 12, 1))

        def broken(*args, **kwargs):  # a failure whose message quotes the citizen, as a database's does
            raise RuntimeError(f"duplicate key (cccd)=({cccd}) name={name} born={birth}")

        monkeypatch.setattr(access, "citizen_record", broken)
        assert cli_main(["access", "show", cccd, "--purpose", "Tra cứu", "--officer", "canbo1"]) == 1
    capsys.readouterr()
    logged = caplog.text
    assert "RuntimeError" in logged  # the kind is kept, and where it happened
    secrets = [*_secrets(cccd, name, birth), "Huỳnh Thị Thu Trang", "079301001234", "0905123456", "Lê Lợi"]
    for secret in secrets:
        assert secret not in logged, secret


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_intake_and_a_scanned_card_log_no_citizen_data(seeded_store, caplog):
    from counter_app.services import citizens, intake
    from tests.services.test_dossier_flow import THU, clerk, request_for

    store = seeded_store
    with caplog.at_level(logging.DEBUG):
        request = request_for(store)
        dossier = intake.receive(store, clerk(store), request, now=THU)
        card = parse_cccd_qr(
            "079185001234||Đặng Thị Mỹ Duyên|05061985|Nữ|7 Trần Phú, Hội An|10102021", today=date(2026, 12, 1)
        )
        record = citizens.open_card(store, clerk(store), card, purpose="Tiếp nhận hồ sơ", now=THU)
    with store.session() as session:
        from counter_app.db.models import Citizen

        citizen = session.get(Citizen, request.citizen_id)
        secrets = _secrets(citizen.cccd, citizen.full_name, str(citizen.birth_date))
    secrets += [card.number, card.full_name, "05/06/1985", "1985-06-05", dossier.applicant_name]
    assert record.citizen.cccd == card.number
    for secret in secrets:
        assert secret not in caplog.text, secret
