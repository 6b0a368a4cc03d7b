"""The trainee's record, from enrolment (docs/adr/0018-the-trainee-record.md): one record the
host authority, the partnership, the university and the trainee all work from."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from stepup.accounts.models import Organisation
from stepup.offers.models import Offer
from stepup.programme.models import Cohort


class TraineeStatus(models.TextChoices):
    ENROLLED = "enrolled", "On the programme"
    SUSPENDED = "suspended", "Suspended"
    WITHDRAWN = "withdrawn", "Withdrawn"
    EXCLUDED = "excluded", "Excluded (fitness to practise)"
    COMPLETED = "completed", "Completed"


class Trainee(models.Model):
    """A candidate whose offer was unconditional, enrolled with the partnership's university
    and hosted by their authority."""

    offer = models.OneToOneField(Offer, on_delete=models.PROTECT, related_name="trainee")
    university = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    host = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=20, choices=TraineeStatus.choices, default=TraineeStatus.ENROLLED
    )
    enrolled_on = models.DateField()
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Whether the trainee agreed that their outcomes may be analysed against their
    # application (issue 14 reads only those who did).
    consent_to_link = models.BooleanField()
    consent_recorded_at = models.DateTimeField(default=timezone.now)
    student_number = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ["offer__partnership", "offer__application__full_name", "pk"]

    def __str__(self) -> str:
        return f"Trainee {self.offer.application.full_name or self.offer.application.reference}"

    @property
    def partnership(self):
        return self.offer.partnership

    @property
    def name(self) -> str:
        return self.offer.application.full_name or self.offer.application.reference


class PlacementRules(models.Model):
    """A cohort's rules for practice learning; the defaults are the programme's."""

    cohort = models.OneToOneField(Cohort, on_delete=models.PROTECT, related_name="+")
    days = models.PositiveSmallIntegerField(
        default=200, validators=[MinValueValidator(1), MaxValueValidator(400)]
    )
    settings_needed = models.PositiveSmallIntegerField(
        default=2, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    groups_needed = models.PositiveSmallIntegerField(
        default=2, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    statutory_needed = models.BooleanField(default=True)


class ServiceUserGroup(models.TextChoices):
    CHILDREN = "children", "Children and families"
    CHILD_PROTECTION = "child_protection", "Child protection"
    LOOKED_AFTER = "looked_after", "Looked-after children and care leavers"
    DISABLED_CHILDREN = "disabled_children", "Disabled children"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    ADULTS = "adults", "Adults"
    MENTAL_HEALTH = "mental_health", "Mental health"


class Placement(models.Model):
    trainee = models.ForeignKey(Trainee, on_delete=models.PROTECT, related_name="placements")
    setting = models.CharField(max_length=200, help_text="The service or team's setting.")
    authority = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    team = models.CharField(max_length=200)
    group = models.CharField("Service-user group", max_length=30, choices=ServiceUserGroup.choices)
    statutory = models.BooleanField()
    starts_on = models.DateField()
    ends_on = models.DateField()
    days = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    practice_educator = models.CharField(max_length=200)
    onsite_supervisor = models.CharField(max_length=200, blank=True)
    placement_tutor = models.CharField(max_length=200)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["trainee", "starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="placement_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.setting}, {self.days} days"
