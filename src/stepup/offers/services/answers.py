"""Making offers and their answers: the coordinator's host authorities, the candidate's accept
or decline, lapsing at the deadline, withdrawal."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from stepup.core.audit import audit_record
from stepup.core.models import AuditEntry
from stepup.core.tasks import email_later
from stepup.offers import queries
from stepup.offers.lifecycle import OFFER_LIFECYCLE
from stepup.offers.models import (
    HOLDING,
    LIVE,
    Condition,
    ConditionKind,
    Offer,
    OfferStatus,
    Place,
)
from stepup.offers.services.common import (
    UNIVERSITY_CHECKS,
    offer_email,
    respond_by,
    still_recruiting,
)
from stepup.offers.services.reserves import place_cascade
from stepup.partnerships.models import (
    Partnership,
    PartnershipAuthority,
    PartnershipUniversity,
    UniversityRole,
)

# The coordinator places candidates with host authorities and makes the offers.


def offer_host_change(*, actor, offer: Offer, host_id: int) -> Offer:
    """Place a candidate with another member authority, before the offer is made."""
    if not queries.may_change(actor, offer):
        raise ValidationError("You cannot change this partnership's offers")
    if offer.status != OfferStatus.PROPOSED:
        raise ValidationError("The offer has been made, so its host authority cannot change")
    member = PartnershipAuthority.objects.filter(
        partnership=offer.partnership, authority_id=host_id
    ).first()
    if member is None:
        raise ValidationError("Choose one of the partnership's member authorities")
    hosting = Offer.objects.filter(
        partnership=offer.partnership, host_id=host_id, status__in=LIVE
    ).exclude(pk=offer.pk)
    if hosting.count() >= member.places:
        raise ValidationError(
            f"{member.authority} has {member.places} places and all are taken: "
            "choose another authority"
        )
    before = offer.host
    offer.host_id = host_id
    offer.save(update_fields=["host"])
    audit_record(
        actor=actor,
        record=offer,
        action=AuditEntry.Action.CHANGED,
        summary=f"Host authority changed from {before} to {member.authority}",
        event="offer.host_changed",
    )
    return offer


def offers_make(*, actor, partnership: Partnership) -> list[Offer]:
    """Make every proposed offer of the partnership: the candidates are told and have the
    partnership's number of days to answer. Then any place left goes to reserves."""
    if not queries.may_change_partnership(actor, partnership):
        raise ValidationError("You cannot make this partnership's offers")
    still_recruiting(partnership.cohort)
    terms = queries.terms_for(partnership)
    proposed = list(
        Offer.objects.filter(partnership=partnership, status=OfferStatus.PROPOSED)
        .select_related("application__candidate", "partnership", "host")
        .order_by("pk")
    )
    if not proposed:
        raise ValidationError("There are no offers waiting to be made")
    now = timezone.now()
    with transaction.atomic():
        for offer in proposed:
            OFFER_LIFECYCLE.move(
                record=offer,
                target=OfferStatus.MADE,
                actor=actor,
                summary=f"Offer made, hosted by {offer.host}",
                fields={
                    "made_at": now,
                    "respond_by": respond_by(terms.respond_within_days, now=now),
                },
                in_scope=True,
            )
            offer_email(offer)
        place_cascade(partnership=partnership, actor=actor)
    return proposed


# The candidate answers.


def _candidates_own(actor, offer: Offer) -> None:
    if actor is None or offer.application.candidate_id != actor.pk:
        raise ValidationError("This is not your offer")


def _in_time(offer: Offer, now: datetime.datetime) -> None:
    if offer.status == OfferStatus.MADE and offer.respond_by and now > offer.respond_by:
        offer_lapse(offer=offer)
        raise ValidationError(
            "The time to answer this offer has passed, so the place has gone to someone else"
        )


def _places_ensure(partnership: Partnership) -> None:
    """A row for every place each member authority hosts (the partnership row is locked)."""
    have = set(Place.objects.filter(partnership=partnership).values_list("authority_id", "number"))
    Place.objects.bulk_create(
        Place(partnership=partnership, authority_id=member.authority_id, number=number)
        for member in PartnershipAuthority.objects.filter(partnership=partnership)
        for number in range(1, member.places + 1)
        if (member.authority_id, number) not in have
    )


def _place_free(offer: Offer) -> Place | None:
    """A place nobody holds, at the offer's host authority if it has one."""
    held = Offer.objects.filter(partnership=offer.partnership, status__in=HOLDING).values(
        "place_id"
    )
    free = Place.objects.filter(
        partnership=offer.partnership,
        authority__partnership_memberships__partnership=offer.partnership,
    ).exclude(pk__in=held)
    return (
        free.filter(authority=offer.host).order_by("number").first()
        or free.order_by("authority__name", "number").first()
    )


