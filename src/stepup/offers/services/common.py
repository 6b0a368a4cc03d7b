"""What the offer services share: who may act, whether the cohort still recruits, deadlines,
and making one offer."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from stepup.accounts.roles import Role
from stepup.core.audit import audit_record
from stepup.core.models import AuditEntry
from stepup.core.tasks import email_later
from stepup.offers import queries
from stepup.offers.models import (
    ConditionKind,
    Offer,
    OfferStatus,
    Route,
)
from stepup.programme.models import Cohort

NATIONAL_ONLY = "Only the national programme team can do this"
CLOSED = "Recruitment to this cohort has closed, so no more offers can be made"
# The conditions every accepted offer carries; the university checks certificates, the
# host authority everything else.
UNIVERSITY_CHECKS = frozenset({ConditionKind.CERTIFICATES})


def admin_only(actor) -> None:
    if actor is None or not actor.has_role(Role.NATIONAL_ADMIN):
        raise ValidationError(NATIONAL_ONLY)


def still_recruiting(cohort: Cohort) -> None:
    if queries.is_closed(cohort):
        raise ValidationError(CLOSED)


def respond_by(days: int, *, now: datetime.datetime | None = None) -> datetime.datetime:
    """The end of the day ``days`` days from now, in UK time."""
    day = timezone.localdate(now or timezone.now()) + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59)))


def offer_create(
    *, application, partnership, host_id, route, actor, run=None, replaces=None, made=False
) -> Offer:
    now = timezone.now()
    fields = {}
    if made:
        terms = queries.terms_for(partnership)
        fields = {"made_at": now, "respond_by": respond_by(terms.respond_within_days, now=now)}
    try:
        with transaction.atomic():
            offer = Offer.objects.create(
                application=application,
                partnership=partnership,
                host_id=host_id,
                route=route,
                run=run,
                replaces=replaces,
                status=OfferStatus.MADE if made else OfferStatus.PROPOSED,
                **fields,
            )
    except IntegrityError:
        raise ValidationError(
            f"{application.reference} already has an offer waiting for an answer"
        ) from None
    audit_record(
        actor=actor,
        record=offer,
        action=AuditEntry.Action.CREATED,
        summary=(
            f"Offered a place at {partnership.code} ({Route(route).label.lower()})"
            if made
            else f"Placed at {partnership.code} by the allocation"
        ),
        event="offer.made" if made else "offer.proposed",
    )
    if made:
        offer_email(offer)
    return offer


def offer_email(offer: Offer) -> None:
    application = offer.application
    email_later(
        to=application.candidate.email,
        subject=f"You have been offered a place: application {application.reference}",
        body=(
            f"Dear {application.full_name or 'applicant'},\n\n"
            f"We are pleased to offer you a place with {offer.partnership.name}, hosted by "
            f"{offer.host}. Please sign in to accept or decline it by "
            f"{timezone.localtime(offer.respond_by):%-d %B %Y}. If you do not answer by then, "
            "the place will go to someone else.\n\nThe Step Up team"
        ),
    )
