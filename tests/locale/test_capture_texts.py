"""The capture area's texts (``counter_app.locale.vi.capture``): every one is used, every one used exists,
each is one NFC line."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from counter_app.locale import has
from counter_app.locale.vi.capture import MESSAGES

PACKAGE = Path(__file__).resolve().parents[2] / "counter_app"
SOURCES = [path for path in PACKAGE.rglob("*.py") if "locale" not in path.relative_to(PACKAGE).parts]


def test_every_capture_text_is_used_and_every_one_used_exists():
    code = "\n".join(path.read_text(encoding="utf-8") for path in SOURCES)
    assert [key for key in MESSAGES if f'"{key}"' not in code] == []
    used = set(re.findall(r'"(capture\.[a-z_.]+)"', code))
    assert sorted(key for key in used if not has(key)) == []


def test_capture_texts_are_nfc_and_one_line():
    for key, text in MESSAGES.items():
        assert key.startswith("capture.")
        assert unicodedata.is_normalized("NFC", text) and "\n" not in text, key
