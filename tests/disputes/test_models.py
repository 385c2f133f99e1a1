"""The state field is protected and nothing writes it around the transitions."""

import re
from pathlib import Path

import pytest

from disputes.models import Dispute, DisputeState
from tests.workflow import Cast, Flow

ROOT = Path(__file__).resolve().parents[2]
APP_DIRS = ["accounts", "chat", "disputes", "mediation", "sikhi"]


@pytest.mark.django_db
def test_assigning_the_state_directly_is_refused():
    flow = Flow(Cast())
    dispute = Dispute.objects.get(pk=flow.id)
    with pytest.raises(AttributeError):
        dispute.state = DisputeState.SETTLED
    assert Dispute.objects.get(pk=flow.id).state == DisputeState.DRAFT


def test_no_code_writes_state_outside_the_transitions():
    # A deadline's own `state` (open/met/expired/overdue) is not the dispute's and is excluded by name.
    pattern = re.compile(
        r"\.update\([^)]*\bstate\s*=|\b(?!row\b|deadline\b)\w+\.state\s*=[^=]|\bstate\s*=\s*DisputeState\."
    )
    offenders = []
    for app in APP_DIRS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if pattern.search(line) and "FSMField" not in line:
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []
