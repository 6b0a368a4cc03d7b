"""The one way a page turns a posted form into a change.

Services check every rule again and refuse with a ``ValidationError``; these helpers put
that refusal on the form the person is looking at, so a view only says what to call and
where to go next.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.forms.formsets import BaseFormSet
from django.http import HttpRequest
from django.shortcuts import redirect, render


def posted(request: HttpRequest, *, files: bool = False) -> tuple:
    """A form's data, to unpack into it: ``Form(*posted(request))``.

    Bound on every POST, even an empty one, so that it is checked; unbound for a GET."""
    if request.method != "POST":
        return (None, None) if files else (None,)
    return (request.POST, request.FILES) if files else (request.POST,)


def add_service_errors(
    form: BaseForm, error: ValidationError, fields: dict[str, str] | None = None
) -> None:
    """Put a service's refusal on the form: by field where the form has it, else at the top.

    ``fields`` maps a service's argument to the form field it came from, where their
    names differ (``{"amount_pence": "amount"}``)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    fields = fields or {}
    for key, errors in error.error_dict.items():
        name = fields.get(key, key)
        form.add_error(name if name in form.fields else None, errors)


def service_accepted(
    request: HttpRequest,
    form: BaseForm,
    action: Callable[[], object],
    *,
    success: str | None = None,
    formset: BaseFormSet | None = None,
    fields: dict[str, str] | None = None,
) -> bool:
    """True once a POST's form (and formset) is valid and ``action()`` has not refused.

    ``action`` runs only after validation, so it may read ``form.cleaned_data``. A refusal
    goes on the form (``fields`` as for ``add_service_errors``); one not about a field
    goes above the formset's table when there is one. ``success`` is shown on the next
    page. False means: show the page again, with whatever errors it now has."""
    if request.method != "POST":
        return False
    valid = form.is_valid()
    if formset is not None:
        valid = formset.is_valid() and valid
    if not valid:
        return False
    try:
        action()
    except ValidationError as error:
        if formset is not None and not hasattr(error, "error_dict"):
            formset.non_form_errors().extend(error.messages)
        else:
            add_service_errors(form, error, fields)
        return False
    if success:
        messages.success(request, success)
    return True


def act(request, action, success) -> None:
    """Run a button's service; its refusal is shown as a message at the top of the page.
    ``success`` is the message, or a function giving it once the service has run."""
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success() if callable(success) else success)


def form_page(
    request,
    form,
    *,
    title: str,
    caption: str,
    back: str,
    button: str,
    intro: str = "",
    fields=None,
    back_text: str = "Back",
):
    """A page with one form on it, in the house layout (``core/form_page.html``): the error
    summary, the caption and heading, an introduction, each field, the button and Cancel."""
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": title,
            "caption": caption,
            "back": back,
            "back_text": back_text,
            "button": button,
            "intro": intro,
            "fields": fields or list(form),
        },
    )


def form_round_trip(request, form, action, *, success: str, done: str, fields=None, **page):
    """A one-form page's whole round trip: ``action`` on a valid POST, then to ``done``;
    otherwise the form again with what to put right (``page`` as for ``form_page``)."""
    if service_accepted(request, form, action, success=success, fields=fields):
        return redirect(done)
    page.setdefault("back", done)
    return form_page(request, form, **page)
