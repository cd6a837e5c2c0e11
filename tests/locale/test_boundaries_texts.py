"""The boundaries area's texts (``counter_app.locale.vi.boundaries``): every one is used, every one used
exists, none says "forbidden" (a dossier outside the unit is «not found»)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from counter_app.locale import has
from counter_app.locale.vi.boundaries import MESSAGES

PACKAGE = Path(__file__).resolve().parents[2] / "counter_app"
SOURCES = [path for path in PACKAGE.rglob("*.py") if "locale" not in path.relative_to(PACKAGE).parts]


def test_every_boundaries_text_is_used_and_every_one_used_exists():
    code = "\n".join(path.read_text(encoding="utf-8") for path in SOURCES)
    assert [key for key in MESSAGES if f'"{key}"' not in code] == []
    used = set(re.findall(r'"(bounds\.[a-z_.]+)"', code))
    assert sorted(key for key in used if not has(key)) == []


def test_boundaries_texts_are_nfc_one_line_and_never_say_forbidden():
    for key, text in MESSAGES.items():
        assert unicodedata.is_normalized("NFC", text) and "\n" not in text, key
        assert "không được xem" not in text, key
