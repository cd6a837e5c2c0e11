"""What each table of the supervisor's screen shows, built from a snapshot: pure functions.

Each function returns the rows (key, cells) and the columns of one table; the screen hands them to a
:class:`~counter_app.widgets.live_table.LiveTable`, which applies them as a keyed diff.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text

from counter_app.locale import formats as fmt
from counter_app.locale import has, t
from counter_app.services.indicators.figures import (
    INDEX_POINTS,
    MEASURED_POINTS,
    Indicators,
    OfficerFigures,
    Rate,
)
from counter_app.services.indicators.snapshot import SupervisorSnapshot
from counter_app.services.queue import QueueState
from counter_app.widgets.live_table import Row

if TYPE_CHECKING:
    from counter_app.services.dashboard import RefusedEvents

SPARK = "▁▂▃▄▅▆▇█"
#: (column key, header, width) of each table
Columns = list[tuple[str, str, int | None]]


def sparkline(values: Sequence[float | None], *, maximum: float | None = None) -> str:
    """A one-line chart: one block per value, scaled to ``maximum`` (default: the largest value);
    a blank where there is nothing to measure."""
    known = [v for v in values if v is not None]
    top = maximum if maximum is not None else max(known, default=0)
    out = []
    for v in values:
        if v is None:
            out.append(" ")
        elif top <= 0:
            out.append(SPARK[0])
        else:
            out.append(SPARK[min(len(SPARK) - 1, max(0, round(v / top * (len(SPARK) - 1))))])
    return "".join(out)


def queue_columns() -> Columns:
    return [
        ("code", "", 2),
        ("name", t("live.col.service"), 20),
        ("waiting", t("live.col.waiting"), 4),
        ("priority", t("live.col.priority"), 7),
        ("longest", t("live.col.longest"), 12),
    ]


def queue_rows(q: QueueState) -> list[Row]:
    return [
        (
            svc.code,
            [
                svc.code,
                svc.name,
                str(svc.waiting),
                Text(str(svc.waiting_priority), style="bold yellow" if svc.waiting_priority else ""),
                fmt.hours_minutes(svc.longest_wait),
            ],
        )
        for svc in q.services
    ]


def counter_columns() -> Columns:
    return [
        ("counter", t("live.col.counter"), 10),
        ("state", t("live.col.state"), 13),
        ("ticket", t("live.col.ticket"), 5),
        ("since", t("live.col.since"), 6),
        ("served", t("live.col.served"), 10),
    ]


def counter_rows(q: QueueState) -> list[Row]:
    styles = {"serving": "bold green", "idle": "yellow", "closed": "dim"}
    return [
        (
            c.counter_id,
            [
                c.name,
                Text(c.label, style=styles[c.state]),
                Text(c.ticket or "", style="bold"),
                fmt.clock(c.since),
                str(c.served_today),
            ],
        )
        for c in q.counters
    ]


def indicator_columns() -> Columns:
    return [
        ("indicator", t("live.col.indicator"), 27),
        ("value", t("live.col.value"), 15),
        ("trend", t("live.col.trend"), 8),
    ]


def _points(i: Indicators) -> str:
    """The Decision 766 points measured here, and how many of the index's 100 that is (the rest are the
    national portal's: «đo 28/100 điểm»)."""
    p = i.points
    return t(
        "law766.live_points",
        points=fmt.points(p.total if p.maximum else None),
        maximum=f"{p.maximum:g}",
        measured=f"{MEASURED_POINTS:g}",
        index=f"{INDEX_POINTS:g}",
    )


def _rate(key: str, value: Rate) -> tuple[str, Text]:
    met = value.meets_target
    label = (
        t(key)
        if value.target is None
        else t("live.with_target", label=t(key), target=fmt.percent(value.target, 0))
    )
    style = "" if met is None else ("bold green" if met else "bold red")
    return label, Text(f"{fmt.percent(value.share)} {value.count}/{value.total}", style=style)


def _counted(value: int, style: str) -> Text:
    return Text(str(value), style=style if value else "")


