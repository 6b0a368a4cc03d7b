"""Eligibility decisions, the sift, the list of decision reasons, and recruitment settings.

The manual eligibility queue is for the national admins and the contractor; the reason
list and the recruitment settings are the national admins' alone. The sift is for whoever
the application's rules say sifts it (see ``queries.applications_siftable_by``).
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from stepup.accounts.roles import Role
from stepup.applications.models import ApplicationStatus
from stepup.core.access import access, roles
from stepup.core.audit import history_for
from stepup.core.form_flow import posted, service_accepted
from stepup.core.pagination import IdsFirstPaginator, govuk_pagination
from stepup.core.params import whole_number
from stepup.programme import services as programme_services
from stepup.programme.models import Cohort, RuleVersion
from stepup.programme.queries import cohorts_changeable_by
from stepup.selection import forms, queries, services
from stepup.selection.application_views import document_response
from stepup.selection.models import (
    DecisionReason,
    DecisionStage,
    EligibilityDecision,
    SiftRound,
)
from stepup.selection.services import RULE_NAMES

DECIDERS = roles(Role.NATIONAL_ADMIN, Role.CONTRACTOR)
ADMIN = roles(Role.NATIONAL_ADMIN)


# The manual eligibility queue

QUEUE_PAGE_SIZE = 50


def _chosen_cohort(request) -> Cohort | None:
    number = whole_number(request.GET.get("cohort"))
    if number is not None:
        return Cohort.objects.filter(number=number).first()
    return None


def _cohort_options(cohort: Cohort | None) -> list[dict]:
    """The cohort filter's choices, newest first, after "All cohorts"."""
    chosen = cohort.number if cohort is not None else None
    return [{"value": "", "text": "All cohorts", "selected": cohort is None}] + [
        {"value": number, "text": name, "selected": number == chosen}
        for number, name in Cohort.objects.order_by("-number").values_list("number", "name")
    ]


@access(DECIDERS)
def eligibility_queue(request):
    cohort = _chosen_cohort(request)
    page = IdsFirstPaginator(
        queries.eligibility_queue(user=request.user, cohort=cohort), QUEUE_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "selection/eligibility_queue.html",
        {
            "page": page,
            "applications": list(page.object_list),
            "pagination": govuk_pagination(request, page),
            "cohort_options": _cohort_options(cohort),
            "cohort": cohort,
            "rule_names": RULE_NAMES,
            "is_admin": request.user.has_role(Role.NATIONAL_ADMIN),
        },
    )


@access(DECIDERS)
def eligibility_decide(request, reference: str):
    application = get_object_or_404(
        queries.applications_decidable_by(request.user).select_related("cohort", "rules"),
        reference=reference,
    )
    in_review = application.status == ApplicationStatus.ELIGIBILITY_REVIEW
    form = forms.EligibilityDecisionForm(*posted(request))
    refusal = ""
    if request.method == "POST" and not in_review:
        refusal = services.NOT_IN_REVIEW
        if EligibilityDecision.objects.filter(application=application).exists():
            refusal = services.ALREADY_DECIDED
    elif request.method == "POST" and "change" in request.POST:
        pass  # back to the form, as they filled it in
    elif request.method == "POST" and "confirm" not in request.POST and form.is_valid():
        # First the decider sees what the candidate will be sent, then sends it.
        decision = form.decision()
        subject, body = services.eligibility_email(
            application=application,
            eligible=decision["eligible"],
            reasons=[reason.text for reason in decision["reasons"]],
            message=decision["candidate_message"],
        )
        return render(
            request,
            "selection/eligibility_confirm.html",
            {
                "application": application,
                "form": form,
                "eligible": decision["eligible"],
                "staff_note": decision["staff_note"],
                "subject": subject,
                "body": body,
            },
        )
    elif service_accepted(
        request,
        form,
        lambda: services.eligibility_decide(
            actor=request.user, application=application, **form.decision()
        ),
    ):
        outcome = "eligible" if form.cleaned_data["outcome"] == "eligible" else "not eligible"
        messages.success(request, f"Application {application.reference} decided: {outcome}")
        return redirect(
            f"{reverse('selection:eligibility-queue')}?cohort={application.cohort.number}"
        )
    decision = (
        EligibilityDecision.objects.filter(application=application)
        .select_related("decided_by")
        .prefetch_related("reasons")
        .first()
    )
    return render(
        request,
        "selection/eligibility_decide.html",
        {
            "application": application,
            "checks": queries.eligibility_checks_for(application=application),
            "experiences": list(application.experiences.all()),
            "documents": list(application.documents.order_by("uploaded_at", "pk")),
            "rule_names": RULE_NAMES,
            "in_review": in_review,
            "form": form,
            "refusal": refusal,
            "decision": decision,
        },
    )


@access(DECIDERS)
def evidence_download(request, reference: str, pk: int):
    """A document the candidate uploaded, for the person checking eligibility: "we could not
    verify a qualification" needs the certificate to hand. Each one is audited."""
    application = get_object_or_404(
        queries.applications_decidable_by(request.user), reference=reference
    )
    return document_response(user=request.user, application=application, pk=pk)


# The list of decision reasons


@access(ADMIN)
def reason_list(request):
    """The reasons, and how often each was given, in every cohort or one: a report kept apart
    from the eligibility queue, so the queue's cost does not grow with every decision made."""
    cohort = _chosen_cohort(request)
    stages = [
        (stage, queries.reasons_for(stage=stage, active_only=False))
        for stage in (DecisionStage.ELIGIBILITY, DecisionStage.SIFT)
    ]
    return render(
        request,
        "selection/reason_list.html",
        {
            "stages": stages,
            "counts": queries.reason_totals(cohort=cohort),
            "cohort": cohort,
            "cohort_options": _cohort_options(cohort),
        },
    )


