"""Typing Vietnamese without an input method: the Telex and VNI conventions, as a pure function.

The conventions are those of UniKey (the free Vietnamese keyboard most counter PCs had), with its spell
check on: a key only changes the word when the result is still a Vietnamese syllable, otherwise it is
typed as it is.

Telex: ``aa`` â, ``aw`` ă, ``ee`` ê, ``oo`` ô, ``ow`` ơ, ``uw`` ư, ``uow`` ươ, ``dd`` đ, ``w`` alone ư
(``nhw`` như); tones ``s`` sắc, ``f`` huyền, ``r`` hỏi, ``x`` ngã, ``j`` nặng, ``z`` removes the tone.
VNI: ``1`` sắc, ``2`` huyền, ``3`` hỏi, ``4`` ngã, ``5`` nặng, ``0`` removes the tone, ``6`` â ê ô,
``7`` ơ ư (ươ), ``8`` ă, ``9`` đ.

Repeating a key undoes it and types the letter: ``aaa`` «aa», ``as`` + ``s`` «as», ``ddd`` «dd»,
``ww`` «w». A tone key may come anywhere after the vowels (``tieengs`` «tiếng»); the tone is put on the
right vowel of the syllable and moved when later letters change it (``hoaf`` «hòa», then ``n`` «hoàn»).
The ``i`` of ``gi`` and the ``u`` of ``qu`` belong to the consonant when another vowel follows (``giữ``,
``quốc``, ``quý``; but ``gìn``). ``ươ`` with no final consonant is written ``uơ`` (``thuở``, ``huơ``)
and becomes ``ươ`` as soon as a final or a vowel follows (``thương``, ``người``).

Tone placement: UniKey's default, the old style (``kiểu cũ``): in an open ``oa``, ``oe``, ``uy`` the tone
goes on the first vowel — «hòa», «hòe», «thúy»; :data:`NEW_STYLE` puts it on the second — «hoà», «hoè»,
«thuý». Everything else is the same in both styles: a vowel with a mark (ă â ê ô ơ ư) takes the tone (the
``ơ`` of ``ươ``), else the last vowel before a final consonant, else the middle of three vowels, else the
first of two.

Only the word right before the cursor is touched, and only when it is letters that follow a space, the
start of the text or an opening bracket or quote: what follows a digit, ``@``, ``.``, ``/``, ``-`` or
``_`` (codes, numbers, e-mails, paths) is typed as it is.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from typing import Literal

__all__ = [
    "next_mode",
    "METHODS",
    "MODES",
    "STYLES",
    "NEW_STYLE",
    "OLD_STYLE",
    "Method",
    "ToneStyle",
    "apply_key",
    "type_key",
]

Method = Literal["telex", "vni"]
ToneStyle = Literal["old", "new"]
METHODS: tuple[Method, ...] = ("telex", "vni")
#: what an officer chooses for the text fields, in the order the toggle key goes through them
MODES: tuple[str, ...] = ("off", *METHODS)
STYLES: tuple[ToneStyle, ...] = ("old", "new")
OLD_STYLE: ToneStyle = "old"
NEW_STYLE: ToneStyle = "new"

# marks on a base letter: circumflex (â ê ô), breve (ă), horn (ơ ư), stroke (đ)
_HAT, _BREVE, _HORN, _STROKE = "^", "(", "+", "-"
_MARK_CHARS = {"\u0302": _HAT, "\u0306": _BREVE, "\u031b": _HORN}
_MARK_COMBINING = {v: k for k, v in _MARK_CHARS.items()}
# tones: 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng
_TONE_CHARS = {"\u0301": 1, "\u0300": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}
_TONE_COMBINING = {v: k for k, v in _TONE_CHARS.items()}
_TELEX_TONES = {"s": 1, "f": 2, "r": 3, "x": 4, "j": 5}
_VNI_TONES = {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
_VOWELS = frozenset("aeiouy")
_OPENERS = frozenset(" \t([{\"'«“‘")  # what may stand right before a word that is typed in Vietnamese

_INITIALS = frozenset("b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x".split() + [""])
# k: place names from minority languages (Đắk Lắk, Đắk Nông)
_FINALS = frozenset(["", "c", "ch", "k", "m", "n", "ng", "nh", "p", "t"])
_STOP_FINALS = frozenset(["c", "ch", "k", "p", "t"])  # only sắc or nặng on a syllable that ends with these
# the vowel clusters of Vietnamese syllables, written with their marks and without tone
_OPEN_ONLY = frozenset(
    "ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu iêu oai oao oay oeo uôi uya uyu uây ươi ươu yêu".split()
)
_CLUSTERS = _OPEN_ONLY | frozenset("a ă â e ê i o ô ơ u ư y iê oa oă oe oo uâ uê uô uơ uy ươ yê uyê".split())
# clusters met while typing, before the mark that makes them whole (``tie`` → ``tiê``, ``uo`` → ``uô``)
_TYPING_CLUSTERS = frozenset("ie ye uo uye ưo uoi uou".split())


@dataclass(frozen=True)
class _Letter:
    base: str  # a-z
    mark: str = ""
    tone: int = 0
    upper: bool = False

    @property
    def vowel(self) -> bool:
        return self.base in _VOWELS

    def text(self) -> str:
        if self.mark == _STROKE:
            return "Đ" if self.upper else "đ"
        out = self.base + _MARK_COMBINING.get(self.mark, "") + _TONE_COMBINING.get(self.tone, "")
        out = unicodedata.normalize("NFC", out)
        return out.upper() if self.upper else out

    def key(self) -> str:
        """The letter with its mark, lower case, without tone (``ơ``, ``đ``, ``a``)."""
        return replace(self, tone=0, upper=False).text()


def _letter(char: str) -> _Letter | None:
    """The Vietnamese letter ``char`` is, or None (a digit, a sign, a letter of another alphabet)."""
    if char in "đĐ":
        return _Letter("d", _STROKE, 0, char == "Đ")
    decomposed = unicodedata.normalize("NFD", char)
    base, rest = decomposed[0], decomposed[1:]
    if not ("a" <= base.lower() <= "z"):
        return None
    mark, tone = "", 0
    for combining in rest:
        if combining in _MARK_CHARS and not mark:
            mark = _MARK_CHARS[combining]
        elif combining in _TONE_CHARS and not tone:
            tone = _TONE_CHARS[combining]
        else:
            return None
    return _Letter(base.lower(), mark, tone, base.isupper())


@dataclass(frozen=True)
class _Syllable:
    initial: tuple[_Letter, ...]
    vowels: tuple[_Letter, ...]
    final: tuple[_Letter, ...]

    @property
    def letters(self) -> list[_Letter]:
        return [*self.initial, *self.vowels, *self.final]

    def cluster(self) -> str:
        return "".join(letter.key() for letter in self.vowels)

    def tone(self) -> int:
        tones = [letter.tone for letter in self.letters if letter.tone]
        return tones[-1] if tones else 0


def _split(letters: list[_Letter]) -> _Syllable | None:
    """Initial consonant, vowels, final consonant; None when ``letters`` cannot be one syllable."""
    if any(not letter.vowel and letter.tone for letter in letters):
        return None
    index = 0
    while index < len(letters) and not letters[index].vowel:
        index += 1
    # the u of qu and the i of gi belong to the consonant when another vowel follows
    keys = "".join(letter.key() for letter in letters[: index + 2])
    if (
        keys[:index] == "q"
        and index + 1 <= len(letters)
        and letters[index].base == "u"
        and not letters[index].mark
    ):
        index += 1
    elif (
        keys[:index] == "g"
        and index + 1 < len(letters)
        and letters[index].base == "i"
        and letters[index + 1].vowel
    ):
        index += 1
    start = index
    while index < len(letters) and letters[index].vowel:
        index += 1
    syllable = _Syllable(tuple(letters[:start]), tuple(letters[start:index]), tuple(letters[index:]))
    initial = "".join(letter.key() for letter in syllable.initial)
    final = "".join(letter.key() for letter in syllable.final)
    if initial not in _INITIALS or final not in _FINALS:
        return None
    if not syllable.vowels and final:
        return None
    return syllable


def _valid(syllable: _Syllable) -> bool:
    """``syllable`` is a Vietnamese syllable, or one on its way to be (its mark not typed yet)."""
    cluster = syllable.cluster()
    if not cluster:
        return not syllable.tone()
    if cluster not in _CLUSTERS and cluster not in _TYPING_CLUSTERS:
        return False
    final = "".join(letter.key() for letter in syllable.final)
    if final and cluster in _OPEN_ONLY:
        return False
    return not (final in _STOP_FINALS and syllable.tone() not in (0, 1, 5))


def _tone_position(syllable: _Syllable, style: ToneStyle) -> int:
    """Which of the syllable's vowels carries the tone (see the module's docstring)."""
    vowels = syllable.vowels
    marked = [index for index, letter in enumerate(vowels) if letter.mark]
    if marked:
        return marked[-1]
    if syllable.final:
        return len(vowels) - 1
    if len(vowels) >= 3:
        return 1
    if len(vowels) == 2 and style == NEW_STYLE and syllable.cluster() in ("oa", "oe", "uy"):
        return 1
    return 0


def _normal(syllable: _Syllable, style: ToneStyle) -> _Syllable:
    """The syllable with ``uơ``/``ươ`` settled and its tone on the right vowel."""
    vowels = list(syllable.vowels)
    keys = [letter.key() for letter in vowels]
    followed = len(vowels) > 2 or bool(syllable.final)
    if len(vowels) >= 2 and keys[0] in ("u", "ư") and keys[1] == "ơ":
        vowels[0] = replace(vowels[0], mark=_HORN if followed else "")
    elif len(vowels) >= 2 and keys[0] == "ư" and keys[1] == "o" and followed:  # tưoi: tươi
        vowels[1] = replace(vowels[1], mark=_HORN)
    tone = syllable.tone()
    vowels = [replace(letter, tone=0) for letter in vowels]
    syllable = replace(syllable, vowels=tuple(vowels))
    if tone and vowels:
        position = _tone_position(syllable, style)
        vowels[position] = replace(vowels[position], tone=tone)
    return replace(syllable, vowels=tuple(vowels))


def _render(letters: list[_Letter]) -> str:
    return "".join(letter.text() for letter in letters)


def _settle(letters: list[_Letter], style: ToneStyle) -> str | None:
    """``letters`` as a settled syllable's text, or None when they are not a (possible) syllable."""
    syllable = _split(letters)
    if syllable is None:
        return None
    settled = _normal(syllable, style)
    return _render(settled.letters) if _valid(settled) else None


