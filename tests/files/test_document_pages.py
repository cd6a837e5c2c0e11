"""The pages of a digitised document: counted, rendered at a width, and a damaged PDF refused in Vietnamese."""

from __future__ import annotations

import pytest
from PIL import Image

from counter_app.services.document_pages import MAX_WIDTH_PX, page_count, render_page
from counter_app.services.errors import ServiceError

from .sample_pdfs import sample_pdf


def _dark_share(image: Image.Image) -> float:
    """The share of dark pixels of the page (the band grows with the page number)."""
    histogram = image.convert("L").histogram()
    return sum(histogram[:128]) / sum(histogram)


def test_pages_are_counted():
    assert page_count(sample_pdf(1)) == 1
    assert page_count(sample_pdf(5)) == 5


def test_a_page_is_rendered_at_the_width_asked_with_the_page_proportions():
    data = sample_pdf(3)
    image = render_page(data, 0, 400)
    assert isinstance(image, Image.Image) and image.mode == "RGB"
    width, height = image.size
    assert width == 400 and abs(height / width - 297 / 210) < 0.01  # A4 portrait
    # each page is its own: page n has a dark band n tenths high (and a little text)
    shares = [_dark_share(render_page(data, page, 200)) for page in range(3)]
    assert shares == sorted(shares) and shares[0] == pytest.approx(0.1, abs=0.03)
    assert shares[2] == pytest.approx(0.3, abs=0.03)


def test_the_width_is_kept_within_bounds():
    data = sample_pdf(1)
    assert render_page(data, 0, 0).size[0] == 1
    assert render_page(data, 0, 10**6).size[0] == MAX_WIDTH_PX


def test_a_page_that_does_not_exist_is_refused():
    with pytest.raises(ServiceError) as caught:
        render_page(sample_pdf(2), 2, 100)
    assert (
        caught.value.key == "viewer.no_such_page"
        and str(caught.value) == "Tài liệu có 2 trang, không có trang 3."
    )
    with pytest.raises(ServiceError):
        render_page(sample_pdf(2), -1, 100)


@pytest.mark.parametrize(
    "damaged",
    [
        b"",
        b"not a pdf at all",
        b"%PDF-1.7\n%%EOF\n",
        sample_pdf(3)[:200],  # truncated: the header and a little of the first object
        sample_pdf(3).replace(b"/Pages", b"/Gapes"),  # a broken page tree
    ],
    ids=["empty", "not-pdf", "header-only", "truncated", "broken-tree"],
)
def test_a_damaged_pdf_is_refused_with_one_vietnamese_line(damaged):
    for call in (lambda: page_count(damaged), lambda: render_page(damaged, 0, 100)):
        with pytest.raises(ServiceError) as caught:
            call()
        assert caught.value.key == "viewer.pdf_damaged"
        message = str(caught.value)
        assert "\n" not in message and "bị hỏng" in message
