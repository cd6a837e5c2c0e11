"""Dossier statuses (national portal codes), allowed transitions, channels and timeliness."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from itertools import product
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.domain.states import (
    FINISHED,
    OPEN,
    TERMINAL,
    TRANSITIONS,
    Channel,
    IllegalTransition,
    InvalidStatus,
    Status,
    Timeliness,
    allowed,
    can_transition,
    check_transition,
    is_finished,
    is_terminal,
    label,
    timeliness,
)

S = Status


@pytest.mark.parametrize(
    ("status", "code", "text"),
    [
        (S.REGISTERED_ONLINE, 1, "Mới đăng ký trực tuyến"),
        (S.RECEIVED, 2, "Đã tiếp nhận"),
        (S.REFUSED, 3, "Từ chối tiếp nhận"),
        (S.PROCESSING, 4, "Đang xử lý"),
        (S.SUPPLEMENT_REQUESTED, 5, "Yêu cầu bổ sung"),
        (S.AWAITING_FEE, 6, "Chờ thực hiện nghĩa vụ tài chính"),
        (S.WITHDRAWN, 7, "Đã rút hồ sơ"),
        (S.STOPPED, 8, "Dừng xử lý"),
        (S.RESULT_READY, 9, "Đã có kết quả"),
        (S.RETURNED, 10, "Đã trả kết quả"),
    ],
)
def test_status_codes_and_labels(status, code, text):
    assert int(status) == code
    assert label(status) == text
    assert label(code) == text  # the portal's plain integer code works too
    assert status.label == text


@pytest.mark.parametrize(
    ("channel", "code", "text"),
    [
        (Channel.COUNTER, 1, "Trực tiếp"),
        (Channel.ONLINE, 2, "Trực tuyến"),
        (Channel.POST, 3, "Bưu chính công ích"),
    ],
)
def test_channels(channel, code, text):
    assert int(channel) == code
    assert label(channel) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(Timeliness.EARLY, "Trước hạn"), (Timeliness.ON_TIME, "Đúng hạn"), (Timeliness.LATE, "Quá hạn")],
)
def test_timeliness_labels(value, text):
    assert label(value) == text


# The rule as written in the design, by portal code.
RULE = {
    1: {2, 3, 5, 7},
    2: {4, 5, 6, 7, 8, 9},
    3: set(),
    4: {5, 6, 7, 8, 9},
    5: {2, 4, 3, 7, 8},
    6: {4, 9, 7},
    7: set(),
    8: set(),
    9: {10},
    10: set(),
}


def test_transitions_are_exactly_the_rule():
    assert {int(s): {int(t) for t in targets} for s, targets in TRANSITIONS.items()} == RULE
    assert all(isinstance(t, Status) for targets in TRANSITIONS.values() for t in targets)


def test_transitions_cannot_be_changed_at_run_time():
    with pytest.raises(TypeError):
        TRANSITIONS[S.RETURNED] = frozenset({S.PROCESSING})  # type: ignore[index]


def test_status_sets():
    assert TERMINAL == {S.REFUSED, S.WITHDRAWN, S.STOPPED, S.RETURNED}
    assert OPEN == {
        S.REGISTERED_ONLINE,
        S.RECEIVED,
        S.PROCESSING,
        S.SUPPLEMENT_REQUESTED,
        S.AWAITING_FEE,
        S.RESULT_READY,
    }
    assert FINISHED == {S.RESULT_READY, S.RETURNED}
    assert [s for s in S if is_finished(s)] == [S.RESULT_READY, S.RETURNED]
    assert [s for s in S if is_terminal(s)] == [S.REFUSED, S.WITHDRAWN, S.STOPPED, S.RETURNED]


@pytest.mark.parametrize(
    ("source", "target"), [(a, b) for a, targets in RULE.items() for b in sorted(targets)]
)
def test_allowed_transitions_pass(source, target):
    assert can_transition(source, target)
    assert S(target) in allowed(source)
    check_transition(source, target)  # does not raise


@pytest.mark.parametrize(
    ("source", "target"), [(a, b) for a, b in product(range(1, 11), repeat=2) if b not in RULE[a]]
)
def test_every_other_transition_is_refused_naming_both_states(source, target):
    assert not can_transition(source, target)
    with pytest.raises(IllegalTransition) as caught:
        check_transition(source, target)
    message = str(caught.value)
    assert f"«{label(source)}»" in message
    assert f"«{label(target)}»" in message
    assert caught.value.params["from_status"] == source
    assert caught.value.params["to_status"] == target


def test_illegal_transition_message():
    with pytest.raises(IllegalTransition) as caught:
        check_transition(S.RETURNED, S.PROCESSING)
    assert str(caught.value) == "Không thể chuyển hồ sơ từ «Đã trả kết quả» sang «Đang xử lý»."
    assert caught.value.key == "transition.illegal"


@settings(max_examples=100)
@given(st.sampled_from(list(S)), st.sampled_from(list(S)))
def test_check_transition_agrees_with_the_table(source, target):
    if target in TRANSITIONS[source]:
        check_transition(source, target)
    else:
        with pytest.raises(IllegalTransition, match=f"«{source.label}».*«{target.label}»"):
            check_transition(source, target)


@pytest.mark.parametrize("code", [0, 11, -1, True, Channel.ONLINE])
def test_unknown_status_codes(code):
    assert not can_transition(code, S.RECEIVED)
    assert not can_transition(S.REGISTERED_ONLINE, code)
    with pytest.raises(InvalidStatus):
        check_transition(S.REGISTERED_ONLINE, code)
    with pytest.raises(InvalidStatus):
        allowed(code)


# --- timeliness --------------------------------------------------------------------------------------

DUE = datetime(2026, 3, 10, 8, 37)  # Tuesday 08:37
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
TOKYO = timezone(timedelta(hours=9))


@pytest.mark.parametrize(
    ("finished", "due", "expected"),
    [
        (datetime(2026, 3, 9, 16, 0), DUE, Timeliness.EARLY),  # the day before
        (datetime(2026, 3, 5, 9, 0), DUE, Timeliness.EARLY),
        (datetime(2026, 3, 10, 7, 45), DUE, Timeliness.ON_TIME),  # due day, before the due time
        (DUE, DUE, Timeliness.ON_TIME),  # exactly at the due instant
        (DUE + timedelta(seconds=1), DUE, Timeliness.LATE),
        (datetime(2026, 3, 10, 16, 0), DUE, Timeliness.LATE),
        (datetime(2026, 3, 11, 8, 0), DUE, Timeliness.LATE),
        # aware and naive can be mixed: naive means Vietnam time
        (datetime(2026, 3, 10, 1, 0, tzinfo=UTC), DUE, Timeliness.ON_TIME),  # 08:00 in Vietnam
        (datetime(2026, 3, 10, 1, 38, tzinfo=UTC), DUE, Timeliness.LATE),  # 08:38 in Vietnam
        # 23:30 UTC on the 9th is 06:30 on the 10th in Vietnam: the due day, so on time, not early
        (datetime(2026, 3, 9, 23, 30, tzinfo=UTC), DUE, Timeliness.ON_TIME),
        # 16:59 UTC on the 9th is 23:59 on the 9th in Vietnam: a day early
        (datetime(2026, 3, 9, 16, 59, tzinfo=UTC), DUE.replace(tzinfo=HCM), Timeliness.EARLY),
        # the same instant written in two zones (10:37 in Tokyo is 08:37 in Vietnam)
        (DUE.replace(tzinfo=HCM), datetime(2026, 3, 10, 10, 37, tzinfo=TOKYO), Timeliness.ON_TIME),
    ],
)
def test_timeliness(finished, due, expected):
    assert timeliness(finished, due) is expected
