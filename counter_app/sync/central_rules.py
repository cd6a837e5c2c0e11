"""Custody, chain and citizen rules enforced by the central PostgreSQL itself, whoever connects.

A counter's role may not write ``dossier``, ``handover``, ``dossier_document``, ``citizen`` or
``citizen_document`` at all (``sync.security`` grants it SELECT only). What it may do is append events to
``dossier_event``; the trigger made here checks each one and then projects it, as the table owner, into the
rows a counter can no longer touch:

* the event is of the pushing role's unit (``unit_id``), and its hash is the SHA-256 of its content
  (``domain.chain``: the same canonical JSON, computed in SQL by ``counter_event_hash``);
* it continues the dossier's chain: ``seq`` is the next number and ``prev_hash`` the last event's hash;
* custody (:func:`counter_app.domain.custody.may_record`): only the custodian records, except that the unit a
  handover is addressed to answers it and the return point records the return and the rating; a dossier's
  first event is one that starts a history and makes the pushing unit the receiving and holding unit;
* no control, bidi or zero-width character anywhere in it (``domain.text_rules``; a NUL PostgreSQL refuses
  by itself), so that nothing a counter pulls can be refused by its own store;
* ``set`` names dossier columns only (``db.projection.PROJECTED_FIELDS``); the receiving unit, counter,
  officer and the code never change after the first event; custody moves only by an accepted handover, to
  the unit that accepts it; a citizen named must be one the unit may see;
* a ``handover`` part matches the event: sent by the custodian while none is pending, answered by the unit it
  was sent to, recalled (with a reason) by the unit that sent it while it is still pending; a handover sent
  back is noted only by the unit that sent it;
* a result returned by post: only the ``posted`` event sets the item code (a UPU S10 code of VNPost, its
  check digit recomputed here: ``counter_s10_ok``) and the day it went to the post office, once, on a
  dossier returned by post whose result is ready; once posted, the dossier is returned only by the post's
  delivery (``by_post``), and only then.

The projection is :mod:`counter_app.db.projection` written in SQL (``set`` applied with
``jsonb_populate_record``, the components replaced, the control-sheet row created or answered), so a
dossier's central row is always what its events say. A refusal raises ``counter_app:<key>`` (SQLSTATE
42501) with the parameters as JSON in DETAIL; the push (``sync.central``) turns it into the event's
rejection reason from the locale catalogue.

Owner and superuser connections (the administrator, the services running directly on a PostgreSQL store)
write rows as before: the trigger checks and projects only for a counter's role, or when the session asks
for it (``SET LOCAL counter_app.project = 'on'``, which the push does), so there is one projection for every
push.

Citizens go through ``counter_put_citizens`` (``SECURITY DEFINER``): a counter may register a citizen
only under the id its own unit derives from the number (``services.ids.citizen_id_for``), and update only the
citizens it registered or whose dossier it holds (a handover waiting for it lets it read, not write); an
update dated in the future is dated now. Nothing answers whether another unit's
citizen exists. These are safety rules of this program; Decree 13/2023/NĐ-CP (Điều 26, 27) asks that
personal data be protected and processed only for its purpose, and this is how the central store does it.
"""

from __future__ import annotations

import json

from counter_app.db.models import Citizen, Dossier, table_of
from counter_app.db.projection import PROJECTED_FIELDS
from counter_app.domain.custody import (
    FIRST_EVENTS,
    HANDOVER_ANSWERS,
    HANDOVER_RECALL,
    RETURN_POINT_EVENTS,
    SENT_BACK_NOTED,
)
from counter_app.domain.postal import COUNTRY, S10_WEIGHTS
from counter_app.domain.states import Status
from counter_app.services.ids import CITIZEN_ID_PREFIX

#: prefix of the message of every refusal the rules raise
REFUSAL = "counter_app:"
#: refusals of a dossier leaving the unit (issue 15), keys of the locale area ``leaving`` (``sync.central``
#: renders a key with a dot as it is, one without under ``trust.refused.``)
RECALL_NOT_WAITING = "leaving.refused.recall_not_waiting"
BAD_NOTE = "leaving.refused.bad_note"
BAD_POST = "leaving.refused.bad_post"
POST_FIELDS = "leaving.refused.post_fields"
POST_RETURN = "leaving.refused.post_return"
#: the dossier columns only the ``posted`` event sets (``services.workflow.hand_to_post``)
POST_COLUMNS = ("post_item_code", "posted_at")
#: dossier columns the first event sets for good
SET_ONCE = ("code", "received_unit_id", "received_counter_id", "received_by")
#: how far in the future a citizen's ``updated_at`` may be before the central clock takes its place
CLOCK_SKEW = "5 minutes"


