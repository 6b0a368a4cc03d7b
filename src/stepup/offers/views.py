"""The staff pages of allocation and offers: the national team's allocation and places, a
partnership's offers, one offer with its conditions and agreement, and the checks a person's
organisation owns."""

from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from stepup.accounts.roles import Role
from stepup.applications.models import Application
from stepup.core.access import access, roles
from stepup.core.form_flow import act, posted, service_accepted
from stepup.core.reads import download_record
from stepup.offers import forms, queries, services
from stepup.offers.models import ConditionStatus, OfferStatus
from stepup.partnerships.models import PartnershipAuthority
from stepup.partnerships.queries import partnerships_visible_to
from stepup.programme.models import Cohort

# Every page here names candidates, so none is open to the national analyst, who sees
# equality figures (ADR 0022).
NATIONAL = roles(Role.NATIONAL_ADMIN)
ADMIN = roles(Role.NATIONAL_ADMIN)
ALLOCATION = roles(Role.NATIONAL_ADMIN, Role.COORDINATOR)
PARTNERSHIP_STAFF = roles(
    Role.NATIONAL_ADMIN,
    Role.COORDINATOR,
    Role.AUTHORITY_OFFICER,
    Role.UNIVERSITY_TUTOR,
)
CHANGERS = roles(Role.NATIONAL_ADMIN, Role.COORDINATOR)
CHECKERS = roles(Role.COORDINATOR, Role.AUTHORITY_OFFICER, Role.UNIVERSITY_TUTOR)


def _cohort(number: int) -> Cohort:
    return get_object_or_404(Cohort, number=number)


# Where to start.


@access(PARTNERSHIP_STAFF)
def home(request):
    """The cohorts being allocated, and the partnerships whose offers the person sees."""
    partnerships = list(
        partnerships_visible_to(request.user)
        .filter(cohort__status__in=queries.ALLOCATING)
        .order_by("-cohort__number", "name")
    )
    cohorts = (
        list(Cohort.objects.filter(status__in=queries.ALLOCATING))
        if request.user.has_role(*queries.ALLOCATION_READERS)
        else []
    )
    return render(
        request,
        "offers/home.html",
        {
            "cohorts": cohorts,
            "partnerships": partnerships,
            "national": request.user.has_role(Role.NATIONAL_ADMIN),
        },
    )


# The allocation.


@access(ALLOCATION)
def allocation(request, number: int):
    """The latest run: who is placed where, what changed since the run before, the unplaced."""
    cohort = _cohort(number)
    run = queries.latest_run(cohort=cohort)
    rows, unplaced = queries.run_summary(run) if run else ([], [])
    return render(
        request,
        "offers/allocation.html",
        {
            "cohort": cohort,
            "run": run,
            "rows": rows,
            "unplaced": unplaced,
            "changes": queries.run_changes(run) if run else None,
            "runs": queries.runs_of(cohort=cohort),
            "may_run": request.user.has_role(Role.NATIONAL_ADMIN),
            "national": request.user.has_role(Role.NATIONAL_ADMIN),
            "closed": queries.is_closed(cohort),
        },
    )


def _cohort_button(request, number: int, service, success: str, page: str):
    """A national team's button for the whole cohort: its service on a POST, then back."""
    cohort = _cohort(number)
    if request.method == "POST":
        act(request, lambda: service(actor=request.user, cohort=cohort), success)
    return redirect(page, number=number)


@access(ADMIN)
def allocation_run(request, number: int):
    return _cohort_button(
        request,
        number,
        services.allocation_dry_run,
        "Dry run finished: check the result before you confirm it",
        "offers:allocation",
    )


@access(ADMIN)
def allocation_confirm(request, number: int, run_pk: int):
    cohort = _cohort(number)
    run = get_object_or_404(queries.runs_qs(cohort=cohort), pk=run_pk)
    if request.method == "POST":
        act(
            request,
            lambda: services.allocation_confirm(actor=request.user, run=run),
            "Allocation confirmed: each partnership's coordinator now places its candidates "
            "with host authorities and makes the offers",
        )
    return redirect("offers:allocation", number=number)


@access(NATIONAL)
def allocation_input(request, number: int, run_pk: int):
    """A run's inputs as ``manage.py allocate --input`` reads them, for planning offline."""
    run = get_object_or_404(queries.runs_qs(cohort=_cohort(number)), pk=run_pk)
    filename = f"allocation-cohort-{number}-run-{run.number}.json"
    download_record(
        actor=request.user,
        record=run,
        event="download.allocation_input",
        summary=f"Downloaded the inputs of allocation run {run.number}",
        filename=filename,
    )
    response = JsonResponse(run.inputs, json_dumps_params={"indent": 1})
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# Places and reserves, across the country.


