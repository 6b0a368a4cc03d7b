"""The permission walk's table and world, shared by the tests that walk every URL:
tests/test_permissions.py (each person gets exactly the access they should),
tests/test_generated_input.py and tests/equality/test_no_leak.py.

``EXPECTED`` names who may use each page; each app's own pages are listed in
``tests/<app>/access_table.py``. ``build_world`` makes a cohort, two partnerships and a person
for each persona; ``url_for`` and ``client_for`` reach a page of it as one of them.
"""

import datetime
import importlib
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from stepup.accounts.models import Invitation, Membership
from stepup.accounts.roles import Role
from stepup.partnerships.models import PartnershipStatus, Variation
from stepup.partnerships.services import memorandum_upload
from stepup.programme.models import CohortStatus, MilestoneKind
from stepup.programme.services import (
    framework_load_standard,
    funding_rate_add,
    milestone_save,
)
from tests.factories import (
    AuthorityFactory,
    CandidateFactory,
    CohortFactory,
    PartnershipFactory,
    PartnershipUniversityFactory,
    UniversityFactory,
    person_with_role,
)
from tests.personas import (
    ADMIN,
    ANALYST,
    ANON,
    ASSESSOR,
    CANDIDATE,
    CHANGES_PARTNERSHIP,
    CONTRACTOR,
    COORD,
    EVERYONE,
    OFFICER,
    ONLY_ADMIN,
    OTHER_CANDIDATE,
    OTHER_COORD,
    SEES_PARTNERSHIP,
    STAFF,
    SU_ASSESSOR,
    TUTOR,
)
from tests.signing_in import sign_in_through_form

# URL name -> who may use it (a GET answers 200 for them, and is refused for everyone else).
# Each app's own pages are listed in ``tests/<app>/access_table.py`` (see ``_extensions``).
EXPECTED: dict[str, frozenset[str]] = {
    "core:home": EVERYONE,
    "core:accessibility": EVERYONE,
    "core:error-check": frozenset(),  # only ever answers when a deploy check turns it on
    "accounts:sign-in": EVERYONE,
    "accounts:sign-out": EVERYONE,
    "accounts:invitation-accept": EVERYONE,
    "accounts:organisation-list": ONLY_ADMIN,
    "accounts:organisation-create": ONLY_ADMIN,
    "accounts:organisation-detail": ONLY_ADMIN,
    "accounts:person-list": ONLY_ADMIN,
    "accounts:person-invite": frozenset({ADMIN, COORD, OTHER_COORD}),
    "accounts:person-detail": ONLY_ADMIN,
    "accounts:person-role-add": ONLY_ADMIN,
    "accounts:person-role-remove": ONLY_ADMIN,
    "accounts:person-deactivate": ONLY_ADMIN,
    "accounts:person-reactivate": ONLY_ADMIN,
    "programme:cohort-list": STAFF,
    "programme:cohort-create": ONLY_ADMIN,
    "programme:cohort-copy": ONLY_ADMIN,
    "programme:cohort-detail": STAFF,
    "programme:cohort-update": ONLY_ADMIN,
    "programme:cohort-transition": ONLY_ADMIN,
    "programme:cohort-history": STAFF,
    "programme:rule-versions": STAFF,
    "programme:timetable": STAFF,
    "programme:milestone-edit": ONLY_ADMIN,
    "programme:milestone-remove": ONLY_ADMIN,
    "programme:funding": STAFF,
    "programme:funding-rate-add": ONLY_ADMIN,
    "programme:funding-rate-update": ONLY_ADMIN,
    "programme:funding-rate-remove": ONLY_ADMIN,
    "programme:eligibility": STAFF,
    "programme:eligibility-update": ONLY_ADMIN,
    "programme:framework": STAFF,
    "programme:framework-load-standard": ONLY_ADMIN,
    "programme:criterion-add": ONLY_ADMIN,
    "programme:criterion-update": ONLY_ADMIN,
    "programme:criterion-remove": ONLY_ADMIN,
    "programme:exercise-add": ONLY_ADMIN,
    "programme:exercise-update": ONLY_ADMIN,
    "programme:exercise-remove": ONLY_ADMIN,
    "programme:matrix-update": ONLY_ADMIN,
    "programme:scale-update": ONLY_ADMIN,
    "partnerships:partnership-list": SEES_PARTNERSHIP | {OTHER_COORD},
    "partnerships:partnership-create": frozenset({ADMIN, COORD, OTHER_COORD}),
    "partnerships:partnership-detail": SEES_PARTNERSHIP,
    "partnerships:partnership-edit": CHANGES_PARTNERSHIP,
    "partnerships:partnership-places": CHANGES_PARTNERSHIP,
    "partnerships:partnership-universities": CHANGES_PARTNERSHIP,
    "partnerships:memorandum-upload": CHANGES_PARTNERSHIP,
    "partnerships:memorandum-download": SEES_PARTNERSHIP,
    "partnerships:meeting-add": CHANGES_PARTNERSHIP,
    "partnerships:partnership-transition": CHANGES_PARTNERSHIP,
    "partnerships:variation-detail": SEES_PARTNERSHIP,
}


def _extensions():
    """Every ``tests/<app>/access_table.py``: its EXPECTED rows and its ``extend_world``."""
    found = []
    for path in sorted(Path(__file__).parents[1].glob("*/access_table.py")):
        found.append(importlib.import_module(f"tests.{path.parent.name}.access_table"))
    return found


EXTENSIONS = _extensions()
for _module in EXTENSIONS:
    EXPECTED.update(_module.EXPECTED)

# Pages that send a permitted person back when there is nothing for them to do (this world's
# cohort already has a framework, so there is no standard one to load).
REDIRECT_ON_GET = frozenset({"programme:framework-load-standard"}).union(
    *(getattr(module, "REDIRECT_ON_GET", ()) for module in EXTENSIONS)
)


