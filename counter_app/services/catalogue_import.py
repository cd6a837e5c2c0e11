"""Importing the procedure catalogue a province publishes (``counter-app catalogue import``, the
administrator's screen).

The file is read by :mod:`counter_app.services.catalogue_file`; each row becomes a procedure through the
pure rules of :mod:`counter_app.domain` (the deadline, the fee, the dossier components, the table's
shape); the whole file is then applied in one transaction, keyed by the procedure code:

* a code the store lacks is **added**; one it has is **updated** when anything differs, **unchanged**
  otherwise; a code the file no longer lists is **retired** (``active`` false, ``retired_at``), never
  deleted: old dossiers keep their procedure. Every row added, updated or retired gets ``updated_at`` (the
  counters pull the catalogue by it). A retired procedure listed again comes back.
* A deadline that cannot be read is never guessed: it is listed in the report (row, code, text, why).
  An existing procedure keeps the deadline it had; a new one is imported **held** — inactive, not retired,
  offered to no counter — until the administrator sets its deadline (:func:`edit_procedure`).
* A fee without a readable amount is listed too; an existing procedure keeps its amount, a new one gets
  0 đồng, and the note keeps the text either way.
* A column the file lacks changes nothing (the national list export has no deadline, fee or components
  columns); an empty components cell keeps the components a procedure has.
* Rows that cannot be used (no code, no name, a code twice, a cell too large, an unknown status) are
  listed and skipped; a procedure whose row is there but skipped is not retired. A row whose status says
  it is no longer (or not yet) in force retires its procedure (even from a partial file, which otherwise
  retires nothing).

A file with no procedure at all is refused: importing it would retire the whole catalogue.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, col, delete, select

from counter_app.db.models import Procedure, ProcedureDocument
from counter_app.domain import catalogue_table
from counter_app.domain.deadline_text import DeadlineReading, read_deadline
from counter_app.domain.documents_text import DocumentItem, citizen_document_kind, split_documents
from counter_app.domain.fee_text import FeeReading, read_fee
from counter_app.domain.text_rules import is_safe_text
from counter_app.domain.vntext import fold, tidy
from counter_app.services.catalogue_file import MAX_CELL, CatalogueFileError, Table, read_table
from counter_app.services.context import Actor, Store, local_now
from counter_app.services.errors import Forbidden

#: more components than any procedure asks for: the cell is not a list of components
MAX_DOCUMENTS = 100
NAME_LENGTH = 400
FIELD_LENGTH = 200
CODE_LENGTH = 32
_CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z._/\-]*")
PUBLIC_URL = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}"


@dataclass(frozen=True)
class RowNote:
    """A row the report mentions: its number in the file, the procedure code (if any), the cell's text, and
    why (a reason code, see ``catalogue.reason.*`` in the locale catalogue)."""

    row: int
    code: str
    text: str
    reason: str


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or, with ``dry_run``, would do)."""

    path: str
    kind: str
    sheet: str
    procedures: int
    added: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]
    retired: tuple[str, ...]
    #: added without a readable deadline: inactive until the administrator sets it
    held: tuple[str, ...]
    unreadable_deadlines: tuple[RowNote, ...]
    unreadable_fees: tuple[RowNote, ...]
    skipped_rows: tuple[RowNote, ...]
    mapped_columns: tuple[tuple[str, str], ...]
    unmapped_columns: tuple[str, ...]
    #: (row, column header) of cells whose control characters were removed
    cleaned_cells: tuple[tuple[int, str], ...]
    dry_run: bool = False
    at: datetime | None = None


@dataclass
class _Row:
    """One procedure as the file gives it (None: the file says nothing about it)."""

    row: int
    code: str
    name: str
    field_name: str | None = None
    field_code: str | None = None
    level: str | None = None
    boundless: bool | None = None
    deadline: DeadlineReading | None = None
    deadline_text: str = ""
    fee: FeeReading | None = None
    fee_text: str = ""
    documents: list[DocumentItem] | None = None


