"""Volume for measuring: hundreds of thousands of applications in a scratch database, fast.

This is not demonstration data. The cohorts, partnerships and rules are made through the
services, but the applications and everything hanging off them are written in bulk, straight
to the tables and without audit entries, so that 200,000 load in well under two minutes on
PostgreSQL. Every application it makes has a reference starting ``VOL``; it refuses a
database holding any other, so it can never be run against live data.

Two cohorts share the applications: most are sifted nationally (the contractor's queue is the
longest any page lists), the rest by partnerships. Applications are spread over every stage
built so far, in proportions like cohort 1's funnel (seed 001 §5.5), and the same arguments
always give the same rows.
"""

import datetime
import json
import random
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone

from stepup.accounts import second_factor
from stepup.accounts.models import Membership, Organisation, User
from stepup.accounts.roles import OrganisationKind, Role
from stepup.applications import equality
from stepup.applications.models import (
    Application,
    ApplicationStatus,
    DegreeClassGiven,
    DegreeStatus,
    Experience,
    ExperienceKind,
    HeardAbout,
    RightToWork,
)
from stepup.applications.sections import SECTIONS
from stepup.core.models import StatusChange
from stepup.demo import volume_centres as centres
from stepup.demo.data import demo_app_key
from stepup.partnerships import services as partnerships
from stepup.partnerships.models import Partnership, PartnershipStatus, UniversityRole
from stepup.programme import services as programme
from stepup.programme.models import (
    Cohort,
    CohortStatus,
    FundingBasis,
    MilestoneKind,
    RuleVersion,
    SiftBy,
)
from stepup.selection.models import (
    DecisionReason,
    DecisionStage,
    EligibilityCheck,
    EligibilityDecision,
    RuleOutcome,
    SiftDecision,
    SiftMark,
    SiftRound,
)

PREFIX = "VOL"
EMAIL_DOMAIN = "volume.example"
NATIONAL_COHORT = 9001
PARTNERSHIP_COHORT = 9002
PARTNERSHIP_SHARE = 0.2  # of applications, in the cohort sifted by partnerships
PASS_MARK = 15
TOLERANCE = 2
CHUNK = 5_000
RECENT_DAYS = 60  # applications arrive over the last two months

# Where applications are, in percent of all: roughly cohort 1's funnel, with a live sift.
STAGES: tuple[tuple[str, int], ...] = (
    ("draft", 15),
    ("ineligible", 12),
    ("referred", 5),  # waiting for a person's eligibility decision
    ("first", 15),  # eligible, waiting for a first mark
    ("second", 8),
    ("moderation", 2),
    ("screened_in", 4),
    # At the assessment centre (stepup.demo.volume_centres).
    ("invited", 4),
    ("did_not_attend", 1),
    ("attended", 2),
    ("met", 2),
    ("not_met", 2),
    ("screened_out", 20),
    ("withdrawn", 8),
)

STATUS_OF_STAGE = {
    "draft": ApplicationStatus.DRAFT,
    "ineligible": ApplicationStatus.INELIGIBLE,
    "referred": ApplicationStatus.ELIGIBILITY_REVIEW,
    "first": ApplicationStatus.ELIGIBLE,
    "second": ApplicationStatus.ELIGIBLE,
    "moderation": ApplicationStatus.ELIGIBLE,
    "screened_in": ApplicationStatus.SCREENED_IN,
    "screened_out": ApplicationStatus.SCREENED_OUT,
    "withdrawn": ApplicationStatus.WITHDRAWN,
    **centres.STATUS_OF_STAGE,
}
# Screened in at the sift: those waiting for an invitation and those at the centre.
SCREENED_IN = {"screened_in", *centres.STATUS_OF_STAGE}


class VolumeRefused(Exception):
    """The database holds data this tool did not make."""


@dataclass
class VolumeResult:
    made: Counter = field(default_factory=Counter)
    sign_ins: list[tuple[str, str]] = field(default_factory=list)  # (email, what they see)


@dataclass(frozen=True)
class _World:
    """What the bulk rows point at: made (or found) once, before any application."""

    cohorts: dict[int, Cohort]
    rules: dict[int, RuleVersion]
    partnerships: dict[int, list[Partnership]]
    national_sifters: tuple[User, User]  # make the marks the contractor has not made
    partnership_sifters: dict[int, tuple[User, User]]  # by partnership id
    reasons: dict[str, list[DecisionReason]]
    centres: centres.CentreVolume