def url_params(patterns=None, namespace=None, params=()):
    """Every named URL of ours with the names of its parameters."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for entry in patterns:
        own = tuple(getattr(entry.pattern, "converters", {}))
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # the Django admin guards itself: support staff only
            yield from url_params(entry.url_patterns, entry.namespace or namespace, params + own)
        elif isinstance(entry, URLPattern) and entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), params + own


URL_PARAMS = dict(url_params())


def build_world() -> dict:
    """A cohort with rules, partnership A (ours) and B (someone else's), and their people.

    The ``world`` fixture (tests/conftest.py) builds it once for a module, with uploads kept
    in a folder of the module's own.
    """
    cohort = CohortFactory(number=7, name="Cohort 7", status=CohortStatus.DRAFT)
    framework_load_standard(actor=None, cohort=cohort)
    milestone_save(
        actor=None,
        cohort=cohort,
        kind=MilestoneKind.APPLICATION_WINDOW,
        starts_on=datetime.date(2027, 3, 1),
        ends_on=datetime.date(2027, 4, 1),
    )
    rate = funding_rate_add(
        actor=None, cohort=cohort, label="Bursary", basis="per_trainee", amount_pence=1_983_300
    )
    rules = cohort.current_rules
    lead = AuthorityFactory(name="Lead Borough")
    member = AuthorityFactory(name="Member Borough")
    university = UniversityFactory(name="Our University")
    ours = PartnershipFactory(
        cohort=cohort,
        name="Ours",
        code="OURS",
        lead_authority=lead,
        status=PartnershipStatus.DRAFT,
        places=[("Lead Borough", 4), ("Member Borough", 3)],
    )
    PartnershipUniversityFactory(partnership=ours, university=university)
    theirs = PartnershipFactory(
        cohort=cohort, name="Theirs", code="THEM", lead_authority=AuthorityFactory(name="Far")
    )
    memorandum = memorandum_upload(
        actor=None,
        partnership=ours,
        file=SimpleUploadedFile("mou.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
        signed_on=datetime.date(2026, 1, 5),
        review_on=datetime.date(2027, 1, 5),
    )
    people = {
        ADMIN: person_with_role(Role.NATIONAL_ADMIN),
        ANALYST: person_with_role(Role.NATIONAL_ANALYST),
        CONTRACTOR: person_with_role(Role.CONTRACTOR),
        COORD: person_with_role(Role.COORDINATOR, organisation=lead),
        OTHER_COORD: person_with_role(Role.COORDINATOR, organisation=theirs.lead_authority),
        OFFICER: person_with_role(Role.AUTHORITY_OFFICER, organisation=member),
        TUTOR: person_with_role(Role.UNIVERSITY_TUTOR, organisation=university),
        ASSESSOR: person_with_role(Role.ASSESSOR, organisation=member),
        SU_ASSESSOR: person_with_role(Role.SERVICE_USER_ASSESSOR, organisation=member),
        CANDIDATE: CandidateFactory(),
        OTHER_CANDIDATE: CandidateFactory(),
    }
    subject = people[OFFICER]
    invitation = Invitation.objects.create(
        email="new.person@example.org",
        full_name="New Person",
        organisation=member,
        role=Role.ASSESSOR,
        invited_by=people[ADMIN],
    )
    kwargs = {
        "core": {},
        "accounts": {
            "pk": subject.pk,
            "membership_pk": Membership.objects.get(user=subject).pk,
            "token": invitation.token,
        },
        "programme": {
            "number": cohort.number,
            "to_status": CohortStatus.OPEN_FOR_BIDS,
            "kind": MilestoneKind.APPLICATION_WINDOW,
        },
        "partnerships": {"pk": ours.pk, "memorandum_id": memorandum.pk, "action": "submit"},
    }
    variation = Variation.objects.create(
        partnership=ours,
        kind=Variation.Kind.MEMBERS,
        proposed=[[lead.pk, 5], [member.pk, 3]],
        description="Lead Borough: 4 places to 5",
        requested_by=people[COORD],
    )
    per_url = {
        "partnerships:variation-detail": {"pk": ours.pk, "variation_pk": variation.pk},
        "accounts:organisation-detail": {"pk": lead.pk},
        "programme:funding-rate-update": {"pk": rate.pk},
        "programme:funding-rate-remove": {"pk": rate.pk},
        "programme:criterion-update": {"pk": rules.criteria.first().pk},
        "programme:criterion-remove": {"pk": rules.criteria.first().pk},
        "programme:exercise-update": {"pk": rules.exercises.first().pk},
        "programme:exercise-remove": {"pk": rules.exercises.first().pk},
    }
    world = {
        "people": people,
        "kwargs": kwargs,
        "per_url": per_url,
        "cohort": cohort,
        "partnership": ours,
        "other_partnership": theirs,
    }
    for module in EXTENSIONS:
        module.extend_world(world)
    return world


def url_for(world, name: str) -> str:
    namespace = name.split(":")[0]
    values = {**world["kwargs"].get(namespace, {}), **world["per_url"].get(name, {})}
    return reverse(name, kwargs={key: values[key] for key in URL_PARAMS[name]} or None)


def client_for(world, persona: str) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    if persona != ANON:
        response = sign_in_through_form(client, world["people"][persona])
        assert response.status_code == 302, f"{persona} could not sign in"
    return client


def someone_allowed(name: str) -> str:
    """A persona allowed to use the page, staff before candidates before anyone."""
    from tests.personas import PERSONAS

    allowed = EXPECTED[name]
    for persona in PERSONAS:
        if persona in allowed and persona != ANON:
            return persona
    return ANON
