"""Second-factor pages outside signing in: a member of staff replaces their recovery codes;
a national admin resets the app of someone who has lost both app and codes."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from stepup.accounts import second_factor
from stepup.accounts.forms import ReasonForm
from stepup.accounts.models import User
from stepup.accounts.roles import STAFF_ROLES, Role
from stepup.accounts.views.signing_in import RECOVERY_CODES_SHOWN
from stepup.core.access import access, roles
from stepup.core.form_flow import posted, service_accepted


@access(roles(*STAFF_ROLES, description="Staff"))
def recovery_codes_new(request):
    """A POST makes new codes (the old stop working) and shows them once."""
    if request.method == "POST":
        codes = second_factor.recovery_codes_replace(user=request.user)
        request.session[RECOVERY_CODES_SHOWN] = {"codes": codes, "next": "/account/"}
        return redirect("accounts:recovery-codes")
    return render(
        request,
        "accounts/recovery_codes_new.html",
        {"left": second_factor.recovery_codes_left(request.user)},
    )


@access(roles(Role.NATIONAL_ADMIN))
def second_factor_reset(request, pk: int):
    person = get_object_or_404(User, pk=pk)
    form = ReasonForm(
        *posted(request),
        label="Why are you resetting this person's sign-in app?",
        required_message="Enter why you are resetting this person's sign-in app",
    )
    if service_accepted(
        request,
        form,
        lambda: second_factor.second_factor_reset(
            actor=request.user, person=person, reason=form.cleaned_data["reason"]
        ),
    ):
        messages.success(
            request,
            f"{person.full_name} will set up an authenticator app when they next sign in",
        )
        return redirect("accounts:person-detail", person.pk)
    return render(request, "accounts/second_factor_reset.html", {"person": person, "form": form})