def _literal(word: str, key: str, letters: list[_Letter], style: ToneStyle, method: Method) -> str:
    """``key`` typed as it is; the tone moves if the syllable now asks for it elsewhere. A letter that makes
    a toned syllable no Vietnamese gives the tone back as its key (``Caf`` «Cà», then ``e``: «Cafe»)."""
    added = _letter(key)
    if added is None:
        return word + key
    settled = _settle([*letters, added], style)
    if settled is not None:
        return settled
    syllable = _split(letters)
    tone = syllable.tone() if syllable is not None else 0
    if tone and syllable is not None and _valid(syllable) and _letter(key) is not None:
        keys = _VNI_TONES if method == "vni" else _TELEX_TONES
        tone_key = next(name for name, value in keys.items() if value == tone)
        if all(letter.upper for letter in letters) and len(letters) > 1:
            tone_key = tone_key.upper()
        return _render([replace(letter, tone=0) for letter in letters]) + tone_key + key
    return word + key


def _with_tone(syllable: _Syllable, tone: int, style: ToneStyle) -> str | None:
    letters = [replace(letter, tone=0) for letter in syllable.letters]
    start = len(syllable.initial)
    letters[start] = replace(letters[start], tone=tone)  # moved to its place by _settle
    return _settle(letters, style)


