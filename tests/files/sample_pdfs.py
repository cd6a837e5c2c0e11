"""Real PDFs for the viewer's tests, drawn with reportlab (a runtime dependency): pages that can be told
apart when rendered (a dark band whose height grows with the page number), with Vietnamese text."""

from __future__ import annotations

import io


def sample_pdf(pages: int = 3) -> bytes:
    """An A4 portrait PDF of ``pages`` pages: page ``n`` has a title and a black band ``n`` tenths high."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, invariant=True)  # invariant: the same bytes at every run
    width, height = A4
    for number in range(1, pages + 1):
        pdf.setFillColorRGB(0, 0, 0)
        pdf.rect(0, height - height * number / 10, width, height * number / 10, stroke=0, fill=1)
        pdf.setFont("Helvetica", 36)
        pdf.drawString(72, 72, f"Page {number}")
        pdf.showPage()
    pdf.save()
    return out.getvalue()
