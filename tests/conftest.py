import pytest
from django.test import Client

from stepup.accounts.roles import Role
from tests.factories import person_with_role
from tests.signing_in import sign_in_through_form


@pytest.fixture
def client():
    return Client(HTTP_HOST="127.0.0.1")


@pytest.fixture
def sign_in(client):
    """Signs a person in through the real sign-in form and returns the client."""

    def _sign_in(user):
        response = sign_in_through_form(client, user)
        assert response.status_code == 302, response.content.decode()[:2000]
        return client

    return _sign_in


@pytest.fixture
def national_admin(db):
    return person_with_role(Role.NATIONAL_ADMIN, full_name="Nadia Admin")
