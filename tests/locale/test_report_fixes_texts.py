"""The report fixes' texts (``counter_app.locale.vi.report_fixes``) and the lateness format: every text is
used, every one used exists, each lives in this area only, each is one NFC line."""

from __future__ import annotations

import importlib
import re
import unicodedata
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from counter_app.locale import areas, has
from counter_app.locale import formats as fmt
from counter_app.locale.vi.report_fixes import MESSAGES

PACKAGE = Path(__file__).resolve().parents[2] / "counter_app"
SOURCES = [path for path in PACKAGE.rglob("*.py") if "locale" not in path.relative_to(PACKAGE).parts]


def test_every_text_is_used_and_every_one_used_exists():
    code = "\n".join(path.read_text(encoding="utf-8") for path in SOURCES)
    code += (PACKAGE / "locale" / "formats.py").read_text(encoding="utf-8")
    assert [key for key in MESSAGES if f'"{key}"' not in code] == []
    used = set(re.findall(r'"(report_fixes\.[a-z_.]+)"', code))
    assert sorted(key for key in used if not has(key)) == []


def test_keys_live_in_this_area_only():
    for area in areas("vi"):
        if area == "report_fixes":
            continue
        others = importlib.import_module(f"counter_app.locale.vi.{area}").MESSAGES
        assert sorted(set(others) & set(MESSAGES)) == [], area
        assert [key for key in others if key.startswith("report_fixes.")] == [], area


def test_texts_are_nfc_and_one_line():
    for key, text in MESSAGES.items():
        assert unicodedata.is_normalized("NFC", text) and "\n" not in text, key


DUE = datetime(2026, 11, 16, 16, 0)  # a Monday, 16:00


@pytest.mark.parametrize(
    ("now", "text"),
    [
        (DUE + timedelta(seconds=20), "Quá hạn 1 phút"),
        (DUE + timedelta(minutes=45), "Quá hạn 45 phút"),
        (DUE + timedelta(hours=2), "Quá hạn 2 giờ"),
        (DUE + timedelta(hours=16), "Quá hạn 16 giờ"),  # Tuesday 08:00: not «1 ngày» after 16 hours
        (DUE + timedelta(hours=23, minutes=59), "Quá hạn 23 giờ"),
        (DUE + timedelta(hours=24), "Quá hạn 1 ngày"),
        (datetime(2026, 11, 19, 9, 0), "Quá hạn 3 ngày"),  # Thursday: three days after the due day
    ],
)
def test_overdue_says_minutes_or_hours_under_a_day(now, text):
    """Clock time since the due time (issue 15: «Quá hạn 0 ngày» on a dossier two hours late)."""
    assert fmt.overdue(DUE, now) == text
