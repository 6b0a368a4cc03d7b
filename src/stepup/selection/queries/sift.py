"""The sift: who sifts what, the queue, the anonymised application a sifter reads, who
the next mark may be kept for, and the marks a moderator is shown."""

from dataclasses import dataclass

from django.db.models import (
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)

from stepup.accounts.models import User
from stepup.accounts.roles import Role
from stepup.applications.models import (
    WAITING_FOR_A_SIFT_MARK,
    Application,
    ApplicationStatus,
    Experience,
    ExperienceKind,
)
from stepup.partnerships.models import Partnership, PartnershipAuthority
from stepup.programme.models import (
    Cohort,
    Criterion,
    ExerciseStage,
    RuleVersion,
    ScalePoint,
    SiftBy,
)
from stepup.selection.models import (
    SiftDecision,
    SiftMark,
    SiftRound,
    SiftScore,
)

# Who sifts, by the way the application's rules say the sift is run.
NATIONAL_SIFTERS = frozenset({Role.CONTRACTOR, Role.NATIONAL_ADMIN})
PARTNERSHIP_SIFTERS = frozenset({Role.COORDINATOR, Role.ASSESSOR, Role.SERVICE_USER_ASSESSOR})
SIFTERS = NATIONAL_SIFTERS | PARTNERSHIP_SIFTERS

# What a sifter may read of an application: qualifications, experience and the answers.
# Never a name, contact details, documents or anything from the equality questionnaire.
SIFT_FIELDS = (
    "id",
    "reference",
    "cohort_id",
    "rules_id",
    "status",
    "sift_round_needed",
    "sift_assignee_id",
    "degree_subject",
    "degree_class",
    "degree_equivalence",
    "degree_institution",
    "degree_year",
    "degree_status",
    "gcse_english_grade",
    "gcse_english_equivalent",
    "gcse_maths_grade",
    "gcse_maths_equivalent",
    "answer_q1",
    "answer_q2",
    "answer_q3",
)
# What the queue lists of each: enough to choose one, none of the answers.
SIFT_QUEUE_FIELDS = ("id", "reference", "submitted_at", "sift_round_needed", "sift_assignee_id")
SIFT_EXPERIENCE_FIELDS = (
    "kind",
    "role",
    "organisation",
    "started_on",
    "ended_on",
    "hours_per_week",
)


def may_sift(user) -> bool:
    return user.is_authenticated and user.has_role(*SIFTERS)


@dataclass(frozen=True)
class SiftScope:
    """Which eligible applications a person may sift, by how each one's sift is run: those
    whose rules have a pass mark (``ready``) and those whose rules still lack one (``None``
    when there are none, the usual case once recruiting starts)."""

    ready: Q
    unready: Q | None


def sift_scope(*, user) -> SiftScope | None:
    """The person's scope, in one short query for every rule version's sift settings.

    Filtering by a short list of rule-version ids is cheaper than a join on every row, and
    nothing in the scope depends on the row, so the database works each part out once.
    """
    if not may_sift(user):
        return None
    ids: dict[tuple[str, bool], list[int]] = {
        (way, ready): [] for way in SiftBy.values for ready in (True, False)
    }
    for pk, way, pass_mark in RuleVersion.objects.order_by().values_list(
        "pk", "sift_by", "sift_pass_mark"
    ):
        ids[way, pass_mark is not None].append(pk)
    national = user.has_role(*NATIONAL_SIFTERS)
    partnership = user.has_role(*PARTNERSHIP_SIFTERS)
    # A member of the first-choice partnership, through an authority they work for.
    theirs = PartnershipAuthority.objects.filter(
        authority__memberships__user=user,
        authority__memberships__role__in=PARTNERSHIP_SIFTERS,
    ).values("partnership")

    def scope(ready: bool) -> Q | None:
        found = None
        if national and ids[SiftBy.NATIONAL, ready]:
            found = Q(rules__in=ids[SiftBy.NATIONAL, ready])
        if partnership and ids[SiftBy.PARTNERSHIP, ready]:
            theirs_here = Q(rules__in=ids[SiftBy.PARTNERSHIP, ready], first_choice__in=theirs)
            found = theirs_here if found is None else found | theirs_here
        return found

    return SiftScope(ready=scope(True) or Q(pk__in=[]), unready=scope(False))


