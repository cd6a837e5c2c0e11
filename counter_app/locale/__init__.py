"""Every text the officer sees or prints, looked up by key.

Catalogues live in one sub-package per language (``counter_app.locale.vi``), one module per area
(``ui``, ``printing``, ``cli``, ``services``...), each exporting ``MESSAGES: dict[str, str]``; every module
of the language's package is an area (a new area is a new module, nothing to register).
The pure domain package may not import this one, so its own texts live in
``counter_app.domain.messages`` and are merged in here; its exceptions carry ``key`` and
``params`` so they can be rendered again in another language with :func:`describe_error`.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping

from counter_app.domain import messages as _domain_messages

DEFAULT_LANGUAGE = "vi"
_catalogues: dict[str, dict[str, str]] = {}
_language = DEFAULT_LANGUAGE


def _load(language: str) -> dict[str, str]:
    if language not in _catalogues:
        merged: dict[str, str] = dict(_domain_messages.VI) if language == "vi" else {}
        for area in areas(language):
            merged.update(importlib.import_module(f"counter_app.locale.{language}.{area}").MESSAGES)
        _catalogues[language] = merged
    return _catalogues[language]


def areas(language: str) -> list[str]:
    """The catalogue modules of ``language`` (none for a language without a package)."""
    try:
        package = importlib.import_module(f"counter_app.locale.{language}")
    except ModuleNotFoundError:
        return []
    return sorted(
        info.name for info in pkgutil.iter_modules(package.__path__) if not info.name.startswith("_")
    )


def set_language(language: str) -> None:
    """Switch the active language; keys missing from it fall back to Vietnamese."""
    global _language
    _load(language)
    _language = language


def t(key: str, /, **params: object) -> str:
    """The text for ``key`` in the active language, formatted with ``params``."""
    text = _load(_language).get(key)
    if text is None:
        text = _load(DEFAULT_LANGUAGE).get(key)
    if text is None:
        raise KeyError(f"no text for {key!r}")
    return text.format(**params) if params else text


def has(key: str) -> bool:
    return key in _load(_language) or key in _load(DEFAULT_LANGUAGE)


def describe_error(exc: BaseException) -> str:
    """A one-line, officer-facing description of an error raised by our own code."""
    key = getattr(exc, "key", None)
    params = getattr(exc, "params", None)
    if isinstance(key, str) and has(key):
        return t(key, **(params if isinstance(params, Mapping) else {}))
    return str(exc)
