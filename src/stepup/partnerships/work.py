"""Bids and changes to approved bids waiting for the national team's decision."""

from django.urls import reverse

from stepup.accounts.roles import Role
from stepup.core.work import Work, plural, work_source
from stepup.partnerships.models import Partnership, PartnershipStatus, Variation, VariationStatus


@work_source
def partnership_work(user) -> list[Work]:
    if not user.has_role(Role.NATIONAL_ADMIN):
        return []
    bids = Partnership.objects.filter(status=PartnershipStatus.SUBMITTED).count()
    changes = Variation.objects.filter(status=VariationStatus.WAITING).count()
    return [
        Work(
            plural(bids, "bid waits", "bids wait") + " for your decision",
            reverse("partnerships:partnership-list"),
            bids,
        ),
        Work(
            plural(changes, "change to an approved bid waits", "changes to approved bids wait")
            + " for your decision",
            reverse("partnerships:partnership-list"),
            changes,
        ),
    ]
