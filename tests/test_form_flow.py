"""The shared "posted form, then the service, then its refusal on the form" flow."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.test import RequestFactory

from stepup.core.form_flow import posted, service_accepted


class PlacesForm(forms.Form):
    places = forms.IntegerField(error_messages={"required": "Enter the number of places"})
    note = forms.CharField(required=False)


def _request(method: str = "post", data: dict | None = None):
    request = getattr(RequestFactory(), method)("/", data or {})
    request._messages = CookieStorage(request)
    return request


def _messages(request) -> list[str]:
    return [str(message) for message in get_messages(request)]


class Action:
    """Stands in for a service call, remembering whether it ran."""

    def __init__(self, error: ValidationError | None = None):
        self.error = error
        self.calls = 0

    def __call__(self):
        self.calls += 1
        if self.error is not None:
            raise self.error


def test_a_get_shows_an_unbound_form_and_calls_nothing():
    request = _request("get")
    form = PlacesForm(*posted(request))
    action = Action()

    assert service_accepted(request, form, action, success="Saved") is False
    assert not form.is_bound
    assert action.calls == 0
    assert _messages(request) == []


def test_an_empty_post_is_checked_and_the_service_is_not_called():
    request = _request()
    form = PlacesForm(*posted(request))
    action = Action()

    assert service_accepted(request, form, action, success="Saved") is False
    assert form.errors == {"places": ["Enter the number of places"]}
    assert action.calls == 0
    assert _messages(request) == []


def test_a_refusal_about_a_field_lands_on_that_field():
    request = _request(data={"places": "4"})
    form = PlacesForm(*posted(request))
    refusal = ValidationError({"places": "Places must be 3 or fewer"})

    assert service_accepted(request, form, Action(refusal), success="Saved") is False
    assert form.errors == {"places": ["Places must be 3 or fewer"]}
    assert _messages(request) == []


def test_a_refusal_named_differently_is_mapped_to_the_forms_field():
    request = _request(data={"places": "4"})
    form = PlacesForm(*posted(request))
    refusal = ValidationError({"place_count": "Places must be 3 or fewer"})

    service_accepted(request, form, Action(refusal), fields={"place_count": "places"})

    assert form["places"].errors == ["Places must be 3 or fewer"]


def test_a_refusal_not_about_a_field_of_the_form_lands_at_the_top():
    request = _request(data={"places": "4"})
    for refusal in (
        ValidationError("The cohort is closed"),
        ValidationError({"cohort": "The cohort is closed"}),
    ):
        form = PlacesForm(*posted(request))

        service_accepted(request, form, Action(refusal))

        assert form.non_field_errors() == ["The cohort is closed"]
        assert not form["places"].errors


def test_with_a_formset_a_refusal_not_about_a_field_lands_above_the_table():
    request = _request(
        data={
            "places": "2",
            "rows-TOTAL_FORMS": "1",
            "rows-INITIAL_FORMS": "0",
            "rows-0-places": "2",
        }
    )
    form = PlacesForm(*posted(request))
    formset = formset_factory(PlacesForm)(request.POST, prefix="rows")
    refusal = ValidationError(["Add the lead authority"])

    assert service_accepted(request, form, Action(refusal), formset=formset) is False
    assert formset.non_form_errors() == ["Add the lead authority"]


def test_an_accepted_change_shows_its_message_and_returns_true():
    request = _request(data={"places": "4"})
    form = PlacesForm(*posted(request))
    saved = []

    accepted = service_accepted(
        request, form, lambda: saved.append(form.cleaned_data["places"]), success="Places saved"
    )

    assert accepted is True
    assert saved == [4]
    assert _messages(request) == ["Places saved"]
