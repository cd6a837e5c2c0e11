"""The indicators report of a unit for a period: its figures, the rows it shows (summary with targets and
verdicts, Decision 766 points) and its two outputs, CSV and PDF."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from counter_app.db.models import Unit
from counter_app.locale import formats as fmt
from counter_app.locale import t
from counter_app.services.context import Store
from counter_app.services.errors import ServiceError
from counter_app.services.indicators.counted import definition
from counter_app.services.indicators.decision766 import GROUPS, MAXIMUM
from counter_app.services.indicators.figures import (
    MEASURED_POINTS,
    Indicators,
    Rate,
    WeekFigures,
)
from counter_app.services.indicators.period_figures import PeriodFigures, period_figures
from counter_app.services.indicators.periods import Period, as_period
from counter_app.services.indicators.weekly import weekly_series
from counter_app.services.scope import ALL_UNITS, unit_scope


@dataclass(frozen=True)
class IndicatorReport:
    """The indicators report of a unit for a period (CSV and PDF)."""

    unit_id: str
    unit_name: str
    period: Period
    now: datetime
    figures: PeriodFigures
    weekly: list[WeekFigures]

    @property
    def indicators(self) -> Indicators:
        return self.figures.indicators


def report(
    store: Store, now: datetime, period: Period | str, unit_id: str | None = None, *, weeks: int = 8
) -> IndicatorReport:
    """The report's figures; the weekly series covers the period's weeks (the latest ``weeks`` of them), from
    its first day to its end (or today, if earlier): never a day outside the period."""
    period = as_period(period, now)
    unit = unit_scope(store, unit_id)
    if unit == ALL_UNITS:
        name = t("indicators.all_units")
    else:
        with store.session() as session:
            row = session.get(Unit, unit)
            name = row.name if row is not None else unit
    figures = period_figures(store, now, period, unit)
    weekly = weekly_series(store, now, unit, weeks=weeks, end=min(period.end, now.date()), period=period)
    return IndicatorReport(unit, name, period, now, figures, weekly)


def verdict(rate: Rate) -> str:
    """The rate against its target, in words ("Đạt", "Chưa đạt"); empty when there is nothing to judge."""
    met = rate.meets_target
    return "" if met is None else t("indicators.met" if met else "indicators.not_met")


def summary_rows(ind: Indicators) -> list[tuple[str, str, str, str]]:
    """(indicator, value, target, verdict) lines, shared by the CSV, the PDF and the screen."""

    def rate_row(key: str, rate: Rate) -> tuple[str, str, str, str]:
        value = f"{fmt.percent(rate.share)} ({rate.count}/{rate.total})"
        return (t(key), value, fmt.percent(rate.target, 0) if rate.target is not None else "", verdict(rate))

    def count_row(key: str, value: int) -> tuple[str, str, str, str]:
        return (t(key), str(value), "", "")

    return [
        count_row("indicators.received", ind.received),
        count_row("indicators.received_online", ind.received_online),
        count_row("indicators.refused", ind.refused),
        count_row("indicators.supplement_requested", ind.supplement_requested),
        count_row("indicators.finished", ind.finished.total),
        count_row("indicators.early", ind.finished.early),
        count_row("indicators.on_time", ind.finished.on_time),
        count_row("indicators.late", ind.finished.late),
        count_row("indicators.returned", ind.returned),
        count_row("indicators.in_progress_on_time", ind.in_progress_on_time),
        count_row("indicators.in_progress_late", ind.in_progress_late),
        count_row("indicators.waiting_supplement", ind.waiting_supplement),
        count_row("indicators.online_waiting", ind.online_waiting),
        rate_row("indicators.on_time_rate", ind.on_time),
        rate_row("indicators.on_time_rate_general", ind.on_time_general),
        rate_row("indicators.on_time_rate_land", ind.on_time_land),
        rate_row("indicators.digitised_rate", ind.digitisation),
        rate_row("indicators.reuse_rate", ind.reuse),
        count_row("indicators.reused_components", ind.reused_components),
        rate_row("indicators.e_result_rate", ind.e_result),
        count_row("indicators.very_satisfied", ind.very_satisfied),
        count_row("indicators.satisfied", ind.satisfied),
        count_row("indicators.not_satisfied", ind.not_satisfied),
        rate_row("indicators.satisfaction_rate", ind.satisfaction),
        rate_row("indicators.online_rate", ind.online),
    ]


def points_rows(ind: Indicators) -> list[tuple[str, str, str]]:
    """(group or indicator, points, maximum) of Decision 766/QĐ-TTg: its six groups in order, each indicator of
    a group with several, «không đo tại đây» for those the portal computes; then the total of what is
    measured here and the index's total of 100 with how many points are not measured here."""
    p = ind.points
    achieved = {
        "on_time": p.progress,
        "dossier_satisfaction": p.satisfaction,
        "digitised": p.digitisation,
        "reuse": p.reuse,
    }
    not_measured = t("law766.not_measured")

    def value(key: str, measured: bool) -> str:
        return fmt.points(achieved[key]) if measured else not_measured

    rows: list[tuple[str, str, str]] = []
    for number, group in enumerate(GROUPS, 1):
        name = f"{number}. {t(f'law766.group.{group.key}')}"
        if len(group.indicators) == 1:
            (only,) = group.indicators
            rows.append((name, value(only.key, only.measured), fmt.points(group.points)))
            continue
        measured = [achieved[i.key] for i in group.measured]
        group_value = (
            fmt.points(sum(v for v in measured if v is not None)) if group.measured else not_measured
        )
        if group.measured and all(v is None for v in measured):
            group_value = fmt.points(None)
        rows.append((name, group_value, fmt.points(group.points)))
        for sub, item in enumerate(group.indicators, 1):
            rows.append(
                (
                    f"    {number}.{sub}. {t(f'law766.indicator.{item.key}')}",
                    value(item.key, item.measured),
                    fmt.points(item.points),
                )
            )
    total = fmt.points(p.total) if p.maximum else fmt.points(None)
    rows.append((t("law766.total_measured"), total, fmt.points(p.maximum)))
    rows.append(
        (t("law766.total_index", unmeasured=f"{MAXIMUM - MEASURED_POINTS:g}"), total, fmt.points(MAXIMUM))
    )
    return rows


