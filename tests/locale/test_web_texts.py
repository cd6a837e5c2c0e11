"""The web area's texts (``counter_app.locale.vi.web``): every one is used, every one used exists,
each lives in this area only, and each is one NFC line."""

from __future__ import annotations

import importlib
import re
import unicodedata
from pathlib import Path

from counter_app.locale import areas, has
from counter_app.locale.vi.web import MESSAGES

PACKAGE = Path(__file__).resolve().parents[2] / "counter_app"
SOURCES = [path for path in PACKAGE.rglob("*.py") if "locale" not in path.relative_to(PACKAGE).parts]


def test_every_web_text_is_used_and_every_one_used_exists():
    code = "\n".join(path.read_text(encoding="utf-8") for path in SOURCES)
    assert [key for key in MESSAGES if f'"{key}"' not in code] == []
    used = set(re.findall(r'"(web\.[a-z_.]+)"', code))
    assert sorted(key for key in used if not has(key)) == []


def test_web_keys_live_in_this_area_only():
    for area in areas("vi"):
        if area == "web":
            continue
        others = importlib.import_module(f"counter_app.locale.vi.{area}").MESSAGES
        assert sorted(set(others) & set(MESSAGES)) == [], area
        assert [key for key in others if key.startswith("web.")] == [], area


def test_web_texts_are_nfc_and_one_line():
    for key, text in MESSAGES.items():
        assert unicodedata.is_normalized("NFC", text) and "\n" not in text, key