def _tone_key(word: str, key: str, tone: int, letters: list[_Letter], style: ToneStyle) -> str:
    """A tone key (``tone`` 0: remove the tone)."""
    syllable = _split(letters)
    if syllable is None or not syllable.vowels or not _valid(syllable):
        return word + key
    current = syllable.tone()
    if tone == 0:
        if not current:
            return word + key
        return _with_tone(syllable, 0, style) or word + key
    if current == tone:  # repeated: the tone goes and the key is typed
        plain = _with_tone(syllable, 0, style)
        return (plain if plain is not None else word) + key
    return _with_tone(syllable, tone, style) or word + key


def _changed(letters: list[_Letter], style: ToneStyle, word: str) -> str | None:
    settled = _settle(letters, style)
    return settled if settled is not None and settled != word else None


def _mark_key(word: str, mark: str, letters: list[_Letter], style: ToneStyle, *, bases: str) -> str | None:
    """Put ``mark`` on one of the vowels whose base is in ``bases`` (from the last); None if none takes it."""
    syllable = _split(letters)
    if syllable is None:
        return None
    start = len(syllable.initial)
    for offset in reversed(range(len(syllable.vowels))):
        vowel = syllable.vowels[offset]
        if vowel.base in bases and vowel.mark != mark:
            trial = list(letters)
            trial[start + offset] = replace(vowel, mark=mark)
            changed = _changed(trial, style, word)
            if changed is not None:
                return changed
    return None