def applications_siftable_by(user, *, scope: SiftScope | None = None) -> QuerySet[Application]:
    """Eligible applications waiting for a mark this person may give.

    Someone who has marked an application never marks it again, so a second sifter and a
    moderator are always other people; one kept for another sifter is not theirs to mark.
    Only the fields a sifter may read are loaded. The round each waits for is kept on the
    application (``sift_round_needed``), so nothing here counts marks. ``scope`` saves
    reading it again when the caller has it.
    """
    return sift_pool_of(user, scope=scope).filter(
        Q(sift_assignee__isnull=True) | Q(sift_assignee=user)
    )


def sift_pool_of(user, *, scope: SiftScope | None = None) -> QuerySet[Application]:
    """The applications this person could mark, whoever the next mark is kept for: those a
    sift can be given to them from."""
    scope = scope or sift_scope(user=user)
    if scope is None:
        return Application.objects.none()
    marked_by_them = SiftMark.objects.filter(application=OuterRef("pk"), sifter=user)
    return (
        Application.objects.filter(WAITING_FOR_A_SIFT_MARK)
        .filter(scope.ready)
        .filter(~Exists(marked_by_them))
        .only(*SIFT_FIELDS)
    )


def may_assign_sift(user, application: Application) -> bool:
    """Whether this person runs the sift of the application, and so may give it to a
    particular sifter: the national admins always; the contractor where the sift is
    national; the first-choice partnership's coordinator where the partnership sifts."""
    if not user.is_authenticated or application.rules_id is None:
        return False
    if user.has_role(Role.NATIONAL_ADMIN):
        return True
    sift_by = RuleVersion.objects.filter(pk=application.rules_id).values_list("sift_by", flat=True)[
        0
    ]
    if sift_by == SiftBy.NATIONAL:
        return user.has_role(Role.CONTRACTOR)
    if application.first_choice_id is None or not user.has_role(Role.COORDINATOR):
        return False
    coordinating = user.organisation_ids_with_role(Role.COORDINATOR)
    return Partnership.objects.filter(
        Q(coordinator=user)
        | Q(lead_authority_id__in=coordinating)
        | Q(members__authority_id__in=coordinating),
        pk=application.first_choice_id,
    ).exists()


def sifters_for(application: Application) -> QuerySet[User]:
    """The active people who may give the application its next mark, by name: those its
    rules say sift it who have not marked it already. ``sift_pool_of`` has the last word."""
    if application.rules_id is None:
        return User.objects.none()
    sift_by = RuleVersion.objects.filter(pk=application.rules_id).values_list("sift_by", flat=True)[
        0
    ]
    if sift_by == SiftBy.NATIONAL:
        people = User.objects.filter(memberships__role__in=NATIONAL_SIFTERS)
    else:
        people = User.objects.filter(
            memberships__role__in=PARTNERSHIP_SIFTERS,
            memberships__organisation__partnership_memberships__partnership_id=(
                application.first_choice_id
            ),
        )
    marked = SiftMark.objects.filter(application_id=application.pk).values("sifter")
    return (
        people.filter(is_active=True)
        .exclude(pk__in=marked)
        .distinct()
        .order_by("full_name", "email")
    )


def sift_queue(
    *, user, cohort: Cohort | None = None, scope: SiftScope | None = None
) -> QuerySet[Application]:
    """The applications this person may mark now, oldest first: two queries for a page
    (the rule versions they sift under, then the rows) unless ``scope`` is given.

    Each is a plain record (a dict, not a model: a page's worth is read several times faster,
    and carries nothing but what the list shows) with the names of its cohort and first-choice
    partnership and the round of the mark it waits for (``sift_round_needed``).
    """
    applications = applications_siftable_by(user, scope=scope)
    if cohort is not None:
        applications = applications.filter(cohort=cohort)
    return applications.order_by("submitted_at", "id").values(
        *SIFT_QUEUE_FIELDS,
        cohort_name=F("cohort__name"),
        first_choice_name=F("first_choice__name"),
    )


