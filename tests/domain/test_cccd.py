"""The CCCD number and the QR code printed on the card."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.domain.cccd import (
    CccdData,
    CccdNumberInfo,
    InvalidCccd,
    describe_number,
    format_cccd_qr,
    is_cccd_number,
    looks_like_cccd_qr,
)
from counter_app.domain.cccd import parse_cccd_qr as parse_with_today
from counter_app.domain.messages import VI
from counter_app.domain.text_rules import is_safe_text

#: the day the scans below are read on (the parser reads no clock)
TODAY = date(2026, 12, 1)


def parse_cccd_qr(text: str, *, today: date = TODAY) -> CccdData:
    return parse_with_today(text, today=today)


ADDRESS = "Số 1 Phố Huế, Phường Hai Bà Trưng, Hà Nội"
# A man born 15/03/1990 in Hà Nội (001): century/gender digit 0, year 90.
MAN = "001090012345|123456789|Nguyễn Văn An|15031990|Nam|" + ADDRESS + "|10052021"
MAN_DATA = CccdData(
    number="001090012345",
    old_id="123456789",
    full_name="Nguyễn Văn An",
    birth_date=date(1990, 3, 15),
    gender="Nam",
    address=ADDRESS,
    issued_on=date(2021, 5, 10),
)
# A woman born 01/01/2003 in Hồ Chí Minh City (079): digit 3, year 03; card without the old ID.
WOMAN = "079303001234|Trần Thị Bích Ngọc|01012003|Nữ|Phường Bến Thành, TP. Hồ Chí Minh|20042021"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --- reading a card ---------------------------------------------------------------------------------

#: a «thẻ căn cước» issued 12/11/2025 (Circular 16/2024/TT-BCA), shaped like the real payloads of issue 13:
#: the seven fields then four empty ones (11 parts); its address is the holder's «nơi cư trú»
RESIDENCE = "Tổ dân phố 3, Phường Cẩm Thành, Tỉnh Quảng Ngãi"
IDENTITY_CARD_2025 = "051303000123||Lê Thị Hoa|07092003|Nữ|" + RESIDENCE + "|12112025||||"
#: a 2021 CCCD with a chip (Circular 06/2021/TT-BCA): seven fields, the old CMND number filled
CCCD_2021 = "051085000456|212345678|Phạm Văn Bình|20021985|Nam|Thôn 2, Xã Tịnh Ấn Tây, Quảng Ngãi|15062021"


def test_identity_card_of_2025_with_trailing_empty_fields():
    card = parse_cccd_qr(IDENTITY_CARD_2025)
    assert card.number == "051303000123" and card.old_id is None and card.full_name == "Lê Thị Hoa"
    assert card.birth_date == date(2003, 9, 7) and card.gender == "Nữ"
    assert card.residence == card.address == RESIDENCE
    assert card.issued_on == date(2025, 11, 12) and card.is_identity_card


@pytest.mark.parametrize("empty_tail", ["|", "||", "|||", "||||", "|||||||", "| | |"])
def test_any_number_of_empty_trailing_fields_is_accepted(empty_tail):
    card = parse_cccd_qr(CCCD_2021 + empty_tail)
    assert card.number == "051085000456" and card.old_id == "212345678" and not card.is_identity_card


def test_2021_card_and_2024_card_scanned_with_cr_lf():
    assert parse_cccd_qr(CCCD_2021 + "\r\n").full_name == "Phạm Văn Bình"
    assert parse_cccd_qr(nfd(IDENTITY_CARD_2025) + "\r\n").full_name == "Lê Thị Hoa"


def test_control_character_in_an_extra_field_is_refused():
    with pytest.raises(InvalidCccd) as caught:
        parse_cccd_qr(IDENTITY_CARD_2025.replace("||||", "||\x1b||"))
    assert caught.value.key == "cccd.unsafe_extra" and "\x1b" not in str(caught.value)
    assert "thứ 9" in str(caught.value)


def test_seven_field_card():
    assert parse_cccd_qr(MAN) == MAN_DATA


def test_six_field_card_without_old_id():
    data = parse_cccd_qr(WOMAN)
    assert data.number == "079303001234"
    assert data.old_id is None
    assert data.full_name == "Trần Thị Bích Ngọc"
    assert data.birth_date == date(2003, 1, 1)
    assert data.gender == "Nữ"
    assert data.address == "Phường Bến Thành, TP. Hồ Chí Minh"
    assert data.issued_on == date(2021, 4, 20)


def test_empty_old_id_field_means_none():
    data = parse_cccd_qr(MAN.replace("|123456789|", "||"))
    assert data.old_id is None


@pytest.mark.parametrize(
    "payload",
    [
        MAN + "\r\n",  # scanner ends the burst with Enter
        MAN + "\n",
        "  " + MAN + "\t ",
        "\ufeff" + MAN,  # byte-order mark from a scanner driver
        MAN.replace("|", " | "),  # spaces around the separators
        nfd(MAN),  # decomposed Unicode, as some scanners type it
    ],
    ids=["crlf", "lf", "whitespace", "bom", "spaced-fields", "nfd"],
)
def test_tolerated_variations_give_the_same_data(payload):
    data = parse_cccd_qr(payload)
    assert data == MAN_DATA
    assert unicodedata.is_normalized("NFC", data.full_name)
    assert unicodedata.is_normalized("NFC", data.address)


@pytest.mark.parametrize("gender", ["Nữ", "NỮ", "nữ", "Nu", "NU", nfd("Nữ")])
def test_female_gender_spellings(gender):
    assert parse_cccd_qr(WOMAN.replace("|Nữ|", f"|{gender}|")).gender == "Nữ"


@pytest.mark.parametrize("gender", ["Nam", "NAM", "nam", " nam "])
def test_male_gender_spellings(gender):
    assert parse_cccd_qr(MAN.replace("|Nam|", f"|{gender}|")).gender == "Nam"


def test_whitespace_runs_inside_the_name_are_collapsed():
    assert parse_cccd_qr(MAN.replace("Nguyễn Văn An", "Nguyễn  Văn   An")).full_name == "Nguyễn Văn An"


# --- what is refused, and why ------------------------------------------------------------------------

REFUSED = [
    # (why, payload, message key, words the message must contain)
    ("empty scan", "", "cccd.empty", ["trống"]),
    ("only whitespace", " \r\n", "cccd.empty", ["trống"]),
    ("five fields", "001090012345|Nguyễn Văn An|15031990|Nam|10052021", "cccd.field_count", ["5 trường"]),
    ("eighth field not empty", MAN + "|x", "cccd.extra_field", ["8 trường", "thứ 8", "«x»"]),
    ("eleven fields, the tenth filled", MAN + "||||x|", "cccd.extra_field", ["12 trường", "thứ 11"]),
    ("a plain number", "001090012345", "cccd.field_count", ["1 trường"]),
    (
        "number of 11 digits",
        MAN.replace("001090012345", "00109001234"),
        "cccd.number",
        ["Số CCCD", "12 chữ số"],
    ),
    ("number of 13 digits", MAN.replace("001090012345", "0010900123456"), "cccd.number", ["Số CCCD"]),
    ("letter in the number", MAN.replace("001090012345", "00109001234O"), "cccd.number", ["00109001234O"]),
    ("non-ASCII digits", MAN.replace("001090012345", "００１０９００１２３４５"), "cccd.number", ["Số CCCD"]),
    ("old ID of 8 digits", MAN.replace("123456789", "12345678"), "cccd.old_id", ["CMND cũ", "9 chữ số"]),
    ("letters in old ID", MAN.replace("123456789", "12345678X"), "cccd.old_id", ["CMND cũ"]),
    ("empty name", MAN.replace("Nguyễn Văn An", ""), "cccd.name_empty", ["họ và tên"]),
    ("blank name", MAN.replace("Nguyễn Văn An", "   "), "cccd.name_empty", ["họ và tên"]),
    ("31 February", MAN.replace("15031990", "31021990"), "cccd.birth_date", ["Ngày sinh", "31021990"]),
    ("ISO birth date", MAN.replace("15031990", "1990-03-15"), "cccd.birth_date", ["Ngày sinh"]),
    ("month 13", MAN.replace("15031990", "15131990"), "cccd.birth_date", ["Ngày sinh"]),
    ("year 0000", MAN.replace("15031990", "15030000"), "cccd.birth_date", ["Ngày sinh"]),
    ("unknown gender", MAN.replace("|Nam|", "|Khác|"), "cccd.gender", ["Giới tính", "Khác"]),
    ("empty gender", MAN.replace("|Nam|", "||"), "cccd.gender", ["Giới tính"]),
    ("issue date 30/02", MAN.replace("10052021", "30022021"), "cccd.issued_on", ["Ngày cấp", "30022021"]),
    ("short issue date", MAN.replace("10052021", "1052021"), "cccd.issued_on", ["Ngày cấp"]),
    # The number encodes the birth year and gender; a disagreement means a corrupted scan.
    ("number says 1991", MAN.replace("001090012345", "001091012345"), "cccd.birth_year_mismatch", ["1991"]),
    ("number says 2090", MAN.replace("001090012345", "001290012345"), "cccd.birth_year_mismatch", ["2090"]),
    (
        "number says female",
        MAN.replace("001090012345", "001190012345"),
        "cccd.gender_mismatch",
        ["Nữ", "Nam"],
    ),
    ("issued before birth", MAN.replace("10052021", "14031990"), "cccd.issued_before_birth", ["14/03/1990"]),
]


@pytest.mark.parametrize(("payload", "key", "words"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_refused_payloads_say_what_is_wrong(payload, key, words):
    with pytest.raises(InvalidCccd) as caught:
        parse_cccd_qr(payload)
    assert caught.value.key == key
    message = str(caught.value)
    assert message == VI[key].format(**caught.value.params)
    for word in words:
        assert word in message


def test_issued_on_the_birth_day_is_accepted():
    assert parse_cccd_qr(MAN.replace("10052021", "15031990")).issued_on == date(1990, 3, 15)


def test_field_count_message_matches_the_spec():
    with pytest.raises(InvalidCccd) as caught:
        parse_cccd_qr("a|b|c")
    assert str(caught.value) == "Dữ liệu mã QR CCCD có 3 trường; cần 6 hoặc 7 trường phân cách bằng dấu |."
    # more than seven parts is a «thẻ căn cước» when the extra ones are empty: never a field-count error
    assert parse_cccd_qr(MAN + "||||").address == ADDRESS
    assert caught.value.params == {"count": 3}


def test_control_characters_are_named_not_quoted_in_messages():
    with pytest.raises(InvalidCccd) as caught:
        parse_cccd_qr(MAN.replace("|Nam|", "|N\x1bam|"))
    assert caught.value.key == "cccd.unsafe_char"
    assert "\x1b" not in str(caught.value)
    assert "U+001B" in str(caught.value) and "giới tính" in str(caught.value)


def test_bad_values_are_escaped_in_messages():
    with pytest.raises(InvalidCccd) as caught:
        parse_cccd_qr(MAN.replace("001090012345", "0010900123\u00a0x"))
    assert caught.value.key == "cccd.number"
    assert "\\xa0" in str(caught.value)


# Characters a QR code never holds: a scan carrying one is corrupted or forged (the character policy).
UNSAFE = {
    "NUL": "\x00",
    "ESC": "\x1b",
    "BEL": "\x07",
    "TAB": "\t",
    "LF": "\n",
    "DEL": "\x7f",
    "C1 CSI": "\x9b",
    "unit separator": "\x1f",
    "RLO U+202E": "\u202e",
    "LRI U+2066": "\u2066",
    "RLM U+200F": "\u200f",
    "ALM U+061C": "\u061c",
    "zero-width space": "\u200b",
    "zero-width joiner": "\u200d",
    "word joiner": "\u2060",
    "BOM inside": "\ufeff",
    "soft hyphen": "\u00ad",
    "line separator": "\u2028",
}
PLACES = {
    "number": ("001090012345", "số CCCD"),
    "old_id": ("123456789", "số CMND cũ"),
    "name": ("Nguyễn Văn An", "họ và tên"),
    "birth": ("15031990", "ngày sinh"),
    "gender": ("|Nam|", "giới tính"),
    "address": ("Phố Huế", "nơi cư trú"),
    "issued": ("10052021", "ngày cấp"),
}


@pytest.mark.parametrize("char", list(UNSAFE.values()), ids=list(UNSAFE))
@pytest.mark.parametrize("place", list(PLACES), ids=list(PLACES))
def test_control_bidi_and_zero_width_characters_are_refused_in_every_field(char, place):
    original, field = PLACES[place]
    middle = len(original) // 2
    payload = MAN.replace(original, original[:middle] + char + original[middle:], 1)
    with pytest.raises(InvalidCccd) as caught:
        parse_cccd_qr(payload)
    assert caught.value.key == "cccd.unsafe_char"
    message = str(caught.value)
    assert field in message and f"U+{ord(char):04X}" in message
    assert char not in message and "\n" not in message  # one line, the character named, not written


def test_a_birth_date_after_today_is_refused():
    # born 02/12/2026, the day after TODAY; number and gender agree (digit 2, year 26)
    payload = "001226012345||Nguyễn Văn Bé|02122026|Nam|Hà Nội|02122026"
    with pytest.raises(InvalidCccd) as caught:
        parse_cccd_qr(payload)
    assert caught.value.key == "cccd.birth_in_future"
    assert "02/12/2026" in str(caught.value) and "01/12/2026" in str(caught.value)
    assert parse_cccd_qr(payload, today=date(2026, 12, 2)).birth_date == date(2026, 12, 2)


def test_an_issue_date_after_today_is_refused():
    with pytest.raises(InvalidCccd) as caught:
        parse_cccd_qr(MAN.replace("10052021", "02122026"))
    assert caught.value.key == "cccd.issued_in_future"
    assert "Ngày cấp 02/12/2026" in str(caught.value)
    assert parse_cccd_qr(MAN.replace("10052021", "01122026")).issued_on == TODAY  # today itself: accepted


def test_the_parser_reads_no_clock():
    # the same payload is refused or accepted by the date it is given, not by the machine's clock
    payload = MAN.replace("10052021", "01012030")
    assert parse_cccd_qr(payload, today=date(2030, 1, 1)).issued_on == date(2030, 1, 1)
    with pytest.raises(InvalidCccd):
        parse_cccd_qr(payload, today=date(2029, 12, 31))


# --- the number alone --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "info"),
    [
        ("001090012345", CccdNumberInfo("001", 1900, "Nam", 1990)),
        ("001190012345", CccdNumberInfo("001", 1900, "Nữ", 1990)),
        ("079203001234", CccdNumberInfo("079", 2000, "Nam", 2003)),
        ("079303001234", CccdNumberInfo("079", 2000, "Nữ", 2003)),
        ("048400000001", CccdNumberInfo("048", 2100, "Nam", 2100)),
        ("048599000001", CccdNumberInfo("048", 2100, "Nữ", 2199)),
        ("048612000001", CccdNumberInfo("048", 2200, "Nam", 2212)),
        ("048712000001", CccdNumberInfo("048", 2200, "Nữ", 2212)),
        ("048805000001", CccdNumberInfo("048", 2300, "Nam", 2305)),
        ("048905000001", CccdNumberInfo("048", 2300, "Nữ", 2305)),
        ("999000000000", CccdNumberInfo("999", 1900, "Nam", 1900)),  # unknown province prefix is kept
        (" 001090012345\r\n", CccdNumberInfo("001", 1900, "Nam", 1990)),
    ],
)
def test_describe_number(number, info):
    assert describe_number(number) == info


@pytest.mark.parametrize(
    "number", ["", "12345", "00109001234", "0010900123456", "00109001234a", "00109001234５"]
)
def test_describe_number_refuses_non_numbers(number):
    with pytest.raises(InvalidCccd) as caught:
        describe_number(number)
    assert caught.value.key == "cccd.number"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("001090012345", True),
        (" 001090012345\n", True),
        ("00109001234", False),
        ("0010900123456", False),
        ("00109001234x", False),
        ("００１０９００１２３４５", False),
        ("", False),
    ],
)
def test_is_cccd_number(text, expected):
    assert is_cccd_number(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (MAN, True),
        (WOMAN + "\r\n", True),
        ("001090012345|", True),
        ("001090012345", False),  # no separator: a typed number, not a QR burst
        ("00109001234|Nguyễn", False),
        ("000.00.53.H48-251122-2007", False),
        ("Nguyễn|001090012345", False),
        ("", False),
    ],
)
def test_looks_like_cccd_qr(text, expected):
    assert looks_like_cccd_qr(text) is expected


# --- writing a card (demo data, tests) ---------------------------------------------------------------


def test_format_writes_the_card_text():
    assert format_cccd_qr(MAN_DATA) == MAN
    assert format_cccd_qr(MAN_DATA, with_old_id=False) == MAN.replace("123456789|", "")
    assert format_cccd_qr(parse_cccd_qr(WOMAN)) == WOMAN.replace("|", "||", 1)


def test_format_refuses_a_field_the_format_cannot_carry():
    broken = CccdData(
        "001090012345", None, "Nguyễn|Văn An", date(1990, 3, 15), "Nam", "Hà Nội", date(2021, 5, 10)
    )
    with pytest.raises(InvalidCccd) as caught:
        format_cccd_qr(broken)
    assert "họ và tên" in str(caught.value)


# --- properties --------------------------------------------------------------------------------------

LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậếềểễệóòỏõọốồổỗộớờởỡợúùủũụứừửữựíìỉĩịýỳỷỹỵ"
NAME_ALPHABET = LETTERS + LETTERS.upper() + " "
ADDRESS_ALPHABET = NAME_ALPHABET + "0123456789,./"


def _clean(text: str) -> str:
    return " ".join(text.split())


@st.composite
def cccd_data(draw) -> CccdData:
    birth = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
    gender = draw(st.sampled_from(["Nam", "Nữ"]))
    digit = (birth.year - 1900) // 100 * 2 + (gender == "Nữ")
    province = draw(st.integers(0, 999))
    serial = draw(st.integers(0, 999_999))
    number = f"{province:03d}{digit}{birth.year % 100:02d}{serial:06d}"
    old_id = draw(st.none() | st.from_regex(r"[0-9]{9}", fullmatch=True))
    name = _clean(draw(st.text(NAME_ALPHABET, min_size=1, max_size=40).filter(str.strip)))
    address = _clean(draw(st.text(ADDRESS_ALPHABET, max_size=80)))
    issued = draw(st.dates(min_value=birth, max_value=TODAY))
    return CccdData(number, old_id, name, birth, gender, address, issued)


@settings(max_examples=200)
@given(cccd_data(), st.booleans())
def test_format_then_parse_roundtrip(data, with_old_id):
    expected = data if with_old_id else CccdData(**{**_fields(data), "old_id": None})
    assert parse_cccd_qr(format_cccd_qr(data, with_old_id=with_old_id)) == expected
    assert parse_cccd_qr(nfd(format_cccd_qr(data, with_old_id=with_old_id)) + "\r\n") == expected


def _fields(data: CccdData) -> dict:
    return {name: getattr(data, name) for name in CccdData.__dataclass_fields__}


def _parse_or_invalid(text: str) -> None:
    try:
        result = parse_cccd_qr(text)
    except InvalidCccd as error:
        assert str(error) == VI[error.key].format(**error.params)
        assert "\n" not in str(error) and is_safe_text(str(error))  # one clean line
    else:
        assert isinstance(result, CccdData)
        assert len(result.number) == 12
        assert all(is_safe_text(str(value)) for value in _fields(result).values())
        assert result.birth_date <= TODAY and result.issued_on <= TODAY


@settings(max_examples=300)
@given(st.text())
def test_any_text_gives_data_or_invalid_cccd(text):
    _parse_or_invalid(text)


@settings(max_examples=300)
@given(st.lists(st.text(max_size=14), min_size=5, max_size=8).map("|".join))
def test_any_pipe_separated_text_gives_data_or_invalid_cccd(text):
    _parse_or_invalid(text)


@settings(max_examples=300)
@given(cccd_data(), st.booleans(), st.data())
def test_near_valid_payloads_give_data_or_invalid_cccd(data, with_old_id, draw):
    fields = format_cccd_qr(data, with_old_id=with_old_id).split("|")
    mutation = draw.draw(st.sampled_from(["replace", "drop", "duplicate", "edit"]))
    index = draw.draw(st.integers(0, len(fields) - 1))
    if mutation == "replace":
        fields[index] = draw.draw(st.text(max_size=12) | st.from_regex(r"[0-9]{0,13}", fullmatch=True))
    elif mutation == "drop":
        del fields[index]
    elif mutation == "duplicate":
        fields.insert(index, fields[index])
    else:
        position = draw.draw(st.integers(0, len(fields[index])))
        fields[index] = fields[index][:position] + draw.draw(st.characters()) + fields[index][position:]
    _parse_or_invalid("|".join(fields))
