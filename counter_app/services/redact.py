"""What the log may keep of a failure: its kind and where it happened, never its message.

An exception's message can carry the data being processed: a database error quotes the statement's
parameters and the offending key (a CCCD number, a name), a parser quotes the text it refused. The log
file is read by whoever maintains the PC, who has no need of citizens' personal data (Decree 13/2023/NĐ-CP,
Art. 3: personal data is processed only as far as the purpose needs), so it records the error kind and the
code's path (file, line, function), which is what finding the fault needs.
"""

from __future__ import annotations

import traceback
from pathlib import Path

#: how many frames of the path are kept, the innermost ones (where it was raised)
FRAMES = 8


def failure_kind(exc: BaseException) -> str:
    """``Kind (module.py:12 in f > other.py:40 in g)`` for ``exc`` and each exception it was raised from
    (``<-``), without any exception's message."""
    parts = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = traceback.extract_tb(current.__traceback__)[-FRAMES:]
        where = " > ".join(f"{Path(frame.filename).name}:{frame.lineno} in {frame.name}" for frame in frames)
        kind = f"{type(current).__module__}.{type(current).__qualname__}"
        parts.append(f"{kind} ({where})" if where else kind)
        current = current.__cause__ or current.__context__
    return " <- ".join(parts)
