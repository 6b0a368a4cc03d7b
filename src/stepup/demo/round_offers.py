"""The demonstration round's first wave of offers (ADR 0016).

Surrey and South London ranked the candidates of its first centre day; the national team
ran the allocation and confirmed it; the coordinator made the offers. Four accepted: the
first has had every check and is unconditional, with an agreement sent; Croydon has made
two of the second's checks; the others wait. The fifth declined, and the place went to the
partnership's reserve, whose offer is waiting for an answer. Each step is the service a
person would use, at its own moment in the round.
"""

import datetime
from collections import Counter

from stepup.accounts.models import User
from stepup.applications.models import Application
from stepup.assessment import services as assessment
from stepup.demo import data
from stepup.offers import services as offers
from stepup.offers.models import ConditionKind, ConditionStatus, Offer, OfferStatus
from stepup.partnerships.models import Partnership

BURSARY_PENCE = 1_983_300
REPAYMENT = (
    "If you leave the programme before its end, you repay the bursary you have received, "
    "unless the partnership agrees that you left for a reason outside your control."
)
# Days ago each first-wave candidate answered, in the allocation's order: four accept and
# the fifth declines.
ANSWERS = ((8, "accept"), (7, "accept"), (6, "accept"), (5, "accept"), (4, "decline"))


def first_wave_offers(*, cohort, partnership: Partnership, clock, created: Counter) -> None:
    """``clock.at(days_ago, hour)`` moves the clock; ``partnership`` has just washed up its
    first centre day."""
    at = clock.at
    coordinator = partnership.coordinator
    admin = User.objects.get(email=f"national.admin@{data.EMAIL_DOMAIN}")
    officer = User.objects.get(email=f"authority.officer@{data.EMAIL_DOMAIN}")
    tutor = User.objects.get(email=f"university.tutor@{data.EMAIL_DOMAIN}")
    with at(15, 11):
        assessment.ranking_confirm(actor=coordinator, cohort=cohort, partnership=partnership)
    with at(12, 10):
        run = offers.allocation_dry_run(actor=admin, cohort=cohort)
    with at(11, 9):
        offers.allocation_confirm(actor=admin, run=run)
    with at(10, 14):
        offers.terms_save(
            actor=coordinator,
            partnership=partnership,
            bursary_pence=BURSARY_PENCE,
            repayment_terms=REPAYMENT,
        )
    with at(9, 10):
        made = offers.offers_make(actor=coordinator, partnership=partnership)
    ranking = run.inputs["programmes"]
    order = next(p["ranking"] for p in ranking if p["code"] == partnership.code)
    made.sort(key=lambda offer: order.index(offer.application.reference))
    for offer, (days_ago, answer) in zip(made, ANSWERS, strict=False):
        candidate = Application.objects.get(pk=offer.application_id).candidate
        with at(days_ago, 19):
            if answer == "accept":
                offers.offer_accept(actor=candidate, offer=offer)
            else:
                offers.offer_decline(actor=candidate, offer=offer)
    created["offers"] += Offer.objects.filter(partnership=partnership).count()
    _checks(made, coordinator=coordinator, officer=officer, tutor=tutor, clock=clock)


def _checks(made: list[Offer], *, coordinator, officer, tutor, clock) -> None:
    """The first to accept has every check made, and so an agreement, sent two days ago; at
    the next the host authority has made two checks."""
    at = clock.at
    first, second = (Offer.objects.get(pk=offer.pk) for offer in made[:2])
    with at(4, 11):
        for condition in first.conditions.order_by("pk"):
            checker = (
                tutor
                if condition.kind == ConditionKind.CERTIFICATES
                else _owner_of(condition, coordinator=coordinator, officer=officer)
            )
            offers.condition_meet(
                actor=checker, condition=condition, evidence=EVIDENCE[condition.kind]
            )
    first.refresh_from_db()
    if first.status == OfferStatus.UNCONDITIONAL:
        with at(2, 15):
            offers.agreement_record(
                actor=coordinator,
                agreement=first.agreement,
                sent_on=clock.today - datetime.timedelta(days=2),
                signed_on=None,
            )
    with at(3, 10):
        for condition in second.conditions.filter(
            kind__in=(ConditionKind.DBS, ConditionKind.IDENTITY),
            status=ConditionStatus.OUTSTANDING,
        ):
            offers.condition_meet(
                actor=_owner_of(condition, coordinator=coordinator, officer=officer),
                condition=condition,
                evidence=EVIDENCE[condition.kind],
            )


def _owner_of(condition, *, coordinator, officer):
    """Whoever works at the authority that owns the check: the demo's officer at Croydon,
    the coordinator at Bromley."""
    return officer if "Croydon" in condition.owner.name else coordinator


EVIDENCE = {
    ConditionKind.DBS: "Enhanced certificate 001987654321, issued with no information added",
    ConditionKind.REFERENCES: "Two references received: a current employer and a volunteer lead",
    ConditionKind.RIGHT_TO_WORK: "British passport seen and copied",
    ConditionKind.CERTIFICATES: "Degree certificate and GCSE results slip seen in the original",
    ConditionKind.IDENTITY: "Passport and a utility bill seen at the interview",
    ConditionKind.HEALTH: "Occupational health questionnaire cleared with no adjustments",
}
