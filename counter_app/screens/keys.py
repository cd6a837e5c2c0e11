"""Global keys a screen keeps working but leaves out of its footer, so that its own keys fit in one line."""

from __future__ import annotations

from textual.binding import Binding

GLOBAL_ACTIONS = {
    "f1": "help",
    "f2": "call_next",
    "f3": "new_intake",
    "f4": "find",
    "f5": "return_result",
    "f6": "handover_inbox",
    "f7": "supervisor",
}


def quiet(*keys: str) -> list[Binding]:
    """Bindings for ``keys`` that run the same app actions as the global ones, hidden from the footer."""
    return [Binding(key, f"app.{GLOBAL_ACTIONS[key]}", show=False, id=f"quiet.{key}") for key in keys]
