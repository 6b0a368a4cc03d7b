"""Applications for staff (ADR 0014): a list to find any application they may see, and its
page with the evidence, the decisions and the history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from stepup.accounts.roles import NATIONAL_TEAM
from stepup.applications.models import WAITING_FOR_A_SIFT_MARK, Application, ApplicationStatus
from stepup.core.access import access, roles
from stepup.core.audit import audit_record, history_for
from stepup.core.form_flow import posted, service_accepted
from stepup.core.models import AuditEntry
from stepup.core.pagination import IdsFirstPaginator, govuk_pagination
from stepup.core.params import whole_number
from stepup.core.reads import read_record
from stepup.core.uploads import download_name
from stepup.programme.models import Cohort
from stepup.programme.queries import cohort_for_report
from stepup.selection import application_queries as found
from stepup.selection import forms, queries, services
from stepup.selection.models import SiftRound

LISTERS = roles(*found.LISTERS)
PAGE_SIZE = 50


def _options(items, chosen, everything: str = "") -> list[dict]:
    """A select's items, ``chosen`` selected; first a blank "everything" item if named."""
    blank = [{"value": "", "text": everything, "selected": chosen in (None, "")}]
    return (blank if everything else []) + [
        {"value": value, "text": text, "selected": str(value) == str(chosen)}
        for value, text in items
    ]


