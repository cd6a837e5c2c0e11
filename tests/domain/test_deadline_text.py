"""Deadlines as the catalogues write them: read as working days or the same day, or reported — never
guessed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.deadline_text import MAX_WORKING_DAYS, REASONS, read_deadline

SAME_DAY_RULE = (
    "Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết được ngay thì trả "
    "kết quả trong ngày làm việc tiếp theo."
)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("05 ngày làm việc", 5),
        ("05 Ngày làm việc", 5),  # as the national database prints it
        ("Trong ngày", 0),
        ("03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", 3),
        ("Không quá 03 ngày làm việc", 3),
        ("Trong thời hạn 20 ngày làm việc", 20),
        (SAME_DAY_RULE, 0),
        (SAME_DAY_RULE + " Trường hợp cần xác minh điều kiện kết hôn thì không quá 05 ngày làm việc.", 0),
        (
            "Trong ngày cơ quan, tổ chức tiếp nhận yêu cầu hoặc trong ngày làm việc tiếp theo, nếu tiếp nhận "
            "yêu cầu sau 15 giờ. Đối với trường hợp yêu cầu nhiều bản sao thì kéo dài thêm không quá 02 (hai) "
            "ngày làm việc.",
            0,
        ),
        ("Thời hạn thực hiện yêu cầu chứng thực là ngay trong ngày cơ quan tiếp nhận yêu cầu", 0),
        ("03 ngày làm việc; trường hợp phải xác minh thì thời hạn giải quyết không quá 23 ngày.", 3),
        (
            "15 ngày làm việc (trường hợp cần lấy ý kiến thì tối đa không quá 25 ngày làm việc) kể từ ngày "
            "nhận đủ hồ sơ hợp lệ.",
            15,
        ),
        (
            "- Thời hạn thực hiện liên thông tối đa không quá 15 ngày làm việc, kể từ ngày nộp đủ hồ sơ. "
            "- Trường hợp hồ sơ chưa đầy đủ thì kéo dài thêm không quá 02 ngày làm việc.",
            15,
        ),
        (
            "Trong thời hạn 03 ngày làm việc kể từ ngày nhận được hồ sơ hợp lệ, trường hợp cần xác minh thì "
            "không quá 10 ngày làm việc.",
            3,
        ),
        ("05 (năm) ngày làm việc", 5),
        ("Trực tiếp: 05 ngày làm việc; Trực tuyến: 03 ngày làm việc", 5),  # the counter's channel
        ("Trực tuyến: 03 ngày làm việc; Trực tiếp: Trong ngày", 0),
        ("Trả kết quả trong ngày làm việc tiếp theo", 1),
        ("05 NGÀY LÀM VIỆC", 5),
        ("05 ngay lam viec", 5),  # typed without accents
        ("05 nga\u0300y la\u0300m viê\u0323c", 5),  # decomposed (NFD)
        ("Thời hạn giải quyết: 07 ngày làm việc\n(kể từ ngày nhận đủ hồ sơ)", 7),
    ],
)
def test_read(text, days):
    reading = read_deadline(text)
    assert (reading.working_days, reading.reason) == (days, "")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("Không quá 10 ngày", "calendar_days"),  # calendar days: not converted
        ("30 ngày kể từ ngày nhận đủ hồ sơ", "calendar_days"),
        ("24 giờ", "other_unit"),
        ("08 giờ làm việc", "other_unit"),
        ("01 tháng", "other_unit"),
        ("03 - 05 ngày làm việc", "range"),
        ("Từ 03 đến 05 ngày làm việc", "range"),
        ("05 ngày làm việc đối với trường hợp A; 10 ngày làm việc đối với trường hợp B", "depends"),
        ("Trường hợp A: 05 ngày làm việc; trường hợp B: 10 ngày làm việc", "depends"),
        ("05 ngày làm việc, 10 ngày làm việc", "several"),
        ("Không quy định", "no_time"),
        ("Theo quy định của pháp luật", "no_time"),
        ("5", "no_unit"),
        ("400 ngày làm việc", "too_long"),
    ],
)
def test_not_read_and_why(text, reason):
    reading = read_deadline(text)
    assert reading.working_days is None and reading.reason == reason and not reading.readable


def test_a_bare_number_counts_working_days_when_the_header_says_so():
    assert read_deadline("5", working_days_unit=True).working_days == 5
    assert read_deadline("05", working_days_unit=True).working_days == 5
    assert read_deadline("999", working_days_unit=True).reason == "too_long"


@given(st.integers(0, MAX_WORKING_DAYS), st.sampled_from(["", " kể từ ngày nhận đủ hồ sơ hợp lệ", "."]))
def test_any_number_of_working_days_is_read(days, tail):
    assert read_deadline(f"{days:02d} ngày làm việc{tail}").working_days == days


@given(
    st.integers(0, MAX_WORKING_DAYS),
    st.integers(0, MAX_WORKING_DAYS),
    st.sampled_from(["Trường hợp cần xác minh", "Đối với hồ sơ phức tạp", "Nếu phải lấy ý kiến"]),
)
def test_an_exception_clause_never_changes_the_general_deadline(days, other, condition):
    text = f"{days:02d} ngày làm việc; {condition} thì thời hạn không quá {other:02d} ngày làm việc."
    assert read_deadline(text).working_days == days


@given(st.text(max_size=300))
def test_any_text_is_read_or_reported_never_raises(text):
    reading = read_deadline(text)
    if reading.working_days is None:
        assert reading.reason in REASONS
    else:
        assert 0 <= reading.working_days <= MAX_WORKING_DAYS and reading.reason == ""


@given(st.integers(1, 200))
def test_calendar_days_are_never_taken_for_working_days(days):
    assert read_deadline(f"Không quá {days} ngày").working_days is None
