"""What the indicators are: the figure dataclasses, the targets and the Decision 766/QĐ-TTg formulas.

Decision 766/QĐ-TTg scores the service of a unit out of 100 points in six groups
(:mod:`counter_app.services.indicators.decision766` holds them as data, with the sources); a counter
measures four of its indicators, 32 points, each formula one function below:

* **on-time handling** (group «tiến độ, kết quả giải quyết», 20 points, formula 2.1):
  20 × (early + on time) / finished (:func:`progress_points`).  A dossier for which more than one
  supplement request was made counts as late whatever its dates (:func:`late_by_supplements`; the
  indicators' SQL applies it, :func:`counter_app.services.indicators.sql.timeliness_sql`);
* **satisfaction in receiving and handling dossiers** (group «mức độ hài lòng», 6 of its 18 points,
  formula 5.4): rate = 100 % − (late share + share of returned dossiers rated «không hài lòng»),
  6 × min(1, rate / 90 %) (:func:`dossier_satisfaction_rate`, :func:`satisfaction_points`); the other
  12 points (feedback handled on time, satisfaction with the handling of feedback) are the portal's;
* **digitised dossiers** (group «số hóa hồ sơ», 4 of its 22 points, formula 4.2):
  4 × min(1, digitised share / 80 %), a dossier being digitised when every component received has its file
  and so has its result once it exists (:func:`digitisation_points`);
* **reuse of digitised data** (group «số hóa hồ sơ», 2 of its 22 points, formula 4.3):
  2 × min(1, reuse share / 80 %), the share being received dossiers with at least one component reused
  from the citizen's data store (:func:`reuse_points`); the internal target stays 50 %.

Shown without points: the e-result share (results kept in the citizen's data store / results returned,
:attr:`Indicators.e_result`; formula 4.1 of the portal's description counts results with a file attached
but gives no scale of points, so it stays «không đo tại đây»), the online share (channel 2 among received
dossiers), the satisfied share (very satisfied + satisfied) / rated against 90 %.  Other targets: on-time
rate 98 %, 96 % for land procedures (``Procedure.land``), which are reported separately as well.  An
indicator with nothing to measure (no finished, rated or received dossier) has no points (None).

Which dossiers each figure counts is told in :mod:`counter_app.services.indicators.period_figures`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from counter_app.domain.states import Status
from counter_app.services.indicators.decision766 import MAXIMUM, indicator
from counter_app.services.indicators.periods import Period

ON_TIME_TARGET = 0.98
LAND_ON_TIME_TARGET = 0.96
SATISFACTION_TARGET = 0.90
REUSE_TARGET = 0.50
REUSE_FULL_MARKS = 0.80
#: formula 4.2 gives full marks from this share of digitised dossiers on
DIGITISATION_FULL_MARKS = 0.80
#: formula 5.4 gives full marks from this rate on
DOSSIER_SATISFACTION_FULL_MARKS = 0.90
#: formula 2.1: a dossier with more supplement requests than this counts as late
SUPPLEMENT_REQUESTS_ALLOWED = 1
#: Decision 766 points of the indicators a counter measures (the table is decision766.GROUPS)
PROGRESS_POINTS = indicator("on_time").points
SATISFACTION_POINTS = indicator("dossier_satisfaction").points
REUSE_POINTS = indicator("reuse").points
DIGITISATION_POINTS = indicator("digitised").points
#: what a counter measures, and the index's total
MEASURED_POINTS = PROGRESS_POINTS + SATISFACTION_POINTS + DIGITISATION_POINTS + REUSE_POINTS
INDEX_POINTS = MAXIMUM

#: statuses in which the processing clock runs (the dossier can be late)
RUNNING = (Status.RECEIVED, Status.PROCESSING, Status.AWAITING_FEE)
FINISHED_STATUSES = (Status.RESULT_READY, Status.RETURNED)
OPEN_WORK = (*RUNNING, Status.SUPPLEMENT_REQUESTED, Status.REGISTERED_ONLINE, Status.RESULT_READY)


# --- the Decision 766 formulas --------------------------------------------------------------------------


def late_by_supplements(supplement_requests: int) -> bool:
    """Formula 2.1 of Decision 766/QĐ-TTg (portal description): a dossier for which the officers asked for a
    supplement more than once («yêu cầu bổ sung hồ sơ hơn 01 lần») counts as late."""
    return supplement_requests > SUPPLEMENT_REQUESTS_ALLOWED


def progress_points(on_time_share: float) -> float:
    """On-time handling (Decision 766/QĐ-TTg, group «tiến độ, kết quả giải quyết», formula 2.1):
    20 × on-time rate, the rate being (early + on time) / finished, a dossier with more than one
    supplement request counted late (:func:`late_by_supplements`)."""
    return PROGRESS_POINTS * on_time_share


def dossier_satisfaction_rate(late_share: float, dissatisfied_share: float) -> float:
    """Satisfaction in receiving and handling dossiers (Decision 766/QĐ-TTg, formula 5.4):
    100 % − (share of dossiers handled late + share of dossiers with a complaint or a «không hài lòng»
    rating), never below 0."""
    return max(0.0, 1.0 - (late_share + dissatisfied_share))


def satisfaction_points(rate: float) -> float:
    """Its points (group «mức độ hài lòng», 6 of 18): 6 × min(1, rate / 90 %), the rate of
    :func:`dossier_satisfaction_rate`."""
    return SATISFACTION_POINTS * min(1.0, rate / DOSSIER_SATISFACTION_FULL_MARKS)


def digitisation_points(digitised_share: float) -> float:
    """Digitised dossiers (Decision 766/QĐ-TTg, group «số hóa hồ sơ», formula 4.2 «Tỷ lệ hồ sơ thủ tục hành
    chính thực hiện số hóa hồ sơ», 4 of 22 points): 4 × min(1, share / 80 %) («Đạt từ 80% trở lên sẽ đạt
    điểm tối đa»).

    The share: dossiers received in the period that are digitised / dossiers received in the period (not
    refused).  The portal's description counts a dossier whose components have their files attached
    («có file đính kèm trong thành phần hồ sơ») and whose result has its file («có file đính kèm trong kết
    quả xử lý»); here, exactly: every component received (``DossierDocument.received``) carries a file
    (``file_hash``), at least one component was received, and once the result exists (status 9 or 10) it
    carries its file too (``Dossier.result_file_hash``)
    (:func:`counter_app.services.indicators.sql.digitised_sql`).  A dossier not yet finished is judged on
    its components alone.

    Source: the portal operator's «Mô tả công thức tính chỉ số 766», formula 4.2, as published with a public
    integration of the national portal's 766 dashboard (secondary source, see
    :mod:`~counter_app.services.indicators.decision766`); the Decision's appendix itself was not read.
    The description restricts part (2) to procedures whose result is a paper document; the catalogue
    does not say which those are, so every result counts."""
    return DIGITISATION_POINTS * min(1.0, digitised_share / DIGITISATION_FULL_MARKS)


def reuse_points(reuse_share: float) -> float:
    """Reuse of digitised data (Decision 766/QĐ-TTg, group «số hóa hồ sơ», formula 4.3 «Tỷ lệ hồ sơ khai
    thác, sử dụng lại thông tin, dữ liệu số hóa», 2 of 22 points): 2 × min(1, reuse share / 80 %).

    The share: dossiers received in the period with at least one component reused from the citizen's data
    store («có ít nhất 1 thành phần hồ sơ được đánh dấu tái sử dụng dữ liệu số hóa») / dossiers received
    in the period.  A component counts as reused when it is marked ``DossierDocument.reused`` and is
    attached to what the store holds — its file, or the stored document (``citizen_document_id``)
    (:func:`counter_app.services.indicators.sql.reused_component`).  ``Dossier.reused_data``, the
    dossier-level checkbox, is no longer read: ticked with no component actually reused it proved nothing.

    Source: formula 4.3 of the portal operator's description (secondary source, as for
    :func:`digitisation_points`)."""
    return REUSE_POINTS * min(1.0, reuse_share / REUSE_FULL_MARKS)


# --- the figures ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    """``count`` out of ``total``, against ``target`` (a share, e.g. 0.98) when there is one."""

    count: int
    total: int
    target: float | None = None

    @property
    def share(self) -> float | None:
        return self.count / self.total if self.total else None

    @property
    def meets_target(self) -> bool | None:
        share = self.share
        if share is None or self.target is None:
            return None
        return share >= self.target - 1e-12


@dataclass(frozen=True)
class Finished:
    """Dossiers finished in a period, by timeliness."""

    early: int = 0
    on_time: int = 0
    late: int = 0

    @property
    def total(self) -> int:
        return self.early + self.on_time + self.late

    def rate(self, target: float | None = ON_TIME_TARGET) -> Rate:
        return Rate(self.early + self.on_time, self.total, target)

    def __add__(self, other: Finished) -> Finished:
        return Finished(self.early + other.early, self.on_time + other.on_time, self.late + other.late)


@dataclass(frozen=True)
class Points:
    """Decision 766 points of the indicators a counter measures; None where there is nothing to measure.
    ``maximum`` is the maximum of those measured (32 when all are); the other 68 of the index's 100 are
    the portal's (:data:`INDEX_POINTS`, :mod:`~counter_app.services.indicators.decision766`)."""

    progress: float | None
    satisfaction: float | None
    reuse: float | None
    digitisation: float | None = None

    @property
    def total(self) -> float:
        return sum(
            p for p in (self.progress, self.satisfaction, self.digitisation, self.reuse) if p is not None
        )

    @property
    def maximum(self) -> float:
        return sum(
            m
            for p, m in (
                (self.progress, PROGRESS_POINTS),
                (self.satisfaction, SATISFACTION_POINTS),
                (self.digitisation, DIGITISATION_POINTS),
                (self.reuse, REUSE_POINTS),
            )
            if p is not None
        )


