"""Reading a digitised document for display, through the access rules, and logged like a record view.

A file of the store is personal data (Decree 13/2023/NĐ-CP): it is read for a screen only

* of a dossier the actor's unit may see (:func:`counter_app.services.lookup.dossier_by_code` with the
  unit's scope: a dossier of another unit is «not found», like a code nobody issued) **and** only when the
  file is one of that dossier's (:func:`file_belongs_to_dossier`); or
* of a citizen, when the file is one of that citizen's digitised documents;

and every read writes its line in the view log (:func:`counter_app.services.access.record_view`) in the
same transaction, after the bytes were read and checked against their hash: a refused read (not visible,
not the dossier's file, a missing or corrupt file) leaves no line and returns nothing; a read whose line
cannot be written fails too. A corrupt file raises :class:`~counter_app.services.file_store.FileCorrupt`
(its message says so), never its bytes. Nothing about the file (name, hash, content) is written to the
application log.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from counter_app.db.models import CitizenDocument, Dossier, DossierDocument
from counter_app.locale import t
from counter_app.services import access, lookup
from counter_app.services.context import Actor, Store
from counter_app.services.errors import NotFound, ServiceError
from counter_app.services.file_fetch import files_of_dossier
from counter_app.services.file_store import HASH, FileStore, for_settings

#: the columns another change adds to the schema (a component's own file; the result's file). Until the
#: migration has landed they are absent and only the components reusing a citizen's document are linked
#: to a file; once there, they are used with no change here.


def _hash(sha256: str) -> str:
    value = (sha256 or "").strip().lower()
    if not HASH.fullmatch(value):
        raise ServiceError("viewer.bad_reference")
    return value


def file_belongs_to_dossier(session: Session, dossier_id: str, sha256: str) -> bool:
    """True when ``sha256`` is the file of one of the dossier's components (its own file, or that of the
    citizen's document it reused) or of its result."""
    reused = (
        select(DossierDocument.id)
        .join(CitizenDocument, col(CitizenDocument.id) == col(DossierDocument.citizen_document_id))
        .where(col(DossierDocument.dossier_id) == dossier_id, col(CitizenDocument.file_hash) == sha256)
    )
    if session.exec(reused.limit(1)).first() is not None:
        return True
    dossier = session.get(Dossier, dossier_id)
    return dossier is not None and sha256 in files_of_dossier(session, dossier)


def file_belongs_to_citizen(session: Session, citizen_id: str, sha256: str) -> bool:
    """True when ``sha256`` is the file of one of the citizen's digitised documents."""
    query = select(CitizenDocument.id).where(
        col(CitizenDocument.citizen_id) == citizen_id, col(CitizenDocument.file_hash) == sha256
    )
    return session.exec(query.limit(1)).first() is not None


def read_for_view(
    store: Store,
    actor: Actor,
    *,
    sha256: str,
    dossier_code: str | None = None,
    citizen_id: str | None = None,
    purpose: str | None = None,
    files: FileStore | None = None,
) -> bytes:
    """The checked bytes of the file ``sha256`` of a dossier (``dossier_code``) or of a citizen
    (``citizen_id``: id or CCCD number), when the actor may see them; the view is logged with ``purpose``
    (by default «Xem tài liệu số hóa…»). ``files``: the file store (default: the store's settings').

    Refused: a dossier the actor's unit may not see, or a file that is not the dossier's (or the citizen's),
    both as «not found» (:class:`NotFound`); a missing or unreadable file (:class:`ServiceError`); a corrupt
    one (:class:`~counter_app.services.file_store.FileCorrupt`). A refused read logs nothing."""
    if (dossier_code is None) == (citizen_id is None):
        raise ServiceError("viewer.owner_required")
    sha256 = _hash(sha256)
    files = files if files is not None else for_settings(store.settings)
    if dossier_code is not None:
        purpose = access.clean_purpose(purpose if purpose is not None else t("viewer.purpose.dossier"))
        with store.session() as session:
            dossier = lookup.dossier_by_code(
                session, dossier_code.replace("\ufeff", ""), unit_id=actor.unit_id
            )
            if not file_belongs_to_dossier(session, dossier.id, sha256):
                raise NotFound("viewer.not_in_dossier", code=dossier.code)
            data = files.read(sha256)  # checked against the hash; FileCorrupt rolls the transaction back
            access.record_view(session, actor, dossier.citizen_id, purpose, dossier_id=dossier.id)
            return data
    assert citizen_id is not None
    purpose = access.clean_purpose(purpose if purpose is not None else t("viewer.purpose.citizen"))
    with store.session() as session:
        citizen = access.find_citizen(session, citizen_id)
        if not file_belongs_to_citizen(session, citizen.id, sha256):
            raise NotFound("viewer.not_the_citizens")
        data = files.read(sha256)
        access.record_view(session, actor, citizen.id, purpose)
        return data