def foreign_applications() -> int:
    """How many applications this tool did not make."""
    return Application.objects.exclude(reference__startswith=PREFIX).count()


def volume_load(
    *,
    applications: int,
    partnerships: int = 8,
    password: str,
    seed: int = 2026,
    partnership_share: float = PARTNERSHIP_SHARE,
) -> VolumeResult:
    """Add this many applications, with the cohorts, partnerships and people they need;
    ``partnership_share`` of them in the cohort sifted by partnerships (0: all of them in the
    national cohort, for measuring one cohort of that size)."""
    if applications < 1 or partnerships < 1:
        raise ValueError("Give at least one application and one partnership")
    foreign = foreign_applications()
    if foreign:
        raise VolumeRefused(
            f"This database holds {foreign} applications that load_volume did not make. "
            "It only fills a scratch database for measuring; point DATABASE_URL at an empty one."
        )
    result = VolumeResult()
    rng = random.Random(seed)  # noqa: S311 - repeatable made-up data, not a secret
    with transaction.atomic():
        world = _world(partnerships=partnerships, password=password, result=result)
        start = Application.objects.count()
        numbers = iter(range(start, start + applications))
        while chunk := list(islice(numbers, CHUNK)):
            _load_chunk(world, chunk, rng, result, partnership_share)
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # What autovacuum would do before long: statistics for the planner, and the visibility
        # map that lets a count be answered from an index alone.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
    return result


# The world: organisations, people, cohorts and partnerships


def _email(local: str) -> str:
    return f"{local}@{EMAIL_DOMAIN}"


def _organisation(name: str, kind: str) -> Organisation:
    return Organisation.objects.get_or_create(name=name, defaults={"kind": kind})[0]


def _person(email: str, name: str, role: str, organisation: Organisation, hashed: str) -> User:
    """People made in bulk style: one password hash for all, computed once (they are many and
    hashing is slow by design)."""
    person, _ = User.objects.get_or_create(
        email=email, defaults={"full_name": name, "password": hashed}
    )
    Membership.objects.get_or_create(user=person, organisation=organisation, role=role)
    # Staff sign in with an app's code too: the demonstration's kind of key, for the bench.
    if second_factor.app_device(person) is None:
        second_factor.app_enrol_with_key(user=person, key_hex=demo_app_key(email))
    return person


def _world(*, partnerships: int, password: str, result: VolumeResult) -> _World:
    hashed = make_password(password)
    national = _organisation("Volume: national team", OrganisationKind.NATIONAL)
    contractor_org = _organisation("Volume: recruitment contractor", OrganisationKind.CONTRACTOR)
    university = _organisation("Volume: university", OrganisationKind.UNIVERSITY)
    authorities = [
        _organisation(f"Volume: authority {n:02d}", OrganisationKind.LOCAL_AUTHORITY)
        for n in range(1, partnerships + 1)
    ]
    admin = _person(_email("admin"), "Volume Admin", Role.NATIONAL_ADMIN, national, hashed)
    contractor = _person(
        _email("contractor"), "Volume Contractor", Role.CONTRACTOR, contractor_org, hashed
    )
    national_sifters = tuple(
        _person(_email(f"sifter{n}"), f"Volume Sifter {n}", Role.CONTRACTOR, contractor_org, hashed)
        for n in (1, 2)
    )
    result.sign_ins += [
        (admin.email, "national admin: every cohort and partnership"),
        (contractor.email, "contractor: the national sift queue and the eligibility queue"),
    ]
    cohorts, rules, made_partnerships, partnership_sifters = {}, {}, {}, {}
    for number, sift_by in (
        (NATIONAL_COHORT, SiftBy.NATIONAL),
        (PARTNERSHIP_COHORT, SiftBy.PARTNERSHIP),
    ):
        cohort = _cohort(number, sift_by, result)
        cohorts[number], rules[number] = cohort, cohort.current_rules
        made_partnerships[number] = []
        for index, lead in enumerate(authorities, start=1):
            coordinator = _person(
                _email(f"coordinator{index:02d}"),
                f"Volume Coordinator {index:02d}",
                Role.COORDINATOR,
                lead,
                hashed,
            )
            partnership = _partnership(cohort, index, lead, coordinator, university, result)
            made_partnerships[number].append(partnership)
            partnership_sifters[partnership.pk] = tuple(
                _person(
                    _email(f"assessor{index:02d}.{n}"),
                    f"Volume Assessor {index:02d}-{n}",
                    Role.ASSESSOR,
                    lead,
                    hashed,
                )
                for n in (1, 2)
            )
        if number == PARTNERSHIP_COHORT:
            result.sign_ins.append(
                (_email("coordinator01"), "coordinator: partnership 01's sift queue")
            )
        _open_recruiting(cohort, result)
    reasons = {
        stage: list(DecisionReason.objects.filter(stage=stage, active=True).order_by("position"))
        for stage in DecisionStage.values
    }
    return _World(
        cohorts,
        rules,
        made_partnerships,
        national_sifters,
        partnership_sifters,
        reasons,
        centres.CentreVolume(assessors=partnership_sifters),
    )


