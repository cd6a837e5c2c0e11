"""Indicators of a unit's one-stop work and the supervisor's view of it, one job per module:

* :mod:`~counter_app.services.indicators.periods` — the period an indicator covers (:class:`Period`);
* :mod:`~counter_app.services.indicators.figures` — the figure dataclasses, the targets and the
  Decision 766/QĐ-TTg formulas;
* :mod:`~counter_app.services.indicators.sql` — the SQL pieces the queries share and how they keep
  to the indexes;
* :mod:`~counter_app.services.indicators.workload` — the open work a unit holds at a moment;
* :mod:`~counter_app.services.indicators.period_figures` — a period's figures, by procedure and by
  officer (which dossiers each figure counts);
* :mod:`~counter_app.services.indicators.weekly` — the weekly series behind the small charts;
* :mod:`~counter_app.services.indicators.lists` — overdue, close to due, due today, received today,
  handovers and online dossiers pending;
* :mod:`~counter_app.services.indicators.snapshot` — one refresh of the live supervisor screen;
* :mod:`~counter_app.services.indicators.report` — the indicators report, its rows, CSV and PDF.

All of it only reads: each function takes the :class:`~counter_app.services.context.Store`, a ``now``
and a unit filter (:mod:`counter_app.services.scope`), opens its own short session and returns plain
frozen dataclasses.  The queue's state is :func:`counter_app.services.queue.queue_state`.
"""
