"""The two interview formats: cohort 1's separate university and local
authority interviews, each observed by its own staff, and from cohort 2 one joint
interview observed by both together; both configurable with the standard framework."""

import pytest
from django.core.exceptions import ValidationError

from stepup.accounts.roles import Role
from stepup.assessment import services
from stepup.programme.models import Panel
from stepup.programme.services import framework_load_standard
from tests.assessment.conftest import assign_everywhere
from tests.factories import CohortFactory, person_with_role

pytestmark = pytest.mark.django_db


def test_the_standard_framework_comes_in_either_format(db):
    joint = framework_load_standard(actor=None, cohort=CohortFactory(number=2))
    assert {e.name: e.panel for e in joint.exercises.all() if e.panel} == {"Interview": "joint"}
    separate = framework_load_standard(
        actor=None, cohort=CohortFactory(number=1), interview_format="separate"
    )
    panels = {e.name: e.panel for e in separate.exercises.all() if e.panel}
    assert panels == {
        "University interview": "university",
        "Local authority interview": "authority",
    }
    interviews = separate.exercises.filter(panel__in=("university", "authority"))
    assert {tuple(c.name for c in e.criteria.all()) for e in interviews} == {
        tuple(c.name for c in joint.exercises.get(name="Interview").criteria.all())
    }
    with pytest.raises(ValidationError, match="Select how candidates are interviewed"):
        framework_load_standard(actor=None, cohort=CohortFactory(number=3), interview_format="x")


def _university(day):
    return services.assessor_add(
        actor=day["people"]["coordinator"],
        centre=day["centre"],
        person=person_with_role(Role.UNIVERSITY_TUTOR, organisation=day["ours"].lead_authority),
        kind="university",
    )


def test_a_joint_interview_needs_a_university_and_an_authority_assessor(centre_day):
    day = centre_day
    rules = day["cohort"].current_rules
    interview = rules.exercises.get(name="Interview")
    interview.panel = Panel.JOINT
    interview.save()
    coordinator = day["people"]["coordinator"]
    assign_everywhere(day, day["staff"], day["invitations"])
    assign_everywhere(day, day["young"], day["invitations"])
    with pytest.raises(
        ValidationError, match="needs a university and a local authority assessor together"
    ) as refused:
        services.assignments_confirm(actor=coordinator, centre=day["centre"])
    assert refused.value.messages == [
        f"Candidate {n}: the Interview needs a university and a local authority assessor together"
        for n in (1, 2)
    ]
    services.assignments_set(
        actor=coordinator,
        assessor=_university(day),
        exercise=interview,
        invitations=day["invitations"],
    )
    services.assignments_confirm(actor=coordinator, centre=day["centre"])


def test_a_separate_interview_is_observed_by_its_own_staff_only(centre_day):
    day = centre_day
    rules = day["cohort"].current_rules
    interview = rules.exercises.get(name="Interview")
    interview.panel = Panel.UNIVERSITY
    interview.save()
    coordinator = day["people"]["coordinator"]
    with pytest.raises(
        ValidationError, match="observed by university staff: choose one of them"
    ) as refused:
        services.assignments_set(
            actor=coordinator,
            assessor=day["staff"],
            exercise=interview,
            invitations=day["invitations"],
        )
    assert refused.value.message_dict["invitations"] == [
        "The Interview is observed by university staff: choose one of them to observe it"
    ]
    services.assignments_set(
        actor=coordinator,
        assessor=_university(day),
        exercise=interview,
        invitations=day["invitations"],
    )
