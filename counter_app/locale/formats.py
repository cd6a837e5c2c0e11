"""How dates, times, amounts, shares and durations are written for people: screens, forms and reports.

One module for the whole product, beside the catalogue whose words it uses, so that a counter screen,
a printed form and a CSV report never write the same moment two ways. Vietnamese conventions: the day
before the month (``22/11/2026``), a decimal comma (``98,5 %``), dots grouping thousands
(``1.250.000 đồng``). Administrative documents write dates out in words with the leading zeros of
Decree 30/2020/NĐ-CP (Phụ lục I, on the place-and-date line): days below 10 and the months January and
February take a zero (``ngày 05 tháng 02 năm 2026``, ``ngày 22 tháng 11 năm 2026``).

Every function takes ``None`` for "unknown" and writes :data:`NONE` (or ``empty``) for it. Pure functions.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from counter_app.domain.vntext import fold
from counter_app.locale import t

#: what a cell shows when the value is unknown
NONE = "—"


# --- dates and times on screens and in reports ----------------------------------------------------------


def weekday(d: date) -> str:
    """``Thứ Sáu``."""
    return t(f"fmt.weekday.{d.weekday()}")


def day(d: date | None, empty: str = NONE) -> str:
    """``22/11/2026``."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}" if d else empty


def day_month(d: date | None, empty: str = NONE) -> str:
    """``22/11`` (chart axes, narrow columns)."""
    return f"{d.day:02d}/{d.month:02d}" if d else empty


def month(d: date | None, empty: str = NONE) -> str:
    """``11/2026``."""
    return f"{d.month:02d}/{d.year}" if d else empty


def clock(dt: datetime | None, empty: str = NONE, *, seconds: bool = False) -> str:
    """``08:37`` (``08:37:05`` with ``seconds``)."""
    if not dt:
        return empty
    return f"{dt:%H:%M:%S}" if seconds else f"{dt:%H:%M}"


def moment(dt: datetime | None, empty: str = NONE) -> str:
    """``08:37 22/11/2026``: the clock first, as the counter's screens read."""
    return f"{clock(dt)} {day(dt)}" if dt else empty


def short_moment(dt: datetime | None, empty: str = NONE) -> str:
    """``22/11 08:37`` (tables where room is short)."""
    return f"{day_month(dt)} {clock(dt)}" if dt else empty


def long_moment(dt: datetime | None, empty: str = NONE) -> str:
    """``08:42, Thứ Sáu 20/11/2026`` (a due date the officer reads to the citizen)."""
    return f"{clock(dt)}, {weekday(dt)} {day(dt)}" if dt else empty


def stamp(dt: datetime | None, empty: str = "", *, seconds: bool = False) -> str:
    """``22/11/2026 08:37`` (``…:05`` with ``seconds``): the day first, as ledgers and logs sort by eye."""
    return f"{day(dt)} {clock(dt, seconds=seconds)}" if dt else empty


# --- administrative documents (Decree 30/2020/NĐ-CP) ----------------------------------------------------


def _doc_day(d: date) -> str:
    return f"{d.day:02d}"


def _doc_month(d: date) -> str:
    return f"{d.month:02d}" if d.month < 3 else str(d.month)


def long_date(d: date) -> str:
    """``ngày 05 tháng 02 năm 2026``, ``ngày 22 tháng 11 năm 2026``."""
    return t("fmt.date", day=_doc_day(d), month=_doc_month(d), year=d.year)


def long_time(dt: datetime) -> str:
    """``08 giờ 37 phút, ngày 22 tháng 11 năm 2026``."""
    return t("fmt.time", hour=f"{dt.hour:02d}", minute=f"{dt.minute:02d}", date=long_date(dt))


def time_cell(dt: datetime) -> str:
    """Two short lines for narrow table cells of a form: ``09 giờ 05 phút`` / ``22/11/2026``."""
    return t("fmt.time_cell", hour=f"{dt.hour:02d}", minute=f"{dt.minute:02d}", date=day(dt))


def place_date(place: str, d: date) -> str:
    """``Quảng Ngãi, ngày 22 tháng 11 năm 2026``."""
    return t("fmt.place_date", place=place, date=long_date(d))


def two_digits(n: int) -> str:
    """Counts on forms take two digits: ``01``, ``12``, ``120``."""
    return f"{n:02d}"


# --- amounts, shares, durations -------------------------------------------------------------------------


def grouped(n: int) -> str:
    """``1.250.000`` (dots group the thousands)."""
    return f"{n:,}".replace(",", ".")


def money(amount: int) -> str:
    """``1.250.000 đồng`` (``0 đồng`` too: a form states the amount)."""
    return t("fmt.money", amount=grouped(amount))


def fee(amount: int | None) -> str:
    """``50.000 đồng``, or ``Không thu`` when nothing is charged (screens)."""
    return money(amount) if amount else t("fmt.free")


def fee_with_note(amount: int, note: str) -> str:
    """The fee and the catalogue's note, the note left out when it only says the same thing again: «Không thu
    (Không thu phí)» is «Không thu»; «Không thu (Miễn lệ phí đăng ký đúng hạn)» keeps its note."""
    shown = fee(amount)
    repeats = not amount and fold(note).startswith(fold(shown))  # «Không thu phí» after «Không thu»
    return f"{shown} ({note})" if note and not repeats else shown


