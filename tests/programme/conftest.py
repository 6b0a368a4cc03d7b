import datetime

import pytest

from stepup.accounts.roles import Role
from stepup.programme import services
from stepup.programme.models import Cohort, CohortStatus, FundingBasis, MilestoneKind
from tests.factories import CohortFactory, PartnershipFactory, person_with_role

COHORT_5_RATES = (
    ("Administration", FundingBasis.PER_PARTNERSHIP, 48_000_00, None, None),
    ("Bursary", FundingBasis.PER_TRAINEE, 19_833_00, None, None),
    ("University fees", FundingBasis.PER_TRAINEE, 11_667_00, None, None),
    ("Placement supervision", FundingBasis.PER_TRAINEE, 1_750_00, None, None),
    ("One-off for a partnership of 26 to 35 trainees", FundingBasis.SIZE_BAND, 2_500_00, 26, 35),
)


@pytest.fixture
def admin(db):
    return person_with_role(Role.NATIONAL_ADMIN, full_name="Nadia Admin")


def add_cohort_5_rates(cohort: Cohort, actor=None) -> None:
    for label, basis, amount, band_min, band_max in COHORT_5_RATES:
        services.funding_rate_add(
            actor=actor,
            cohort=cohort,
            label=label,
            basis=basis,
            amount_pence=amount,
            band_min=band_min,
            band_max=band_max,
        )


def ready_to_recruit(cohort: Cohort, actor=None) -> Cohort:
    """A cohort open for bids with everything recruitment needs."""
    services.framework_load_standard(actor=actor, cohort=cohort)
    add_cohort_5_rates(cohort, actor)
    services.milestone_save(
        actor=actor,
        cohort=cohort,
        kind=MilestoneKind.APPLICATION_WINDOW,
        starts_on=datetime.date(2017, 8, 7),
        ends_on=datetime.date(2017, 9, 22),
        note="Early-mid August 2017",
    )
    services.recruitment_settings_update(actor=actor, cohort=cohort, sift_pass_mark=15)
    services.cohort_transition(actor=actor, cohort=cohort, to_status=CohortStatus.OPEN_FOR_BIDS)
    PartnershipFactory(cohort=cohort)  # approved: candidates need one to choose
    cohort.refresh_from_db()
    return cohort


@pytest.fixture
def draft_cohort(db):
    return CohortFactory(number=6, name="Cohort 6")


@pytest.fixture
def recruiting_cohort(db, admin):
    cohort = ready_to_recruit(CohortFactory(number=5, name="Cohort 5"))
    services.cohort_transition(actor=admin, cohort=cohort, to_status=CohortStatus.RECRUITING)
    cohort.refresh_from_db()
    return cohort
