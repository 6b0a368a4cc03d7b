"""Factories for the test suite: real records in a real database."""

import datetime

import factory
from factory.django import DjangoModelFactory

from stepup.accounts.models import Membership, Organisation, User
from stepup.accounts.roles import OrganisationKind, Role
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
