"""What an audit found: one :class:`Problem` per dossier (or log) whose history is broken, in a report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from counter_app.locale import t


@dataclass(frozen=True)
class Problem:
    """The first broken or missing link of one dossier."""

    code: str
    seq: int | None
    key: str  # message key in counter_app.locale (area "admin"): what is wrong
    params: dict[str, Any] = field(default_factory=dict)
    dossier_id: str | None = None

    @property
    def message(self) -> str:
        """What is wrong, in Vietnamese, naming the dossier and the event."""
        return t(self.key, code=self.code, seq=self.seq, **self.params)

    def __str__(self) -> str:
        return self.message


@dataclass
class AuditReport:
    dossiers: int = 0
    events: int = 0
    problems: list[Problem] = field(default_factory=list)
    #: codes asked for (``verify(codes=...)``) that name no dossier of the store
    unknown_codes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.ok:
            return t("audit.ok", dossiers=self.dossiers, events=self.events)
        return t("audit.failed", count=len(self.problems), dossiers=self.dossiers, events=self.events)

    def lines(self) -> list[str]:
        """The summary, then one line per problem (what ``counter-app audit verify`` prints)."""
        return [self.summary(), *(f"  {p.message}" for p in self.problems)]