def cohorts_waiting_for_a_pass_mark(*, user, scope: SiftScope | None = None) -> list[int]:
    """Cohorts with applications this person would sift, whose rules have no pass mark yet.

    No query at all when every rule version the person sifts under has its pass mark.
    """
    scope = scope or sift_scope(user=user)
    if scope is None or scope.unready is None:
        return []
    return list(
        Application.objects.filter(status=ApplicationStatus.ELIGIBLE)
        .filter(scope.unready)
        .order_by("cohort__number")
        .values_list("cohort__number", flat=True)
        .distinct()
    )


def sift_criteria(rules: RuleVersion) -> list[Criterion]:
    """The criteria the framework assesses on the application form, in the framework's order."""
    return list(
        Criterion.objects.filter(
            rules=rules, exercises__stage=ExerciseStage.APPLICATION, exercises__rules=rules
        )
        .distinct()
        .order_by("position", "id")
    )


def sift_scale(rules: RuleVersion) -> list[ScalePoint]:
    return list(ScalePoint.objects.filter(rules=rules).order_by("score"))


@dataclass(frozen=True)
class AnonymisedApplication:
    """What a sifter reads: no model instance, so a template cannot reach a name through it."""

    reference: str
    cohort_number: int
    fields: dict
    experiences: list[dict]

    def __getattr__(self, name):
        try:
            return self.fields[name]
        except KeyError:
            raise AttributeError(name) from None


def anonymised_application(application: Application) -> AnonymisedApplication:
    row = Application.objects.filter(pk=application.pk).values(*SIFT_FIELDS, "cohort__number")[0]
    for name in ("degree_class", "degree_status"):
        field = Application._meta.get_field(name)
        row[f"{name}_display"] = dict(field.choices).get(row[name], row[name])
    experiences = [
        {**values, "kind_display": ExperienceKind(values["kind"]).label}
        for values in Experience.objects.filter(application_id=application.pk)
        .order_by("-started_on", "id")
        .values(*SIFT_EXPERIENCE_FIELDS)
    ]
    return AnonymisedApplication(
        reference=row["reference"],
        cohort_number=row["cohort__number"],
        fields=row,
        experiences=experiences,
    )


def sift_marks_of(*, user, reference: str) -> QuerySet[SiftMark]:
    """A sifter's own mark on an application (for the page after they submit it)."""
    return SiftMark.objects.filter(sifter=user, application__reference=reference)


def sift_outcome(application: Application) -> SiftDecision | None:
    """The sift's decision with its reasons, as the candidate reads it; no scores, no names."""
    return (
        SiftDecision.objects.filter(application=application)
        .only("id", "application_id", "screened_in", "detail", "decided_at")
        .prefetch_related("reasons")
        .first()
    )


@dataclass(frozen=True)
class EarlierMark:
    """A first or second sifter's mark, as the moderator is shown it: no sifter's name."""

    round_label: str
    total: int
    scores: list[tuple[str, int]]


def marks_before_moderation(application_id: int) -> list[EarlierMark]:
    """The two marks whose gap sent the application to moderation, first then second."""
    marks = (
        SiftMark.objects.filter(
            application_id=application_id, round__in=(SiftRound.FIRST, SiftRound.SECOND)
        )
        .order_by("submitted_at", "pk")
        .prefetch_related(
            Prefetch("scores", queryset=SiftScore.objects.select_related("criterion"))
        )
    )
    labels = dict(SiftRound.choices)
    return [
        EarlierMark(
            labels[mark.round],
            mark.total,
            [(score.criterion.name, score.score) for score in mark.scores.all()],
        )
        for mark in marks
    ]
