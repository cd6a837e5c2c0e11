"""How a call is said: the ticket sign by sign, the counter as a number (``domain.call_phrase``)."""

from __future__ import annotations

import pytest

from counter_app.domain.call_phrase import UnspeakableTicket, spaced_ticket, spoken_ticket
from counter_app.services.announce import spoken_counter


@pytest.mark.parametrize(
    ("number", "spoken"),
    [
        ("B004", "bê, không không bốn"),
        ("A010", "a, không một không"),
        ("BU012", "bê u, không một hai"),
        ("D1000", "dê, một không không không"),
        ("đ579", "đê, năm bảy chín"),
        ("X386", "ích xì, ba tám sáu"),
    ],
)
def test_the_ticket_is_said_sign_by_sign(number, spoken):
    assert spoken_ticket(number) == spoken


@pytest.mark.parametrize(
    ("counter", "spoken"),
    [(1, "một"), (5, "năm"), (10, "mười"), (15, "mười lăm"), (21, "hai mươi mốt"), (25, "hai mươi lăm")],
)
def test_the_counter_is_said_as_a_number(counter, spoken):
    assert spoken_counter(counter) == spoken


def test_the_board_spaces_the_ticket():
    assert spaced_ticket(" b004 ") == "B 0 0 4"


@pytest.mark.parametrize("number", ["", "B", "B0A4", "B-004", "B٤"])
def test_a_ticket_the_voice_cannot_say_is_refused(number):
    with pytest.raises(UnspeakableTicket):
        spoken_ticket(number)


def test_counter_zero_is_refused():
    with pytest.raises(ValueError):
        spoken_counter(0)
