"""The home page people land on after signing in shows the work waiting for them, not a list of
links."""

import pytest

from stepup.accounts.roles import Role
from stepup.partnerships.models import PartnershipStatus
from tests.factories import PartnershipFactory, person_with_role

pytestmark = pytest.mark.django_db


def home(client) -> str:
    return client.get("/").content.decode()


def test_the_national_admin_sees_bids_waiting(sign_in, client):
    PartnershipFactory(status=PartnershipStatus.SUBMITTED)
    PartnershipFactory(status=PartnershipStatus.SUBMITTED)
    sign_in(person_with_role(Role.NATIONAL_ADMIN))
    page = home(client)
    assert "Waiting for you" in page
    assert "2 bids wait for your decision" in page


def test_the_checker_and_the_sifter_see_their_queues(sift_world, in_review, sign_in, client):
    in_review()
    sift_world["eligible"]()
    sign_in(sift_world["people"]["contractor"])
    assert "1 application waits for an eligibility decision" in home(client)
    sign_in(sift_world["people"]["coordinator"])
    page = home(client)
    assert "1 application waits for your sift mark" in page
    assert "eligibility decision" not in page


def test_nothing_waiting_says_so(sign_in, client):
    sign_in(person_with_role(Role.UNIVERSITY_TUTOR))
    assert "Nothing is waiting for you." in home(client)
