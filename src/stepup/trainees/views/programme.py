"""Early warnings, the programme of study, uploading results and the outcomes table."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from stepup.accounts.models import Organisation
from stepup.accounts.roles import NATIONAL_TEAM, Role
from stepup.core.access import access, roles
from stepup.core.form_flow import form_round_trip, posted
from stepup.programme.models import Cohort
from stepup.trainees import forms, queries, services
from stepup.trainees.models import EarlyWarning, Module
from stepup.trainees.results_import import results_import
from stepup.trainees.views.common import RECORDERS, SHARERS, TUTORS, recorded_by, to_record

NATIONAL = roles(*NATIONAL_TEAM)


@access(SHARERS)
def warnings(request):
    return render(
        request,
        "trainees/warnings.html",
        {"warnings": list(queries.warnings_visible_to(request.user))},
    )


@access(RECORDERS)
def warning_resolve(request, warning_pk: int):
    warning = get_object_or_404(EarlyWarning, pk=warning_pk)
    trainee = recorded_by(request, warning.trainee_id)
    form = forms.ResolveForm(*posted(request))
    return to_record(
        request,
        trainee,
        form,
        lambda: services.warning_resolve(
            actor=request.user, warning=warning, resolution=form.cleaned_data["resolution"]
        ),
        success="Warning resolved",
        title=f"{warning.get_kind_display()}: {warning.detail}",
        button="Resolve the warning",
    )


def _universities(user):
    return Organisation.objects.filter(
        pk__in=user.organisation_ids_with_role(Role.UNIVERSITY_TUTOR)
    ).order_by("name")


@access(TUTORS)
def programme(request, number: int):
    cohort = get_object_or_404(Cohort, number=number)
    modules = list(
        Module.objects.filter(cohort=cohort, university__in=_universities(request.user))
        .select_related("university")
        .prefetch_related("assessments")
    )
    return render(request, "trainees/programme.html", {"cohort": cohort, "modules": modules})


@access(TUTORS)
def module_add(request, number: int):
    cohort = get_object_or_404(Cohort, number=number)
    university = _universities(request.user).first()
    form = forms.ModuleForm(*posted(request))
    return form_round_trip(
        request,
        form,
        lambda: services.module_add(
            actor=request.user, university=university, cohort=cohort, **form.cleaned_data
        ),
        success="Module added",
        done=reverse("trainees:programme", kwargs={"number": number}),
        title="Add a module",
        caption=f"{university}, cohort {cohort.number}",
        button="Add the module",
        back_text="Back to the programme",
    )


@access(TUTORS)
def assessment_add(request, module_pk: int):
    module = get_object_or_404(
        Module.objects.filter(university__in=_universities(request.user)), pk=module_pk
    )
    form = forms.AssessmentForm(*posted(request))
    return form_round_trip(
        request,
        form,
        lambda: services.assessment_add(actor=request.user, module=module, **form.cleaned_data),
        success="Assessment added",
        done=reverse("trainees:programme", kwargs={"number": module.cohort.number}),
        title="Add an assessment",
        caption=module.name,
        button="Add the assessment",
        back_text="Back to the programme",
    )


@access(RECORDERS)
def results_upload(request):
    form = forms.UploadForm(*posted(request, files=True))
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = results_import(
            actor=request.user,
            content=form.cleaned_data["file"].read(),
            skip_invalid=form.cleaned_data["skip_invalid"],
        )
    return render(request, "trainees/upload.html", {"form": form, "outcome": outcome})


@access(NATIONAL)
def outcomes(request, number: int):
    cohort = get_object_or_404(Cohort, number=number)
    return render(
        request,
        "trainees/outcomes.html",
        {"cohort": cohort, "rows": queries.outcomes_table(cohort=cohort)},
    )
