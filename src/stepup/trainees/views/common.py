"""What the trainee pages share: who may use them, and finding a trainee of one's own."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from stepup.accounts.roles import Role
from stepup.core.access import roles
from stepup.core.form_flow import form_round_trip
from stepup.trainees import queries

# Staff who share trainees: the national admins, coordinators, host authorities' officers
# and the universities' tutors. Not the national analyst, who sees equality figures and so
# may open no named record (ADR 0022).
SHARERS = roles(
    Role.NATIONAL_ADMIN,
    Role.COORDINATOR,
    Role.AUTHORITY_OFFICER,
    Role.UNIVERSITY_TUTOR,
)
RECORDERS = roles(Role.COORDINATOR, Role.UNIVERSITY_TUTOR)
TUTORS = roles(Role.UNIVERSITY_TUTOR)


def trainee_of(request, pk: int):
    return get_object_or_404(queries.trainees_visible_to(request.user), pk=pk)


def recorded_by(request, pk: int):
    """A trainee whose record the person keeps; "not found" for anyone else's."""
    trainee = trainee_of(request, pk)
    if not queries.may_record(request.user, trainee):
        raise Http404("Not a trainee whose record you keep")
    return trainee


def record_url(trainee) -> str:
    return reverse("trainees:record", kwargs={"pk": trainee.pk})


def to_record(request, trainee, form, action, *, success: str, **page):
    """A form on a trainee's record: the service, then back to the record."""
    return form_round_trip(
        request,
        form,
        action,
        success=success,
        done=record_url(trainee),
        caption=trainee.name,
        back_text="Back to the trainee",
        **page,
    )
