"""Form sets by legal basis: which forms exist, their numbers, titles and wording, as data.

A form set is one module here that builds a :class:`FormSet` and lists it in :data:`REGISTRY`.  The renderers
(:mod:`..receipt`, :mod:`..notices`, :mod:`..tracking`) ask the set of their document for every title and label
through :meth:`FormSet.text`; what a set does not override falls back to the wording the renderers were built
on (Circular 01/2018/TT-VPCP).  Adding the next set (the Ministry of Justice now issues these forms, Decree
309/2026/NĐ-CP) is one new module and one line in :data:`REGISTRY`.

Which set a document is printed with (:func:`for_date`): the set configured (``[legal] forms``) when the
document's date is on or after that set's first day, else the newest set already in force on that date, so a
dossier received before 15/9/2025 reprints on the 2018 forms it was issued on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType

from counter_app.locale import t

#: the kinds of document a set may have (the keys of :attr:`FormSet.forms`)
KINDS = ("receipt", "supplement", "refusal", "apology", "stop", "control", "ledger")


class UnknownFormSet(LookupError):
    """A legal basis no module here implements."""


@dataclass(frozen=True)
class FormSpec:
    """One form of a set: its number in the set's appendix, its title, and the wording it changes."""

    number: str
    """"01", "02", ...: «Mẫu số 01» of the appendix."""
    title: str
    """Locale key of the title (printed in capitals)."""
    texts: Mapping[str, str] = field(default_factory=dict)
    """Slot → locale key, for the labels and sentences this set words differently from the defaults."""


@dataclass(frozen=True)
class FormSet:
    """The forms of one legal basis."""

    basis: str
    """Short name used in the settings and in tests, e.g. ``"TT03/2025"``."""
    citation: str
    """Locale key of the full citation printed under the form number, e.g. «Thông tư số 03/2025/TT-VPCP»."""
    valid_from: date
    """First day documents are issued on these forms."""
    forms: Mapping[str, FormSpec]
    centre_header: bool = False
    """True: where the unit has a «Trung tâm Phục vụ hành chính công», the header names the commune's
    People's Committee above the centre (the centre issues the one-stop forms)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "forms", MappingProxyType(dict(self.forms)))
        unknown = set(self.forms) - set(KINDS)
        if unknown:
            raise ValueError(f"form set {self.basis}: unknown kinds {sorted(unknown)}")

    def has(self, kind: str) -> bool:
        return kind in self.forms

    def spec(self, kind: str) -> FormSpec:
        try:
            return self.forms[kind]
        except KeyError:
            raise UnknownFormSet(t("forms2025.no_such_form", basis=self.basis, kind=kind)) from None

    def title(self, kind: str) -> str:
        return t(self.spec(kind).title)

    def mark(self, kind: str) -> str:
        """«Mẫu số 05 — Thông tư số 03/2025/TT-VPCP»: which form of which text this page is."""
        return t("forms2025.mark", number=self.spec(kind).number, citation=t(self.citation))

    def text(self, kind: str, slot: str, default: str, **params: object) -> str:
        """The set's wording of ``slot`` on form ``kind``, else the locale text ``default``."""
        key = self.spec(kind).texts.get(slot, default)
        return t(key, **params)


def _registry() -> Mapping[str, FormSet]:
    from . import tt01_2018, tt03_2025

    sets = (tt01_2018.FORM_SET, tt03_2025.FORM_SET)
    return MappingProxyType({s.basis: s for s in sets})


REGISTRY: Mapping[str, FormSet] = _registry()
"""Every form set, by :attr:`FormSet.basis`."""

DEFAULT = "TT03/2025"


def get(basis: str) -> FormSet:
    try:
        return REGISTRY[basis]
    except KeyError:
        raise UnknownFormSet(
            t("forms2025.unknown_set", basis=basis, known=", ".join(sorted(REGISTRY)))
        ) from None


def for_date(when: date | datetime | None, configured: str = DEFAULT) -> FormSet:
    """The set a document dated ``when`` is printed with (see the module's docstring); None: today's set."""
    chosen = get(configured)
    if when is None:
        return chosen
    day = when.date() if isinstance(when, datetime) else when
    if day >= chosen.valid_from:
        return chosen
    in_force = [s for s in REGISTRY.values() if s.valid_from <= day]
    if not in_force:  # older than every set we have: the oldest one
        return min(REGISTRY.values(), key=lambda s: s.valid_from)
    return max(in_force, key=lambda s: s.valid_from)
