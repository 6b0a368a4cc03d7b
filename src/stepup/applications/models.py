"""A candidate's application to a cohort, and their equality monitoring answers.

Equality monitoring is a separate model on purpose: it is optional, stored apart from the
application, and read only through ``applications.equality`` queries that the national
analyst alone may use. Nothing that a decision maker sees may join to it.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone

from stepup.partnerships.models import Partnership
from stepup.programme.models import Cohort, RuleVersion


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", "Not submitted"
    SUBMITTED = "submitted", "Submitted"
    ELIGIBILITY_REVIEW = "eligibility_review", "Eligibility being checked"
    INELIGIBLE = "ineligible", "Not eligible"
    ELIGIBLE = "eligible", "Eligible: waiting for the sift"
    SCREENED_IN = "screened_in", "Screened in"
    SCREENED_OUT = "screened_out", "Screened out"
    # The assessment centre (docs/adr/0015-assessment-centres.md).
    INVITED = "invited", "Invited to an assessment centre"
    ATTENDED = "attended", "Attended an assessment centre"
    DID_NOT_ATTEND = "did_not_attend", "Did not attend the assessment centre"
    MET_BENCHMARK = "met_benchmark", "Met the benchmark"
    BENCHMARK_NOT_MET = "benchmark_not_met", "Did not meet the benchmark"
    WITHDRAWN = "withdrawn", "Withdrawn"


class RightToWork(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_SURE = "not_sure", "I'm not sure, or my visa application is being decided"


class DegreeClassGiven(models.TextChoices):
    """The class a candidate states, including an overseas degree judged by equivalence."""

    FIRST = "first", "First"
    UPPER_SECOND = "upper_second", "Upper second (2:1)"
    LOWER_SECOND = "lower_second", "Lower second (2:2)"
    THIRD = "third", "Third"
    PASS = "pass", "Pass"
    OVERSEAS = "overseas", "Overseas degree (tell us its UK equivalent)"


class DegreeStatus(models.TextChoices):
    AWARDED = "awarded", "Awarded"
    PREDICTED = "predicted", "Predicted (I am still studying)"


# GCSE grades on either scale; "equivalent" means another qualification, judged by a person.
GCSE_LETTER_GRADES = ("A*", "A", "B", "C", "D", "E", "F", "G", "U")
GCSE_NUMBER_GRADES = ("9", "8", "7", "6", "5", "4", "3", "2", "1", "U")
GCSE_EQUIVALENT = "equivalent"


class HeardAbout(models.TextChoices):
    SEARCH = "search", "Search engine"
    SOCIAL_MEDIA = "social_media", "Social media"
    UNIVERSITY = "university", "University or careers service"
    LOCAL_AUTHORITY = "local_authority", "A local authority's website or staff"
    JOBS_BOARD = "jobs_board", "Jobs website"
    FRIEND = "friend", "Friend, family or colleague"
    OTHER = "other", "Somewhere else"


# Applications waiting for a sift mark: the sift queue's filter and its index's condition,
# written once so that the database can see the index serves the queue.
WAITING_FOR_A_SIFT_MARK = Q(status=ApplicationStatus.ELIGIBLE) & ~Q(sift_round_needed="")


class Application(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="applications")
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications"
    )
    reference = models.CharField(max_length=20, unique=True)
    status = models.CharField(
        max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    rules = models.ForeignKey(
        RuleVersion,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The rules in force when the application was submitted.",
    )
    sections_completed = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # The candidate's own words, kept here and not in the audit trail, which can never be
    # changed: the retention schedule and erasure blank it with the rest (ADR 0013).
    withdrawal_reason = models.TextField(blank=True)
    # The round of the sift mark the application waits for while it is eligible ("first",
    # "second" or "moderation"), blank otherwise. Kept by ``selection.services`` as each mark
    # arrives, so that queues filter and count by it instead of recounting every
    # application's marks (docs/adr/0006-sift-queue-at-volume.md).
    sift_round_needed = models.CharField(max_length=20, blank=True, default="")
    # The one sifter the next mark is kept for, when someone running the sift has given it
    # to them (with a reason, in the audit trail); blank while any sifter may take it.
    sift_assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    # Personal and contact details.
    full_name = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    address_line_1 = models.CharField(max_length=200, blank=True)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)

    # Right to study and work in the UK.
    right_to_work = models.CharField(max_length=10, choices=RightToWork.choices, blank=True)
    right_to_work_details = models.TextField(blank=True)

    # Degree.
    degree_subject = models.CharField(max_length=200, blank=True)
    degree_class = models.CharField(max_length=20, choices=DegreeClassGiven.choices, blank=True)
    degree_equivalence = models.CharField(
        max_length=300, blank=True, help_text="For an overseas degree: its stated UK equivalent."
    )
    degree_institution = models.CharField(max_length=200, blank=True)
    degree_year = models.PositiveSmallIntegerField(null=True, blank=True)
    degree_status = models.CharField(max_length=10, choices=DegreeStatus.choices, blank=True)

    # GCSE English and Maths: a grade on either scale, or "equivalent" with a description.
    gcse_english_grade = models.CharField(max_length=12, blank=True)
    gcse_english_equivalent = models.CharField(max_length=300, blank=True)
    gcse_maths_grade = models.CharField(max_length=12, blank=True)
    gcse_maths_equivalent = models.CharField(max_length=300, blank=True)

    # The three questions of the assessment framework (seed 001, §5.4).
    answer_q1 = models.TextField(blank=True)
    answer_q2 = models.TextField(blank=True)
    answer_q3 = models.TextField(blank=True)

    # Partnership preferences.
    first_choice = models.ForeignKey(
        Partnership, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    second_choice = models.ForeignKey(
        Partnership, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    willing_to_move = models.BooleanField(null=True, blank=True)

    heard_about = models.CharField(max_length=20, choices=HeardAbout.choices, blank=True)

    # Declarations.
    has_criminal_record = models.BooleanField(null=True, blank=True)
    criminal_record_details = models.TextField(blank=True)
    declaration_confirmed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "candidate"], name="one_application_per_cohort"
            )
        ]
        indexes = [
            # The queues: one status, oldest first, for every cohort or one.
            models.Index(fields=["status", "submitted_at", "id"], name="application_queue"),
            models.Index(
                fields=["cohort", "status", "submitted_at", "id"], name="application_cohort_queue"
            ),
            # The sift queue, oldest first, holding what its filters read, so that counting
            # and finding a page read this index alone (docs/adr/0006-sift-queue-at-volume.md).
            models.Index(
                fields=["submitted_at", "id"],
                include=["cohort", "rules", "first_choice", "sift_assignee"],
                condition=WAITING_FOR_A_SIFT_MARK,
                name="application_sift_waiting",
            ),
        ]

    def __str__(self) -> str:
        return f"Application {self.reference}"


class ExperienceKind(models.TextChoices):
    PAID = "paid", "Paid"
    VOLUNTARY = "voluntary", "Voluntary"


class Experience(models.Model):
    """Experience with children, young people and families."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="experiences"
    )
    kind = models.CharField(max_length=10, choices=ExperienceKind.choices)
    role = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True, help_text="Blank if it is ongoing.")
    hours_per_week = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["-started_on", "id"]

    def __str__(self) -> str:
        return f"{self.role}, {self.organisation}"

    @property
    def audit_label(self) -> str:
        return f"Experience {self.pk} of application {self.application.reference}"


