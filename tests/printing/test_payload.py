"""The signed receipt QR payload: genuine ones verify; altered, cut, foreign or random ones never do."""

from __future__ import annotations

import string
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.printing.payload import (
    PREFIX,
    ReceiptClaims,
    VerificationError,
    _from_digits,
    _to_digits,
    read_claims,
    sign_receipt,
    verify_payload,
)
from counter_app.printing.signing import CounterSigner, KeyRing, public_key_text

CLAIMS = ReceiptClaims(
    dossier_code="000.00.53.H48-261122-2007",
    unit_code="000.00.53.H48",
    procedure_code="1.001193",
    received_at=datetime(2026, 11, 22, 8, 37, 12),
    due_at=datetime(2026, 11, 25, 8, 37, 12),
)
SIGNER = CounterSigner.generate("000.00.53.H48-1")
OTHER = CounterSigner.generate("000.00.53.H51-3")


def ring_with(*signers: CounterSigner) -> KeyRing:
    ring = KeyRing()
    for signer in signers:
        ring.import_public_key(public_key_text(signer.public_key, signer.counter_id).encode())
    return ring


RING = ring_with(SIGNER)
PAYLOAD = sign_receipt(CLAIMS, SIGNER)


def reason(payload: str, ring: KeyRing = RING) -> VerificationError:
    with pytest.raises(VerificationError) as error:
        verify_payload(payload, ring)
    message = str(error.value)
    assert message and "\n" not in message and any(ch in message for ch in "ăâđêôơưạảấầẩẫậắằẳẵặ")
    return error.value


def test_payload_is_digits_after_the_prefix_and_fits_a_small_qr():
    assert PAYLOAD.startswith(PREFIX)
    assert PAYLOAD[len(PREFIX) :].isdigit()
    assert len(PAYLOAD) < 270


def test_genuine_payload_verifies_with_all_fields():
    verified = verify_payload(PAYLOAD, RING)
    assert verified.dossier_code == CLAIMS.dossier_code
    assert verified.unit_code == CLAIMS.unit_code
    assert verified.procedure_code == CLAIMS.procedure_code
    assert verified.received_at == CLAIMS.received_at
    assert verified.due_at == CLAIMS.due_at
    assert verified.key_id == SIGNER.key_id
    assert verified.counter_id == "000.00.53.H48-1"


def test_scanner_whitespace_and_lowercase_prefix_are_accepted():
    assert verify_payload(f"  {PAYLOAD.lower()}\r\n", RING).dossier_code == CLAIMS.dossier_code


def test_every_single_character_change_is_rejected():
    for i in range(len(PAYLOAD)):
        for replacement in {"0", "5", "9", "A"} - {PAYLOAD[i]}:
            altered = PAYLOAD[:i] + replacement + PAYLOAD[i + 1 :]
            if i < len(PREFIX) and altered.upper() == PAYLOAD:
                continue  # "mc:" is the same prefix
            reason(altered)


def test_changed_digit_in_the_signed_fields_is_reported_as_tampering():
    # Digits 40.. cover the times and codes: altering them keeps the key id, so the signature fails.
    i = len(PREFIX) + 40
    altered = PAYLOAD[:i] + str((int(PAYLOAD[i]) + 1) % 10) + PAYLOAD[i + 1 :]
    assert reason(altered).kind in {"bad_signature", "tampered"}


def test_every_truncation_is_rejected():
    for end in range(len(PAYLOAD)):
        reason(PAYLOAD[:end])
    assert reason(PAYLOAD[:-17]).kind == "truncated"
    assert reason(PAYLOAD[:-1]).kind == "truncated"


def test_appended_data_is_rejected():
    assert reason(PAYLOAD + "00000000000000000").kind == "tampered"


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "MC:",
        "hello",
        "MC:12a4",
        "https://dichvucong.gov.vn",
        "MC:１２３",
        "MC:1\udcff",
        "MC:" + "9" * 5000,
        "000.00.53.H48-261122-2007",
        "MC:-123",
        "MC:1_000",
    ],
)
def test_garbage_is_rejected_as_such(garbage):
    assert reason(garbage).kind in {"garbage", "truncated", "tampered"}


def test_a_non_string_is_rejected_not_crashed():
    with pytest.raises(VerificationError):
        verify_payload(None, RING)  # type: ignore[arg-type]


