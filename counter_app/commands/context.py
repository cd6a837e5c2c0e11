"""What a command may need, opened only when it first asks: the settings (with the log file), the store,
and the officer it acts as."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from counter_app.commands.exits import CommandError
from counter_app.config import Settings, load_settings, make_private
from counter_app.locale import t

if TYPE_CHECKING:  # the TUI starts from here: keep SQLAlchemy out of start-up
    from counter_app.services.context import Actor, Store

log = logging.getLogger("counter_app")
LOG_FILE = "counter-app.log"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class CommandContext:
    """Lazy access to the settings and the store for one run of the command line.

    ``load_settings`` replaces how settings are read (tests); by default they come from the config file
    and the environment, on the demo store with ``demo``, and the log file is opened.
    """

    def __init__(self, *, demo: bool = False, load_settings: Callable[[], Settings] | None = None) -> None:
        self.demo = demo
        self._load_settings = load_settings or partial(counter_settings, demo=demo)
        self._settings: Settings | None = None
        self._store: Store | None = None
        self._central: Store | None = None

    def settings(self) -> Settings:
        """The settings, read and checked once."""
        if self._settings is None:
            self._settings = self._load_settings()
        return self._settings

    def store(self) -> Store:
        """The store, opened (and migrated) once."""
        if self._store is None:
            from counter_app.services.context import open_store

            self._store = open_store(self.settings())
        return self._store

    def central_store(self, url: str | None = None, *, upgrade: bool = False) -> Store:
        """The central PostgreSQL as a store (``url``, else ``COUNTER_APP_CENTRAL_URL`` / ``[store]
        central_url``), for the province-wide operations an administrator runs there: the catalogue, the
        calendar. Migrated only with ``upgrade`` (``counter-app central init`` is what sets it up); opened once,
        closed with the context."""
        if self._central is None:
            from dataclasses import replace

            from counter_app.services.context import open_store

            settings = replace(self.settings(), db_url=self.central_url(url), central_url=None)
            self._central = open_store(settings, upgrade=upgrade)
        return self._central

    def central_url(self, url: str | None = None) -> str:
        """The central store's address: ``url`` (``--url``), else ``COUNTER_APP_CENTRAL_URL`` / ``[store]
        central_url``; a one-line error when there is none."""
        central_url = url or self.settings().central_url
        if not central_url:
            raise CommandError(t("cli.central.no_url"))
        return central_url

    def actor(self, username: str | None, *, role: str = "officer", pin: bool = False) -> Actor:
        """Who a headless command acts as: the officer ``username`` of this unit, or the counter itself
        (with ``role``) when no officer is named.

        With ``pin`` the command shows or changes citizens' or dossiers' data, so the counter itself may
        not run it: an officer must be named and give their PIN (:func:`read_pin`), checked like a log-in
        at this counter (the same refusal whatever is wrong; wrong PINs count towards the lock-out)."""
        from counter_app.services import auth
        from counter_app.services.context import Actor

        if pin:
            if username is None or not username.strip():
                raise CommandError(t("privacy.cli.officer_required"))
            typed = read_pin(username.strip())
            officer = auth.login(self.store(), username, typed)
            if officer.must_change_pin:
                raise CommandError(t("privacy.cli.must_change_pin", username=username.strip()))
            return officer
        store = self.store()
        if username is not None:
            return auth.actor_for_username(store, username)
        counter = store.settings.counter
        return Actor(
            None, t("cli.counter_actor", counter=counter), role, store.unit_id, store.settings.counter_id
        )

    def open_log(self) -> None:
        """Make sure failures can be logged even when the command never needed the settings (which open the
        log file); when even they cannot be read, the log is dropped rather than printed on the terminal."""
        try:
            self.settings()
        except Exception:  # the failure being reported already says what is wrong
            pass
        if not log.handlers:
            log.addHandler(logging.NullHandler())

    def close(self) -> None:
        """Close the stores' connections (a later ``restore`` in the same process must not wait on them)."""
        for store in (self._store, self._central):
            if store is not None:
                store.dispose()
        self._store = self._central = None


def read_pin(username: str) -> str:
    """The PIN of the officer ``username``: asked without echo at a terminal, otherwise the first line of
    standard input (``printf '%s\\n' "$PIN" | counter-app ...``); never from the command line, where ``ps``
    and the shell history would show it. No PIN is a one-line refusal (exit 2)."""
    import getpass
    import sys

    stdin = sys.stdin
    try:
        if stdin is None or stdin.closed:
            raise EOFError
        if stdin.isatty():
            line = getpass.getpass(t("privacy.cli.pin_prompt", username=username))
        else:
            line = stdin.readline()
    except (EOFError, OSError, ValueError):  # end of input, nothing to read from, a closed stream, not text
        raise CommandError(t("privacy.cli.pin_missing")) from None
    pin = line.strip()
    if not pin:
        raise CommandError(t("privacy.cli.pin_missing"))
    return pin


def counter_settings(*, demo: bool = False) -> Settings:
    """The settings of this machine, on its demo store with ``demo`` (unless a store is named explicitly);
    their directories exist and the log file is open (or, when it cannot be, one warning said so)."""
    settings = load_settings(demo=demo)
    if demo and not _db_url_named(settings):
        settings = replace(settings, db_url=f"sqlite:///{settings.data_dir / 'demo' / 'counter.sqlite3'}")
    settings.ensure_dirs()
    log_to_file(settings)
    return settings


def _db_url_named(settings: Settings) -> bool:
    return bool(os.environ.get("COUNTER_APP_DB_URL")) or "db_url" in settings.extra.get("store", {})


class _QuietFileHandler(logging.FileHandler):
    """A log file that never prints logging's own traceback on the terminal when a write fails (disk full,
    file removed): the record is dropped, and one warning line says the log stopped."""

    def handleError(self, record: logging.LogRecord) -> None:
        import sys

        error = sys.exc_info()[1]
        _warn_log_dropped(self.baseFilename, getattr(error, "strerror", None) or error)


_log_warned = False


def _warn_log_dropped(path: object, reason: object) -> None:
    """One line on standard error, once per process: the log file cannot be written, the command goes on."""
    global _log_warned
    if _log_warned:
        return
    _log_warned = True
    from counter_app.commands.output import warn

    try:
        warn(t("storage.log_unavailable", path=path, reason=reason))
    except Exception:  # standard error itself is gone: nothing left to tell
        pass


def log_to_file(settings: Settings) -> None:
    """Send the ``counter_app`` log to ``counter-app.log`` in the log directory (once per process).

    The directory is made 0700 and the file 0600 (the log may name officers and dossiers). When the file
    cannot be opened (a read-only directory, a home of ``/dev/null``, a file where the directory should
    be), the command goes on without a log: one warning line on standard error, never a traceback."""
    if any(isinstance(handler, logging.FileHandler) for handler in log.handlers):
        return
    path = settings.log_dir / LOG_FILE
    try:
        settings.log_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        make_private(settings.log_dir)  # an earlier version left it readable by others
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            if os.fstat(fd).st_mode & 0o077:
                os.fchmod(fd, 0o600)  # a log made by an older version was world-readable
        finally:
            os.close(fd)
        handler: logging.Handler = _QuietFileHandler(path, encoding="utf-8")
    except OSError as exc:
        _warn_log_dropped(path, exc.strerror or exc)
        if not log.handlers:
            log.addHandler(logging.NullHandler())
        return
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
