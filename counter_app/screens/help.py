"""Help (F1): every key, what it does, and how the scanner works."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from counter_app.locale import t
from counter_app.screens.base import CounterAppAccess, ReportsWorkerErrors

SECTIONS = [
    (
        "help.global",
        [
            ("F1", "key.help"),
            ("F2", "key.call_next"),
            ("F3", "key.new_intake"),
            ("F4", "key.find"),
            ("F5", "key.return_result"),
            ("F6", "key.handover_inbox"),
            ("F7", "key.supervisor"),
            ("F10", "key.save"),
            ("Esc", "key.back"),
            ("Ctrl+P", "help.palette"),
            ("Ctrl+\\", "typing.help"),
            ("Ctrl+L", "key.logout"),
            ("Ctrl+O", "key.admin"),
            ("Ctrl+Q", "key.quit"),
        ],
    ),
    (
        "help.home",
        [
            ("F8", "key.recall"),
            ("F9", "key.no_show"),
            ("Ctrl+N", "key.issue_ticket"),
            ("Ctrl+T", "key.transfer"),
            ("Enter", "help.open_row"),
        ],
    ),
    (
        "help.intake",
        [
            ("↑ ↓ Enter", "help.pick"),
            ("Space", "key.toggle_received"),
            ("r", "key.toggle_reused"),
            # a component's digitised copy: out of the footer, under the checklist (issue 15)
            ("s", "files.key.scan"),
            ("f", "files.key.import"),
            ("v", "files.key.view"),
            ("Tab", "help.next_field"),
            ("F8", "key.supplement"),
            ("F9", "key.refuse"),
            ("Ctrl+R", "key.reprint"),
        ],
    ),
    (
        "help.dossier",
        [
            ("x", "key.process"),
            ("b", "key.supplement_short"),
            ("n", "key.supplement_received"),
            ("g", "key.handover"),
            ("k", "key.result_ready"),
            ("l", "key.apologise"),
            ("u", "key.withdraw"),
            ("d", "forms2025.key.stop"),
            ("t", "key.return_this"),
            ("h", "leaving.key.recall"),
            ("o", "leaving.key.note_sent_back"),
            ("Ctrl+R", "key.reprint"),
            ("p", "reachable.key.control"),
            ("s", "files.key.scan"),
            ("f", "files.key.import"),
            ("v", "files.key.view"),
        ],
    ),
    (
        "online_review.help",
        [
            ("n", "online_review.key.accept"),
            ("b", "key.supplement_short"),
            ("t", "online_review.key.refuse"),
        ],
    ),
    ("help.return", [("F10", "leaving.help.post")]),
]


class HelpScreen(CounterAppAccess, ReportsWorkerErrors, ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; background: $background 60%; }
    HelpScreen #help-box {
        width: 110; max-width: 100%; height: 90%; border: thick $primary; border-title-style: bold; background: $surface;
        padding: 1 2;
    }
    """
    BINDINGS = [
        Binding("escape,f1", "close", t("key.close"), id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = t("help.title")
            yield Static(Text(t("help.scanner"), style="italic"))
            if self.counter_app.demo:
                yield Static(Text(t("help.samples_loading"), style="dim"), id="help-samples")
            for title, rows in SECTIONS:
                table = Table(
                    title=t(title),
                    title_justify="left",
                    title_style="bold",
                    show_header=False,
                    box=None,
                    padding=(0, 2),
                )
                table.add_column(style="bold cyan", width=12)
                table.add_column()
                for key, text in rows:
                    table.add_row(key, t(text))
                yield Static(table)
            yield Static(t("help.close_hint"), classes="dialog-keys")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        if self.counter_app.demo:
            self._load_samples()

    @work(thread=True, exclusive=True, group="help-samples", exit_on_error=False)
    def _load_samples(self) -> None:
        """Cards of demo citizens, to paste where a scanner would type them (no scanner needed to try)."""
        from counter_app.services.demo import demo_card_payloads

        payloads = demo_card_payloads(self.counter_app.store, 3)
        text = Text(t("help.samples") + "\n", style="bold")
        for payload in payloads:
            text.append(f"  {payload}\n", style="cyan")
        self.app.call_from_thread(self.query_one("#help-samples", Static).update, text)

    def action_close(self) -> None:
        self.dismiss(None)
