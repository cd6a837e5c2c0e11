"""Issue 13 at the counter: the 2024 «thẻ căn cước», applicants entered by hand (Ctrl+G), phone and e-mail,
and dossier codes other systems issued, through the pilot."""

from __future__ import annotations

from sqlmodel import select

from counter_app.db.models import Dossier
from counter_app.services import portal
from counter_app.services.context import Actor
from counter_app.services.demo import demo_card_payloads

from .helpers import SIZE, counts, login, notices, type_text, wait_for

#: a code as another system numbers it: the province code first (seen in use in 2026)
FOREIGN_CODE = "H15.50.05.13-261008-0975"


def _row(store, code) -> Dossier:
    with store.session() as session:
        return session.exec(select(Dossier).where(Dossier.code == code)).one()


def _identity_card(store) -> str:
    """A demo card's payload as the «thẻ căn cước» QR shows it: seven fields, then four empty ones."""
    return demo_card_payloads(store, limit=1)[0] + "||||"


async def _open_intake(pilot):
    from counter_app.screens.intake import IntakeScreen

    app = pilot.app
    await pilot.press("f3")
    await wait_for(pilot, lambda: isinstance(app.screen, IntakeScreen), "intake screen")
    return app.screen


async def _pick_procedure_and_save(pilot, screen, procedure="khai sinh"):
    await type_text(pilot, procedure, enter=True)
    await wait_for(pilot, lambda: screen.procedure is not None, "procedure picked")
    await pilot.press("f10")
    await wait_for(pilot, lambda: screen.outcome is not None, "dossier saved")
    await wait_for(pilot, lambda: screen.print_ok is not None, "receipt print attempted")
    assert screen.print_ok and screen.print_path.is_file(), pilot.app.notices  # the receipt, without a card
    return screen.outcome.code


async def test_an_identity_card_of_2024_with_trailing_empty_fields_is_taken_in(app, store):
    payload = _identity_card(store)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = await _open_intake(pilot)
        await type_text(pilot, payload, enter=True)
        await wait_for(pilot, lambda: screen.citizen is not None, "citizen of the card")
        assert screen.citizen.cccd == payload.split("|")[0]
        assert "Nơi cư trú" in str(screen.query_one("#citizen-card").render())
        assert not notices(app, "error")


async def test_an_organisation_entered_by_hand_with_phone_and_email(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = await _open_intake(pilot)
        await type_text(pilot, "4300123456")
        await wait_for(
            pilot,
            lambda: "Ctrl+G" in str(screen.query_one("#citizen-results").get_option_at_index(0).prompt),
            "the search says how to enter the applicant by hand",
        )
        from counter_app.screens.applicant_dialog import ApplicantDialog

        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, ApplicantDialog), "applicant dialog")
        dialog = app.screen
        dialog.query_one("#applicant-kind").query("RadioButton").last().value = True  # an organisation
        for field_id, value in (
            ("applicant-name", "Công ty TNHH Sông Trà"),
            ("applicant-address", "12 Quang Trung, Quảng Ngãi"),
            ("applicant-rep-name", "Nguyễn Văn Tâm"),
            ("applicant-rep-id", "051085000456"),
            ("applicant-phone", "0255 3822 111"),
            ("applicant-email", "lienhe@songtra.vn"),
        ):
            dialog.query_one(f"#{field_id}").value = value
        assert dialog.query_one("#applicant-number").value == "4300123456"  # what was typed
        await pilot.press("f10")
        await wait_for(
            pilot, lambda: app.screen is screen and screen.applicant is not None, "applicant entered"
        )
        assert "Mã số thuế: 4300123456" in str(screen.query_one("#citizen-card").render())
        assert screen.query_one("#applicant-phone").value == "02553822111"
        code = await _pick_procedure_and_save(pilot, screen)
    row = _row(store, code)
    assert (row.applicant_kind, row.applicant_id_type, row.applicant_id_number) == (
        "organisation",
        "tax_code",
        "4300123456",
    )
    assert row.applicant_name == "Công ty TNHH Sông Trà" and row.representative_name == "Nguyễn Văn Tâm"
    assert (row.applicant_phone, row.applicant_email) == ("02553822111", "lienhe@songtra.vn")


