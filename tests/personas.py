"""The people the permission walk signs in as, and the groups the access tables use."""

ANON = "anonymous"
ADMIN = "national_admin"
ANALYST = "national_analyst"
CONTRACTOR = "contractor"
COORD = "coordinator"  # coordinates the walk's partnership "Ours"
OTHER_COORD = "other_coordinator"  # coordinates "Theirs"
OFFICER = "authority_officer"  # at a member authority of "Ours"
TUTOR = "university_tutor"  # at the university "Ours" commissions
ASSESSOR = "assessor"
SU_ASSESSOR = "service_user_assessor"
CANDIDATE = "candidate"  # an account with no staff role; the walk's application is theirs
OTHER_CANDIDATE = "other_candidate"

STAFF_PERSONAS = frozenset(
    {ADMIN, ANALYST, CONTRACTOR, COORD, OTHER_COORD, OFFICER, TUTOR, ASSESSOR, SU_ASSESSOR}
)
CANDIDATES = frozenset({CANDIDATE, OTHER_CANDIDATE})
PERSONAS = (ANON, *sorted(STAFF_PERSONAS), *sorted(CANDIDATES))

EVERYONE = frozenset(PERSONAS)
STAFF = STAFF_PERSONAS
SEES_PARTNERSHIP = frozenset({ADMIN, ANALYST, COORD, OFFICER, TUTOR})
CHANGES_PARTNERSHIP = frozenset({ADMIN, COORD})
ONLY_ADMIN = frozenset({ADMIN})