@dataclass
class _Parsed:
    table: Table
    rows: list[_Row] = field(default_factory=list)
    #: codes whose rows are in the file but could not be used (they are not retired)
    kept: set[str] = field(default_factory=set)
    #: codes the file says are no longer (or not yet) in force (they are retired, even from a partial file)
    withdrawn: set[str] = field(default_factory=set)
    skipped: list[RowNote] = field(default_factory=list)


def _cell(cells: Sequence[str], column: int | None) -> str:
    if column is None or column >= len(cells):
        return ""
    return cells[column]


def parse_table(table: Table) -> _Parsed:
    """The procedures of ``table``, one per code, with the rows that could not be used."""
    parsed = _Parsed(table)
    columns = table.header.columns
    seen: dict[str, _Row] = {}
    current_field: str | None = None
    current_level: str | None = None
    last: _Row | None = None
    for number, cells in table.rows:
        code = table.raw_codes.get(number) or catalogue_table.code_text(_cell(cells, columns["code"]))
        name = tidy(_cell(cells, columns["name"]))
        documents_text = _cell(cells, columns.get("documents"))
        if not code and not name:
            heading = catalogue_table.section_heading(cells)
            if heading is not None and heading[0] == "field":
                current_field = heading[1][:FIELD_LENGTH]
            elif heading is not None:
                current_level = heading[1]
            elif documents_text.strip() and last is not None:  # a component on its own row
                more = split_documents(documents_text, _cell(cells, columns.get("quantity")))
                last.documents = [*(last.documents or []), *more]
                if len(last.documents) > MAX_DOCUMENTS:
                    parsed.skipped.append(RowNote(number, last.code, "", "too_many_documents"))
                    parsed.rows.remove(last)
                    parsed.kept.add(last.code)
                    last = None
            continue
        last = None
        if not code:
            parsed.skipped.append(RowNote(number, "", name[:120], "no_code"))
            continue
        if len(code) > CODE_LENGTH or not _CODE.fullmatch(code):
            parsed.skipped.append(RowNote(number, code[:40], code[:120], "bad_code"))
            continue
        if code in seen:
            parsed.skipped.append(RowNote(number, code, name[:120], "duplicate"))
            continue
        if not name:
            parsed.skipped.append(RowNote(number, code, "", "no_name"))
            parsed.kept.add(code)
            continue
        if any(len(cell) > MAX_CELL for cell in cells):
            parsed.skipped.append(RowNote(number, code, "", "cell_too_large"))
            parsed.kept.add(code)
            continue
        if not all(is_safe_text(cell, multiline=True) for cell in cells):  # NUL, ESC, bidi, zero-width...
            parsed.skipped.append(RowNote(number, code, "", "unsafe_chars"))
            parsed.kept.add(code)
            continue
        if len(name) > NAME_LENGTH:
            parsed.skipped.append(RowNote(number, code, name[:120] + "…", "name_too_long"))
            parsed.kept.add(code)
            continue
        if "status" in columns:
            status_text = _cell(cells, columns["status"])
            in_force = catalogue_table.read_status(status_text)
            if in_force is None:
                parsed.skipped.append(RowNote(number, code, tidy(status_text)[:120], "unknown_status"))
                parsed.kept.add(code)
                continue
            if not in_force:
                parsed.skipped.append(RowNote(number, code, tidy(status_text)[:120], "not_in_force"))
                parsed.withdrawn.add(code)
                seen[code] = _Row(number, code, name)  # a second row of the same code is still a duplicate
                continue
        row = _Row(number, code, name)
        field_text = tidy(_cell(cells, columns.get("field")))
        if field_text:
            current_field = field_text[:FIELD_LENGTH]
        row.field_name = current_field
        if "field_code" in columns:
            row.field_code = tidy(_cell(cells, columns["field_code"]))[:32] or None
        level_text = _cell(cells, columns.get("level"))
        row.level = catalogue_table.read_level(level_text) if level_text.strip() else current_level
        if "boundless" in columns:
            row.boundless = catalogue_table.read_boundless(_cell(cells, columns["boundless"]))
        if "deadline" in columns:
            row.deadline_text = _cell(cells, columns["deadline"])
            row.deadline = read_deadline(row.deadline_text, working_days_unit=table.header.working_days_unit)
        if "fee" in columns:
            row.fee_text = _cell(cells, columns["fee"])
            row.fee = read_fee(row.fee_text)
        if documents_text.strip():
            row.documents = split_documents(documents_text, _cell(cells, columns.get("quantity")))
            if len(row.documents) > MAX_DOCUMENTS:
                parsed.skipped.append(RowNote(number, code, "", "too_many_documents"))
                parsed.kept.add(code)
                continue
        seen[code] = row
        parsed.rows.append(row)
        last = row
    return parsed


