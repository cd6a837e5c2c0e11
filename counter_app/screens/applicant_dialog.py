"""Entering an applicant by hand at intake (Ctrl+G): a person by personal number, old CMND or passport, an
organisation by tax code, and who submits for them; phone and e-mail.

For those the card scanner cannot serve: citizens without a chip card, foreigners, organisations, a card
left at home. The dialog checks everything through :func:`counter_app.services.intake.check_applicant`
(nothing is written) and answers an :class:`~counter_app.services.intake.ApplicantEntry`.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Label, RadioButton, RadioSet

from counter_app.locale import t
from counter_app.screens.dialogs import FormDialog
from counter_app.services.errors import ServiceError
from counter_app.services.intake import ApplicantEntry, check_applicant
from counter_app.widgets.vn_input import VnInput

#: the choices of the dialog: (applicant kind, kind of number)
CHOICES = (("citizen", "cccd"), ("citizen", "cmnd"), ("citizen", "passport"), ("organisation", "tax_code"))
#: the typed fields: (id, locale key of the placeholder, maximum length)
FIELDS = (
    ("applicant-number", "applicants.dialog.number", 20),
    ("applicant-name", "applicants.dialog.name", 120),
    ("applicant-address", "applicants.dialog.address", 300),
    ("applicant-rep-name", "applicants.dialog.representative_name", 120),
    ("applicant-rep-id", "applicants.dialog.representative_id", 20),
    ("applicant-phone", "applicants.dialog.phone", 20),
    ("applicant-email", "applicants.dialog.email", 120),
)


def choice_for(typed: str) -> int:
    """The dialog's initial choice for what the officer typed in the citizen search."""
    from counter_app.domain.applicants import guess_id_type

    guessed = guess_id_type(typed)
    return next((i for i, (_, id_type) in enumerate(CHOICES) if id_type == guessed), 0)


class ApplicantDialog(FormDialog[ApplicantEntry]):
    """The applicant's kind and number, name, address, representative, phone and e-mail."""

    KEYS = "applicants.dialog.keys"
    WIDE = True

    def __init__(self, typed: str = "") -> None:
        super().__init__()
        typed = typed.strip()
        self.choice = choice_for(typed)
        self.typed_number = typed if any(ch.isdigit() for ch in typed) else ""
        self.typed_name = "" if self.typed_number else typed

    def title_text(self) -> str:
        return t("applicants.dialog.title")

    def body(self) -> ComposeResult:
        with RadioSet(id="applicant-kind"):
            for index, (_kind, id_type) in enumerate(CHOICES):
                yield RadioButton(t(f"applicants.choice.{id_type}"), value=index == self.choice)
        for field_id, key, limit in FIELDS:
            yield Label(t(key))
            value = {"applicant-number": self.typed_number, "applicant-name": self.typed_name}.get(
                field_id, ""
            )
            yield VnInput(id=field_id, max_length=limit, scan_aware=False, value=value)

    def on_mount(self) -> None:
        # after FormDialog's own on_mount (which focuses the first input): the number typed, the name next
        first = "#applicant-name" if self.typed_number else "#applicant-number"
        self.call_after_refresh(self.query_one(first, Input).focus)

    def _value(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value

    def answer(self) -> ApplicantEntry | None:
        pressed = self.query_one("#applicant-kind", RadioSet).pressed_index
        kind, id_type = CHOICES[pressed if pressed >= 0 else 0]
        try:
            return check_applicant(
                kind,
                id_type,
                self._value("applicant-number"),
                self._value("applicant-name"),
                self._value("applicant-address"),
                representative_name=self._value("applicant-rep-name"),
                representative_id=self._value("applicant-rep-id"),
                phone=self._value("applicant-phone"),
                email=self._value("applicant-email"),
            )
        except ServiceError as error:
            self.warn(str(error))
            return None
