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
    # Nobody for trainees recorded as published (the demo's cohort 1).
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Whether the trainee agreed that their outcomes may be analysed against their
    # application (ADR 0018); an analysis of outcomes reads only those who did (ADR 0019).
    consent_to_link = models.BooleanField()
    consent_recorded_at = models.DateTimeField(default=timezone.now)
    student_number = models.CharField(max_length=30, blank=True)
    # A later end than the cohort's, when the trainee is given an extension.
    extended_to = models.DateField(null=True, blank=True)
    academic_tutor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

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
    at_risk = models.TextField(blank=True, help_text="Why the placement is at risk, if it is.")
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


# The programme of study.


class Module(models.Model):
    """A module of a university's programme for a cohort."""

    university = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    credits = models.PositiveSmallIntegerField(validators=[MaxValueValidator(180)])
    level = models.CharField(max_length=20, help_text="As the university writes it: M level, 7.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["university", "cohort", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["university", "cohort", "name"], name="module_unique")
        ]

    def __str__(self) -> str:
        return self.name


class AssessmentKind(models.TextChoices):
    ESSAY = "essay", "Written assignment"
    PORTFOLIO = "portfolio", "Portfolio"
    EXAM = "exam", "Examination"
    PRESENTATION = "presentation", "Presentation"
    PROJECT = "project", "Project or dissertation"
    PRACTICE = "practice", "Assessed practice"


class Assessment(models.Model):
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="assessments")
    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=AssessmentKind.choices)
    words = models.PositiveIntegerField(null=True, blank=True)
    hand_in_on = models.DateField()
    hand_back_on = models.DateField(null=True, blank=True)
    pass_fail = models.BooleanField(help_text="Pass or fail, not marked.")
    pass_mark = models.PositiveSmallIntegerField(default=50, validators=[MaxValueValidator(100)])
    # The most a resubmission can be given.
    resubmission_cap = models.PositiveSmallIntegerField(
        default=50, validators=[MaxValueValidator(100)]
    )

    class Meta:
        ordering = ["module", "hand_in_on", "pk"]

    def __str__(self) -> str:
        return f"{self.module.name}: {self.name}"


class Result(models.Model):
    """A trainee's result in an assessment, at a first attempt or a resubmission."""

    trainee = models.ForeignKey(Trainee, on_delete=models.PROTECT, related_name="results")
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="results")
    attempt = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    mark = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    # A resubmission's mark as it counts, capped.
    counted_mark = models.PositiveSmallIntegerField(null=True, blank=True)
    passed = models.BooleanField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["trainee", "assessment", "attempt"]
        constraints = [
            models.UniqueConstraint(
                fields=["trainee", "assessment", "attempt"], name="result_unique"
            )
        ]


class Rag(models.TextChoices):
    GREEN = "green", "Green: on track"
    AMBER = "amber", "Amber: some concern"
    RED = "red", "Red: at risk"


class ProgressReview(models.Model):
    trainee = models.ForeignKey(Trainee, on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField()
    rag = models.CharField("Status", max_length=10, choices=Rag.choices)
    notes = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["trainee", "-held_on", "-pk"]


class LearningNeed(models.Model):
    """A learning need and its reasonable adjustments, recorded at induction or after."""

    trainee = models.ForeignKey(Trainee, on_delete=models.PROTECT, related_name="needs")
    need = models.TextField()
    adjustments = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)


class WarningKind(models.TextChoices):
    MISSED_HAND_IN = "missed_hand_in", "Missed hand-in"
    FAILED = "failed", "Failed assessment"
    PLACEMENT_AT_RISK = "placement_at_risk", "Placement at risk"
    RED_REVIEW = "red_review", "Red progress review"


class EarlyWarning(models.Model):
    """Raised by the service the moment something goes wrong, for the trainee's tutors and
    coordinator to see at once."""

    trainee = models.ForeignKey(Trainee, on_delete=models.PROTECT, related_name="warnings")
    kind = models.CharField(max_length=20, choices=WarningKind.choices)
    detail = models.CharField(max_length=300)
    assessment = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    placement = models.ForeignKey(
        Placement, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolution = models.TextField(blank=True)

    class Meta:
        ordering = ["-raised_at", "-pk"]
        constraints = [
            # One open warning of a kind for an assessment: a sweep run twice raises one.
            models.UniqueConstraint(
                fields=["trainee", "kind", "assessment"],
                condition=Q(resolved_at__isnull=True, assessment__isnull=False),
                name="early_warning_open_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.detail}"


# Outcomes.


class Award(models.TextChoices):
    MA = "ma", "MA in Social Work"
    DIPLOMA = "diploma", "Postgraduate Diploma in Social Work"


class Classification(models.TextChoices):
    PASS = "pass", "Pass"
    MERIT = "merit", "Merit"
    DISTINCTION = "distinction", "Distinction"
    FAIL = "fail", "Fail"
    CONTINUING = "continuing", "Continuing"


class Employment(models.TextChoices):
    HOST = "host", "A post with their host authority"
    OTHER_AUTHORITY = "other_authority", "A post with another authority"
    ELSEWHERE = "elsewhere", "Social work elsewhere"
    NONE = "none", "Not in social work"


class Outcome(models.Model):
    """Where the trainee ended up: the award, registration with the regulator, and a job."""

    trainee = models.OneToOneField(Trainee, on_delete=models.PROTECT, related_name="outcome")
    award = models.CharField(max_length=10, choices=Award.choices, blank=True)
    classification = models.CharField(max_length=20, choices=Classification.choices)
    awarded_on = models.DateField(null=True, blank=True)
    registered_on = models.DateField(null=True, blank=True)
    registration_number = models.CharField(max_length=20, blank=True)
    employment = models.CharField(max_length=20, choices=Employment.choices, blank=True)
    employer = models.CharField(max_length=200, blank=True)
    asye_started_on = models.DateField("Assessed and supported year began", null=True, blank=True)
    in_post_6_months = models.BooleanField(null=True, blank=True)
    in_post_12_months = models.BooleanField(null=True, blank=True)
    in_post_24_months = models.BooleanField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
