"""Ed25519 keys of the counters: each counter signs its receipts' QR codes with its own key.

Files under ``keys_dir``:

* ``<counter_id>.key`` — the counter's private key (PKCS#8 PEM), created on first use with
  mode 0600 from the start (never world-readable, not even briefly);
* ``public/<key_id>.pub`` — public keys: the counter's own, exported when it is created, and
  those of other counters imported with :meth:`KeyRing.import_public_key`
  (``counter-app keys import FILE``).  A ``.pub`` file is a PEM block preceded by comment lines
  naming the counter.

A key id is the first 6 bytes of SHA-256 of the raw 32-byte public key, in hex (12 characters);
the QR payload carries those 6 bytes to name the key that signed it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from counter_app.locale import t

from .files import write_new, write_replacing

log = logging.getLogger(__name__)

KEY_ID_BYTES = 6
PUBLIC_DIR = "public"
_COUNTER_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._#-]{0,63}")  # "<one-stop code>#<n>"
_PEM_BLOCK = re.compile(rb"-----BEGIN PUBLIC KEY-----.+?-----END PUBLIC KEY-----", re.S)
_COUNTER_LINE = re.compile(r"^#\s*counter:\s*(.+?)\s*$", re.M)


class KeyFileError(Exception):
    """A key file that cannot be read, written or imported; ``str()`` is the Vietnamese reason."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(t(key, **params))


