"""Capture of a dossier component: from SANE's real ``test`` backend (``scanimage -d test``: a virtual
scanner with a flatbed and a ten-sheet feeder, and options that make it fail the ways real ones do), and
from files. Every stored component is one PDF named by its hash; every refusal is one line and stores
nothing."""

from __future__ import annotations

import hashlib
import io
import os
import stat
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from pypdf import PdfReader

from counter_app.config import ScannerSettings, Settings
from counter_app.services import pdf_pages, scanner
from counter_app.services.capture import CapturedFile, import_component, import_drop_folder, scan_component
from counter_app.services.errors import ServiceError
from counter_app.services.file_store import FileStore

FEEDER = "Automatic Document Feeder"  # the test backend's name for its feeder; it holds 10 sheets
needs_scanimage = pytest.mark.needs_command("scanimage")


@pytest.fixture
def store(tmp_path) -> FileStore:
    return FileStore(tmp_path / "files", reserve_bytes=0)


@pytest.fixture
def scan_tmp(tmp_path, monkeypatch) -> Path:
    """Where the scanner's private temporary directories go during a test (to see them made and removed)."""
    directory = tmp_path / "tmp"
    directory.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(directory))
    return directory


def with_scanner(settings: Settings, **scanner_settings) -> Settings:
    values = {"device": "test", "source": FEEDER, "resolution": 75, "mode": "Gray", **scanner_settings}
    return replace(settings, scanner=ScannerSettings(**values))


def stored_pdf(store: FileStore, captured: CapturedFile) -> bytes:
    data = store.read(captured.sha256)  # checks the bytes against the name
    assert hashlib.sha256(data).hexdigest() == captured.sha256
    assert captured.size == len(data)
    assert data.startswith(b"%PDF-")
    return data


def pages_of(data: bytes) -> int:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pikepdf_pages = len(pdf.pages)
    assert len(PdfReader(io.BytesIO(data)).pages) == pikepdf_pages
    return pikepdf_pages


def refused(action, *names: str) -> str:
    """The one-line message of the ServiceError ``action()`` raises; it names each of ``names``."""
    with pytest.raises(ServiceError) as info:
        action()
    message = str(info.value)
    assert "\n" not in message and message.strip() == message
    for name in names:
        assert name in message, (name, message)
    return message


# --- the scanner ---------------------------------------------------------------------------------------


@needs_scanimage
def test_three_pages_from_the_feeder_become_one_three_page_pdf_named_by_its_hash(settings, store, scan_tmp):
    done: list[int] = []
    captured = scan_component(with_scanner(settings), store, progress=done.append, max_pages=3)
    assert done == [1, 2, 3]  # the progress callback, once a page
    assert captured.pages == 3
    data = stored_pdf(store, captured)
    assert pages_of(data) == 3
    assert list(store.hashes()) == [captured.sha256]
    assert store.path_of(captured.sha256).name == captured.sha256
    # the configured resolution reached the scanner: the test backend's 80 x 100 mm area at 75 dpi
    with pikepdf.open(io.BytesIO(data)) as pdf:
        width, height = (float(v) for v in pdf.pages[0].mediabox[2:])
        (image,) = pdf.pages[0].get_images().values()
        assert (image.Width, image.Height) == (236, 295)
        assert image.ColorSpace == "/DeviceGray"
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (80, 100)
    assert list(scan_tmp.iterdir()) == []  # the pages' temporary directory is gone


@needs_scanimage
def test_the_feeder_is_scanned_until_it_is_empty(settings, store):
    done: list[int] = []
    captured = scan_component(with_scanner(settings), store, progress=done.append)
    assert captured.pages == 10 == pages_of(stored_pdf(store, captured))
    assert done == list(range(1, 11))


@needs_scanimage
def test_a_flatbed_gives_one_page_in_colour_at_the_configured_resolution(settings, store):
    captured = scan_component(with_scanner(settings, source=None, mode="Color", resolution=100), store)
    assert captured.pages == 1
    with pikepdf.open(io.BytesIO(stored_pdf(store, captured))) as pdf:
        (image,) = pdf.pages[0].get_images().values()
        assert image.ColorSpace == "/DeviceRGB"
        assert (image.Width, image.Height) == (314, 393)  # 80 x 100 mm at 100 dpi (SANE rounds down)


