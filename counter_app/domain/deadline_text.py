"""A procedure's processing time («Thời hạn giải quyết») as the catalogues write it, read as working days.

The published catalogues — the national procedure database (Cơ sở dữ liệu quốc gia về thủ tục hành chính)
and the provinces' decisions announcing their lists (Quyết định công bố danh mục TTHC) — state the time in
words, per channel when the channels differ: «05 Ngày làm việc», «Trong ngày», «03 ngày làm việc kể từ ngày
nhận đủ hồ sơ hợp lệ», «Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết
được ngay thì trả kết quả trong ngày làm việc tiếp theo», «15 ngày làm việc (trường hợp cần lấy ý kiến thì tối
đa không quá 25 ngày làm việc) kể từ ngày nhận đủ hồ sơ hợp lệ». These forms were taken from the database's
entries and provinces' published lists as found in public copies; no official grammar of the field exists
that we could find, so the rules below are ours, chosen so that a text is either read as its plain meaning
or reported — never given a deadline it does not state:

* The counter's channel wins: with several channels («Trực tiếp: …; Trực tuyến: …») only the part after
  «Trực tiếp:» is read.
* Text in brackets is left out (number words «05 (năm)», and the exceptions provinces put in brackets).
* The text is cut into clauses (at «;», «.», line breaks and «- » bullets). The deadline is the first clause
  that states one and does not begin with a condition («Trường hợp…», «Đối với…», «Nếu…»): such clauses are
  the exceptions to the general rule, which the officer handles with the extension forms, not the catalogue.
  Within the clause, what follows «hoặc», «nếu», «trường hợp», «đối với» is the exception too.
* When the general clause is itself qualified («05 ngày làm việc đối với A; 10 ngày làm việc đối với B») and
  the text states another time, the deadline depends on the case: reported.
* «N ngày làm việc» is N working days; «Trong ngày», «Ngay trong ngày», «giải quyết ngay» are the same day
  (0); «trong ngày làm việc tiếp theo» alone is one working day.
* Not read, and reported: plain days («Không quá 10 ngày» counts calendar days — how the Civil Code counts a
  time limit given in days; the counter's calendar counts working days only, and converting would move the
  due date), hours, weeks, months, ranges («03 - 05 ngày làm việc»), several different times in the general
  clause, no time at all, more than a year of working days.

Pure functions; the reasons are stable codes the report turns into words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .vntext import fold

__all__ = ["MAX_WORKING_DAYS", "DeadlineReading", "read_deadline"]

#: more than a year of working days is not a deadline anyone meant
MAX_WORKING_DAYS = 365

#: why a text was not read (stable codes)
EMPTY = "empty"
CALENDAR_DAYS = "calendar_days"
OTHER_UNIT = "other_unit"
RANGE = "range"
SEVERAL = "several"
DEPENDS = "depends"
NO_TIME = "no_time"
TOO_LONG = "too_long"
NO_UNIT = "no_unit"
REASONS = (EMPTY, CALENDAR_DAYS, OTHER_UNIT, RANGE, SEVERAL, DEPENDS, NO_TIME, TOO_LONG, NO_UNIT)


@dataclass(frozen=True)
class DeadlineReading:
    """``working_days`` (0 = the same day), or None with ``reason`` (one of :data:`REASONS`)."""

    working_days: int | None
    reason: str = ""

    @property
    def readable(self) -> bool:
        return self.working_days is not None


_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_CHANNEL = re.compile(r"(truc tiep|truc tuyen|(?:dich vu )?buu chinh(?: cong ich)?)\s*:")
_CLAUSE = re.compile(r"[;.\n]")
_BULLET = "-+•*–· "
_CONDITION_START = re.compile(r"^\s*(truong hop|doi voi|neu|rieng|khi)\b")
#: what begins an exception or an alternative inside the general clause
_CUT = re.compile(r"\b(hoac|neu|truong hop|doi voi|rieng)\b")
_QUALIFIER = re.compile(r"^\s*(neu|truong hop|doi voi|rieng)\b")
_AMOUNT = re.compile(r"(\d+)\s*(ngay lam viec|ngay|gio lam viec|gio|tuan|thang|nam)\b")
_RANGE = re.compile(r"\d+\s*(?:den|-|–|toi)\s*\d+\s*(?:ngay|gio|tuan|thang|nam)\b")
_NEXT_DAY = re.compile(r"\btrong ngay lam viec tiep theo\b")
_SAME_DAY = re.compile(
    r"\b(trong ngay|ngay trong ngay|trong buoi|giai quyet ngay|tra ket qua ngay|tra ngay|ngay sau khi|"
    r"ngay khi nhan)\b"
)
_BARE_NUMBER = re.compile(r"\d+")


def _days(unit: str) -> bool:
    return unit == "ngay lam viec"


def _statement(clause: str) -> tuple[str, bool]:
    """(the clause up to its first exception or alternative, whether a condition qualifies it directly)."""
    cut = _CUT.search(clause)
    if cut is None:
        return clause, False
    head, tail = clause[: cut.start()], clause[cut.start() :]
    # «05 ngày làm việc đối với A» (no comma between): the time is stated for that case only
    qualified = bool(_QUALIFIER.match(tail)) and not head.rstrip().endswith(",")
    return head, qualified


def _read_statement(statement: str) -> DeadlineReading | None:
    """The time one statement gives, a reason it cannot be read, or None when it states no time."""
    if _RANGE.search(statement):
        return DeadlineReading(None, RANGE)
    amounts = {(int(n), unit) for n, unit in _AMOUNT.findall(statement)}
    if len(amounts) > 1:
        return DeadlineReading(None, SEVERAL)
    if amounts:
        ((number, unit),) = amounts
        if unit == "ngay":
            return DeadlineReading(None, CALENDAR_DAYS)
        if not _days(unit):
            return DeadlineReading(None, OTHER_UNIT)
        if number > MAX_WORKING_DAYS:
            return DeadlineReading(None, TOO_LONG)
        return DeadlineReading(number)
    if _NEXT_DAY.search(statement) and not _SAME_DAY.search(_NEXT_DAY.sub(" ", statement)):
        return DeadlineReading(1)
    if _SAME_DAY.search(statement):
        return DeadlineReading(0)
    return None


def read_deadline(text: str, *, working_days_unit: bool = False) -> DeadlineReading:
    """The working days ``text`` states (0 = the same day), or why it cannot be read.

    ``working_days_unit``: the column's header says its numbers are working days («Thời hạn giải quyết
    (ngày làm việc)»), so a bare number is read as such; otherwise a bare number has no unit.
    """
    # fold each line: the line breaks separate clauses
    lines = [fold(line) for line in text.replace("\r", "\n").split("\n")]
    body = "\n".join(line for line in lines if line)
    if not body:
        return DeadlineReading(None, EMPTY)
    if _BARE_NUMBER.fullmatch(body):
        if not working_days_unit:
            return DeadlineReading(None, NO_UNIT)
        number = int(body)
        return DeadlineReading(number) if number <= MAX_WORKING_DAYS else DeadlineReading(None, TOO_LONG)
    channels = list(_CHANNEL.finditer(body))
    if channels:
        counter = next((m for m in channels if m.group(1) == "truc tiep"), None)
        if counter is not None:
            following = [m.start() for m in channels if m.start() > counter.start()]
            body = body[counter.end() : min(following, default=len(body))]
    while True:  # nested brackets: innermost first
        stripped = _BRACKETS.sub(" ", body)
        if stripped == body:
            break
        body = stripped
    clauses = [clause.strip().lstrip(_BULLET) for clause in _CLAUSE.split(body)]
    clauses = [clause for clause in clauses if clause]
    general: DeadlineReading | None = None
    general_qualified = False
    others: set[int | None] = set()
    conditional_seen = False
    for clause in clauses:
        conditional = bool(_CONDITION_START.match(clause))
        statement, qualified = _statement(clause)
        reading = _read_statement(statement)
        if conditional or general is not None:
            found = _read_statement(clause)
            if found is not None:
                others.add(found.working_days)
                conditional_seen = conditional_seen or conditional
            continue
        if reading is None:
            continue
        general, general_qualified = reading, qualified
        rest = clause[len(statement) :]
        found = _read_statement(rest) if rest.strip() else None
        if found is not None:
            others.add(found.working_days)
    if general is None:
        return DeadlineReading(None, DEPENDS if conditional_seen else NO_TIME)
    if general_qualified and others - {general.working_days}:
        return DeadlineReading(None, DEPENDS)
    return general
