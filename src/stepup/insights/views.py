"""The insights pages: the funnel, fairness by stage, and outcomes, each with its downloads.

Who sees what (ADR 0019): the national analyst sees every figure; anyone else sees counts
under 5 hidden, with whatever would give them away. Fairness figures are the day's snapshot
and every view or download of them is audited, as the equality report's are (ADR 0012).
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from stepup.accounts.roles import NATIONAL_TEAM, Role
from stepup.core.access import access, roles
from stepup.core.audit import audit_record
from stepup.core.models import AuditEntry
from stepup.core.reads import download_record
from stepup.insights import reports
from stepup.insights.fairness import fairness_snapshot
from stepup.insights.forms import ScopeForm
from stepup.insights.tables import tables_csv, tables_xlsx
from stepup.offers.queries import is_closed
from stepup.partnerships.models import Partnership
from stepup.partnerships.queries import partnerships_changeable_by
from stepup.programme.models import Cohort

FUNNEL = roles(Role.NATIONAL_ADMIN, Role.NATIONAL_ANALYST, Role.COORDINATOR)
FAIRNESS = roles(Role.NATIONAL_ANALYST, Role.COORDINATOR)
NATIONAL = roles(Role.NATIONAL_ADMIN, Role.NATIONAL_ANALYST)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _national(user) -> bool:
    return user.has_role(*NATIONAL_TEAM)


def _protect(user, kind: str = "") -> bool:
    """Only the national analyst sees counts under 5, and only on screen: every download
    hides them, whoever takes it, since a file travels further than a screen (ADR 0022)."""
    return bool(kind) or not user.has_role(Role.NATIONAL_ANALYST)


def _partnerships(user, cohort) -> list[Partnership]:
    """The partnerships whose figures the person may see: all for the national team, their
    own for a coordinator."""
    found = Partnership.objects.filter(cohort=cohort).order_by("name")
    if not _national(user):
        found = found.filter(pk__in=partnerships_changeable_by(user).values("pk"))
    return list(found)


def _cohorts(user) -> list[Cohort]:
    cohorts = Cohort.objects.order_by("-number")
    if not _national(user):
        cohorts = cohorts.filter(partnerships__in=partnerships_changeable_by(user)).distinct()
    return list(cohorts)


@access(FUNNEL)
def home(request):
    return render(
        request,
        "insights/home.html",
        {
            "cohorts": _cohorts(request.user),
            "may_see_fairness": FAIRNESS.allows(request.user),
            "national": _national(request.user),
        },
    )


def _scope(request, number: int):
    """The cohort, the chosen partnership (or None for all) and the form that chose it."""
    cohort = get_object_or_404(Cohort, number=number)
    partnerships = _partnerships(request.user, cohort)
    everyone = _national(request.user)
    if not everyone and not partnerships:
        raise Http404("You coordinate no partnership in this cohort")
    data = request.GET if "partnership" in request.GET else None
    form = ScopeForm(data, partnerships=partnerships, everyone=everyone)
    partnership = None
    if form.is_bound and form.is_valid():
        chosen = form.cleaned_data["partnership"]
        partnership = next((p for p in partnerships if p.pk == chosen), None)
    elif not form.is_bound and not everyone:
        partnership = partnerships[0]
        form = ScopeForm(
            initial={"partnership": partnership.pk}, partnerships=partnerships, everyone=everyone
        )
    return cohort, partnership, form


def _download(tables, *, filename: str, kind: str) -> HttpResponse:
    if kind == "csv":
        response = HttpResponse(tables_csv(tables), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(tables_xlsx(tables), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
    return response


def _suffix(partnership) -> str:
    return f"-{partnership.code}" if partnership else ""


@access(FUNNEL)
def funnel(request, number: int, kind: str = ""):
    cohort, partnership, form = _scope(request, number)
    valid = not form.is_bound or form.is_valid()
    sections = (
        reports.funnel_sections(
            cohort=cohort, partnership=partnership, protect=_protect(request.user, kind)
        )
        if valid
        else []
    )
    if kind:
        if not valid:
            raise Http404("No such partnership")
        filename = f"funnel-{cohort.number}{_suffix(partnership)}"
        download_record(
            actor=request.user,
            record=partnership or cohort,
            event="download.funnel",
            summary=f"Downloaded the funnel of cohort {cohort.number} ({kind.upper()})",
            filename=f"{filename}.{kind}",
        )
        return _download([s.table for s in sections], filename=filename, kind=kind)
    return render(
        request,
        "insights/funnel.html",
        {
            "cohort": cohort,
            "partnership": partnership,
            "form": form,
            "sections": sections,
            "protect": _protect(request.user),
            "page_has_errors": not valid,
            "query": request.GET.urlencode(),
        },
    )


def _fairness_scope(request, cohort, partnership):
    """Whether this person may see these fairness figures now, and why not if not.

    A coordinator decides on candidates, so sees their partnership's figures only once the
    cohort's recruitment is closed, when no decision about a candidate is left to make."""
    if request.user.has_role(Role.NATIONAL_ANALYST):
        return True, ""
    if partnership is None:
        return False, "Select your partnership."
    if not is_closed(cohort):
        return False, (
            "Your partnership's figures by characteristic open when recruitment to this "
            "cohort closes, once no decision about a candidate is left to make. Until then, "
            "the national analyst watches them for every partnership."
        )
    return True, ""


