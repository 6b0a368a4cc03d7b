"""Assessment centres (docs/adr/0015-assessment-centres.md): centre days with their
slots and timetable, one invitation per screened-in application with the slot booked, and the
adjustments candidates ask for."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from stepup.applications.models import Application
from stepup.core.formatting import govuk_date, govuk_time
from stepup.partnerships.models import Partnership
from stepup.programme.models import Cohort, Criterion, Exercise


class CentreStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    OPEN = "open", "Open for booking"
    HELD = "held", "Held"
    CONFIRMED = "confirmed", "Scores confirmed"
    CANCELLED = "cancelled", "Cancelled"


class Centre(models.Model):
    """One day of assessment at one venue, run by a partnership, or nationally by the
    contractor (``partnership`` blank) where the cohort's rules say so."""

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="centres")
    partnership = models.ForeignKey(
        Partnership, null=True, blank=True, on_delete=models.PROTECT, related_name="centres"
    )
    day = models.DateField()
    venue = models.CharField(max_length=200, help_text="The building, as candidates look for it.")
    address = models.TextField()
    accessibility = models.TextField(
        help_text="Step-free access, parking, toilets, quiet room, hearing loop: what is there."
    )
    # Candidates book and move their slot until then; after it, staff still can.
    booking_closes_at = models.DateTimeField()
    # How many assessors the day needs, as whoever plans it judges: the pool page counts
    # against it. Blank for not said.
    assessors_needed = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    # When whoever runs the day confirmed who assesses whom: each criterion seen by two.
    assignments_confirmed_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=CentreStatus.choices, default=CentreStatus.PLANNED
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["day", "venue", "id"]

    def __str__(self) -> str:
        return f"{self.venue}, {govuk_date(self.day)}"


class Slot(models.Model):
    """A start time on a centre day and how many candidates it takes. The day's capacity is
    the sum of its slots' places: one fact, not two."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="slots")
    starts_at = models.TimeField()
    ends_at = models.TimeField()
    places = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(60)]
    )

    class Meta:
        ordering = ["centre", "starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "starts_at"], name="slot_one_a_start"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="slot_ends_after_it_starts"
            ),
        ]

    def __str__(self) -> str:
        return f"{govuk_time(self.starts_at)} to {govuk_time(self.ends_at)}"


class TimetableItem(models.Model):
    """When an exercise of the cohort's framework runs on the day."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="timetable")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    starts_at = models.TimeField()
    ends_at = models.TimeField()

    class Meta:
        ordering = ["centre", "starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "exercise"], name="timetable_one_an_exercise")
        ]


class Invitation(models.Model):
    """A screened-in application's invitation to the centres of its partnership (or the
    national ones), and the slot booked, with the candidate's number on that day."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="centre_invitation"
    )
    partnership = models.ForeignKey(
        Partnership, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    slot = models.ForeignKey(
        Slot, null=True, blank=True, on_delete=models.PROTECT, related_name="bookings"
    )
    # The slot's centre, kept beside it so that a candidate number is unique on the day.
    centre = models.ForeignKey(
        Centre, null=True, blank=True, on_delete=models.PROTECT, related_name="bookings"
    )
    candidate_number = models.PositiveSmallIntegerField(null=True, blank=True)
    booked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["centre", "candidate_number", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "candidate_number"],
                condition=Q(centre__isnull=False),
                name="invitation_one_number_a_centre",
            ),
            models.CheckConstraint(
                condition=Q(slot__isnull=True, centre__isnull=True, candidate_number__isnull=True)
                | Q(slot__isnull=False, centre__isnull=False, candidate_number__isnull=False),
                name="invitation_booked_all_or_nothing",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation for application {self.application_id}"


class AdjustmentOutcome(models.TextChoices):
    AGREED = "agreed", "Agreed"
    PARTLY = "partly", "Partly agreed"
    NOT_POSSIBLE = "not_possible", "Not possible"


class AdjustmentRequest(models.Model):
    """A reasonable adjustment a candidate asks for, and the answer whoever runs the centre
    gives them. Not shown to assessors beyond what the day needs."""

    invitation = models.ForeignKey(Invitation, on_delete=models.PROTECT, related_name="adjustments")
    request = models.TextField()
    asked_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(max_length=20, choices=AdjustmentOutcome.choices, blank=True)
    answer = models.TextField(blank=True, help_text="As the candidate will read it.")
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "id"]

    def __str__(self) -> str:
        return f"Adjustment request {self.pk}"


class AssessorKind(models.TextChoices):
    AUTHORITY = "authority", "Local authority staff"
    UNIVERSITY = "university", "University staff"
    SERVICE_USER = "service_user", "Service user or carer"
    YOUNG_PERSON = "young_person", "Young person"


class CentreAssessor(models.Model):
    """A person in a centre day's pool of assessors, with what they bring."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="assessors")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=AssessorKind.choices)
    specialism = models.CharField(max_length=200, blank=True)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["centre", "kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "person"], name="assessor_once_a_centre")
        ]

    def __str__(self) -> str:
        return self.person.full_name or self.person.email


