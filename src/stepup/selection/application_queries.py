"""Applications as staff find them (ADR 0014): a list scoped to the person, searched and
filtered, and one application's page. Sifters keep their anonymised pages: they are not
among the people here. Nothing here reads equality answers."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower

from stepup.accounts.models import User
from stepup.accounts.roles import Role
from stepup.applications.models import WAITING_FOR_A_SIFT_MARK, Application, ApplicationStatus
from stepup.partnerships.models import Partnership
from stepup.programme.models import Cohort
from stepup.selection.models import EligibilityDecision, SiftDecision, SiftMark

ALL_APPLICATIONS = (Role.NATIONAL_ADMIN, Role.CONTRACTOR)
THEIR_PARTNERSHIPS = (Role.COORDINATOR, Role.AUTHORITY_OFFICER)
LISTERS = ALL_APPLICATIONS + THEIR_PARTNERSHIPS

# What the list shows: one query for the page, whatever its length.
LIST_FIELDS = (
    "id",
    "reference",
    "full_name",
    "status",
    "submitted_at",
    "cohort__number",
    "first_choice__name",
)


def partnerships_for_applications(user) -> QuerySet[Partnership]:
    """The partnerships whose applicants this person sees: all, or their own."""
    partnerships = Partnership.objects.all()
    if not user.is_authenticated:
        return partnerships.none()
    if user.has_role(*ALL_APPLICATIONS):
        return partnerships
    coordinating = user.organisation_ids_with_role(Role.COORDINATOR)
    officers = user.organisation_ids_with_role(Role.AUTHORITY_OFFICER)
    return partnerships.filter(
        Q(lead_authority_id__in=coordinating)
        | Q(coordinator=user)
        | Q(members__authority_id__in=coordinating | officers)
    ).distinct()


def applications_listable_by(user) -> QuerySet[Application]:
    """Submitted applications: every one for the national team and the contractor; for a
    coordinator or authority officer, those choosing one of their partnerships."""
    submitted = Application.objects.exclude(status=ApplicationStatus.DRAFT)
    if not user.is_authenticated:
        return submitted.none()
    if user.has_role(*ALL_APPLICATIONS):
        return submitted
    if not user.has_role(*THEIR_PARTNERSHIPS):
        return submitted.none()
    ours = list(partnerships_for_applications(user).values_list("pk", flat=True))
    return submitted.filter(Q(first_choice_id__in=ours) | Q(second_choice_id__in=ours))


def application_list(
    *,
    user,
    search: str = "",
    cohort: Cohort | None = None,
    partnership: Partnership | None = None,
    status: str = "",
) -> QuerySet:
    """The person's applications, newest first, as plain records for the list."""
    applications = applications_listable_by(user)
    search = " ".join(search.split())
    if search:
        applications = applications.filter(_matching(search))
    if cohort is not None:
        applications = applications.filter(cohort=cohort)
    if partnership is not None:
        applications = applications.filter(
            Q(first_choice=partnership) | Q(second_choice=partnership)
        )
    if status:
        applications = applications.filter(status=status)
    return applications.order_by("-id").values(*LIST_FIELDS)


def _matching(search: str) -> Q:
    """A reference, part of a name, or an email address. Each condition is on the
    application's own columns and has an index (the name's is a trigram index on
    PostgreSQL, migration ``applications.0006``), so the database combines the three
    instead of reading every application; the person with that address is looked up first.
    References are kept in capitals and addresses in small letters."""
    people = list(
        User.objects.annotate(address=Lower("email"))
        .filter(address=search.lower())
        .values_list("pk", flat=True)
    )
    return Q(reference=search.upper()) | Q(full_name__icontains=search) | Q(candidate_id__in=people)


@dataclass(frozen=True)
class StaffApplication:
    application: Application
    eligibility: EligibilityDecision | None
    sift: SiftDecision | None


