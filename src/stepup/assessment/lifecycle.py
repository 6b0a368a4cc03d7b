"""A centre day's life, in one table: planned, open for booking, held, its scores confirmed at
the wash-up; or cancelled before it is held."""

from stepup.applications.lifecycle import CENTRE_RUNNERS
from stepup.assessment.models import CentreStatus as C
from stepup.core.lifecycle import Lifecycle, Transition

CENTRE_LIFECYCLE = Lifecycle(
    "assessment centre",
    code="centre",
    states=C,
    transitions=[
        Transition(
            C.PLANNED, C.OPEN, "Open for booking", CENTRE_RUNNERS, scoped_roles=CENTRE_RUNNERS
        ),
        Transition(
            C.OPEN, C.HELD, "Record the day as held", CENTRE_RUNNERS, scoped_roles=CENTRE_RUNNERS
        ),
        Transition(
            C.HELD, C.CONFIRMED, "Confirm the scores", CENTRE_RUNNERS, scoped_roles=CENTRE_RUNNERS
        ),
        *(
            Transition(
                source,
                C.CANCELLED,
                "Cancel the centre",
                CENTRE_RUNNERS,
                needs_reason=True,
                scoped_roles=CENTRE_RUNNERS,
            )
            for source in (C.PLANNED, C.OPEN)
        ),
    ],
)
