"""Migration 0007: the identifiers the old catalogue derived are replaced by the placeholder; the store's
own unit keeps the identifier it was set up with; the dossier gets the applicant columns."""

from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, inspect, text

from counter_app.db.migrate import alembic_config, upgrade


def test_derived_identifiers_become_placeholders(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    command.upgrade(alembic_config(engine), "0006")
    rows = [
        ("21025", "ward", 51, "000.21025.H51"),  # derived: replaced
        ("70", "ward", 1, "000.00070.H01"),  # derived, but the store's own identifier: kept
        ("P51", "province", 51, "000.00.00.H51"),  # a derived provincial centre: replaced
        ("21028", "ward", 51, "H48.25.01.99"),  # a real identifier the central store distributed: kept
    ]
    with engine.begin() as c:
        for unit_id, kind, province, code in rows:
            c.execute(
                text(
                    "INSERT INTO unit (id, name, name_folded, kind, province_code, province_name, one_stop_code,"
                    " head_title) VALUES (:i, :i, :i, :k, :p, 'x', :c, 'x')"
                ),
                {"i": unit_id, "k": kind, "p": province, "c": code},
            )
        c.execute(text("INSERT INTO store_info (key, value) VALUES ('identifier', '000.00070.H01')"))
    assert upgrade(engine, "0007") == "0007"
    with engine.connect() as c:
        codes = dict(c.execute(text("SELECT id, one_stop_code FROM unit")).all())
    assert codes == {"21025": "?21025", "70": "000.00070.H01", "P51": "?P51", "21028": "H48.25.01.99"}
    columns = {column["name"] for column in inspect(engine).get_columns("dossier")}
    assert {"applicant_kind", "applicant_id_type", "applicant_id_number", "representative_name"} <= columns
    command.downgrade(alembic_config(engine), "0006")
    assert "applicant_kind" not in {column["name"] for column in inspect(engine).get_columns("dossier")}
    engine.dispose()
