"""Regional partnerships: authorities that host trainees, and the universities they commission."""

from django.conf import settings
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import Sum

from stepup.accounts.models import Organisation
from stepup.programme.models import Cohort


class PartnershipStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Bid submitted"
    RETURNED = "returned", "Bid returned"
    APPROVED = "approved", "Approved"


class ContractModel(models.TextChoices):
    BURSARY = "bursary", "Training bursary"
    EMPLOYMENT = "employment", "Employment contract"
    GUARANTEED_JOB = "guaranteed_job", "Guaranteed job on qualifying"
    TIE_IN = "tie_in", "Bursary with a tie-in"


class Partnership(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="partnerships")
    name = models.CharField(max_length=200)
    code = models.CharField(
        "Short code",
        max_length=10,
        validators=[RegexValidator(r"^[A-Z0-9]{2,10}$", "Enter 2 to 10 capital letters or digits")],
    )
    lead_authority = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="led_partnerships",
        limit_choices_to={"kind": "local_authority"},
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coordinated_partnerships",
    )
    contract_model = models.CharField(
        "Trainee contract model",
        max_length=20,
        choices=ContractModel.choices,
        default=ContractModel.BURSARY,
    )
    tie_in_amount_pence = models.PositiveIntegerField(null=True, blank=True)
    tie_in_terms = models.TextField(blank=True)
    recruitment_target = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The number of trainees the partnership aims to recruit."
    )
    status = models.CharField(
        max_length=20, choices=PartnershipStatus.choices, default=PartnershipStatus.DRAFT
    )
    return_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cohort", "name"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "code"], name="partnership_code_unique"),
            models.UniqueConstraint(fields=["cohort", "name"], name="partnership_name_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code}), cohort {self.cohort.number}"

    @property
    def total_places(self) -> int:
        if hasattr(self, "places_total"):
            return self.places_total or 0
        return self.members.aggregate(total=Sum("places"))["total"] or 0


class PartnershipAuthority(models.Model):
    """A member authority and how many trainees it will host."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="members")
    authority = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="partnership_memberships",
        limit_choices_to={"kind": "local_authority"},
    )
    places = models.PositiveSmallIntegerField(validators=[MaxValueValidator(500)])

    class Meta:
        ordering = ["authority__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "authority"], name="partnership_authority_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.authority}: {self.places}"


class UniversityRole(models.TextChoices):
    LEAD = "lead", "Lead (validates and awards the degree)"
    DELIVERY = "delivery", "Delivery (teaches the programme)"
    BOTH = "both", "Lead and delivery"


class PartnershipUniversity(models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="universities"
    )
    university = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="partnership_commissions",
        limit_choices_to={"kind": "university"},
    )
    role = models.CharField(max_length=10, choices=UniversityRole.choices)

    class Meta:
        ordering = ["university__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "university"], name="partnership_university_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.university} ({self.get_role_display()})"


def memorandum_path(instance, filename: str) -> str:
    return f"memoranda/{instance.partnership_id}/{instance.uploaded_at:%Y%m%d%H%M%S}.pdf"


class Memorandum(models.Model):
    """The memorandum of cooperation. Each upload is kept; the newest is in force."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="memoranda")
    file = models.FileField(upload_to=memorandum_path)
    original_name = models.CharField(max_length=255)
    size_bytes = models.PositiveIntegerField()
    signed_on = models.DateField()
    review_on = models.DateField()
    # Blank when a loader with no person (the "System") made the upload.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"Memorandum signed {self.signed_on:%d %B %Y}"


class SteeringMeeting(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField()
    minutes = models.TextField()
    decisions = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Steering board meeting, {self.held_on:%d %B %Y}"


class VariationStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for the national programme team"
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Refused"


class Variation(models.Model):
    """A change to an approved bid's members, places or universities, asked for by its
    coordinator. Until the national team approves it, the approved figures stand."""

    class Kind(models.TextChoices):
        MEMBERS = "members", "Member authorities and places"
        UNIVERSITIES = "universities", "Universities"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="variations"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The rows asked for: [[authority id, places], …] or [[university id, role], …].
    proposed = models.JSONField()
    # What would change, as people read it, one line a change.
    description = models.TextField()
    reason = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=20, choices=VariationStatus.choices, default=VariationStatus.WAITING
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"Change to {self.get_kind_display().lower()}"
