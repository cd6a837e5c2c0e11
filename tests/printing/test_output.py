"""PDF archive paths, CUPS `lp` failures, ESC/POS targets — every failure a clear Vietnamese PrintError."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import pytest

from counter_app.printing.output import (
    FORM_RECEIPT,
    PrintError,
    archive_path,
    open_escpos_printer,
    print_escpos_image,
    save_pdf,
    send_to_cups,
)

PDF = b"%PDF-1.4\n% test\n"
CODE = "000.00.53.H48-261122-2007"


def test_pdf_is_archived_by_year_and_month(tmp_path):
    saved = save_pdf(PDF, printed_dir=tmp_path, code=CODE, form=FORM_RECEIPT, when=date(2026, 11, 22))
    assert saved.path == tmp_path / "2026" / "11" / f"{CODE}-mau01-tiep-nhan.pdf"
    assert saved.path.read_bytes() == PDF
    assert saved.out is None
    assert not [p for p in saved.path.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_reprint_never_overwrites_the_earlier_file(tmp_path):
    first = save_pdf(PDF, printed_dir=tmp_path, code=CODE, form="mau01", when=date(2026, 11, 22))
    second = save_pdf(b"%PDF-2", printed_dir=tmp_path, code=CODE, form="mau01", when=date(2026, 11, 22))
    third = save_pdf(b"%PDF-3", printed_dir=tmp_path, code=CODE, form="mau01", when=date(2026, 11, 22))
    assert first.path.read_bytes() == PDF
    assert second.path.name == f"{CODE}-mau01-2.pdf" and second.path.read_bytes() == b"%PDF-2"
    assert third.path.name == f"{CODE}-mau01-3.pdf"


def test_out_file_gets_a_copy(tmp_path):
    out = tmp_path / "elsewhere" / "receipt.pdf"
    saved = save_pdf(
        PDF, printed_dir=tmp_path / "printed", code=CODE, form="mau01", when=date(2026, 1, 5), out=out
    )
    assert saved.out == out and out.read_bytes() == PDF
    assert saved.path.parent == tmp_path / "printed" / "2026" / "01"


def test_unsafe_characters_stay_out_of_file_names(tmp_path):
    path = archive_path(tmp_path, "../../etc/passwd", "x/y", date(2026, 11, 22))
    assert path.parent == tmp_path / "2026" / "11"
    assert "/" not in path.name and ".." not in path.name


def test_an_unwritable_archive_is_a_print_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(PrintError) as error:
        save_pdf(PDF, printed_dir=blocker, code=CODE, form="mau01", when=date(2026, 11, 22))
    assert "Không ghi được tệp PDF" in str(error.value)


def test_missing_lp_command_is_a_clear_error(tmp_path):
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(PDF)
    with pytest.raises(PrintError) as error:
        send_to_cups(pdf, "HP_LaserJet", lp_command=str(tmp_path / "no-such-lp"))
    message = str(error.value)
    assert "Không tìm thấy lệnh in" in message and "CUPS" in message and str(pdf) in message
    assert error.value.key == "printing.output.lp_missing"


def fake_lp(tmp_path: Path, body: str) -> str:
    script = tmp_path / "lp"
    script.write_text(f"#!{sys.executable}\nimport sys, time\n{body}\n")
    os.chmod(script, 0o755)
    return str(script)


def test_a_printer_that_refuses_is_a_clear_error(tmp_path):
    lp = fake_lp(tmp_path, 'print("lp: The printer or class does not exist.", file=sys.stderr); sys.exit(1)')
    with pytest.raises(PrintError) as error:
        send_to_cups(tmp_path / "a.pdf", "NoSuchPrinter", lp_command=lp)
    message = str(error.value)
    assert "NoSuchPrinter" in message and "The printer or class does not exist." in message
    assert "Tệp PDF vẫn được lưu" in message


def test_a_hung_lp_times_out(tmp_path):
    lp = fake_lp(tmp_path, "time.sleep(30)")
    with pytest.raises(PrintError) as error:
        send_to_cups(tmp_path / "a.pdf", "Slow", lp_command=lp, timeout=0.5)
    assert "không phản hồi sau 0.5 giây" in str(error.value)


def test_lp_receives_the_printer_and_the_file(tmp_path):
    lp = fake_lp(
        tmp_path,
        'print("request id is " + sys.argv[2] + "-42 (1 file(s))"); '
        'open(sys.argv[0] + ".args", "w").write("|".join(sys.argv[1:]))',
    )
    job = send_to_cups(Path("a.pdf"), "HP_LaserJet", lp_command=lp, copies=2)
    assert job == "request id is HP_LaserJet-42 (1 file(s))"
    args = Path(lp + ".args").read_text().split("|")
    assert args[:4] == ["-d", "HP_LaserJet", "-n", "2"]
    assert Path(args[4]).is_absolute() and args[4].endswith("a.pdf")


@pytest.mark.parametrize(
    "target", ["", "bluetooth:xx", "usb:zz:01", "usb:0x0416", "network:", "serial:/dev/x:fast"]
)
def test_bad_escpos_targets_are_named(target):
    pytest.importorskip("escpos")
    with pytest.raises(PrintError) as error:
        open_escpos_printer(target)
    assert "không hợp lệ" in str(error.value)


def test_escpos_targets_open_the_right_printer_class():
    printer = pytest.importorskip("escpos.printer")
    assert isinstance(open_escpos_printer("network:192.0.2.10:9100"), printer.Network)
    assert isinstance(open_escpos_printer("file:/dev/null"), printer.File)


def test_without_python_escpos_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "escpos", None)
    with pytest.raises(PrintError) as error:
        open_escpos_printer("network:192.0.2.10")
    assert "python-escpos" in str(error.value)


def test_a_failing_thermal_printer_is_a_print_error_and_stdout_stays_clean(capsys):
    pytest.importorskip("escpos")
    from PIL import Image

    class Broken:
        def image(self, image):
            print("chatter from the library")
            raise OSError("USB device not found")

    with pytest.raises(PrintError) as error:
        print_escpos_image(Image.new("1", (576, 10), 1), Broken())
    assert "Máy in nhiệt báo lỗi: USB device not found" in str(error.value)
    assert capsys.readouterr().out == ""


def test_without_hard_links_files_are_still_never_overwritten(tmp_path, monkeypatch):
    from counter_app.printing import files

    def no_links(src, dst):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(files.os, "link", no_links)
    first = save_pdf(PDF, printed_dir=tmp_path, code=CODE, form="mau01", when=date(2026, 11, 22))
    second = save_pdf(b"%PDF-2", printed_dir=tmp_path, code=CODE, form="mau01", when=date(2026, 11, 22))
    assert first.path.read_bytes() == PDF and second.path.read_bytes() == b"%PDF-2"
    assert second.path.name.endswith("-2.pdf")
    assert sorted(p.name for p in first.path.parent.iterdir()) == sorted([first.path.name, second.path.name])


def test_write_new_refuses_when_every_name_is_taken(tmp_path):
    from counter_app.printing.files import write_new

    taken = tmp_path / "a"
    taken.write_bytes(b"old")
    with pytest.raises(FileExistsError):
        write_new(b"new", [taken], mode=0o644)
    assert taken.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [taken]  # no temporary file left behind
