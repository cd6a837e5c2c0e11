"""`counter-app print catalogue [--out FILE]`: the catalogue poster of the unit's procedures, each with the QR of
its public page, from the command line (issue 15); no officer or PIN (public information)."""

from __future__ import annotations

import os

import pypdf
import zxingcpp

from counter_app.config import load_settings
from counter_app.services import lookup
from counter_app.services.context import open_store
from tests.printing.helpers import render_page


def test_the_poster_lists_the_procedures_with_their_qr(cli_env, cli_main, capsys, tmp_path):
    out = tmp_path / "danh-muc.pdf"
    assert cli_main(["print", "catalogue", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    pdf = out.read_bytes()
    text = " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(out).pages)
    store = open_store(load_settings(dict(os.environ)))
    with store.session() as s:
        offered = lookup.offered_procedures(s, store.unit_id)
    store.dispose()
    assert offered and all(f"Mã thủ tục: {p.code}" in text for p in offered)
    assert "DANH MỤC THỦ TỤC HÀNH CHÍNH" in text
    codes = {
        r.text
        for r in zxingcpp.read_barcodes(render_page(pdf, 0))
        if r.format == zxingcpp.BarcodeFormat.QRCode
    }
    assert codes and all(c.startswith("https://dichvucong.gov.vn/") for c in codes)


def test_a_dossier_form_without_a_code_is_a_one_line_error(cli_env, cli_main, capsys):
    assert cli_main(["print", "receipt"]) != 0
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "Cần mã hồ sơ" in err