def _cohort(number: int, sift_by: str, result: VolumeResult) -> Cohort:
    cohort = Cohort.objects.filter(number=number).first()
    if cohort is not None:
        return cohort
    today = timezone.localdate()
    cohort = programme.cohort_create(
        actor=None,
        number=number,
        name=f"Volume: {SiftBy(sift_by).label.lower()}",
        start_date=today + datetime.timedelta(days=270),
        length_months=18,
    )
    programme.milestone_save(
        actor=None,
        cohort=cohort,
        kind=MilestoneKind.APPLICATION_WINDOW,
        starts_on=today - datetime.timedelta(days=RECENT_DAYS),
        ends_on=today + datetime.timedelta(days=14),
    )
    programme.framework_load_standard(actor=None, cohort=cohort)
    programme.funding_rate_add(
        actor=None,
        cohort=cohort,
        label="Bursary",
        basis=FundingBasis.PER_TRAINEE,
        amount_pence=1_983_300,
    )
    programme.recruitment_settings_update(
        actor=None,
        cohort=cohort,
        sift_by=sift_by,
        double_sift=True,
        sift_tolerance=TOLERANCE,
        sift_pass_mark=PASS_MARK,
        centre_benchmark=centres.BENCHMARK,
    )
    programme.cohort_transition(actor=None, cohort=cohort, to_status=CohortStatus.OPEN_FOR_BIDS)
    result.made["cohorts"] += 1
    return Cohort.objects.get(pk=cohort.pk)


def _partnership(
    cohort: Cohort,
    index: int,
    lead: Organisation,
    coordinator: User,
    university: Organisation,
    result: VolumeResult,
) -> Partnership:
    code = f"V{index:02d}"
    partnership = Partnership.objects.filter(cohort=cohort, code=code).first()
    if partnership is not None:
        return partnership
    partnership = partnerships.partnership_create(
        actor=None,
        cohort=cohort,
        name=f"Volume partnership {index:02d}",
        code=code,
        lead_authority=lead,
        coordinator=coordinator,
        recruitment_target=20,
    )
    partnerships.partnership_set_members(actor=None, partnership=partnership, members=[(lead, 20)])
    partnerships.partnership_set_universities(
        actor=None, partnership=partnership, universities=[(university, UniversityRole.BOTH)]
    )
    for status in (PartnershipStatus.SUBMITTED, PartnershipStatus.APPROVED):
        partnerships.partnership_transition(actor=None, partnership=partnership, to_status=status)
    result.made["partnerships"] += 1
    return partnership


def _open_recruiting(cohort: Cohort, result: VolumeResult) -> None:
    cohort.refresh_from_db()
    if cohort.status == CohortStatus.OPEN_FOR_BIDS:
        programme.cohort_transition(actor=None, cohort=cohort, to_status=CohortStatus.RECRUITING)


# Writing rows in bulk


def _template(model) -> dict:
    """Every column of the table with its model default, so a row names only what differs."""
    return {
        field.attname: field.get_default()
        for field in model._meta.concrete_fields
        if not field.primary_key
    }


