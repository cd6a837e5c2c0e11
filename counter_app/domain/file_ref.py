"""A digitised file as the records name it: its SHA-256, size in bytes and number of pages.

The bytes live in the content-addressed file store (``services.file_store``); events, components, results
and the citizen's documents carry only this reference. In an event's payload it is the object
``{"sha256": …, "size": …, "pages": …}`` (``file`` of a component, ``result_file_*`` of a dossier).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class FileRef:
    sha256: str
    size: int
    pages: int

    def __post_init__(self) -> None:
        if not SHA256.fullmatch(self.sha256):
            raise ValueError("sha256 must be 64 lowercase hex digits")
        if self.size < 1 or self.pages < 1:
            raise ValueError("a digitised file has at least one byte and one page")

    def as_payload(self) -> dict[str, Any]:
        return {"sha256": self.sha256, "size": self.size, "pages": self.pages}

    def result_columns(self) -> dict[str, Any]:
        """The dossier columns an event sets when this file digitises the dossier's result."""
        return {
            "result_file_hash": self.sha256,
            "result_file_size": self.size,
            "result_file_pages": self.pages,
        }

    @classmethod
    def from_payload(cls, data: dict[str, Any] | None) -> FileRef | None:
        if not data:
            return None
        return cls(str(data["sha256"]), int(data["size"]), int(data["pages"]))

    @classmethod
    def from_columns(cls, sha256: str, size: int, pages: int) -> FileRef | None:
        """The reference a row's ``*file_hash``/``*file_size``/``*file_pages`` columns hold (None: no file).

        Rows written before files were kept (a hash without a size: the old demo's made-up hashes) name no
        file and give None."""
        return cls(sha256, size, pages) if sha256 and size > 0 and pages > 0 else None
