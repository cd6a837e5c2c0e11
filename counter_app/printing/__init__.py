"""Printed documents: the forms of Circular 01/2018/TT-VPCP, tickets, the catalogue poster, signed QR codes.

Renderers take the plain dataclasses of :mod:`.documents` and return PDF bytes (or Pillow images
for the thermal printer); they touch no database and no screen.

* :mod:`.receipt` — Mẫu 01 ``render_receipt(data, signer)``, two copies with barcode and signed QR
* :mod:`.notices` — Mẫu 02 ``render_supplement_request``, Mẫu 03 ``render_refusal``, Mẫu 04 ``render_apology``
* :mod:`.tracking` — Mẫu 05 ``render_control_sheet``, Mẫu 06 ``render_ledger``
* :mod:`.catalogue` — ``render_catalogue``, the procedures with a QR each
* :mod:`.thermal` — 80 mm roll: ``render_ticket_image``/``render_ticket_pdf``, ``render_receipt_slip_image``
* :mod:`.signing` — counter keys (``CounterSigner``, ``KeyRing``); :mod:`.payload` — the QR payload
  (``sign_receipt``, ``verify_payload``, ``VerificationError``)
* :mod:`.output` — archive (``save_pdf``), CUPS (``send_to_cups``), ESC/POS (``print_escpos_image``), ``PrintError``
* :mod:`.layout` (text and pages), :mod:`.form_parts` (headers, signatures, tables), :mod:`.fonts`,
  :mod:`.codes_drawing` — the shared machinery
"""