@access(FAIRNESS)
def fairness(request, number: int, kind: str = ""):
    cohort, partnership, form = _scope(request, number)
    valid = not form.is_bound or form.is_valid()
    allowed, why_not = _fairness_scope(request, cohort, partnership) if valid else (False, "")
    snapshot, sections = None, []
    if allowed:
        snapshot = fairness_snapshot(cohort=cohort)
        sections = reports.fairness_sections(
            snapshot=snapshot,
            partnership_id=partnership.pk if partnership else None,
            protect=_protect(request.user, kind),
        )
        audit_record(
            actor=request.user,
            record=cohort,
            action=AuditEntry.Action.VIEWED,
            summary=(
                f"{'Downloaded' if kind else 'Viewed'} fairness by stage for cohort "
                f"{cohort.number}" + (f", {partnership.name}" if partnership else "")
            ),
            event="fairness_report.downloaded" if kind else "fairness_report.viewed",
            values={
                "cohort": cohort.number,
                "partnership": partnership.pk if partnership else None,
            },
        )
    if kind:
        if not allowed:
            raise Http404("These figures are not open to you")
        return _download(
            [table for section in sections for table in section["tables"]],
            filename=f"fairness-{cohort.number}{_suffix(partnership)}",
            kind=kind,
        )
    return render(
        request,
        "insights/fairness.html",
        {
            "cohort": cohort,
            "partnership": partnership,
            "form": form,
            "snapshot": snapshot,
            "sections": sections,
            "why_not": why_not,
            "protect": _protect(request.user),
            "page_has_errors": not valid,
            "query": request.GET.urlencode(),
        },
    )


@access(NATIONAL)
def outcomes(request, number: int, kind: str = ""):
    cohort = get_object_or_404(Cohort, number=number)
    sections = reports.outcome_sections(cohort=cohort, protect=_protect(request.user, kind))
    if kind:
        download_record(
            actor=request.user,
            record=cohort,
            event="download.outcomes",
            summary=f"Downloaded the outcomes of cohort {cohort.number} ({kind.upper()})",
            filename=f"outcomes-{cohort.number}.{kind}",
        )
        return _download(
            [s.table for s in sections], filename=f"outcomes-{cohort.number}", kind=kind
        )
    return render(
        request,
        "insights/outcomes.html",
        {"cohort": cohort, "sections": sections, "protect": _protect(request.user)},
    )
