"""A trainee's life on the programme, in one table: enrolled; suspended and resumed;
withdrawn or excluded for fitness to practise, with a reason; completed at the award."""

from stepup.accounts.roles import Role
from stepup.core.lifecycle import Lifecycle, Transition
from stepup.trainees.models import TraineeStatus as T

# The partnership and the university share the trainee: their coordinator or tutor records
# a change of course; the services check which trainees are theirs.
STAFF = frozenset({Role.COORDINATOR, Role.UNIVERSITY_TUTOR})

TRAINEE_LIFECYCLE = Lifecycle(
    "trainee",
    code="trainee",
    states=T,
    transitions=[
        Transition(
            T.ENROLLED, T.SUSPENDED, "Suspend", STAFF, needs_reason=True, scoped_roles=STAFF
        ),
        Transition(T.SUSPENDED, T.ENROLLED, "Resume", STAFF, scoped_roles=STAFF),
        *(
            Transition(
                source,
                T.WITHDRAWN,
                "Record a withdrawal",
                STAFF,
                needs_reason=True,
                scoped_roles=STAFF,
            )
            for source in (T.ENROLLED, T.SUSPENDED)
        ),
        *(
            Transition(
                source,
                T.EXCLUDED,
                "Exclude for fitness to practise",
                STAFF,
                needs_reason=True,
                scoped_roles=STAFF,
            )
            for source in (T.ENROLLED, T.SUSPENDED)
        ),
        Transition(T.ENROLLED, T.COMPLETED, "Completed", frozenset(), by_system=True),
    ],
)