@access(ADMIN)
def reason_add(request):
    form = forms.ReasonAddForm(*posted(request))
    if service_accepted(
        request,
        form,
        lambda: services.decision_reason_add(actor=request.user, **form.cleaned_data),
        success="Reason added",
    ):
        return redirect("selection:reason-list")
    return render(request, "selection/reason_add.html", {"form": form})


@access(ADMIN)
def reason_change(request, pk: int):
    reason = get_object_or_404(DecisionReason, pk=pk)
    form = forms.ReasonChangeForm(
        *posted(request), initial={"text": reason.text, "active": "yes" if reason.active else "no"}
    )
    if service_accepted(
        request,
        form,
        lambda: services.decision_reason_update(
            actor=request.user,
            reason=reason,
            text=form.cleaned_data["text"],
            active=form.cleaned_data["active"] == "yes",
        ),
        success="Reason saved",
    ):
        return redirect("selection:reason-list")
    return render(
        request,
        "selection/reason_change.html",
        {"form": form, "reason": reason, "entries": list(history_for(reason))},
    )


# Recruitment settings


@access(ADMIN)
def recruitment_settings(request, number: int):
    cohort = get_object_or_404(cohorts_changeable_by(request.user), number=number)
    rules = cohort.current_rules
    form = forms.RecruitmentSettingsForm(
        *posted(request), initial=forms.RecruitmentSettingsForm.initial_for(rules), cohort=cohort
    )
    saved = []
    if service_accepted(
        request,
        form,
        lambda: saved.append(
            programme_services.recruitment_settings_update(
                actor=request.user, cohort=cohort, reason=form.reason, **form.settings()
            )
        ),
    ):
        version = saved[0]
        if version.pk != rules.pk:
            messages.success(
                request, f"Recruitment settings saved as rules version {version.number}"
            )
        else:
            messages.success(request, "Recruitment settings saved")
        return redirect("selection:recruitment-settings", number=cohort.number)
    return render(
        request,
        "selection/recruitment_settings.html",
        {"form": form, "cohort": cohort, "rules": rules},
    )


# The sift

SIFTERS = roles(
    Role.CONTRACTOR,
    Role.NATIONAL_ADMIN,
    Role.COORDINATOR,
    Role.ASSESSOR,
    Role.SERVICE_USER_ASSESSOR,
)


@access(SIFTERS)
def sift_queue(request):
    cohort = _chosen_cohort(request)
    scope = queries.sift_scope(user=request.user)
    applications = queries.sift_queue(user=request.user, cohort=cohort, scope=scope)
    page = IdsFirstPaginator(applications, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    waiting = queries.cohorts_waiting_for_a_pass_mark(user=request.user, scope=scope)
    return render(
        request,
        "selection/sift_queue.html",
        {
            "page": page,
            "applications": list(page.object_list),
            "pagination": govuk_pagination(request, page),
            "cohort": cohort,
            "cohort_options": _cohort_options(cohort),
            "no_pass_mark": [services.pass_mark_missing_message(number) for number in waiting],
            "round_labels": dict(SiftRound.choices),
        },
    )


@access(SIFTERS)
def sift_mark(request, reference: str):
    """The anonymised application and the scoring form: only for a mark this person may give.

    The page is given a plain record of the fields a sifter may read, never the model."""
    found = queries.applications_siftable_by(request.user).filter(reference=reference).first()
    if found is None:
        # Back to a page already scored (or the form sent twice): say so, not "not found".
        mark = _own_mark(request.user, reference)
        return render(
            request,
            "selection/sift_submitted.html",
            {"mark": mark, "already_scored": True, **_with_earlier_marks(mark)},
        )
    rules = RuleVersion.objects.get(pk=found.rules_id)
    criteria = queries.sift_criteria(rules)
    form = forms.SiftMarkForm(
        *posted(request),
        criteria=criteria,
        scale=queries.sift_scale(rules),
        pass_mark=rules.sift_pass_mark,
    )
    if service_accepted(
        request,
        form,
        lambda: services.sift_mark_submit(actor=request.user, application=found, **form.mark()),
    ):
        return redirect("selection:sift-submitted", reference=reference)
    moderating = found.sift_round_needed == SiftRound.MODERATION
    return render(
        request,
        "selection/sift_mark.html",
        {
            "application": queries.anonymised_application(found),
            "round_label": dict(SiftRound.choices)[found.sift_round_needed],
            "rules": rules,
            "form": form,
            # The moderator is told why they moderate: the two totals and the largest gap
            # allowed; the scores themselves only once their own mark is in.
            "earlier": queries.marks_before_moderation(found.pk) if moderating else [],
        },
    )


@access(SIFTERS)
def sift_submitted(request, reference: str):
    mark = _own_mark(request.user, reference)
    return render(
        request,
        "selection/sift_submitted.html",
        {"mark": mark, "already_scored": False, **_with_earlier_marks(mark)},
    )


def _with_earlier_marks(mark) -> dict:
    if mark.round != SiftRound.MODERATION:
        return {}
    return {"earlier": queries.marks_before_moderation(mark.application_id)}


def _own_mark(user, reference: str):
    """This person's mark on the application; "not found" if they gave none."""
    return get_object_or_404(
        queries.sift_marks_of(user=user, reference=reference)
        .select_related("application")
        .only("id", "round", "total", "submitted_at", "application__reference"),
    )
