"""A partnership's grant: the instalments the national team releases against evidence, and
the lead authority's ledger of every pound in and out (docs/adr/0017-grant-funding.md).

Money is integer pence, always: no field, argument or sum here is ever a float
(``tests/funding/test_money.py`` reads the code to make sure).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from stepup.accounts.models import Organisation
from stepup.offers.models import Offer
from stepup.partnerships.models import Partnership


def financial_year(day: datetime.date) -> int:
    """The UK financial year a day falls in, by the year it starts: 2025 for 2025–26, which
    runs from 1 April 2025 to 31 March 2026."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_label(start: int) -> str:
    return f"{start}–{(start + 1) % 100:02d}"


def financial_year_end(start: int) -> datetime.date:
    return datetime.date(start + 1, 3, 31)


class Evidence(models.TextChoices):
    """The milestones an instalment can wait for, and the evidence each needs."""

    APPROVED = "approved", "Partnership approved"
    ENROLLED = "enrolled", "Trainees enrolled"
    REGULATOR = "regulator", "Regulator approval of the programme"
    MIDPOINT = "midpoint", "Mid-point progress"
    COMPLETION = "completion", "Completion"


class InstalmentStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Waiting for evidence"
    SUBMITTED = "submitted", "Evidence submitted"
    ACCEPTED = "accepted", "Evidence accepted"
    RELEASED = "released", "Released"


class Instalment(models.Model):
    """One payment of the grant to the lead authority, in a financial year, once the
    evidence of its milestone is accepted."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="instalments"
    )
    number = models.PositiveSmallIntegerField()
    milestone = models.CharField(max_length=20, choices=Evidence.choices)
    year = models.PositiveSmallIntegerField(help_text="The financial year, by the year it starts.")
    amount_pence = models.PositiveBigIntegerField()
    evidence_needed = models.TextField()
    status = models.CharField(
        max_length=20, choices=InstalmentStatus.choices, default=InstalmentStatus.SCHEDULED
    )
    evidence = models.TextField(blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    released_pence = models.PositiveBigIntegerField(default=0)
    release_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["partnership", "number"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "number"], name="instalment_unique"),
            models.CheckConstraint(
                condition=Q(released_pence__lte=models.F("amount_pence")),
                name="instalment_released_within_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"Instalment {self.number} of {self.partnership.code}"

    @property
    def year_label(self) -> str:
        return financial_year_label(self.year)


class EntryKind(models.TextChoices):
    """What an entry in the lead authority's ledger is: money in, or money out."""

    RECEIPT = "receipt", "Grant received from the national programme"
    TRANSFER = "transfer", "Transfer to a member authority"
    UNIVERSITY_FEE = "university_fee", "University fee"
    BURSARY = "bursary", "Bursary payment"
    SUPERVISION = "supervision", "Placement supervision"
    ADMINISTRATION = "administration", "Administration"
    REPAYMENT = "repayment", "Repayment from a trainee"
    RETURN = "return", "Unspent grant returned"


MONEY_IN = frozenset({EntryKind.RECEIPT, EntryKind.REPAYMENT})


class LedgerEntry(models.Model):
    """One posting in the lead authority's ledger. Posted entries never change: a mistake
    is put right by a reversing entry, with its reason."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="ledger")
    kind = models.CharField(max_length=20, choices=EntryKind.choices)
    # Positive for money in, negative for money out; a reversal has the opposite sign.
    amount_pence = models.BigIntegerField()
    paid_on = models.DateField()
    year = models.PositiveSmallIntegerField()
    authority = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The authority the money is for, or from.",
    )
    trainee = models.ForeignKey(
        Offer, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    instalment = models.ForeignKey(
        Instalment, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The month a bursary payment is for (its first day).
    period = models.DateField(null=True, blank=True)
    description = models.CharField(max_length=300)
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    reason = models.TextField(blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    posted_at = models.DateTimeField(default=timezone.now)

    # The application's database role may only INSERT and SELECT here, and a trigger refuses
    # UPDATE and DELETE to everyone else (ADR 0023).
    append_only = True

    class Meta:
        ordering = ["partnership", "paid_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(amount_pence=0), name="ledger_entry_not_zero"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.amount_pence} pence"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValidationError("A posted entry cannot be changed: post a reversing entry")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("A posted entry cannot be deleted: post a reversing entry")


class RepaymentBasis(models.TextChoices):
    ALL_RECEIVED = "all_received", "All the bursary received"
    PRO_RATA = "pro_rata", "A share of the bursary for the time left"
    TIE_IN = "tie_in", "The tie-in sum"
    NONE = "none", "Nothing to repay"


class RepaymentStatus(models.TextChoices):
    DUE = "due", "Due"
    SETTLED = "settled", "Settled"
    WRITTEN_OFF = "written_off", "Written off"


class Repayment(models.Model):
    """What a trainee who withdrew owes back under the partnership's agreement, followed to
    settlement or write-off."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="repayments"
    )
    trainee = models.OneToOneField(Offer, on_delete=models.PROTECT, related_name="repayment")
    withdrawn_on = models.DateField()
    withdrawal_reason = models.TextField()
    basis = models.CharField(max_length=20, choices=RepaymentBasis.choices)
    due_pence = models.PositiveBigIntegerField()
    working = models.CharField(max_length=300)
    status = models.CharField(
        max_length=20, choices=RepaymentStatus.choices, default=RepaymentStatus.DUE
    )
    closing_reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["partnership", "withdrawn_on", "pk"]

    def __str__(self) -> str:
        return f"Repayment by {self.trainee.application.reference}"
