"""Reading numbers people can type into an address, strictly.

``str.isdigit`` accepts "²" and "٣", which ``int`` then refuses or reads as another digit, and
a number past the database's integer range fails in the query: either is a server error
from a mistyped or crafted address. Only ASCII digits, nine at the most, are a number here.
"""

import re

from django.core.exceptions import SuspiciousOperation

_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")


def whole_number(value) -> int | None:
    """The number written in ``value``, or ``None`` if it is not a plain whole number."""
    if isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value):
        return int(value)
    return None


class UnreadableInputMiddleware:
    """A null byte in an address or a form is never something a person typed, and
    PostgreSQL refuses to store or compare one: the service's "bad request" page, not a
    server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sent = [request.GET, request.POST] if request.method == "POST" else [request.GET]
        for data in sent:
            for key, values in data.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    raise SuspiciousOperation("A null byte in the request")
        if "\x00" in request.path:
            raise SuspiciousOperation("A null byte in the address")
        return self.get_response(request)


class WholeNumberKeysMixin:
    """For model choice fields: a value that is not a plain whole number is "not one of the
    choices" before any query is made. Django's fields catch ``ValueError`` but not the
    ``OverflowError`` a huge number raises in the query."""

    def _strict(self, value):
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            if item in self.empty_values:
                continue
            if whole_number(str(item)) is None:
                from django.core.exceptions import ValidationError

                raise ValidationError(
                    self.error_messages.get("invalid_pk_value")
                    or self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"pk": item, "value": item},
                )

    def clean(self, value):
        self._strict(value)
        return super().clean(value)
