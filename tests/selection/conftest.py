import datetime

import pytest
from django.utils import timezone

from stepup.accounts.roles import Role
from stepup.applications.models import ApplicationStatus
from tests.factories import ApplicationFactory, CohortFactory, person_with_role


@pytest.fixture
def cohort(db):
    return CohortFactory(number=1, name="Cohort 1")


@pytest.fixture
def contractor(db):
    return person_with_role(Role.CONTRACTOR, full_name="Connie Contractor")


@pytest.fixture
def submitted(cohort):
    """An application just submitted under the cohort's current rules (not yet checked)."""

    def _make(**fields):
        fields.setdefault("cohort", cohort)
        return ApplicationFactory(
            status=ApplicationStatus.SUBMITTED,
            rules=fields["cohort"].current_rules,
            submitted_at=timezone.now(),
            **fields,
        )

    return _make


@pytest.fixture
def in_review(cohort):
    """An application waiting in the manual eligibility queue."""

    def _make(*, days_ago: int = 1, **fields):
        fields.setdefault("cohort", cohort)
        fields.setdefault("degree_class", "overseas")
        fields.setdefault("degree_equivalence", "Licenciatura, 16/20: like a 2:1")
        fields.setdefault("status", ApplicationStatus.ELIGIBILITY_REVIEW)
        return ApplicationFactory(
            rules=fields["cohort"].current_rules,
            submitted_at=timezone.now() - datetime.timedelta(days=days_ago),
            **fields,
        )

    return _make


@pytest.fixture
def sift_world(db):
    """A cohort with the standard framework (five criteria at the sift, scored 1 to 4),
    a pass mark of 12, two partnerships, and sifters of every kind."""
    from stepup.programme.services import framework_load_standard
    from tests.factories import AuthorityFactory, PartnershipFactory

    cohort = CohortFactory(number=3, name="Cohort 3")
    framework_load_standard(actor=None, cohort=cohort)
    rules = cohort.current_rules
    rules.sift_pass_mark = 12
    rules.sift_by = "partnership"
    rules.save()
    lead = AuthorityFactory(name="Bromley")
    member = AuthorityFactory(name="Bexley")
    ours = PartnershipFactory(
        cohort=cohort,
        name="South East",
        code="SE",
        lead_authority=lead,
        places=[("Bromley", 3), ("Bexley", 2)],
    )
    theirs = PartnershipFactory(cohort=cohort, name="North", code="NO")
    people = {
        "contractor": person_with_role(Role.CONTRACTOR, full_name="Connie Contractor"),
        "contractor2": person_with_role(Role.CONTRACTOR, full_name="Carl Contractor"),
        "contractor3": person_with_role(Role.CONTRACTOR, full_name="Cath Contractor"),
        "admin": person_with_role(Role.NATIONAL_ADMIN),
        "coordinator": person_with_role(Role.COORDINATOR, organisation=lead),
        "assessor": person_with_role(Role.ASSESSOR, organisation=member),
        "su_assessor": person_with_role(Role.SERVICE_USER_ASSESSOR, organisation=member),
        "officer": person_with_role(Role.AUTHORITY_OFFICER, organisation=member),
        "other_coordinator": person_with_role(Role.COORDINATOR, organisation=theirs.lead_authority),
        "contractor_assessor": person_with_role(Role.ASSESSOR),
    }

    def eligible(**fields):
        fields.setdefault("cohort", cohort)
        fields.setdefault("first_choice", ours)
        fields.setdefault("status", ApplicationStatus.ELIGIBLE)
        return ApplicationFactory(
            rules=fields["cohort"].current_rules,
            submitted_at=timezone.now() - datetime.timedelta(days=1),
            **fields,
        )

    criteria = list(
        rules.criteria.filter(exercises__stage="application").distinct().order_by("position")
    )
    return {
        "cohort": cohort,
        "rules": rules,
        "ours": ours,
        "theirs": theirs,
        "people": people,
        "eligible": eligible,
        "criteria": criteria,
    }


def scores_of(criteria, *values, evidence="Clear example of the criterion in Q1."):
    """Scores for each criterion in order; one value repeated if only one is given."""
    if len(values) == 1:
        values = values * len(criteria)
    return {c.pk: (v, evidence) for c, v in zip(criteria, values, strict=True)}
