"""Whether a citizen's document may stand for a component today.

Decree 118/2025/NĐ-CP (Article 21 on reusing digitised results and data already held, as amended by
Decree 309/2026/NĐ-CP) tells agencies not to ask again for papers they already hold, but only for papers
that are still valid: a document whose validity has ended (an identity card past its expiry date, a
certificate of marital status past its six months) is not offered for reuse. The validity period itself
is the issuing rule's (the document's own ``expires_on``); this module only applies it.
"""

from __future__ import annotations

from datetime import date


def usable_on(expires_on: date | None, day: date) -> bool:
    """True when a document valid until ``expires_on`` (None: without end) may be reused on ``day``."""
    return expires_on is None or day <= expires_on
