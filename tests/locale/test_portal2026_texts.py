"""The portal exchange's texts (``counter_app.locale.vi.portal2026``): every one is used, every one used
exists, each is NFC on one line."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from counter_app.locale import has
from counter_app.locale.vi.portal2026 import MESSAGES

PACKAGE = Path(__file__).resolve().parents[2] / "counter_app"
SOURCES = [path for path in PACKAGE.rglob("*.py") if "locale" not in path.relative_to(PACKAGE).parts]


def test_every_portal_text_is_used_and_every_one_used_exists():
    code = "\n".join(path.read_text(encoding="utf-8") for path in SOURCES)
    unused = [key for key in MESSAGES if f'"{key}"' not in code and key != "event.portal_record"]
    assert unused == []
    assert 'EVENT_TYPE = "portal_record"' in code  # shown as t(f"event.{type}") in the dossier's history
    used = set(re.findall(r'"(portal2026\.[a-z_.0-9]+)"', code))
    assert sorted(key for key in used if not has(key)) == []


def test_portal_texts_are_nfc_and_one_line():
    for key, text in MESSAGES.items():
        assert unicodedata.is_normalized("NFC", text) and "\n" not in text, key
