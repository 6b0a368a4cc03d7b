"""A candidate's download of their own data; a national admin's export of a named
candidate's data (special-category data only through a data request a second national
admin approves, ADR 0021), and erasure on request."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from stepup.accounts.models import User
from stepup.accounts.roles import Role
from stepup.core.access import CANDIDATE, access, roles
from stepup.core.audit import history_for
from stepup.core.decision_form import ApproveOrRefuseForm
from stepup.core.form_flow import posted, service_accepted
from stepup.privacy.export import staff_export, subject_access_export
from stepup.privacy.models import DataRequestStatus
from stepup.privacy.queries import data_requests_recent
from stepup.privacy.services import (
    DATA_REQUEST_WINDOW,
    ErasureRefused,
    data_request_decide,
    data_request_export,
    data_request_lapses_at,
    data_request_make,
    erasure_on_request,
)

ADMIN = roles(Role.NATIONAL_ADMIN)


def _zip(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@access(CANDIDATE)
def my_data(request):
    """A ZIP of everything the service holds about the person signed in."""
    return _zip(
        subject_access_export(person=request.user, actor=request.user), "my-step-up-data.zip"
    )


@access(ADMIN)
def person_data(request, pk: int):
    """A subject access request made to the national team: the ZIP without special-category
    data, audited as the staff member's export; their data requests, to add it."""
    person = get_object_or_404(User, pk=pk)
    if person.is_staff_member:
        return render(request, "privacy/not_a_candidate.html", {"person": person}, status=404)
    if request.method == "POST":
        return _zip(
            staff_export(person=person, actor=request.user),
            f"step-up-data-account-{person.pk}.zip",
        )
    return render(
        request,
        "privacy/person_data.html",
        {"person": person, "data_requests": data_requests_recent().filter(person=person)},
    )


class DataRequestForm(forms.Form):
    why = forms.CharField(
        label="Why do you need their equality answers and health data?",
        help_text=(
            'For example, "Subject access request received by post on 3 December 2026". '
            "A second national admin reads this before deciding."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={
            "required": "Enter why you need this person's special-category data",
            "max_length": "Reason must be 2,000 characters or fewer",
        },
    )


@access(ADMIN)
def data_request_new(request, pk: int):
    """Ask a second national admin to let a copy of a candidate's data include their
    special-category data."""
    person = get_object_or_404(User, pk=pk)
    if person.is_staff_member:
        return render(request, "privacy/not_a_candidate.html", {"person": person}, status=404)
    form = DataRequestForm(*posted(request))
    made = {}

    def make():
        made["request"] = data_request_make(
            actor=request.user, person=person, why=form.cleaned_data["why"]
        )

    if service_accepted(
        request,
        form,
        make,
        success="Your request has been recorded. Another national admin must approve it",
    ):
        return redirect("privacy:data-request-detail", made["request"].pk)
    return render(
        request,
        "privacy/data_request_new.html",
        {"person": person, "form": form, "window_days": DATA_REQUEST_WINDOW.days},
    )


@access(ADMIN)
def data_request_list(request):
    requests = list(data_requests_recent()[:200])
    return render(
        request,
        "privacy/data_request_list.html",
        {
            "waiting": [r for r in requests if r.status == DataRequestStatus.WAITING],
            "others": [r for r in requests if r.status != DataRequestStatus.WAITING],
        },
    )


def _decision_form(request) -> ApproveOrRefuseForm:
    return ApproveOrRefuseForm(
        *posted(request),
        question="Do you approve this request?",
        approve="Yes, let them download this person's special-category data once",
        refuse="No, refuse it",
        subject="the request",
        told="The national admin who asked will see it in the history.",
    )


@access(ADMIN)
def data_request_detail(request, pk: int):
    """The request; a second national admin decides, after a check, as it cannot be
    undone; the one who asked downloads once it is approved."""
    data_request = get_object_or_404(data_requests_recent(), pk=pk)
    form = _decision_form(request)
    asked_by_you = request.user.pk == data_request.requested_by_id
    may_decide = data_request.status == DataRequestStatus.WAITING and not asked_by_you
    if may_decide and request.method == "POST":
        if form.is_valid() and request.POST.get("confirmed") != "yes":
            return render(
                request,
                "privacy/data_request_check.html",
                {"data_request": data_request, "form": form},
            )
        if service_accepted(
            request,
            form,
            lambda: data_request_decide(
                actor=request.user,
                data_request=data_request,
                approve=form.approved,
                reason=form.cleaned_data["reason"],
            ),
            fields={"decision": "decision"},
            success=(
                "You have approved the request"
                if form.data.get("decision") == "approve"
                else "You have refused the request"
            ),
        ):
            return redirect("privacy:data-request-list")
    return render(
        request,
        "privacy/data_request_detail.html",
        {
            "data_request": data_request,
            "form": form,
            "may_decide": may_decide,
            "asked_by_you": asked_by_you,
            "may_download": asked_by_you and data_request.status == DataRequestStatus.APPROVED,
            "lapses_at": data_request_lapses_at(data_request=data_request),
            "window_days": DATA_REQUEST_WINDOW.days,
            "history": history_for(data_request),
        },
    )


@access(ADMIN)
def data_request_download(request, pk: int):
    """The approved copy, with special-category data, for the national admin who asked;
    a refusal (not theirs, used, lapsed) is shown on the request's page."""
    data_request = get_object_or_404(data_requests_recent(), pk=pk)
    if request.method == "POST":
        try:
            content = data_request_export(actor=request.user, data_request=data_request)
        except ValidationError as refused:
            for message in refused.messages:
                messages.error(request, message)
        else:
            return _zip(content, f"step-up-data-account-{data_request.person_id}-full.zip")
    return redirect("privacy:data-request-detail", data_request.pk)


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label="Why are you erasing this person's data?",
        help_text="For example, the date and way they asked. This goes in the audit trail.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={
            "required": "Enter why you are erasing this person's data",
            "max_length": "Reason must be 2,000 characters or fewer",
        },
    )
    confirm = forms.BooleanField(
        label="I understand that this cannot be undone",
        error_messages={"required": "Confirm that you understand this cannot be undone"},
    )


@access(ADMIN)
def person_erase(request, pk: int):
    person = get_object_or_404(User, pk=pk)
    if person.is_staff_member:
        return render(request, "privacy/not_a_candidate.html", {"person": person}, status=404)
    form = ErasureForm(*posted(request))

    def erase():
        try:
            erasure_on_request(person=person, actor=request.user, why=form.cleaned_data["reason"])
        except ErasureRefused as refused:
            raise ValidationError(str(refused)) from None

    if service_accepted(request, form, erase, success="The person's data has been erased"):
        return redirect("accounts:person-detail", person.pk)
    return render(request, "privacy/person_erase.html", {"person": person, "form": form})