# --- applying the file to the store -------------------------------------------------------------------

_COMPARED = (
    "name",
    "field_code",
    "field_name",
    "working_days",
    "fee",
    "fee_note",
    "level",
    "boundless",
    "land",
)


def _documents_of(rows: Sequence[ProcedureDocument]) -> list[tuple[str, str, int]]:
    return [(d.name, d.copy_kind, d.quantity) for d in sorted(rows, key=lambda d: d.position)]


def require_admin(actor: Actor) -> None:
    """Only an administrator changes the catalogue."""
    if actor.role != "admin":
        raise Forbidden("catalogue.admin_only")


def import_catalogue(
    store: Store,
    actor: Actor,
    path: Path,
    *,
    now: datetime | None = None,
    retire_absent: bool = True,
    dry_run: bool = False,
) -> ImportReport:
    """Read the catalogue file at ``path`` and apply it to ``store`` in one transaction (or, with
    ``dry_run``, only say what would change). ``retire_absent=False`` leaves the procedures the file does
    not list as they are (a file that lists one field only). Raises :class:`CatalogueFileError` when the
    file cannot be used; nothing is written then."""
    require_admin(actor)
    table = read_table(path)
    parsed = parse_table(table)
    if not parsed.rows and not parsed.kept and (retire_absent or not parsed.withdrawn):
        raise CatalogueFileError("catalogue.file.no_rows", path=str(path))
    now = now or local_now()
    with store.session() as session:
        report = _apply(session, parsed, now, retire_absent=retire_absent, dry_run=dry_run)
        if dry_run:
            session.rollback()
    return replace(report, path=str(path))


def _known_fields(procedures: Sequence[Procedure]) -> tuple[dict[str, str], dict[str, str]]:
    """(folded field name → its most used code, → its most used queue line) in the store."""
    codes: dict[str, Counter[str]] = {}
    lines: dict[str, Counter[str]] = {}
    for procedure in procedures:
        key = fold(procedure.field_name)
        codes.setdefault(key, Counter())[procedure.field_code] += 1
        lines.setdefault(key, Counter())[procedure.queue_service] += 1
    return (
        {key: counter.most_common(1)[0][0] for key, counter in codes.items()},
        {key: counter.most_common(1)[0][0] for key, counter in lines.items()},
    )


