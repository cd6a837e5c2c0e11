"""The signed QR payload of a receipt (Mẫu 01): compact, digits only, verifiable offline.

Text form: ``MC:`` followed by decimal digits.  The digits carry, 7 bytes per 17 digits (a last
partial group of k bytes takes 3, 5, 8, 10, 13 or 15 digits), this binary message::

    version      1 byte   (1)
    key id       6 bytes  first bytes of SHA-256 of the signing counter's public key
    flags        1 byte   bit 0: the dossier code is "<unit code>-<YYMMDD received>-<NNNN>"
    received     4 bytes  seconds since 2000-01-01 00:00, local time, big-endian
    due          4 bytes  same
    unit code    1 byte length + UTF-8
    dossier code 2 bytes NNNN when flag bit 0 is set, else 1 byte length + UTF-8
    procedure    1 byte length + UTF-8
    signature    64 bytes Ed25519 over b"counter-app/receipt/v1\\0" + everything above

Digits are what a QR code stores most densely after raw bytes (numeric mode, 10 bits per 3
digits), they survive keyboard-wedge scanners and shells unquoted, and a typical receipt fits
a version 7 code at error correction level M (45 × 45 modules).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, Protocol

from cryptography.exceptions import InvalidSignature

from counter_app.locale import t

from .signing import KEY_ID_BYTES, KeyRing

PREFIX = "MC:"
FORMAT_VERSION = 1
SIGNATURE_BYTES = 64
MAX_FIELD_BYTES = 64
_SIGNING_CONTEXT = b"counter-app/receipt/v1\x00"
_EPOCH = datetime(2000, 1, 1)
_MAX_SECONDS = 2**32 - 1
_FLAG_COMPACT_CODE = 0x01
_GROUP_BYTES = 7
_GROUP_DIGITS = 17
_DIGITS_FOR = {1: 3, 2: 5, 3: 8, 4: 10, 5: 13, 6: 15, 7: 17}
_BYTES_FOR = {digits: n for n, digits in _DIGITS_FOR.items()}
_MAX_DIGITS = 700  # the longest message the encoder can produce is ~670 digits
_MIN_BYTES = 1 + KEY_ID_BYTES + 1 + 8 + 2 + 2 + 2 + SIGNATURE_BYTES  # one-letter codes, compact dossier code
_MAX_KNOWN_VERSION = 15  # a higher "version" is noise, not a newer format

FailureKind = Literal["garbage", "truncated", "tampered", "unsupported", "unknown_key", "bad_signature"]


class VerificationError(Exception):
    """A payload that is not a genuine receipt; ``str()`` is one Vietnamese sentence saying why.

    ``kind`` says what was wrong: ``garbage`` (not a receipt payload at all), ``truncated``
    (data missing), ``tampered`` (unreadable or altered data), ``unsupported`` (a newer format),
    ``unknown_key`` (signed by a key this machine does not know), ``bad_signature``.
    """

    def __init__(self, kind: FailureKind, key: str, **params: object) -> None:
        self.kind = kind
        self.key = key
        self.params = params
        super().__init__(t(key, **params))


class Signer(Protocol):
    @property
    def key_id(self) -> str: ...

    def sign(self, message: bytes) -> bytes: ...


@dataclass(frozen=True)
class ReceiptClaims:
    """What a receipt's QR code asserts."""

    dossier_code: str
    unit_code: str
    """One-stop code of the receiving unit."""
    procedure_code: str
    received_at: datetime
    """Naive local time, whole seconds."""
    due_at: datetime


@dataclass(frozen=True)
class VerifiedReceipt(ReceiptClaims):
    """Claims whose signature checked out against a known key."""

    key_id: str
    counter_id: str | None
    """The counter named in the public key file, if any."""


# --- encoding ---------------------------------------------------------------------------------------------


def _seconds(dt: datetime, name: str) -> int:
    seconds = int((dt.replace(microsecond=0, tzinfo=None) - _EPOCH).total_seconds())
    if not 0 <= seconds <= _MAX_SECONDS:
        raise ValueError(f"{name} {dt} is outside 2000-01-01 .. 2136-02-07")
    return seconds


def _text_field(value: str, name: str) -> bytes:
    data = value.encode("utf-8")
    if not data or len(data) > MAX_FIELD_BYTES:
        raise ValueError(f"{name} must be 1..{MAX_FIELD_BYTES} bytes of UTF-8, got {value!r}")
    return bytes([len(data)]) + data


def _compact_sequence(claims: ReceiptClaims) -> int | None:
    prefix = f"{claims.unit_code}-{claims.received_at:%y%m%d}-"
    rest = claims.dossier_code.removeprefix(prefix)
    if claims.dossier_code.startswith(prefix) and len(rest) == 4 and rest.isascii() and rest.isdigit():
        return int(rest)
    return None


def _message(claims: ReceiptClaims, key_id: bytes) -> bytes:
    sequence = _compact_sequence(claims)
    body = bytearray([FORMAT_VERSION])
    body += key_id
    body.append(_FLAG_COMPACT_CODE if sequence is not None else 0)
    body += struct.pack(">II", _seconds(claims.received_at, "received_at"), _seconds(claims.due_at, "due_at"))
    body += _text_field(claims.unit_code, "unit_code")
    body += (
        struct.pack(">H", sequence)
        if sequence is not None
        else _text_field(claims.dossier_code, "dossier_code")
    )
    body += _text_field(claims.procedure_code, "procedure_code")
    return bytes(body)