@needs_scanimage
def test_the_pages_wait_in_a_private_directory_that_is_removed(settings, store, scan_tmp):
    seen: list[tuple[int, int]] = []

    def progress(pages: int) -> None:
        (directory,) = scan_tmp.iterdir()
        seen.append((stat.S_IMODE(directory.stat().st_mode), len(list((directory / "pages").glob("*.png")))))

    scan_component(with_scanner(settings), store, progress=progress, max_pages=2)
    assert [mode for mode, _ in seen] == [0o700, 0o700]
    assert seen[0][1] >= 1 and seen[1][1] == 2  # a page reported is on disk (the next may be too)
    assert list(scan_tmp.iterdir()) == []


@needs_scanimage
def test_cancel_stops_the_scanner_and_stores_nothing(settings, store, scan_tmp):
    cancel = threading.Event()
    done: list[int] = []

    def progress(pages: int) -> None:
        done.append(pages)
        cancel.set()  # the officer presses Esc while page 2 is being scanned

    # each page takes about 0.4 s: ten of them would take 4 s
    slow = with_scanner(settings, options=("--read-delay=yes", "--read-delay-duration=200000"))
    started = time.monotonic()
    message = refused(lambda: scan_component(slow, store, progress=progress, cancel=cancel))
    assert time.monotonic() - started < 2.5
    assert message == "Đã hủy quét; chưa lưu trang nào."
    assert done == [1]
    assert list(store.hashes()) == []
    assert list(scan_tmp.iterdir()) == []


def test_a_cancel_before_the_start_does_not_run_the_scanner(settings, store, monkeypatch):
    monkeypatch.setattr(scanner, "SCANIMAGE", "/nonexistent/scanimage")  # would be «not installed»
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(scanner.ScanCancelled):
        scan_component(with_scanner(settings), store, cancel=cancel)


@needs_scanimage
def test_a_scanner_that_sends_nothing_is_stopped_after_its_timeout(settings, store, scan_tmp):
    slow = with_scanner(
        settings,
        resolution=600,
        timeout_seconds=1,
        options=("--read-delay=yes", "--read-delay-duration=200000"),
    )
    started = time.monotonic()
    refused(lambda: scan_component(slow, store), "«test»", "1 giây")
    assert time.monotonic() - started < 5
    assert list(store.hashes()) == [] and list(scan_tmp.iterdir()) == []


@needs_scanimage
def test_a_missing_device_is_named(settings, store, scan_tmp):
    message = refused(lambda: scan_component(with_scanner(settings, device="epson2:net:10.0.0.9"), store))
    assert message.startswith("Không mở được máy quét «epson2:net:10.0.0.9»")
    assert list(store.hashes()) == [] and list(scan_tmp.iterdir()) == []


@needs_scanimage
@pytest.mark.parametrize(
    ("status", "source", "expected"),
    [
        ("SANE_STATUS_NO_DOCS", None, "Khay nạp giấy của máy quét đang trống"),
        ("SANE_STATUS_DEVICE_BUSY", FEEDER, "Máy quét «test» đang bận"),
        ("SANE_STATUS_JAMMED", FEEDER, "Giấy bị kẹt trong máy quét «test»"),
        ("SANE_STATUS_COVER_OPEN", FEEDER, "Nắp máy quét «test» đang mở"),
        ("SANE_STATUS_IO_ERROR", FEEDER, "Quét không thành công (sane_read: Error during device I/O)"),
    ],
)
def test_scanner_failures_are_one_line_and_store_nothing(settings, store, status, source, expected):
    failing = with_scanner(settings, source=source, options=(f"--read-return-value={status}",))
    assert refused(lambda: scan_component(failing, store)).startswith(expected)
    assert list(store.hashes()) == []


@needs_scanimage
def test_a_mode_the_driver_does_not_have_is_named(settings, store):
    # the test backend has Gray and Color only; real sheet-feeders call black-and-white "Lineart"
    refused(lambda: scan_component(with_scanner(settings, mode="Lineart"), store), "--mode", "«test»")


