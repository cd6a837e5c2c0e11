"""Errors the services raise for the officer: a message key of the locale catalogue plus parameters."""

from __future__ import annotations

from counter_app.locale import t


class ServiceError(Exception):
    """An action refused for a reason the officer can understand and act on."""

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(t(key, **params))


class NotFound(ServiceError):
    pass


class Forbidden(ServiceError):
    pass
