"""Decision 766/QĐ-TTg as data: its six groups, their indicators and points, and which of them a counter
measures.

Source.  Quyết định 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ phê duyệt Bộ chỉ số chỉ đạo, điều
hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ
công theo thời gian thực trên môi trường điện tử; total 100 points.  The Decision's appendix itself was not
read: public summaries of it were (vietjack.me and baocaotaichinh.vn: «Mức độ hài lòng» 18 points in three
rates — PAKN handled on time, satisfaction in handling PAKN, satisfaction in receiving and handling
dossiers, the last worth 6/18; on-time handling worth up to 20 points).  The groups, the indicators of each
group, their points and the formulas below follow the portal operator's description as published with a
public integration of the national portal's 766 dashboard (GitHub ``ChippedTopaz/qd766``:
``web/src/formula-maximums.ts`` for the points, reconciled there with the portal's own charts, and
``web/src/formula-document.ts``, «Mô tả công thức tính chỉ số 766», for the formulas 1.1-5.4).  Where
that description gives no formula for an indicator the counter cannot measure, none is implemented.

Groups (points): công khai, minh bạch (18); tiến độ, kết quả giải quyết (20); cung cấp dịch vụ trực tuyến
(12); thanh toán trực tuyến (10); mức độ hài lòng (18: PAKN xử lý đúng hạn 6, hài lòng trong xử lý PAKN 6,
hài lòng trong tiếp nhận, giải quyết TTHC 6); số hóa hồ sơ (22: kết quả điện tử 6, số hóa hồ sơ 4, chứng
thực bản sao điện tử 2, khai thác, sử dụng lại dữ liệu số hóa 2, hồ sơ số hóa kết nối với kho dữ liệu của
người dân trên Cổng DVCQG 4, hồ sơ sử dụng dữ liệu dân cư 2, TTHC kết nối dữ liệu dân cư 2).

What a counter measures: the on-time rate (2.1), the citizen's satisfaction with receiving and handling
(5.4), the digitised dossiers (4.2: every component received and the result carry their files) and the
reuse of digitised data (4.3); all four from the files and components it records
(:mod:`counter_app.services.indicators.figures`).  The e-results (4.1) are shown as a share (results kept
in the citizen's data store / results returned) but not scored: the description gives no scale of points
for 4.1.  Every other indicator is computed by the national portal
from data a counter does not hold (the procedures database, feedback (PAKN), payments, electronic results,
the citizen's data store); the report shows them «không đo tại đây» with their points, so that the total
of 100 is visible and no one reads the measured part as the whole score.

Adding a newer version of the index (the Ministry of Justice now makes the one-stop rules) is a new table
here.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["GROUPS", "MAXIMUM", "Group", "Indicator", "indicator"]


@dataclass(frozen=True)
class Indicator:
    """One indicator of the index: ``key`` names it (``law766.indicator.<key>``), ``points`` its maximum,
    ``measured`` whether a counter computes it (the formula is then the function of that name in
    :mod:`counter_app.services.indicators.figures`), ``formula`` the number in the portal's description."""

    key: str
    points: float
    formula: str
    measured: bool = False


@dataclass(frozen=True)
class Group:
    """One group of the index (``law766.group.<key>``) and its indicators."""

    key: str
    indicators: tuple[Indicator, ...]

    @property
    def points(self) -> float:
        return sum(i.points for i in self.indicators)

    @property
    def measured(self) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.measured)


GROUPS: tuple[Group, ...] = (
    Group(
        "transparency",
        (
            Indicator("published_on_time", 6, "1.1"),
            Indicator("updated_on_time", 4, "1.2"),
            Indicator("published_in_full", 2, "1.3"),
            Indicator("synced_to_portal", 6, "1.4"),
        ),
    ),
    Group("progress", (Indicator("on_time", 20, "2.1", measured=True),)),
    Group("online", (Indicator("full_online", 12, "3.1-3.3"),)),
    Group(
        "payment",
        (
            Indicator("fees_on_portal", 2, "3.5"),
            Indicator("paid_procedures", 2, "3.5"),
            Indicator("paid_online", 6, "3.6"),
        ),
    ),
    Group(
        "satisfaction",
        (
            Indicator("feedback_on_time", 6, "5.2"),
            Indicator("feedback_satisfaction", 6, "5.3"),
            Indicator("dossier_satisfaction", 6, "5.4", measured=True),
        ),
    ),
    Group(
        "digitisation",
        (
            Indicator("e_results", 6, "4.1"),
            Indicator("digitised", 4, "4.2", measured=True),
            Indicator("e_certified_copies", 2, "—"),
            Indicator("reuse", 2, "4.3", measured=True),
            Indicator("citizen_store", 4, "4.4"),
            Indicator("population_data_dossiers", 2, "4.5"),
            Indicator("population_data_procedures", 2, "4.5"),
        ),
    ),
)

#: the index's total (100)
MAXIMUM: float = sum(g.points for g in GROUPS)

_BY_KEY = {i.key: i for g in GROUPS for i in g.indicators}


def indicator(key: str) -> Indicator:
    """The indicator named ``key`` (KeyError for an unknown one)."""
    return _BY_KEY[key]
