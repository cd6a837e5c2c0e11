"""``counter-app calendar official``: the published days the app ships, each with its source."""

from __future__ import annotations

import json


def test_official_days_are_listed_with_their_sources(cli_env, cli_main, capsys):
    assert cli_main(["calendar", "official", "--year", "2026"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("Lịch công bố, phiên bản dữ liệu ")
    assert "Thứ Sáu 02/01/2026\tnghỉ" in out and "12729/VPCP-KGVX" in out
    assert "Thứ Bảy 10/01/2026\tlàm việc" in out
    assert cli_main(["calendar", "official", "--year", "2025", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    by_day = {row["day"]: row for row in rows}
    assert by_day["2025-04-26"]["working"] is True and by_day["2025-05-02"]["working"] is False
    assert all(row["source"] for row in rows) and all(row["day"].startswith("2025") for row in rows)
