"""The people and organisations who use the service, and invitations to join it."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from stepup.accounts import services
from stepup.accounts.forms import (
    InvitationAcceptForm,
    InviteForm,
    OrganisationForm,
    ReasonForm,
    RoleAddForm,
)
from stepup.accounts.lifecycle import PERSON_LIFECYCLE, InvitationStatus, PersonStatus
from stepup.accounts.models import Membership, Organisation, RoleRequest, User
from stepup.accounts.queries import (
    invitation_with_token,
    organisation_memberships,
    organisation_open_invitations,
    organisations_by_kind,
    organisations_invitable_by,
    people_with_memberships,
    person_memberships,
    roles_invitable_by,
    user_with_email,
)
from stepup.accounts.roles import Role, with_article
from stepup.accounts.views.signing_in import password_given
from stepup.core.access import PUBLIC, access, roles
from stepup.core.audit import history_for
from stepup.core.form_flow import add_service_errors, posted, service_accepted
from stepup.core.params import whole_number

NATIONAL_ADMIN = roles(Role.NATIONAL_ADMIN)
INVITERS = roles(Role.NATIONAL_ADMIN, Role.COORDINATOR)


# Organisations


@access(NATIONAL_ADMIN)
def organisation_list(request):
    return render(request, "accounts/organisation_list.html", {"groups": organisations_by_kind()})


@access(NATIONAL_ADMIN)
def organisation_create(request):
    form = OrganisationForm(*posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{organisation.name} has been added")
            return redirect("accounts:organisation-detail", organisation.pk)
    return render(request, "accounts/organisation_create.html", {"form": form})


@access(NATIONAL_ADMIN)
def organisation_detail(request, pk: int):
    organisation = get_object_or_404(Organisation, pk=pk)
    memberships = list(organisation_memberships(organisation))
    return render(
        request,
        "accounts/organisation_detail.html",
        {
            "organisation": organisation,
            "memberships": memberships,
            "people_count": len({m.user_id for m in memberships}),
            "invitations": organisation_open_invitations(organisation),
            "history": history_for(organisation),
        },
    )


# People


@access(NATIONAL_ADMIN)
def person_list(request):
    search = request.GET.get("q", "").strip()
    return render(
        request,
        "accounts/person_list.html",
        {"people": list(people_with_memberships(search)), "search": search},
    )


@access(NATIONAL_ADMIN)
def person_detail(request, pk: int):
    person = get_object_or_404(User, pk=pk)
    return render(
        request,
        "accounts/person_detail.html",
        {
            "person": person,
            "memberships": person_memberships(person),
            "transitions": PERSON_LIFECYCLE.available(person.status, request.user),
            "history": history_for(person),
        },
    )


@access(NATIONAL_ADMIN)
def person_role_add(request, pk: int):
    person = get_object_or_404(User, pk=pk)
    form = RoleAddForm(*posted(request), organisations=Organisation.objects.all())
    result = []
    if service_accepted(
        request,
        form,
        lambda: result.append(
            services.membership_add(
                actor=request.user,
                user=person,
                organisation=form.cleaned_data["organisation"],
                role=form.cleaned_data["role"],
            )
        ),
    ):
        role = with_article(Role(form.cleaned_data["role"]).label.lower())
        if isinstance(result[0], RoleRequest):
            messages.success(request, _second_admin_message(result[0]))
            return redirect("accounts:role-request-detail", result[0].pk)
        messages.success(
            request,
            f"{person.full_name} is now {role} at {form.cleaned_data['organisation'].name}",
        )
        return redirect("accounts:person-detail", person.pk)
    return render(request, "accounts/person_role_add.html", {"person": person, "form": form})


@access(NATIONAL_ADMIN)
def person_role_remove(request, pk: int, membership_pk: int):
    membership = get_object_or_404(
        Membership.objects.select_related("user", "organisation"), pk=membership_pk, user_id=pk
    )
    form = forms.Form(*posted(request))
    if service_accepted(
        request,
        form,
        lambda: services.membership_remove(actor=request.user, membership=membership),
        success=f"The role {membership.get_role_display().lower()} at "
        f"{membership.organisation.name} has been removed",
    ):
        return redirect("accounts:person-detail", pk)
    return render(
        request,
        "accounts/person_role_remove.html",
        {"membership": membership, "person": membership.user, "form": form},
    )


@access(NATIONAL_ADMIN)
def person_deactivate(request, pk: int):
    return _person_status(request, pk, PersonStatus.DEACTIVATED)


@access(NATIONAL_ADMIN)
def person_reactivate(request, pk: int):
    return _person_status(request, pk, PersonStatus.ACTIVE)


def _person_status(request, pk: int, target: str):
    person = get_object_or_404(User, pk=pk)
    deactivating = target == PersonStatus.DEACTIVATED
    if deactivating:
        form = ReasonForm(
            *posted(request),
            label="Why are you deactivating this account?",
            required_message="Enter why you are deactivating this account",
        )
    else:
        form = ReasonForm(*posted(request), label="Why are you reactivating this account?")
    change = services.person_deactivate if deactivating else services.person_reactivate
    done = "deactivated" if deactivating else "reactivated"
    if service_accepted(
        request,
        form,
        lambda: change(actor=request.user, person=person, reason=form.cleaned_data["reason"]),
        success=f"The account for {person.full_name} has been {done}",
    ):
        return redirect("accounts:person-detail", person.pk)
    return render(
        request,
        "accounts/person_status.html",
        {"person": person, "form": form, "deactivating": deactivating},
    )


def _second_admin_message(role_request: RoleRequest) -> str:
    return (
        f"Another national admin must now approve making {role_request.full_name} "
        f"{with_article(role_request.get_role_display().lower())}"
    )


# Invitations


@access(INVITERS)
def person_invite(request):
    """National admins invite anyone anywhere; a coordinator only to their own authority."""
    organisations = organisations_invitable_by(request.user)
    chosen = (request.POST if request.method == "POST" else request.GET).get("organisation", "")
    if chosen:
        # Another organisation's number, even in a crafted form, is "not found".
        if whole_number(chosen) is None:
            raise Http404("No such organisation.")
        get_object_or_404(organisations, pk=chosen)
    elif len(organisations) == 1:
        chosen = str(organisations[0].pk)
    form = InviteForm(
        *posted(request),
        organisations=organisations,
        roles=roles_invitable_by(request.user),
        initial={"organisation": chosen},
    )
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.person_invite(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if isinstance(invitation, RoleRequest):
                messages.success(request, _second_admin_message(invitation))
                return redirect("accounts:role-request-detail", invitation.pk)
            messages.success(request, f"We have sent an invitation to {invitation.email}")
            if request.user.has_role(Role.NATIONAL_ADMIN):
                return redirect("accounts:organisation-detail", invitation.organisation_id)
            return redirect("accounts:person-invite")
    return render(request, "accounts/person_invite.html", {"form": form})


@access(PUBLIC)
def invitation_accept(request, token: str):
    invitation = invitation_with_token(token)
    if invitation is None:
        return render(
            request, "accounts/invitation_unusable.html", {"status": "unknown"}, status=404
        )
    if invitation.status != InvitationStatus.OPEN:
        return render(
            request,
            "accounts/invitation_unusable.html",
            {"status": invitation.status, "invitation": invitation},
            status=410,
        )
    existing = user_with_email(invitation.email)
    # An account nobody has confirmed is taken over by the invitation's owner (see services).
    if existing is not None and (existing.is_email_verified or existing.is_staff_member):
        return _accept_with_existing_account(request, invitation, existing)

    form = InvitationAcceptForm(
        *posted(request), invitation=invitation, initial={"full_name": invitation.full_name}
    )
    if request.method == "POST" and form.is_valid():
        try:
            person = services.invitation_accept(
                invitation=invitation,
                password=form.cleaned_data["password"],
                full_name=form.cleaned_data["full_name"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, "Your account is ready. Now set up a second way to prove it is you"
            )
            return password_given(request, person)
    return render(
        request,
        "accounts/invitation_accept.html",
        {"form": form, "invitation": invitation, "role_text": _role_text(invitation)},
    )


def _role_text(invitation) -> str:
    return with_article(invitation.get_role_display().lower())


def _accept_with_existing_account(request, invitation, existing: User):
    """Someone who already has an account signs in as themselves, then confirms."""
    if not existing.is_active:
        situation = "deactivated"
    elif not request.user.is_authenticated:
        situation = "sign_in"
    elif request.user.pk != existing.pk:
        situation = "other_account"
    else:
        situation = "confirm"
    form = forms.Form(*posted(request))
    if situation == "confirm" and service_accepted(
        request,
        form,
        lambda: services.invitation_accept(
            invitation=invitation, password=None, full_name=None, user=request.user
        ),
        success=f"You are now {_role_text(invitation)} at {invitation.organisation.name}",
    ):
        return redirect("core:home")
    sign_in_url = reverse("accounts:sign-in") + "?" + urlencode({"next": request.path})
    return render(
        request,
        "accounts/invitation_existing.html",
        {
            "invitation": invitation,
            "situation": situation,
            "form": form,
            "sign_in_url": sign_in_url,
            "role_text": _role_text(invitation),
        },
    )
