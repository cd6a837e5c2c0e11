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
    ],
)
def test_who_may_record_what(event, actor, custodian, return_unit, pending, allowed):
    assert (
        may_record(event, actor, custodian=custodian, return_unit=return_unit, pending_handover_to=pending)
        is allowed
    )