def _horn_key(word: str, letters: list[_Letter], style: ToneStyle) -> str | None:
    """``w`` (Telex) or ``7`` (VNI): ươ, else ư or ơ (else ă for Telex ``w``), on the right vowel."""
    syllable = _split(letters)
    if syllable is None:
        return None
    start = len(syllable.initial)
    keys = [letter.base for letter in syllable.vowels]
    for offset in range(len(keys) - 1):
        if keys[offset] == "u" and keys[offset + 1] == "o":
            pair = syllable.vowels[offset : offset + 2]
            if all(letter.mark == _HORN for letter in pair):
                break
            trial = list(letters)
            trial[start + offset] = replace(pair[0], mark=_HORN)
            trial[start + offset + 1] = replace(pair[1], mark=_HORN)
            changed = _changed(trial, style, word)
            if changed is not None:
                return changed
    return _mark_key(word, _HORN, letters, style, bases="uo")


def _undo_marks(letters: list[_Letter], marks: tuple[str, ...], style: ToneStyle) -> list[_Letter] | None:
    syllable = _split(letters)
    if syllable is None:
        return None
    start = len(syllable.initial)
    undone = list(letters)
    found = False
    for offset, vowel in enumerate(syllable.vowels):
        if vowel.mark in marks:
            undone[start + offset] = replace(vowel, mark="")
            found = True
    return undone if found else None


def _telex(word: str, key: str, letters: list[_Letter], style: ToneStyle) -> str:
    lower = key.lower()
    if lower in _TELEX_TONES:
        return _tone_key(word, key, _TELEX_TONES[lower], letters, style)
    if lower == "z":
        return _tone_key(word, key, 0, letters, style)
    if lower == "d" and len(letters) == 1 and letters[0].base == "d":
        if letters[0].mark == _STROKE:  # ddd: the stroke goes, dd stays
            return ("D" if letters[0].upper else "d") + key
        return _Letter("d", _STROKE, 0, letters[0].upper).text()
    if lower in "aeo" and letters and letters[-1].base == lower:
        last = letters[-1]
        if last.mark == _HAT:  # aaa: â back to a, then a
            return _render([*letters[:-1], replace(last, mark="")]) + key
        trial = [*letters[:-1], replace(last, mark=_HAT)]
        return _changed(trial, style, word) or _literal(word, key, letters, style, "telex")
    if lower == "w":
        return _telex_w(word, key, letters, style)
    return _literal(word, key, letters, style, "telex")


