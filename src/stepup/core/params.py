"""Reading numbers people can type into an address, strictly.

``str.isdigit`` accepts "²" and "٣", which ``int`` then refuses or reads as another digit, and
a number past the database's integer range fails in the query: either is a server error
from a mistyped or crafted address. Only ASCII digits, nine at the most, are a number here.
"""

import re

_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")


def whole_number(value) -> int | None:
    """The number written in ``value``, or ``None`` if it is not a plain whole number."""
    if isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value):
        return int(value)
    return None
