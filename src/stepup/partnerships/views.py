"""Partnerships: their members and places, universities, contract model, memorandum, board.

Who may see a partnership is decided by ``partnerships_visible_to``; who may change it by
``partnerships_changeable_by``. Anything outside those is "not found", for a crafted POST
as much as for a page.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render

from stepup.accounts.roles import Role
from stepup.core.access import access, roles
from stepup.core.audit import history_for
from stepup.core.decision_form import ApproveOrRefuseForm
from stepup.core.form_flow import add_service_errors, posted, service_accepted
from stepup.core.govuk_forms import paragraphs
from stepup.core.reads import download_record
from stepup.core.uploads import download_name
from stepup.partnerships import services
from stepup.partnerships.forms import (
    CohortFilterForm,
    MeetingForm,
    MemorandumForm,
    PartnershipForm,
    ReasonForm,
    TransitionForm,
    members_formset,
    universities_formset,
)
from stepup.partnerships.lifecycle import BID_LIFECYCLE, SLUG_FOR, TRANSITION_SLUGS
from stepup.partnerships.models import PartnershipStatus, Variation, VariationStatus
from stepup.partnerships.queries import (
    cohorts_open_to,
    coordinator_memberships,
    lead_authorities_for,
    local_authorities,
    partnership_with_details,
    partnerships_changeable_by,
    partnerships_visible_to,
    submission_problems,
    universities,
    with_place_totals,
)
from stepup.programme.models import Cohort

SEES_PARTNERSHIPS = roles(
    Role.NATIONAL_ADMIN,
    Role.NATIONAL_ANALYST,
    Role.COORDINATOR,
    Role.AUTHORITY_OFFICER,
    Role.UNIVERSITY_TUTOR,
)
CHANGES_PARTNERSHIPS = roles(Role.NATIONAL_ADMIN, Role.COORDINATOR)
DONE = {
    "submit": "Bid submitted",
    "approve": "Bid approved",
    "return": "Bid returned to the partnership",
    "resubmit": "Bid resubmitted",
}


def _changeable(request, pk: int):
    return get_object_or_404(partnerships_changeable_by(request.user), pk=pk)


def _to_detail(partnership):
    return redirect("partnerships:partnership-detail", pk=partnership.pk)


@access(SEES_PARTNERSHIPS)
def partnership_list(request):
    cohorts = list(Cohort.objects.order_by("-number"))
    form = CohortFilterForm(request.GET or None, cohorts=cohorts)
    partnerships = with_place_totals(partnerships_visible_to(request.user)).order_by(
        "-cohort__number", "name"
    )
    cohort = None
    if form.is_bound and form.is_valid():
        cohort = form.cleaned_data["cohort"]
        if cohort is not None:
            partnerships = partnerships.filter(cohort=cohort)
    return render(
        request,
        "partnerships/partnership_list.html",
        {
            "partnerships": partnerships,
            "form": form,
            "cohort": cohort,
            "can_create": request.user.has_role(Role.NATIONAL_ADMIN, Role.COORDINATOR),
        },
    )


@access(CHANGES_PARTNERSHIPS)
def partnership_create(request):
    user = request.user
    cohorts = list(cohorts_open_to(user))
    leads = list(lead_authorities_for(user))
    form = PartnershipForm(
        *posted(request),
        initial={"cohort": request.GET.get("cohort", "")},
        cohorts=cohorts,
        lead_authorities=leads,
        coordinators=coordinator_memberships(
            authority_ids=None
            if user.has_role(Role.NATIONAL_ADMIN)
            else [lead.pk for lead in leads]
        ),
    )
    if request.method == "POST" and form.is_valid():
        try:
            partnership = services.partnership_create(actor=user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{partnership.name} created")
            return _to_detail(partnership)
    return render(
        request,
        "partnerships/partnership_create.html",
        {"form": form, "no_cohorts": not cohorts, "no_authorities": not leads},
    )


@access(SEES_PARTNERSHIPS)
def partnership_detail(request, pk: int):
    partnership = get_object_or_404(
        partnership_with_details(with_place_totals(partnerships_visible_to(request.user)), pk)
    )
    can_change = partnerships_changeable_by(request.user).filter(pk=pk).exists()
    transitions = []
    if can_change:
        transitions = [
            (transition, SLUG_FOR[(transition.source, transition.target)])
            for transition in BID_LIFECYCLE.available(partnership.status, request.user)
        ]
    members = list(partnership.members.all())
    memoranda = list(partnership.memoranda.all())
    return render(
        request,
        "partnerships/partnership_detail.html",
        {
            "partnership": partnership,
            "can_change": can_change,
            # Only the national team may move a partnership to another lead authority.
            "can_change_lead": can_change and request.user.has_role(Role.NATIONAL_ADMIN),
            "transitions": transitions,
            "members": members,
            "total_places": sum(member.places for member in members),
            "universities": list(partnership.universities.all()),
            "memorandum": memoranda[0] if memoranda else None,
            "earlier_memoranda": memoranda[1:],
            "meetings": list(partnership.meetings.all()),
            "variations": list(
                partnership.variations.select_related("requested_by").filter(
                    status=VariationStatus.WAITING
                )
            ),
            "asks_for_changes": can_change and services.needs_variation(request.user, partnership),
            "history": list(history_for(partnership)),
            "paragraphs": paragraphs,
        },
    )


@access(CHANGES_PARTNERSHIPS)
def partnership_edit(request, pk: int):
    partnership = _changeable(request, pk)
    user = request.user
    is_admin = user.has_role(Role.NATIONAL_ADMIN)
    if is_admin:
        leads = list(local_authorities())
        coordinators = coordinator_memberships()
    else:
        leads = None
        coordinators = list(coordinator_memberships(authority_ids=[partnership.lead_authority_id]))
        if partnership.coordinator_id and all(
            m.user_id != partnership.coordinator_id for m in coordinators
        ):
            # Keep the person named now, so that saving other details does not drop them.
            coordinators += list(coordinator_memberships().filter(user=partnership.coordinator))
    initial = {
        "name": partnership.name,
        "code": partnership.code,
        "lead_authority": partnership.lead_authority_id,
        "coordinator": partnership.coordinator_id or "",
        "contract_model": partnership.contract_model,
        "tie_in_amount_pence": partnership.tie_in_amount_pence,
        "tie_in_terms": partnership.tie_in_terms,
        "recruitment_target": partnership.recruitment_target,
    }
    form = PartnershipForm(
        *posted(request),
        initial=initial,
        lead_authorities=leads,
        coordinators=coordinators,
        with_reason=True,
    )
    if service_accepted(
        request,
        form,
        lambda: services.partnership_update(
            actor=user, partnership=partnership, **form.cleaned_data
        ),
        success="Partnership details saved",
    ):
        return _to_detail(partnership)
    return render(
        request,
        "partnerships/partnership_edit.html",
        {"partnership": partnership, "form": form},
    )


def _rows_page(request, partnership, *, make_formset, initial, save, success, template):
    """The members and universities pages: a table of rows, blank rows to fill in, and
    "Add another" that shows one more blank row without saving anything."""
    result = []
    if request.method == "POST":
        formset = make_formset(data=request.POST)
        reason_form = ReasonForm(request.POST)
        if "add_row" in request.POST:
            rows = formset.raw_rows()
            formset = make_formset(initial=rows, extra=1)
            reason_form = ReasonForm(initial={"reason": request.POST.get("reason", "")})
        elif service_accepted(
            request,
            reason_form,
            lambda: result.append(save(formset.rows(), reason_form.cleaned_data["reason"])),
            formset=formset,
        ):
            if isinstance(result[0], Variation):
                messages.success(
                    request,
                    "Your change has been sent to the national programme team. Until they "
                    "approve it, the approved figures stand",
                )
            else:
                messages.success(request, success)
            return _to_detail(partnership)
    else:
        formset = make_formset(initial=initial)
        reason_form = ReasonForm()
    has_errors = formset.is_bound and (
        bool(formset.non_form_errors()) or any(form.errors for form in formset.forms)
    )
    return render(
        request,
        template,
        {
            "partnership": partnership,
            "formset": formset,
            "reason_form": reason_form,
            "has_errors": has_errors or bool(reason_form.is_bound and reason_form.errors),
        },
    )


@access(CHANGES_PARTNERSHIPS)
def partnership_places(request, pk: int):
    partnership = _changeable(request, pk)
    authorities = list(local_authorities())

    def make_formset(data=None, initial=None, extra=3):
        return members_formset(
            lead_authority=partnership.lead_authority,
            authorities=authorities,
            data=data,
            initial=initial,
            extra=extra,
        )

    def save(rows, reason):
        return services.partnership_set_members(
            actor=request.user, partnership=partnership, members=rows, reason=reason
        )

    initial = [
        {"authority": member.authority_id, "places": member.places}
        for member in partnership.members.select_related("authority").order_by("authority__name")
    ]
    return _rows_page(
        request,
        partnership,
        make_formset=make_formset,
        initial=initial,
        save=save,
        success="Member authorities and places saved",
        template="partnerships/partnership_places.html",
    )


@access(CHANGES_PARTNERSHIPS)
def partnership_universities(request, pk: int):
    partnership = _changeable(request, pk)
    choices = list(universities())

    def make_formset(data=None, initial=None, extra=3):
        return universities_formset(universities=choices, data=data, initial=initial, extra=extra)

    def save(rows, reason):
        return services.partnership_set_universities(
            actor=request.user, partnership=partnership, universities=rows, reason=reason
        )

    initial = [
        {"university": commission.university_id, "role": commission.role}
        for commission in partnership.universities.select_related("university").order_by(
            "university__name"
        )
    ]
    return _rows_page(
        request,
        partnership,
        make_formset=make_formset,
        initial=initial,
        save=save,
        success="Universities saved",
        template="partnerships/partnership_universities.html",
    )


@access(CHANGES_PARTNERSHIPS)
def memorandum_upload(request, pk: int):
    partnership = _changeable(request, pk)
    form = MemorandumForm(*posted(request, files=True))
    if service_accepted(
        request,
        form,
        lambda: services.memorandum_upload(
            actor=request.user, partnership=partnership, **form.cleaned_data
        ),
        success="Memorandum of cooperation uploaded",
    ):
        return _to_detail(partnership)
    return render(
        request,
        "partnerships/memorandum_upload.html",
        {"partnership": partnership, "form": form},
    )


@access(SEES_PARTNERSHIPS)
def memorandum_download(request, pk: int, memorandum_id: int):
    partnership = get_object_or_404(partnerships_visible_to(request.user), pk=pk)
    memorandum = get_object_or_404(partnership.memoranda, pk=memorandum_id)
    try:
        handle = memorandum.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing") from None
    filename = download_name(memorandum.original_name, "application/pdf")
    download_record(
        actor=request.user,
        record=partnership,
        event="download.memorandum",
        summary="Downloaded a memorandum of understanding",
        filename=filename,
    )
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type="application/pdf",
    )


@access(CHANGES_PARTNERSHIPS)
def meeting_add(request, pk: int):
    partnership = _changeable(request, pk)
    form = MeetingForm(*posted(request))
    if service_accepted(
        request,
        form,
        lambda: services.meeting_record(
            actor=request.user, partnership=partnership, **form.cleaned_data
        ),
        success="Steering board meeting recorded",
    ):
        return _to_detail(partnership)
    return render(
        request,
        "partnerships/meeting_add.html",
        {"partnership": partnership, "form": form},
    )


@access(CHANGES_PARTNERSHIPS)
def partnership_transition(request, pk: int, action: str):
    if action not in TRANSITION_SLUGS:
        raise Http404("No such step")
    source, target = TRANSITION_SLUGS[action]
    partnership = _changeable(request, pk)
    transition = BID_LIFECYCLE.get(source, target)
    if not request.user.has_role(*transition.roles):
        raise PermissionDenied("Only the national programme team can make this decision.")
    if partnership.status != source:
        messages.info(
            request,
            f"The bid is now “{partnership.get_status_display()}”, so you cannot "
            f"{transition.action.lower()} at the moment",
        )
        return _to_detail(partnership)
    form = TransitionForm(*posted(request), transition=transition)
    if service_accepted(
        request,
        form,
        lambda: services.partnership_transition(
            actor=request.user,
            partnership=partnership,
            to_status=target,
            reason=form.cleaned_data["reason"],
        ),
        success=DONE[action],
    ):
        return _to_detail(partnership)
    problems = submission_problems(partnership) if target == PartnershipStatus.SUBMITTED else []
    return render(
        request,
        "partnerships/partnership_transition.html",
        {
            "partnership": partnership,
            "form": form,
            "transition": transition,
            "problems": problems if not form.errors else [],
        },
    )


@access(SEES_PARTNERSHIPS)
def variation_detail(request, pk: int, variation_pk: int):
    """A change to an approved bid: the national team decides; the others see where it is."""
    partnership = get_object_or_404(partnerships_visible_to(request.user), pk=pk)
    variation = get_object_or_404(
        partnership.variations.select_related("requested_by"), pk=variation_pk
    )
    may_decide = (
        request.user.has_role(Role.NATIONAL_ADMIN) and variation.status == VariationStatus.WAITING
    )
    form = ApproveOrRefuseForm(
        *posted(request),
        question="Do you approve this change?",
        approve="Yes, make the change",
        refuse="No, the approved figures stand",
        subject="the change",
        told="The coordinator is emailed it.",
    )
    if request.method == "POST" and not may_decide:
        raise PermissionDenied("Only the national programme team decides on changes")
    if may_decide and service_accepted(
        request,
        form,
        lambda: services.variation_decide(
            actor=request.user,
            variation=variation,
            approve=form.approved,
            reason=form.cleaned_data["reason"],
        ),
        success="Your decision has been saved and the coordinator told",
    ):
        return _to_detail(partnership)
    return render(
        request,
        "partnerships/variation_detail.html",
        {
            "partnership": partnership,
            "variation": variation,
            "form": form,
            "may_decide": may_decide,
            "history": history_for(variation),
        },
    )
