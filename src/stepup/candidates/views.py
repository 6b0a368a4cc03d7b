"""The public pages about a recruiting cohort, and a candidate's own application.

Candidate pages find the application among the signed-in candidate's own
(``queries.applications_of``), so anyone else's is "not found", for a GET or a crafted POST.
"""

from urllib.parse import urlencode

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from stepup.accounts import services as accounts_services
from stepup.accounts.views.account import check_email_redirect, remember_account_made
from stepup.applications import forms, queries, services
from stepup.applications.sections import BY_KEY, FORM_SECTIONS, SECTIONS
from stepup.candidates import services as candidate_services
from stepup.core.access import CANDIDATE, PUBLIC, access
from stepup.core.form_flow import posted, service_accepted
from stepup.core.formatting import lower_first
from stepup.core.reads import download_record
from stepup.core.uploads import download_name
from stepup.programme.models import DegreeClass, GcseMinimum
from stepup.programme.queries import candidate_timetable


def _recruiting(number: int):
    return get_object_or_404(queries.recruiting_cohorts(), number=number)


# Public pages


@access(PUBLIC)
def apply_list(request):
    return render(
        request, "applications/apply_list.html", {"cohorts": queries.recruiting_cohorts()}
    )


def eligibility_in_words(rules) -> list[str]:
    """The cohort's eligibility rules as a candidate reads them."""
    lines = [
        f"a degree in any subject at {DegreeClass(rules.min_degree_class).label.lower()} "
        "or higher, or an overseas degree of the same standard"
        + (
            f" (a degree in {rules.excluded_degree_subject.lower()} does not count: Step Up "
            "is for graduates of other subjects)"
            if rules.excluded_degree_subject
            else ""
        ),
        f"GCSE English at {lower_first(GcseMinimum(rules.gcse_english_minimum).label)} or "
        "above, or an equivalent qualification",
        f"GCSE Maths at {lower_first(GcseMinimum(rules.gcse_maths_minimum).label)} or above, "
        "or an equivalent qualification",
    ]
    if rules.experience_required:
        lines.append("experience with children, young people or families, paid or voluntary")
    if rules.right_to_work_required:
        lines.append("the right to study and work in the UK")
    return lines


@access(PUBLIC)
def apply_cohort(request, number: int):
    cohort = _recruiting(number)
    rules = cohort.current_rules
    return render(
        request,
        "applications/apply_cohort.html",
        {
            "cohort": cohort,
            "partnerships": queries.cohort_public_partnerships(cohort),
            "eligibility": eligibility_in_words(rules),
            "limits": queries.word_limits(cohort),
            "milestones": candidate_timetable(cohort=cohort),
            "window": queries.application_window(cohort),
            "window_open": services.window_is_open(cohort),
            "closed_message": services.window_closed_message(cohort),
            "existing": queries.application_in(request.user, cohort),
        },
    )


@access(PUBLIC)
def create_account(request, number: int):
    cohort = _recruiting(number)
    if request.user.is_authenticated:
        return render(request, "applications/create_account_signed_in.html", {"cohort": cohort})
    form = forms.AccountForm(*posted(request))
    made = {}
    if service_accepted(
        request,
        form,
        lambda: made.update(
            user=accounts_services.candidate_account_create(
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                next_path=reverse("applications:start", kwargs={"number": cohort.number}),
            )
        ),
    ):
        # This browser chose the password, so may confirm without choosing another.
        remember_account_made(request, made.get("user"))
        # The same page whether or not the address had an account: its owner is emailed.
        return check_email_redirect(
            request, form.cleaned_data["email"].strip().lower(), why="confirm"
        )
    sign_in_url = (
        reverse("accounts:sign-in")
        + "?"
        + urlencode({"next": reverse("applications:start", kwargs={"number": cohort.number})})
    )
    return render(
        request,
        "applications/create_account.html",
        {"form": form, "cohort": cohort, "sign_in_url": sign_in_url},
    )


