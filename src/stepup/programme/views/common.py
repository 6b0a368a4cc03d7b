"""Who may use the programme's pages, and how a page finds its cohort."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from stepup.accounts.roles import STAFF_ROLES, Role
from stepup.core.access import roles
from stepup.core.form_flow import service_accepted
from stepup.core.params import whole_number
from stepup.programme import queries
from stepup.programme.models import (
    Cohort,
)

STAFF = roles(*sorted(STAFF_ROLES), description="Programme staff")
ADMIN = roles(Role.NATIONAL_ADMIN)


def _visible(request, number: int) -> Cohort:
    return get_object_or_404(queries.cohorts_visible_to(request.user), number=number)


def _changeable(request, number: int) -> Cohort:
    return get_object_or_404(queries.cohorts_changeable_by(request.user), number=number)


def _can_change(request) -> bool:
    return request.user.has_role(Role.NATIONAL_ADMIN)


def _rules_shown(request, cohort: Cohort):
    """The current rules, or an earlier version asked for with ?version=N."""
    version = request.GET.get("version", "")
    if not version:
        return cohort.current_rules
    number = whole_number(version)
    if number is None:
        raise Http404("No such version")
    return get_object_or_404(cohort.rule_versions, number=number)


def _page(request, template: str, cohort: Cohort, section: str, **context):
    context.update(cohort=cohort, section=section, can_change=_can_change(request))
    return render(request, f"programme/{template}", context)


def _form_page(
    request,
    cohort: Cohort,
    *,
    form,
    save,
    success: str,
    done: str,
    template: str,
    section: str,
    fields=None,
    **context,
):
    """A form of the cohort's set-up: on a good post ``save`` and go back to ``done``; else
    the page again, with the errors the service gave."""
    if service_accepted(request, form, save, success=success, fields=fields):
        return redirect(done, number=cohort.number)
    return _page(request, template, cohort, section, form=form, **context)