def _telex_w(word: str, key: str, letters: list[_Letter], style: ToneStyle) -> str:
    changed = _horn_key(word, letters, style) or _mark_key(word, _BREVE, letters, style, bases="a")
    if changed is not None:
        return changed
    syllable = _split(letters)
    if syllable is None:
        return word + key
    cluster = syllable.cluster()
    initial = "".join(letter.key() for letter in syllable.initial)
    if cluster == "i" and initial == "g" and not syllable.final:  # giw: gi + ư
        syllable = replace(syllable, initial=syllable.initial + syllable.vowels, vowels=())
        cluster, initial = "", "gi"
    if not cluster and initial != "qu":  # w alone: ư (nhw: như)
        upper = key.isupper()
        return _settle([*syllable.initial, _Letter("u", _HORN, 0, upper)], style) or word + key
    if cluster == "ư" and not syllable.final:  # ww: w; uww: uw
        if not syllable.initial and len(word) == 1:
            return key
        return _render([*syllable.initial, replace(syllable.vowels[0], mark="")]) + key
    undone = _undo_marks(letters, (_HORN, _BREVE), style)
    if undone is not None:  # uoww: uow
        return _render(undone) + key
    return word + key


def _vni(word: str, key: str, letters: list[_Letter], style: ToneStyle) -> str:
    if key in _VNI_TONES:
        return _tone_key(word, key, _VNI_TONES[key], letters, style)
    if key == "0":
        return _tone_key(word, key, 0, letters, style)
    if key == "9":
        if letters and letters[0].base == "d":
            if letters[0].mark == _STROKE:
                return _render([replace(letters[0], mark=""), *letters[1:]]) + key
            trial = [replace(letters[0], mark=_STROKE), *letters[1:]]
            return _settle(trial, style) or word + key
        return word + key
    marks = {"6": (_HAT, "aeo"), "7": (_HORN, "uo"), "8": (_BREVE, "a")}
    if key in marks:
        mark, bases = marks[key]
        changed = (
            _horn_key(word, letters, style)
            if key == "7"
            else _mark_key(word, mark, letters, style, bases=bases)
        )
        if changed is not None:
            return changed
        undone = _undo_marks(letters, (mark,), style)
        return _render(undone) + key if undone is not None else word + key
    return _literal(word, key, letters, style, "vni")


def apply_key(word: str, key: str, *, method: Method = "telex", style: ToneStyle = OLD_STYLE) -> str:
    """The word after ``key`` is typed at its end, in NFC (``apply_key("tieeng", "s") == "tiếng"``).

    ``word`` is the letters typed so far (possibly empty); a key that does not combine is appended as it
    is, and so is any key after a ``word`` that is not Vietnamese letters.
    """
    if len(key) != 1:
        return unicodedata.normalize("NFC", word + key)
    word = unicodedata.normalize("NFC", word)
    letters: list[_Letter] = []
    for char in word:
        letter = _letter(char)
        if letter is None:
            return word + key
        letters.append(letter)
    if method == "vni":
        return _vni(word, key, letters, style)
    return _telex(word, key, letters, style)


def type_key(before: str, key: str, *, method: Method = "telex", style: ToneStyle = OLD_STYLE) -> str:
    """The text before the cursor after ``key`` is typed: :func:`apply_key` on its last word, when that
    word follows a space, the start of the text or an opening bracket or quote; ``before + key`` otherwise
    (codes, numbers, e-mails, paths)."""
    before = unicodedata.normalize("NFC", before)
    start = len(before)
    while start > 0 and before[start - 1].isalpha():
        start -= 1
    if start > 0 and before[start - 1] not in _OPENERS:
        return before + key
    return before[:start] + apply_key(before[start:], key, method=method, style=style)


def next_mode(mode: str) -> str:
    """The mode after ``mode`` in :data:`MODES` (off → telex → vni → off); an unknown mode gives ``off``."""
    if mode not in MODES:
        return MODES[0]
    return MODES[(MODES.index(mode) + 1) % len(MODES)]