@access(CANDIDATE)
def start(request, number: int):
    """A page with one button: starting makes the application (one per cohort)."""
    cohort = _recruiting(number)
    existing = queries.application_in(request.user, cohort)
    if existing is not None:
        return render(
            request,
            "applications/already_applied.html",
            {"cohort": cohort, "application": existing},
        )
    if request.method == "POST":
        try:
            application = services.application_start(candidate=request.user, cohort=cohort)
        except ValidationError as error:
            return render(
                request,
                "applications/start.html",
                {"cohort": cohort, "errors": error.messages},
            )
        return redirect("applications:application", reference=application.reference)
    return render(request, "applications/start.html", {"cohort": cohort, "errors": []})


# The candidate's own pages


def own_application(request, reference: str):
    """The signed-in candidate's application; "not found" for anyone else's."""
    return get_object_or_404(queries.applications_of(request.user), reference=reference)


def equality_url(application) -> str:
    return reverse("applications:equality", kwargs={"reference": application.reference})


@access(CANDIDATE)
def home(request):
    return render(
        request,
        "applications/home.html",
        {
            "applications": queries.applications_of(request.user).order_by("-created_at"),
            "cohorts": queries.recruiting_cohorts(),
        },
    )


@access(CANDIDATE)
def application(request, reference: str):
    application = own_application(request, reference)
    if not queries.is_changeable(application):
        return redirect("applications:status", reference=application.reference)
    return render(
        request,
        "applications/task_list.html",
        {
            "application": application,
            "tasks": queries.task_list(application),
            "done": queries.sections_done(application),
            "total": len(SECTIONS),
            "equality_url": equality_url(application),
        },
    )


def _read_only(request, application):
    """Every page that changes an application says so, once it has been submitted."""
    return render(request, "applications/read_only.html", {"application": application})


def _remove_page(request, application, *, remove, success, back, template, **context):
    """Confirm, then remove something from the application. If it was submitted meanwhile
    (in another tab), the service refuses and the candidate is told it can no longer change."""
    if request.method == "POST":
        try:
            remove()
        except ValidationError:
            return _read_only(request, application)
        messages.success(request, success)
        return redirect(back, reference=application.reference)
    return render(request, template, {"application": application, **context})


def _section_form(request, application, key: str):
    form_class = forms.SECTION_FORMS[key]
    kwargs = {"initial": forms.section_initial(application, BY_KEY[key].fields)}
    if key == "questions":
        kwargs["limits"] = queries.word_limits(application.cohort)
    if key == "partnerships":
        kwargs["partnerships"] = list(queries.approved_partnerships(application.cohort))
    if application.sections_completed and key in application.sections_completed:
        kwargs["initial"]["completed"] = "yes"
    return form_class(*posted(request), **kwargs)


@access(CANDIDATE)
def section(request, reference: str, section: str):
    application = own_application(request, reference)
    if section not in FORM_SECTIONS:
        raise Http404("No such section")
    if not queries.is_changeable(application):
        return _read_only(request, application)
    form = _section_form(request, application, section)
    if service_accepted(
        request,
        form,
        lambda: services.application_section_save(
            candidate=request.user,
            application=application,
            section=section,
            data=form.section_data(),
        ),
        success=f"“{BY_KEY[section].title}” saved",
    ):
        return redirect("applications:application", reference=application.reference)
    return render(
        request,
        f"applications/section_{section.replace('-', '_')}.html",
        {"application": application, "form": form, "section": BY_KEY[section]},
    )


def _completed_form(request, application, key: str):
    initial = {"completed": "yes"} if key in application.sections_completed else {}
    return forms.CompletedForm(*posted(request), initial=initial)


def _list_section(request, reference: str, key: str, listed: str, rows):
    """A section that is a list the candidate builds (experience, documents), then marks
    as complete or not."""
    application = own_application(request, reference)
    if not queries.is_changeable(application):
        return _read_only(request, application)
    form = _completed_form(request, application, key)
    if service_accepted(
        request,
        form,
        lambda: services.application_section_mark(
            candidate=request.user,
            application=application,
            section=key,
            completed=form.section_data()["completed"],
        ),
        success=f"“{BY_KEY[key].title}” saved",
    ):
        return redirect("applications:application", reference=application.reference)
    return render(
        request,
        f"applications/{key}.html",
        {
            "application": application,
            "form": form,
            listed: rows(application),
            "section": BY_KEY[key],
        },
    )


@access(CANDIDATE)
def experience(request, reference: str):
    return _list_section(request, reference, "experience", "experiences", queries.experiences_of)


