"""The central PostgreSQL store, locked down per unit: one role per counter, row-level security.

Why: every counter of the country pushes to (and pulls from) a province's central store. With one
shared login, a counter's machine — or anyone holding its configuration — could read every
citizen and every dossier of the province. Here each counter logs in with its own PostgreSQL role,
and PostgreSQL itself (row-level security) lets that role see and write only what concerns its unit,
whatever SQL it sends.

Setup, once per central database, as its owner or a superuser (the "admin connection")::

    from counter_app.sync import security
    engine = make_engine("postgresql://postgres@central/counter")   # admin
    security.install(engine)                                        # idempotent; re-run after upgrades
    security.create_counter_role(engine, "21025", 1, password)      # → role "counter_21025_1"

or from the command line: ``counter-app central init --url ADMIN_URL`` (which migrates the schema, loads
the units and records the store as central around this step; ``central secure`` is the step alone) then
``counter-app central counter-role 21025 1 --url ADMIN_URL`` (password read from standard input).
The counter then uses ``COUNTER_APP_CENTRAL_URL=postgresql://counter_21025_1:PASSWORD@central/counter``.
Roles are cluster-wide in PostgreSQL; their grants are per database.

What :func:`install` creates:

``counter_role(role_name, unit_id, counter_number)``
    maps a login role to its unit; policies compare ``current_user`` through it. Counters cannot read it.
``citizen_origin(citizen_id, unit_id)``
    which unit's counter first created a citizen row centrally (an ``AFTER INSERT`` trigger fills it
    from the login role, ``session_user``), so a unit keeps seeing the citizens it registered.
group role ``counter_app_counters`` (NOLOGIN)
    holds every grant; each counter role is a member. Policies apply ``TO counter_app_counters``;
    a superuser or the tables' owner bypasses row-level security and sees everything.
``SECURITY DEFINER`` helper functions
    ``counter_unit_of(role)``, ``counter_inbox_has(dossier_id, unit)``, ``counter_sees_dossier(dossier_id,
    unit)``, ``counter_sees_citizen(citizen_id, unit)``: they read the tables without row-level security,
    which avoids policies that recurse into each other (dossier ↔ handover). EXECUTE is granted to the group only.
the rules of :mod:`counter_app.sync.central_rules`
    the trigger on ``dossier_event`` that checks custody, the chain and the first event of every event a counter
    appends and projects it into the dossier row, its components and its handovers; and the citizen functions
    ``counter_put_citizens`` / ``counter_put_citizen_documents``.

A unit *u* (the unit of ``current_user``) may:

============================  =====================================================================
``dossier_event``             read the events of the dossiers *u* sees (below), and those of a dossier
                              handed to *u* then recalled by its sender up to the recall
                              (``counter_saw_recalled``: *u*'s inbox learns of it); append events of its own
                              unit, which the trigger then holds to custody (only the custodian, the
                              unit a handover is addressed to answering it, the return point returning
                              and rating), to the chain (next number, previous hash) and to the first-event
                              rule (a dossier starts at the unit that receives it). No update, no delete.
``dossier``,                  read only: the rows *u* received, holds, is the return point of, or that a
``dossier_document``,         handover waiting for *u* concerns (a handover row exists only when the
``handover``                  custodian's event made it). Written only by the trigger.
``citizen``,                  read the citizens *u* registered or whose dossier it sees; write only through
``citizen_document``          ``counter_put_citizens``: register under *u*'s own id for the number, update
                              the ones it registered or whose dossier it holds. Nothing tells whether a
                              citizen exists in another unit.
``officer``                   read its own unit's officers (for the pull of reference data).
``sync_rejection``            read/write its own unit's refused events.
``chain_anchor``              read every row (dossier ids and hashes only); insert its own unit's, signed
                              by a key its unit published.
catalogue                     ``unit``, ``counter``, ``procedure`` (``retired_at`` and ``updated_at``
                              included), ``procedure_document``, ``queue_service``, ``calendar_day``,
                              ``unit_procedure``: read only, every row. The catalogue and the
                              procedures a unit enables are written by the administrator only.
``unit``                      besides reading every row: update its own unit's row, and in it only
                              ``one_stop_code`` (a column privilege), to publish the unit's official
                              identifier; the new value must look like one (``H48.21.25.13``).
``counter_key``               read every row (any unit verifies any receipt); insert/update rows of
                              its own unit only, whose ``key_id`` is the key's own id (the first 6
                              bytes of SHA-256 of the raw public key): a counter cannot squat the id
                              of another counter's key.
``store_info``                read (a counter checks that the store it syncs with is a central one).
============================  =====================================================================

Anything else (``access_log``, ``counter_role``, ``citizen_origin``, ``alembic_version``, ...) is
not granted at all. A write the rules refuse fails with ``permission denied``, ``new row violates row-level
security policy`` or ``counter_app:<rule>``; a SELECT simply returns no row of other units.

The push (``sync/central.py``) writes only events (COPY into a temporary table, then ``INSERT ... SELECT``:
PostgreSQL refuses ``COPY FROM`` into a table with row-level security) and citizens through the functions;
procedures a counter brings that the central catalogue lacks cannot be inserted by a counter role: the
catalogue is the administrator's (load it centrally first). ``pg_advisory_xact_lock``, the temporary staging
tables (``TEMP`` on the database is granted to ``PUBLIC`` by default) and ``nextval`` on the event sequence
(``USAGE`` granted here) need nothing more.
"""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from counter_app.db.engine import psycopg_connection
from counter_app.services.errors import ServiceError
from counter_app.sync import central_rules

