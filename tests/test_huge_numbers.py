"""A number or a date part far too big for any column gets an error message, never a server
error, on SQLite and on PostgreSQL alike (whose columns refuse what SQLite stores): every
number and date field of every page of the permission walk, posted as someone allowed to use
it, with the other fields filled in plausibly so that the huge value is what is checked."""

import importlib
import pkgutil
from html.parser import HTMLParser

import pytest
from django import forms
from django.core.exceptions import ValidationError

import stepup
from stepup.core.govuk_forms import INTEGER_MAX
from tests.support.permissions import EXPECTED, client_for, someone_allowed, url_for

HUGE = "99999999999999999999"
DATE_PARTS = ("-day", "-month", "-year")
PLAUSIBLE_DATE = {"-day": "1", "-month": "6", "-year": "2027"}
# Pages whose POST ends the session or changes who is signed in.
GET_ONLY = {"accounts:sign-out", "accounts:sign-in", "core:error-check"}


class Forms(HTMLParser):
    """The POST forms of a page: each its action and its fields, as a browser would send
    them untouched, and which of them take a number."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == "post":
                self.forms.append({"action": a.get("action", ""), "data": {}, "numbers": set()})
            else:
                self.forms.append(None)
            return
        form = self.forms[-1] if self.forms else None
        if form is None or not a.get("name"):
            return
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("file", "submit", "button"):
                return
            if kind in ("radio", "checkbox"):
                if "checked" in a or name not in form["data"]:
                    form["data"][name] = a.get("value", "on")
                return
            value = a.get("value", "")
            if name.endswith(DATE_PARTS):
                form["numbers"].add(name)
                value = value or PLAUSIBLE_DATE[name[name.rindex("-") :]]
            elif a.get("inputmode") in ("numeric", "decimal") or kind == "number":
                form["numbers"].add(name)
                value = value or "1"
            elif kind == "email":
                value = value or "someone@example.org"
            elif kind == "password":
                value = "a long and unusual password 42"
            form["data"][name] = value or "Some words"
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and a.get("value"):
            if "selected" in a or self._select not in form["data"]:
                form["data"][self._select] = a["value"]
        elif tag == "textarea":
            self._textarea = name
            form["data"][name] = "Some words"

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def _forms(html: str) -> list[dict]:
    parser = Forms()
    parser.feed(html)
    return [form for form in parser.forms if form and form["numbers"]]


@pytest.mark.parametrize("name", sorted(set(EXPECTED) - GET_ONLY))
def test_a_huge_number_in_any_field_gets_a_message_not_a_server_error(world, name):
    client = client_for(world, someone_allowed(name))
    url = url_for(world, name)
    page = client.get(url)
    if page.status_code != 200 or page.streaming or "html" not in page["Content-Type"]:
        return
    for form in _forms(page.content.decode()):
        target = form["action"] or url
        for field in sorted(form["numbers"]):
            for value in (HUGE, "-" + HUGE):
                sent = client.post(target, form["data"] | {field: value})
                assert sent.status_code < 500, f"POST {target} {field}={value}"


def _form_classes():
    for module in pkgutil.walk_packages(stepup.__path__, "stepup."):
        if ".migrations" not in module.name and ".management" not in module.name:
            importlib.import_module(module.name)
    found, waiting = set(), [forms.BaseForm]
    while waiting:
        for subclass in waiting.pop().__subclasses__():
            found.add(subclass)
            waiting.append(subclass)
    return [c for c in found if c.__module__.startswith("stepup.")]


def test_every_whole_number_field_of_every_form_is_bounded_to_fit_its_column():
    """The bounds come from ``stepup.core.govuk_forms.bounded`` (docs/security.md)."""
    unbounded = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in _form_classes()
        for name, field in getattr(form, "base_fields", {}).items()
        if isinstance(field, forms.IntegerField)
        and not isinstance(field, forms.DecimalField | forms.FloatField)
        and (
            field.max_value is None
            or field.min_value is None
            or field.max_value > INTEGER_MAX
            or field.min_value < -INTEGER_MAX - 1
        )
    ]
    assert unbounded == []


def test_a_huge_day_or_month_is_not_a_real_date():
    from stepup.core.govuk_forms import GovukDateField

    field = GovukDateField(subject="the date of the meeting")
    for day, month in ((HUGE, "6"), ("1", HUGE), ("-" + HUGE, "6")):
        with pytest.raises(ValidationError, match="The date of the meeting must be a real date"):
            field.clean({"day": day, "month": month, "year": "2027"})


def test_a_number_too_big_for_its_column_says_the_largest_allowed():
    from stepup.core.govuk_forms import bounded

    field = bounded(forms.IntegerField(), subject="a pass mark")
    with pytest.raises(ValidationError, match="Enter a pass mark of 32,767 or less"):
        field.clean(HUGE)
    with pytest.raises(ValidationError, match="Enter a pass mark of 0 or more"):
        field.clean("-1")
    assert field.clean("32767") == 32767
