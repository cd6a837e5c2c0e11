"""The law2026 area's texts (``counter_app.locale.vi.law2026``): every one is used, every one used exists, each
Decision 766 group and indicator has its words and no other ones are written."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from counter_app.locale import has
from counter_app.locale.vi.law2026 import MESSAGES
from counter_app.services.indicators.decision766 import GROUPS

PACKAGE = Path(__file__).resolve().parents[2] / "counter_app"
SOURCES = [path for path in PACKAGE.rglob("*.py") if "locale" not in path.relative_to(PACKAGE).parts]
DYNAMIC = ("law766.group.", "law766.indicator.")


def test_every_law2026_text_is_used_and_every_one_used_exists():
    code = "\n".join(path.read_text(encoding="utf-8") for path in SOURCES)
    for prefix in DYNAMIC:
        assert f"t(f'{prefix}{{" in code
    assert [key for key in MESSAGES if f'"{key}"' not in code and not key.startswith(DYNAMIC)] == []
    used = set(re.findall(r'"(law(?:766|2026)\.[a-z_.]+)"', code))
    assert sorted(key for key in used if not has(key)) == []


def test_each_group_and_indicator_has_its_words_and_no_more():
    written = {key for key in MESSAGES if key.startswith(DYNAMIC)}
    expected = {f"law766.group.{g.key}" for g in GROUPS} | {
        f"law766.indicator.{i.key}" for g in GROUPS for i in g.indicators
    }
    assert written == expected


def test_law2026_texts_are_nfc_and_one_line():
    for key, text in MESSAGES.items():
        assert unicodedata.is_normalized("NFC", text) and "\n" not in text, key