GROUP_ROLE = "counter_app_counters"
MIN_PASSWORD = 12
#: read by every counter role, every row
CATALOGUE_TABLES = (
    "unit",
    "counter",
    "procedure",
    "procedure_document",
    "queue_service",
    "calendar_day",
    "unit_procedure",
)

_ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")

_UNIT = "(SELECT counter_unit_of(current_user::text))"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS counter_role (
    role_name varchar(63) PRIMARY KEY,
    unit_id varchar(16) NOT NULL REFERENCES unit(id),
    counter_number integer,
    created_at timestamp NOT NULL DEFAULT localtimestamp
);
CREATE TABLE IF NOT EXISTS citizen_origin (
    citizen_id varchar(36) NOT NULL REFERENCES citizen(id) ON DELETE CASCADE,
    unit_id varchar(16) NOT NULL,
    PRIMARY KEY (citizen_id, unit_id)
);

CREATE OR REPLACE FUNCTION counter_unit_of(role_name text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT r.unit_id::text FROM public.counter_role r WHERE r.role_name = $1
$fn$;

CREATE OR REPLACE FUNCTION counter_inbox_has(dossier_id text, unit text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT EXISTS (SELECT 1 FROM public.handover h
                   WHERE h.dossier_id = $1 AND h.to_unit_id = $2 AND h.state = 'sent')
$fn$;

CREATE OR REPLACE FUNCTION counter_sees_dossier(dossier_id text, unit text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT EXISTS (
        SELECT 1 FROM public.dossier d
        WHERE d.id = $1
          AND (d.received_unit_id = $2 OR d.custodian_unit_id = $2 OR d.return_unit_id = $2
               OR EXISTS (SELECT 1 FROM public.handover h
                          WHERE h.dossier_id = d.id AND h.to_unit_id = $2 AND h.state = 'sent')))
$fn$;

CREATE OR REPLACE FUNCTION counter_saw_recalled(dossier_id text, unit text, seq integer) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    -- a unit a handover was offered to, then recalled by its sender, reads the dossier's events up to the
    -- recall (so that its inbox learns of it), nothing after
    SELECT EXISTS (
        SELECT 1 FROM public.dossier_event r JOIN public.handover h
            ON h.id = r.payload::jsonb -> 'handover' ->> 'id' AND h.dossier_id = r.dossier_id
        WHERE r.dossier_id = $1 AND r.type = 'handover_recalled' AND h.to_unit_id = $2
          AND h.state = 'recalled' AND $3 <= r.seq)
$fn$;

CREATE OR REPLACE FUNCTION counter_sees_citizen(citizen_id text, unit text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT EXISTS (SELECT 1 FROM public.citizen_origin o WHERE o.citizen_id = $1 AND o.unit_id = $2)
        OR EXISTS (
            SELECT 1 FROM public.dossier d
            WHERE d.citizen_id = $1
              AND (d.received_unit_id = $2 OR d.custodian_unit_id = $2 OR d.return_unit_id = $2
                   OR EXISTS (SELECT 1 FROM public.handover h
                              WHERE h.dossier_id = d.id AND h.to_unit_id = $2 AND h.state = 'sent')))
$fn$;

DROP FUNCTION IF EXISTS counter_citizen_exists(text);

CREATE OR REPLACE FUNCTION counter_note_citizen_origin() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
    INSERT INTO public.citizen_origin (citizen_id, unit_id)
    SELECT NEW.id, r.unit_id FROM public.counter_role r WHERE r.role_name = session_user::text
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$fn$;

DROP TRIGGER IF EXISTS counter_citizen_origin ON citizen;
CREATE TRIGGER counter_citizen_origin AFTER INSERT ON citizen
    FOR EACH ROW EXECUTE FUNCTION counter_note_citizen_origin();
"""

#: a published key's id is its own: the first 6 bytes of SHA-256 of the raw public key (printing.signing)
_OWN_KEY_ID = "key_id = encode(substring(sha256(decode(public_key, 'base64')) from 1 for 6), 'hex')"
#: the loose shape of an official identifier (domain.identifiers): 2-5 dot-separated parts of letters and digits
_IDENTIFIER = "'^[0-9A-Za-z]{1,8}(\\.[0-9A-Za-z]{1,8}){1,4}$'"

_DOSSIER_VISIBLE = (
    f"(received_unit_id = {_UNIT} OR custodian_unit_id = {_UNIT} OR return_unit_id = {_UNIT} "
    f"OR counter_inbox_has(id, {_UNIT}))"
)

#: (table, policy name, command, USING, WITH CHECK)
_POLICIES: tuple[tuple[str, str, str, str | None, str | None], ...] = (
    ("dossier", "counter_read", "SELECT", _DOSSIER_VISIBLE, None),
    (
        "dossier_event",
        "counter_read",
        "SELECT",
        f"counter_sees_dossier(dossier_id, {_UNIT}) OR counter_saw_recalled(dossier_id, {_UNIT}, seq)",
        None,
    ),
    # the rest of the rule (chain, custody, first event) is the trigger's: sync.central_rules
    ("dossier_event", "counter_insert", "INSERT", None, f"unit_id = {_UNIT}"),
    (
        "handover",
        "counter_read",
        "SELECT",
        f"from_unit_id = {_UNIT} OR to_unit_id = {_UNIT} OR counter_sees_dossier(dossier_id, {_UNIT})",
        None,
    ),
    ("dossier_document", "counter_read", "SELECT", f"counter_sees_dossier(dossier_id, {_UNIT})", None),
    ("citizen", "counter_read", "SELECT", f"counter_sees_citizen(id, {_UNIT})", None),
    ("citizen_document", "counter_read", "SELECT", f"counter_sees_citizen(citizen_id, {_UNIT})", None),
    ("officer", "counter_read", "SELECT", f"unit_id = {_UNIT}", None),
    ("sync_rejection", "counter_all", "ALL", f"unit_id = {_UNIT}", f"unit_id = {_UNIT}"),
    ("unit", "counter_read", "SELECT", "true", None),
    ("unit", "counter_update", "UPDATE", f"id = {_UNIT}", f"id = {_UNIT} AND one_stop_code ~ {_IDENTIFIER}"),
    ("counter_key", "counter_read", "SELECT", "true", None),
    ("counter_key", "counter_insert", "INSERT", None, f"unit_id = {_UNIT} AND {_OWN_KEY_ID}"),
    ("counter_key", "counter_update", "UPDATE", f"unit_id = {_UNIT}", f"unit_id = {_UNIT} AND {_OWN_KEY_ID}"),
    # anchors hold dossier ids and hashes only: any unit checks the heads of a dossier handed to it
    ("chain_anchor", "counter_read", "SELECT", "true", None),
    (
        "chain_anchor",
        "counter_insert",
        "INSERT",
        None,
        f"unit_id = {_UNIT} AND key_id IN (SELECT k.key_id FROM counter_key k WHERE k.unit_id = {_UNIT})",
    ),
)

#: table → privileges granted to the group (row-level security narrows them to the unit's rows). Dossiers,
#: their components and handovers, citizens and their documents are written only by the event trigger and
#: the citizen functions of ``sync.central_rules``.
_GRANTS = {
    "dossier": "SELECT",
    "dossier_event": "SELECT, INSERT",
    "handover": "SELECT",
    "dossier_document": "SELECT",
    "citizen": "SELECT",
    "citizen_document": "SELECT",
    "officer": "SELECT",
    "sync_rejection": "SELECT, INSERT, UPDATE",
    "counter_key": "SELECT, INSERT, UPDATE",
    "chain_anchor": "SELECT, INSERT",
    "store_info": "SELECT",
    **{table: "SELECT" for table in CATALOGUE_TABLES},
}
#: table → column privileges granted to the group, on top of ``_GRANTS``
_COLUMN_GRANTS = {"unit": "UPDATE (one_stop_code)"}

_FUNCTIONS = (
    "counter_unit_of(text)",
    "counter_inbox_has(text, text)",
    "counter_sees_dossier(text, text)",
    "counter_saw_recalled(text, text, integer)",
    "counter_sees_citizen(text, text)",
    *central_rules.FUNCTIONS,
)


def check_postgresql(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        raise ServiceError("security.not_postgresql")


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _quote(engine: Engine, name: str) -> str:
    return engine.dialect.identifier_preparer.quote_identifier(name)


def install(engine: Engine, *, group: str = GROUP_ROLE) -> bool:
    """Create the role map, helper functions, group role, grants and policies (idempotent).

    ``engine`` connects as the tables' owner or a superuser, to a migrated central database. Returns
    whether anything changed (False when everything was already in place, as after a second run).
    """
    check_postgresql(engine)
    g = _quote(engine, group)
    with engine.begin() as connection:
        connection.execute(text("SELECT pg_advisory_xact_lock(hashtext('counter_app.security'))"))
        before = fingerprint(connection, group)
        # roles are cluster-wide: another database may be creating the same group role right now
        connection.exec_driver_sql(
            f"DO $do$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {_literal(group)}) THEN "
            f"CREATE ROLE {g} NOLOGIN; END IF; "
            "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $do$"
        )
        connection.exec_driver_sql(_SCHEMA)
        with psycopg_connection(connection).cursor() as cur:  # no parameters: "%ROWTYPE" stays as it is
            cur.execute(central_rules.schema())
        for function in (*_FUNCTIONS, *central_rules.INTERNAL_FUNCTIONS, "counter_note_citizen_origin()"):
            connection.exec_driver_sql(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
        for function in _FUNCTIONS:
            connection.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {function} TO {g}")
        connection.exec_driver_sql("REVOKE ALL ON counter_role, citizen_origin FROM PUBLIC")
        for table, privileges in _GRANTS.items():
            connection.exec_driver_sql(f"REVOKE ALL ON {table} FROM {g}")
            connection.exec_driver_sql(f"GRANT {privileges} ON {table} TO {g}")
        for table, privileges in _COLUMN_GRANTS.items():
            connection.exec_driver_sql(f"GRANT {privileges} ON {table} TO {g}")
        connection.exec_driver_sql(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {g}")
        for table in {p[0] for p in _POLICIES}:
            connection.exec_driver_sql(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        for table, name in connection.execute(_OUR_POLICIES).all():  # policies of earlier versions too
            connection.exec_driver_sql(f"DROP POLICY IF EXISTS {_quote(engine, name)} ON {table}")
        for table, name, command, using, check in _POLICIES:
            clauses = f" USING ({using})" if using else ""
            clauses += f" WITH CHECK ({check})" if check else ""
            connection.exec_driver_sql(f"CREATE POLICY {name} ON {table} FOR {command} TO {g}{clauses}")
        return fingerprint(connection, group) != before


_OUR_POLICIES = text(
    "SELECT tablename, policyname FROM pg_policies WHERE schemaname = 'public' AND policyname LIKE 'counter%'"
)

_FINGERPRINT = text("""
    SELECT 'policy', tablename || '.' || policyname,
           concat_ws('|', cmd, qual, with_check, array_to_string(roles, ','))
      FROM pg_policies WHERE schemaname = 'public'
    UNION ALL
    SELECT 'table', relname, concat_ws('|', relkind, relrowsecurity, relacl::text)
      FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'S', 'p')
    UNION ALL
    SELECT 'column', c.relname || '.' || a.attname, a.attacl::text
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
     WHERE c.relnamespace = 'public'::regnamespace AND a.attacl IS NOT NULL
    UNION ALL
    SELECT 'function', p.oid::regprocedure::text, concat_ws('|', md5(p.prosrc), p.prosecdef, p.proacl::text)
      FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
    UNION ALL
    SELECT 'trigger', t.tgname, pg_get_triggerdef(t.oid)
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
     WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal
    UNION ALL
    SELECT 'role', rolname, concat_ws('|', rolcanlogin, rolbypassrls) FROM pg_roles WHERE rolname = :group
    ORDER BY 1, 2
""")


def fingerprint(connection: Connection, group: str = GROUP_ROLE) -> list[tuple[str, str, str]]:
    """What :func:`install` sets up, as PostgreSQL describes it: policies, row-level security and
    privileges of every table and column, functions, triggers and the group role; two equal
    fingerprints mean the same security."""
    return [(r[0], r[1], r[2] or "") for r in connection.execute(_FINGERPRINT, {"group": group})]


def uninstall(engine: Engine, *, group: str = GROUP_ROLE) -> None:
    """Remove the policies and grants (the role map and the counter roles stay)."""
    check_postgresql(engine)
    g = _quote(engine, group)
    with engine.begin() as connection:
        for table, name, *_ in _POLICIES:
            connection.exec_driver_sql(f"DROP POLICY IF EXISTS {name} ON {table}")
        for table in {p[0] for p in _POLICIES}:
            connection.exec_driver_sql(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        if connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": group}).first():
            for table in _GRANTS:
                connection.exec_driver_sql(f"REVOKE ALL ON {table} FROM {g}")
            connection.exec_driver_sql(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {g}")
        connection.exec_driver_sql("DROP TRIGGER IF EXISTS counter_citizen_origin ON citizen")
        connection.exec_driver_sql("DROP TRIGGER IF EXISTS counter_event_guard ON dossier_event")


def role_name_for(unit_id: str, number: int) -> str:
    return f"counter_{str(unit_id).strip().lower()}_{number}"


def create_counter_role(
    engine: Engine,
    unit_id: str,
    number: int,
    password: str,
    *,
    role_name: str | None = None,
    group: str = GROUP_ROLE,
) -> str:
    """Create (or give a new password to) the LOGIN role of counter ``number`` of ``unit_id``.

    Returns the role name (``counter_<unit>_<number>`` unless ``role_name`` is given). :func:`install`
    must have run on this database.
    """
    check_postgresql(engine)
    unit_id = str(unit_id).strip()
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 9:
        raise ServiceError("security.bad_counter", number=number)
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise ServiceError("security.bad_password", min=MIN_PASSWORD)
    name = role_name or role_name_for(unit_id, number)
    if not _ROLE_NAME.fullmatch(name):
        raise ServiceError("security.unknown_unit", unit=unit_id[:20])
    from psycopg import sql

    with engine.begin() as connection:
        if connection.execute(text("SELECT 1 FROM unit WHERE id = :u"), {"u": unit_id}).first() is None:
            raise ServiceError("security.unknown_unit", unit=unit_id[:20])
        raw = psycopg_connection(connection)
        with raw.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,))
            verb = "ALTER" if cur.fetchone() else "CREATE"
            cur.execute(
                sql.SQL(
                    verb + " ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD {}"
                ).format(sql.Identifier(name), sql.Literal(password))
            )
            cur.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(name)))
        connection.execute(
            text(
                "INSERT INTO counter_role (role_name, unit_id, counter_number) VALUES (:r, :u, :n) "
                "ON CONFLICT (role_name) DO UPDATE SET unit_id = EXCLUDED.unit_id, counter_number = EXCLUDED.counter_number"
            ),
            {"r": name, "u": unit_id, "n": number},
        )
    return name


def drop_counter_role(engine: Engine, role_name: str) -> None:
    """Withdraw a counter's access: its mapping, then the role itself (when it has no other database)."""
    check_postgresql(engine)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM counter_role WHERE role_name = :r"), {"r": role_name})
        if connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role_name}).first():
            quoted = _quote(engine, role_name)
            connection.exec_driver_sql(f"DROP OWNED BY {quoted}")
            connection.exec_driver_sql(f"DROP ROLE {quoted}")


def counter_roles(engine: Engine) -> list[tuple[str, str, int | None]]:
    """(role name, unit, counter number) of every counter role of this database."""
    check_postgresql(engine)
    with engine.connect() as connection:
        return [
            tuple(r)
            for r in connection.execute(
                text(
                    "SELECT role_name, unit_id, counter_number FROM counter_role ORDER BY unit_id, counter_number"
                )
            )
        ]