def indicators_csv(rep: IndicatorReport) -> bytes:
    """The report as CSV, UTF-8 with a byte-order mark (Excel then shows the diacritics), sections one after
    another: summary, Decision 766 points, by procedure, by officer, by week."""
    buffer = io.StringIO()
    w = csv.writer(buffer, lineterminator="\r\n")
    ind = rep.indicators
    w.writerow([t("indicators.report_title")])
    w.writerow([t("indicators.unit"), f"{rep.unit_name} ({rep.unit_id})"])
    w.writerow([t("indicators.period"), rep.period.label])
    w.writerow([definition()])
    w.writerow([t("indicators.as_of"), fmt.moment(rep.now)])
    w.writerow([])
    w.writerow(t("indicators.csv.summary_columns").split("|"))
    w.writerows(summary_rows(ind))
    w.writerow([])
    w.writerow(t("indicators.csv.points_columns").split("|"))
    w.writerows(points_rows(ind))
    w.writerow([])
    w.writerow(t("indicators.csv.procedure_columns").split("|"))
    for p in rep.figures.procedures:
        w.writerow(
            [
                p.code,
                p.name,
                t("indicators.yes") if p.land else "",
                p.received,
                p.refused,
                p.finished.total,
                p.finished.early,
                p.finished.on_time,
                p.finished.late,
                fmt.percent(p.on_time.share),
                p.returned,
                p.in_progress,
                p.in_progress_late,
            ]
        )
    w.writerow([])
    w.writerow(t("indicators.csv.officer_columns").split("|"))
    for o in rep.figures.officers:
        w.writerow(
            [o.name, o.received, o.refused, o.returned, o.tickets_served, fmt.duration(o.average_service)]
        )
    w.writerow([])
    w.writerow(t("indicators.csv.week_columns").split("|"))
    for wk in rep.weekly:
        w.writerow(
            [
                fmt.day(wk.start),
                wk.received,
                wk.finished.total,
                fmt.percent(wk.on_time.share),
                fmt.percent(wk.reuse.share),
                fmt.percent(wk.satisfaction.share),
                fmt.percent(wk.online.share),
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


_PDF_SHARED_TEXTS = {
    "title": "indicators.report_title",
    "period": "indicators.period",
    "unit": "indicators.unit",
    "as_of": "indicators.as_of",
}


def pdf_texts(names: Iterable[str]) -> dict[str, str]:
    """The words of the PDF report (placeholders such as ``{time}`` left for the renderer)."""
    names = tuple(names)
    texts = {
        name: t(_PDF_SHARED_TEXTS.get(name, f"indicators.pdf.{name}"))
        for name in names
        if name != "points_note"
    }
    if "points_note" in names:
        texts["points_note"] = t(
            "indicators.pdf.points_note", measured=f"{MEASURED_POINTS:g}", index=f"{MAXIMUM:g}"
        )
    return texts


def report_pdf(store: Store, rep: IndicatorReport, *, printed_at: datetime | None = None) -> bytes:
    """The report as an A4 PDF (:mod:`counter_app.printing.indicators_report`)."""
    from counter_app.printing.indicators_report import (
        TEXTS,
        IndicatorsReportData,
        OfficerLine,
        ProcedureLine,
        WeekPoint,
        render_indicators_report,
    )
    from counter_app.services.printing_service import unit_info

    with store.session() as session:
        unit = session.get(Unit, rep.unit_id if rep.unit_id != ALL_UNITS else store.unit_id)
        if unit is None:
            raise ServiceError("lookup.unit_not_found", code=rep.unit_id)
        info = unit_info(unit)
    ind = rep.indicators
    label = rep.unit_name if rep.unit_id == ALL_UNITS else f"{rep.unit_name} ({rep.unit_id})"
    data = IndicatorsReportData(
        unit=info,
        unit_label=label,
        period_label=rep.period.label,
        as_of=rep.now,
        printed_at=printed_at or rep.now,
        summary=summary_rows(ind),
        points=points_rows(ind),
        procedures=[
            ProcedureLine(
                p.name,
                p.land,
                p.received,
                p.finished.total,
                p.finished.early,
                p.finished.on_time,
                p.finished.late,
                fmt.percent(p.on_time.share),
                p.returned,
            )
            for p in rep.figures.procedures
        ],
        officers=[
            OfficerLine(o.name, o.received, o.returned, o.tickets_served, fmt.duration(o.average_service))
            for o in rep.figures.officers
        ],
        weeks=[
            WeekPoint(
                w.start, w.received, w.finished.total, w.on_time.share, w.reuse.share, w.satisfaction.share
            )
            for w in rep.weekly
        ],
        texts=pdf_texts(TEXTS),
        definition=definition(),
    )
    return render_indicators_report(data)
