"""Importing a province's catalogue file: columns mapped by their Vietnamese headers, each row read, the
store updated by procedure code in one transaction, with the report of what could not be read."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlmodel import col, select

from counter_app.db.models import Dossier, Procedure, ProcedureDocument
from counter_app.services import catalogue_import, lookup
from counter_app.services.catalogue_file import CatalogueFileError
from counter_app.services.context import Actor
from counter_app.services.errors import Forbidden
from tests.catalogue.helpers import (
    PROVINCE_HEADER,
    national_xlsx,
    province_csv,
    province_rows,
    province_xlsx,
    write_csv,
    write_xlsx,
)

T0 = datetime(2026, 12, 1, 8, 0)
T1 = datetime(2026, 12, 2, 9, 30)
T2 = datetime(2026, 12, 3, 10, 0)
SQLITE = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


def procedures(store) -> dict[str, Procedure]:
    with store.session() as session:
        return {p.code: p for p in session.exec(select(Procedure)).all()}


def documents(store, code: str) -> list[tuple[str, str, int, str | None]]:
    with store.session() as session:
        rows = session.exec(
            select(ProcedureDocument)
            .where(ProcedureDocument.procedure_code == code)
            .order_by(col(ProcedureDocument.position))
        ).all()
        return [(d.name, d.copy_kind, d.quantity, d.doc_kind) for d in rows]


def test_a_provinces_spreadsheet_is_imported_with_its_columns_mapped(store, admin, tmp_path):
    report = catalogue_import.import_catalogue(store, admin, province_xlsx(tmp_path / "danhmuc.xlsx"), now=T0)
    assert (report.kind, report.sheet, report.procedures) == ("xlsx", "Phụ lục", 11)
    assert len(report.added) == 11 and not report.updated and not report.unchanged and not report.retired
    assert dict(report.mapped_columns) == {
        "code": "Mã số TTHC",
        "name": "Tên thủ tục hành chính",
        "deadline": "Thời hạn giải quyết",
        "fee": "Phí, lệ phí (nếu có)",
        "documents": "Thành phần hồ sơ",
    }
    assert report.unmapped_columns == ("Địa điểm thực hiện", "Căn cứ pháp lý")
    found = procedures(store)
    birth = found["1.001193"]
    assert (birth.name, birth.field_name, birth.field_code, birth.working_days, birth.fee) == (
        "Thủ tục đăng ký khai sinh",
        "Hộ tịch",
        "HT",
        0,
        0,
    )
    assert birth.fee_note == "Miễn lệ phí đăng ký khai sinh đúng hạn"
    assert (birth.active, birth.retired_at, birth.updated_at) == (True, None, T0)
    assert found["1.004946"].working_days == 5 and found["1.004946"].fee == 5_000
    assert found["1.000894"].working_days == 0  # same day; the verification case is an exception
    assert found["1.004873"].working_days == 3
    assert found["2.000815"].field_name == "Chứng thực" and found["2.000815"].fee == 2_000
    assert found["1.001776"].field_code == "BTXH" and found["1.001776"].working_days == 12
    assert documents(store, "1.001193") == [
        ("Tờ khai đăng ký khai sinh theo mẫu", "original", 1, None),
        ("Giấy chứng sinh", "original", 1, None),
        ("Căn cước của người đi đăng ký (bản sao kèm bản chính để đối chiếu)", "copy", 1, "cccd"),
    ]
    assert documents(store, "1.004946")[1] == (
        "Bản sao có chứng thực Giấy khai sinh cũ",
        "certified",
        2,
        "birth_certificate",
    )
    with store.session() as session:  # what the counter's picker offers
        assert [p.code for p in lookup.search_procedures(session, "khai sinh")][:2] == [
            "1.001193",
            "1.004946",
        ]


def test_a_deadline_that_cannot_be_read_is_reported_not_guessed(store, admin, tmp_path):
    report = catalogue_import.import_catalogue(store, admin, province_xlsx(tmp_path / "d.xlsx"), now=T0)
    assert [(n.row, n.code, n.text, n.reason) for n in report.unreadable_deadlines] == [
        (12, "1.001022", "Không quá 10 ngày", "calendar_days"),
        (14, "1.000419", "15 ngày", "calendar_days"),
    ]
    assert [(n.code, n.reason) for n in report.unreadable_fees] == [("1.000419", "no_amount")]
    # new procedures without a deadline are held: imported, offered to no counter
    assert report.held == ("1.001022", "1.000419")
    held = procedures(store)["1.001022"]
    assert (held.active, held.retired_at) == (False, None)
    with store.session() as session:
        assert not lookup.search_procedures(session, "nhan cha me con")


def test_an_existing_procedure_keeps_its_deadline_when_the_new_text_cannot_be_read(store, admin, tmp_path):
    rows = [
        PROVINCE_HEADER,
        ["1", "1.001022", "Thủ tục đăng ký nhận cha, mẹ, con", "03 ngày làm việc", "", "", "", ""],
    ]
    catalogue_import.import_catalogue(store, admin, write_xlsx(tmp_path / "a.xlsx", rows), now=T0)
    rows[1][3] = "Không quá 10 ngày"
    report = catalogue_import.import_catalogue(store, admin, write_xlsx(tmp_path / "b.xlsx", rows), now=T1)
    assert [n.code for n in report.unreadable_deadlines] == ["1.001022"] and not report.held
    kept = procedures(store)["1.001022"]
    assert (kept.working_days, kept.active, kept.updated_at) == (3, True, T0)  # nothing else changed


def test_re_import_updates_never_duplicates_and_retires_what_the_file_no_longer_lists(store, admin, tmp_path):
    first = province_xlsx(tmp_path / "v1.xlsx")
    catalogue_import.import_catalogue(store, admin, first, now=T0)
    again = catalogue_import.import_catalogue(store, admin, first, now=T1)
    assert again.added == () and again.updated == () and again.retired == ()
    assert len(again.unchanged) == 11
    assert {p.updated_at for p in procedures(store).values()} == {T0}  # unchanged rows keep updated_at

    rows = province_rows()
    changed = next(r for r in rows if len(r) > 1 and r[1] == "1.004946")
    changed[3] = "07 ngày làm việc"  # a new deadline
    rows.remove(next(r for r in rows if len(r) > 1 and r[1] == "2.000884"))  # no longer listed
    report = catalogue_import.import_catalogue(store, admin, write_xlsx(tmp_path / "v2.xlsx", rows), now=T1)
    assert report.updated == ("1.004946",) and report.retired == ("2.000884",) and not report.added
    found = procedures(store)
    assert len(found) == 11  # never deleted, never duplicated
    assert (found["1.004946"].working_days, found["1.004946"].updated_at) == (7, T1)
    retired = found["2.000884"]
    assert (retired.active, retired.retired_at, retired.updated_at) == (False, T1, T1)
    assert found["1.001193"].updated_at == T0
    with store.session() as session:
        assert "2.000884" not in [p.code for p in lookup.search_procedures(session, "chung thuc")]

    back = catalogue_import.import_catalogue(store, admin, first, now=T2)  # listed again: it comes back
    assert "2.000884" in back.updated
    returned = procedures(store)["2.000884"]
    assert (returned.active, returned.retired_at, returned.updated_at) == (True, None, T2)


@SQLITE
def test_old_dossiers_keep_a_retired_procedure(seeded_store, tmp_path):
    store = seeded_store
    admin = Actor(None, "Quản trị", "admin", store.unit_id, None)
    with store.session() as session:
        code = session.exec(select(Dossier.code).where(Dossier.procedure_code == "1.000656")).first()
    assert code is not None  # a death registration of the demo
    report = catalogue_import.import_catalogue(store, admin, province_xlsx(tmp_path / "p.xlsx"), now=T1)
    assert "1.000656" in report.retired  # not in this file
    with store.session() as session:
        detail = lookup.dossier_detail(session, code)  # still opens, with its procedure
        assert detail.procedure.code == "1.000656"


@SQLITE
def test_a_file_of_one_field_can_leave_the_others_as_they_are(store, admin, tmp_path):
    catalogue_import.import_catalogue(store, admin, province_xlsx(tmp_path / "all.xlsx"), now=T0)
    rows = [PROVINCE_HEADER, ["1", "1.001193", "Thủ tục đăng ký khai sinh", "Trong ngày", "", "", "", ""]]
    report = catalogue_import.import_catalogue(
        store, admin, write_xlsx(tmp_path / "one.xlsx", rows), now=T1, retire_absent=False
    )
    assert report.retired == () and all(p.retired_at is None for p in procedures(store).values())


@SQLITE
def test_a_dry_run_reports_and_writes_nothing(store, admin, tmp_path):
    report = catalogue_import.import_catalogue(
        store, admin, province_xlsx(tmp_path / "p.xlsx"), now=T0, dry_run=True
    )
    assert report.dry_run and len(report.added) == 11
    assert procedures(store) == {}


@SQLITE
def test_the_national_export_two_row_header_components_on_their_own_rows_and_status(store, admin, tmp_path):
    report = catalogue_import.import_catalogue(store, admin, national_xlsx(tmp_path / "dvc.xlsx"), now=T0)
    assert report.added == ("1.001193", "2.000815", "1.001612")
    assert [(n.code, n.reason) for n in report.skipped_rows] == [("1.000656", "not_in_force")]
    assert report.unmapped_columns == ("QĐ Công bố", "Đối tượng", "Cơ quan công khai", "Mẫu đơn, tờ khai")
    # the list export has no deadline column: new procedures wait for one, nothing is reported as unreadable
    assert report.held == report.added and not report.unreadable_deadlines
    found = procedures(store)
    assert (found["2.000815"].level, found["1.001612"].level) == ("commune", "province")
    assert documents(store, "2.000815") == [
        ("Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao", "original", 1, None),
        ("Bản sao cần chứng thực", "copy", 1, None),
    ]


@SQLITE
def test_a_procedure_no_longer_in_force_is_retired(store, admin, tmp_path):
    rows = [
        ["Mã TTHC", "Tên TTHC", "Thời hạn giải quyết", "Tình trạng"],
        ["1.000656", "Đăng ký khai tử", "Trong ngày", "Còn hiệu lực"],
    ]
    catalogue_import.import_catalogue(store, admin, write_xlsx(tmp_path / "a.xlsx", rows), now=T0)
    rows[1][3] = "Hết hiệu lực"
    report = catalogue_import.import_catalogue(
        store, admin, write_xlsx(tmp_path / "b.xlsx", rows), now=T1, retire_absent=False
    )
    assert report.retired == ("1.000656",)  # even from a partial file: the file says so
    with pytest.raises(CatalogueFileError):  # a whole catalogue with nothing in force is not one
        catalogue_import.import_catalogue(store, admin, write_xlsx(tmp_path / "c.xlsx", rows), now=T1)


@SQLITE
@pytest.mark.parametrize(("bom", "delimiter"), [(True, ","), (False, ","), (True, ";"), (False, "\t")])
def test_csv_with_or_without_bom_and_the_separators_excel_writes(store, admin, tmp_path, bom, delimiter):
    path = province_csv(tmp_path / "danhmuc.csv", bom=bom, delimiter=delimiter)
    report = catalogue_import.import_catalogue(store, admin, path, now=T0)
    assert report.kind == "csv" and report.procedures == 11 and len(report.added) == 11
    assert (
        procedures(store)["1.001193"].name == "Thủ tục đăng ký khai sinh"
    )  # no BOM left in a header or cell
    assert len(documents(store, "1.001193")) == 3  # line breaks inside quoted cells


@SQLITE
def test_the_same_catalogue_as_csv_and_as_xlsx_gives_the_same_store(store, admin, tmp_path):
    catalogue_import.import_catalogue(store, admin, province_xlsx(tmp_path / "p.xlsx"), now=T0)
    report = catalogue_import.import_catalogue(store, admin, province_csv(tmp_path / "p.csv"), now=T1)
    assert len(report.unchanged) == 11


@SQLITE
def test_rows_that_cannot_be_used_are_listed_and_their_procedures_not_retired(store, admin, tmp_path):
    rows = [
        PROVINCE_HEADER,
        ["1", "1.001193", "Thủ tục đăng ký khai sinh", "Trong ngày", "", "", "", ""],
        [
            "2",
            "1.004873",
            "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân",
            "03 ngày làm việc",
            "",
            "",
            "",
            "",
        ],
    ]
    catalogue_import.import_catalogue(store, admin, write_xlsx(tmp_path / "a.xlsx", rows), now=T0)
    rows[2][2] = ""  # the name lost
    rows += [
        ["3", "", "Thủ tục chưa có mã", "Trong ngày", "", "", "", ""],
        ["4", "1.001193", "Thủ tục đăng ký khai sinh (dòng lặp)", "Trong ngày", "", "", "", ""],
        ["5", "mã sai!", "Thủ tục mã sai", "Trong ngày", "", "", "", ""],
    ]
    report = catalogue_import.import_catalogue(store, admin, write_xlsx(tmp_path / "b.xlsx", rows), now=T1)
    assert [(n.row, n.code, n.reason) for n in report.skipped_rows] == [
        (3, "1.004873", "no_name"),
        (4, "", "no_code"),
        (5, "1.001193", "duplicate"),
        (6, "mã sai!", "bad_code"),
    ]
    assert report.retired == () and procedures(store)["1.004873"].active


@SQLITE
def test_a_code_excel_stored_as_a_number_keeps_its_zeros(store, admin, tmp_path):
    rows = [["Mã TTHC", "Tên TTHC", "Thời hạn giải quyết"], [1.00119, "Thủ tục có mã số", "05 ngày làm việc"]]
    report = catalogue_import.import_catalogue(store, admin, write_xlsx(tmp_path / "n.xlsx", rows), now=T0)
    assert report.added == ("1.001190",)


@SQLITE
def test_only_an_administrator_imports(store, tmp_path):
    officer = Actor("x", "Nguyễn Thị Lan", "officer", store.unit_id, None)
    with pytest.raises(Forbidden):
        catalogue_import.import_catalogue(store, officer, province_xlsx(tmp_path / "p.xlsx"))
    assert procedures(store) == {}


# --- files that cannot be used: refused with one line, nothing written ---------------------------------


def refused(store, admin, path: Path) -> str:
    with pytest.raises(CatalogueFileError) as raised:
        catalogue_import.import_catalogue(store, admin, path, now=T0)
    assert procedures(store) == {}
    message = str(raised.value)
    assert "\n" not in message
    return raised.value.key


@SQLITE
def test_not_a_spreadsheet(store, admin, tmp_path):
    (tmp_path / "a.xlsx").write_bytes(b"PK\x03\x04 this is not a zip")
    assert refused(store, admin, tmp_path / "a.xlsx") == "catalogue.file.not_xlsx"
    (tmp_path / "b.xlsx").write_text("Mã TTHC,Tên TTHC\n", encoding="utf-8")
    assert refused(store, admin, tmp_path / "b.xlsx") == "catalogue.file.not_xlsx"
    (tmp_path / "c.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500)
    assert refused(store, admin, tmp_path / "c.xls") == "catalogue.file.old_excel"
    (tmp_path / "d.png").write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00\x01")
    assert refused(store, admin, tmp_path / "d.png") == "catalogue.file.not_utf8"
    (tmp_path / "e.csv").write_text("Mã TTHC,Tên TTHC\n1.001193,Khai sinh\n", encoding="utf-16")
    assert refused(store, admin, tmp_path / "e.csv") == "catalogue.file.utf16"


@SQLITE
def test_no_code_or_no_name_column(store, admin, tmp_path):
    path = write_xlsx(
        tmp_path / "a.xlsx", [["STT", "Tên thủ tục", "Lĩnh vực"], ["1", "Khai sinh", "Hộ tịch"]]
    )
    assert refused(store, admin, path) == "catalogue.file.no_code_column"
    path = write_csv(tmp_path / "b.csv", [["Mã TTHC", "Thời hạn giải quyết"], ["1.001193", "Trong ngày"]])
    assert refused(store, admin, path) == "catalogue.file.no_name_column"
    path = write_csv(tmp_path / "c.csv", [["a", "b"], ["1", "2"]])
    assert refused(store, admin, path) == "catalogue.file.no_header"


@SQLITE
def test_an_empty_file_or_one_without_procedures(store, admin, tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    assert refused(store, admin, tmp_path / "empty.csv") == "catalogue.file.empty"
    (tmp_path / "bom.csv").write_bytes(b"\xef\xbb\xbf\r\n")
    assert refused(store, admin, tmp_path / "bom.csv") == "catalogue.file.empty"
    path = write_csv(tmp_path / "header.csv", [PROVINCE_HEADER])  # would retire the whole catalogue
    assert refused(store, admin, path) == "catalogue.file.no_rows"
    path = write_xlsx(tmp_path / "header.xlsx", [PROVINCE_HEADER, ["I. Lĩnh vực Hộ tịch"]])
    assert refused(store, admin, path) == "catalogue.file.no_rows"


@SQLITE
def test_a_huge_cell(store, admin, tmp_path):
    rows = [
        PROVINCE_HEADER,
        ["1", "1.001193", "Thủ tục đăng ký khai sinh", "Trong ngày", "", "", "x" * 40_000, ""],
        [
            "2",
            "1.004873",
            "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân",
            "03 ngày làm việc",
            "",
            "",
            "",
            "",
        ],
    ]
    report = catalogue_import.import_catalogue(store, admin, write_csv(tmp_path / "a.csv", rows), now=T0)
    assert [(n.code, n.reason) for n in report.skipped_rows] == [("1.001193", "cell_too_large")]
    assert report.added == ("1.004873",)
    rows[1][6] = "x" * 200_000  # beyond what a CSV reader takes: the file is refused
    assert refused_after(store, admin, write_csv(tmp_path / "b.csv", rows)) == "catalogue.file.bad_csv"


def refused_after(store, admin, path):
    before = procedures(store)
    with pytest.raises(CatalogueFileError) as raised:
        catalogue_import.import_catalogue(store, admin, path, now=T1)
    assert {c: p.updated_at for c, p in procedures(store).items()} == {
        c: p.updated_at for c, p in before.items()
    }
    return raised.value.key


def _with_escapes(path: Path, marker: str, replacement: str) -> Path:
    """The workbook at ``path`` with ``marker`` replaced inside its XML (how Excel writes the characters XML
    cannot hold: ``_x0000_``)."""
    import zipfile

    data = {}
    with zipfile.ZipFile(path) as source:
        for item in source.infolist():
            data[item] = source.read(item.filename).replace(marker.encode(), replacement.encode())
    with zipfile.ZipFile(path, "w") as target:
        for item, content in data.items():
            target.writestr(item, content)
    return path


@SQLITE
def test_nul_and_control_characters_never_reach_the_store(store, admin, tmp_path):
    rows = [
        PROVINCE_HEADER,
        [
            "1",
            "1.001193",
            "Thủ tục đăng ký MARK khai sinh",
            "Trong ngày",
            "",
            "",
            "Tờ khaiBREAKGiấy chứng sinh",
            "",
        ],
    ]
    path = _with_escapes(write_xlsx(tmp_path / "a.xlsx", rows), "MARK", "_x0000__x0007_")
    path = _with_escapes(path, "BREAK", "_x000B_")  # Word's line break, pasted into Excel
    report = catalogue_import.import_catalogue(store, admin, path, now=T0)
    assert procedures(store)["1.001193"].name == "Thủ tục đăng ký khai sinh"
    assert [d[0] for d in documents(store, "1.001193")] == ["Tờ khai", "Giấy chứng sinh"]
    assert report.cleaned_cells == ((2, "Tên thủ tục hành chính"),)

    rows = [
        PROVINCE_HEADER,
        ["1", "1.004873", "Cấp giấy\x00 xác nhận\x1b", "03\x00 ngày làm việc", "", "5.000\x08 đồng", "", ""],
    ]
    report = catalogue_import.import_catalogue(store, admin, write_csv(tmp_path / "b.csv", rows), now=T1)
    found = procedures(store)["1.004873"]
    assert (found.name, found.working_days, found.fee) == ("Cấp giấy xác nhận", 3, 5_000)
    assert len(report.cleaned_cells) == 3
    for procedure in procedures(store).values():
        for text in (procedure.name, procedure.name_folded, procedure.fee_note, procedure.field_name):
            assert not any(ord(c) < 32 or 127 <= ord(c) < 160 for c in text)
