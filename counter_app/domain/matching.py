"""How well a name matches what the officer typed, accents ignored: the order of every picker's list.

The officer types a few words without accents (``khai tu``, ``nghia lo``) and presses Enter on the first
line, so the first line must be what they meant. Each typed word is matched against the words of the
candidate's folded name (see :func:`counter_app.domain.vntext.fold`):

* **whole word** — the typed word is a word of the name (``tu`` in ``dang ky khai tu``);
* **word start** — it starts a word of the name (``tu`` in ``thu tuc ...``, ``loc`` from ``lo``);
* **inside** — it appears inside the name only.

A candidate matches when every typed word matches somehow; :func:`match_rank` returns a key that sorts
better matches first: fewer words matched only inside, then fewer matched only as a word start. So
``khai tu`` ranks «Đăng ký khai tử» above «Đăng ký khai sinh» (whose ``tu`` only starts ``tục``), and
``nghia lo`` ranks «Phường Nghĩa Lộ» above «Xã Nghĩa Lộc». Callers break ties with what they know
(how often a procedure is received, the officer's own province). Pure functions.
"""

from __future__ import annotations

WHOLE_WORD, WORD_START, INSIDE = 0, 1, 2

#: sort key of a match: (words matched only inside, words matched only as a word start)
MatchRank = tuple[int, int]


def word_level(typed: str, name_words: list[str], name: str) -> int | None:
    """How ``typed`` (one folded word) matches a name (its folded words and the whole folded text)."""
    if typed in name_words:
        return WHOLE_WORD
    if any(word.startswith(typed) for word in name_words):
        return WORD_START
    if typed in name:
        return INSIDE
    return None


def match_rank(typed_words: list[str], name: str) -> MatchRank | None:
    """The sort key of ``name`` (folded) for ``typed_words`` (folded), or None when it does not match."""
    name_words = name.split()
    levels = []
    for typed in typed_words:
        level = word_level(typed, name_words, name)
        if level is None:
            return None
        levels.append(level)
    return levels.count(INSIDE), levels.count(WORD_START)