def fee_with_status(amount: int, status: str) -> str:
    """A dossier's fee and whether it was paid: «50.000 đồng (Đã nộp)», «50.000 đồng (Chưa nộp)», and for an
    exempted applicant «Miễn (mức thu 50.000 đồng)» — not «50.000 đồng (Miễn phí, lệ phí)», which reads as
    if 50.000 đồng were charged."""
    if not amount:
        return fee(amount)
    if status == "exempt":
        return t("fmt.fee_exempt", amount=money(amount))
    return t("fmt.fee_paid_status", amount=money(amount), status=t(f"fee_status.{status}"))


def size(n_bytes: float) -> str:
    """A file size: ``512 B``, ``1,5 KB``, ``3,2 MB``, ``1,5 GB`` (decimal comma, powers of 1024)."""
    value = float(n_bytes)
    for unit in ("B", "KB", "MB"):
        if value < 1024:
            return f"{value:.0f} {unit}" if unit == "B" else f"{decimal(value)} {unit}"
        value /= 1024
    return f"{decimal(value)} GB"


def decimal(value: float, digits: int = 1) -> str:
    """``3,5`` (decimal comma); a whole number loses its ``,0``."""
    return (
        f"{value:.{digits}f}".replace(".", ",").removesuffix("," + "0" * digits) if digits else f"{value:.0f}"
    )


def percent(share: float | None, digits: int = 1) -> str:
    """``98,5 %`` for 0.985; :data:`NONE` when there is nothing to measure."""
    if share is None:
        return NONE
    return f"{share * 100:.{digits}f}".replace(".", ",") + " %"


def points(value: float | None) -> str:
    """``17,64`` (scores of Decision 766 to two decimals)."""
    return NONE if value is None else f"{value:.2f}".replace(".", ",")


def duration(value: timedelta | None) -> str:
    """``12 phút 05 giây``."""
    if value is None:
        return NONE
    seconds = int(value.total_seconds())
    return t("fmt.duration", minutes=seconds // 60, seconds=f"{seconds % 60:02d}")


def hours_minutes(value: timedelta | None) -> str:
    """``1:05`` (a wait in hours and minutes)."""
    if value is None:
        return NONE
    total = int(value.total_seconds() // 60)
    return f"{total // 60}:{total % 60:02d}"


def minutes_seconds(value: timedelta | None) -> str:
    """``12:05`` (a wait in minutes and seconds)."""
    if value is None:
        return NONE
    total = int(value.total_seconds())
    return f"{total // 60}:{total % 60:02d}"


def working_time_left(hours: float | None, hours_per_day: float) -> str:
    """Working time left (``còn 3,5 giờ``, ``còn 2 ngày``) or past (``trễ 1,5 giờ``, ``trễ 12 ngày``)."""
    if hours is None:
        return NONE
    size = abs(hours)
    if size >= hours_per_day:
        amount = t("fmt.days", days=int(size // hours_per_day))
    else:
        amount = t("fmt.hours", hours=decimal(size))
    return t("fmt.late", amount=amount) if hours < 0 else t("fmt.left", amount=amount)


def lateness(due: datetime, now: datetime) -> str:
    """How late a dossier due at ``due`` is at ``now``: ``45 phút`` under an hour, ``2 giờ`` under 24 hours
    (whole units, rounded down), then the calendar days since the due day (``3 ngày``); never ``0 ngày``.

    Clock time, not working time: the citizen waits by the clock and the due time is itself a clock time
    (reception + N working days at the same hour, :mod:`counter_app.domain.calendar`), so two hours past it
    is «2 giờ» even over a lunch break; from a full day on, the days are counted as the officer and the
    citizen count them, from the due day to today.  The working-hour count-down of the supervisor's lists
    is :func:`working_time_left`."""
    minutes = max(1, int((now - due).total_seconds() // 60))
    if minutes < 60:
        return t("report_fixes.minutes", minutes=minutes)
    if minutes < 24 * 60:
        return t("fmt.hours", hours=minutes // 60)
    return t("fmt.days", days=(now.date() - due.date()).days)


def overdue(due: datetime, now: datetime) -> str:
    """``Quá hạn 2 giờ``, ``Quá hạn 3 ngày`` (:func:`lateness`)."""
    return t("report_fixes.overdue", amount=lateness(due, now))


def processing_time(days: int) -> str:
    """``Trong ngày`` or ``3 ngày làm việc`` (the statutory time of a procedure)."""
    return t("fmt.same_day") if days == 0 else t("fmt.working_days", days=days)


def procedure_short(name: str) -> str:
    """``Đăng ký khai sinh`` for ``Thủ tục đăng ký khai sinh`` (lists where space is short)."""
    short = name.removeprefix("Thủ tục ").strip()
    return short[:1].upper() + short[1:]


def ledger_book(book: str) -> str:
    """The tracking ledger book as printed (Quyển số). The store names a counter's yearly book «2026-Q1»
    (Q for quầy), which on a receipt reads as the first quarter: it prints «2026-Quầy 1». A book named any
    other way (typed in, from another system) prints as it is."""
    year, sep, counter = book.partition("-Q")
    if sep and len(year) == 4 and year.isdigit() and counter.isdigit():
        return t("layout.ledger_book", year=year, counter=int(counter))
    return book
