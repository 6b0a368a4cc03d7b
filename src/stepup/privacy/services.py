"""Erasing personal data: the retention schedule (docs/data-retention.md) and requests.

Erasure anonymises rather than deletes: the application row keeps its reference, status,
cohort, partnership and the equality answers the statistics count, so reports and the
audit trail keep their shape. Audit entries and status changes are never changed; each
erasure adds a new entry.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from stepup.accounts.lifecycle import PERSON_LIFECYCLE, PersonStatus
from stepup.accounts.models import User
from stepup.accounts.roles import Role
from stepup.accounts.throttle import failures_prune
from stepup.applications.equality_privacy import equality_free_text_erase
from stepup.applications.models import (
    Application,
    ApplicationStatus,
    Document,
    Experience,
)
from stepup.assessment.services import centre_records_erase
from stepup.core.audit import audit_record
from stepup.core.models import AuditEntry
from stepup.privacy.export import export_archive
from stepup.privacy.lifecycle import DATA_REQUEST_LIFECYCLE
from stepup.privacy.models import DataRequest, DataRequestStatus, ErasedApplication
from stepup.privacy.queries import retention_due
from stepup.selection.services import application_notes_erase

ERASED_NAME = "Erased person"
ERASED_DOMAIN = "erased.invalid"

# Everything a candidate typed about themselves on the application.
APPLICATION_PERSONAL_FIELDS = {
    "full_name": "",
    "phone": "",
    "address_line_1": "",
    "address_line_2": "",
    "town": "",
    "postcode": "",
    "right_to_work_details": "",
    "degree_subject": "",
    "degree_institution": "",
    "degree_year": None,
    "gcse_english_equivalent": "",
    "gcse_maths_equivalent": "",
    "answer_q1": "",
    "answer_q2": "",
    "answer_q3": "",
    "criminal_record_details": "",
    "has_criminal_record": None,
    "withdrawal_reason": "",
}


class ErasureRefused(Exception):
    """Why this person or application cannot be erased, in plain English."""


@dataclass
class RetentionReport:
    dry_run: bool
    applications: list[str] = field(default_factory=list)
    people: int = 0
    documents: int = 0
    task_results: int = 0
    sign_in_failures: int = 0

    def lines(self) -> list[str]:
        verb = "Would erase" if self.dry_run else "Erased"
        pruned = "Would delete" if self.dry_run else "Deleted"
        return [
            f"{verb} the personal data of {len(self.applications)} applications",
            *(f"  {reference}" for reference in self.applications),
            f"{verb} {self.people} candidate accounts",
            f"{verb} {self.documents} uploaded documents",
            f"{pruned} {self.task_results} finished task results",
            *(
                [f"Deleted {self.sign_in_failures} old failed sign-in records"]
                if not self.dry_run
                else []
            ),
        ]


def person_erase(*, person: User, actor, why: str) -> None:
    """Anonymise a candidate's account: no name, an address nobody receives, no password,
    no sign-in. Refused for anyone with a staff role."""
    if person.is_staff or person.is_superuser or person.memberships.exists():
        raise ErasureRefused("This person has staff roles; remove them before erasing.")
    if person.email.endswith(f"@{ERASED_DOMAIN}"):
        return
    person.full_name = ERASED_NAME
    person.email = f"erased-{person.pk}@{ERASED_DOMAIN}"
    person.password = make_password(None)
    person.email_verified_at = None
    person.save(update_fields=["full_name", "email", "password", "email_verified_at"])
    if person.is_active:
        PERSON_LIFECYCLE.move(
            record=person,
            target=PersonStatus.DEACTIVATED,
            actor=actor,
            summary="Deactivated an erased account",
            reason=why,
        )
    audit_record(
        actor=actor,
        record=person,
        action=AuditEntry.Action.REMOVED,
        summary="Erased the person's name, email address and password",
        event="privacy.person_erased",
        reason=why,
    )


def application_erase(*, application: Application, actor, why: str) -> int:
    """Blank the application's personal data, delete its experience and documents (files
    too); returns how many documents were deleted. Idempotent."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if ErasedApplication.objects.filter(application=application).exists():
        return 0
    for name, blank in APPLICATION_PERSONAL_FIELDS.items():
        setattr(application, name, blank)
    application.save(update_fields=[*APPLICATION_PERSONAL_FIELDS, "updated_at"])
    Experience.objects.filter(application=application).delete()
    documents = list(Document.objects.filter(application=application))
    for document in documents:
        stored = document.file.name
        storage = document.file.storage
        document.delete()
        transaction.on_commit(lambda s=storage, n=stored: s.delete(n) if n else None)
    equality_free_text_erase(application=application)
    application_notes_erase(application=application)
    centre_records_erase(application=application)
    ErasedApplication.objects.create(application=application, why=why[:40])
    audit_record(
        actor=actor,
        record=application,
        action=AuditEntry.Action.REMOVED,
        summary=f"Erased personal data; {len(documents)} documents deleted",
        event="privacy.application_erased",
        reason=why,
    )
    return len(documents)


