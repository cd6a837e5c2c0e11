"""The leaving area's texts (``counter_app.locale.vi.leaving``): every one is used, every one used exists,
each lives in this area only, and each is one NFC line."""

from __future__ import annotations

import importlib
import re
import unicodedata
from pathlib import Path

from counter_app.locale import areas, has
from counter_app.locale.vi.leaving import MESSAGES

PACKAGE = Path(__file__).resolve().parents[2] / "counter_app"
SOURCES = [path for path in PACKAGE.rglob("*.py") if "locale" not in path.relative_to(PACKAGE).parts]
#: keys the code builds from a literal: an event's label (``event.<type>``), a dossier action's notice
#: (``dossier.done.<kind>``, screens.dossier._act)
DYNAMIC = ("event.", "dossier.done.")


def test_every_leaving_text_is_used_and_every_one_used_exists():
    code = "\n".join(path.read_text(encoding="utf-8") for path in SOURCES)

    def used(key: str) -> bool:
        prefix = next((p for p in DYNAMIC if key.startswith(p)), None)
        return f'"{key}"' in code or (prefix is not None and f'"{key.removeprefix(prefix)}"' in code)

    assert [key for key in MESSAGES if not used(key)] == []
    named = set(re.findall(r'"(leaving\.[a-z_.]+)"', code))
    assert sorted(key for key in named if not has(key)) == []


def test_leaving_keys_live_in_this_area_only():
    for area in areas("vi"):
        if area == "leaving":
            continue
        others = importlib.import_module(f"counter_app.locale.vi.{area}").MESSAGES
        assert sorted(set(others) & set(MESSAGES)) == [], area
        assert [key for key in others if key.startswith("leaving.")] == [], area


def test_leaving_texts_are_nfc_and_one_line():
    for key, text in MESSAGES.items():
        assert unicodedata.is_normalized("NFC", text) and "\n" not in text, key