def _to_digits(data: bytes) -> str:
    return "".join(
        str(int.from_bytes(data[i : i + _GROUP_BYTES], "big")).zfill(
            _DIGITS_FOR[len(data[i : i + _GROUP_BYTES])]
        )
        for i in range(0, len(data), _GROUP_BYTES)
    )


def sign_receipt(claims: ReceiptClaims, signer: Signer) -> str:
    """The QR payload for ``claims``, signed by ``signer``.

    Raises :class:`ValueError` for a time outside 2000-2136 or an empty/over-long text field.
    """
    body = _message(claims, bytes.fromhex(signer.key_id))
    return PREFIX + _to_digits(body + signer.sign(_SIGNING_CONTEXT + body))


# --- decoding ---------------------------------------------------------------------------------------------


def _from_digits(digits: str) -> bytes:
    full, rest = divmod(len(digits), _GROUP_DIGITS)
    if rest and rest not in _BYTES_FOR:
        raise VerificationError("truncated", "printing.verify.bad_length")
    out = bytearray()
    for i in range(0, len(digits), _GROUP_DIGITS):
        group = digits[i : i + _GROUP_DIGITS]
        n = _BYTES_FOR[len(group)]
        value = int(group)
        if value >= 1 << (8 * n):
            raise VerificationError("tampered", "printing.verify.tampered")
        out += value.to_bytes(n, "big")
    return bytes(out)


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise VerificationError("truncated", "printing.verify.truncated")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def text(self) -> str:
        (length,) = self.take(1)
        try:
            value = self.take(length).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise VerificationError("tampered", "printing.verify.tampered") from exc
        if not value or not value.isprintable():
            raise VerificationError("tampered", "printing.verify.tampered")
        return value


def _decode(payload: object) -> tuple[ReceiptClaims, str, bytes, bytes]:
    """(claims, key id, signed message, signature) — raises :class:`VerificationError`."""
    if not isinstance(payload, str):
        raise VerificationError("garbage", "printing.verify.garbage")
    text = payload.strip()
    if text[: len(PREFIX)].upper() != PREFIX:
        raise VerificationError("garbage", "printing.verify.garbage")
    digits = text[len(PREFIX) :]
    if not digits or not (digits.isascii() and digits.isdigit()) or len(digits) > _MAX_DIGITS:
        raise VerificationError("garbage", "printing.verify.garbage")
    data = _from_digits(digits)
    if len(data) < _MIN_BYTES:
        raise VerificationError("truncated", "printing.verify.truncated")
    reader = _Reader(data)
    (version,) = reader.take(1)
    if version != FORMAT_VERSION:
        if version > _MAX_KNOWN_VERSION:
            raise VerificationError("tampered", "printing.verify.tampered")
        raise VerificationError("unsupported", "printing.verify.unsupported", version=version)
    key_id = reader.take(KEY_ID_BYTES).hex()
    (flags,) = reader.take(1)
    if flags & ~_FLAG_COMPACT_CODE:
        raise VerificationError("tampered", "printing.verify.tampered")
    received_s, due_s = struct.unpack(">II", reader.take(8))
    received_at = _EPOCH + timedelta(seconds=received_s)
    due_at = _EPOCH + timedelta(seconds=due_s)
    unit_code = reader.text()
    if flags & _FLAG_COMPACT_CODE:
        (sequence,) = struct.unpack(">H", reader.take(2))
        if sequence > 9999:
            raise VerificationError("tampered", "printing.verify.tampered")
        dossier_code = f"{unit_code}-{received_at:%y%m%d}-{sequence:04d}"
    else:
        dossier_code = reader.text()
    procedure_code = reader.text()
    message = data[: reader.pos]
    signature = data[reader.pos :]
    if len(signature) < SIGNATURE_BYTES:
        raise VerificationError("truncated", "printing.verify.truncated")
    if len(signature) > SIGNATURE_BYTES:
        raise VerificationError("tampered", "printing.verify.tampered")
    claims = ReceiptClaims(dossier_code, unit_code, procedure_code, received_at, due_at)
    return claims, key_id, message, signature


def read_claims(payload: str) -> ReceiptClaims:
    """The claims of a payload WITHOUT checking its signature — to look a dossier up from a
    scanned receipt.  Raises :class:`VerificationError` when it cannot even be read."""
    return _decode(payload)[0]


def verify_payload(payload: str, keyring: KeyRing) -> VerifiedReceipt:
    """The claims of a genuine payload signed by a key in ``keyring``.

    Raises :class:`VerificationError` — and nothing else, whatever the string — when the
    payload is garbage, truncated, altered, of an unknown format, or signed by an unknown key.
    """
    claims, key_id, message, signature = _decode(payload)
    known = keyring.get(key_id)
    if known is None:
        raise VerificationError("unknown_key", "printing.verify.unknown_key", key_id=key_id)
    try:
        known.public_key.verify(signature, _SIGNING_CONTEXT + message)
    except InvalidSignature as exc:
        raise VerificationError("bad_signature", "printing.verify.bad_signature", key_id=key_id) from exc
    return VerifiedReceipt(
        claims.dossier_code,
        claims.unit_code,
        claims.procedure_code,
        claims.received_at,
        claims.due_at,
        key_id=key_id,
        counter_id=known.counter_id,
    )
