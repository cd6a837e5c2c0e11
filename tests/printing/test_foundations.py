"""The shipped font, Vietnamese date and money formats, the wrapping engine, the message catalogue,
and the import boundary of the printing package."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.pdfbase.ttfonts import TTFont

from counter_app.domain.applicants import ID_TYPES
from counter_app.locale.formats import long_date, long_time, money, place_date, processing_time
from counter_app.locale.vi.dossier_fixes import MESSAGES as FIXES_MESSAGES
from counter_app.locale.vi.forms2025 import MESSAGES as FORMS2025_MESSAGES
from counter_app.locale.vi.printing import MESSAGES as PRINTING_MESSAGES
from counter_app.printing import fonts
from counter_app.printing.fonts import FONT_DIR, Style, string_width
from counter_app.printing.form_parts import Column, Table, header_lines
from counter_app.printing.layout import Span, bold, wrap, wrap_balanced

PACKAGE = Path(fonts.__file__).parent
VIETNAMESE_LETTERS = sorted(
    {
        unicodedata.normalize("NFC", base + mark)
        for base in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
        for mark in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
    }
    | set("đĐ")
)


@pytest.mark.parametrize("style", list(Style))
def test_every_vietnamese_letter_has_a_glyph(style):
    face = TTFont("check", str(style.path)).face
    assert len(VIETNAMESE_LETTERS) == 2 * 12 * 6 + 2  # 12 vowels x 6 tones (with none), both cases; đ, Đ
    missing = [ch for ch in VIETNAMESE_LETTERS if ord(ch) not in face.charToGlyph]
    assert missing == []


def test_fonts_ship_with_their_licence_and_stay_small():
    assert "Bitstream Vera" in (FONT_DIR / "LICENSE-DejaVu.txt").read_text()
    assert "Arev" in (FONT_DIR / "LICENSE-DejaVu.txt").read_text()
    total = sum(p.stat().st_size for p in FONT_DIR.iterdir())
    assert total < 3_000_000


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),
        (date(2026, 1, 31), "ngày 31 tháng 01 năm 2026"),
        (date(2026, 3, 9), "ngày 09 tháng 3 năm 2026"),
        (date(2026, 11, 22), "ngày 22 tháng 11 năm 2026"),
    ],
)
def test_dates_follow_decree_30(day, expected):
    assert long_date(day) == expected


def test_times_places_money_and_durations():
    assert long_time(datetime(2026, 11, 22, 8, 5)) == "08 giờ 05 phút, ngày 22 tháng 11 năm 2026"
    assert place_date("Quảng Ngãi", date(2026, 11, 22)) == "Quảng Ngãi, ngày 22 tháng 11 năm 2026"
    assert money(1250000) == "1.250.000 đồng"
    assert money(8000) == "8.000 đồng"
    assert processing_time(0) == "Trong ngày"
    assert processing_time(3) == "3 ngày làm việc"


@given(
    st.lists(
        st.sampled_from(["Nguyễn", "Thị", "Ánh", "Tuyết", "hồ", "sơ", "000.00.53.H48-261122-2007", "\n"]),
        max_size=40,
    ),
    st.floats(min_value=40, max_value=500),
)
def test_wrapped_lines_fit_and_keep_every_word(words, width):
    text = " ".join(words)
    lines = wrap(text, width, 11)
    for line in lines:
        assert line.width <= width + 0.01 or len("".join(f for f, _ in line.frags).split()) == 1
    joined = " ".join("".join(frag for frag, _ in line.frags) for line in lines)
    assert joined.split() == text.split() or "".join(joined.split()) == "".join(text.split())


def test_runs_keep_their_faces_and_widths_add_up():
    [line] = wrap([Span("Tiếp nhận hồ sơ của: "), bold("Nguyễn Thị Ánh Tuyết")], 1000, 12)
    assert line.frags == (("Tiếp nhận hồ sơ của: ", Style.REGULAR), ("Nguyễn Thị Ánh Tuyết", Style.BOLD))
    assert line.width == pytest.approx(
        string_width("Tiếp nhận hồ sơ của: ", Style.REGULAR, 12)
        + string_width("Nguyễn Thị Ánh Tuyết", Style.BOLD, 12)
    )


def test_balanced_wrap_evens_lines_without_adding_any():
    text = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
    width = string_width(text, Style.REGULAR, 12) * 0.8
    greedy, balanced = wrap(text, width, 12), wrap_balanced(text, width, 12)
    assert len(greedy) == len(balanced) == 2
    assert max(line.width for line in balanced) < max(line.width for line in greedy)


def test_header_names_break_before_the_level_of_the_unit():
    width = string_width("ỦY BAN NHÂN DÂN XÃ", Style.BOLD, 12) - 1
    lines = header_lines("Ủy ban nhân dân xã Tịnh Khê", width, 12, Style.BOLD)
    assert ["".join(f for f, _ in line.frags) for line in lines] == ["ỦY BAN NHÂN DÂN", "XÃ TỊNH KHÊ"]


def test_table_split_repeats_nothing_and_loses_nothing():
    table = Table(
        [Column("A", 100), Column("B", 100)], [[str(i), "x " * (i % 7)] for i in range(50)], size=10
    )
    pages = table.split(200, 500)
    assert [i for page in pages for i in page] == list(range(50))
    for page in pages[1:]:
        assert sum(table.heights[i] for i in page) + table.head_height <= 500


# --- the message catalogue ----------------------------------------------------------------------------------

SOURCES = list(PACKAGE.rglob("*.py"))
#: the printing area, and the form-set area whose printed texts the renderers and form sets use, and the dossier
#: fixes' printed mark («Bản in lại», tests/locale/test_dossier_fixes_texts.py)
MESSAGES = {
    **PRINTING_MESSAGES,
    **{k: v for k, v in FORMS2025_MESSAGES.items() if k.startswith("forms2025.")},
    **{k: v for k, v in FIXES_MESSAGES.items() if k.startswith("fixes.print.")},
}


def test_every_message_key_used_in_the_code_exists():
    used = set()
    for source in SOURCES:
        used |= set(re.findall(r"""\bt\(\s*f?["']([a-z0-9_.]+)["']""", source.read_text()))
    assert used, "no t('...') calls found"
    assert sorted(key for key in used if key not in MESSAGES) == []
    for prefix, values in {
        "printing.copy_kind.": ("original", "certified", "copy"),
        "printing.fee.": ("none", "paid", "unpaid", "exempt"),
        "printing.result.": ("early", "on_time", "late"),
        "printing.field.id.": ID_TYPES,
    }.items():
        for value in values:  # keys built with f-strings from the documents' literals
            assert prefix + value in MESSAGES


def test_messages_are_nfc_and_unused_ones_do_not_pile_up():
    text = "\n".join(source.read_text() for source in SOURCES)
    for key, message in PRINTING_MESSAGES.items():  # the forms2025 area: tests/locale/test_forms2025_texts.py
        assert unicodedata.is_normalized("NFC", message), key
        dynamic = key.rsplit(".", 1)[0] + "."
        assert f'"{key}"' in text or f'"{dynamic}' in text or f"{dynamic}{{" in text, f"unused message {key}"


def test_printing_imports_no_ui_no_store_no_services():
    code = (
        "import sys\n"
        "import counter_app.printing.receipt, counter_app.printing.notices, counter_app.printing.tracking\n"
        "import counter_app.printing.catalogue, counter_app.printing.thermal, counter_app.printing.output\n"
        "import counter_app.commands.printing\n"
        "bad = [m for m in sys.modules if m.split('.')[0] == 'textual' or m.startswith(("
        "'counter_app.services', 'counter_app.db', 'counter_app.screens', 'counter_app.widgets', 'escpos'))]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
