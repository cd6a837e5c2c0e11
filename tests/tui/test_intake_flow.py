"""The golden path of intake, driven by keys as an officer (and a scanner) would press them."""

from __future__ import annotations

from counter_app.domain.states import Status
from counter_app.services import lookup
from counter_app.services.demo import demo_card_payloads

from .helpers import SIZE, login, type_text, wait_for


async def test_golden_path_intake(app, store):
    payload = demo_card_payloads(store, limit=1)[0]
    cccd = payload.split("|")[0]
    async with app.run_test(size=SIZE) as pilot:
        await login(pilot)  # Enter
        await pilot.press("f2")  # call the next ticket
        await wait_for(pilot, lambda: app.serving is not None, "a ticket is being served")
        ticket = app.serving
        await pilot.press("f3")
        from counter_app.screens.intake import IntakeScreen

        await wait_for(pilot, lambda: isinstance(app.screen, IntakeScreen), "intake screen")
        screen = app.screen
        await type_text(pilot, payload)  # the scanner types the QR text…
        await pilot.press("enter")  # …and Enter
        await wait_for(pilot, lambda: screen.citizen is not None, "citizen loaded from the card")
        assert screen.citizen.cccd == cccd
        assert screen.query_one("#procedure-input").has_focus
        await type_text(pilot, "khai sinh")
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.procedure is not None, "procedure picked")
        assert screen.procedure.code == "1.001193"
        checklist = screen.query_one("#checklist")
        await wait_for(pilot, lambda: len(checklist.rows_data) == 3, "checklist filled")
        assert all(row.received for row in checklist.rows_data)
        await pilot.press("f10")
        await wait_for(pilot, lambda: screen.outcome is not None, "dossier saved")
        await wait_for(pilot, lambda: screen.print_ok is not None, "print attempted")
        code = screen.outcome.code
        assert screen.query_one("#intake-result").display
        assert code in str(screen.query_one("#result-code-text").render())

    with store.session() as session:
        detail = lookup.dossier_detail(session, code)
    dossier = detail.dossier
    assert dossier.status == Status.RECEIVED
    assert dossier.applicant_cccd == cccd
    assert dossier.procedure_code == "1.001193"
    assert dossier.received_counter_id == app.actor.counter_id
    assert (
        dossier.due_at is not None and dossier.due_at.date() == dossier.received_at.date()
    )  # same-day procedure
    assert [e.type for e in detail.events] == ["received"]
    assert detail.events[0].officer_name == "Nguyễn Thị Lan"
    assert len(detail.documents) == 3 and all(d.received for d in detail.documents)
    with store.session() as session:
        from counter_app.db.models import QueueTicket

        assert session.get(QueueTicket, ticket.id).dossier_id == dossier.id

    assert screen.print_ok, app.notices
    assert screen.print_path is not None and screen.print_path.suffix == ".pdf", screen.print_path
    assert screen.print_path.is_file() and screen.print_path.stat().st_size > 0