def _apply(
    session: Session, parsed: _Parsed, now: datetime, *, retire_absent: bool, dry_run: bool
) -> ImportReport:
    table = parsed.table
    existing = {p.code: p for p in session.exec(select(Procedure)).all()}
    documents: dict[str, list[ProcedureDocument]] = {}
    for document in session.exec(select(ProcedureDocument)).all():
        documents.setdefault(document.procedure_code, []).append(document)
    field_codes, queue_lines = _known_fields(list(existing.values()))
    added: list[str] = []
    updated: list[str] = []
    unchanged: list[str] = []
    held: list[str] = []
    deadlines: list[RowNote] = []
    fees: list[RowNote] = []
    replace_documents: dict[str, list[DocumentItem]] = {}
    for row in parsed.rows:
        if row.deadline is not None and not row.deadline.readable:
            deadlines.append(RowNote(row.row, row.code, tidy(row.deadline_text)[:300], row.deadline.reason))
        if row.fee is not None and not row.fee.readable:
            fees.append(RowNote(row.row, row.code, tidy(row.fee_text)[:300], row.fee.reason))
        procedure = existing.get(row.code)
        is_new = procedure is None
        if procedure is None:
            procedure = Procedure(
                code=row.code,
                name=row.name,
                name_folded=fold(row.name),
                field_code="",
                field_name="",
                working_days=0,
                public_url=PUBLIC_URL.format(code=row.code),
                active=False,
            )
        before = {name: getattr(procedure, name) for name in _COMPARED}
        was_offered = procedure.active and procedure.retired_at is None
        field_name = row.field_name if row.field_name is not None else procedure.field_name
        procedure.name = row.name
        procedure.field_name = field_name
        if row.field_code:
            procedure.field_code = row.field_code
        elif is_new or fold(field_name) != fold(str(before["field_name"])):
            procedure.field_code = field_codes.get(fold(field_name)) or catalogue_table.field_code_for(
                field_name
            )
        if is_new:
            procedure.queue_service = queue_lines.get(fold(field_name), "A")
        procedure.land = catalogue_table.is_land(field_name) if field_name else procedure.land
        if row.level is not None:
            procedure.level = row.level
        if row.boundless is not None:
            procedure.boundless = row.boundless
        has_deadline = not is_new and not (not procedure.active and procedure.retired_at is None)
        if row.deadline is not None and row.deadline.working_days is not None:
            procedure.working_days = row.deadline.working_days
            has_deadline = True
        if row.fee is not None:
            if row.fee.amount is not None:
                procedure.fee = row.fee.amount
            procedure.fee_note = row.fee.note
        procedure.active = has_deadline
        procedure.retired_at = None
        new_documents = _documents_of(documents.get(row.code, []))
        if row.documents is not None:
            wanted = [(d.name, d.copy_kind, d.quantity) for d in row.documents]
            if wanted != new_documents:
                replace_documents[row.code] = row.documents
                new_documents = wanted
        changed = is_new or before != {name: getattr(procedure, name) for name in _COMPARED}
        changed = changed or row.code in replace_documents or was_offered != procedure.active
        if procedure.name_folded != fold(procedure.name):
            procedure.name_folded = fold(procedure.name)
        if is_new:
            added.append(row.code)
            if not procedure.active:
                held.append(row.code)
        elif changed:
            updated.append(row.code)
        else:
            unchanged.append(row.code)
        if changed:
            procedure.updated_at = now
            session.add(procedure)
    listed = {row.code for row in parsed.rows} | parsed.kept
    retired: list[str] = []
    for code, procedure in sorted(existing.items()):
        absent = code not in listed and (retire_absent or code in parsed.withdrawn)
        if absent and procedure.retired_at is None:
            procedure.active = False
            procedure.retired_at = now
            procedure.updated_at = now
            session.add(procedure)
            retired.append(code)
    if replace_documents and not dry_run:
        session.flush()
        _replace_documents(session, replace_documents, documents)
    header = table.header
    return ImportReport(
        path="",
        kind=table.kind,
        sheet=table.sheet,
        procedures=len(parsed.rows),
        added=tuple(added),
        updated=tuple(updated),
        unchanged=tuple(unchanged),
        retired=tuple(retired),
        held=tuple(held),
        unreadable_deadlines=tuple(deadlines),
        unreadable_fees=tuple(fees),
        skipped_rows=tuple(parsed.skipped),
        mapped_columns=tuple(
            (target, header.headers.get(column, ""))
            for target, column in sorted(header.columns.items(), key=lambda item: item[1])
        ),
        unmapped_columns=header.unmapped,
        cleaned_cells=tuple(
            (row, header.headers.get(column, str(column + 1))) for row, column in table.cleaned
        ),
        dry_run=dry_run,
        at=now,
    )


def _replace_documents(
    session: Session, replace: dict[str, list[DocumentItem]], old: dict[str, list[ProcedureDocument]]
) -> None:
    """New component rows for the procedures in ``replace``; a component keeps the citizen-document kind
    it had (by name), or gets the one its name stands for."""
    session.exec(delete(ProcedureDocument).where(col(ProcedureDocument.procedure_code).in_(list(replace))))
    for code, items in replace.items():
        kinds = {fold(d.name): d.doc_kind for d in old.get(code, []) if d.doc_kind}
        session.add_all(
            ProcedureDocument(
                procedure_code=code,
                position=position,
                name=item.name,
                copy_kind=item.copy_kind,
                quantity=item.quantity,
                doc_kind=kinds.get(fold(item.name)) or citizen_document_kind(item.name),
            )
            for position, item in enumerate(items, start=1)
        )
