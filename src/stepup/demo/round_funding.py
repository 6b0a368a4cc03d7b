"""The demonstration round's money (ADR 0017): each partnership has its grant and an
instalment schedule, the first instalment released about three months ago, and a ledger
with a few months of entries since; Surrey and South London's second instalment waits for
its evidence, and the Learn Together Partnership's evidence for its second waits for the
national team."""

import datetime

from stepup.accounts.models import User
from stepup.demo import data
from stepup.funding import services as funding
from stepup.funding.models import EntryKind, Evidence, financial_year
from stepup.funding.queries import grant_of
from stepup.partnerships.models import PartnershipAuthority

# (milestone, share of the grant in per cent, the evidence it needs)
SCHEDULE = (
    (Evidence.APPROVED, 40, "The memorandum of understanding, signed by every authority"),
    (Evidence.ENROLLED, 30, "The university's list of trainees enrolled"),
    (Evidence.MIDPOINT, 20, "The progress review of every trainee at the mid-point"),
    (Evidence.COMPLETION, 10, "The list of trainees who completed, with their awards"),
)


def funding_load(*, partnerships: dict, clock) -> None:
    admin = User.objects.get(email=f"national.admin@{data.EMAIL_DOMAIN}")
    today = clock.today
    for code, partnership in sorted(partnerships.items()):
        if partnership.instalments.exists():
            continue  # loaded before
        coordinator = partnership.coordinator
        grant = grant_of(partnership).current_pence
        year = financial_year(today)
        with clock.at(80, 10):
            instalments = [
                funding.instalment_add(
                    actor=admin,
                    partnership=partnership,
                    milestone=milestone,
                    year=year + (0 if index < 2 else 1),
                    amount_pence=grant * share // 100,
                    evidence_needed=evidence,
                )
                for index, (milestone, share, evidence) in enumerate(SCHEDULE)
            ]
        first = instalments[0]
        with clock.at(78, 11):
            funding.instalment_submit(
                actor=coordinator,
                instalment=first,
                evidence="Memorandum signed by all the member authorities, sent on 1 August",
            )
        with clock.at(76, 15):
            funding.instalment_accept(actor=admin, instalment=first)
            funding.instalment_release(
                actor=admin,
                instalment=first,
                amount_pence=first.amount_pence,
                paid_on=today - datetime.timedelta(days=76),
            )
        _spend(partnership, coordinator, clock)
        if code == "LTP":
            with clock.at(3, 16):
                funding.instalment_submit(
                    actor=coordinator,
                    instalment=instalments[1],
                    evidence="The University of Chester's enrolment list, sent on Monday",
                )


def _spend(partnership, coordinator, clock) -> None:
    """Transfers to each member authority for the trainees it will host, and a month of
    administration in each of the last three."""
    today = clock.today
    members = list(
        PartnershipAuthority.objects.filter(partnership=partnership, places__gt=0)
        .exclude(authority=partnership.lead_authority)
        .select_related("authority")
    )
    with clock.at(60, 10):
        for member in members:
            funding.entry_post(
                actor=coordinator,
                partnership=partnership,
                kind=EntryKind.TRANSFER,
                amount_pence=member.places * 175_000,
                paid_on=today - datetime.timedelta(days=60),
                authority_id=member.authority_id,
                description=f"Placement supervision for {member.places} places, first half",
            )
    for days_ago in (62, 32, 2):
        with clock.at(days_ago, 9):
            day = today - datetime.timedelta(days=days_ago)
            funding.entry_post(
                actor=coordinator,
                partnership=partnership,
                kind=EntryKind.ADMINISTRATION,
                amount_pence=200_000,
                paid_on=day,
                authority_id=partnership.lead_authority_id,
                description=f"Programme coordinator's time, {day:%B %Y}",
            )
