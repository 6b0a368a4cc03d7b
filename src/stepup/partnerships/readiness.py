"""The partnerships' part in whether a cohort may start recruiting: every application needs a
first-choice partnership, so at least one must be approved."""

from stepup.partnerships.models import Partnership, PartnershipStatus
from stepup.programme.readiness import Problem, page, recruiting_check


@recruiting_check
def an_approved_partnership(cohort) -> list[Problem]:
    if Partnership.objects.filter(cohort=cohort, status=PartnershipStatus.APPROVED).exists():
        return []
    return [
        Problem(
            "Approve at least one partnership's bid: candidates choose from approved partnerships",
            page("partnerships:partnership-list") + f"?cohort={cohort.number}",
        )
    ]
