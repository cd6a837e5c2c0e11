import pytest

from counter_app.domain.custody import may_record


@pytest.mark.parametrize(
    ("event", "actor", "custodian", "return_unit", "pending", "allowed"),
    [
        ("received", "A", None, None, None, True),
        ("processing", "A", None, None, None, False),  # no history: only a first event starts one
        ("processing", "A", "A", "A", None, True),
        ("processing", "B", "A", "A", None, False),  # stale custodian
        ("handover_sent", "A", "A", "A", None, True),
        ("handover_accepted", "B", "A", "A", "B", True),
        ("handover_accepted", "C", "A", "A", "B", False),
        ("handover_accepted", "A", "A", "A", None, False),  # nothing to answer
        ("handover_returned", "B", "A", "A", "B", True),
        ("returned", "A", "P", "A", None, True),  # the return point hands the result over
        ("rated", "A", "P", "A", None, True),
        ("returned", "C", "P", "A", None, False),
        ("result_ready", "A", "P", "A", None, False),  # only the holder finishes it
        ("handover_recalled", "A", "A", "A", "B", True),  # the sender takes back what B has not answered
        ("handover_recalled", "B", "A", "A", "B", False),
        ("handover_recalled", "A", "A", "A", None, False),  # nothing waits (B answered already)
        ("posted", "A", "P", "A", None, True),  # the return point hands the result to the post office
    ],
)
def test_who_may_record_what(event, actor, custodian, return_unit, pending, allowed):
    assert (
        may_record(event, actor, custodian=custodian, return_unit=return_unit, pending_handover_to=pending)
        is allowed
    )


def test_a_handover_sent_back_stays_open_until_noted_or_acted_on():
    from counter_app.domain.custody import sent_back_open

    returned = ("handover_returned", {"handover": {"id": "h1", "state": "returned"}})
    assert sent_back_open("h1", [("handover_sent", {"handover": {"id": "h1"}}), returned])
    assert sent_back_open("h1", [returned, ("document_digitised", {})])  # not acting on the dossier
    assert not sent_back_open("h1", [returned, ("handover_return_noted", {"noted_handover": "h1"})])
    assert not sent_back_open("h1", [returned, ("processing", {"set": {"status": 4}})])
    assert not sent_back_open("h1", [returned, ("handover_sent", {"handover": {"id": "h2"}})])
    assert not sent_back_open("h2", [returned])
