"""What the intake screen shows of the citizen and the procedure picked, and the checklist it starts from.

Pure functions of the views the services returned.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text

from counter_app.domain.document_validity import usable_on
from counter_app.domain.file_ref import FileRef
from counter_app.locale import formats as fmt
from counter_app.locale import t
from counter_app.services.catalogue import ProcedureChoice
from counter_app.services.intake import ApplicantEntry
from counter_app.services.views import CitizenDocumentView, CitizenRecord, CitizenView, ProcedureView
from counter_app.widgets.checklist import DocRow


def citizen_card(citizen: CitizenView, documents: tuple[str, ...]) -> Text:
    card = Text()
    card.append(citizen.full_name + "\n", style="bold")
    card.append(t("citizen.cccd", cccd=citizen.cccd) + "\n")
    card.append(
        t("citizen.birth", birth=fmt.day(citizen.birth_date), gender=citizen.gender or fmt.NONE) + "\n"
    )
    card.append(t("citizen.address", address=citizen.address or fmt.NONE) + "\n")
    if citizen.phone:
        card.append(t("citizen.phone", phone=citizen.phone) + "\n")
    listed = ", ".join(sorted(set(documents))) if documents else t("citizen.none")
    card.append(t("citizen.digitised", documents=listed), style="cyan")
    return card


def applicant_card(entry: ApplicantEntry, *, representative_only: bool = False) -> Text:
    """What the screen shows of an applicant entered by hand (only who submits for them, under a
    citizen's card, when ``representative_only``)."""
    card = Text()
    if not representative_only:
        card.append(entry.name + "\n", style="bold")
        card.append(t(f"applicants.card.{entry.id_type}", number=entry.id_number) + "\n")
        if entry.address:
            card.append(t("citizen.address", address=entry.address) + "\n")
    if entry.representative_name:
        key = "applicants.card.legal_rep" if entry.kind == "organisation" else "applicants.card.authorised"
        who = entry.representative_name + (f" ({entry.representative_id})" if entry.representative_id else "")
        card.append(t(key, name=who), style="cyan")
    return card


def procedure_card(procedure: ProcedureView) -> Text:
    card = Text()
    card.append(procedure.name + "\n", style="bold")
    card.append(t("procedure.code", code=procedure.code, field=procedure.field_name) + "\n")
    card.append(t("procedure.time", time=fmt.processing_time(procedure.working_days)) + "\n")
    card.append(t("procedure.fee", fee=fee_text(procedure)))
    return card


def fee_text(procedure: ProcedureView) -> str:
    return fmt.fee_with_note(procedure.fee, procedure.fee_note)


def checklist_rows(choice: ProcedureChoice, citizen: CitizenRecord | None, today: date) -> list[DocRow]:
    """The required documents, each marked received — or reused where the citizen holds a digitised one."""
    held: dict[str, CitizenDocumentView] = {}
    for held_doc in citizen.documents if citizen is not None else ():
        if not usable_on(held_doc.expires_on, today):
            continue  # an expired document is not offered (domain.document_validity)
        current = held.get(held_doc.kind)
        if current is None or (not current.file_hash and held_doc.file_hash):
            held[held_doc.kind] = held_doc  # prefer one whose file the store holds
    rows = []
    for required in choice.documents:
        doc = held.get(required.doc_kind) if required.doc_kind else None
        rows.append(
            DocRow(
                required.name,
                required.copy_kind,
                required.quantity,
                received=True,
                reused=doc is not None,
                reusable_id=doc.id if doc is not None else None,
                reusable_title=(doc.title + (f" {doc.number}" if doc.number else "")) if doc else "",
                reusable_file=FileRef.from_columns(doc.file_hash, doc.file_size, doc.file_pages)
                if doc
                else None,
            )
        )
    return rows
