"""Fetching a dossier's digitised file on demand, under the dossier's access rules.

A unit that receives a dossier by handover (or is where its result is returned) has the dossier's rows but
not its files: they were digitised at another unit and pushed to the central object store. The first time
the dossier is opened, its files are fetched, checked against their hash and kept in the local file store.

The rule, checked before anything is fetched: the actor's unit may see the dossier
(:func:`counter_app.services.scope.dossier_visible_to`, the same rule the central row-level security
enforces) **and** the hash is the file of one of that dossier's components or of its result. Anything else is
refused exactly like a dossier that does not exist, and nothing is fetched. The fetching itself is injected
(``fetcher``: hash -> the object's bytes in chunks): the services do not know the object store, whose client
lives in ``counter_app.sync`` (``sync.file_push.fetch_dossier_file`` wires the two). Why the object store's
own grants (Read, Write, no List) complete this rule, and its limit, is told in ``sync.file_push``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlmodel import Session, col, select

from counter_app.db.models import Dossier, DossierDocument
from counter_app.domain.file_ref import SHA256
from counter_app.services import lookup
from counter_app.services.context import Actor, Store
from counter_app.services.errors import NotFound, ServiceError
from counter_app.services.file_store import FileCorrupt, StoredFile, for_settings

#: hash -> the object's bytes, in chunks (raises when the object store refuses or cannot be reached)
Fetcher = Callable[[str], Iterable[bytes]]


def dossier_files(store: Store, actor: Actor, dossier_code: str) -> dict[str, int]:
    """The files (hash -> size) of a dossier the actor's unit may see: its components' and its result's.
    :class:`NotFound` for a dossier the unit may not see, as for one nobody issued."""
    with store.session() as session:
        return files_of_dossier(session, lookup.dossier_by_code(session, dossier_code, unit_id=actor.unit_id))


def files_of_dossier(session: Session, dossier: Dossier) -> dict[str, int]:
    """The files (hash -> size) a dossier's components and its result carry."""
    rows = session.exec(
        select(DossierDocument.file_hash, DossierDocument.file_size).where(
            col(DossierDocument.dossier_id) == dossier.id, col(DossierDocument.file_hash) != ""
        )
    ).all()
    found = {sha256: int(size) for sha256, size in rows}
    if dossier.result_file_hash:
        found[dossier.result_file_hash] = int(dossier.result_file_size)
    return found


def fetch_file(store: Store, actor: Actor, sha256: str, *, dossier_code: str, fetcher: Fetcher) -> StoredFile:
    """Fetch file ``sha256`` of dossier ``dossier_code`` into the local file store (a file already there
    intact is not fetched again); see the module's docstring for who may. The fetched bytes are checked
    against the hash before they are kept (:class:`FileCorrupt` otherwise, and nothing is kept)."""
    sha256 = (sha256 or "").strip().lower()
    if not SHA256.fullmatch(sha256):
        raise ServiceError("files.bad_hash", value=sha256[:80])
    files = dossier_files(store, actor, dossier_code)
    if sha256 not in files:
        raise NotFound("objects.not_of_dossier", sha256=sha256[:12], code=dossier_code[:80])
    return _fetch(store, sha256, files[sha256], fetcher)


def _fetch(store: Store, sha256: str, size: int, fetcher: Fetcher) -> StoredFile:
    local = for_settings(store.settings)
    try:
        return local.put_fetched(sha256, size, fetcher(sha256))
    except (ServiceError, FileCorrupt):
        raise
    except Exception as exc:  # the object store refused or is away: the fetcher's own error, in one line
        raise ServiceError("objects.fetch_failed", sha256=sha256[:12], reason=str(exc)[:200]) from exc


def fetch_missing(store: Store, actor: Actor, dossier_code: str, *, fetcher: Fetcher) -> list[StoredFile]:
    """Fetch every file of the dossier the local store lacks (the first opening of a dossier received by
    handover); returns those fetched."""
    local = for_settings(store.settings)
    return [
        _fetch(store, sha256, size, fetcher)
        for sha256, size in sorted(dossier_files(store, actor, dossier_code).items())
        if not local.has(sha256)
    ]