def _insert(model, rows: list[dict]) -> list[int]:
    """Insert rows (values by attribute name) and return their ids, in order.

    On PostgreSQL, ids are drawn from the table's sequence and the rows sent with COPY: a
    model instance per row is what makes ``bulk_create`` slow at this size. Elsewhere (the
    tests on SQLite), ``bulk_create`` does the same job.
    """
    if not rows:
        return []
    template = _template(model)
    if connection.vendor != "postgresql":
        made = model.objects.bulk_create([model(**{**template, **row}) for row in rows], 1_000)
        return [instance.pk for instance in made]
    table = model._meta.db_table
    columns = {field.attname: field for field in model._meta.concrete_fields}
    names = list(template)
    as_json = {name for name in names if isinstance(columns[name], models.JSONField)}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(rows)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        quoted = ", ".join(
            connection.ops.quote_name(columns[name].column) for name in ["id", *names]
        )
        with cursor.cursor.copy(
            f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN"
        ) as copy:
            for pk, row in zip(ids, rows, strict=True):
                values = {**template, **row}
                copy.write_row(
                    [pk, *(json.dumps(values[n]) if n in as_json else values[n] for n in names)]
                )
    return ids


# The applications, a chunk at a time


def _stage(rng: random.Random) -> str:
    return rng.choices([name for name, _ in STAGES], weights=[w for _, w in STAGES])[0]


def _load_chunk(
    world: _World, numbers: list[int], rng: random.Random, result, partnership_share: float
) -> None:
    now = timezone.now()
    plans = []
    for number in numbers:
        cohort_number = PARTNERSHIP_COHORT if rng.random() < partnership_share else NATIONAL_COHORT
        offered = world.partnerships[cohort_number]
        choices = [*rng.sample(offered, k=min(2, len(offered))), None]
        plans.append(
            {
                "number": number,
                "cohort": cohort_number,
                "stage": _stage(rng),
                "first_choice": choices[0].pk,
                "second_choice": choices[1].pk if choices[1] else None,
                "submitted_at": now
                - datetime.timedelta(seconds=rng.randrange(RECENT_DAYS * 86400)),
                "mark": rng.randint(10, 20),
            }
        )
    user_ids = _insert(
        User,
        [
            {
                "email": _email(f"candidate.{plan['number']:07d}"),
                "full_name": f"Volume Candidate {plan['number']:07d}",
                "password": "!",  # no password: these people never sign in
                "date_joined": plan["submitted_at"],
            }
            for plan in plans
        ],
    )
    application_ids = _insert(
        Application,
        [
            _application(world, plan, user_id, now)
            for plan, user_id in zip(plans, user_ids, strict=True)
        ],
    )
    for plan, application_id in zip(plans, application_ids, strict=True):
        plan["id"] = application_id
    _insert(
        Experience,
        [
            {
                "application_id": application_id,
                "kind": ExperienceKind.VOLUNTARY,
                "role": "Youth worker",
                "organisation": "Volume youth club",
                "started_on": datetime.date(2022, 1, 10),
                "hours_per_week": 6,
            }
            for application_id in application_ids
        ],
    )
    _eligibility(world, [plan for plan in plans if plan["stage"] != "draft"], result)
    _equality_answers(plans, rng, result)
    _status_changes(plans, result)
    _sift(world, plans, result)
    centres.centre_rows(
        world.centres, plans=plans, rules=world.rules, insert=_insert, result=result
    )
    result.made["applications"] += len(application_ids)
    for plan in plans:
        result.made[f"at stage {plan['stage']}"] += 1


# Most candidates answer the equality questions (the demonstration round's share), some
# questions left blank or "Prefer not to say": enough variety that the researchers' file must
# coarsen and suppress (docs/equality-report.md).
ANSWERED_SHARE = 0.85
_ETHNICITIES = sorted(equality.ETHNICITY_CODES)


def _equality_answers(plans: list[dict], rng: random.Random, result) -> None:
    answers = {}
    for plan in plans:
        if plan["stage"] == "draft" or rng.random() >= ANSWERED_SHARE:
            continue
        declined = rng.random() < 0.05
        answers[plan["id"]] = {
            "date_of_birth": None
            if declined
            else datetime.date(rng.randint(1962, 2004), rng.randint(1, 12), rng.randint(1, 28)),
            "date_of_birth_declined": declined,
            "sex": rng.choice(equality.Sex.values),
            "ethnicity": rng.choice(_ETHNICITIES),
            "disability": rng.choice(equality.Disability.values),
            "religion": rng.choice(equality.Religion.values),
            "sexual_orientation": rng.choice([*equality.SexualOrientation.values, ""]),
        }
    result.made["equality answers"] += equality.equality_answers_load(
        answers=answers, insert=_insert
    )


