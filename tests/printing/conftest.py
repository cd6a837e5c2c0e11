"""Fixtures of the printing tests."""

from __future__ import annotations

import pytest

from counter_app.printing.documents import ReceiptData
from counter_app.printing.signing import CounterSigner

from .helpers import make_receipt


@pytest.fixture
def receipt_data() -> ReceiptData:
    return make_receipt()


@pytest.fixture(scope="session")
def signer() -> CounterSigner:
    return CounterSigner.generate("000.00.53.H48-1")