def task_results_prune(*, now: datetime.datetime, dry_run: bool) -> int:
    """Finished task results older than the schedule allows (they hold email bodies)."""
    days = settings.RETENTION_TASK_RESULT_DAYS
    old = DBTaskResult.objects.filter(finished_at__lt=now - datetime.timedelta(days=days))
    if dry_run:
        return old.count()
    deleted, _ = old.delete()
    return deleted


def retention_apply(*, dry_run: bool, now: datetime.datetime | None = None) -> RetentionReport:
    """One run of the schedule; each application erased in its own transaction, so a
    failure leaves the others done and the run can simply be repeated."""
    now = now or timezone.now()
    report = RetentionReport(dry_run=dry_run)
    for application in retention_due(today=timezone.localdate(now)):
        report.applications.append(application.reference)
        candidate = application.candidate
        person_due = (
            candidate is not None
            and not candidate.is_staff_member
            and not candidate.email.endswith(f"@{ERASED_DOMAIN}")
            and not Application.objects.filter(candidate=candidate)
            .exclude(pk=application.pk)
            .exclude(pk__in=ErasedApplication.objects.values("application"))
            .exists()
        )
        if dry_run:
            report.documents += Document.objects.filter(application=application).count()
            report.people += int(person_due)
            continue
        with transaction.atomic():
            report.documents += application_erase(
                application=application, actor=None, why="retention schedule"
            )
            if person_due:
                person_erase(person=candidate, actor=None, why="retention schedule")
                report.people += 1
    report.task_results = task_results_prune(now=now, dry_run=dry_run)
    if not dry_run:
        report.sign_in_failures = failures_prune()
    return report


def erasure_on_request(*, person: User, actor, why: str) -> list[str]:
    """Erase a candidate who asked: refused while any application is still in progress."""
    if not why.strip():
        raise ErasureRefused("Enter why this person is being erased.")
    applications = list(Application.objects.filter(candidate=person))
    finished = {
        ApplicationStatus.DRAFT,
        ApplicationStatus.WITHDRAWN,
        ApplicationStatus.INELIGIBLE,
        ApplicationStatus.SCREENED_OUT,
    }
    in_progress = [a.reference for a in applications if a.status not in finished]
    if in_progress:
        raise ErasureRefused(
            "An application is still in progress ("
            + ", ".join(in_progress)
            + "); it must be withdrawn first."
        )
    with transaction.atomic():
        person_erase(person=person, actor=actor, why=why)
        for application in applications:
            application_erase(application=application, actor=actor, why="on request")
    return [a.reference for a in applications]


# Data requests (ADR 0021): special-category data leaves in a copy made by staff only when a
# second national admin has approved it, once, within this window of the approval.
DATA_REQUEST_WINDOW = datetime.timedelta(days=7)
NOT_AN_ADMIN = "Only a national admin can do this"