def test_another_counters_payload_verifies_only_once_its_key_is_imported(tmp_path):
    foreign = sign_receipt(CLAIMS, OTHER)
    ring = KeyRing(tmp_path)
    error = reason(foreign, ring)
    assert error.kind == "unknown_key"
    assert OTHER.key_id in str(error)
    ring.import_public_key(public_key_text(OTHER.public_key, OTHER.counter_id).encode())
    assert verify_payload(foreign, ring).key_id == OTHER.key_id
    # ...and stays trusted in a later run that reads the same keys directory.
    assert verify_payload(foreign, KeyRing(tmp_path)).counter_id == "000.00.53.H51-3"


def test_signature_by_one_key_relabelled_with_another_key_id_fails():
    foreign = sign_receipt(CLAIMS, OTHER)
    data = _from_digits(foreign[len(PREFIX) :])
    forged = data[:1] + bytes.fromhex(SIGNER.key_id) + data[7:]
    assert reason(PREFIX + _to_digits(forged), ring_with(SIGNER, OTHER)).kind == "bad_signature"


def test_unsupported_version_is_named():
    data = _from_digits(PAYLOAD[len(PREFIX) :])
    error = reason(PREFIX + _to_digits(b"\x07" + data[1:]))
    assert error.kind == "unsupported" and "7" in str(error)
    assert reason(PREFIX + _to_digits(b"\xc8" + data[1:])).kind == "tampered"  # 200: noise, not a format


def test_a_few_digits_are_called_truncated_not_a_new_format():
    assert reason("MC:123").kind == "truncated"
    assert reason(PAYLOAD[:25]).kind == "truncated"


def test_codes_not_derived_from_the_unit_are_carried_in_full():
    claims = ReceiptClaims(
        "H51.22-20261122-ABC", "000.00.53.H48", "2.000815", CLAIMS.received_at, CLAIMS.due_at
    )
    verified = verify_payload(sign_receipt(claims, SIGNER), RING)
    assert verified.dossier_code == "H51.22-20261122-ABC"


def test_read_claims_does_not_need_the_key():
    assert read_claims(sign_receipt(CLAIMS, OTHER)).dossier_code == CLAIMS.dossier_code


def test_out_of_range_times_and_empty_fields_are_refused_when_signing():
    with pytest.raises(ValueError):
        sign_receipt(ReceiptClaims("X-1", "X", "1.1", datetime(1999, 12, 31), CLAIMS.due_at), SIGNER)
    with pytest.raises(ValueError):
        sign_receipt(ReceiptClaims("X-1", "", "1.1", CLAIMS.received_at, CLAIMS.due_at), SIGNER)


# --- properties -------------------------------------------------------------------------------------------


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_gives_a_clean_answer(text):
    try:
        verify_payload(text, RING)
    except VerificationError as error:
        assert error.kind in {
            "garbage",
            "truncated",
            "tampered",
            "unsupported",
            "unknown_key",
            "bad_signature",
        }
        assert str(error)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=string.digits, max_size=400))
def test_any_digits_after_the_prefix_give_a_clean_answer(digits):
    try:
        verify_payload(PREFIX + digits, RING)
    except VerificationError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_any_well_encoded_bytes_give_a_clean_answer(data):
    try:
        verify_payload(PREFIX + _to_digits(data), RING)
    except VerificationError:
        pass


def test_digit_encoding_round_trips_every_length():
    for n in range(0, 60):
        data = bytes(range(255, 255 - n, -1))
        assert _from_digits(_to_digits(data)) == data


codes = st.text(alphabet=string.ascii_uppercase + string.digits + ".-", min_size=1, max_size=30)


@settings(max_examples=150, deadline=None)
@given(
    unit=codes,
    procedure=codes,
    sequence=st.one_of(st.integers(0, 9999), codes),
    received=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2120, 1, 1)),
    days=st.integers(0, 3650),
)
def test_any_claims_round_trip(unit, procedure, sequence, received, days):
    received = received.replace(microsecond=0)
    code = f"{unit}-{received:%y%m%d}-{sequence:04d}" if isinstance(sequence, int) else sequence
    claims = ReceiptClaims(code, unit, procedure, received, received + timedelta(days=days))
    verified = verify_payload(sign_receipt(claims, SIGNER), RING)
    assert (
        ReceiptClaims(
            verified.dossier_code,
            verified.unit_code,
            verified.procedure_code,
            verified.received_at,
            verified.due_at,
        )
        == claims
    )
