"""The texts of the catalogue's newer areas (``counter_app.locale.vi.<area>``), one table for all: every text
is used by the code, every key of the area's prefix the code names exists, each key lives in its area only,
and each text is one NFC line.

A key the code builds from a literal (an event's label ``event.<type>``, a print's notice
``print.done.<kind>``, a dossier action's ``dossier.done.<kind>``) is used when that literal is in the code.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from counter_app.locale import areas, has

PACKAGE = Path(__file__).resolve().parents[2] / "counter_app"


@dataclass(frozen=True)
class Area:
    #: the prefix of the keys only this area may hold
    prefix: str
    #: prefixes of keys the code builds from a literal (see the module's docstring)
    dynamic: tuple[str, ...] = ()
    #: what the code's named keys of this area look like, when the prefix also starts other strings
    named: str = ""


AREAS = {
    "queue_fixes": Area("queue_fixes."),
    "viewer": Area("viewer."),
    "web": Area("web."),
    "online_review": Area("online_review."),
    "leaving": Area("leaving.", dynamic=("event.", "dossier.done.")),
    "reachable": Area("reachable.", dynamic=("print.done.", "print.failed.")),
    "citizen_rating": Area("citizen_rating.", dynamic=("event.",)),
    # "speech.enabled", "speech.voice" … are the [speech] settings' names, not texts
    "speech": Area("speech.", named=r"speech\.(?:call|unavailable|reason|no_player)[a-z_.]*"),
}


@cache
def code() -> str:
    sources = [p for p in PACKAGE.rglob("*.py") if "locale" not in p.relative_to(PACKAGE).parts]
    return "\n".join(path.read_text(encoding="utf-8") for path in sources)


def messages(area: str) -> dict[str, str]:
    return importlib.import_module(f"counter_app.locale.vi.{area}").MESSAGES


@pytest.mark.parametrize("area", AREAS)
def test_every_text_is_used_and_every_one_named_exists(area):
    spec, text = AREAS[area], code()

    def used(key: str) -> bool:
        prefix = next((p for p in spec.dynamic if key.startswith(p)), None)
        return f'"{key}"' in text or (prefix is not None and f'"{key.removeprefix(prefix)}"' in text)

    assert [key for key in messages(area) if not used(key)] == []
    pattern = spec.named or re.escape(spec.prefix) + r"[a-z0-9_.]+"
    named = set(re.findall(f'"({pattern})"', text))
    assert sorted(key for key in named if not has(key)) == []


@pytest.mark.parametrize("area", AREAS)
def test_the_keys_live_in_their_area_only(area):
    own = messages(area)
    for other in areas("vi"):
        if other == area:
            continue
        theirs = messages(other)
        assert sorted(set(theirs) & set(own)) == [], other
        assert [key for key in theirs if key.startswith(AREAS[area].prefix)] == [], other


@pytest.mark.parametrize("area", AREAS)
def test_the_texts_are_nfc_and_one_line(area):
    for key, text in messages(area).items():
        assert unicodedata.is_normalized("NFC", text) and "\n" not in text, key