# The statuses an application of each stage has moved through, after submission: what the
# insights count (docs/adr/0019-insights.md).
S = ApplicationStatus
_TO_ELIGIBLE = [S.SUBMITTED, S.ELIGIBLE]
_AT_CENTRE = [*_TO_ELIGIBLE, S.SCREENED_IN, S.INVITED]
PATH_OF_STAGE = {
    "draft": [],
    "ineligible": [S.SUBMITTED, S.INELIGIBLE],
    "referred": [S.SUBMITTED, S.ELIGIBILITY_REVIEW],
    "first": _TO_ELIGIBLE,
    "second": _TO_ELIGIBLE,
    "moderation": _TO_ELIGIBLE,
    "screened_in": [*_TO_ELIGIBLE, S.SCREENED_IN],
    "invited": _AT_CENTRE,
    "did_not_attend": [*_AT_CENTRE, S.DID_NOT_ATTEND],
    "attended": [*_AT_CENTRE, S.ATTENDED],
    "met": [*_AT_CENTRE, S.ATTENDED, S.MET_BENCHMARK],
    "not_met": [*_AT_CENTRE, S.ATTENDED, S.BENCHMARK_NOT_MET],
    "screened_out": [*_TO_ELIGIBLE, S.SCREENED_OUT],
    "withdrawn": [*_TO_ELIGIBLE, S.WITHDRAWN],
}


def _status_changes(plans: list[dict], result) -> None:
    kind = ContentType.objects.get_for_model(Application).pk
    rows = []
    for plan in plans:
        source = S.DRAFT
        for step, target in enumerate(PATH_OF_STAGE[plan["stage"]]):
            rows.append(
                {
                    "record_type_id": kind,
                    "record_id": plan["id"],
                    "source": source,
                    "target": target,
                    "at": plan["submitted_at"] + datetime.timedelta(days=step),
                }
            )
            source = target
    _insert(StatusChange, rows)
    result.made["status changes"] += len(rows)


_ROUND_OF_STAGE = {
    "first": SiftRound.FIRST,
    "second": SiftRound.SECOND,
    "moderation": SiftRound.MODERATION,
}


def _application(world: _World, plan: dict, user_id: int, now) -> dict:
    stage = plan["stage"]
    submitted = stage != "draft"
    referred = stage == "referred"
    return {
        "cohort_id": world.cohorts[plan["cohort"]].pk,
        "candidate_id": user_id,
        "reference": f"{PREFIX}{plan['cohort']}-{plan['number']:07d}",
        "status": STATUS_OF_STAGE[stage],
        "rules_id": world.rules[plan["cohort"]].pk if submitted else None,
        "sections_completed": [section.key for section in SECTIONS] if submitted else [],
        "created_at": plan["submitted_at"] - datetime.timedelta(days=3),
        "updated_at": now,
        "submitted_at": plan["submitted_at"] if submitted else None,
        "withdrawn_at": now if stage == "withdrawn" else None,
        "sift_round_needed": _ROUND_OF_STAGE.get(stage, ""),
        "full_name": f"Volume Candidate {plan['number']:07d}",
        "phone": "020 7946 0000",
        "address_line_1": "1 Volume Street",
        "town": "Volume Town",
        "postcode": "VO1 1UM",
        "right_to_work": RightToWork.YES,
        "degree_subject": "Social work" if stage == "ineligible" else "History",
        "degree_class": DegreeClassGiven.OVERSEAS if referred else DegreeClassGiven.FIRST,
        "degree_equivalence": "Licenciatura, like a 2:1" if referred else "",
        "degree_institution": "Volume University",
        "degree_year": 2020,
        "degree_status": DegreeStatus.AWARDED,
        "gcse_english_grade": "B",
        "gcse_maths_grade": "6",
        "answer_q1": "I ran a youth club for three years and learned to listen to children.",
        "answer_q2": "I want to help children stay safe with their families.",
        "answer_q3": "Respect, honesty and putting the child first.",
        "first_choice_id": plan["first_choice"],
        "second_choice_id": plan["second_choice"],
        "willing_to_move": True,
        "heard_about": HeardAbout.SEARCH,
        "has_criminal_record": False,
        "declaration_confirmed": True,
    }


