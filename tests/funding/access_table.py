"""The funding pages in the permission walk: "Ours"'s statement and its forms, with an
instalment, a ledger entry and a repayment due."""

import datetime

from stepup.applications.models import ApplicationStatus
from stepup.funding.models import EntryKind, Instalment, LedgerEntry, Repayment
from stepup.offers.models import Offer, OfferStatus, Place, Route
from tests.factories import ApplicationFactory
from tests.personas import ADMIN, COORD, OFFICER, OTHER_COORD

# Statements name trainees: not the national analyst (ADR 0022).
READERS = frozenset({ADMIN, COORD, OFFICER})
OURS = frozenset({ADMIN, COORD})
ONLY_ADMIN = frozenset({ADMIN})

EXPECTED: dict[str, frozenset[str]] = {
    "funding:home": frozenset({ADMIN, COORD, OTHER_COORD, OFFICER}),
    "funding:statement": READERS,
    "funding:statement-csv": READERS,
    "funding:statement-xlsx": READERS,
    "funding:instalment-add": ONLY_ADMIN,
    "funding:payment": OURS,
    "funding:bursaries": OURS,
    "funding:withdrawal": OURS,
    "funding:instalment-evidence": OURS,
    "funding:instalment-decide": ONLY_ADMIN,
    "funding:instalment-release": ONLY_ADMIN,
    "funding:entry-reverse": OURS,
    "funding:repayment": OURS,
}


def extend_world(world) -> None:
    ours, cohort = world["partnership"], world["cohort"]
    member = ours.members.get(authority__name="Member Borough").authority
    instalment = Instalment.objects.create(
        partnership=ours,
        number=1,
        milestone="approved",
        year=2026,
        amount_pence=100_000,
        evidence_needed="The memorandum",
    )
    entry = LedgerEntry.objects.create(
        partnership=ours,
        kind=EntryKind.TRANSFER,
        amount_pence=-50_000,
        paid_on=datetime.date(2026, 6, 1),
        year=2026,
        authority=member,
        description="For Member Borough's trainees",
    )
    application = ApplicationFactory(
        cohort=cohort, rules=cohort.current_rules, status=ApplicationStatus.MET_BENCHMARK
    )
    trainee = Offer.objects.create(
        application=application,
        partnership=ours,
        host=member,
        route=Route.ALLOCATION,
        status=OfferStatus.UNCONDITIONAL,
        place=Place.objects.create(partnership=ours, authority=member, number=2),
    )
    repayment = Repayment.objects.create(
        partnership=ours,
        trainee=trainee,
        withdrawn_on=datetime.date(2026, 6, 1),
        withdrawal_reason="Left",
        basis="all_received",
        due_pence=10_000,
        working="All £100 received",
        recorded_by=world["people"][COORD],
    )
    world["kwargs"]["funding"] = {
        "pk": ours.pk,
        "instalment_pk": instalment.pk,
        "entry_pk": entry.pk,
        "repayment_pk": repayment.pk,
    }
