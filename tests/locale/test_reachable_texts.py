"""The reachable printouts area's texts (``counter_app.locale.vi.reachable``): every one is used, every one used exists."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import counter_app
from counter_app.locale import has
from counter_app.locale.vi.reachable import MESSAGES

PACKAGE = Path(counter_app.__file__).parent


def _code() -> str:
    return "\n".join(p.read_text() for p in PACKAGE.rglob("*.py") if "locale" not in p.parts)


def test_every_reachable_text_is_used_and_every_one_used_exists():
    code = _code()
    dynamic = ("print.done.", "print.failed.", "dossier.done.")  # built with f-strings from the form's kind
    unused = [key for key in MESSAGES if f'"{key}"' not in code and not key.startswith(dynamic)]
    assert unused == []
    used = set(re.findall(r'"(reachable\.[a-z0-9_.]+)"', code))
    assert sorted(key for key in used if not has(key)) == []


def test_reachable_texts_are_nfc_and_one_line():
    for key, text in MESSAGES.items():
        assert unicodedata.is_normalized("NFC", text), key
        assert "\n" not in text, key
