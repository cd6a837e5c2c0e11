"""Counter keys: created once, private file 0600 from birth, public key exported; the key ring."""

from __future__ import annotations

import os
import stat

import pytest

from counter_app.printing import signing
from counter_app.printing.signing import (
    CounterSigner,
    KeyFileError,
    KeyRing,
    key_id_of,
    own_signers,
    parse_public_key,
    public_key_text,
    raw_public_bytes,
)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_first_use_creates_a_0600_key_and_exports_the_public_key(tmp_path):
    keys = tmp_path / "keys"
    signer = CounterSigner.load_or_create(keys, "000.00.53.H48-1")
    key_file = keys / "000.00.53.H48-1.key"
    assert key_file.exists()
    assert mode(key_file) == 0o600
    assert mode(keys) & 0o077 == 0
    public = keys / "public" / f"{signer.key_id}.pub"
    text = public.read_text()
    assert "# counter: 000.00.53.H48-1" in text and "BEGIN PUBLIC KEY" in text
    assert "PRIVATE" not in text
    assert len(signer.key_id) == 12 and signer.key_id == key_id_of(signer.public_key)


def test_key_file_is_never_readable_by_others_even_with_a_permissive_umask(tmp_path, monkeypatch):
    created_modes = []
    real_open = os.open

    def spy_open(path, flags, mode=0o777, *args, **kwargs):
        if flags & os.O_CREAT and str(path).endswith(".tmp") and ".key." in str(path):
            created_modes.append(mode)
        return real_open(path, flags, mode, *args, **kwargs)

    monkeypatch.setattr(signing.os, "open", spy_open)
    old = os.umask(0)
    try:
        CounterSigner.load_or_create(tmp_path, "q1")
    finally:
        os.umask(old)
    assert created_modes == [0o600]  # created with 0600 by os.open, not chmod-ed afterwards
    assert mode(tmp_path / "q1.key") == 0o600


def test_second_use_loads_the_same_key(tmp_path):
    first = CounterSigner.load_or_create(tmp_path, "q1")
    second = CounterSigner.load_or_create(tmp_path, "q1")
    assert first.key_id == second.key_id
    assert first.sign(b"x") != b"" and second.public_key.verify(first.sign(b"x"), b"x") is None


def test_a_lost_public_export_comes_back(tmp_path):
    signer = CounterSigner.load_or_create(tmp_path, "q1")
    public = tmp_path / "public" / f"{signer.key_id}.pub"
    public.unlink()
    CounterSigner.load_or_create(tmp_path, "q1")
    assert public.exists()


def test_a_world_readable_private_key_is_restricted_on_load(tmp_path):
    CounterSigner.load_or_create(tmp_path, "q1")
    os.chmod(tmp_path / "q1.key", 0o644)
    CounterSigner.load_or_create(tmp_path, "q1")
    assert mode(tmp_path / "q1.key") == 0o600


def test_two_counters_two_keys(tmp_path):
    a = CounterSigner.load_or_create(tmp_path, "q1")
    b = CounterSigner.load_or_create(tmp_path, "q2")
    assert a.key_id != b.key_id
    assert [s.counter_id for s in own_signers(tmp_path)] == ["q1", "q2"]
    assert set(KeyRing(tmp_path).key_ids()) == {a.key_id, b.key_id}


@pytest.mark.parametrize("counter_id", ["", "../escape", ".hidden", "quầy 1", "a/b", "x" * 65])
def test_counter_ids_that_are_not_safe_file_names_are_refused(tmp_path, counter_id):
    with pytest.raises(KeyFileError) as error:
        CounterSigner.load_or_create(tmp_path, counter_id)
    assert "Mã quầy" in str(error.value)
    assert not any(tmp_path.rglob("*.key"))


