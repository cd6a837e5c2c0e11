"""The catalogue's texts: every key the code uses exists, every key of the area is used, all NFC."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from counter_app.domain import deadline_text, fee_text
from counter_app.locale.vi.catalogue import MESSAGES

ROOT = Path(__file__).resolve().parents[2] / "counter_app"
SOURCES = "\n".join(
    path.read_text(encoding="utf-8") for path in ROOT.rglob("*.py") if "locale" not in path.parts
)


def test_every_key_used_exists():
    used = set(re.findall(r'"(catalogue\.[a-z0-9_.]+)"', SOURCES))
    assert used and sorted(used - set(MESSAGES)) == []


def test_every_key_is_used_and_nfc():
    dynamic = set(re.findall(r'f"(catalogue\.[a-z0-9_.]+\.)\{', SOURCES))
    assert dynamic == {"catalogue.reason.", "catalogue.status."}
    for key, text in MESSAGES.items():
        assert unicodedata.is_normalized("NFC", text), key
        assert f'"{key}"' in SOURCES or any(key.startswith(prefix) for prefix in dynamic), f"unused: {key}"


def test_every_reason_and_status_has_its_words():
    reasons = {
        "deadline": set(deadline_text.REASONS),
        "fee": {fee_text.NO_AMOUNT, fee_text.TOO_LARGE},
        "row": set(re.findall(r'RowNote\(.*"([a-z_]+)"\)', SOURCES)),
    }
    assert len(reasons["row"]) == 10
    for kind, codes in reasons.items():
        for code in codes:
            assert f"catalogue.reason.{kind}.{code}" in MESSAGES
    written = {key.rsplit(".", 2)[1] for key in MESSAGES if key.startswith("catalogue.reason.")}
    assert written == set(reasons)
    for status in ("active", "held", "retired"):
        assert f"catalogue.status.{status}" in MESSAGES
