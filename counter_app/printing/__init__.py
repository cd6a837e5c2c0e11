"""Printed documents: the forms of Circular 03/2025/TT-VPCP (and of Circular 01/2018 for older dossiers), tickets,
the catalogue poster, signed QR codes.

Renderers take the plain dataclasses of :mod:`.documents` and return PDF bytes (or Pillow images
for the thermal printer); they touch no database and no screen.

* :mod:`.formsets` — the form sets by legal basis (titles, numbers, wording), one data module each
* :mod:`.receipt` — Mẫu 01 ``render_receipt(data, signer)``, two copies with barcode and signed QR
* :mod:`.notices` — Mẫu 02 ``render_supplement_request``, Mẫu 03 ``render_refusal``, Mẫu 04 ``render_apology``,
  Mẫu 05 (2025) ``render_stop_notice``
* :mod:`.tracking` — the control sheet ``render_control_sheet`` (Mẫu 06; 05 in 2018), the ledger
  ``render_ledger`` (Mẫu 07; 06 in 2018)
* :mod:`.catalogue` — ``render_catalogue``, the procedures with a QR each
* :mod:`.thermal` — 80 mm roll: ``render_ticket_image``/``render_ticket_pdf``, ``render_receipt_slip_image``
* :mod:`.signing` — counter keys (``CounterSigner``, ``KeyRing``); :mod:`.payload` — the QR payload
  (``sign_receipt``, ``verify_payload``, ``VerificationError``)
* :mod:`.output` — archive (``save_pdf``), CUPS (``send_to_cups``), ESC/POS (``print_escpos_image``), ``PrintError``
* :mod:`.layout` (text and pages), :mod:`.form_parts` (headers, signatures, tables), :mod:`.fonts`,
  :mod:`.codes_drawing` — the shared machinery
"""