@access(NATIONAL)
def places(request, number: int):
    cohort = _cohort(number)
    form = forms.PoolAddForm()
    return render(request, "offers/places.html", _places_context(request, cohort, form))


def _places_context(request, cohort, form) -> dict:
    return {
        "cohort": cohort,
        "rows": queries.places_by_partnership(cohort=cohort),
        "pool": queries.pool_of(cohort=cohort),
        "reserves": queries.reserves_of(cohort=cohort),
        "closure": queries.closure_of(cohort),
        "confirmed": queries.confirmed_run(cohort=cohort),
        "may_act": request.user.has_role(Role.NATIONAL_ADMIN),
        "form": form,
    }


@access(ADMIN)
def places_fill(request, number: int):
    return _cohort_button(
        request,
        number,
        services.places_fill,
        "Unfilled places offered to the next reserves, where there were any",
        "offers:places",
    )


@access(ADMIN)
def pool_add(request, number: int):
    cohort = _cohort(number)
    form = forms.PoolAddForm(*posted(request))
    if service_accepted(
        request,
        form,
        lambda: services.pool_add(
            actor=request.user, application=_application(cohort, form.cleaned_data["reference"])
        ),
        fields={"application": "reference"},
        success="Added to the national reserve pool",
    ):
        return redirect("offers:places", number=number)
    if request.method != "POST":
        return redirect("offers:places", number=number)
    return render(request, "offers/places.html", _places_context(request, cohort, form))


def _application(cohort: Cohort, reference: str) -> Application:
    application = Application.objects.filter(cohort=cohort, reference=reference.strip()).first()
    if application is None:
        raise ValidationError(
            {
                "application": f"No application in cohort {cohort.number} has the reference "
                f"{reference.strip()}: check it and try again"
            }
        )
    return application


@access(ADMIN)
def recruitment_close(request, number: int):
    cohort = _cohort(number)
    form = forms.ReasonForm(
        *posted(request),
        label="Why is recruitment closing?",
        required_message="Enter why recruitment is closing",
        help_text="For example, the programme starts too soon for another offer.",
    )
    if service_accepted(
        request,
        form,
        lambda: services.recruitment_close(
            actor=request.user, cohort=cohort, reason=form.cleaned_data["reason"]
        ),
        success=f"Recruitment to cohort {cohort.number} closed: no more offers will be made",
    ):
        return redirect("offers:places", number=number)
    return render(request, "offers/close.html", {"cohort": cohort, "form": form})


# A partnership's offers.


def _partnership(request, pk: int):
    return get_object_or_404(partnerships_visible_to(request.user), pk=pk)


@access(PARTNERSHIP_STAFF)
def partnership_offers(request, pk: int):
    partnership = _partnership(request, pk)
    offers = queries.offers_of(partnership=partnership)
    return render(
        request,
        "offers/partnership.html",
        {
            "partnership": partnership,
            "offers": offers,
            "proposed": [o for o in offers if o.status == OfferStatus.PROPOSED],
            "late": queries.late_agreements(partnership=partnership, today=timezone.localdate()),
            "terms": queries.terms_for(partnership),
            "may_change": queries.may_change_partnership(request.user, partnership),
            "places": partnership.total_places,
            "live": queries.live_count(partnership),
        },
    )


@access(CHANGERS)
def offers_make(request, pk: int):
    partnership = _partnership(request, pk)
    if request.method == "POST":
        act(
            request,
            lambda: services.offers_make(actor=request.user, partnership=partnership),
            "Offers made: each candidate has been emailed",
        )
    return redirect("offers:partnership-offers", pk=pk)


@access(CHANGERS)
def terms(request, pk: int):
    partnership = _partnership(request, pk)
    if not queries.may_change_partnership(request.user, partnership):
        raise Http404("Not a partnership you coordinate")
    current = queries.terms_for(partnership)
    form = forms.TermsForm(
        *posted(request),
        initial={
            "bursary_pence": current.bursary_pence,
            "repayment_terms": current.repayment_terms,
            "repayment_basis": current.repayment_basis,
            "respond_within_days": current.respond_within_days,
            "sign_by_days_before_start": current.sign_by_days_before_start,
            "template": current.template,
        },
    )
    if service_accepted(
        request,
        form,
        lambda: services.terms_save(
            actor=request.user, partnership=partnership, **form.cleaned_data
        ),
        success="Agreement terms saved",
    ):
        return redirect("offers:partnership-offers", pk=pk)
    return render(request, "offers/terms.html", {"partnership": partnership, "form": form})


# One offer.


