"""Requests for the national analyst role, which a second national admin decides (ADR 0012)."""

from django.shortcuts import get_object_or_404, redirect, render

from stepup.accounts import services
from stepup.accounts.lifecycle import RoleRequestStatus
from stepup.accounts.queries import role_requests_recent
from stepup.accounts.roles import Role
from stepup.core.access import access, roles
from stepup.core.audit import history_for
from stepup.core.decision_form import ApproveOrRefuseForm
from stepup.core.form_flow import posted, service_accepted

NATIONAL_ADMIN = roles(Role.NATIONAL_ADMIN)


@access(NATIONAL_ADMIN)
def role_request_list(request):
    requests = list(role_requests_recent())
    return render(
        request,
        "accounts/role_request_list.html",
        {
            "waiting": [r for r in requests if r.status == RoleRequestStatus.WAITING],
            "decided": [r for r in requests if r.status != RoleRequestStatus.WAITING],
        },
    )


@access(NATIONAL_ADMIN)
def role_request_detail(request, pk: int):
    role_request = get_object_or_404(role_requests_recent(), pk=pk)
    form = ApproveOrRefuseForm(
        *posted(request),
        question="Do you approve this role?",
        approve="Yes, give them the role",
        refuse="No, refuse it",
        subject="the role",
        told="The person asking will see it in the history.",
    )
    may_decide = (
        role_request.status == RoleRequestStatus.WAITING
        and request.user.pk not in (role_request.requested_by_id, role_request.user_id)
        and request.user.email.lower() != role_request.email.lower()
    )
    if may_decide and service_accepted(
        request,
        form,
        lambda: services.role_request_decide(
            actor=request.user,
            role_request=role_request,
            approve=form.approved,
            reason=form.cleaned_data["reason"],
        ),
        fields={"decision": "decision"},
        success=(
            f"You have approved the role for {role_request.full_name}"
            if form.is_bound and form.data.get("decision") == "approve"
            else f"You have refused the role for {role_request.full_name}"
        ),
    ):
        return redirect("accounts:role-request-list")
    return render(
        request,
        "accounts/role_request_detail.html",
        {
            "role_request": role_request,
            "form": form,
            "may_decide": may_decide,
            "asked_by_you": request.user.pk == role_request.requested_by_id,
            "history": history_for(role_request),
        },
    )
