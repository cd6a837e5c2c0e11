"""The Government's published days off and make-up working days for civil servants, as data.

Version 2026-12-01.  Vietnam's statutory holidays are those of the Labour Code 2019 (Bộ luật Lao động số
45/2019/QH14), Article 112: Tết Dương lịch 1 day (1/1), Tết Âm lịch 5 days, Giỗ Tổ Hùng Vương 1 day
(10/3 lunar), 30/4, 1/5 and Quốc khánh 2 days (2/9 and the day before or after it); Article 112(3): a
holiday falling on a weekly rest day is made up on the next working day.  Every year the Government then
publishes, for civil servants and public employees, which days are actually off and which weekdays are
swapped with a Saturday (hoán đổi ngày làm việc).  A public one-stop counter works to that published
calendar, so due dates (ngày hẹn trả) follow it.

The ``holidays`` package (``holidays.VN``) knows the statutory days and some of the swaps; it lagged behind
the published swaps (release 0.109 lacks the 2/1/2026 ↔ 10/1/2026 swap).  The table below is laid on top
of it by :class:`counter_app.domain.calendar.WorkCalendar`, and the province's ``calendar_day`` rows (the
central store distributes later announcements) are laid on top of both: what a province declares wins.

Each row names its source.  Where the number of the document was not found, the row says so (it rests on
the press report named) instead of inventing one.  Not confirmed and therefore **not** listed here (left to
the ``holidays`` package, which has them): the 31/8/2026 ↔ 22/8/2026 swap around Quốc khánh 2026 (the
package cites a customs-service Q&A page, not a Government document), and Ngày Văn hóa Việt Nam 24/11
as a paid holiday from 2026 (Resolution 80-NQ/TW chose the day and Resolution 30/NQ-CP of 2026 asks for
the Labour Code amendment; the amending law itself was not found).

Adding a year's announcement is adding rows here (or, between releases, ``calendar_day`` rows on the
central store): nothing else changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = [
    "OFFICIAL_DAYS",
    "OFFICIAL_DAYS_OFF",
    "OFFICIAL_WORKING_DAYS",
    "VERSION",
    "OfficialDay",
    "official_day",
]

VERSION = "2026-12-01"

_LABOUR_CODE = "Bộ luật Lao động 2019, Điều 112"
_TB_6150 = (
    "Thông báo 6150/TB-BLĐTBXH ngày 18/11/2024 của Bộ Lao động - Thương binh và Xã hội (lịch nghỉ Tết Âm "
    "lịch, 30/4-1/5 và Quốc khánh 2025 của cán bộ, công chức, viên chức)"
)
_CV_12729 = (
    "Công văn 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ (Phó Thủ tướng đồng ý phương án "
    "của Bộ Nội vụ: nghỉ Tết Dương lịch 2026 từ 1/1 đến 4/1, hoán đổi thứ Sáu 2/1 sang thứ Bảy 10/1)"
)
_TET_2026 = (
    "Phương án nghỉ Tết Nguyên đán Bính Ngọ 2026 của cán bộ, công chức, viên chức: nghỉ 9 ngày từ thứ Bảy "
    "14/2 đến hết Chủ nhật 22/2/2026 (báo Công an TP.HCM, congan.com.vn; số hiệu văn bản không tìm thấy)"
)


@dataclass(frozen=True)
class OfficialDay:
    """One published day: ``working`` False for a day off (a holiday or a weekday swapped away), True for a
    make-up working day (a Saturday or Sunday worked in exchange); ``source`` the document it rests on."""

    day: date
    working: bool
    reason: str
    source: str


OFFICIAL_DAYS: tuple[OfficialDay, ...] = (
    # --- 2025 --------------------------------------------------------------------------------------------
    OfficialDay(date(2025, 1, 1), False, "Tết Dương lịch", _LABOUR_CODE),
    # Tết Ất Tỵ: 9 days from Sat 25/1 to Sun 2/2/2025; the weekdays off are 27/1 to 31/1.
    *(OfficialDay(date(2025, 1, d), False, "Tết Nguyên đán Ất Tỵ", _TB_6150) for d in range(27, 32)),
    OfficialDay(date(2025, 4, 7), False, "Giỗ Tổ Hùng Vương (10/3 âm lịch)", _LABOUR_CODE),
    OfficialDay(date(2025, 4, 30), False, "Ngày Chiến thắng", _LABOUR_CODE),
    OfficialDay(date(2025, 5, 1), False, "Ngày Quốc tế Lao động", _LABOUR_CODE),
    # 30/4-1/5/2025: Friday 2/5 off, made up on Saturday 26/4 (five days off, 30/4 to 4/5).
    OfficialDay(date(2025, 5, 2), False, "Hoán đổi với thứ Bảy 26/4/2025", _TB_6150),
    OfficialDay(date(2025, 4, 26), True, "Làm bù cho thứ Sáu 2/5/2025", _TB_6150),
    # Quốc khánh 2025: Monday 1/9 and Tuesday 2/9 (four days off with the weekend, 30/8 to 2/9).
    OfficialDay(date(2025, 9, 1), False, "Quốc khánh", _TB_6150),
    OfficialDay(date(2025, 9, 2), False, "Quốc khánh", _TB_6150),
    # --- 2026 --------------------------------------------------------------------------------------------
    OfficialDay(date(2026, 1, 1), False, "Tết Dương lịch", _LABOUR_CODE),
    OfficialDay(date(2026, 1, 2), False, "Hoán đổi với thứ Bảy 10/1/2026", _CV_12729),
    OfficialDay(date(2026, 1, 10), True, "Làm bù cho thứ Sáu 2/1/2026", _CV_12729),
    # Tết Bính Ngọ: statutory days Monday 16/2 (30 Tết) to Friday 20/2 (mùng 4); no swap.
    *(OfficialDay(date(2026, 2, d), False, "Tết Nguyên đán Bính Ngọ", _TET_2026) for d in range(16, 21)),
    # 10/3 Bính Ngọ is Sunday 26/4/2026: made up on Monday 27/4 (Article 112(3)).
    OfficialDay(date(2026, 4, 27), False, "Nghỉ bù Giỗ Tổ Hùng Vương (26/4 là Chủ nhật)", _LABOUR_CODE),
    OfficialDay(date(2026, 4, 30), False, "Ngày Chiến thắng", _LABOUR_CODE),
    OfficialDay(date(2026, 5, 1), False, "Ngày Quốc tế Lao động", _LABOUR_CODE),
    # Quốc khánh 2026: 2/9 is a Wednesday; the second day is Tuesday 1/9 as the ``holidays`` package has it
    # (the Government's choice between 1/9 and 3/9 was not found in a document; see the module note).
    OfficialDay(date(2026, 9, 2), False, "Quốc khánh", _LABOUR_CODE),
)

OFFICIAL_DAYS_OFF: frozenset[date] = frozenset(d.day for d in OFFICIAL_DAYS if not d.working)
OFFICIAL_WORKING_DAYS: frozenset[date] = frozenset(d.day for d in OFFICIAL_DAYS if d.working)

_BY_DAY = {d.day: d for d in OFFICIAL_DAYS}


def official_day(day: date) -> OfficialDay | None:
    """The published entry for ``day``, if there is one."""
    return _BY_DAY.get(day)
