"""Places, the allocation runs that fill them, offers, their conditions and the trainee's
agreement (docs/adr/0016-allocation-and-offers.md).

A place is a row, so that the database itself can refuse to fill one twice: an accepted offer
holds its place, and a partial unique constraint allows one holding offer per place.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from stepup.accounts.models import Organisation
from stepup.applications.models import Application
from stepup.partnerships.models import Partnership
from stepup.programme.models import Cohort


class Place(models.Model):
    """One trainee place that a member authority hosts in a partnership."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    authority = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["partnership", "authority__name", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "authority", "number"], name="place_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partnership.code} place {self.number} at {self.authority}"


class RunStatus(models.TextChoices):
    DRY_RUN = "dry_run", "Dry run"
    CONFIRMED = "confirmed", "Confirmed"
    SUPERSEDED = "superseded", "Replaced by a later run"


class AllocationRun(models.Model):
    """One run of the allocation, with the inputs it read, so it can be run again and
    explained: ``inputs`` is the instance exactly as ``manage.py allocate`` reads it. Each
    confirmed run is a wave: it places those ranked since the last, in the places left."""

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField()
    inputs = models.JSONField()
    assignments = models.JSONField(help_text="Application reference: partnership code or null.")
    unfilled = models.JSONField(help_text="Partnership code: places left.")
    status = models.CharField(max_length=20, choices=RunStatus.choices, default=RunStatus.DRY_RUN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["cohort", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "number"], name="allocation_run_unique"),
        ]

    def __str__(self) -> str:
        return f"Allocation run {self.number} for cohort {self.cohort.number}"


class OfferStatus(models.TextChoices):
    PROPOSED = "proposed", "Host authority to be confirmed"
    MADE = "made", "Waiting for the candidate"
    ACCEPTED = "accepted", "Accepted: conditions outstanding"
    UNCONDITIONAL = "unconditional", "Unconditional"
    DECLINED = "declined", "Declined"
    LAPSED = "lapsed", "Not answered in time"
    WITHDRAWN = "withdrawn", "Withdrawn"


# An offer that still counts against its partnership's places.
LIVE = (OfferStatus.PROPOSED, OfferStatus.MADE, OfferStatus.ACCEPTED, OfferStatus.UNCONDITIONAL)
# An offer that holds a place.
HOLDING = (OfferStatus.ACCEPTED, OfferStatus.UNCONDITIONAL)


class Route(models.TextChoices):
    ALLOCATION = "allocation", "Allocation"
    OWN_RESERVE = "own_reserve", "The partnership's own reserves"
    OTHER_RESERVE = "other_reserve", "Another partnership's reserves"
    NATIONAL_POOL = "national_pool", "The national reserve pool"


class Offer(models.Model):
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="offers")
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    host = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    route = models.CharField(max_length=20, choices=Route.choices)
    run = models.ForeignKey(
        AllocationRun, null=True, blank=True, on_delete=models.PROTECT, related_name="offers"
    )
    # The offer this one fills the place of, when a reserve is offered a freed place.
    replaces = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=20, choices=OfferStatus.choices)
    created_at = models.DateTimeField(default=timezone.now)
    made_at = models.DateTimeField(null=True, blank=True)
    respond_by = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.PROTECT, related_name="offers"
    )
    closing_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["partnership", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["place"],
                condition=Q(status__in=HOLDING),
                name="offer_place_held_once",
            ),
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(status__in=LIVE),
                name="offer_one_live_per_candidate",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=HOLDING) | Q(place__isnull=False),
                name="offer_held_has_place",
            ),
        ]

    def __str__(self) -> str:
        return f"Offer of a place at {self.partnership.code} to {self.application.reference}"


class ConditionKind(models.TextChoices):
    DBS = "dbs", "Enhanced DBS check"
    REFERENCES = "references", "Two references"
    RIGHT_TO_WORK = "right_to_work", "Right to work or visa"
    CERTIFICATES = "certificates", "Degree and GCSE certificates"
    IDENTITY = "identity", "Identity"
    HEALTH = "health", "Health check"


class ConditionStatus(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    MET = "met", "Met"


class Condition(models.Model):
    """One check an accepted offer waits on, owned by the organisation that makes it."""

    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, related_name="conditions")
    kind = models.CharField(max_length=20, choices=ConditionKind.choices)
    owner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=20, choices=ConditionStatus.choices, default=ConditionStatus.OUTSTANDING
    )
    evidence = models.TextField(blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["offer", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "kind"], name="condition_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.offer.application.reference}"


DEFAULT_TEMPLATE = """\
This agreement is between $trainee and $lead_authority, the lead authority of $partnership.

$trainee will train as a social worker on Step Up to Social Work, cohort $cohort, starting on \
$start_date for $length_months months, studying with $university and placed with \
$host_authority.

$contract_terms

$trainee agrees to attend the programme's teaching and placements, and to tell \
$lead_authority at once of anything that affects their training.
"""


class Terms(models.Model):
    """A partnership's agreement with its trainees: the template and the terms that its
    contract model needs, and how long offers stay open."""

    partnership = models.OneToOneField(Partnership, on_delete=models.PROTECT, related_name="+")
    template = models.TextField(default=DEFAULT_TEMPLATE)
    bursary_pence = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(10_000_000)]
    )
    repayment_terms = models.TextField(blank=True)
    repayment_basis = models.CharField(
        "What a trainee who leaves repays",
        max_length=20,
        choices=[
            ("all_received", "All the bursary they have received"),
            ("pro_rata", "A share of the bursary received, for the part of the programme left"),
            ("none", "Nothing"),
        ],
        default="all_received",
    )
    respond_within_days = models.PositiveSmallIntegerField(
        default=7, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    sign_by_days_before_start = models.PositiveSmallIntegerField(
        default=28, validators=[MinValueValidator(1), MaxValueValidator(180)]
    )

    def __str__(self) -> str:
        return f"Agreement terms of {self.partnership.code}"


class Agreement(models.Model):
    """The trainee's agreement, generated at unconditional offer: its text is kept as it
    was generated, whatever later happens to the template."""

    offer = models.OneToOneField(Offer, on_delete=models.PROTECT, related_name="agreement")
    text = models.TextField()
    generated_at = models.DateTimeField(default=timezone.now)
    sign_by = models.DateField()
    sent_on = models.DateField(null=True, blank=True)
    signed_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Agreement for {self.offer.application.reference}"


class RecruitmentClosure(models.Model):
    """The national team's decision that a cohort takes nobody more: no more offers."""

    cohort = models.OneToOneField(Cohort, on_delete=models.PROTECT, related_name="+")
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)


class PoolEntry(models.Model):
    """A reserve the national team has put in the national pool, for any partnership's
    freed place once its own and other partnerships' willing reserves are used up."""

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="+")
    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="+")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["cohort", "added_at", "pk"]

    def __str__(self) -> str:
        return f"{self.application.reference} in the national pool"
