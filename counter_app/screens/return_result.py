"""Return a result (F5): scan or type the code, check the result is ready, record who took it, then ask the
counter's tablet for the citizen's rating (the officer cannot rate; ``services.rating``); for a
result returned by post, record its hand-over to the post office (item code, day), then the day the post
delivered it, which is the return date.

The receipt's signed QR is checked before the dossier is looked up: a result is handed over against a
genuine receipt only (a forged or altered QR says why, and shows nothing of any dossier)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalGroup
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Checkbox, Footer, Input, Label, Static

from counter_app.domain.file_ref import FileRef
from counter_app.domain.states import Status
from counter_app.locale import describe_error, t
from counter_app.locale import formats as fmt
from counter_app.screens.base import ReportsWorkerErrors
from counter_app.screens.digitise import Digitises
from counter_app.screens.dossier import timeliness_text
from counter_app.screens.keys import quiet
from counter_app.services.views import DossierDetail
from counter_app.widgets.scan import CardScan, CodeScan, ReceiptScan
from counter_app.widgets.status_bar import StatusBar
from counter_app.widgets.vn_input import VnInput


class ReturnScreen(Digitises, ReportsWorkerErrors, Screen[None]):
    DEFAULT_CSS = """
    ReturnScreen #return-title { height: 1; padding: 0 1; background: $boost; }
    ReturnScreen #return-box, ReturnScreen #return-receiver { height: auto; }
    ReturnScreen #return-dossier { height: auto; margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        *quiet("f4", "f6", "f7"),
        # the result handed over is digitised too and kept in the citizen's store (services.dossier_files)
        Binding("f8", "scan_result", t("files.key.scan_result"), id="return.scan_result"),
        Binding("f9", "import_result", t("files.key.import_result"), id="return.import_result"),
        Binding("escape", "back", t("key.back"), id="return.back", show=False),
    ]

    @dataclass
    class Loaded(Message):
        detail: DossierDetail | None
        error: str = ""

    @dataclass
    class Returned(Message):
        code: str

    @dataclass
    class Posted(Message):
        code: str
        delivered: bool

    @dataclass
    class Rated(Message):
        """The counter's tablet was asked for the citizen's rating (``asked``: False when there was nothing to
        ask, e.g. away from a counter)."""

        code: str
        asked: bool

    def __init__(self, code: str = "") -> None:
        super().__init__()
        self.initial_code = code
        self.detail: DossierDetail | None = None
        self.saving = False
        #: the result digitised at this hand-over, recorded with the return
        self.result_file: FileRef | None = None

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Static(Text(t("return.title"), style="bold"), id="return-title")
        with VerticalGroup(id="return-box", classes="box") as box:
            box.border_title = t("return.code")
            yield VnInput(id="return-code", placeholder=t("return.code_hint"))
            yield Static(t("return.waiting_code"), id="return-dossier")
        with VerticalGroup(id="return-receiver", classes="box") as box:
            box.border_title = t("return.receiver")
            yield Label(t("return.receiver_name"))
            yield VnInput(id="receiver-name", max_length=120, scan_aware=False)
            yield Label(t("return.receiver_id"))
            yield VnInput(
                id="receiver-id", max_length=20, scan_aware=False, placeholder=t("return.receiver_id_hint")
            )
            yield Checkbox(t("return.id_checked"), id="id-checked")
            yield Static(t("files.result.none"), id="return-result-file")
            yield Static(t("return.keys"), classes="dialog-keys")
        # a result returned by post: handed to the post office, then returned when the post delivers it
        with VerticalGroup(id="return-post", classes="box") as box:
            box.border_title = t("leaving.post.title")
            yield Static("", id="post-state")
            yield Label(t("leaving.post.item_label"), id="post-item-label")
            yield VnInput(
                id="post-item", max_length=20, scan_aware=False, vn_typing=False, placeholder="EB123456785VN"
            )
            yield Label("", id="post-day-label")
            yield VnInput(
                id="post-day", max_length=10, scan_aware=False, vn_typing=False, placeholder="dd/mm/yyyy"
            )
            yield Static("", id="post-keys", classes="dialog-keys")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#return-receiver").display = False
        self.query_one("#return-post").display = False
        self.query_one("#return-code", Input).focus()
        if self.initial_code:
            self._load(self.initial_code)

    def handle_scan(self, scan: CardScan | CodeScan) -> bool:
        if isinstance(scan, CodeScan) and not self.saving:
            self._load(scan.code, scan.payload if isinstance(scan, ReceiptScan) else "")
            return True
        return False

    @on(Input.Submitted, "#return-code")
    def _typed(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self._load(event.value.strip())

    @work(thread=True, exclusive=True, group="return-load", exit_on_error=False)
    def _load(self, code: str, payload: str = "") -> None:
        """Look dossier ``code`` up; with a receipt's QR ``payload``, only once its signature checked out."""
        from counter_app.printing.payload import VerificationError
        from counter_app.services import access
        from counter_app.services.errors import ServiceError
        from counter_app.services.printing_service import verify_receipt

        if payload:
            try:
                verify_receipt(self.counter_app.store, payload)
            except VerificationError as exc:
                self.post_message(self.Loaded(None, t("fixes.return.receipt_not_genuine", reason=str(exc))))
                return
        try:
            detail = access.dossier_detail(
                self.counter_app.store, self.counter_app.officer, code, purpose=t("access.purpose.return")
            )
        except (ServiceError, ValueError) as exc:
            self.post_message(self.Loaded(None, describe_error(exc)))
            return
        self.post_message(self.Loaded(detail))

    def on_return_screen_loaded(self, message: Loaded) -> None:
        label = self.query_one("#return-dossier", Static)
        receiver = self.query_one("#return-receiver")
        self.query_one("#return-post").display = False
        if message.detail is None:
            self.detail = None
            receiver.display = False
            label.update(Text(message.error, style="bold red"))
            self.app.notify(message.error, severity="error")
            return
        detail = message.detail
        dossier = detail.dossier
        self.query_one("#return-code", Input).value = dossier.code
        text = Text()
        text.append(dossier.code + "\n", style="bold")
        text.append(dossier.applicant_name + " — " + detail.procedure.name + "\n")
        text.append(t("dossier.due_line", due=fmt.long_moment(dossier.due_at)) + "  ")
        text.append_text(timeliness_text(dossier, self.counter_app.now()))
        text.append("\n" + t("dossier.status_line", status=Status(dossier.status).label), style="bold")
        label.update(text)
        if dossier.status != Status.RESULT_READY:
            self.detail = None
            receiver.display = False
            error = t("workflow.not_ready", code=dossier.code, status=Status(dossier.status).label)
            if dossier.status == Status.RETURNED:
                error = t("return.already", code=dossier.code, when=fmt.moment(dossier.returned_at))
            label.update(text.append("\n" + error, style="bold red"))
            self.app.notify(error, severity="warning")
            return
        self.detail = detail
        self._show_result_file(None)
        if self.by_post:
            self._show_post(detail)
            self.refresh_bindings()
            return
        receiver.display = True
        name = self.query_one("#receiver-name", Input)
        name.value = dossier.applicant_name
        self.query_one("#receiver-id", Input).value = dossier.applicant_cccd
        self.query_one("#id-checked", Checkbox).focus()
        self.refresh_bindings()

    # --- the result, digitised at the hand-over (screens.digitise) --------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("scan_result", "import_result"):
            return self.detail is not None and not self.saving
        return True

    def action_scan_result(self) -> None:
        self.start_scan()

    def action_import_result(self) -> None:
        self.start_import()

    async def action_back(self) -> None:
        """Esc stops a scan under way; otherwise it leaves the screen as everywhere else."""
        if not self.cancel_capture():
            await self.counter_app.action_back()

    def capture_target(self) -> tuple[int, str] | None:
        if self.detail is None:
            self.app.notify(t("return.need_dossier"), severity="warning")
            return None
        return 0, t("files.result_row")

    def capture_done(self, index: int, file: FileRef) -> None:
        self._show_result_file(file)

    def _show_result_file(self, file: FileRef | None) -> None:
        self.result_file = file
        line = self.query_one("#return-result-file", Static)
        if file is None:
            line.update(Text(t("files.result.none"), style="dim"))
        else:
            line.update(
                Text(t("files.result.attached", pages=file.pages, size=fmt.size(file.size)), style="green")
            )

    # --- a result returned by post (services.workflow.hand_to_post / post_delivered) ------------------------

    @property
    def by_post(self) -> bool:
        """The loaded dossier's result goes back by post: F10 records the post's steps, not a hand-over here."""
        return self.detail is not None and self.detail.dossier.return_method == "post"

    def _show_post(self, detail: DossierDetail) -> None:
        dossier = detail.dossier
        posted = dossier.posted_at is not None
        today = fmt.day(self.counter_app.now().date())
        state = self.query_one("#post-state", Static)
        if posted:
            state.update(
                Text(
                    t(
                        "leaving.post.posted_line",
                        item=dossier.post_item_code,
                        day=fmt.day(dossier.posted_at),
                    ),
                    style="bold",
                )
            )
        else:
            state.update(t("leaving.post.address_line", address=dossier.return_address or fmt.NONE))
        self.query_one("#post-item-label").display = not posted
        item = self.query_one("#post-item", Input)
        item.display = not posted
        item.value = ""
        self.query_one("#post-day-label", Label).update(
            t("leaving.post.delivered_label" if posted else "leaving.post.posted_label")
        )
        self.query_one("#post-day", Input).value = today
        self.query_one("#post-keys", Static).update(
            t("leaving.post.keys_delivered" if posted else "leaving.post.keys")
        )
        self.query_one("#return-post").display = True
        (self.query_one("#post-day", Input) if posted else item).focus()

    @work(thread=True, exclusive=True, group="return-save", exit_on_error=False)
    def _post(self, code: str, posted: bool, item: str, day: str) -> None:
        from counter_app.services import workflow

        app = self.counter_app
        try:
            if posted:
                workflow.post_delivered(app.store, app.officer, code, day, now=app.now())
            else:
                workflow.hand_to_post(app.store, app.officer, code, item, day, now=app.now())
        finally:
            self.saving = False
        self.post_message(self.Posted(code, delivered=posted))

    def on_return_screen_posted(self, message: Posted) -> None:
        self.counter_app.refresh_store_state()
        if message.delivered:
            self.app.notify(t("leaving.post.delivered_done", code=message.code))
            self.counter_app.go_home()
        else:
            self.app.notify(t("leaving.post.posted_done", code=message.code))
            self._load(message.code)

    def action_save(self) -> None:
        if self.detail is None:
            self.app.notify(t("return.need_dossier"), severity="warning")
            return
        if self.saving:
            return
        self.saving = True
        if self.by_post:
            self._post(
                self.detail.dossier.code,
                self.detail.dossier.posted_at is not None,
                self.query_one("#post-item", Input).value,
                self.query_one("#post-day", Input).value,
            )
            return
        self._return(
            self.detail.dossier.code,
            self.query_one("#receiver-name", Input).value,
            self.query_one("#receiver-id", Input).value,
            self.query_one("#id-checked", Checkbox).value,
        )

    @work(thread=True, exclusive=True, group="return-save", exit_on_error=False)
    def _return(self, code: str, name: str, receiver_id: str, checked: bool) -> None:
        from counter_app.services import workflow

        try:
            workflow.return_result(
                self.counter_app.store,
                self.counter_app.officer,
                code,
                receiver_name=name,
                id_checked=checked,
                receiver_id=receiver_id,
                result_file=self.result_file,
                now=self.counter_app.now(),
            )
        finally:
            self.saving = False
        self.post_message(self.Returned(code))

    def on_return_screen_returned(self, message: Returned) -> None:
        self.app.notify(t("return.done", code=message.code))
        self._ask_the_tablet(message.code)

    @work(thread=True, exclusive=True, group="return-rate", exit_on_error=False)
    def _ask_the_tablet(self, code: str) -> None:
        """The citizen rates on the counter's tablet (services.rating), never through the officer's keys; the
        app tells the officer when the answer comes (or that none came)."""
        from counter_app.services import rating

        app = self.counter_app
        asked = rating.open_request(app.store, app.officer, code, now=app.now())
        self.post_message(self.Rated(code, asked is not None))

    def on_return_screen_rated(self, message: Rated) -> None:
        if message.asked:
            minutes = max(1, round(self.counter_app.store.settings.rating_wait_seconds / 60))
            self.app.notify(t("citizen_rating.asked", minutes=minutes))
        self.counter_app.refresh_store_state()
        self.counter_app.go_home()