def _offer(request, offer_pk: int):
    return get_object_or_404(queries.offers_visible_to(request.user), pk=offer_pk)


@access(PARTNERSHIP_STAFF)
def offer_detail(request, offer_pk: int):
    offer = _offer(request, offer_pk)
    may_change = queries.may_change(request.user, offer)
    members = PartnershipAuthority.objects.filter(partnership=offer.partnership).select_related(
        "authority"
    )
    form = forms.HostForm(*posted(request), members=members, initial={"host": offer.host_id})
    if may_change and service_accepted(
        request,
        form,
        lambda: services.offer_host_change(
            actor=request.user, offer=offer, host_id=form.cleaned_data["host"]
        ),
        fields={"host_id": "host"},
        success="Host authority changed",
    ):
        return redirect("offers:offer-detail", offer_pk=offer.pk)
    conditions = list(offer.conditions.select_related("owner", "verified_by"))
    return render(
        request,
        "offers/offer.html",
        {
            "offer": offer,
            "form": form,
            "may_change": may_change,
            "conditions": conditions,
            "mine": {c.pk for c in conditions if queries.may_verify(request.user, c)},
            "agreement": getattr(offer, "agreement", None),
            "history": queries.offer_history(offer),
        },
    )


@access(CHANGERS)
def offer_withdraw(request, offer_pk: int):
    offer = _offer(request, offer_pk)
    if not queries.may_change(request.user, offer):
        raise Http404("Not an offer you can change")
    form = forms.ReasonForm(
        *posted(request),
        label="Why are you withdrawing the offer?",
        required_message="Enter why you are withdrawing the offer",
        help_text="For example, a discrepancy found in a check. The candidate is not shown this.",
    )
    if service_accepted(
        request,
        form,
        lambda: services.offer_withdraw(
            actor=request.user, offer=offer, reason=form.cleaned_data["reason"]
        ),
        success="Offer withdrawn: the place has gone to the next reserve, if there is one",
    ):
        return redirect("offers:offer-detail", offer_pk=offer.pk)
    return render(request, "offers/withdraw.html", {"offer": offer, "form": form})


@access(CHECKERS)
def condition(request, condition_pk: int):
    """Record the evidence that a condition is met, or reopen one met by mistake."""
    found = get_object_or_404(queries.conditions_owned_by(request.user), pk=condition_pk)
    reopening = found.status == ConditionStatus.MET
    if reopening:
        form = forms.ReasonForm(
            *posted(request),
            label="Why are you reopening this check?",
            required_message="Enter why you are reopening this check",
        )
        action = lambda: services.condition_reopen(  # noqa: E731
            actor=request.user, condition=found, reason=form.cleaned_data["reason"]
        )
    else:
        form = forms.EvidenceForm(*posted(request))
        action = lambda: services.condition_meet(  # noqa: E731
            actor=request.user, condition=found, evidence=form.cleaned_data["evidence"]
        )
    if service_accepted(
        request,
        form,
        action,
        fields={"evidence": "evidence"},
        success=f"{found.get_kind_display()}: reopened"
        if reopening
        else f"{found.get_kind_display()}: recorded as met",
    ):
        return redirect("offers:offer-detail", offer_pk=found.offer_id)
    return render(
        request,
        "offers/condition.html",
        {"condition": found, "form": form, "reopening": reopening},
    )


@access(CHECKERS)
def conditions(request):
    """The checks the person's organisations own, outstanding first."""
    return render(
        request,
        "offers/conditions.html",
        {"conditions": list(queries.conditions_owned_by(request.user))},
    )


# The agreement.


@access(PARTNERSHIP_STAFF)
def agreement(request, offer_pk: int):
    offer = _offer(request, offer_pk)
    found = getattr(offer, "agreement", None)
    if found is None:
        raise Http404("No agreement yet: it is generated when the offer is unconditional")
    return render(request, "offers/agreement.html", {"offer": offer, "agreement": found})


@access(CHANGERS)
def agreement_dates(request, offer_pk: int):
    offer = _offer(request, offer_pk)
    found = getattr(offer, "agreement", None)
    if found is None or not queries.may_change(request.user, offer):
        raise Http404("No agreement of yours")
    form = forms.AgreementDatesForm(
        *posted(request), initial={"sent_on": found.sent_on, "signed_on": found.signed_on}
    )
    if service_accepted(
        request,
        form,
        lambda: services.agreement_record(actor=request.user, agreement=found, **form.cleaned_data),
        success="Agreement dates saved",
    ):
        return redirect("offers:offer-detail", offer_pk=offer.pk)
    return render(
        request, "offers/agreement_dates.html", {"offer": offer, "agreement": found, "form": form}
    )
