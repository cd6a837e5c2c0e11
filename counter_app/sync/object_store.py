"""The central object store's S3 API (SeaweedFS), as the counter uses it: HEAD, PUT and GET of one object.

Objects are named by the file's SHA-256: key ``ab/abcdef…`` (the hash's first two hex digits as a prefix
directory, so the filer's directories stay small). A counter's identity is granted Read and Write on the
bucket and nothing else (no List): it can fetch a file whose hash it knows, never enumerate the bucket
(see :mod:`counter_app.sync.file_push` for why that is the access rule).

boto3 is imported only when a client is made (the TUI starts without it; ``tests/test_import_hygiene.py``).
Its default CRC checksums are turned off (``when_required``): every PUT carries ``Content-MD5`` of the bytes
the counter verified against their name, which SeaweedFS checks (``BadDigest`` otherwise), so a file that
changed between the check and the send is refused by the server, never stored under the wrong name.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from counter_app.services.file_store import CHUNK, FileStore

if TYPE_CHECKING:
    from counter_app.config import FilesSettings

#: seconds to wait for a connection and for each read: an unreachable store fails a round quickly
TIMEOUT_S = 5


def object_key(sha256: str) -> str:
    """The object's key in the bucket: ``ab/abcdef…``."""
    return f"{sha256[:2]}/{sha256}"


class ObjectStoreError(Exception):
    """The object store refused or could not be reached; ``offline`` when it could not be reached at all."""

    def __init__(self, message: str, *, offline: bool = False, code: str = "") -> None:
        super().__init__(message)
        self.offline = offline
        self.code = code


@dataclass(frozen=True)
class Verified:
    """A local file checked against its name, with the MD5 the PUT sends (base64)."""

    sha256: str
    size: int
    content_md5: str


def verify_local(files: FileStore, sha256: str) -> Verified | None:
    """Hash the stored file once (SHA-256 and MD5 in the same pass); None when its bytes do not match its
    name. Raises ``OSError`` when it cannot be read (``FileNotFoundError``: not in the store)."""
    path = files.path_of(sha256)
    digest, md5, size = hashlib.sha256(), hashlib.md5(usedforsecurity=False), 0
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
            md5.update(chunk)
            size += len(chunk)
    if digest.hexdigest() != sha256:
        return None
    return Verified(sha256, size, base64.b64encode(md5.digest()).decode("ascii"))


def _translate(exc: Exception) -> ObjectStoreError:
    from botocore.exceptions import ClientError, ConnectionError, HTTPClientError

    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        code = str(error.get("Code", ""))
        return ObjectStoreError(f"{code}: {error.get('Message', '')}".strip(": "), code=code)
    if isinstance(exc, ConnectionError | HTTPClientError):
        return ObjectStoreError(type(exc).__name__, offline=True)
    return ObjectStoreError(f"{type(exc).__name__}: {exc}")


class ObjectStore:
    """One bucket of an S3 endpoint, with one identity (a thread may share it: boto3 clients are)."""

    def __init__(self, settings: FilesSettings, *, timeout: float = TIMEOUT_S) -> None:
        import boto3
        from botocore.config import Config

        self.settings = settings
        self.bucket = settings.bucket
        self.client: Any = boto3.session.Session().client(
            "s3",
            endpoint_url=settings.endpoint,
            aws_access_key_id=settings.access_key,
            aws_secret_access_key=settings.secret_key,
            region_name="us-east-1",
            config=Config(
                connect_timeout=timeout,
                read_timeout=timeout * 6,
                retries={"max_attempts": 2, "mode": "standard"},
                s3={"addressing_style": "path"},
                request_checksum_calculation="when_required",
                response_checksum_validation="when_required",
                max_pool_connections=8,
            ),
        )

    def head(self, sha256: str) -> int | None:
        """The stored object's size, or None when the bucket has no such object."""
        try:
            answer = self.client.head_object(Bucket=self.bucket, Key=object_key(sha256))
        except Exception as exc:
            error = _translate(exc)
            if error.code in ("404", "NoSuchKey", "NotFound"):
                return None
            raise error from None
        return int(answer["ContentLength"])

    def put(self, verified: Verified, body: IO[bytes]) -> None:
        """PUT ``body`` (read in chunks; memory stays bounded whatever the size) as the object of
        ``verified.sha256``, with its Content-MD5 for the server to check."""
        try:
            self.client.put_object(
                Bucket=self.bucket,
                Key=object_key(verified.sha256),
                Body=body,
                ContentLength=verified.size,
                ContentMD5=verified.content_md5,
                ContentType="application/octet-stream",
            )
        except Exception as exc:
            raise _translate(exc) from None

    def get(self, sha256: str) -> Iterator[bytes]:
        """The object's bytes, in chunks; :class:`ObjectStoreError` (code ``404``/``NoSuchKey``) when absent."""
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=object_key(sha256))
        except Exception as exc:
            raise _translate(exc) from None
        body = answer["Body"]
        try:
            yield from body.iter_chunks(CHUNK)
        except Exception as exc:
            raise _translate(exc) from None
        finally:
            body.close()
