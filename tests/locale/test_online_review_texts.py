"""The online review area's texts (``counter_app.locale.vi.online_review``): every one is used, every one used exists,
each lives in this area only, and each is one NFC line."""

from __future__ import annotations

import importlib
import re
import unicodedata
from pathlib import Path

from counter_app.locale import areas, has
from counter_app.locale.vi.online_review import MESSAGES

PACKAGE = Path(__file__).resolve().parents[2] / "counter_app"
SOURCES = [path for path in PACKAGE.rglob("*.py") if "locale" not in path.relative_to(PACKAGE).parts]


def test_every_online_review_text_is_used_and_every_one_used_exists():
    code = "\n".join(path.read_text(encoding="utf-8") for path in SOURCES)
    assert [key for key in MESSAGES if f'"{key}"' not in code] == []
    used = set(re.findall(r'"(online_review\.[a-z_.]+)"', code))
    assert sorted(key for key in used if not has(key)) == []


def test_online_review_keys_live_in_this_area_only():
    for area in areas("vi"):
        if area == "online_review":
            continue
        others = importlib.import_module(f"counter_app.locale.vi.{area}").MESSAGES
        assert sorted(set(others) & set(MESSAGES)) == [], area
        assert [key for key in others if key.startswith("online_review.")] == [], area


def test_online_review_texts_are_nfc_and_one_line():
    for key, text in MESSAGES.items():
        assert unicodedata.is_normalized("NFC", text) and "\n" not in text, key
