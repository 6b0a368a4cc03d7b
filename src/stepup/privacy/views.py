"""A candidate's download of their own data; a national admin's export of a named
candidate's data, and erasure on request."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from stepup.accounts.models import User
from stepup.accounts.roles import Role
from stepup.core.access import CANDIDATE, access, roles
from stepup.core.form_flow import posted, service_accepted
from stepup.privacy.export import subject_access_export
from stepup.privacy.services import ErasureRefused, erasure_on_request

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
    """A subject access request made to the national team: the same ZIP, audited as theirs."""
    person = get_object_or_404(User, pk=pk)
    if person.is_staff_member:
        return render(request, "privacy/not_a_candidate.html", {"person": person}, status=404)
    if request.method == "POST":
        return _zip(
            subject_access_export(person=person, actor=request.user),
            f"step-up-data-account-{person.pk}.zip",
        )
    return render(request, "privacy/person_data.html", {"person": person})


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
