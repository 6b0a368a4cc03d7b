"""When a day's figures stop: the one cut-off every daily report of equality figures uses.

A report taken on a day counts only what happened before that day began in the service's
time zone (Europe/London), whenever that day it is first asked for, so the cut-off is the
calendar's, never the viewer's (ADR 0022). It lives here, below every app, so that the
equality report (``applications``) and the fairness figures (``insights``) share it.
"""

import datetime

from django.utils import timezone


def figures_cut_off(day: datetime.date) -> datetime.datetime:
    """The moment a day's figures stop: the start of that day in the service's time zone
    (Europe/London), so they count everything up to the end of the day before."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