def document_path(instance, filename: str) -> str:
    return f"applications/{instance.application_id}/{timezone.now():%Y%m%d%H%M%S%f}"


class DocumentKind(models.TextChoices):
    DEGREE = "degree", "Degree certificate or transcript"
    GCSE = "gcse", "GCSE or equivalent certificate"
    RIGHT_TO_WORK = "right_to_work", "Evidence of the right to study and work"
    OTHER = "other", "Other evidence"


class Document(models.Model):
    """Evidence a candidate uploads: a PDF, JPEG or PNG by its content, 10 MB at most."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    file = models.FileField(upload_to=document_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=50)
    size_bytes = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def audit_label(self) -> str:
        return f"Document {self.pk} of application {self.application.reference}"


PREFER_NOT_TO_SAY = "prefer_not_to_say"


class EqualityMonitoring(models.Model):
    """Optional answers, kept apart from the application; every question can be declined."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="+")
    date_of_birth = models.DateField(null=True, blank=True)
    date_of_birth_declined = models.BooleanField(default=False)
    sex = models.CharField(max_length=30, blank=True)
    ethnicity = models.CharField(max_length=60, blank=True)
    ethnicity_description = models.CharField(max_length=200, blank=True)
    disability = models.CharField(max_length=30, blank=True)
    disability_kinds = models.JSONField(default=list, blank=True)
    disability_description = models.CharField(max_length=200, blank=True)
    religion = models.CharField(max_length=40, blank=True)
    religion_description = models.CharField(max_length=200, blank=True)
    sexual_orientation = models.CharField(max_length=40, blank=True)
    answered_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return "Equality monitoring answers"


class DailyFigures(models.Model):
    """Figures for a cohort to the end of the day before the one they are taken on, counted
    when first asked for that day: reports that could otherwise be compared before and after
    one decision show these, never live counts, so that the comparison cannot reveal that
    candidate's answers (ADR 0012, ADR 0022)."""

    cohort = models.ForeignKey("programme.Cohort", on_delete=models.CASCADE, related_name="+")
    taken_on = models.DateField()
    taken_at = models.DateTimeField(default=timezone.now)
    figures = models.JSONField()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"Figures taken {self.taken_on}"

    @property
    def figures_to(self) -> datetime.date:
        """The last day the figures count: they stop at the end of the day before the one
        they were taken on (Europe/London), whenever that day they were taken (ADR 0022)."""
        return self.taken_on - datetime.timedelta(days=1)

    @classmethod
    def of_today(cls, *, cohort, figures):
        """Today's, taken now with ``figures(today)`` if nobody has asked for them today:
        ``figures`` counts up to the start of the day it is given (``core.figures``)."""
        today = timezone.localdate()
        found = cls.objects.filter(cohort=cohort, taken_on=today).first()
        if found is not None:
            return found
        counted = figures(today)
        try:
            with transaction.atomic():
                return cls.objects.create(cohort=cohort, taken_on=today, figures=counted)
        except IntegrityError:  # another request took today's a moment ago
            return cls.objects.get(cohort=cohort, taken_on=today)


class EqualitySnapshot(DailyFigures):
    """The equality report's counts: by characteristic, {"columns": [stage labels],
    "counts": [[count per column] per row]}."""

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "taken_on"], name="equality_snapshot_one_a_day"
            )
        ]
