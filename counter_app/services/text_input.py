"""Text typed or imported into the services, checked at the boundary: the character policy and lengths.

Every service that stores a text a person typed (names, addresses, phones, summaries, reasons) or a
file brought in (the portal's export, the catalogue) passes it through :func:`clean` first, so a bad
character or an over-long value is refused with one line naming the field, before anything is written.
The store refuses the same characters again as a last line of defence (``db/text_guard.py``).
"""

from __future__ import annotations

from counter_app.domain.text_rules import UnsafeText, check_text
from counter_app.services.errors import ServiceError

__all__ = ["clean", "clean_fields"]


def clean(
    field: str, value: str, *, limit: int | None = None, multiline: bool = False, strip: bool = True
) -> str:
    """``value`` NFC-normalised (and stripped), or :class:`ServiceError` naming ``field``.

    ``field`` is the field's name as the officer reads it. Refused: a character the policy refuses
    (``input.unsafe_char``), a value longer than ``limit`` characters (``intake.too_long``: never
    cut silently).
    """
    try:
        text = check_text(field, value.strip() if strip else value, multiline=multiline)
    except UnsafeText as exc:
        raise ServiceError("input.unsafe_char", **exc.params) from None
    if limit is not None and len(text) > limit:
        raise ServiceError("intake.too_long", field=field, limit=limit)
    return text


def clean_fields(values: dict[str, tuple[str, str]], limits: dict[str, int]) -> dict[str, str]:
    """Each ``name: (label, value)`` cleaned with :func:`clean` under ``limits[name]``."""
    return {name: clean(label, value, limit=limits.get(name)) for name, (label, value) in values.items()}