def _experience_page(request, application, experience=None):
    initial = {}
    if experience is not None:
        initial = {
            name: getattr(experience, name)
            for name in ("kind", "role", "organisation", "started_on", "ended_on", "hours_per_week")
        }
        initial["ongoing"] = experience.ended_on is None
    form = forms.ExperienceForm(*posted(request), initial=initial)
    if experience is None:
        action = lambda: services.experience_add(  # noqa: E731
            candidate=request.user, application=application, data=form.cleaned_data
        )
        success = "Experience added"
    else:
        action = lambda: services.experience_update(  # noqa: E731
            candidate=request.user, experience=experience, data=form.cleaned_data
        )
        success = "Experience changed"
    if service_accepted(request, form, action, success=success):
        return redirect("applications:experience", reference=application.reference)
    return render(
        request,
        "applications/experience_form.html",
        {"application": application, "form": form, "experience": experience},
    )


@access(CANDIDATE)
def experience_add(request, reference: str):
    application = own_application(request, reference)
    if not queries.is_changeable(application):
        return _read_only(request, application)
    return _experience_page(request, application)


@access(CANDIDATE)
def experience_change(request, reference: str, pk: int):
    application = own_application(request, reference)
    experience = get_object_or_404(application.experiences, pk=pk)
    if not queries.is_changeable(application):
        return _read_only(request, application)
    return _experience_page(request, application, experience)


@access(CANDIDATE)
def experience_remove(request, reference: str, pk: int):
    application = own_application(request, reference)
    experience = get_object_or_404(application.experiences, pk=pk)
    if not queries.is_changeable(application):
        return _read_only(request, application)
    return _remove_page(
        request,
        application,
        remove=lambda: services.experience_remove(candidate=request.user, experience=experience),
        success="Experience removed",
        back="applications:experience",
        template="applications/experience_remove.html",
        experience=experience,
    )


@access(CANDIDATE)
def documents(request, reference: str):
    return _list_section(request, reference, "documents", "documents", queries.documents_of)


@access(CANDIDATE)
def document_upload(request, reference: str):
    application = own_application(request, reference)
    if not queries.is_changeable(application):
        return _read_only(request, application)
    form = forms.DocumentForm(*posted(request, files=True))
    if service_accepted(
        request,
        form,
        lambda: services.document_upload(
            candidate=request.user,
            application=application,
            kind=form.cleaned_data["kind"],
            file=form.cleaned_data["file"],
        ),
        success="Document uploaded",
    ):
        return redirect("applications:documents", reference=application.reference)
    return render(
        request, "applications/document_upload.html", {"application": application, "form": form}
    )


@access(CANDIDATE)
def document_download(request, reference: str, pk: int):
    application = own_application(request, reference)
    document = get_object_or_404(application.documents, pk=pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing") from None
    filename = download_name(document.original_name, document.content_type)
    download_record(
        actor=request.user,
        record=application,
        event="download.own_document",
        summary="Downloaded their own uploaded document",
        filename=filename,
    )
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type=document.content_type,
    )


@access(CANDIDATE)
def document_remove(request, reference: str, pk: int):
    application = own_application(request, reference)
    document = get_object_or_404(application.documents, pk=pk)
    if not queries.is_changeable(application):
        return _read_only(request, application)
    return _remove_page(
        request,
        application,
        remove=lambda: services.document_remove(candidate=request.user, document=document),
        success="Document removed",
        back="applications:documents",
        template="applications/document_remove.html",
        document=document,
    )


@access(CANDIDATE)
def check_answers(request, reference: str):
    application = own_application(request, reference)
    if not queries.is_changeable(application):
        return _read_only(request, application)
    form = django_forms.Form(*posted(request))
    if service_accepted(
        request,
        form,
        lambda: candidate_services.application_submit(
            candidate=request.user, application=application
        ),
    ):
        return redirect("applications:submitted", reference=application.reference)
    return render(
        request,
        "applications/check_answers.html",
        {
            "application": application,
            "form": form,
            "summary": queries.answers_summary(application),
            "experiences": queries.experiences_of(application),
            "documents": queries.documents_of(application),
            "limits": queries.word_limits(application.cohort),
            "problems": services.submission_problems(application),
        },
    )
