"""Reviewing a dossier submitted online before taking it in (F6, Enter on an online dossier).

The review is the dossier view (what was submitted: applicant, procedure, summary, components with their files,
fee and whether payment data came with it) with the counter's three answers to a dossier (Decree 118/2025/NĐ-CP,
forms of Circular 03/2025/TT-VPCP):

* ``n`` take it in: the acceptance is recorded, the due date counted from now in the procedure's working days,
  and the receipt (Mẫu 01) printed as at a counter intake (``services.inbox.accept``, ``App.print_form``);
* ``b`` ask for supplements (Mẫu 02): the dossier view's own supplement flow (``services.intake``);
* ``t`` refuse (Mẫu 03): the reason dialog of a refusal at the counter, then ``services.inbox.refuse``.

While it waits, the dossier shows its 8-working-hour reception deadline (``services.inbox.reception_deadline``,
the one place it is computed) instead of a due date it does not have yet.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.binding import Binding

from counter_app.domain.states import Channel, Status
from counter_app.locale import formats as fmt
from counter_app.locale import t
from counter_app.screens.dossier import DossierScreen
from counter_app.services.context import Store
from counter_app.services.views import DossierView


def awaiting_reception(dossier: DossierView) -> bool:
    """An online dossier not yet taken in (status 1): it has a reception deadline, no due date yet."""
    return dossier.status == Status.REGISTERED_ONLINE and dossier.channel == Channel.ONLINE


def never_received(dossier: DossierView) -> bool:
    """An online dossier never taken in: waiting (status 1), or refused or withdrawn before it was."""
    return dossier.channel == Channel.ONLINE and dossier.received_at is None


def reception_clock(store: Store, arrived: datetime, now: datetime) -> tuple[datetime, Text]:
    """The reception deadline of an online dossier that arrived at ``arrived`` (``services.inbox``), and how it
    stands at ``now`` (:func:`deadline_state`)."""
    from counter_app.services.inbox import reception_deadline

    deadline = reception_deadline(store.calendar, arrived)
    return deadline, deadline_state(store, deadline, now)


def deadline_state(store: Store, deadline: datetime, now: datetime) -> Text:
    """How a reception deadline stands at ``now``: «còn 3,5 giờ» in working hours (amber in the last 2), or
    «Quá hạn 2 giờ» in red once past (``fmt.overdue``)."""
    if now > deadline:
        return Text(fmt.overdue(deadline, now), style="bold red")
    calendar = store.calendar
    left = calendar.working_hours_between(now, deadline)
    style = "bold yellow" if left <= 2 else "bold green"
    return Text(fmt.working_time_left(left, calendar.hours_per_day), style=style)


def deadline_cell(store: Store, deadline: datetime, now: datetime) -> Text:
    """F6's cell of an online dossier: «25/11 15:30 còn 3,5 giờ», «25/11 15:30 Quá hạn 2 giờ»."""
    state = deadline_state(store, deadline, now)
    return Text(fmt.short_moment(deadline) + " ", style=str(state.style)) + state


def progress_lines(store: Store, dossier: DossierView, now: datetime) -> tuple[Text, Text]:
    """For the dossier view of an online dossier never taken in (:func:`never_received`): the line that says
    when and where it was submitted (instead of «Tiếp nhận: — tại …»), and its due line (instead of «Hẹn trả:
    — —»): the due date is set on acceptance, until then the reception deadline counts; a dossier refused or
    withdrawn before that never had one."""
    arrived = dossier.submitted_at or dossier.updated_at
    submitted = Text(t("online_review.submitted_line", when=fmt.moment(arrived)))
    if dossier.summary:
        submitted.append("\n" + t("online_review.summary", summary=dossier.summary))
    if not awaiting_reception(dossier):  # refused or withdrawn before being taken in: it never had a due date
        return submitted, Text(t("online_review.due_none"))
    due = Text(t("online_review.due_pending") + "\n")
    deadline, state = reception_clock(store, arrived, now)
    due.append(t("online_review.deadline_line", deadline=fmt.moment(deadline)) + "  ", style="bold")
    due.append_text(state)
    return submitted, due


def fee_text(dossier: DossierView) -> str:
    """The dossier's fee and its payment state; «… (chưa có thông tin nộp phí)» when its import carried no
    payment data (``services.inbox.FEE_NO_DATA``), never «Đã nộp»."""
    from counter_app.services.inbox import FEE_NO_DATA

    if dossier.fee and dossier.fee_status == FEE_NO_DATA:
        return t("online_review.fee_unknown", amount=fmt.money(dossier.fee))
    return fmt.fee_with_status(dossier.fee, dossier.fee_status)


class OnlineReviewScreen(DossierScreen):
    """The dossier view of an online dossier, with the keys to take it in or refuse it (``b``, inherited,
    asks for supplements)."""

    BINDINGS = [
        Binding("n", "accept_online", t("online_review.key.accept"), id="review.accept"),
        Binding("t", "refuse_online", t("online_review.key.refuse"), id="review.refuse"),
        # the dossier view's own n and t (supplement received, return), for when the dossier has moved on: a
        # key runs the first of its bindings whose action is allowed now
        *(b for b in DossierScreen.BINDINGS if isinstance(b, Binding) and b.key in ("n", "t")),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("accept_online", "refuse_online"):
            return self.detail is not None and self._may_act() and awaiting_reception(self.detail.dossier)
        return super().check_action(action, parameters)

    def action_accept_online(self) -> None:
        code = self.code

        def run() -> None:
            from counter_app.services import inbox

            app = self.counter_app
            accepted = inbox.take_in_online(app.store, app.officer, code, now=app.now())
            note = t("online_review.accepted", code=code, due=fmt.long_moment(accepted.due_at))
            self.post_message(self.Done(note, "receipt"))

        self.run_worker(run, thread=True, exclusive=True, group="dossier-action", exit_on_error=False)

    def action_refuse_online(self) -> None:
        from counter_app.screens.dialogs import ReasonDialog

        code = self.code

        def answered(reason: str | None) -> None:
            if not reason:
                return

            def run() -> None:
                from counter_app.services import inbox

                app = self.counter_app
                inbox.refuse(app.store, app.officer, code, reason, now=app.now())
                self.post_message(self.Done(t("online_review.refused", code=code), "refusal"))

            self.run_worker(run, thread=True, exclusive=True, group="dossier-action", exit_on_error=False)

        suggestions = [t("reason.refusal.1"), t("reason.refusal.2"), t("reason.refusal.3")]
        self.app.push_screen(
            ReasonDialog(t("refuse.title"), t("refuse.prompt"), suggestions=suggestions), answered
        )