class Conflict(models.Model):
    """An assessor's declared conflict of interest with a candidate: they may not assess
    them."""

    assessor = models.ForeignKey(CentreAssessor, on_delete=models.PROTECT, related_name="conflicts")
    invitation = models.ForeignKey(Invitation, on_delete=models.PROTECT, related_name="+")
    declared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessor", "invitation"], name="conflict_once_a_candidate"
            )
        ]


class Assignment(models.Model):
    """Which assessor observes which candidate in which exercise."""

    assessor = models.ForeignKey(
        CentreAssessor, on_delete=models.PROTECT, related_name="assignments"
    )
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    invitation = models.ForeignKey(Invitation, on_delete=models.PROTECT, related_name="assignments")

    class Meta:
        ordering = ["exercise", "invitation", "assessor"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessor", "exercise", "invitation"], name="assignment_once"
            )
        ]


class CentreScore(models.Model):
    """One assessor's score for one candidate on one criterion in one exercise, with the
    evidence. Provisional until the wash-up, where it may be moderated with a reason."""

    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField()
    evidence = models.TextField()
    effective = models.TextField(blank=True, help_text="Effective behaviours observed.")
    less_effective = models.TextField(blank=True, help_text="Less effective behaviours observed.")
    submitted_at = models.DateTimeField(default=timezone.now)
    moderated_score = models.PositiveSmallIntegerField(null=True, blank=True)
    moderation_reason = models.TextField(blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["assignment", "criterion__position", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="centre_score_once")
        ]
        indexes = [
            # The few moderated scores, for the national view, out of hundreds of thousands.
            models.Index(
                fields=["assignment"],
                condition=Q(moderated_score__isnull=False),
                name="centre_score_moderated",
            )
        ]

    @property
    def final(self) -> int:
        return self.score if self.moderated_score is None else self.moderated_score


class CentreResult(models.Model):
    """A candidate's outcome at the wash-up: the composite, whether it met the benchmark and
    why not, and what the ranking's tie rule reads (``lowest``, the lowest criterion average)."""

    invitation = models.OneToOneField(Invitation, on_delete=models.PROTECT, related_name="result")
    composite = models.DecimalField(max_digits=7, decimal_places=2)
    lowest = models.DecimalField(max_digits=5, decimal_places=2)
    met = models.BooleanField()
    reasons = models.JSONField(default=list, blank=True)
    decided_at = models.DateTimeField(default=timezone.now)


class RankingConfirmation(models.Model):
    """A partnership's ranking of the candidates who met the benchmark, as confirmed for the
    allocation of places: the order is kept as it was confirmed. A later confirmation (after
    another day's wash-up) replaces it for allocation; earlier ones stay for the record."""

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="+")
    partnership = models.ForeignKey(
        Partnership, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    order = models.JSONField(help_text="Application references, best first.")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-confirmed_at", "-id"]


class TimeAndExpenses(models.Model):
    """What a service user or young person gave to a centre day, for the partnership to
    pay them back: the time, travel and other costs (pence). One a day, changed until paid."""

    assessor = models.OneToOneField(
        CentreAssessor, on_delete=models.PROTECT, related_name="time_and_expenses"
    )
    minutes = models.PositiveIntegerField()
    travel_pence = models.PositiveIntegerField(default=0)
    other_pence = models.PositiveIntegerField(default=0)
    other_detail = models.CharField(max_length=300, blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)
    paid_at = models.DateTimeField(null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    @property
    def total_pence(self) -> int:
        return self.travel_pence + self.other_pence
