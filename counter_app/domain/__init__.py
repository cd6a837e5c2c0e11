"""Pure domain rules of the one-stop counter: CCCD parsing, dossier codes, statuses, due dates.

Nothing here does I/O or imports another part of ``counter_app`` (an import-linter
contract enforces it); import the submodules you need, e.g.
``from counter_app.domain.calendar import WorkCalendar``.
"""
