"""JSON Lines for monitoring: UTF-8, ISO 8601 times with the counters' offset, one object per line."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from counter_app.commands.output import iso_time, json_line, one_line


def test_times_are_iso_8601_in_the_counters_zone():
    assert iso_time(datetime(2026, 11, 20, 8, 37, 5)) == "2026-11-20T08:37:05+07:00"
    assert iso_time(datetime(2026, 11, 20, 1, 0, tzinfo=UTC)) == "2026-11-20T01:00:00+00:00"
    assert iso_time(None) is None


def test_one_object_per_line_in_utf8(capsysbinary):
    json_line({"sender": "Nộp trực tuyến", "at": datetime(2026, 11, 20, 8, 37), "day": date(2026, 11, 20)})
    json_line({"pending": 0, "last_sync": None})
    out = capsysbinary.readouterr().out
    assert "Nộp trực tuyến".encode() in out and b"\\u" not in out
    first, second = (json.loads(line) for line in out.decode().splitlines())
    assert first == {"sender": "Nộp trực tuyến", "at": "2026-11-20T08:37:00+07:00", "day": "2026-11-20"}
    assert second == {"pending": 0, "last_sync": None}
    assert datetime.fromisoformat(first["at"]).utcoffset() == timedelta(hours=7)


def test_one_line():
    assert one_line("  hai\n dòng\t ") == "hai dòng"
