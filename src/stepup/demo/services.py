"""Loading the demonstration data through the apps' own services, so it is audited like real data.

Every record is looked up by its natural key first (organisation name, person email, cohort
number, partnership cohort and code, milestone kind, funding rate label) and left alone if it
exists, so loading twice changes nothing. The whole load is one transaction.

Historic cohorts and bids are walked through their lifecycles with no person acting (the
"System"). Where the published record is too thin for the service's rules (cohort 1 has no
published application window; most cohort 2 bids publish no places; cohort 5 names no
university), the loader records the published status through the lifecycle's one path for
loaders of history, ``Lifecycle.record_as_published``, with an audit entry that says so.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.db import transaction

from stepup.accounts import second_factor
from stepup.accounts import services as accounts
from stepup.accounts.models import Organisation, RoleRequest, User
from stepup.accounts.passwords import password_problems
from stepup.accounts.roles import OrganisationKind, Role
from stepup.applications.models import WAITING_FOR_A_SIFT_MARK, Application
from stepup.demo import data, published_trainees
from stepup.demo import round as demo_round
from stepup.demo.data import CohortData, PartnershipData
from stepup.partnerships import services as partnerships
from stepup.partnerships.lifecycle import BID_LIFECYCLE
from stepup.partnerships.models import Partnership, PartnershipStatus
from stepup.partnerships.queries import submission_problems
from stepup.programme import services as programme
from stepup.programme.lifecycle import COHORT_LIFECYCLE
from stepup.programme.models import Cohort, CohortStatus
from stepup.programme.queries import framework_is_empty, transition_problems
from stepup.selection import services as selection

COHORT_PATH = (
    CohortStatus.DRAFT,
    CohortStatus.OPEN_FOR_BIDS,
    CohortStatus.RECRUITING,
    CohortStatus.IN_TRAINING,
    CohortStatus.CLOSED,
)
PARTNERSHIP_PATH = (
    PartnershipStatus.DRAFT,
    PartnershipStatus.SUBMITTED,
    PartnershipStatus.APPROVED,
)

ELIGIBILITY = {
    "min_degree_class": "upper_second",
    "excluded_degree_subject": "Social work",
    "gcse_english_minimum": "C4",
    "gcse_maths_minimum": "C4",
    "experience_required": True,
    "right_to_work_required": True,
}

AS_PUBLISHED = "Loaded as published"
UNCHANGED = "(unchanged: set by an earlier load)"


@dataclass(frozen=True)
class SignIn:
    email: str
    role: str
    organisation: str
    password: str
    app_key: str = ""  # staff: the key to add to an authenticator app


def _demo_app(user: User) -> str:
    """Give a demonstration person their app, unless they have set up one of their own."""
    if second_factor.app_device(user) is None:
        second_factor.app_enrol_with_key(user=user, key_hex=data.demo_app_key(user.email))
    device = second_factor.app_device(user)
    if device.key != data.demo_app_key(user.email):
        return "(their own app)"
    return second_factor.app_secret_text(device)


@dataclass
class DemoLoadResult:
    created: Counter = field(default_factory=Counter)
    sign_ins: list[SignIn] = field(default_factory=list)

    @property
    def changed_anything(self) -> bool:
        return any(self.created.values())


def demo_load(
    *, password: str = data.DEFAULT_PASSWORD, round_candidates: int = demo_round.CANDIDATES
) -> DemoLoadResult:
    """Load everything in ``stepup.demo.data`` that is not there yet, then the demonstration
    round (``stepup.demo.round``) with ``round_candidates`` fictitious candidates."""
    problems = password_problems(password, user=None)
    if problems:
        raise ValidationError(problems)
    result = DemoLoadResult()
    with transaction.atomic():
        organisations = _load_organisations(result)
        people = _load_people(password, organisations, result)
        _load_role_request(people, organisations)
        for cohort_data in data.COHORTS:
            _load_cohort(cohort_data, organisations, people, result)
        _load_variation(people)
        candidate = demo_round.round_load(
            load_cohort=lambda cohort_data: _load_cohort(
                cohort_data, organisations, people, result
            ),
            walk_cohort=lambda cohort, status: _walk_cohort(cohort, status, result),
            organisations=organisations,
            password=password,
            candidates=round_candidates,
            created=result.created,
        )
        _load_sift_assignments(people)
        published_trainees.published_trainees_load(created=result.created)
        shown = password if check_password(password, candidate.password) else UNCHANGED
        result.sign_ins.append(SignIn(candidate.email, data.CANDIDATE_LABEL, "", shown))
    return result


# Organisations and people


def _organisation_names() -> list[tuple[str, str]]:
    """Every organisation the data names, once, with its kind, in a stable order."""
    names: dict[str, str] = dict(data.ORGANISATIONS)
    for cohort_data in data.COHORTS:
        for partnership in cohort_data.partnerships:
            names.setdefault(
                data.authority_name(partnership.lead), OrganisationKind.LOCAL_AUTHORITY
            )
            for published, _places in partnership.members:
                names.setdefault(data.authority_name(published), OrganisationKind.LOCAL_AUTHORITY)
            for published, _role in partnership.universities:
                names.setdefault(data.university_name(published), OrganisationKind.UNIVERSITY)
    return list(names.items())


def _load_organisations(result: DemoLoadResult) -> dict[str, Organisation]:
    organisations = {}
    for name, kind in _organisation_names():
        organisation = Organisation.objects.filter(name__iexact=name).first()
        if organisation is None:
            organisation = accounts.organisation_create(actor=None, name=name, kind=kind)
            result.created["organisations"] += 1
        organisations[name] = organisation
    return organisations


def _load_people(
    password: str, organisations: dict[str, Organisation], result: DemoLoadResult
) -> dict[str, User]:
    people = {}
    for person in data.PEOPLE:
        organisation = organisations[person.organisation]
        user = User.objects.filter(email__iexact=person.email).first()
        if user is None:
            user = accounts.person_create(
                actor=None,
                email=person.email,
                full_name=person.full_name,
                password=password,
                organisation=organisation,
                role=person.role,
            )
            result.created["people"] += 1
            shown = password
        elif check_password(password, user.password):
            shown = password
        else:
            shown = UNCHANGED
        people[person.email] = user
        result.sign_ins.append(
            SignIn(person.email, Role(person.role).label, organisation.name, shown, _demo_app(user))
        )
    return people


def _load_role_request(people: dict[str, User], organisations: dict[str, Organisation]) -> None:
    """A request waiting for a second national admin, so the national admin has one to decide."""
    full_name, email, asker = data.ANALYST_REQUEST
    if RoleRequest.objects.filter(email__iexact=email).exists():
        return
    accounts.person_invite(
        actor=people[asker],
        email=email,
        full_name=full_name,
        organisation=organisations[data.NATIONAL_TEAM],
        role=Role.NATIONAL_ANALYST,
    )


def _load_variation(people: dict[str, User]) -> None:
    """The change seen when the service was tried: Surrey's places 8 to 9 on
    an approved bid, now waiting for the national team instead of saved unnoticed."""
    partnership = Partnership.objects.filter(code="SSL", cohort__number=5).first()
    coordinator = people.get(data.COHORT_5.partnerships[0].coordinator_email or "")
    if partnership is None or coordinator is None or partnership.variations.exists():
        return
    members = [
        (member.authority, member.places + (1 if member.authority.place == "Surrey" else 0))
        for member in partnership.members.select_related("authority")
    ]
    partnerships.partnership_set_members(
        actor=coordinator,
        partnership=partnership,
        members=members,
        reason="Surrey can host one more trainee this year",
    )


def _load_sift_assignments(people: dict[str, User]) -> None:
    """Two of the round's applications kept for the demo assessor by their coordinator, so
    that the progress page shows who holds what and the assessor has work kept for them."""
    coordinator, assessor = people.get(data.SIFT_KEPT_BY), people.get(data.SIFT_KEPT_FOR)
    waiting = Application.objects.filter(
        WAITING_FOR_A_SIFT_MARK,
        cohort__number=demo_round.NUMBER,
        first_choice__code="SSL",
        sift_round_needed="first",
    )
    if coordinator is None or assessor is None or waiting.exclude(sift_assignee=None).exists():
        return
    for application in waiting.order_by("submitted_at", "pk")[:2]:
        selection.sift_assign(
            actor=coordinator,
            application=application,
            sifter=assessor,
            reason="Sam is new to the sift: two to start with, then the shared queue.",
        )


# Cohorts


def _load_cohort(
    cohort_data: CohortData,
    organisations: dict[str, Organisation],
    people: dict[str, User],
    result: DemoLoadResult,
) -> Cohort:
    cohort = Cohort.objects.filter(number=cohort_data.number).first()
    if cohort is None:
        cohort = programme.cohort_create(
            actor=None,
            number=cohort_data.number,
            name=cohort_data.name,
            start_date=cohort_data.start_date,
            length_months=cohort_data.length_months,
        )
        result.created["cohorts"] += 1
    _load_timetable(cohort, cohort_data, result)
    _load_rules(cohort, cohort_data, result)
    for partnership_data in cohort_data.partnerships:
        _load_partnership(cohort, partnership_data, organisations, people, result)
    _walk_cohort(cohort, cohort_data.status, result)
    return cohort


def _load_timetable(cohort: Cohort, cohort_data: CohortData, result: DemoLoadResult) -> None:
    have = set(cohort.milestones.values_list("kind", flat=True))
    for milestone in cohort_data.milestones:
        if milestone.kind in have:
            continue
        programme.milestone_save(
            actor=None,
            cohort=cohort,
            kind=milestone.kind,
            starts_on=milestone.starts_on,
            ends_on=milestone.ends_on,
            note=milestone.note,
        )
        result.created["milestones"] += 1


def _load_rules(cohort: Cohort, cohort_data: CohortData, result: DemoLoadResult) -> None:
    if cohort.rules_locked:
        return  # set up before the cohort moved on; changing it now would make a new version
    rules = cohort.current_rules
    have = set(rules.funding_rates.values_list("label", flat=True))
    for rate in cohort_data.funding_rates:
        if rate.label in have:
            continue
        programme.funding_rate_add(
            actor=None,
            cohort=cohort,
            label=rate.label,
            basis=rate.basis,
            amount_pence=rate.amount_pence,
            band_min=rate.band_min,
            band_max=rate.band_max,
            reason=rate.source,
        )
        result.created["funding rates"] += 1
    if framework_is_empty(rules=cohort.current_rules):
        programme.framework_load_standard(
            actor=None, cohort=cohort, reason="The standard framework, for the demonstration"
        )
        result.created["assessment frameworks"] += 1
    rules = cohort.current_rules
    if any(getattr(rules, name) != value for name, value in ELIGIBILITY.items()):
        programme.eligibility_update(
            actor=None, cohort=cohort, reason="The published eligibility rules", **ELIGIBILITY
        )
        result.created["eligibility changes"] += 1
    recruitment = dict(cohort_data.recruitment)
    if any(getattr(rules, name) != value for name, value in recruitment.items()):
        programme.recruitment_settings_update(
            actor=None, cohort=cohort, reason=cohort_data.source, **recruitment
        )
    if rules.sift_pass_mark is None and not cohort.rules_locked:
        # No pass mark is published; 15 of 20 is "meets the standard" (3) on each of the
        # five criteria the application form assesses. See docs/demo-data.md.
        programme.recruitment_settings_update(
            actor=None, cohort=cohort, reason=DEMO_PASS_MARK_NOTE, sift_pass_mark=DEMO_PASS_MARK
        )


DEMO_PASS_MARK = 15
DEMO_PASS_MARK_NOTE = (
    "Not published: 15 of 20, that is 'meets the standard' on each of the five criteria the "
    "application form assesses"
)


def _walk_cohort(cohort: Cohort, target: str, result: DemoLoadResult) -> None:
    """Move the cohort along its lifecycle; record the rest as published where it refuses."""
    cohort.refresh_from_db()
    start, end = COHORT_PATH.index(cohort.status), COHORT_PATH.index(target)
    for to_status in COHORT_PATH[start + 1 : end + 1]:
        problems = transition_problems(cohort=cohort, to_status=to_status)
        if problems:
            _record_as_published(
                cohort,
                target,
                "The published record is too thin for the service's checks: " + "; ".join(problems),
            )
            result.created["statuses recorded as published"] += 1
            return
        programme.cohort_transition(
            actor=None, cohort=cohort, to_status=to_status, reason=AS_PUBLISHED
        )
        cohort.refresh_from_db()
        result.created["status changes"] += 1


# Partnerships


def _load_partnership(
    cohort: Cohort,
    partnership_data: PartnershipData,
    organisations: dict[str, Organisation],
    people: dict[str, User],
    result: DemoLoadResult,
) -> Partnership:
    partnership = Partnership.objects.filter(cohort=cohort, code=partnership_data.code).first()
    if partnership is not None:
        return partnership
    coordinator = people.get(partnership_data.coordinator_email)
    partnership = partnerships.partnership_create(
        actor=None,
        cohort=cohort,
        name=partnership_data.name,
        code=partnership_data.code,
        lead_authority=organisations[data.authority_name(partnership_data.lead)],
        coordinator=coordinator,
        contract_model=partnership_data.contract_model,
        tie_in_amount_pence=partnership_data.tie_in_amount_pence,
        tie_in_terms=partnership_data.tie_in_terms,
        recruitment_target=partnership_data.recruitment_target,
    )
    result.created["partnerships"] += 1
    members = [
        (organisations[data.authority_name(published)], places)
        for published, places in partnership_data.members
    ]
    partnerships.partnership_set_members(
        actor=None, partnership=partnership, members=members, reason=partnership_data.source
    )
    if partnership_data.universities:
        partnerships.partnership_set_universities(
            actor=None,
            partnership=partnership,
            universities=[
                (organisations[data.university_name(published)], role)
                for published, role in partnership_data.universities
            ],
            reason=partnership_data.source,
        )
    _walk_partnership(partnership, PartnershipStatus.APPROVED, partnership_data, result)
    return partnership


def _walk_partnership(
    partnership: Partnership, target: str, partnership_data: PartnershipData, result
) -> None:
    partnership.refresh_from_db()
    start, end = PARTNERSHIP_PATH.index(partnership.status), PARTNERSHIP_PATH.index(target)
    for to_status in PARTNERSHIP_PATH[start + 1 : end + 1]:
        problems = (
            submission_problems(partnership) if to_status == PartnershipStatus.SUBMITTED else []
        )
        if problems:
            note = f" {partnership_data.source_note}" if partnership_data.source_note else ""
            _record_as_published(
                partnership,
                target,
                f"The published record is too thin for the service's checks: "
                f"{'; '.join(problems)}.{note}",
            )
            result.created["statuses recorded as published"] += 1
            return
        partnerships.partnership_transition(
            actor=None, partnership=partnership, to_status=to_status, reason=AS_PUBLISHED
        )
        partnership.refresh_from_db()
        result.created["status changes"] += 1


def _record_as_published(record: Cohort | Partnership, to_status: str, why: str) -> None:
    """A historic status the lifecycle cannot reach from thin records, through the
    lifecycle's own path for loaders of published data."""
    lifecycle = COHORT_LIFECYCLE if isinstance(record, Cohort) else BID_LIFECYCLE
    lifecycle.record_as_published(
        record=record,
        target=to_status,
        summary=f"{AS_PUBLISHED}: {lifecycle.label(to_status).lower()}",
        why=why,
    )
