"""The started South London partnership of the funding tests, and a course for it."""

import datetime

import pytest

from stepup.accounts.roles import Role
from stepup.partnerships.models import PartnershipUniversity
from stepup.trainees import services
from tests.factories import UniversityFactory, person_with_role
from tests.funding.conftest import world  # noqa: F401 -- a started partnership with trainees


@pytest.fixture
def course(world):  # noqa: F811 -- the fixture imported above
    """Ada and Ben enrolled with Goldsmiths; Ada's academic tutor; a module with a marked
    essay handed in on 1 March and a pass-or-fail portfolio due on 1 July."""
    goldsmiths = UniversityFactory(name="Goldsmiths")
    PartnershipUniversity.objects.create(
        partnership=world.partnership, university=goldsmiths, role="both"
    )
    tutor = person_with_role(Role.UNIVERSITY_TUTOR, goldsmiths)
    ada, ben = (
        services.trainee_enrol(
            actor=tutor,
            offer=world.trainees[index],
            enrolled_on=datetime.date(2027, 1, 4),
            consent_to_link=True,
        )
        for index in (0, 1)
    )
    ada.academic_tutor = tutor
    ada.save()
    world.partnership.coordinator = world.coordinator
    world.partnership.save()
    module = services.module_add(
        actor=tutor,
        university=goldsmiths,
        cohort=world.partnership.cohort,
        name="Law in social work practice",
        credits=20,
        level="M level",
    )
    essay = services.assessment_add(
        actor=tutor,
        module=module,
        name="Assignment",
        kind="essay",
        words=5000,
        hand_in_on=datetime.date(2027, 3, 1),
        pass_fail=False,
    )
    portfolio = services.assessment_add(
        actor=tutor,
        module=module,
        name="Portfolio",
        kind="portfolio",
        hand_in_on=datetime.date(2027, 7, 1),
        pass_fail=True,
    )
    return {"tutor": tutor, "ada": ada, "ben": ben, "essay": essay, "portfolio": portfolio}
