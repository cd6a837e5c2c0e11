"""What the waiting room hears when a number is called: the ticket spelt sign by sign (the counter's number is
said as a number by ``services.announce.spoken_counter``, with num2words: the domain imports only the standard
library).

Not a legal rule: no text prescribes how a call is worded. The phrase follows the one the centres use and the
issue asks for, «Mời công dân số B 0 0 4 đến quầy số 1». The screen shows the ticket as it is printed, spaced
(«B 0 0 4»); the voice says each sign by its Vietnamese name («bê, không không bốn»), because a speech engine
reading «B004» may say «bốn» or «bê không trăm lẻ bốn»; the counter's number is said as a number («hai mươi
mốt»), as people say it. Letters are named as Vietnamese schools teach them (Ministry of Education's primary
reading books); F, J, W and Z, outside the Vietnamese alphabet, by their usual Vietnamese names.
"""

from __future__ import annotations

#: the name the voice gives each letter a ticket's service prefix may hold
LETTER_NAMES: dict[str, str] = {
    "A": "a",
    "Ă": "á",
    "Â": "ớ",
    "B": "bê",
    "C": "xê",
    "D": "dê",
    "Đ": "đê",
    "E": "e",
    "Ê": "ê",
    "F": "ép",
    "G": "giê",
    "H": "hát",
    "I": "i",
    "J": "gi",
    "K": "ca",
    "L": "e lờ",
    "M": "em mờ",
    "N": "en nờ",
    "O": "o",
    "Ô": "ô",
    "Ơ": "ơ",
    "P": "pê",
    "Q": "quy",
    "R": "e rờ",
    "S": "ét sì",
    "T": "tê",
    "U": "u",
    "Ư": "ư",
    "V": "vê",
    "W": "vê kép",
    "X": "ích xì",
    "Y": "i dài",
    "Z": "dét",
}

#: digits said one by one, as on a ticket («không không bốn»)
DIGIT_NAMES = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


class UnspeakableTicket(ValueError):
    """A ticket number with a sign the voice has no name for (the queue never issues one)."""


def spaced_ticket(number: str) -> str:
    """The ticket as the board writes it in the call: its signs spaced, «B004» → «B 0 0 4»."""
    return " ".join(number.strip().upper())


def spoken_ticket(number: str) -> str:
    """The ticket as the voice says it: the letters by name, then the digits one by one, a pause between
    («B004» → «bê, không không bốn»; «BU012» → «bê u, không một hai»)."""
    letters: list[str] = []
    digits: list[str] = []
    for sign in number.strip().upper():
        if sign.isdigit() and sign.isascii():
            digits.append(DIGIT_NAMES[int(sign)])
        elif sign in LETTER_NAMES and not digits:
            letters.append(LETTER_NAMES[sign])
        else:
            raise UnspeakableTicket(number)
    if not digits:
        raise UnspeakableTicket(number)
    return ", ".join(part for part in (" ".join(letters), " ".join(digits)) if part)
