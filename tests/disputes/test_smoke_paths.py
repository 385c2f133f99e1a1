import pytest

from tests.workflow import PATHS, Cast, Flow


@pytest.mark.django_db
@pytest.mark.parametrize("state", [s for s in PATHS if s != "referred_arbitration"])
def test_every_state_is_reachable_through_the_api(state):
    Flow(Cast()).to(state)


@pytest.mark.django_db
def test_arbitration_is_reachable_for_an_interests_dispute():
    Flow(Cast(), type="kepentingan").to("referred_arbitration")
