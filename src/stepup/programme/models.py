"""Cohorts of the programme, their timetable, and the rules that govern recruitment.

Rules (eligibility, assessment framework, scoring scale, funding rates) live in numbered
``RuleVersion`` records. While a cohort is being set up its current version is edited in
place; once it is recruiting the version is locked, and any change makes a new version.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class CohortStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN_FOR_BIDS = "open_for_bids", "Open for bids"
    RECRUITING = "recruiting", "Recruiting"
    IN_TRAINING = "in_training", "In training"
    CLOSED = "closed", "Closed"


LOCKED_STATUSES = frozenset(
    {CohortStatus.RECRUITING, CohortStatus.IN_TRAINING, CohortStatus.CLOSED}
)


class Cohort(models.Model):
    number = models.PositiveIntegerField(unique=True, validators=[MinValueValidator(1)])
    name = models.CharField(max_length=200)
    start_date = models.DateField(help_text="When trainees start the programme.")
    length_months = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(6), MaxValueValidator(36)]
    )
    status = models.CharField(
        max_length=20, choices=CohortStatus.choices, default=CohortStatus.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"Cohort {self.number}: {self.name}"

    @property
    def starts_in(self) -> str:
        """How candidates know a cohort, by when it starts: "January 2028". Cohort numbers
        are staff words."""
        return f"{self.start_date:%B %Y}"

    @property
    def rules_locked(self) -> bool:
        return self.status in LOCKED_STATUSES

    @property
    def current_rules(self) -> "RuleVersion":
        return self.rule_versions.order_by("-number").first()


class MilestoneKind(models.TextChoices):
    """The national timetable, in order (seed 003, Table 3)."""

    BIDS_DEADLINE = "bids_deadline", "Deadline for partnerships to bid"
    BID_OUTCOMES = "bid_outcomes", "Partnerships told the outcome of bids"
    APPLICATION_WINDOW = "application_window", "Application window"
    CONTRACTOR_SIFT = "contractor_sift", "Contractor sifts applications"
    FORWARD_TO_PARTNERSHIPS = "forward_to_partnerships", "Applications forwarded to partnerships"
    PARTNERSHIP_SIFT = "partnership_sift", "Partnerships sift applications"
    ASSESSMENT_CENTRES = "assessment_centres", "Assessment centres"
    OFFERS = "offers", "Successful candidates invited to confirm their place"
    CHECKS = "checks", "Partnerships carry out checks and references"
    LOCAL_RESERVES = "local_reserves", "Reserves managed within and between partnerships"
    NATIONAL_RESERVE_POOL = "national_reserve_pool", "National reserve pool managed"
    REGULATOR_APPROVAL = "regulator_approval", "Partnerships confirm regulator approval"
    PROGRAMME_START = "programme_start", "Programme starts"


MILESTONE_ORDER = {kind: index for index, kind in enumerate(MilestoneKind.values)}


class Milestone(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(max_length=40, choices=MilestoneKind.choices)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True, help_text="As published, if vaguer.")

    class Meta:
        ordering = ["starts_on", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "kind"], name="milestone_one_per_kind"),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="milestone_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class DegreeClass(models.TextChoices):
    FIRST = "first", "First"
    UPPER_SECOND = "upper_second", "Upper second (2:1)"
    LOWER_SECOND = "lower_second", "Lower second (2:2)"
    THIRD = "third", "Third"
    PASS = "pass", "Pass"


DEGREE_RANK = {value: rank for rank, value in enumerate(reversed(DegreeClass.values))}


class GcseMinimum(models.TextChoices):
    C4 = "C4", "Grade C or 4"
    B5 = "B5", "Grade B or 5"
    A7 = "A7", "Grade A or 7"


class SiftBy(models.TextChoices):
    NATIONAL = "national", "Nationally, by the recruitment contractor"
    PARTNERSHIP = "partnership", "By the candidate's first-choice partnership"


class RuleVersion(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="rule_versions")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(blank=True)

    # Eligibility (seed 000 §5.4).
    min_degree_class = models.CharField(
        "Minimum degree class",
        max_length=20,
        choices=DegreeClass.choices,
        default=DegreeClass.UPPER_SECOND,
    )
    excluded_degree_subject = models.CharField(
        "Degree subject that is not eligible",
        max_length=100,
        blank=True,
        default="Social work",
        help_text="People who already hold this degree cannot apply.",
    )
    gcse_english_minimum = models.CharField(
        "GCSE English minimum grade",
        max_length=2,
        choices=GcseMinimum.choices,
        default=GcseMinimum.C4,
    )
    gcse_maths_minimum = models.CharField(
        "GCSE Maths minimum grade",
        max_length=2,
        choices=GcseMinimum.choices,
        default=GcseMinimum.C4,
    )
    experience_required = models.BooleanField(
        "Experience with children, young people and families required", default=True
    )
    right_to_work_required = models.BooleanField(
        "Right to study and work in the UK required", default=True
    )

    # Recruitment (seed 001, chapter 5; seed 003, Table 3).
    q1_word_limit = models.PositiveSmallIntegerField(
        "Word limit for question 1 (experience)", default=500
    )
    q2_word_limit = models.PositiveSmallIntegerField(
        "Word limit for question 2 (motivation)", default=500
    )
    q3_word_limit = models.PositiveSmallIntegerField(
        "Word limit for question 3 (values)", default=500
    )
    sift_by = models.CharField(
        "Who sifts applications",
        max_length=20,
        choices=SiftBy.choices,
        default=SiftBy.PARTNERSHIP,
    )
    double_sift = models.BooleanField(
        "Two sifters score each application independently", default=False
    )
    sift_tolerance = models.PositiveSmallIntegerField(
        "Largest gap between two sifters' totals before moderation", default=2
    )
    centre_benchmark = models.PositiveSmallIntegerField(
        "Benchmark at the assessment centre (composite score)",
        null=True,
        blank=True,
        help_text="Met at or above this composite: each criterion's average score, weighted.",
    )
    centre_criterion_minimum = models.PositiveSmallIntegerField(
        "Lowest average score allowed on any one criterion",
        null=True,
        blank=True,
        help_text="Blank for none. Below it on any criterion, the benchmark is not met.",
    )
    centres_run_by = models.CharField(
        "Who runs the assessment centres",
        max_length=20,
        choices=SiftBy.choices,
        default=SiftBy.PARTNERSHIP,
    )
    sift_pass_mark = models.PositiveSmallIntegerField(
        "Pass mark at sift (total score)",
        null=True,
        blank=True,
        help_text="Screened in at or above this total. Set before the sift starts.",
    )

    class Meta:
        ordering = ["cohort", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "number"], name="rule_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.cohort} rules, version {self.number}"


class Criterion(models.Model):
    rules = models.ForeignKey(RuleVersion, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(max_length=100)
    definition = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)
    # How many times the criterion counts in the assessment centre's composite score.
    weight = models.PositiveSmallIntegerField(default=1, validators=[MaxValueValidator(10)])

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["rules", "name"], name="criterion_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class ExerciseStage(models.TextChoices):
    APPLICATION = "application", "Application form"
    ASSESSMENT_CENTRE = "assessment_centre", "Assessment centre"


class Panel(models.TextChoices):
    """Who must observe a candidate in an exercise at the assessment centre: in cohort 1 the
    university and the local authority interviewed separately (two exercises, each its own
    panel); from cohort 2 they interviewed together (one exercise, a joint panel)."""

    ANY = "", "Any of the day’s assessors"
    UNIVERSITY = "university", "University staff"
    AUTHORITY = "authority", "Local authority staff"
    JOINT = "joint", "University and local authority staff together"


class Exercise(models.Model):
    rules = models.ForeignKey(RuleVersion, on_delete=models.CASCADE, related_name="exercises")
    name = models.CharField(max_length=150)
    description = models.TextField(blank=True)
    stage = models.CharField(max_length=20, choices=ExerciseStage.choices)
    position = models.PositiveSmallIntegerField(default=0)
    panel = models.CharField(max_length=20, choices=Panel.choices, default=Panel.ANY, blank=True)
    criteria = models.ManyToManyField(Criterion, related_name="exercises", blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["rules", "name"], name="exercise_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class ScalePoint(models.Model):
    """One point on the scoring scale, such as 3 – "Meets the standard"."""

    rules = models.ForeignKey(RuleVersion, on_delete=models.CASCADE, related_name="scale")
    score = models.PositiveSmallIntegerField(validators=[MaxValueValidator(10)])
    label = models.CharField(max_length=100)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["score"]
        constraints = [
            models.UniqueConstraint(fields=["rules", "score"], name="scale_point_unique")
        ]

    def __str__(self) -> str:
        return f"{self.score} – {self.label}"


class FundingBasis(models.TextChoices):
    PER_PARTNERSHIP = "per_partnership", "Fixed amount per partnership"
    PER_TRAINEE = "per_trainee", "Amount per trainee"
    SIZE_BAND = "size_band", "One-off amount for a partnership of a given size"


class FundingRate(models.Model):
    """A line of the grant: money is held in pence."""

    rules = models.ForeignKey(RuleVersion, on_delete=models.CASCADE, related_name="funding_rates")
    label = models.CharField(max_length=150)
    basis = models.CharField(max_length=20, choices=FundingBasis.choices)
    amount_pence = models.PositiveBigIntegerField()
    band_min = models.PositiveSmallIntegerField(null=True, blank=True)
    band_max = models.PositiveSmallIntegerField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(basis="size_band")
                | (
                    models.Q(band_min__isnull=False, band_max__isnull=False)
                    & models.Q(band_max__gte=models.F("band_min"))
                ),
                name="funding_rate_band_complete",
            )
        ]

    def __str__(self) -> str:
        return self.label

    def amount_for(self, trainees: int) -> int:
        if self.basis == FundingBasis.PER_PARTNERSHIP:
            return self.amount_pence
        if self.basis == FundingBasis.PER_TRAINEE:
            return self.amount_pence * trainees
        if self.band_min <= trainees <= self.band_max:
            return self.amount_pence
        return 0