@dataclass(frozen=True)
class Indicators:
    """The unit's figures for a period (:mod:`counter_app.services.indicators.period_figures` tells which
    dossiers each counts)."""

    period: Period
    unit_id: str
    now: datetime
    # received cohort (the ledger's dossiers)
    received: int = 0
    received_online: int = 0
    received_post: int = 0
    refused: int = 0
    supplement_requested: int = 0
    #: dossiers with at least one component reused from the citizen's store, and how many such components
    reused: int = 0
    reused_components: int = 0
    #: dossiers digitised (every received component, and the result once it exists, has its file)
    digitised: int = 0
    # finished and returned in the period
    finished_general: Finished = field(default_factory=Finished)
    finished_land: Finished = field(default_factory=Finished)
    returned: int = 0
    #: returned dossiers whose digitised result is kept in the citizen's data store (e-results)
    e_results: int = 0
    very_satisfied: int = 0
    satisfied: int = 0
    not_satisfied: int = 0
    # snapshot at ``now`` of the dossiers the unit holds
    in_progress_on_time: int = 0
    in_progress_late: int = 0
    close_to_due: int = 0
    due_today: int = 0
    waiting_supplement: int = 0
    online_waiting: int = 0
    result_waiting: int = 0

    @property
    def received_counter(self) -> int:
        return self.received - self.received_online - self.received_post

    @property
    def finished(self) -> Finished:
        return self.finished_general + self.finished_land

    @property
    def in_progress(self) -> int:
        return self.in_progress_on_time + self.in_progress_late

    @property
    def on_time(self) -> Rate:
        """(early + on time) / finished, against 98 %."""
        return self.finished.rate(ON_TIME_TARGET)

    @property
    def on_time_general(self) -> Rate:
        """The same for procedures other than land ones, against 98 %."""
        return self.finished_general.rate(ON_TIME_TARGET)

    @property
    def on_time_land(self) -> Rate:
        """The same for land procedures, against 96 %."""
        return self.finished_land.rate(LAND_ON_TIME_TARGET)

    @property
    def rated(self) -> int:
        return self.very_satisfied + self.satisfied + self.not_satisfied

    @property
    def satisfaction(self) -> Rate:
        """(very satisfied + satisfied) / rated, against 90 %."""
        return Rate(self.very_satisfied + self.satisfied, self.rated, SATISFACTION_TARGET)

    @property
    def reuse(self) -> Rate:
        """Received dossiers with a component reused from the citizen's data store, against 50 % (full
        Decision 766 marks at 80 %: :func:`reuse_points`)."""
        return Rate(self.reused, self.received, REUSE_TARGET)

    @property
    def digitisation(self) -> Rate:
        """Received dossiers that are digitised (:func:`digitisation_points`), against 80 % (Decision 766's
        full marks)."""
        return Rate(self.digitised, self.received, DIGITISATION_FULL_MARKS)

    @property
    def e_result(self) -> Rate:
        """E-results: dossiers returned in the period whose digitised result was kept in the citizen's data
        store (``CitizenDocument.source == "result"`` with its file) / dossiers returned in the period.
        Shown without a target or points: formula 4.1 of the portal's description (results with a file
        attached) gives no scale of points (secondary source, see :func:`digitisation_points`)."""
        return Rate(self.e_results, self.returned)

    @property
    def online(self) -> Rate:
        """Received dossiers submitted online (channel 2)."""
        return Rate(self.received_online, self.received)

    @property
    def dossier_satisfaction(self) -> float | None:
        """Formula 5.4's rate (:func:`dossier_satisfaction_rate`): the late share of the finished dossiers,
        the «không hài lòng» share of those returned (or rated, if more); None with neither."""
        finished, judged = self.finished.total, max(self.returned, self.rated)
        if not finished and not judged:
            return None
        late_share = self.finished.late / finished if finished else 0.0
        dissatisfied_share = self.not_satisfied / judged if judged else 0.0
        return dossier_satisfaction_rate(late_share, dissatisfied_share)

    @property
    def points(self) -> Points:
        """The Decision 766 points of :func:`progress_points`, :func:`satisfaction_points`,
        :func:`digitisation_points` and :func:`reuse_points`; None for an indicator with nothing to
        measure."""
        on_time, satisfied, reuse = self.on_time.share, self.dossier_satisfaction, self.reuse.share
        digitised = self.digitisation.share
        return Points(
            progress=None if on_time is None else progress_points(on_time),
            satisfaction=None if satisfied is None else satisfaction_points(satisfied),
            reuse=None if reuse is None else reuse_points(reuse),
            digitisation=None if digitised is None else digitisation_points(digitised),
        )