def test_a_corrupt_private_key_is_a_clear_error(tmp_path):
    (tmp_path / "q1.key").write_bytes(b"not a key")
    os.chmod(tmp_path / "q1.key", 0o600)
    with pytest.raises(KeyFileError) as error:
        CounterSigner.load_or_create(tmp_path, "q1")
    assert "bị hỏng" in str(error.value)


def test_keyring_imports_pem_raw_and_path_and_persists(tmp_path):
    a, b, c = (CounterSigner.generate(f"q{i}") for i in range(3))
    source = tmp_path / "a.pub"
    source.write_text(public_key_text(a.public_key, "q0"))
    ring = KeyRing(tmp_path / "keys")
    assert ring.import_public_key(source).counter_id == "q0"
    assert ring.import_public_key(raw_public_bytes(b.public_key)).key_id == b.key_id
    assert ring.import_public_key(str(source)).key_id == a.key_id  # a path given as text
    assert c.key_id not in ring
    again = KeyRing(tmp_path / "keys")
    assert set(again.key_ids()) == {a.key_id, b.key_id}
    assert again.get(a.key_id).counter_id == "q0"


def test_keyring_without_persist_keeps_the_key_in_memory_only(tmp_path):
    signer = CounterSigner.generate("q1")
    ring = KeyRing(tmp_path)
    ring.import_public_key(raw_public_bytes(signer.public_key), persist=False)
    assert signer.key_id in ring
    assert signer.key_id not in KeyRing(tmp_path)


@pytest.mark.parametrize(
    "data", [b"", b"hello", b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", b"\x00" * 31]
)
def test_importing_something_that_is_not_an_ed25519_public_key_fails_clearly(tmp_path, data):
    with pytest.raises(KeyFileError) as error:
        KeyRing(tmp_path).import_public_key(data)
    assert "khóa công khai Ed25519" in str(error.value)


def test_importing_a_private_key_file_is_refused(tmp_path):
    CounterSigner.load_or_create(tmp_path, "q1")
    with pytest.raises(KeyFileError):
        KeyRing(tmp_path / "other").import_public_key(tmp_path / "q1.key")


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(KeyFileError) as error:
        KeyRing(tmp_path).import_public_key(tmp_path / "none.pub")
    assert "Không đọc được tệp" in str(error.value)


def test_a_broken_pub_file_in_the_ring_is_skipped_and_reported(tmp_path):
    signer = CounterSigner.load_or_create(tmp_path, "q1")
    (tmp_path / "public" / "broken.pub").write_text("garbage")
    ring = KeyRing(tmp_path)
    assert signer.key_id in ring
    assert len(ring.problems) == 1 and "broken.pub" in ring.problems[0]


def test_parse_public_key_reads_the_counter_label():
    signer = CounterSigner.generate("q9")
    key, counter = parse_public_key(public_key_text(signer.public_key, "q9").encode())
    assert counter == "q9" and key_id_of(key) == signer.key_id


def test_when_another_process_creates_the_key_first_its_key_is_used(tmp_path, monkeypatch):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    winner = Ed25519PrivateKey.generate()
    real_write_new = signing.write_new

    def racing_write_new(data, candidates, *, mode):
        candidates = list(candidates)
        pem = winner.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        real_write_new(pem, candidates, mode=mode)  # the other process wins the race...
        return real_write_new(data, candidates, mode=mode)  # ...so ours finds the name taken

    monkeypatch.setattr(signing, "write_new", racing_write_new)
    signer = CounterSigner.load_or_create(tmp_path, "q1")
    assert signer.key_id == key_id_of(winner.public_key())
    assert CounterSigner.load_or_create(tmp_path, "q1").key_id == signer.key_id


def test_a_counter_label_cannot_smuggle_terminal_escapes():
    signer = CounterSigner.generate("q9")
    text = public_key_text(signer.public_key, None).replace(
        "# key-id", "# counter: q\x1b[2Jx\x07\n# key-id", 1
    )
    _, counter = parse_public_key(text.encode())
    assert counter == "q[2Jx"
