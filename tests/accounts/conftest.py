import pytest

from stepup.accounts.models import Organisation
from stepup.accounts.roles import OrganisationKind, Role
from tests.factories import AuthorityFactory, OrganisationFactory, person_with_role


@pytest.fixture
def bromley(db) -> Organisation:
    return AuthorityFactory(name="Bromley")


@pytest.fixture
def lewisham(db) -> Organisation:
    return AuthorityFactory(name="Lewisham")


@pytest.fixture
def goldsmiths(db) -> Organisation:
    return OrganisationFactory(
        name="Goldsmiths, University of London", kind=OrganisationKind.UNIVERSITY
    )


@pytest.fixture
def coordinator(bromley):
    return person_with_role(Role.COORDINATOR, bromley, full_name="Cora Ordinator")
