import pytest

from coordination.tests import factories as f


@pytest.fixture
def steering(db):
    return f.steering_committee()


@pytest.fixture
def partner_seat(steering, partner):
    return f.CommitteeMemberFactory(committee=steering, user=partner, full_name="ანა პარტნიორი", organisation="SDC")