def raw_public_bytes(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def published_form(public_key: Ed25519PublicKey) -> str:
    """The key as the central store publishes it (``counter_key.public_key``): the raw 32 bytes, base64."""
    return base64.b64encode(raw_public_bytes(public_key)).decode("ascii")


def from_published_form(text: str) -> Ed25519PublicKey:
    """The key of a ``counter_key.public_key`` value; ``ValueError`` when it is not 32 bytes of base64."""
    try:
        raw = base64.b64decode(text, validate=True)
    except binascii.Error as exc:
        raise ValueError("not base64") from exc
    return Ed25519PublicKey.from_public_bytes(raw)  # ValueError unless 32 bytes


def key_id_bytes(public_key: Ed25519PublicKey) -> bytes:
    return hashlib.sha256(raw_public_bytes(public_key)).digest()[:KEY_ID_BYTES]


def key_id_of(public_key: Ed25519PublicKey) -> str:
    """The short id of a public key: 12 hex characters."""
    return key_id_bytes(public_key).hex()


def public_key_text(public_key: Ed25519PublicKey, counter_id: str | None) -> str:
    """The content of a ``.pub`` file: comments naming the key and counter, then the PEM block."""
    pem = public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    head = "# counter-app public key (Ed25519) for receipt QR codes\n"
    if counter_id:
        head += f"# counter: {counter_id}\n"
    return f"{head}# key-id: {key_id_of(public_key)}\n{pem.decode('ascii')}"


def _check_counter_id(counter_id: str) -> None:
    if not isinstance(counter_id, str) or not _COUNTER_ID.fullmatch(counter_id):
        raise KeyFileError("printing.keys.bad_counter_id", counter_id=counter_id)


@dataclass(frozen=True)
class CounterSigner:
    """A counter's signing key."""

    counter_id: str
    private_key: Ed25519PrivateKey = field(repr=False, compare=False)
    key_id: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key_id", key_id_of(self.private_key.public_key()))

    @property
    def public_key(self) -> Ed25519PublicKey:
        return self.private_key.public_key()

    @property
    def key_id_bytes(self) -> bytes:
        return bytes.fromhex(self.key_id)

    def sign(self, message: bytes) -> bytes:
        return self.private_key.sign(message)

    @classmethod
    def generate(cls, counter_id: str) -> CounterSigner:
        """A fresh key kept in memory only (tests, previews)."""
        _check_counter_id(counter_id)
        return cls(counter_id, Ed25519PrivateKey.generate())

    @classmethod
    def load_or_create(cls, keys_dir: Path, counter_id: str) -> CounterSigner:
        """The counter's key from ``keys_dir/<counter_id>.key``, created (0600) on first use.

        The public key is (re-)exported to ``keys_dir/public/<key_id>.pub`` every time, so a
        deleted export comes back.  Safe when two processes start at once: the key file appears
        complete or not at all, and the loser of the race loads the winner's key.
        """
        _check_counter_id(counter_id)
        keys_dir = Path(keys_dir)
        try:
            keys_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            path = keys_dir / f"{counter_id}.key"
            private_key = _load_private(path) if path.exists() else _create_private(path)
            signer = cls(counter_id, private_key)
            signer.export_public(keys_dir / PUBLIC_DIR)
        except OSError as exc:
            raise KeyFileError("printing.keys.io_error", path=keys_dir, error=exc.strerror or exc) from exc
        return signer

    def export_public(self, directory: Path) -> Path:
        """Write ``<key_id>.pub`` into ``directory`` (unchanged if already there) and return its path."""
        return _save_public(Path(directory), self.public_key, self.counter_id)


def _save_public(directory: Path, public_key: Ed25519PublicKey, counter_id: str | None) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{key_id_of(public_key)}.pub"
    text = public_key_text(public_key, counter_id).encode("utf-8")
    if not path.exists() or path.read_bytes() != text:
        write_replacing(path, text, mode=0o644)
    return path


def _load_private(path: Path) -> Ed25519PrivateKey:
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        log.warning("private key %s had mode %o; restricting it to 0600", path, mode)
        os.chmod(path, 0o600)
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise KeyFileError("printing.keys.bad_private", path=path) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError("printing.keys.bad_private", path=path)
    return key


def _create_private(path: Path) -> Ed25519PrivateKey:
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    try:
        # Mode 0600 from creation: the key is never readable by others, not even for an instant.
        write_new(pem, [path], mode=0o600)
    except FileExistsError:  # another process created it first: use that one
        return _load_private(path)
    return key


@dataclass(frozen=True)
class KnownKey:
    key_id: str
    public_key: Ed25519PublicKey = field(repr=False, compare=False)
    counter_id: str | None
    """The counter named in the key file's comments, if any (a label, not proof)."""


def parse_public_key(data: bytes) -> tuple[Ed25519PublicKey, str | None]:
    """An Ed25519 public key from a ``.pub`` file, a PEM or DER SubjectPublicKeyInfo, or 32 raw bytes.

    Returns the key and the counter named in the file's ``# counter:`` comment, if any.
    Raises :class:`KeyFileError` for anything else.
    """
    counter_id = None
    try:
        match = _PEM_BLOCK.search(data)
        if match:
            comment = _COUNTER_LINE.search(data[: match.start()].decode("utf-8", "replace"))
            # A label from someone else's file: printable characters only (it reaches terminals).
            if comment:
                counter_id = "".join(ch for ch in comment.group(1) if ch.isprintable())[:64] or None
            key = serialization.load_pem_public_key(match.group(0))
        elif len(data) == 32:
            key = Ed25519PublicKey.from_public_bytes(data)
        else:
            key = serialization.load_der_public_key(data)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise KeyFileError("printing.keys.not_public_key") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise KeyFileError("printing.keys.not_public_key")
    return key, counter_id


class KeyRing:
    """The public keys this machine trusts: ``keys_dir/public/*.pub`` plus imported ones."""

    def __init__(self, keys_dir: Path | None = None) -> None:
        self.keys_dir = Path(keys_dir) if keys_dir is not None else None
        self._keys: dict[str, KnownKey] = {}
        self.problems: list[str] = []
        """Vietnamese descriptions of ``.pub`` files that could not be read (skipped)."""
        public_dir = self.public_dir
        if public_dir is not None and public_dir.is_dir():
            for path in sorted(public_dir.glob("*.pub")):
                try:
                    self._add(*parse_public_key(path.read_bytes()))
                except (KeyFileError, OSError) as exc:
                    log.warning("skipping public key file %s: %s", path, exc)
                    self.problems.append(t("printing.keys.skipped", path=path, error=exc))

    @property
    def public_dir(self) -> Path | None:
        return self.keys_dir / PUBLIC_DIR if self.keys_dir is not None else None

    def _add(self, public_key: Ed25519PublicKey, counter_id: str | None) -> KnownKey:
        known = KnownKey(key_id_of(public_key), public_key, counter_id)
        previous = self._keys.get(known.key_id)
        if previous is None or (previous.counter_id is None and counter_id):
            self._keys[known.key_id] = known
        return self._keys[known.key_id]

    def import_public_key(self, source: Path | str | bytes, *, persist: bool = True) -> KnownKey:
        """Trust the public key in ``source`` (a path, or the key file's bytes).

        With ``persist`` and a ``keys_dir``, the key is saved as ``public/<key_id>.pub`` so that
        later runs trust it too.  Raises :class:`KeyFileError` for an unreadable or invalid key.
        """
        if isinstance(source, bytes):
            data = source
        else:
            try:
                data = Path(source).read_bytes()
            except OSError as exc:
                raise KeyFileError(
                    "printing.keys.cannot_read", path=source, error=exc.strerror or exc
                ) from exc
        known = self._add(*parse_public_key(data))
        public_dir = self.public_dir
        if persist and public_dir is not None:
            try:
                _save_public(public_dir, known.public_key, known.counter_id)
            except OSError as exc:
                raise KeyFileError(
                    "printing.keys.io_error", path=public_dir, error=exc.strerror or exc
                ) from exc
        return known

    def add_published(self, raw: bytes, counter_id: str | None) -> KnownKey:
        """Trust a key another counter published through the central store (its 32 raw bytes), in memory
        only: the store keeps it. Raises :class:`KeyFileError` for anything but an Ed25519 public key."""
        if len(raw) != 32:
            raise KeyFileError("printing.keys.not_public_key")
        label = "".join(ch for ch in counter_id if ch.isprintable())[:64] if counter_id else None
        return self._add(parse_public_key(raw)[0], label or None)

    def get(self, key_id: str) -> KnownKey | None:
        return self._keys.get(key_id)

    def __contains__(self, key_id: object) -> bool:
        return key_id in self._keys

    def __len__(self) -> int:
        return len(self._keys)

    def key_ids(self) -> list[str]:
        return sorted(self._keys)


def own_signers(keys_dir: Path) -> list[CounterSigner]:
    """The counters whose private keys live in ``keys_dir`` (``*.key``), loaded, by counter id."""
    signers = []
    for path in sorted(Path(keys_dir).glob("*.key")):
        counter_id = path.name[: -len(".key")]
        if _COUNTER_ID.fullmatch(counter_id):
            signers.append(CounterSigner(counter_id, _load_private(path)))
    return signers
