"""Funding hears of a trainee leaving from the trainee record (``core.signals``), and starts
the repayment due under the partnership's terms."""

from django.dispatch import receiver

from stepup.core.signals import trainee_left
from stepup.funding.models import Repayment
from stepup.funding.services.repayments import repayment_start


@receiver(trainee_left, dispatch_uid="funding-repayment-on-leaving")
def repayment_on_leaving(sender, *, offer, left_on, reason, actor, **kwargs) -> None:
    if Repayment.objects.filter(trainee=offer).exists():
        return  # recorded on the funding pages already
    repayment_start(actor=actor, trainee=offer, withdrawn_on=left_on, reason=reason)
