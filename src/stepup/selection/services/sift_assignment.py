"""Giving an application's next sift mark to a particular sifter: the sift is a
shared queue, but whoever runs it can keep an application for one person, move it to
another or put it back, always with a reason in the audit trail."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from stepup.accounts.models import User
from stepup.applications.models import WAITING_FOR_A_SIFT_MARK, Application
from stepup.core.audit import audit_record
from stepup.core.models import AuditEntry
from stepup.core.tasks import email_later

ASSIGN_REASON_MAX = 1000
SHARED_QUEUE = "the shared queue"
NOT_WAITING = (
    "This application is not waiting for a sift mark, so there is no mark to give to a sifter"
)
NOT_YOURS_TO_ASSIGN = "You cannot choose who sifts this application"


def _holder(person: User | None) -> str:
    return person.full_name or person.email if person is not None else SHARED_QUEUE


def sift_assign(
    *, actor, application: Application, sifter: User | None, reason: str
) -> Application:
    """Keep the application's next mark for ``sifter``, or put it back in the shared queue
    (``None``). The sifter must be someone who may give that mark; they are emailed."""
    from stepup.selection.queries import may_assign_sift, sift_pool_of

    reason = (reason or "").strip()
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("sift_assignee")
            .filter(pk=application.pk)
            .first()
        )
        if locked is None or not may_assign_sift(actor, locked):
            raise ValidationError(NOT_YOURS_TO_ASSIGN)
        if not Application.objects.filter(WAITING_FOR_A_SIFT_MARK, pk=locked.pk).exists():
            raise ValidationError(NOT_WAITING)
        before = locked.sift_assignee
        errors: dict[str, str] = {}
        if sifter is None and before is None:
            errors["sifter"] = "It is already in the shared queue: choose the sifter to give it to"
        elif sifter is not None and before is not None and sifter.pk == before.pk:
            errors["sifter"] = (
                f"It is already kept for {_holder(before)}: choose someone else, "
                "or the shared queue"
            )
        elif sifter is not None and not (
            sifter.is_active and sift_pool_of(sifter).filter(pk=locked.pk).exists()
        ):
            errors["sifter"] = (
                "Choose someone who may sift this application and has not marked it already"
            )
        if not reason:
            errors["reason"] = "Enter why you are changing who sifts it"
        elif len(reason) > ASSIGN_REASON_MAX:
            errors["reason"] = f"The reason must be {ASSIGN_REASON_MAX:,} characters or fewer"
        if errors:
            raise ValidationError(errors)
        locked.sift_assignee = sifter
        locked.save(update_fields=["sift_assignee", "updated_at"])
        audit_record(
            actor=actor,
            record=locked,
            action=AuditEntry.Action.CHANGED,
            summary=f"Sift given to {_holder(sifter)}",
            changes=[{"field": "Sifter", "before": _holder(before), "after": _holder(sifter)}],
            reason=reason,
            event="sift.assigned",
            values={"sift_assignee": [before.pk if before else None, sifter and sifter.pk]},
        )
        if sifter is not None:
            email_later(
                to=sifter.email,
                subject=f"Application {locked.reference} is waiting for your sift mark",
                body=(
                    f"Dear {sifter.full_name or 'sifter'},\n\n"
                    f"Application {locked.reference} has been given to you to sift. It is "
                    "in your list of applications to sift, and only you can mark it now.\n\n"
                    f"Sign in at {settings.SERVICE_URL}/ to find it.\n\nThe Step Up team"
                ),
            )
    return locked
