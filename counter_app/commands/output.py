"""How commands write: lines for people, raw bytes (CSV, PDF), JSON Lines for monitoring, warnings.

Tab-separated lines (the default listing of ``inbox``, ``calendar list``, ``officer list``, ``catalogue
list``): one row per line, fields joined by TAB; a TAB, LF, CR or backslash inside a value is written as
``\\t``, ``\\n``, ``\\r``, ``\\\\`` (the escapes of PostgreSQL's COPY text format), and any other control
character as ``\\xHH``, so no value can break a row or a column, and the row reads back unchanged.

JSON Lines (``--json``): one object per line, UTF-8 (never ``\\uXXXX`` escapes for Vietnamese), field names
in English snake_case, times in ISO 8601 with the counters' UTC offset (the store keeps naive local time of
Asia/Ho_Chi_Minh), ``null`` for what is unknown.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from datetime import date, datetime

from counter_app.domain import vntext

PROGRAM = "counter-app"


def one_line(text: object) -> str:
    """``text`` (any object, as ``str``) on one line."""
    return vntext.one_line(str(text))


_TSV_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def tsv_field(value: object) -> str:
    """``value`` (as ``str``) made safe for one field of a tab-separated row."""
    out = []
    for char in str(value):
        if char in _TSV_ESCAPES:
            out.append(_TSV_ESCAPES[char])
        elif (ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0) or char in "\u2028\u2029\x85":
            out.append(f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "".join(out)


def tsv_row(*values: object) -> str:
    """One tab-separated row of ``values``, each escaped by :func:`tsv_field` (no trailing TAB kept)."""
    return "\t".join(tsv_field(v) for v in values).rstrip("\t")


def warn(message: object) -> None:
    """One line on standard error, prefixed with the program's name (how every failure is reported)."""
    print(f"{PROGRAM}: {one_line(message)}", file=sys.stderr, flush=True)


def write_bytes(data: bytes) -> None:
    """``data`` as they are on standard output (a CSV with its byte-order mark, a PDF)."""
    sys.stdout.flush()
    raw = getattr(sys.stdout, "buffer", None)
    if raw is None:  # a text-only stream (some test harnesses): text goes through as it decodes
        sys.stdout.write(data.decode("utf-8", "replace"))
        return
    raw.write(data)
    raw.flush()


def iso_time(moment: datetime | None) -> str | None:
    """``2026-11-20T08:37:05+07:00`` for a naive local time of the store (an aware one keeps its zone)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        from counter_app.domain._time import local_tz

        moment = moment.replace(tzinfo=local_tz())
    return moment.isoformat()


def _json_value(value: object) -> object:
    if isinstance(value, datetime):
        return iso_time(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def json_line(record: Mapping[str, object]) -> None:
    """``record`` as one JSON object on one line of standard output, UTF-8."""
    text = json.dumps(record, ensure_ascii=False, default=_json_value, separators=(",", ":"))
    write_bytes(f"{text}\n".encode())