@dataclass(frozen=True)
class ProcedureFigures:
    """One procedure's line of the report."""

    code: str
    name: str
    land: bool
    received: int = 0
    refused: int = 0
    received_online: int = 0
    reused: int = 0
    reused_components: int = 0
    digitised: int = 0
    finished: Finished = field(default_factory=Finished)
    returned: int = 0
    e_results: int = 0
    in_progress: int = 0
    in_progress_late: int = 0

    @property
    def on_time(self) -> Rate:
        return self.finished.rate(LAND_ON_TIME_TARGET if self.land else ON_TIME_TARGET)


@dataclass(frozen=True)
class OfficerFigures:
    """One officer's line: dossiers received (``received_by``) and returned (the ``returned`` event's
    officer), tickets served and the average service time (ticket called → finished)."""

    officer_id: str
    name: str
    received: int = 0
    refused: int = 0
    returned: int = 0
    tickets_served: int = 0
    service_seconds: float = 0.0
    timed_tickets: int = 0

    @property
    def average_service(self) -> timedelta | None:
        if not self.timed_tickets:
            return None
        return timedelta(seconds=round(self.service_seconds / self.timed_tickets))


@dataclass(frozen=True)
class WeekFigures:
    """One week (Monday to Sunday) of the series behind the small charts."""

    start: date
    received: int = 0
    received_online: int = 0
    reused: int = 0
    finished: Finished = field(default_factory=Finished)
    returned: int = 0
    satisfied: int = 0
    rated: int = 0

    @property
    def on_time(self) -> Rate:
        return self.finished.rate()

    @property
    def reuse(self) -> Rate:
        return Rate(self.reused, self.received, REUSE_TARGET)

    @property
    def satisfaction(self) -> Rate:
        return Rate(self.satisfied, self.rated, SATISFACTION_TARGET)

    @property
    def online(self) -> Rate:
        return Rate(self.received_online, self.received)
