"""Factories for the test suite: real records in a real database."""

import datetime
import hashlib

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from stepup.accounts.models import Membership, Organisation, User
from stepup.accounts.roles import OrganisationKind, Role
from stepup.accounts.second_factor import app_enrol_with_key
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
from stepup.partnerships.models import (
    Partnership,
    PartnershipAuthority,
    PartnershipStatus,
    PartnershipUniversity,
    UniversityRole,
)
from stepup.programme.models import Cohort, RuleVersion

PASSWORD = "correct-horse-battery-staple"


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.LOCAL_AUTHORITY


class AuthorityFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Borough {n}")
    kind = OrganisationKind.LOCAL_AUTHORITY


class UniversityFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"University {n}")
    kind = OrganisationKind.UNIVERSITY


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    # Most tests are about someone who has confirmed their address; the tests of confirming
    # make people who have not.
    email_verified_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(AuthorityFactory)
    role = Role.AUTHORITY_OFFICER


_KIND_FOR_ROLE = {
    Role.NATIONAL_ADMIN: OrganisationKind.NATIONAL,
    Role.NATIONAL_ANALYST: OrganisationKind.NATIONAL,
    Role.CONTRACTOR: OrganisationKind.CONTRACTOR,
    Role.COORDINATOR: OrganisationKind.LOCAL_AUTHORITY,
    Role.AUTHORITY_OFFICER: OrganisationKind.LOCAL_AUTHORITY,
    Role.UNIVERSITY_TUTOR: OrganisationKind.UNIVERSITY,
    Role.ASSESSOR: OrganisationKind.LOCAL_AUTHORITY,
    Role.SERVICE_USER_ASSESSOR: OrganisationKind.LOCAL_AUTHORITY,
}

_DEFAULT_ORG_NAME = {
    OrganisationKind.NATIONAL: "Department for Education",
    OrganisationKind.CONTRACTOR: "National recruitment contractor",
}


def person_with_role(role: str, organisation: Organisation | None = None, **user_fields) -> User:
    """A person holding one role, in a suitable organisation unless one is given."""
    kind = _KIND_FOR_ROLE[role]
    if organisation is None:
        name = _DEFAULT_ORG_NAME.get(kind)
        organisation = (
            OrganisationFactory(name=name, kind=kind) if name else OrganisationFactory(kind=kind)
        )
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, organisation=organisation, role=role)
    # Staff sign in with a code from an app: each test person has one set up already.
    app_enrol_with_key(user=user, key_hex=hashlib.sha1(user.email.encode()).hexdigest())
    return user


class CohortFactory(DjangoModelFactory):
    class Meta:
        model = Cohort
        django_get_or_create = ("number",)
        skip_postgeneration_save = True

    number = factory.Sequence(lambda n: 100 + n)
    name = factory.LazyAttribute(lambda o: f"Cohort {o.number}")
    start_date = datetime.date(2027, 1, 4)
    length_months = 18

    @factory.post_generation
    def rules(obj, create, extracted, **kwargs):
        if create and not obj.rule_versions.exists():
            RuleVersion.objects.create(cohort=obj, number=1)


class PartnershipFactory(DjangoModelFactory):
    class Meta:
        model = Partnership
        skip_postgeneration_save = True

    cohort = factory.SubFactory(CohortFactory)
    name = factory.Sequence(lambda n: f"Partnership {n}")
    code = factory.Sequence(lambda n: f"P{n:03d}")
    lead_authority = factory.SubFactory(AuthorityFactory)
    status = PartnershipStatus.APPROVED

    @factory.post_generation
    def places(obj, create, extracted, **kwargs):
        """``places=[("Bromley", 4), ...]``; the lead authority is always a member."""
        if not create:
            return
        rows = extracted if extracted is not None else [(obj.lead_authority.name, 5)]
        for name, count in rows:
            authority = AuthorityFactory(name=name)
            PartnershipAuthority.objects.create(partnership=obj, authority=authority, places=count)
        if not obj.members.filter(authority=obj.lead_authority).exists():
            PartnershipAuthority.objects.create(
                partnership=obj, authority=obj.lead_authority, places=0
            )


class PartnershipUniversityFactory(DjangoModelFactory):
    class Meta:
        model = PartnershipUniversity

    partnership = factory.SubFactory(PartnershipFactory)
    university = factory.SubFactory(UniversityFactory)
    role = UniversityRole.BOTH


class CandidateFactory(UserFactory):
    """A person with an account and no staff role."""

    email = factory.Sequence(lambda n: f"candidate{n}@example.net")
    full_name = factory.Sequence(lambda n: f"Candidate {n}")