async def test_a_typed_old_cmnd_needs_no_card(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = await _open_intake(pilot)
        await type_text(pilot, "212345678")
        from counter_app.screens.applicant_dialog import ApplicantDialog

        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, ApplicantDialog), "applicant dialog")
        assert app.screen.query_one("#applicant-kind").pressed_index == 1  # 9 digits: an old CMND
        await wait_for(pilot, lambda: app.screen.query_one("#applicant-name").has_focus, "the name next")
        await type_text(pilot, "Phạm Văn Bình", enter=True)
        await pilot.press("f10")
        await wait_for(
            pilot, lambda: app.screen is screen and screen.applicant is not None, "applicant entered"
        )
        code = await _pick_procedure_and_save(pilot, screen)
    row = _row(store, code)
    assert (row.applicant_id_type, row.applicant_id_number, row.citizen_id) == ("cmnd", "212345678", None)
    assert all("quét thẻ CCCD" not in n for n in notices(app))


async def test_a_typed_personal_number_opens_the_units_citizen_record(app, store):
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = await _open_intake(pilot)
        from counter_app.screens.applicant_dialog import ApplicantDialog

        await pilot.press("ctrl+g")
        await wait_for(pilot, lambda: isinstance(app.screen, ApplicantDialog), "applicant dialog")
        await type_text(pilot, "051303000123", enter=True)
        await type_text(pilot, "Lê Thị Hoa", enter=True)
        await pilot.press("f10")
        await wait_for(pilot, lambda: screen.citizen is not None, "the unit's record of the citizen")
        assert screen.citizen.cccd == "051303000123"
        code = await _pick_procedure_and_save(pilot, screen)
        # the dossier is saved: the footer no longer offers to enter an applicant, and the key does nothing
        assert "enter_applicant" not in {b.binding.action for b in screen.active_bindings.values()}
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert not isinstance(app.screen, ApplicantDialog)
    assert _row(store, code).applicant_cccd == "051303000123"


async def test_a_bad_phone_is_one_line_and_saves_nothing(app, store):
    payload = demo_card_payloads(store, limit=1)[0]
    before = counts(store)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        screen = await _open_intake(pilot)
        await type_text(pilot, payload, enter=True)
        await wait_for(pilot, lambda: screen.citizen is not None, "citizen of the card")
        await type_text(pilot, "khai sinh", enter=True)
        await wait_for(pilot, lambda: screen.procedure is not None, "procedure picked")
        screen.query_one("#applicant-phone").value = "12345"
        await pilot.press("f10")
        await wait_for(
            pilot, lambda: any("Số điện thoại" in n for n in notices(app, "warning")), "phone notice"
        )
        assert screen.outcome is None
    assert counts(store)["Dossier"] == before["Dossier"]


def _import_foreign(store) -> None:
    from counter_app.db.models import Officer

    with store.session() as session:
        officer = session.exec(select(Officer).where(Officer.username == "canbo1")).one()
    actor = Actor(
        officer.id, officer.full_name, officer.role, officer.unit_id, f"{store.settings.one_stop_code}#1"
    )
    record = {
        "MaHoSo": FOREIGN_CODE,
        "MaTTHC": "1.004873",
        "ChuHoSo": "Huỳnh Thị Thu Trang",
        "NgayTiepNhan": "20261119213000",
    }
    portal.import_online(store, actor, [record])


async def test_a_code_another_system_issued_is_found_by_scan_f4_and_f5(app, store):
    _import_foreign(store)
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)
        from counter_app.screens.dossier import DossierScreen

        await type_text(pilot, FOREIGN_CODE, enter=True)  # scanned on the counter screen
        await wait_for(pilot, lambda: isinstance(app.screen, DossierScreen), "the dossier opened by its code")
        assert app.screen.detail.dossier.code == FOREIGN_CODE
        await pilot.press("escape")
        await pilot.press("f4")
        from counter_app.screens.find import FindScreen

        await wait_for(pilot, lambda: isinstance(app.screen, FindScreen), "find screen")
        await type_text(pilot, FOREIGN_CODE, enter=True)
        await wait_for(pilot, lambda: isinstance(app.screen, DossierScreen), "found from F4")
        await pilot.press("escape")
        await pilot.press("f5")
        from counter_app.screens.return_result import ReturnScreen

        await wait_for(pilot, lambda: isinstance(app.screen, ReturnScreen), "return screen")
        await type_text(pilot, FOREIGN_CODE, enter=True)
        # found (it is waiting to be received, so there is no result to return), never «not found»
        await wait_for(pilot, lambda: notices(app), "an answer about the dossier")
        assert not any("Không tìm thấy" in n for n in notices(app))
        assert not any("không đúng dạng" in n or "Phần số" in n for n in notices(app))
