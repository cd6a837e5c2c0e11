"""A unit enables the procedures it receives; the administrator sets one procedure's deadline, fee and
components; the catalogue as a list."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import select

from counter_app.db.models import UnitProcedure
from counter_app.domain.documents_text import DocumentItem
from counter_app.services import catalogue, catalogue_admin, catalogue_import, lookup
from counter_app.services.context import Actor
from counter_app.services.errors import Forbidden, NotFound, ServiceError
from tests.catalogue.helpers import PROVINCE_HEADER, province_xlsx, write_xlsx

T0 = datetime(2026, 12, 1, 8, 0)
T1 = datetime(2026, 12, 2, 9, 30)
OTHER_UNIT = "70"  # Phường Hoàn Kiếm, Hà Nội


@pytest.fixture
def catalogue_store(store, admin, tmp_path):
    catalogue_import.import_catalogue(store, admin, province_xlsx(tmp_path / "p.xlsx"), now=T0)
    return store


def offered(store, text: str, unit_id: str | None) -> list[str]:
    with store.session() as session:
        return sorted(p.code for p in lookup.search_procedures(session, text, unit_id=unit_id))


def test_once_a_unit_enables_procedures_its_picker_offers_only_those(catalogue_store, admin):
    store = catalogue_store
    everything = offered(store, "thu tuc", store.unit_id)
    assert len(everything) == 9  # every active procedure (two are held)
    result = catalogue_admin.set_enabled(store, admin, store.unit_id, ["1.001193", "2.000815"], True, now=T1)
    assert (result.changed, result.enabled_count) == (("1.001193", "2.000815"), 2)
    assert offered(store, "thu tuc", store.unit_id) == ["1.001193", "2.000815"]
    assert offered(store, "ket hon", store.unit_id) == []
    assert [p.code for p in catalogue.find_procedures(store, "khai sinh", unit_id=store.unit_id)] == [
        "1.001193"
    ]
    assert offered(store, "thu tuc", OTHER_UNIT) == everything  # another unit has chosen nothing
    assert offered(store, "thu tuc", None) == everything
    with store.session() as session:
        row = session.get(UnitProcedure, (store.unit_id, "1.001193"))
        assert row is not None and row.enabled and row.updated_at == T1


def test_disabling_them_all_offers_the_whole_catalogue_again(catalogue_store, admin):
    store = catalogue_store
    catalogue_admin.set_enabled(store, admin, store.unit_id, ["1.001193", "2.000815"], True, now=T0)
    result = catalogue_admin.set_enabled(store, admin, store.unit_id, ["1.001193"], False, now=T1)
    assert result.enabled_count == 1 and offered(store, "thu tuc", store.unit_id) == ["2.000815"]
    again = catalogue_admin.set_enabled(store, admin, store.unit_id, ["1.001193"], False, now=T1)
    assert again.changed == ()  # already disabled: nothing changes, updated_at stays
    catalogue_admin.set_enabled(store, admin, store.unit_id, ["2.000815"], False, now=T1)
    assert len(offered(store, "thu tuc", store.unit_id)) == 9


def test_an_enabled_procedure_that_is_retired_or_held_is_not_offered(catalogue_store, admin, tmp_path):
    store = catalogue_store
    catalogue_admin.set_enabled(store, admin, store.unit_id, ["1.001193", "1.001022", "2.000884"], True)
    rows = [PROVINCE_HEADER, ["1", "1.001193", "Thủ tục đăng ký khai sinh", "Trong ngày", "", "", "", ""]]
    catalogue_import.import_catalogue(store, admin, write_xlsx(tmp_path / "small.xlsx", rows), now=T1)
    assert offered(store, "thu tuc", store.unit_id) == ["1.001193"]  # 1.001022 held, 2.000884 retired


def test_an_unknown_code_or_a_retired_procedure_refuses_the_whole_request(catalogue_store, admin, tmp_path):
    store = catalogue_store
    with pytest.raises(NotFound, match="9.999999"):
        catalogue_admin.set_enabled(store, admin, store.unit_id, ["1.001193", "9.999999"], True)
    with pytest.raises(NotFound):
        catalogue_admin.set_enabled(store, admin, "99999", ["1.001193"], True)
    rows = [PROVINCE_HEADER, ["1", "1.001193", "Thủ tục đăng ký khai sinh", "Trong ngày", "", "", "", ""]]
    catalogue_import.import_catalogue(store, admin, write_xlsx(tmp_path / "small.xlsx", rows), now=T1)
    with pytest.raises(ServiceError, match="2.000884"):
        catalogue_admin.set_enabled(store, admin, store.unit_id, ["1.001193", "2.000884"], True)
    with store.session() as session:
        assert session.exec(select(UnitProcedure)).all() == []
    officer = Actor("x", "Nguyễn Thị Lan", "officer", store.unit_id)
    with pytest.raises(Forbidden):
        catalogue_admin.set_enabled(store, officer, store.unit_id, ["1.001193"], True)


def test_setting_the_deadline_of_a_held_procedure_makes_it_active(catalogue_store, admin):
    store = catalogue_store
    assert catalogue_admin.entry(store, "1.001022").status == "held"
    edited = catalogue_admin.edit_procedure(store, admin, "1.001022", working_days=10, now=T1)
    assert (edited.status, edited.working_days, edited.updated_at) == ("active", 10, T1)
    assert offered(store, "nhan cha me con", store.unit_id) == ["1.001022"]


def test_editing_the_fee_and_components_sets_updated_at(catalogue_store, admin):
    store = catalogue_store
    items = [DocumentItem("Tờ khai đăng ký khai sinh"), DocumentItem("Căn cước của người đi đăng ký", "copy")]
    edited = catalogue_admin.edit_procedure(
        store, admin, "1.001193", fee=0, fee_note="Miễn lệ phí\x00", documents=items, now=T1
    )
    assert edited.fee_note == "Miễn lệ phí" and edited.updated_at == T1
    assert [(d.name, d.copy_kind, d.doc_kind) for d in edited.documents] == [
        ("Tờ khai đăng ký khai sinh", "original", None),
        ("Căn cước của người đi đăng ký", "copy", "cccd"),  # kept from the imported row
    ]
    unchanged = catalogue_admin.edit_procedure(store, admin, "1.001193", fee=0, documents=items, now=T0)
    assert unchanged.updated_at == T1  # nothing changed: the counters have nothing to pull


def test_edits_are_checked(catalogue_store, admin, tmp_path):
    store = catalogue_store
    with pytest.raises(ServiceError):
        catalogue_admin.edit_procedure(store, admin, "1.001193", working_days=400)
    with pytest.raises(ServiceError):
        catalogue_admin.edit_procedure(store, admin, "1.001193", fee_note="x" * 301)
    with pytest.raises(NotFound):
        catalogue_admin.edit_procedure(store, admin, "9.999999", working_days=1)
    rows = [PROVINCE_HEADER, ["1", "1.001193", "Thủ tục đăng ký khai sinh", "Trong ngày", "", "", "", ""]]
    catalogue_import.import_catalogue(store, admin, write_xlsx(tmp_path / "small.xlsx", rows), now=T1)
    with pytest.raises(ServiceError):  # retired: the next catalogue that lists it brings it back
        catalogue_admin.edit_procedure(store, admin, "2.000884", working_days=1)


def test_the_list_by_field_by_unit_and_with_the_retired(catalogue_store, admin):
    store = catalogue_store
    assert len(catalogue_admin.entries(store)) == 11
    assert [e.code for e in catalogue_admin.entries(store, field="chung thuc")] == ["2.000815", "2.000884"]
    catalogue_admin.set_enabled(store, admin, store.unit_id, ["2.000884"], True)
    listed = catalogue_admin.entries(store, unit_id=store.unit_id)
    assert [(e.code, e.enabled) for e in listed] == [("2.000884", True)]
    every = catalogue_admin.entries(store, unit_id=OTHER_UNIT)
    assert len(every) == 9 and not any(e.enabled for e in every)
