"""The trainees list, enrolment, a trainee's record and the forms on it."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from stepup.accounts.models import Organisation
from stepup.accounts.roles import NATIONAL_TEAM, Role
from stepup.core.access import access
from stepup.core.form_flow import form_round_trip, posted
from stepup.core.reads import read_record
from stepup.offers.models import Offer, OfferStatus
from stepup.partnerships.models import PartnershipAuthority
from stepup.partnerships.queries import partnerships_visible_to
from stepup.programme.models import Cohort
from stepup.trainees import forms, queries, services
from stepup.trainees.lifecycle import TRAINEE_LIFECYCLE
from stepup.trainees.models import Assessment, Placement, Trainee, TraineeStatus
from stepup.trainees.views.common import (
    RECORDERS,
    SHARERS,
    recorded_by,
    to_record,
    trainee_of,
)


@access(SHARERS)
def trainee_list(request):
    trainees = list(
        queries.trainees_visible_to(request.user).order_by("offer__application__full_name")
    )
    open_warnings = queries.open_warning_counts(trainees)
    enrolled = {t.offer_id for t in trainees}
    waiting = [
        offer
        for offer in Offer.objects.filter(
            status=OfferStatus.UNCONDITIONAL,
            partnership__in=partnerships_visible_to(request.user),
        )
        .select_related("application", "partnership", "host")
        .order_by("application__full_name")
        if offer.pk not in enrolled
    ]
    led = Organisation.objects.filter(
        pk__in=request.user.organisation_ids_with_role(Role.COORDINATOR),
        led_partnerships__isnull=False,
    ).distinct()
    return render(
        request,
        "trainees/list.html",
        {
            "trainees": trainees,
            "warnings": open_warnings,
            "waiting": waiting,
            "outcome_cohorts": (
                Cohort.objects.filter(
                    pk__in=Trainee.objects.values("offer__partnership__cohort")
                ).order_by("number")
                if request.user.has_role(*NATIONAL_TEAM)
                else []
            ),
            "supported": [
                (authority, queries.supported_and_recruited(authority=authority))
                for authority in led
            ],
        },
    )


@access(RECORDERS)
def enrol(request, offer_pk: int):
    offer = get_object_or_404(
        Offer.objects.filter(partnership__in=partnerships_visible_to(request.user)).select_related(
            "application", "partnership", "host"
        ),
        pk=offer_pk,
    )
    form = forms.EnrolForm(*posted(request), initial={"enrolled_on": timezone.localdate()})
    return form_round_trip(
        request,
        form,
        lambda: services.trainee_enrol(actor=request.user, offer=offer, **form.cleaned_data),
        success=f"{offer.application.full_name} is enrolled",
        done=reverse("trainees:list"),
        title=f"Enrol {offer.application.full_name}",
        caption=offer.partnership.name,
        button="Enrol",
        back_text="Back to trainees",
        intro=f"Hosted by {offer.host}.",
    )


@access(SHARERS)
def record(request, pk: int):
    trainee = trainee_of(request, pk)
    placements = list(trainee.placements.select_related("authority"))
    needs = list(trainee.needs.all())
    read_record(
        actor=request.user,
        record=trainee,
        event="trainee.needs_viewed",
        summary="Opened the trainee's record, with their learning needs",
        values={"needs": len(needs)},
    )
    return render(
        request,
        "trainees/record.html",
        {
            "trainee": trainee,
            "placements": placements,
            "plan": queries.plan_check(trainee, placements),
            "results": list(
                trainee.results.select_related("assessment__module").order_by(
                    "assessment__hand_in_on", "attempt"
                )
            ),
            "reviews": list(trainee.reviews.all()),
            "needs": needs,
            "warnings": list(trainee.warnings.select_related("resolved_by")),
            "outcome": getattr(trainee, "outcome", None),
            "ends": queries.programme_end(trainee),
            "may_record": queries.may_record(request.user, trainee),
            "changes": TRAINEE_LIFECYCLE.available(trainee.status, request.user),
        },
    )


@access(RECORDERS)
def placement_add(request, pk: int):
    trainee = recorded_by(request, pk)
    authorities = [
        m.authority
        for m in PartnershipAuthority.objects.filter(
            partnership=trainee.offer.partnership
        ).select_related("authority")
    ]
    form = forms.PlacementForm(*posted(request), authorities=authorities)
    return to_record(
        request,
        trainee,
        form,
        lambda: services.placement_add(actor=request.user, trainee=trainee, **form.cleaned_data),
        success="Placement added to the plan",
        title="Plan a placement",
        button="Add the placement",
    )


@access(RECORDERS)
def placement_at_risk(request, placement_pk: int):
    placement = get_object_or_404(Placement, pk=placement_pk)
    trainee = recorded_by(request, placement.trainee_id)
    form = forms.ReasonForm(
        *posted(request),
        label="Why is the placement at risk?",
        message="Say why the placement is at risk",
    )
    return to_record(
        request,
        trainee,
        form,
        lambda: services.placement_flag(
            actor=request.user, placement=placement, reason=form.cleaned_data["reason"]
        ),
        success="Placement recorded as at risk: the trainee's tutors and coordinator are warned",
        title=f"{placement.setting}: at risk",
        button="Record it",
    )


@access(RECORDERS)
def result_add(request, pk: int):
    trainee = recorded_by(request, pk)
    assessments = list(
        Assessment.objects.filter(
            module__university=trainee.university,
            module__cohort=trainee.offer.partnership.cohort,
        ).select_related("module")
    )
    form = forms.ResultForm(*posted(request), assessments=assessments)
    return to_record(
        request,
        trainee,
        form,
        lambda: services.result_record(actor=request.user, trainee=trainee, **form.cleaned_data),
        success="Result recorded",
        title="Record a result",
        button="Record the result",
    )


@access(RECORDERS)
def review_add(request, pk: int):
    trainee = recorded_by(request, pk)
    form = forms.ReviewForm(*posted(request), initial={"held_on": timezone.localdate()})
    return to_record(
        request,
        trainee,
        form,
        lambda: services.review_record(actor=request.user, trainee=trainee, **form.cleaned_data),
        success="Progress review recorded",
        title="Record a progress review",
        button="Record the review",
    )


@access(RECORDERS)
def need_add(request, pk: int):
    trainee = recorded_by(request, pk)
    form = forms.NeedForm(*posted(request))
    return to_record(
        request,
        trainee,
        form,
        lambda: services.learning_need_record(
            actor=request.user, trainee=trainee, **form.cleaned_data
        ),
        success="Learning need recorded",
        title="Record a learning need",
        button="Record it",
    )


@access(RECORDERS)
def change(request, pk: int, target: str):
    trainee = recorded_by(request, pk)
    if target not in TraineeStatus.values:
        raise Http404("No such change")
    form = forms.ReasonForm(
        *posted(request), label="Why?", message="Enter the reason for the change"
    )
    if target == TraineeStatus.ENROLLED:
        form.fields["reason"].required = False
    return to_record(
        request,
        trainee,
        form,
        lambda: services.trainee_change(
            actor=request.user, trainee=trainee, target=target, reason=form.cleaned_data["reason"]
        ),
        success="Change recorded",
        title=TRAINEE_LIFECYCLE.label(target),
        button="Record the change",
    )


@access(RECORDERS)
def outcome(request, pk: int):
    trainee = recorded_by(request, pk)
    current = getattr(trainee, "outcome", None)
    initial = (
        {name: _shown(getattr(current, name)) for name in forms.OutcomeForm.base_fields}
        if current
        else {}
    )
    form = forms.OutcomeForm(*posted(request), initial=initial)
    return to_record(
        request,
        trainee,
        form,
        lambda: services.outcome_record(actor=request.user, trainee=trainee, **form.cleaned_data),
        success="Outcome recorded",
        title="Award, registration and employment",
        button="Save the outcome",
    )


def _shown(value):
    """A yes-or-no answer as the form's choice; anything else as it is."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


@access(RECORDERS)
def extend(request, pk: int):
    trainee = recorded_by(request, pk)
    form = forms.ExtendForm(*posted(request))
    return to_record(
        request,
        trainee,
        form,
        lambda: services.trainee_extend(actor=request.user, trainee=trainee, **form.cleaned_data),
        success="Extension recorded",
        title="Give the trainee longer",
        button="Record the extension",
        intro=f"The programme ends on {queries.programme_end(trainee):%-d %B %Y}.",
    )