def offer_accept(*, actor, offer: Offer, now: datetime.datetime | None = None) -> Offer:
    """The candidate accepts: the offer takes a place, if one is still free, and lists the
    conditions that must be met. The partnership's row is locked first, so two candidates
    accepting its last place at once are taken one after the other; the second finds it
    gone. The database's constraint refuses a second holder whatever the code does."""
    now = now or timezone.now()
    _candidates_own(actor, offer)
    _in_time(offer, now)
    try:
        with transaction.atomic():
            Partnership.objects.select_for_update().get(pk=offer.partnership_id)
            _places_ensure(offer.partnership)
            place = _place_free(offer)
            if place is None:
                raise ValidationError(
                    "We are sorry: the last place has just been taken by someone else"
                )
            OFFER_LIFECYCLE.move(
                record=offer,
                target=OfferStatus.ACCEPTED,
                actor=actor,
                is_candidate=True,
                summary="Offer accepted",
                fields={"place": place, "responded_at": now},
            )
            _conditions_create(offer)
    except IntegrityError:
        raise ValidationError(
            "We are sorry: the last place has just been taken by someone else"
        ) from None
    return offer


def _conditions_create(offer: Offer) -> None:
    university = (
        PartnershipUniversity.objects.filter(partnership=offer.partnership)
        .order_by(
            # The university that admits trainees checks their certificates.
            "-role",
        )
        .exclude(role=UniversityRole.DELIVERY)
        .first()
        or PartnershipUniversity.objects.filter(partnership=offer.partnership).first()
    )
    Condition.objects.bulk_create(
        Condition(
            offer=offer,
            kind=kind,
            owner_id=(
                university.university_id
                if kind in UNIVERSITY_CHECKS and university is not None
                else offer.host_id
            ),
        )
        for kind in ConditionKind.values
    )


def _close(offer: Offer, target: str, *, by=None, **move) -> Offer:
    """End an offer through its lifecycle and offer its place to the next reserve, in one
    transaction; ``by`` is who the cascade's offers are recorded as made by."""
    with transaction.atomic():
        OFFER_LIFECYCLE.move(record=offer, target=target, **move)
        place_cascade(partnership=offer.partnership, replaces=offer, actor=by)
    return offer


def offer_decline(*, actor, offer: Offer, now: datetime.datetime | None = None) -> Offer:
    """The candidate declines (or turns down a place they had accepted): the place goes to
    the next reserve."""
    now = now or timezone.now()
    _candidates_own(actor, offer)
    _in_time(offer, now)
    return _close(
        offer,
        OfferStatus.DECLINED,
        by=actor,
        actor=actor,
        is_candidate=True,
        summary="Offer declined",
        fields={"responded_at": now},
    )


def offer_lapse(*, offer: Offer) -> Offer:
    """A missed deadline is a decline: the service lapses the offer and the place goes on."""
    return _close(
        offer,
        OfferStatus.LAPSED,
        actor=None,
        summary="Not answered by the deadline: treated as declined",
    )


def offers_lapse_due(*, now: datetime.datetime | None = None) -> int:
    """Lapse every offer whose deadline has passed: run daily, and whenever it matters."""
    now = now or timezone.now()
    due = list(Offer.objects.filter(status=OfferStatus.MADE, respond_by__lt=now))
    for offer in due:
        offer_lapse(offer=offer)
    return len(due)


def offer_withdraw(*, actor, offer: Offer, reason: str) -> Offer:
    """Withdraw an offer, such as when a check finds a discrepancy: the reason is kept and
    the place goes to the next reserve."""
    with transaction.atomic():
        _close(
            offer,
            OfferStatus.WITHDRAWN,
            by=actor,
            actor=actor,
            reason=reason,
            in_scope=queries.may_change(actor, offer),
            summary="Offer withdrawn",
            fields={"closing_reason": reason.strip()},
        )
        application = offer.application
        email_later(
            to=application.candidate.email,
            subject=f"Your offer of a place has been withdrawn: application "
            f"{application.reference}",
            body=(
                f"Dear {application.full_name or 'applicant'},\n\nWe are sorry: your offer of a "
                f"place with {offer.partnership.name} has been withdrawn. The partnership will "
                "contact you to explain why.\n\nThe Step Up team"
            ),
        )
    return offer


WITHDREW = "The candidate withdrew their application"


def offers_withdraw_with_application(*, application, candidate) -> list[Offer]:
    """The candidate withdrew their application: any live offer goes with it, and its place
    to the next reserve."""
    live = list(Offer.objects.filter(application=application, status__in=LIVE))
    for offer in live:
        _close(
            offer,
            OfferStatus.WITHDRAWN,
            actor=None,
            caused_by=candidate,
            reason=WITHDREW,
            summary="Offer withdrawn with the application",
            fields={"closing_reason": WITHDREW},
        )
    return live
