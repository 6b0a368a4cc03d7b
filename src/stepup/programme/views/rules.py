"""A cohort's funding rates and eligibility rules."""

from django.shortcuts import get_object_or_404, redirect

from stepup.core.access import access
from stepup.core.form_flow import posted, service_accepted
from stepup.programme import forms, queries, services
from stepup.programme.models import (
    Cohort,
    FundingRate,
)
from stepup.programme.views.common import (
    ADMIN,
    STAFF,
    _changeable,
    _form_page,
    _page,
    _rules_shown,
    _visible,
)

# Funding rates


_FUNDING = {"done": "programme:funding", "section": "funding"}


@access(STAFF)
def funding(request, number: int):
    cohort = _visible(request, number)
    rules = _rules_shown(request, cohort)
    example_form = forms.FundingExampleForm(
        request.GET if "trainees" in request.GET else None, initial={"trainees": 26}
    )
    trainees = 26
    if example_form.is_bound:
        trainees = example_form.cleaned_data["trainees"] if example_form.is_valid() else None
    return _page(
        request,
        "funding.html",
        cohort,
        "funding",
        rules=rules,
        is_current=rules.pk == cohort.current_rules.pk,
        rates=[(rate, queries.describe_basis(rate)) for rate in rules.funding_rates.all()],
        example_form=example_form,
        estimate=queries.funding_for(rules=rules, trainees=trainees)
        if trainees is not None
        else None,
    )


def _rate_arguments(form) -> dict:
    data = form.cleaned_data
    return {
        "label": data["label"],
        "basis": data["basis"],
        "amount_pence": data["amount"],
        "band_min": data.get("band_min"),
        "band_max": data.get("band_max"),
        "reason": form.reason,
    }


@access(ADMIN)
def funding_rate_add(request, number: int):
    cohort = _changeable(request, number)
    form = forms.FundingRateForm(*posted(request), cohort=cohort)
    return _form_page(
        request,
        cohort,
        form=form,
        save=lambda: services.funding_rate_add(
            actor=request.user, cohort=cohort, **_rate_arguments(form)
        ),
        success="Funding line added",
        fields=forms.FUNDING_FIELDS,
        **_FUNDING,
        template="funding_rate_form.html",
        rate=None,
    )


def _current_row(cohort: Cohort, model, pk: int):
    """A row of the current rules; rows of earlier versions are never changed."""
    return get_object_or_404(model, pk=pk, rules=cohort.current_rules)


@access(ADMIN)
def funding_rate_update(request, number: int, pk: int):
    cohort = _changeable(request, number)
    rate = _current_row(cohort, FundingRate, pk)
    initial = {
        "label": rate.label,
        "basis": rate.basis,
        "amount": rate.amount_pence,
        "band_min": rate.band_min,
        "band_max": rate.band_max,
    }
    form = forms.FundingRateForm(*posted(request), initial=initial, cohort=cohort)
    return _form_page(
        request,
        cohort,
        form=form,
        save=lambda: services.funding_rate_update(
            actor=request.user, cohort=cohort, rate=rate, **_rate_arguments(form)
        ),
        success="Funding line saved",
        fields=forms.FUNDING_FIELDS,
        **_FUNDING,
        template="funding_rate_form.html",
        rate=rate,
    )


@access(ADMIN)
def funding_rate_remove(request, number: int, pk: int):
    cohort = _changeable(request, number)
    rate = _current_row(cohort, FundingRate, pk)
    return _confirm_remove(
        request,
        cohort,
        section="funding",
        thing=f"the funding line “{rate.label}”",
        remove=lambda reason: services.funding_rate_remove(
            actor=request.user, cohort=cohort, rate=rate, reason=reason
        ),
        done="programme:funding",
        success="Funding line removed",
    )


def _confirm_remove(request, cohort, *, section, thing, remove, done, success, detail=""):
    form = forms.ConfirmRulesChangeForm(*posted(request), cohort=cohort)
    if service_accepted(request, form, lambda: remove(form.reason), success=success):
        return redirect(done, number=cohort.number)
    return _page(
        request,
        "confirm_remove.html",
        cohort,
        section,
        form=form,
        thing=thing,
        detail=detail,
        cancel=done,
    )


# Eligibility


@access(STAFF)
def eligibility(request, number: int):
    cohort = _visible(request, number)
    rules = _rules_shown(request, cohort)
    return _page(
        request,
        "eligibility.html",
        cohort,
        "eligibility",
        rules=rules,
        is_current=rules.pk == cohort.current_rules.pk,
    )


@access(ADMIN)
def eligibility_update(request, number: int):
    cohort = _changeable(request, number)
    form = forms.EligibilityForm(
        *posted(request),
        initial=forms.EligibilityForm.initial_for(cohort.current_rules),
        cohort=cohort,
    )
    if service_accepted(
        request,
        form,
        lambda: services.eligibility_update(
            actor=request.user, cohort=cohort, reason=form.reason, **form.rules()
        ),
        success="Eligibility rules saved",
    ):
        return redirect("programme:eligibility", number=cohort.number)
    return _page(request, "eligibility_form.html", cohort, "eligibility", form=form)
