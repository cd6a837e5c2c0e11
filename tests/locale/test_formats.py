"""The one presentation module: every screen, form and report writes values through it."""

from __future__ import annotations

import ast
import pathlib
from datetime import date, datetime, timedelta

import pytest

from counter_app.locale import formats as fmt

PACKAGE = pathlib.Path(fmt.__file__).resolve().parents[1]


def test_dates_and_times_on_screens():
    moment = datetime(2026, 11, 20, 8, 42, 5)
    assert fmt.day(moment) == "20/11/2026" and fmt.day(None) == "—" and fmt.day(None, "") == ""
    assert fmt.clock(moment) == "08:42" and fmt.clock(moment, seconds=True) == "08:42:05"
    assert fmt.moment(moment) == "08:42 20/11/2026"
    assert fmt.short_moment(moment) == "20/11 08:42"
    assert fmt.long_moment(moment) == "08:42, Thứ Sáu 20/11/2026"
    assert fmt.stamp(moment) == "20/11/2026 08:42" and fmt.stamp(None) == ""
    assert fmt.stamp(moment, seconds=True) == "20/11/2026 08:42:05"
    assert fmt.month(date(2026, 3, 1)) == "03/2026" and fmt.day_month(date(2026, 3, 1)) == "01/03"


def test_amounts_shares_and_durations():
    assert fmt.money(1_250_000) == "1.250.000 đồng" and fmt.money(0) == "0 đồng"
    assert fmt.fee(0) == "Không thu" and fmt.fee(50_000) == "50.000 đồng"
    assert fmt.percent(0.875) == "87,5 %" and fmt.percent(None) == "—" and fmt.percent(0.98, 0) == "98 %"
    assert fmt.points(17.5) == "17,50" and fmt.points(None) == "—"
    assert fmt.duration(timedelta(minutes=12, seconds=5)) == "12 phút 05 giây"
    assert fmt.hours_minutes(timedelta(hours=1, minutes=5)) == "1:05"
    assert fmt.minutes_seconds(timedelta(minutes=12, seconds=5)) == "12:05"


@pytest.mark.parametrize(
    ("hours", "text"),
    [
        (3.5, "còn 3,5 giờ"),
        (3.0, "còn 3 giờ"),
        (-1.5, "trễ 1,5 giờ"),
        (17.0, "còn 2 ngày"),
        (-96.0, "trễ 12 ngày"),
    ],
)
def test_working_time_left(hours, text):
    assert fmt.working_time_left(hours, 8.0) == text


def test_no_other_module_writes_dates_with_its_own_pattern():
    """Screens, printing, reports and the command line format moments through this module only
    (file names and portal timestamps are identifiers, not presentation, and may use strftime)."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.startswith(("locale/", "domain/messages.py")):
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            spec = None
            if isinstance(node, ast.FormattedValue) and isinstance(node.format_spec, ast.JoinedStr):
                spec = "".join(v.value for v in node.format_spec.values if isinstance(v, ast.Constant))
            elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "strftime" and node.args:
                arg = node.args[0]
                spec = arg.value if isinstance(arg, ast.Constant) else "?"
            if spec and ("%d/" in spec or "%H:%M" in spec):
                offenders.append(f"{rel}:{node.lineno} {spec}")
    assert not offenders, offenders


def test_no_key_is_defined_in_two_catalogue_areas():
    import importlib

    from counter_app.locale import areas

    seen: dict[str, str] = {}
    for area in areas("vi"):
        for key in importlib.import_module(f"counter_app.locale.vi.{area}").MESSAGES:
            assert key not in seen, f"{key} is in both {seen[key]} and {area}"
            seen[key] = area
    assert {"ui", "cli", "formats"} <= set(areas("vi"))


def test_a_fee_note_that_only_repeats_the_fee_is_left_out():
    """Issue 15: «Không thu (Không thu phí)»."""
    assert fmt.fee_with_note(0, "Không thu phí") == "Không thu"
    assert fmt.fee_with_note(0, "Miễn lệ phí đăng ký đúng hạn") == "Không thu (Miễn lệ phí đăng ký đúng hạn)"
    assert fmt.fee_with_note(8000, "8.000 đồng/bản sao") == "8.000 đồng (8.000 đồng/bản sao)"
    assert fmt.fee_with_note(50000, "") == "50.000 đồng"


def test_an_exempted_fee_does_not_read_as_charged():
    """Issue 15: «50.000 đồng (Miễn phí, lệ phí)» read as if 50.000 đồng were charged."""
    assert fmt.fee_with_status(50000, "exempt") == "Miễn (mức thu 50.000 đồng)"
    assert fmt.fee_with_status(50000, "paid") == "50.000 đồng (Đã nộp)"
    assert fmt.fee_with_status(50000, "unpaid") == "50.000 đồng (Chưa nộp)"
    assert fmt.fee_with_status(0, "exempt") == "Không thu"