def _require_national_admin(actor: User) -> None:
    if actor is None or not actor.has_role(Role.NATIONAL_ADMIN):
        raise ValidationError(NOT_AN_ADMIN)


def data_request_make(*, actor: User, person: User, why: str) -> DataRequest:
    """Record a national admin's request to export a candidate's special-category data;
    it waits for a second national admin."""
    _require_national_admin(actor)
    if person.is_staff_member:
        raise ValidationError("Only a candidate's data can be asked for here")
    why = (why or "").strip()
    if not why:
        raise ValidationError({"why": "Enter why you need this person's special-category data"})
    with transaction.atomic():
        data_request = DataRequest.objects.create(person=person, why=why, requested_by=actor)
        audit_record(
            actor=actor,
            record=data_request,
            action=AuditEntry.Action.CREATED,
            summary=(
                f"{actor.full_name} asked to export the special-category data of candidate "
                f"(account {person.pk})"
            ),
            reason=why,
            event="data_request.made",
            values={"person": person.pk},
        )
    return data_request


def data_request_decide(
    *, actor: User, data_request: DataRequest, approve: bool, reason: str = ""
) -> DataRequest:
    """A second national admin approves or refuses; the one who asked never can."""
    _require_national_admin(actor)
    if actor.pk == data_request.requested_by_id:
        raise ValidationError(
            {
                "decision": "You asked for this data, so you cannot approve or refuse it. "
                "Ask another national admin"
            }
        )
    if data_request.status != DataRequestStatus.WAITING:
        raise ValidationError(
            {"decision": f"This request is already {data_request.get_status_display().lower()}"}
        )
    target = DataRequestStatus.APPROVED if approve else DataRequestStatus.REFUSED
    DATA_REQUEST_LIFECYCLE.move(
        record=data_request,
        target=target,
        actor=actor,
        reason=reason,
        summary=(
            f"{actor.full_name} {'approved' if approve else 'refused'} data request "
            f"{data_request.pk}, asked for by {data_request.requested_by.full_name}"
        ),
        fields={"decided_by": actor, "decided_at": timezone.now()},
    )
    return data_request


def data_request_lapses_at(*, data_request: DataRequest) -> datetime.datetime | None:
    if data_request.decided_at is None:
        return None
    return data_request.decided_at + DATA_REQUEST_WINDOW


def data_request_export(*, actor: User, data_request: DataRequest) -> bytes:
    """The candidate's data with their special-category data, once, for the national admin
    who asked, within the window of its approval; audited on the request, naming them."""
    _require_national_admin(actor)
    if actor.pk != data_request.requested_by_id:
        raise ValidationError("Only the national admin who asked for this data can download it")
    if data_request.status != DataRequestStatus.APPROVED:
        raise ValidationError(
            f"This request is {data_request.get_status_display().lower()}, so it cannot be "
            "downloaded. Make a new request if you still need this data"
        )
    now = timezone.now()
    if now >= data_request_lapses_at(data_request=data_request):
        DATA_REQUEST_LIFECYCLE.move(
            record=data_request,
            target=DataRequestStatus.LAPSED,
            actor=None,
            summary=f"The approval lapsed unused after {DATA_REQUEST_WINDOW.days} days",
        )
        raise ValidationError(
            f"This approval lapsed {DATA_REQUEST_WINDOW.days} days after it was given. "
            "Make a new request if you still need this data"
        )
    with transaction.atomic():
        DATA_REQUEST_LIFECYCLE.move(
            record=data_request,
            target=DataRequestStatus.EXPORTED,
            actor=actor,
            summary=(
                f"{actor.full_name} exported the data of candidate (account "
                f"{data_request.person_id}) with special-category data, under data request "
                f"{data_request.pk} approved by {data_request.decided_by.full_name}"
            ),
            fields={"exported_at": now},
        )
        content, _ = export_archive(person=data_request.person, special_category=True)
    return content