class ApplicationFactory(DjangoModelFactory):
    """A complete application that meets the default rules, not yet submitted."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    cohort = factory.SubFactory(CohortFactory)
    candidate = factory.SubFactory(CandidateFactory)
    reference = factory.Sequence(lambda n: f"SU-{n:06d}")
    status = ApplicationStatus.DRAFT
    full_name = factory.LazyAttribute(lambda o: o.candidate.full_name)
    phone = "020 7946 0000"
    address_line_1 = "1 High Street"
    town = "Bromley"
    postcode = "BR1 1AA"
    right_to_work = RightToWork.YES
    degree_subject = "History"
    degree_class = DegreeClassGiven.UPPER_SECOND
    degree_institution = "University of Kent"
    degree_year = 2019
    degree_status = DegreeStatus.AWARDED
    gcse_english_grade = "B"
    gcse_maths_grade = "5"
    answer_q1 = "I ran a youth club for three years."
    answer_q2 = "I want to help children stay safe with their families."
    answer_q3 = "Respect, honesty and putting the child first."
    willing_to_move = True
    heard_about = HeardAbout.SEARCH
    has_criminal_record = False
    declaration_confirmed = True
    # As the eligibility decision leaves it: an eligible application waits for a first mark.
    sift_round_needed = factory.LazyAttribute(
        lambda o: "first" if o.status == ApplicationStatus.ELIGIBLE else ""
    )

    @factory.post_generation
    def experiences(obj, create, extracted, **kwargs):
        """``experiences=0`` for none; one year-long voluntary role by default."""
        if not create:
            return
        for index in range(1 if extracted is None else extracted):
            Experience.objects.create(
                application=obj,
                kind=ExperienceKind.VOLUNTARY,
                role=f"Youth worker {index + 1}",
                organisation="Bromley Youth Club",
                started_on=datetime.date(2020, 1, 6),
                ended_on=datetime.date(2021, 1, 6),
                hours_per_week=6,
            )


def booked_candidate(
    *,
    cohort,
    partnership,
    days_from_today: int,
    centre_status: str,
    status: str,
    candidate_number: int = 1,
    **centre_fields,
):
    """A centre day of ``partnership`` with one 9am slot and one candidate booked on it, at
    ``status``; made directly, for tests of what comes after the booking. Returns the
    invitation (its ``centre`` and ``application`` with it)."""
    from stepup.assessment.models import Centre, Invitation, Slot

    day = timezone.localdate() + datetime.timedelta(days=days_from_today)
    centre_fields.setdefault("venue", "Town Hall")
    centre = Centre.objects.create(
        cohort=cohort,
        partnership=partnership,
        day=day,
        address="1 High Street",
        accessibility="Step-free",
        booking_closes_at=timezone.make_aware(
            datetime.datetime.combine(day - datetime.timedelta(days=3), datetime.time(17))
        ),
        status=centre_status,
        **centre_fields,
    )
    slot = Slot.objects.create(
        centre=centre, starts_at=datetime.time(9), ends_at=datetime.time(13), places=6
    )
    application = ApplicationFactory(
        cohort=cohort,
        candidate=CandidateFactory(),
        rules=cohort.current_rules,
        status=status,
        first_choice=partnership,
    )
    return Invitation.objects.create(
        application=application,
        partnership=partnership,
        slot=slot,
        centre=centre,
        candidate_number=candidate_number,
        booked_at=timezone.now(),
    )


def met_candidate(
    *,
    cohort,
    partnership,
    composite,
    second_choice=None,
    willing_to_move: bool = False,
    assessed_by="first_choice",
    **application_fields,
):
    """A candidate who met the benchmark at ``partnership``'s centre (the national ones when
    ``assessed_by`` is ``None``) with ``composite``, choosing it first. Returns the
    application."""
    from decimal import Decimal

    from stepup.assessment.models import CentreResult, Invitation

    application = ApplicationFactory(
        cohort=cohort,
        rules=cohort.current_rules,
        status=ApplicationStatus.MET_BENCHMARK,
        first_choice=partnership,
        second_choice=second_choice,
        willing_to_move=willing_to_move,
        submitted_at=timezone.now(),
        **application_fields,
    )
    invitation = Invitation.objects.create(
        application=application,
        partnership=partnership if assessed_by == "first_choice" else assessed_by,
    )
    CentreResult.objects.create(
        invitation=invitation,
        composite=Decimal(str(composite)),
        lowest=Decimal("3"),
        met=True,
    )
    return application


def ranking_confirmed(*, cohort, partnership, by):
    """Confirm the ranking of everyone who met the benchmark at ``partnership``'s centres."""
    from stepup.assessment.models import RankingConfirmation
    from stepup.assessment.queries import ranking

    order = [
        r.invitation.application.reference for r in ranking(cohort=cohort, partnership=partnership)
    ]
    return RankingConfirmation.objects.create(
        cohort=cohort, partnership=partnership, order=order, confirmed_by=by
    )