def _eligibility(world: _World, plans: list[dict], result) -> None:
    """Referred applications wait with the rule a person must judge; the rest are decided."""
    _insert(
        EligibilityCheck,
        [
            {
                "application_id": plan["id"],
                "rules_id": world.rules[plan["cohort"]].pk,
                "rule": "degree_class",
                "outcome": RuleOutcome.REFER,
                "reason": "An overseas degree: a person must judge its UK equivalent.",
                "checked_at": plan["submitted_at"],
            }
            for plan in plans
            if plan["stage"] == "referred"
        ],
    )
    decided = [plan for plan in plans if plan["stage"] != "referred"]
    decision_ids = _insert(
        EligibilityDecision,
        [
            {
                "application_id": plan["id"],
                "eligible": plan["stage"] != "ineligible",
                "detail": "You already have a degree in social work"
                if plan["stage"] == "ineligible"
                else "",
                "decided_at": plan["submitted_at"],
            }
            for plan in decided
        ],
    )
    reason = next(
        r for r in world.reasons[DecisionStage.ELIGIBILITY] if r.code == "degree-in-social-work"
    )
    _insert(
        EligibilityDecision.reasons.through,
        [
            {"eligibilitydecision_id": decision_id, "decisionreason_id": reason.pk}
            for plan, decision_id in zip(decided, decision_ids, strict=True)
            if plan["stage"] == "ineligible"
        ],
    )
    result.made["eligibility decisions"] += len(decision_ids)


# How many marks each stage has.
_MARKS_AT = {"second": 1, "moderation": 2, "screened_out": 2, **dict.fromkeys(SCREENED_IN, 2)}


def _sift(world: _World, plans: list[dict], result) -> None:
    marks, decided = [], []
    for plan in plans:
        count = _MARKS_AT.get(plan["stage"], 0)
        if not count:
            continue
        totals = _totals(plan)
        if plan["cohort"] == NATIONAL_COHORT:
            sifters = world.national_sifters
        else:
            sifters = world.partnership_sifters[plan["first_choice"]]
        for index in range(count):
            marks.append(
                {
                    "application_id": plan["id"],
                    "rules_id": world.rules[plan["cohort"]].pk,
                    "sifter_id": sifters[index].pk,
                    "round": (SiftRound.FIRST, SiftRound.SECOND)[index],
                    "total": totals[index],
                    "submitted_at": plan["submitted_at"] + datetime.timedelta(days=index + 1),
                }
            )
        if plan["stage"] in SCREENED_IN or plan["stage"] == "screened_out":
            decided.append(plan)
    _insert(SiftMark, marks)
    decision_ids = _insert(
        SiftDecision,
        [
            {
                "application_id": plan["id"],
                "screened_in": plan["stage"] in SCREENED_IN,
                "total": Decimal(sum(_totals(plan))) / 2,
                "decided_at": plan["submitted_at"] + datetime.timedelta(days=2),
            }
            for plan in decided
        ],
    )
    reasons = world.reasons[DecisionStage.SIFT]
    _insert(
        SiftDecision.reasons.through,
        [
            {
                "siftdecision_id": decision_id,
                "decisionreason_id": reasons[decision_id % len(reasons)].pk,
            }
            for plan, decision_id in zip(decided, decision_ids, strict=True)
            if plan["stage"] == "screened_out"
        ],
    )
    result.made["sift marks"] += len(marks)
    result.made["sift decisions"] += len(decision_ids)


def _totals(plan: dict) -> list[int]:
    """Two totals that agree (within the tolerance) on the stage's side of the pass mark, or
    that differ by more than the tolerance for an application waiting for moderation."""
    stage, base = plan["stage"], plan["mark"]
    if stage == "moderation":
        return [PASS_MARK + 4, PASS_MARK - 4]
    if stage in SCREENED_IN:
        base = max(base, PASS_MARK)
        return [base, min(base + 1, 20)]
    if stage == "screened_out":
        base = min(base, PASS_MARK - 2)
    return [base, base]