def application_for_staff(*, user, reference: str) -> StaffApplication | None:
    """One application with its decisions, if this person may see it."""
    application = (
        applications_listable_by(user)
        .select_related(
            "cohort", "candidate", "first_choice", "second_choice", "rules", "sift_assignee"
        )
        .filter(reference=reference)
        .first()
    )
    if application is None:
        return None
    eligibility = (
        EligibilityDecision.objects.filter(application=application)
        .select_related("decided_by")
        .prefetch_related("reasons")
        .first()
    )
    sift = SiftDecision.objects.filter(application=application).prefetch_related("reasons").first()
    return StaffApplication(application, eligibility, sift)


# The steps of the round, in order, as the progress page counts them.
S = ApplicationStatus
PROGRESS_STEPS: tuple[tuple[str, str, Q], ...] = (
    ("eligibility", "Waiting for eligibility", Q(status__in=(S.SUBMITTED, S.ELIGIBILITY_REVIEW))),
    ("first", "Waiting for a first mark", Q(status=S.ELIGIBLE, sift_round_needed="first")),
    ("second", "Waiting for a second mark", Q(status=S.ELIGIBLE, sift_round_needed="second")),
    (
        "moderation",
        "Waiting for moderation",
        Q(status=S.ELIGIBLE, sift_round_needed="moderation"),
    ),
    ("ineligible", "Not eligible", Q(status=S.INELIGIBLE)),
    ("screened_in", "Screened in", Q(status=S.SCREENED_IN)),
    ("screened_out", "Screened out", Q(status=S.SCREENED_OUT)),
    ("centre", "At the assessment centre", Q(status__in=(S.INVITED, S.ATTENDED))),
    (
        "centre_outcome",
        "Assessment centre decided",
        Q(status__in=(S.DID_NOT_ATTEND, S.MET_BENCHMARK, S.BENCHMARK_NOT_MET)),
    ),
    ("withdrawn", "Withdrawn", Q(status=S.WITHDRAWN)),
)

# The steps above at which an application waits for a sift mark.
WAITING_FOR_A_MARK = ("first", "second", "moderation")


@dataclass(frozen=True)
class ProgressRow:
    label: str
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)


def round_progress(*, user, cohort: Cohort) -> list[ProgressRow]:
    """How many of the person's applications in the cohort wait at each step, and how many
    are decided, by first-choice partnership: one query, whatever the numbers."""
    counts = {key: Count("id", filter=condition) for key, _, condition in PROGRESS_STEPS}
    rows = (
        applications_listable_by(user)
        .filter(cohort=cohort)
        .values("first_choice__name")
        .annotate(**counts)
        .order_by("first_choice__name")
    )
    keys = [key for key, _, _ in PROGRESS_STEPS]
    return [
        ProgressRow(row["first_choice__name"] or "No first choice", tuple(row[k] for k in keys))
        for row in rows
    ]


@dataclass
class SifterRow:
    name: str
    first: int = 0
    second: int = 0
    moderation: int = 0
    held: int = 0


def sifter_progress(*, user, cohort: Cohort) -> list[SifterRow]:
    """Who holds the sift, among the person's applications in the cohort: the marks each
    sifter has given, by round, and how many are kept for them and still wait. Two queries."""
    theirs = applications_listable_by(user).filter(cohort=cohort)
    rows: dict[int, SifterRow] = {}
    marks = (
        SiftMark.objects.filter(application__in=theirs)
        .values("sifter_id", "sifter__full_name", "sifter__email")
        .annotate(
            first=Count("id", filter=Q(round="first")),
            second=Count("id", filter=Q(round="second")),
            moderation=Count("id", filter=Q(round="moderation")),
        )
        .order_by()
    )
    for mark in marks:
        rows[mark["sifter_id"]] = SifterRow(
            mark["sifter__full_name"] or mark["sifter__email"],
            mark["first"],
            mark["second"],
            mark["moderation"],
        )
    held = (
        theirs.filter(WAITING_FOR_A_SIFT_MARK)
        .exclude(sift_assignee=None)
        .values("sift_assignee_id", "sift_assignee__full_name", "sift_assignee__email")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in held:
        name = row["sift_assignee__full_name"] or row["sift_assignee__email"]
        rows.setdefault(row["sift_assignee_id"], SifterRow(name)).held = row["n"]
    return sorted(
        rows.values(),
        key=lambda r: (-(r.first + r.second + r.moderation + r.held), r.name.casefold()),
    )