def test_no_scanimage_says_what_to_install(settings, store, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    refused(lambda: scan_component(with_scanner(settings), store), "scanimage", "sane-utils")
    refused(lambda: scan_component(with_scanner(settings, device=None), store), "sane-utils")


@needs_scanimage
def test_without_a_configured_device_the_first_one_sane_finds_is_used(settings, store, tmp_path, monkeypatch):
    config = tmp_path / "sane.d"
    config.mkdir()
    (config / "dll.conf").write_text("test\n")  # the test backend offers two devices, test:0 and test:1
    monkeypatch.setenv("SANE_CONFIG_DIR", str(config))
    assert [device.name for device in scanner.list_devices()] == ["test:0", "test:1"]
    captured = scan_component(with_scanner(settings, device=None), store, max_pages=2)
    assert captured.pages == 2


@needs_scanimage
def test_without_a_configured_device_and_none_found_the_officer_is_told(
    settings, store, tmp_path, monkeypatch
):
    config = tmp_path / "sane.d"
    config.mkdir()
    (config / "dll.conf").write_text("")  # no backend at all: SANE finds nothing
    monkeypatch.setenv("SANE_CONFIG_DIR", str(config))
    assert scanner.list_devices() == []
    refused(lambda: scan_component(with_scanner(settings, device=None), store), "[scanner] device")


def test_the_command_is_an_argument_vector_from_the_settings(tmp_path):
    settings = ScannerSettings(
        device="fujitsu:fi-7160",
        resolution=200,
        mode="Lineart",
        source="ADF Duplex",
        options=("--swdeskew=yes",),
    )
    command = scanner.scanimage_command(settings, "fujitsu:fi-7160", tmp_path / "page-%04d.tiff", "tiff", 5)
    assert command[0] == "scanimage"
    assert "--device-name=fujitsu:fi-7160" in command and "--format=tiff" in command
    assert "--resolution=200" in command and "--mode=Lineart" in command and "--source=ADF Duplex" in command
    assert "--batch-count=5" in command and "--batch-print" in command and command[-1] == "--swdeskew=yes"
    assert scanner.is_feeder("ADF Duplex") and scanner.is_feeder(FEEDER) and not scanner.is_feeder("Flatbed")


# --- files --------------------------------------------------------------------------------------------


def png(path: Path, size=(300, 400), mode="RGB", color=(200, 30, 30)) -> Path:
    Image.new(mode, size, color).save(path, "PNG", dpi=(150, 150))
    return path


def pdf_file(path: Path, pages: int = 2, **save) -> Path:
    with pikepdf.new() as pdf:
        for _ in range(pages):
            pdf.add_blank_page(page_size=(595, 842))
        pdf.save(path, **save)
    return path


def test_a_png_with_transparency_becomes_a_one_page_pdf(store, tmp_path):
    source = png(tmp_path / "don.png", mode="RGBA", color=(0, 0, 255, 0))  # fully transparent: white paper
    captured = import_component(store, source)
    data = stored_pdf(store, captured)
    assert captured.pages == 1 == pages_of(data)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        (image,) = pdf.pages[0].get_images().values()
        assert image.ColorSpace == "/DeviceRGB" and "/SMask" not in image
        pixels = pikepdf.PdfImage(image).as_pil_image()
        assert pixels.getpixel((10, 10)) == (255, 255, 255)
        width = float(pdf.pages[0].mediabox[2])
    assert round(width) == 144  # 300 pixels at 150 dpi: 2 inches


def test_a_jpeg_goes_into_the_pdf_as_it_is(store, tmp_path):
    source = tmp_path / "cccd.jpg"
    Image.new("RGB", (320, 200), (10, 120, 40)).save(source, "JPEG", quality=90)
    captured = import_component(store, [source])
    data = stored_pdf(store, captured)
    assert captured.pages == 1
    assert source.read_bytes() in data  # embedded without re-encoding (img2pdf: lossless)


def test_a_valid_pdf_is_kept_byte_for_byte(store, tmp_path):
    source = pdf_file(tmp_path / "giay-khai-sinh.pdf", pages=3)
    captured = import_component(store, source)
    assert captured.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert store.read(captured.sha256) == source.read_bytes()
    assert (captured.pages, captured.size) == (3, source.stat().st_size)


def test_a_folder_of_pages_becomes_one_pdf_in_page_order(store, tmp_path):
    folder = tmp_path / "scans"
    folder.mkdir()
    # widths tell the pages apart: natural order is trang1, trang2, trang10 (not trang1, trang10, trang2)
    png(folder / "trang10.png", size=(300, 400))
    png(folder / "trang2.png", size=(200, 400))
    png(folder / "trang1.png", size=(100, 400))
    pdf_file(folder / "trang11.pdf", pages=2)
    (folder / ".DS_Store").write_bytes(b"\0junk")
    (folder / "Thumbs.db").write_bytes(b"\0junk")
    captured = import_component(store, folder)
    data = stored_pdf(store, captured)
    assert captured.pages == 5 == pages_of(data)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        widths = [round(float(page.mediabox[2])) for page in pdf.pages]
    assert widths == [48, 96, 144, 595, 595]
    # the same pages give the same file: stored once, found by the same hash
    assert import_component(store, folder) == captured
    assert list(store.hashes()) == [captured.sha256]


def test_the_drop_folder_is_imported(settings, store, tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    png(folder / "scan_0001.png")
    png(folder / "scan_0002.png")
    captured = import_drop_folder(with_scanner(settings, drop_folder=folder), store)
    assert captured.pages == 2
    refused(lambda: import_drop_folder(settings, store), "[scanner] drop_folder")


def _text_as_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "to-khai.pdf"
    path.write_text("Tờ khai đăng ký khai sinh\n", encoding="utf-8")
    return path


def _encrypted(tmp_path: Path) -> Path:
    return pdf_file(tmp_path / "mat-khau.pdf", encryption=pikepdf.Encryption(owner="chu", user="xem"))


def _owner_locked(tmp_path: Path) -> Path:
    return pdf_file(tmp_path / "khoa-in.pdf", encryption=pikepdf.Encryption(owner="chu", user=""))


def _truncated(tmp_path: Path) -> Path:
    whole = pdf_file(tmp_path / "whole.pdf", pages=3).read_bytes()
    path = tmp_path / "hong.pdf"
    path.write_bytes(whole[: len(whole) // 2])
    return path


def _no_pages(tmp_path: Path) -> Path:
    return pdf_file(tmp_path / "rong.pdf", pages=0)


def _empty_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "thu-muc-rong"
    folder.mkdir()
    (folder / ".hidden.png").write_bytes(b"")
    return folder


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "khong-co.pdf"


def _huge(tmp_path: Path) -> Path:
    path = tmp_path / "qua-lon.pdf"
    with open(path, "wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(pdf_pages.MAX_INPUT_BYTES + 1)  # sparse: no disk used
    return path


def _word_file(tmp_path: Path) -> Path:
    path = tmp_path / "don.docx"
    path.write_bytes(b"PK\x03\x04" + os.urandom(64))
    return path


def _broken_png(tmp_path: Path) -> Path:
    whole = png(tmp_path / "whole.png").read_bytes()
    path = tmp_path / "anh-hong.png"
    path.write_bytes(whole[:60])
    return path


def _folder_with_a_bad_page(tmp_path: Path) -> Path:
    folder = tmp_path / "ho-so"
    folder.mkdir()
    png(folder / "trang1.png")
    (folder / "trang2.pdf").write_text("not a pdf")
    return folder


@pytest.mark.parametrize(
    ("make", "name", "says"),
    [
        (_text_as_pdf, "to-khai.pdf", "không phải tệp PDF"),
        (_encrypted, "mat-khau.pdf", "mật khẩu"),
        (_owner_locked, "khoa-in.pdf", "mật khẩu"),
        (_truncated, "hong.pdf", "bị hỏng"),
        (_no_pages, "rong.pdf", "không có trang nào"),
        (_empty_folder, "thu-muc-rong", "không có tệp nào"),
        (_missing, "khong-co.pdf", "Không tìm thấy"),
        (_huge, "qua-lon.pdf", "quá lớn"),
        (_word_file, "don.docx", "không phải PDF hay ảnh"),
        (_broken_png, "anh-hong.png", "bị hỏng"),
        (_folder_with_a_bad_page, "trang2.pdf", "không phải tệp PDF"),
    ],
    ids=lambda value: value.__name__.strip("_") if callable(value) else None,
)
def test_bad_input_is_refused_in_one_line_naming_the_file_and_nothing_is_stored(
    store, tmp_path, make, name, says
):
    path = make(tmp_path)
    message = refused(lambda: import_component(store, path), f"«{name}»", says)
    assert str(tmp_path) not in message  # the file's name, not where it lives
    assert list(store.hashes()) == []
    assert not (store.root / ".tmp").exists() or list((store.root / ".tmp").iterdir()) == []


def test_one_bad_file_among_good_ones_stores_nothing(store, tmp_path):
    good = png(tmp_path / "trang1.png")
    refused(lambda: import_component(store, [good, _encrypted(tmp_path)]), "«mat-khau.pdf»")
    refused(lambda: import_component(store, []), "Chưa chọn tệp")
    assert list(store.hashes()) == []
