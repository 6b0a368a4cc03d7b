"""Plain-English formatting of money and dates, as the GOV.UK style guide asks."""

import datetime

from django.utils import timezone


def pounds(pence: int | None) -> str:
    """£1,234 for whole pounds, £1,234.50 otherwise; money is always held in pence."""
    if pence is None:
        return ""
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(int(pence)), 100)
    if part:
        return f"{sign}£{whole:,}.{part:02d}"
    return f"{sign}£{whole:,}"


def govuk_date(value: datetime.date | None) -> str:
    """4 June 2017."""
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


def govuk_datetime(value: datetime.datetime | None) -> str:
    """4 June 2017 at 2:05pm, in UK time."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    return f"{govuk_date(local.date())} at {hour}:{local.minute:02d}{suffix}"


def govuk_time(value: datetime.time | None) -> str:
    """9am, 1:30pm, midday: the GOV.UK style for times."""
    if value is None:
        return ""
    if (value.hour, value.minute) == (12, 0):
        return "midday"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}:{value.minute:02d}{suffix}" if value.minute else f"{hour}{suffix}"


def lower_first(text: str) -> str:
    """For the middle of a sentence: 'Minimum degree class' → 'minimum degree class', but
    'GCSE English grade' keeps its capitals."""
    text = str(text)
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def duration(minutes: int | None) -> str:
    """6 hours 30 minutes; 1 hour; 45 minutes."""
    if minutes is None:
        return ""
    hours, rest = divmod(int(minutes), 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'' if hours == 1 else 's'}")
    if rest or not hours:
        parts.append(f"{rest} minute{'' if rest == 1 else 's'}")
    return " ".join(parts)
