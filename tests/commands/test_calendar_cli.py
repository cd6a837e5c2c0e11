"""``counter-app calendar``: on the counter's store, and on the central store with ``--central``."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from counter_app.db.engine import make_engine
from counter_app.db.migrate import prepare
from counter_app.db.models import CalendarDay
from counter_app.services.context import Store
from tests.conftest import make_settings


def test_day_off_list_and_remove_on_the_counter(cli_env, cli_main, capsys):
    assert cli_main(["calendar", "day-off", "07/12/2026", "--note", "Quyết định 12/QĐ-UBND"]) == 0
    assert "Thứ Hai 07/12/2026" in capsys.readouterr().out
    assert cli_main(["calendar", "list", "--year", "2026", "--json"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line) == {"day": "2026-12-07", "working": False, "note": "Quyết định 12/QĐ-UBND"}
    assert (
        cli_main(["calendar", "day-off", "2026-12-07"]) == 2
    )  # already a day off: one line, nothing changed
    assert "đã là ngày nghỉ" in capsys.readouterr().err
    assert cli_main(["calendar", "remove", "2026-12-07"]) == 0
    assert cli_main(["calendar", "list"]) == 0
    assert "Chưa khai báo" in capsys.readouterr().out
    with pytest.raises(SystemExit) as bad:  # argparse's usage error, one line (the CLI's Parser)
        cli_main(["calendar", "day-off", "31/02/2026"])
    assert bad.value.code == 2 and "ngày không hợp lệ «31/02/2026»" in capsys.readouterr().err


def test_working_day_on_the_central_store(cli_env, cli_main, capsys, pg_database, tmp_path):
    engine = make_engine(pg_database)
    prepare(engine)
    engine.dispose()
    assert cli_main(["calendar", "working-day", "2026-12-12", "--central", "--url", pg_database]) == 0
    central = Store(settings=make_settings(tmp_path / "central"), engine=make_engine(pg_database))
    with central.session() as s:
        (row,) = s.exec(select(CalendarDay)).all()
    central.dispose()
    assert (row.day.isoformat(), row.working) == ("2026-12-12", True)
