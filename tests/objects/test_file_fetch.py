"""A unit that receives a dossier by handover fetches its files from the object store on first opening, with
the same bytes; a unit that may not see the dossier is refused and fetches nothing; a hash that is not one of
the dossier's files is refused too. Real PostgreSQL (two units, row-level security) and real SeaweedFS."""

from __future__ import annotations

import hashlib
import random
from dataclasses import replace

import pytest
from sqlmodel import select

from counter_app.db.models import Unit
from counter_app.domain.file_ref import FileRef
from counter_app.services import handover, intake, lookup
from counter_app.services.context import Actor, Store
from counter_app.services.errors import NotFound
from counter_app.services.file_store import FileStore, for_settings
from counter_app.services.intake import DocumentChoice, IntakeRequest
from counter_app.sync.file_push import fetch_dossier_file, fetch_dossier_files, push_files
from counter_app.sync.object_store import ObjectStore
from tests.hardening.two_units import NOW, central  # noqa: F401  (the two-unit central store fixture)

pytestmark = pytest.mark.pg


def unit_store(central_store: Store, tmp_path, name: str, files_settings, engine=None) -> Store:
    """A unit's view of the store: its own file store (its own data dir), the given engine."""
    settings = replace(central_store.settings, data_dir=tmp_path / name / "data", files=files_settings)
    return Store(settings, engine or central_store.engine)


def test_a_unit_handed_a_dossier_fetches_its_files_and_others_are_refused(central, s3, tmp_path):  # noqa: F811
    store = central["store"]
    b, a = central["b"], central["a"]
    with store.session() as s:
        b_code = s.get(Unit, b).one_stop_code
        c = s.exec(select(Unit.id).where(Unit.id != a, Unit.id != b).order_by(Unit.id)).first()
        names = [d.name for d in lookup.procedure_documents(s, "1.004873")]
    b_actor = Actor(None, "Cán bộ B", "officer", b, f"{b_code}#1")
    b_store = unit_store(store, tmp_path, "b", s3.settings())
    b_files = for_settings(b_store.settings)
    rng = random.Random(5)
    contents = [rng.randbytes(300_000), rng.randbytes(70_000), rng.randbytes(10_000)]
    refs = [b_files.put_bytes(data) for data in contents]
    citizen = central["b_citizen"].id
    handed = intake.receive(
        b_store,
        b_actor,
        IntakeRequest(
            "1.004873",
            [DocumentChoice(names[i], file=FileRef(refs[i].sha256, refs[i].size, 1)) for i in range(2)],
            citizen_id=citizen,
        ),
        now=NOW,
    )
    kept = intake.receive(  # a dossier B keeps: its file is none of A's business
        b_store,
        b_actor,
        IntakeRequest(
            "1.004873",
            [DocumentChoice(names[0], file=FileRef(refs[2].sha256, refs[2].size, 1))],
            citizen_id=citizen,
        ),
        now=NOW,
    )
    handover.send(b_store, b_actor, handed.code, a, "Chuyển theo thẩm quyền", now=NOW)
    report = push_files(b_store.engine, b_files, ObjectStore(s3.settings()), now=NOW)
    assert report.uploaded == 3

    # unit A, through its counter's own PostgreSQL role (row-level security), opens the dossier handed to it
    a_store = unit_store(store, tmp_path, "a", s3.settings(), engine=central["connect"]("a"))
    a_actor = Actor(None, "Cán bộ A", "officer", a, "A#1")
    fetched = fetch_dossier_files(a_store, a_actor, handed.code)
    assert sorted(f.sha256 for f in fetched) == sorted(r.sha256 for r in refs[:2])
    a_files = for_settings(a_store.settings)
    for ref, data in zip(refs[:2], contents[:2], strict=True):
        got = a_files.read(ref.sha256)  # verified on read
        assert got == data and hashlib.sha256(got).hexdigest() == ref.sha256
    assert fetch_dossier_files(a_store, a_actor, handed.code) == []  # opened again: nothing fetched

    # A asks for B's other file, through the handed dossier or through B's own dossier: refused
    with pytest.raises(NotFound) as wrong_hash:
        fetch_dossier_file(a_store, a_actor, refs[2].sha256, dossier_code=handed.code)
    assert wrong_hash.value.key == "objects.not_of_dossier"
    with pytest.raises(NotFound):
        fetch_dossier_file(a_store, a_actor, refs[2].sha256, dossier_code=kept.code)
    assert not a_files.has(refs[2].sha256)

    # unit C may not see the dossier (even on an engine without row-level security): refused, nothing fetched
    c_store = unit_store(store, tmp_path, "c", s3.settings())
    c_actor = Actor(None, "Cán bộ C", "officer", c, "C#1")
    for ref in refs[:2]:
        with pytest.raises(NotFound) as refused:
            fetch_dossier_file(c_store, c_actor, ref.sha256, dossier_code=handed.code)
        assert refused.value.key == "lookup.dossier_not_found"
    with pytest.raises(NotFound):
        fetch_dossier_files(c_store, c_actor, handed.code)
    assert list(FileStore(c_store.settings.files_dir).hashes()) == []