def _array(values) -> str:
    return "ARRAY[" + ", ".join("'" + v.replace("'", "''") + "'" for v in sorted(values)) + "]::text[]"


def _dossier_defaults() -> str:
    """The dossier columns' defaults as JSON, for the row a first event creates."""
    defaults = {}
    for name, info in Dossier.model_fields.items():
        if not info.is_required() and info.default_factory is None and info.default is not None:
            defaults[name] = info.default
    return json.dumps(defaults).replace("'", "''")


def _columns(model) -> list[str]:
    return [c.name for c in table_of(model).columns]


def schema() -> str:
    """The functions and the trigger, as one SQL script (idempotent: ``CREATE OR REPLACE``)."""
    dossier_cols = [c for c in _columns(Dossier) if c != "id"]
    dossier_list = ", ".join(dossier_cols)
    citizen_cols = [c for c in _columns(Citizen) if c != "id"]
    citizen_list = ", ".join(citizen_cols)
    citizen_values = ", ".join(f"c.{name}" for name in citizen_cols)
    return f"""
CREATE OR REPLACE FUNCTION counter_refuse(key text, detail jsonb) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION USING MESSAGE = '{REFUSAL}' || key, DETAIL = detail::text, ERRCODE = '42501';
END
$fn$;

CREATE OR REPLACE FUNCTION counter_citizen_id(unit text, number text) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
    b bytea := substring(sha256(convert_to('{CITIZEN_ID_PREFIX}:' || unit || ':' || number, 'UTF8')) FROM 1 FOR 16);
    h text;
BEGIN
    b := set_byte(b, 6, (get_byte(b, 6) & 15) | 128);
    b := set_byte(b, 8, (get_byte(b, 8) & 63) | 128);
    h := encode(b, 'hex');
    RETURN substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-' || substr(h, 13, 4) || '-' || substr(h, 17, 4)
        || '-' || substr(h, 21, 12);
END
$fn$;

CREATE OR REPLACE FUNCTION counter_canonical(v jsonb) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT AS $fn$
DECLARE
    kind text := jsonb_typeof(v);
    parts text[];
    k text;
    item jsonb;
BEGIN
    IF kind = 'object' THEN
        FOR k IN SELECT x FROM jsonb_object_keys(v) AS x ORDER BY x COLLATE "C" LOOP
            item := v -> k;
            parts := parts || (to_json(k)::text || ':' || CASE jsonb_typeof(item)
                WHEN 'object' THEN public.counter_canonical(item)
                WHEN 'array' THEN public.counter_canonical(item)
                WHEN 'string' THEN to_json(item #>> '{{}}')::text
                ELSE item::text END);
        END LOOP;
        RETURN '{{' || coalesce(array_to_string(parts, ','), '') || '}}';
    ELSIF kind = 'array' THEN
        FOR item IN SELECT jsonb_array_elements(v) LOOP
            parts := parts || CASE jsonb_typeof(item)
                WHEN 'object' THEN public.counter_canonical(item)
                WHEN 'array' THEN public.counter_canonical(item)
                WHEN 'string' THEN to_json(item #>> '{{}}')::text
                ELSE item::text END;
        END LOOP;
        RETURN '[' || coalesce(array_to_string(parts, ','), '') || ']';
    ELSIF kind = 'string' THEN
        RETURN to_json(v #>> '{{}}')::text;
    END IF;
    RETURN v::text;
END
$fn$;

CREATE OR REPLACE FUNCTION counter_event_hash(e public.dossier_event) RETURNS text
LANGUAGE sql IMMUTABLE AS $fn$
    SELECT encode(sha256(convert_to(public.counter_canonical(jsonb_build_object(
        'id', e.id, 'dossier_id', e.dossier_id, 'dossier_code', e.dossier_code, 'seq', e.seq, 'type', e.type,
        'officer_id', e.officer_id, 'officer_name', e.officer_name, 'unit_id', e.unit_id,
        'counter_id', e.counter_id,
        'device_time', to_char(e.device_time, 'YYYY-MM-DD"T"HH24:MI:SS')
            || CASE WHEN date_part('microseconds', e.device_time)::bigint % 1000000 <> 0
                    THEN '.' || to_char(e.device_time, 'US') ELSE '' END,
        'payload', e.payload::jsonb, 'prev_hash', e.prev_hash)), 'UTF8')), 'hex')
$fn$;

CREATE OR REPLACE FUNCTION counter_s10_ok(code text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $fn$
    -- a UPU S10 item code of VNPost, check digit included (domain.postal)
    SELECT CASE WHEN code ~ '^[A-Z]{{2}}[0-9]{{9}}{COUNTRY}$' THEN (
        SELECT CASE 11 - sum(substr(code, 2 + x.i::int, 1)::int * x.w) % 11
                   WHEN 10 THEN 0 WHEN 11 THEN 5 ELSE 11 - sum(substr(code, 2 + x.i::int, 1)::int * x.w) % 11 END
          FROM unnest(ARRAY{list(S10_WEIGHTS)}) WITH ORDINALITY AS x(w, i)) = substr(code, 11, 1)::int
    ELSE false END
$fn$;

CREATE OR REPLACE FUNCTION counter_unsafe_text(t text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $fn$
    -- raw control, bidi and zero-width characters, or JSON escapes of control characters other than TAB/LF/CR
    SELECT t ~ '[\\u0001-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF]'
        OR t ~* '\\\\u00(0[0-8bcef]|1[0-9a-f]|7f)'
$fn$;

CREATE OR REPLACE FUNCTION counter_may_change_citizen(citizen_id text, unit text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT EXISTS (SELECT 1 FROM public.citizen_origin o WHERE o.citizen_id = $1 AND o.unit_id = $2)
        OR EXISTS (SELECT 1 FROM public.dossier d WHERE d.citizen_id = $1 AND d.custodian_unit_id = $2)
$fn$;

CREATE OR REPLACE FUNCTION counter_event_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    actor text := public.counter_unit_of(session_user::text);
    d public.dossier%ROWTYPE;
    p jsonb := NEW.payload::jsonb;
    patch jsonb := coalesce(NEW.payload::jsonb -> 'set', '{{}}'::jsonb);
    ho jsonb := NEW.payload::jsonb -> 'handover';
    pending public.handover%ROWTYPE;
    has_pending boolean;
    bad text;
    merged jsonb;
BEGIN
    IF actor IS NULL AND coalesce(current_setting('counter_app.project', true), '') <> 'on' THEN
        RETURN NEW;
    END IF;
    IF actor IS NOT NULL AND NEW.unit_id IS DISTINCT FROM actor THEN
        PERFORM public.counter_refuse('not_own_unit', jsonb_build_object('unit', actor, 'event_unit', NEW.unit_id));
    END IF;
    IF jsonb_typeof(p) IS DISTINCT FROM 'object' OR jsonb_typeof(patch) <> 'object' THEN
        PERFORM public.counter_refuse('bad_payload', jsonb_build_object('type', NEW.type));
    END IF;
    SELECT k INTO bad FROM jsonb_object_keys(patch) AS k WHERE k <> ALL ({_array(PROJECTED_FIELDS)}) LIMIT 1;
    IF bad IS NOT NULL THEN
        PERFORM public.counter_refuse('unknown_field', jsonb_build_object('field', bad));
    END IF;
    IF NEW.hash IS DISTINCT FROM public.counter_event_hash(NEW) THEN
        PERFORM public.counter_refuse('bad_hash', '{{}}'::jsonb);
    END IF;
    IF public.counter_unsafe_text(p::text || NEW.officer_name || NEW.dossier_code || coalesce(NEW.counter_id, '')
                                  || NEW.type) THEN
        PERFORM public.counter_refuse('unsafe_text', jsonb_build_object('type', NEW.type));
    END IF;
    IF actor IS NOT NULL AND patch ? 'citizen_id' AND jsonb_typeof(patch -> 'citizen_id') = 'string'
       AND NOT public.counter_sees_citizen(patch ->> 'citizen_id', actor) THEN
        PERFORM public.counter_refuse('citizen_not_visible', '{{}}'::jsonb);
    END IF;
    IF NEW.type <> 'posted' AND EXISTS (SELECT 1 FROM unnest({_array(POST_COLUMNS)}) AS k WHERE patch ? k) THEN
        PERFORM public.counter_refuse('{POST_FIELDS}', '{{}}'::jsonb);
    END IF;
    SELECT * INTO d FROM public.dossier WHERE id = NEW.dossier_id FOR UPDATE;
    IF NOT FOUND THEN
        IF NEW.seq <> 1 OR NEW.prev_hash <> '' THEN
            PERFORM public.counter_refuse('chain', jsonb_build_object('seq', NEW.seq, 'central', 0));
        END IF;
        IF NEW.type <> ALL ({_array(FIRST_EVENTS)}) OR ho IS NOT NULL THEN
            PERFORM public.counter_refuse('not_first', jsonb_build_object('type', NEW.type));
        END IF;
        IF patch ->> 'received_unit_id' IS DISTINCT FROM NEW.unit_id
           OR patch ->> 'custodian_unit_id' IS DISTINCT FROM NEW.unit_id
           OR patch ->> 'code' IS DISTINCT FROM NEW.dossier_code THEN
            PERFORM public.counter_refuse('first_not_own', jsonb_build_object('unit', NEW.unit_id));
        END IF;
        merged := '{_dossier_defaults()}'::jsonb || patch || jsonb_build_object(
            'id', NEW.dossier_id, 'event_count', NEW.seq, 'last_event_hash', NEW.hash,
            'updated_at', NEW.device_time);
        INSERT INTO public.dossier (id, {dossier_list})
        SELECT id, {dossier_list} FROM jsonb_populate_record(NULL::public.dossier, merged);
    ELSE
        IF NEW.seq <> d.event_count + 1 OR NEW.prev_hash <> d.last_event_hash THEN
            PERFORM public.counter_refuse('chain', jsonb_build_object('seq', NEW.seq, 'central', d.event_count));
        END IF;
        SELECT * INTO pending FROM public.handover h WHERE h.dossier_id = d.id AND h.state = 'sent' LIMIT 1;
        has_pending := FOUND;
        IF NOT (
            CASE
                WHEN NEW.type = ANY ({_array(HANDOVER_ANSWERS)}) THEN has_pending AND NEW.unit_id = pending.to_unit_id
                WHEN NEW.type = '{HANDOVER_RECALL}' THEN NEW.unit_id = d.custodian_unit_id
                WHEN NEW.type = ANY ({_array(RETURN_POINT_EVENTS)}) THEN NEW.unit_id IN (d.custodian_unit_id, d.return_unit_id)
                ELSE NEW.unit_id = d.custodian_unit_id
            END) THEN
            PERFORM public.counter_refuse('not_custodian', jsonb_build_object('unit', NEW.unit_id, 'custodian', d.custodian_unit_id));
        END IF;
        SELECT k INTO bad FROM unnest({_array(SET_ONCE)}) AS k
         WHERE patch ? k AND patch ->> k IS DISTINCT FROM to_jsonb(d) ->> k LIMIT 1;
        IF bad IS NOT NULL THEN
            PERFORM public.counter_refuse('set_once', jsonb_build_object('field', bad));
        END IF;
        IF patch ? 'custodian_unit_id' AND patch ->> 'custodian_unit_id' IS DISTINCT FROM d.custodian_unit_id
           AND NOT (NEW.type = 'handover_accepted' AND patch ->> 'custodian_unit_id' = NEW.unit_id) THEN
            PERFORM public.counter_refuse('custody_moved', jsonb_build_object('type', NEW.type));
        END IF;
        IF NEW.type = 'handover_sent' THEN
            IF ho IS NULL OR has_pending OR ho ->> 'from_unit_id' IS DISTINCT FROM d.custodian_unit_id
               OR coalesce(ho ->> 'state', 'sent') <> 'sent'
               OR ho ->> 'to_unit_id' = d.custodian_unit_id
               OR NOT EXISTS (SELECT 1 FROM public.unit u WHERE u.id = ho ->> 'to_unit_id')
               OR EXISTS (SELECT 1 FROM public.handover h WHERE h.id = ho ->> 'id') THEN
                PERFORM public.counter_refuse('bad_handover', jsonb_build_object('type', NEW.type));
            END IF;
            INSERT INTO public.handover (id, dossier_id, from_unit_id, to_unit_id, reason, documents, sent_at,
                                         sent_by, state, answered_at, answered_by, answer_reason)
            VALUES (ho ->> 'id', d.id, ho ->> 'from_unit_id', ho ->> 'to_unit_id', coalesce(ho ->> 'reason', ''),
                    coalesce(ho -> 'documents', '[]'::jsonb)::json, NEW.device_time, NEW.officer_name, 'sent',
                    NULL, '', '');
        ELSIF NEW.type = ANY ({_array(HANDOVER_ANSWERS)}) THEN
            IF ho IS NULL OR ho ->> 'id' IS DISTINCT FROM pending.id
               OR ho ->> 'state' IS DISTINCT FROM
                  (CASE NEW.type WHEN 'handover_accepted' THEN 'accepted' ELSE 'returned' END) THEN
                PERFORM public.counter_refuse('bad_handover', jsonb_build_object('type', NEW.type));
            END IF;
            UPDATE public.handover h
               SET state = ho ->> 'state', answered_at = NEW.device_time, answered_by = NEW.officer_name,
                   answer_reason = coalesce(ho ->> 'answer_reason', '')
             WHERE h.id = pending.id;
        ELSIF NEW.type = '{HANDOVER_RECALL}' THEN
            -- the sender takes back a handover not answered yet, with a reason (services.handover.recall)
            IF NOT has_pending THEN
                PERFORM public.counter_refuse('{RECALL_NOT_WAITING}', '{{}}'::jsonb);
            END IF;
            IF ho IS NULL OR ho ->> 'id' IS DISTINCT FROM pending.id OR ho ->> 'state' IS DISTINCT FROM 'recalled'
               OR pending.from_unit_id IS DISTINCT FROM NEW.unit_id
               OR coalesce(ho ->> 'answer_reason', '') = '' THEN
                PERFORM public.counter_refuse('bad_handover', jsonb_build_object('type', NEW.type));
            END IF;
            UPDATE public.handover h
               SET state = 'recalled', answered_at = NEW.device_time, answered_by = NEW.officer_name,
                   answer_reason = ho ->> 'answer_reason'
             WHERE h.id = pending.id;
        ELSIF ho IS NOT NULL THEN
            PERFORM public.counter_refuse('bad_handover', jsonb_build_object('type', NEW.type));
        END IF;
        IF NEW.type = '{SENT_BACK_NOTED}' AND NOT EXISTS (
            SELECT 1 FROM public.handover h
             WHERE h.id = p ->> 'noted_handover' AND h.dossier_id = d.id AND h.state = 'returned'
               AND h.from_unit_id = NEW.unit_id) THEN
            PERFORM public.counter_refuse('{BAD_NOTE}', '{{}}'::jsonb);
        END IF;
        IF NEW.type = 'posted' AND (
            NOT public.counter_s10_ok(patch ->> 'post_item_code') OR patch ->> 'posted_at' IS NULL
            OR d.return_method <> 'post' OR d.status <> {int(Status.RESULT_READY)} OR d.posted_at IS NOT NULL
            OR EXISTS (SELECT 1 FROM jsonb_object_keys(patch) AS k WHERE k <> ALL ({_array(POST_COLUMNS)}))) THEN
            PERFORM public.counter_refuse('{BAD_POST}', '{{}}'::jsonb);
        END IF;
        IF NEW.type = 'returned'
           AND (d.posted_at IS NOT NULL) <> (coalesce(p ->> 'by_post', 'false') = 'true') THEN
            PERFORM public.counter_refuse('{POST_RETURN}', '{{}}'::jsonb);
        END IF;
        merged := to_jsonb(d) || patch || jsonb_build_object(
            'event_count', NEW.seq, 'last_event_hash', NEW.hash, 'updated_at', NEW.device_time);
        UPDATE public.dossier t SET ({dossier_list}) =
            (SELECT {dossier_list} FROM jsonb_populate_record(NULL::public.dossier, merged))
         WHERE t.id = d.id;
    END IF;
    IF p ? 'documents' THEN
        IF jsonb_typeof(p -> 'documents') <> 'array' THEN
            PERFORM public.counter_refuse('bad_payload', jsonb_build_object('type', NEW.type));
        END IF;
        DELETE FROM public.dossier_document WHERE dossier_id = NEW.dossier_id;
        IF EXISTS (SELECT 1 FROM jsonb_array_elements(p -> 'documents') AS x(e)
                    WHERE x.e ? 'file' AND NOT (x.e #>> '{{file,sha256}}' ~ '^[0-9a-f]{{64}}$'
                                               AND jsonb_typeof(x.e #> '{{file,size}}') = 'number'
                                               AND jsonb_typeof(x.e #> '{{file,pages}}') = 'number')) THEN
            PERFORM public.counter_refuse('bad_payload', jsonb_build_object('type', NEW.type));
        END IF;
        INSERT INTO public.dossier_document (dossier_id, position, name, copy_kind, quantity, received, reused,
                                             citizen_document_id, file_hash, file_size, file_pages)
        SELECT NEW.dossier_id, x.pos, x.e ->> 'name', coalesce(x.e ->> 'copy_kind', 'original'),
               coalesce((x.e ->> 'quantity')::int, 1), coalesce((x.e ->> 'received')::boolean, true),
               coalesce((x.e ->> 'reused')::boolean, false), x.e ->> 'citizen_document_id',
               coalesce(x.e #>> '{{file,sha256}}', ''), coalesce((x.e #>> '{{file,size}}')::int, 0),
               coalesce((x.e #>> '{{file,pages}}')::int, 0)
          FROM jsonb_array_elements(p -> 'documents') WITH ORDINALITY AS x(e, pos);
    END IF;
    RETURN NEW;
END
$fn$;

DROP TRIGGER IF EXISTS counter_event_guard ON dossier_event;
CREATE TRIGGER counter_event_guard BEFORE INSERT ON dossier_event
    FOR EACH ROW EXECUTE FUNCTION counter_event_guard();

CREATE OR REPLACE FUNCTION counter_put_citizens(rows jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    actor text := public.counter_unit_of(session_user::text);
    latest timestamp := (now() AT TIME ZONE 'Asia/Ho_Chi_Minh') + interval '{CLOCK_SKEW}';
    r jsonb;
    c public.citizen%ROWTYPE;
BEGIN
    FOR r IN SELECT * FROM jsonb_array_elements(rows) LOOP
        c := jsonb_populate_record(NULL::public.citizen, r);
        IF c.updated_at > latest THEN
            c.updated_at := now() AT TIME ZONE 'Asia/Ho_Chi_Minh';
        END IF;
        IF EXISTS (SELECT 1 FROM public.citizen t WHERE t.id = c.id) THEN
            IF actor IS NULL OR public.counter_may_change_citizen(c.id, actor) THEN
                UPDATE public.citizen t SET ({citizen_list}) = (SELECT {citizen_values})
                 WHERE t.id = c.id AND t.updated_at < c.updated_at;
            END IF;
        ELSIF actor IS NULL OR c.id = public.counter_citizen_id(actor, c.cccd) THEN
            INSERT INTO public.citizen (id, {citizen_list}) VALUES (c.id, {citizen_values});
        END IF;
    END LOOP;
END
$fn$;

CREATE OR REPLACE FUNCTION counter_put_citizen_documents(rows jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    actor text := public.counter_unit_of(session_user::text);
BEGIN
    INSERT INTO public.citizen_document
    -- columns a row leaves out (a counter of an earlier version) take their defaults, not NULL
    SELECT x.* FROM jsonb_populate_recordset(
        jsonb_populate_record(NULL::public.citizen_document,
                              '{{"file_hash": "", "file_size": 0, "file_pages": 0, "dossier_code": ""}}'),
        rows) AS x
     WHERE NOT EXISTS (SELECT 1 FROM public.citizen_document t WHERE t.id = x.id)
       AND EXISTS (SELECT 1 FROM public.citizen c WHERE c.id = x.citizen_id)
       AND (actor IS NULL OR public.counter_may_change_citizen(x.citizen_id, actor));
END
$fn$;
"""


#: functions a counter's role may call (``sync.security`` grants EXECUTE to the group only)
FUNCTIONS = ("counter_put_citizens(jsonb)", "counter_put_citizen_documents(jsonb)")
#: functions nobody calls directly (trigger, helpers)
INTERNAL_FUNCTIONS = (
    "counter_event_guard()",
    "counter_refuse(text, jsonb)",
    "counter_citizen_id(text, text)",
    "counter_s10_ok(text)",
)