@access(LISTERS)
def application_list(request):
    search = request.GET.get("q", "")[:200]
    number = whole_number(request.GET.get("cohort"))
    cohort = Cohort.objects.filter(number=number).first() if number is not None else None
    partnerships = found.partnerships_for_applications(request.user).select_related("cohort")
    if cohort is not None:
        partnerships = partnerships.filter(cohort=cohort)
    partnership_pk = whole_number(request.GET.get("partnership"))
    partnership = (
        partnerships.filter(pk=partnership_pk).first() if partnership_pk is not None else None
    )
    status = request.GET.get("status", "")
    if status not in ApplicationStatus.values or status == ApplicationStatus.DRAFT:
        status = ""
    page = IdsFirstPaginator(
        found.application_list(
            user=request.user,
            search=search,
            cohort=cohort,
            partnership=partnership,
            status=status,
        ),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    labels = dict(ApplicationStatus.choices)
    return render(
        request,
        "selection/application_list.html",
        {
            "page": page,
            "applications": list(page.object_list),
            "pagination": govuk_pagination(request, page),
            "search": search,
            "filtered": bool(search or cohort or partnership or status),
            "labels": labels,
            "cohort_options": _options(
                Cohort.objects.order_by("-number").values_list("number", "name"),
                cohort.number if cohort else None,
                "All cohorts",
            ),
            "partnership_options": _options(
                ((p.pk, f"{p.name} (cohort {p.cohort.number})") for p in partnerships),
                partnership.pk if partnership else None,
                "All partnerships",
            ),
            "status_options": _options(
                ((value, text) for value, text in labels.items() if value != "draft"),
                status,
                "Any status",
            ),
        },
    )


@access(LISTERS)
def application_detail(request, reference: str):
    record = found.application_for_staff(user=request.user, reference=reference)
    if record is None:
        raise Http404("No such application")
    application = record.application
    read_record(
        actor=request.user,
        record=application,
        event="application.viewed",
        summary="Opened the application",
    )
    return render(
        request,
        "selection/application_detail.html",
        {
            "application": application,
            "eligibility": record.eligibility,
            "sift": record.sift,
            "checks": queries.eligibility_checks_for(application=application),
            "experiences": list(application.experiences.all()),
            "documents": list(application.documents.order_by("uploaded_at", "pk")),
            "history": history_for(application),
            "may_decide": application.status == ApplicationStatus.ELIGIBILITY_REVIEW
            and queries.may_decide_eligibility(request.user),
            "waiting_for_sift": _waiting_for_sift(application),
            "may_assign": queries.may_assign_sift(request.user, application),
            "round_labels": dict(SiftRound.choices),
            "notes": queries.application_notes(application),
        },
    )


@access(LISTERS)
def application_note_add(request, reference: str):
    application = get_object_or_404(
        found.applications_listable_by(request.user), reference=reference
    )
    form = forms.ApplicationNoteForm(*posted(request))
    if service_accepted(
        request,
        form,
        lambda: services.application_note_add(
            actor=request.user, application=application, text=form.cleaned_data["text"]
        ),
        success="Note added",
    ):
        return redirect(
            reverse("selection:application-detail", kwargs={"reference": reference}) + "#notes"
        )
    return render(
        request, "selection/application_note_add.html", {"application": application, "form": form}
    )


def _waiting_for_sift(application: Application) -> bool:
    return Application.objects.filter(WAITING_FOR_A_SIFT_MARK, pk=application.pk).exists()


@access(LISTERS)
def sift_assign(request, reference: str):
    """Give the application's next sift mark to one sifter, or back to the shared queue."""
    application = get_object_or_404(
        found.applications_listable_by(request.user).select_related("cohort", "sift_assignee"),
        reference=reference,
    )
    if not queries.may_assign_sift(request.user, application):
        raise PermissionDenied("Only whoever runs this application's sift can choose its sifter")
    detail = redirect("selection:application-detail", reference=reference)
    if not _waiting_for_sift(application):
        return detail
    form = forms.SiftAssignForm(
        *posted(request),
        sifters=queries.sifters_for(application),
        current=application.sift_assignee,
    )
    if service_accepted(
        request,
        form,
        lambda: services.sift_assign(actor=request.user, application=application, **form.chosen()),
    ):
        sifter = form.chosen()["sifter"]
        messages.success(
            request,
            f"Application {reference} is now kept for {sifter.full_name or sifter.email}"
            if sifter
            else f"Application {reference} is back in the shared queue",
        )
        return detail
    return render(
        request,
        "selection/sift_assign.html",
        {
            "application": application,
            "form": form,
            "round_label": dict(SiftRound.choices)[application.sift_round_needed].lower(),
        },
    )


@access(LISTERS)
def application_document(request, reference: str, pk: int):
    """A document the candidate uploaded, for someone who may see the application; audited."""
    application = get_object_or_404(
        found.applications_listable_by(request.user), reference=reference
    )
    return document_response(user=request.user, application=application, pk=pk)


def document_response(*, user, application, pk: int) -> FileResponse:
    """The uploaded file as a download named for what it is; each opening is audited."""
    document = get_object_or_404(application.documents, pk=pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing") from None
    audit_record(
        actor=user,
        record=application,
        action=AuditEntry.Action.VIEWED,
        summary=f"Opened document {document.pk} of application {application.reference}",
        event="evidence.viewed",
        values={"document": document.pk},
    )
    return FileResponse(
        handle,
        as_attachment=True,
        filename=download_name(document.original_name, document.content_type),
        content_type=document.content_type,
    )


@access(LISTERS)
def round_progress(request):
    """The round as a whole: where applications wait, what is decided, who has marked what."""
    cohorts = list(Cohort.objects.order_by("-number"))
    cohort = cohort_for_report(cohorts=cohorts, number=whole_number(request.GET.get("cohort")))
    rows = found.round_progress(user=request.user, cohort=cohort) if cohort else []
    steps = [label for _, label, _ in found.PROGRESS_STEPS]
    totals = [sum(row.counts[i] for row in rows) for i in range(len(steps))]
    sifters = found.sifter_progress(user=request.user, cohort=cohort) if cohort else []
    keys = [key for key, _, _ in found.PROGRESS_STEPS]
    waiting = sum(totals[keys.index(key)] for key in found.WAITING_FOR_A_MARK)
    return render(
        request,
        "selection/round_progress.html",
        {
            "cohort": cohort,
            "cohort_options": _options(
                ((c.number, c.name) for c in cohorts), cohort.number if cohort else None
            ),
            "steps": steps,
            "rows": rows,
            "totals": totals,
            "sifters": sifters,
            "waiting": waiting,
            "shared": waiting - sum(sifter.held for sifter in sifters),
            "national_team": request.user.has_role(*NATIONAL_TEAM),
        },
    )