def indicator_rows(s: SupervisorSnapshot) -> list[Row]:
    i, weeks = s.indicators, s.weekly

    def shares(values: list[float | None]) -> str:
        return sparkline(values, maximum=1.0)

    finished = f"{i.finished.total} ({i.finished.early}/{i.finished.on_time}/{i.finished.late})"
    rows: list[tuple[str, str, object, str]] = [
        ("received", t("indicators.received"), str(i.received), sparkline([w.received for w in weeks])),
        ("finished", t("live.ind.finished"), finished, sparkline([w.finished.total for w in weeks])),
        ("on_time", *_rate("live.ind.on_time", i.on_time), shares([w.on_time.share for w in weeks])),
        ("on_time_land", *_rate("live.ind.on_time_land", i.on_time_land), ""),
        ("in_progress_late", t("indicators.in_progress_late"), _counted(i.in_progress_late, "bold red"), ""),
        ("close_to_due", t("live.ind.close_to_due"), _counted(i.close_to_due, "bold yellow"), ""),
        ("in_progress_on_time", t("indicators.in_progress_on_time"), str(i.in_progress_on_time), ""),
        ("waiting_supplement", t("indicators.waiting_supplement"), str(i.waiting_supplement), ""),
        ("returned", t("indicators.returned"), str(i.returned), sparkline([w.returned for w in weeks])),
        ("reuse", *_rate("live.ind.reuse", i.reuse), shares([w.reuse.share for w in weeks])),
        (
            "satisfaction",
            *_rate("live.ind.satisfaction", i.satisfaction),
            shares([w.satisfaction.share for w in weeks]),
        ),
        ("online", *_rate("live.ind.online", i.online), shares([w.online.share for w in weeks])),
        ("points", t("live.ind.points"), _points(i), ""),
    ]
    return [(key, [label, value, Text(trend, style="cyan")]) for key, label, value, trend in rows]


def officer_columns() -> Columns:
    return [
        ("name", t("live.col.officer"), 18),
        ("received", t("live.col.received"), 9),
        ("returned", t("live.col.returned"), 6),
        ("tickets", t("live.col.tickets"), 5),
        ("service", t("live.col.service_time"), 10),
    ]


def officer_rows(officers: Sequence[OfficerFigures]) -> list[Row]:
    return [
        (
            o.officer_id,
            [
                o.name,
                str(o.received),
                str(o.returned),
                str(o.tickets_served),
                fmt.minutes_seconds(o.average_service),
            ],
        )
        for o in officers
    ]


def attention_columns() -> Columns:
    return [
        ("code", t("live.col.code"), 26),
        ("applicant", t("live.col.applicant"), 18),
        ("due", t("live.col.due"), 11),
        ("left", t("live.col.left"), 12),
    ]


def attention_rows(s: SupervisorSnapshot, hours_per_day: float) -> list[Row]:
    """Overdue dossiers (red) first, then those close to due (amber)."""
    styles = {"overdue": "bold red", "close": "bold yellow", "ok": ""}
    rows: list[Row] = []
    for item in s.attention:
        style = styles[item.urgency]
        texts = (
            item.applicant_name,
            fmt.short_moment(item.due_at),
            fmt.working_time_left(item.hours_left, hours_per_day),
        )
        rows.append((item.code, [item.code, *(Text(text, style=style) for text in texts)]))
    return rows


def online_columns() -> Columns:
    return [
        ("code", t("live.col.code"), 26),
        ("applicant", t("live.col.applicant"), 18),
        ("deadline", t("live.col.deadline"), 11),
        ("left", t("live.col.left"), 12),
    ]


def online_rows(s: SupervisorSnapshot, hours_per_day: float) -> list[Row]:
    """Online dossiers with their 8-working-hour reception clock: red when past, amber in the last 2 hours."""
    rows: list[Row] = []
    for o in s.online:
        style = "bold red" if o.hours_left <= 0 else ("bold yellow" if o.hours_left <= 2 else "")
        cells = [
            o.code,
            o.applicant_name,
            Text(fmt.short_moment(o.deadline), style=style),
            Text(fmt.working_time_left(o.hours_left, hours_per_day), style=style),
        ]
        rows.append((o.code, cells))
    return rows


def handover_columns() -> Columns:
    return [
        ("code", t("live.col.code"), 26),
        ("direction", t("live.col.direction"), 10),
        ("unit", t("live.col.unit"), 20),
        ("sent", t("live.col.sent"), 11),
    ]


def handover_rows(s: SupervisorSnapshot) -> list[Row]:
    return [
        (
            h.code,
            [
                h.code,
                t("live.out") if h.direction == "out" else t("live.in"),
                h.other_unit_name,
                fmt.short_moment(h.sent_at),
            ],
        )
        for h in s.handovers
    ]


def refused_columns() -> Columns:
    return [
        ("code", t("live.col.code"), 26),
        ("event", t("bounds.live.col.event"), 12),
        ("at", t("bounds.live.col.at"), 11),
        ("reason", t("bounds.live.col.reason"), 60),
    ]


def refused_rows(refused: RefusedEvents) -> list[Row]:
    """The dossiers with events the central store refused, the newest refusal first: what, when, why (the
    dossier's screen, opened with Enter, says who and lists its other refused events)."""
    rows: list[Row] = []
    seen: set[str] = set()
    for r in refused.events:
        if r.dossier_code in seen:
            continue
        seen.add(r.dossier_code)
        label = t(f"event.{r.type}") if has(f"event.{r.type}") else r.type
        cells = [Text(r.dossier_code, style="bold red"), label, fmt.short_moment(r.at), r.reason]
        rows.append((r.dossier_code, cells))
    return rows
