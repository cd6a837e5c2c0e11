"""docs/deploy.md, run as written: a province and two communes in two provinces, from nothing to a receipt.

Every block of the page marked ``<!-- deploy-test: NAME -->`` runs in bash, in the page's order, with the
variables the page's table names: the province's blocks once (a fresh PostgreSQL database as the central
store, a catalogue built from the real column headers), ``province-counter`` and ``unit`` once per commune,
each commune in its own COUNTER_APP_HOME. Then the TUI takes a dossier in at the first commune — log in as
the officer just added (who must choose a PIN first), scan a card, pick an imported procedure, F10 — and
hands it over to the second, which finds it in its inbox after both have synced.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy.engine import make_url

from tests.catalogue.helpers import province_xlsx
from tests.conftest import temporary_database
from tests.tui.helpers import SIZE, type_text, wait_for

DOC = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"
BLOCK = re.compile(r"<!-- deploy-test: ([a-z-]+) -->\s*```sh\n(.*?)```", re.S)

UNITS = {
    "a": {"WARD": "21025", "IDENTIFIER": "000.00.53.H48", "OFFICER_NAME": "Lê Thị Thu"},  # Quảng Ngãi
    "b": {"WARD": "70", "IDENTIFIER": "H01.26.70", "OFFICER_NAME": "Phạm Văn Bình"},  # Hà Nội
}
CARD = "051195012345||Trần Thị Mỹ Linh|12031995|Nữ|Thôn Phú Mỹ, Xã Tịnh Khê, tỉnh Quảng Ngãi|15062023"


def blocks() -> list[tuple[str, str]]:
    found = BLOCK.findall(DOC.read_text(encoding="utf-8"))
    assert {name for name, _ in found} >= {"province", "province-counter", "unit"}, found
    return found


def run_block(script: str, env: dict[str, str], cwd: Path) -> str:
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, f"{script}\n--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"
    assert "Traceback" not in done.stderr
    return done.stdout


def base_env(home: Path, **names: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTER_APP_")}
    env["PATH"] = (
        f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"  # this checkout's counter-app
    )
    env["COUNTER_APP_HOME"] = str(home)
    env.update(names)
    return env


@pytest.mark.pg
@pytest.mark.slow
async def test_deploy_doc_from_nothing_to_a_receipt_and_a_handover(pg_server, tmp_path):
    from counter_app.app import make_app
    from counter_app.config import load_settings
    from counter_app.screens.counter import CounterScreen
    from counter_app.screens.dossier import DossierScreen
    from counter_app.screens.intake import IntakeScreen
    from counter_app.screens.pin_dialog import ChangePinDialog
    from counter_app.services import lookup
    from counter_app.services.context import open_store
    from counter_app.sync import security

    catalogue = province_xlsx(tmp_path / "danh-muc-tthc-cap-xa.xlsx")
    with temporary_database("counter_deploy") as (db_name, admin_url):
        url = make_url(admin_url)
        common = {
            "CENTRAL_ADMIN_URL": admin_url,
            "CENTRAL_HOST": url.host or "127.0.0.1",
            "CENTRAL_DB": db_name,
            "CATALOGUE": str(catalogue),
            "COUNTER_PASSWORD": "mat-khau-quay-1",
            "ADMIN_PIN": "580392",
            "OFFICER_PIN": "204817",
        }
        homes = {key: tmp_path / f"unit-{key}" for key in UNITS}
        #: what each machine's shell has exported so far (the page's blocks are one session per machine)
        exported: dict[str, list[str]] = {"province": [], **{key: [] for key in UNITS}}

        def session(machine: str, script: str, home: Path, **names: str) -> None:
            run_block("\n".join([*exported[machine], script]), base_env(home, **names), tmp_path)
            exported[machine] += [line for line in script.splitlines() if line.startswith("export ")]

        try:
            for name, script in blocks():
                if name == "province":
                    session("province", script, tmp_path / "province", **common)
                elif name == "province-counter":
                    for unit in UNITS.values():
                        session("province", script, tmp_path / "province", **common, **unit)
                else:
                    for key, unit in UNITS.items():
                        session(key, script, homes[key], **common, **unit)

            counter_url = {
                key: f"postgresql://counter_{u['WARD']}_1:{common['COUNTER_PASSWORD']}@{common['CENTRAL_HOST']}/{db_name}"
                for key, u in UNITS.items()
            }
            settings = load_settings(
                {"COUNTER_APP_HOME": str(homes["a"]), "COUNTER_APP_CENTRAL_URL": counter_url["a"]}
            )
            store = open_store(settings)
            assert store.settings.one_stop_code == UNITS["a"]["IDENTIFIER"]
            with store.session() as s:
                unit_name = lookup.unit(s, UNITS["a"]["WARD"]).name
                other_name = lookup.unit(s, UNITS["b"]["WARD"]).name
            app = make_app(store)
            async with app.run_test(size=SIZE) as pilot:
                await wait_for(pilot, lambda: app.screen.query_one("#username").has_focus, "login screen")
                await type_text(pilot, "canbo1")
                await pilot.press("tab")
                await type_text(pilot, common["OFFICER_PIN"], enter=True)
                await wait_for(
                    pilot, lambda: isinstance(app.screen, ChangePinDialog), "a PIN of one's own first"
                )
                await type_text(pilot, "370915")
                await pilot.press("enter")
                await type_text(pilot, "370915", enter=True)
                await wait_for(pilot, lambda: isinstance(app.screen, CounterScreen), "at the counter")
                await pilot.press("f3")
                await wait_for(pilot, lambda: isinstance(app.screen, IntakeScreen), "intake")
                intake = app.screen
                await type_text(pilot, CARD, enter=True)
                await wait_for(pilot, lambda: intake.citizen is not None, "citizen from the card")
                await type_text(pilot, "tinh trang hon nhan", enter=True)
                await wait_for(
                    pilot, lambda: intake.procedure is not None, "a procedure of the imported catalogue"
                )
                assert intake.procedure.code == "1.004873" and intake.procedure.working_days == 3
                await wait_for(pilot, lambda: intake.query_one("#checklist").rows_data, "checklist")
                await pilot.press("f10")
                await wait_for(pilot, lambda: intake.print_ok is not None, "saved and printed", timeout=30)
                assert intake.print_ok, app.notices
                code = intake.outcome.code
                assert code.startswith(UNITS["a"]["IDENTIFIER"] + "-")
                text = " ".join(page.extract_text() for page in PdfReader(intake.print_path).pages)
                assert unit_name.upper() in " ".join(text.upper().split()), text[:400]

                app.open_dossier(code)
                await wait_for(
                    pilot, lambda: isinstance(app.screen, DossierScreen) and app.screen.detail, "dossier"
                )
                dossier = app.screen
                await pilot.press("g")
                await type_text(pilot, other_name.split(maxsplit=1)[-1], enter=True)
                await pilot.pause(0.5)
                await pilot.press("f10")
                await wait_for(
                    pilot,
                    lambda: dossier.detail and any(h.state == "sent" for h in dossier.detail.handovers),
                    "handover sent",
                )
                assert dossier.detail.handovers[-1].to_unit_id == UNITS["b"]["WARD"]
            store.dispose()

            for key in ("a", "b"):  # the doc's sync, once each
                env = base_env(homes[key], COUNTER_APP_CENTRAL_URL=counter_url[key])
                done = subprocess.run(
                    ["counter-app", "sync", "--once"], env=env, capture_output=True, text=True
                )
                assert done.returncode == 0, done.stderr
            env = base_env(homes["b"], COUNTER_APP_CENTRAL_URL=counter_url["b"])
            inbox = subprocess.run(["counter-app", "inbox"], env=env, capture_output=True, text=True)
            assert inbox.returncode == 0 and code in inbox.stdout, inbox.stderr + inbox.stdout
        finally:
            from counter_app.db.engine import make_engine

            engine = make_engine(admin_url)
            for unit in UNITS.values():  # roles are the server's, not the database's
                try:
                    security.drop_counter_role(engine, security.role_name_for(unit["WARD"], 1))
                except Exception:
                    pass
            engine.dispose()
