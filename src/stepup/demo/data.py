"""The demonstration data: three historic cohorts, as published, and one person per role.

Copied from the programme's published sources so that the service never reads them at run
time. "Seed 000" is the South East London partnership's cohort 2 report, "seed 001" the
national evaluation (2013), "seed 002" Wirral's 2010 report on the Learn Together
Partnership and "seed 003" Bromley's 2017 report on cohort 5. docs/demo-data.md says which
table each figure comes from and lists every assumption; each assumption is also kept here,
next to the figure, as a ``source_note``.

Names are kept as the tables print them (``published`` spellings, markup and all) and turned
into one name per organisation by ``authority_name`` and ``university_name``, so that
"Bromley", "LB Bromley" and "London Borough of Bromley" are one authority in every cohort.
"""

import datetime
import hashlib
import html
import re
from dataclasses import dataclass, field

from stepup.accounts.roles import OrganisationKind, Role
from stepup.partnerships.models import ContractModel, UniversityRole
from stepup.programme.models import CohortStatus, FundingBasis, MilestoneKind

DEFAULT_PASSWORD = "stepup-demo-2026"
EMAIL_DOMAIN = "stepup.example"

NATIONAL_TEAM = "Department for Education"
CONTRACTOR = "National recruitment contractor"

# Published spelling (after markup is stripped) -> the one name we use for the authority.
# Spellings not listed here are already the name we use.
AUTHORITY_NAMES: dict[str, str] = {
    "Bromley": "London Borough of Bromley",
    "LB Bromley": "London Borough of Bromley",
    "London Borough of Bromley": "London Borough of Bromley",
    "Bexley": "London Borough of Bexley",
    "LB Bexley": "London Borough of Bexley",
    "London Borough of Bexley": "London Borough of Bexley",
    "Lewisham": "London Borough of Lewisham",
    "LB Lewisham": "London Borough of Lewisham",
    "London Borough of Lewisham": "London Borough of Lewisham",
    "Croydon": "London Borough of Croydon",
    "LB Croydon": "London Borough of Croydon",
    "Merton": "London Borough of Merton",
    "LB Merton": "London Borough of Merton",
    "Wandsworth": "London Borough of Wandsworth",
    "LB Wandsworth": "London Borough of Wandsworth",
    "Surrey": "Surrey County Council",
    "Surrey CC": "Surrey County Council",
    "Surrey County Council": "Surrey County Council",
}

# Published spelling -> university name. Spellings not listed are used as written.
UNIVERSITY_NAMES: dict[str, str] = {
    "Salford": "University of Salford",
    "MMU": "Manchester Metropolitan University",
    "Manchester Metropolitan": "Manchester Metropolitan University",
    "Coventry": "Coventry University",
    "Staffordshire": "Staffordshire University",
    "Goldsmiths": "Goldsmiths, University of London",
}

_TAG = re.compile(r"</?[a-z]+\s*>", re.IGNORECASE)


def _clean(published: str) -> str:
    """Strip the tables' <b>/<i> markup, decode entities such as &amp; and tidy spaces."""
    return " ".join(html.unescape(_TAG.sub(" ", published)).split())


def authority_name(published: str) -> str:
    cleaned = _clean(published)
    return AUTHORITY_NAMES.get(cleaned, cleaned)


def university_name(published: str) -> str:
    cleaned = _clean(published)
    return UNIVERSITY_NAMES.get(cleaned, cleaned)


@dataclass(frozen=True)
class MilestoneData:
    kind: str
    starts_on: datetime.date
    ends_on: datetime.date | None = None
    note: str = ""  # the published wording, where it is vaguer than the dates
    source: str = ""


@dataclass(frozen=True)
class RateData:
    label: str
    basis: str
    amount_pence: int
    band_min: int | None = None
    band_max: int | None = None
    source: str = ""


@dataclass(frozen=True)
class PartnershipData:
    code: str
    name: str
    lead: str  # published spelling of the lead authority
    members: tuple[tuple[str, int], ...]  # (published spelling, places), as published
    universities: tuple[tuple[str, str], ...]  # (published spelling, UniversityRole)
    source: str
    contract_model: str = ContractModel.BURSARY
    tie_in_amount_pence: int | None = None
    tie_in_terms: str = ""
    recruitment_target: int | None = None
    published_recruited: int | None = None  # shown in the docs; the service has no field
    source_note: str = ""  # our assumptions, if any
    coordinator_email: str = ""


@dataclass(frozen=True)
class CohortData:
    number: int
    name: str
    start_date: datetime.date
    length_months: int
    status: str
    source: str
    start_note: str = ""
    milestones: tuple[MilestoneData, ...] = ()
    funding_rates: tuple[RateData, ...] = ()
    partnerships: tuple[PartnershipData, ...] = field(default=())
    source_note: str = ""
    # Recruitment settings other than the pass mark, as (name, value): how the sift is run.
    recruitment: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class PersonData:
    email: str
    full_name: str
    role: str
    organisation: str  # the name we use, not a published spelling


def _email(local: str) -> str:
    return f"{local}@{EMAIL_DOMAIN}"


D = datetime.date
LEAD, DELIVERY, BOTH = UniversityRole.LEAD, UniversityRole.DELIVERY, UniversityRole.BOTH

# --- Cohort 1: seed 001, Table 3.1 (arrangements) and Table 4.2 (targets and allocations) ---

_C1 = "Seed 001, Table 3.1 (authorities, lead HEI, delivery HEI) and Table 4.2 (places)"
_NO_BOLD_C1 = (
    "Neither Table 3.1 nor Table 4.2 shows a lead authority in bold; we assume the first "
    "authority listed in Table 4.2 ({lead}) leads."
)

COHORT_1 = CohortData(
    number=1,
    name="2010 pilot",
    start_date=D(2010, 9, 1),
    length_months=18,
    status=CohortStatus.CLOSED,
    start_note="September 2010",
    source="Seed 001, §1 and §3.3: the first cohort commenced in September 2010",
    source_note=(
        "No application window is published for cohort 1, so the service's lifecycle cannot "
        "be walked; the loader records the status as published (see docs/demo-data.md)."
    ),
    milestones=(
        MilestoneData(
            MilestoneKind.ASSESSMENT_CENTRES,
            D(2010, 4, 1),
            D(2010, 5, 31),
            note="April/May 2010",
            source="Seed 002, §4.1",
        ),
        MilestoneData(
            MilestoneKind.PROGRAMME_START,
            D(2010, 9, 1),
            note="September 2010",
            source="Seed 001, §1",
        ),
    ),
    partnerships=(
        PartnershipData(
            code="CE",
            name="Central Eastern",
            lead="Central Bedfordshire",
            members=(("Central Bedfordshire", 4), ("Luton", 2)),
            universities=(("Salford", LEAD), ("University of Bedfordshire", DELIVERY)),
            recruitment_target=6,
            published_recruited=6,
            source=_C1,
            source_note=_NO_BOLD_C1.format(lead="Central Bedfordshire"),
        ),
        PartnershipData(
            code="EAST",
            name="East",
            lead="<b>Norfolk</b>",
            members=(
                ("<b>Norfolk</b>", 7),
                ("Cambridgeshire", 7),
                ("Suffolk", 6),
                ("Southend", 3),
                ("Thurrock", 2),
            ),
            universities=(("MMU", BOTH),),
            recruitment_target=25,
            published_recruited=25,
            source=_C1,
        ),
        PartnershipData(
            code="EM",
            name="East Midlands",
            lead="<b>Leicester</b>",
            members=(
                ("<b>Leicester</b>", 6),
                ("Nottinghamshire", 2),
                ("Nottingham", 5),
                ("Derby", 5),
                ("Northamptonshire", 5),
            ),
            universities=(("MMU", BOTH),),
            contract_model=ContractModel.TIE_IN,
            tie_in_amount_pence=300_000,
            tie_in_terms=(
                "Repayable if the trainee does not apply for a job with the host authority "
                "within six months of completing the programme"
            ),
            recruitment_target=30,
            published_recruited=26,
            source=f"{_C1}; contract model from seed 001, §4.4",
            source_note=(
                "Table 4.2 publishes 26 recruited but allocations adding up to 23; we load the "
                "allocations as published."
            ),
        ),
        PartnershipData(
            code="GM",
            name="Greater Manchester",
            lead="<b>Salford</b>",
            members=(
                ("<b>Salford</b>", 6),
                ("Bury", 1),
                ("Bolton", 3),
                ("Manchester", 4),
                ("Wigan", 1),
            ),
            universities=(("Salford", BOTH),),
            recruitment_target=15,
            published_recruited=15,
            source=_C1,
            source_note=(
                "Table 3.1 lists Wigan as 'not full partner' but Table 4.2 allocates it 1 place; "
                "we load Wigan as a member with 1 place."
            ),
        ),
        PartnershipData(
            code="LTP",
            name="Learn Together Partnership",
            lead="<b>Wirral</b>",
            members=(
                ("<b>Wirral</b>", 8),
                ("Halton", 2),
                ("Knowsley", 4),
                ("Liverpool", 8),
                ("Sefton", 6),
                ("Warrington", 5),
                ("St Helens", 5),
            ),
            universities=(("MMU", LEAD), ("University of Chester", DELIVERY)),
            contract_model=ContractModel.EMPLOYMENT,
            recruitment_target=40,
            published_recruited=38,
            source=f"{_C1}; contract model from seed 001, §4.4",
            coordinator_email=_email("coordinator.wirral"),
        ),
        PartnershipData(
            code="WLA",
            name="West London Alliance",
            lead="<b>Hammersmith &amp; Fulham</b>",
            members=(
                ("Ealing", 4),
                ("Brent", 6),
                ("<b>Hammersmith &amp; Fulham</b>", 5),
                ("Harrow", 7),
                ("Hillingdon", 2),
                ("Hounslow", 5),
                ("Westminster", 5),
            ),
            universities=(("Salford", LEAD), ("University of Hertfordshire", DELIVERY)),
            contract_model=ContractModel.GUARANTEED_JOB,
            recruitment_target=35,
            published_recruited=34,
            source=f"{_C1}; contract model from seed 001, §4.4",
        ),
        PartnershipData(
            code="WM",
            name="West Midlands",
            lead="<b>Coventry</b>",
            members=(("Solihull", 2), ("<b>Coventry</b>", 3), ("Warwickshire", 4)),
            universities=(("MMU", LEAD), ("Coventry", DELIVERY)),
            contract_model=ContractModel.EMPLOYMENT,
            recruitment_target=12,
            published_recruited=9,
            source=f"{_C1}; contract model from seed 001, §4.4",
        ),
        PartnershipData(
            code="YH",
            name="Yorkshire & Humber",
            lead="Sheffield",
            members=(
                ("Sheffield", 8),
                ("Rotherham", 2),
                ("Leeds", 6),
                ("Calderdale", 2),
                ("East Riding", 4),
                ("North Lincolnshire", 2),
                ("Kirklees", 2),
                ("North Yorkshire", 5),
            ),
            universities=(("Salford", BOTH),),
            recruitment_target=37,
            published_recruited=31,
            source=_C1,
            source_note=_NO_BOLD_C1.format(lead="Sheffield"),
        ),
    ),
)

# --- Cohort 2: seed 001, Table 9.1; South East London from seed 000 ---

_C2 = "Seed 001, Table 9.1"
_NO_PLACES = "Table 9.1 does not publish places, so every member has 0."
_NO_BOLD_C2 = (
    "Table 9.1 shows no lead authority in bold; we assume the first authority listed "
    "({lead}) leads. " + _NO_PLACES
)

COHORT_2 = CohortData(
    number=2,
    name="2011–12",
    start_date=D(2012, 2, 1),
    length_months=18,
    status=CohortStatus.CLOSED,
    start_note="February 2012",
    source="Seed 001, §9: cohort 2 'started the programme in February 2012'",
    source_note=(
        "Only the month is published; we assume the 1st. Funding rates are the bursary and "
        "university fees of seed 000, §1.1; the rest of the £786,000 that seed 000 §3.2 "
        "publishes for 14 students is not itemised, so it is not loaded."
    ),
    milestones=(
        MilestoneData(
            MilestoneKind.APPLICATION_WINDOW,
            D(2011, 8, 1),
            D(2011, 8, 29),
            source="Seed 000, §5.1 (advertising opened 1 August 2011) and §5.5 (closed 29 August)",
        ),
        MilestoneData(
            MilestoneKind.OFFERS,
            D(2011, 11, 30),
            note="End of November 2011",
            source="Seed 000, §5.10 (South East London)",
        ),
        MilestoneData(
            MilestoneKind.PROGRAMME_START,
            D(2012, 2, 1),
            note="February 2012",
            source="Seed 001, §9",
        ),
    ),
    funding_rates=(
        RateData(
            "Bursary (over 18 months)",
            FundingBasis.PER_TRAINEE,
            2_250_000,
            source="Seed 000, §1.1",
        ),
        RateData(
            "University fees",
            FundingBasis.PER_TRAINEE,
            2_000_000,
            source="Seed 000, §1.1 and §4.1",
        ),
    ),
    partnerships=(
        PartnershipData(
            code="CE",
            name="Central Eastern",
            lead="Central Bedfordshire",
            members=(("Central Bedfordshire", 0), ("Luton", 0), ("Hertfordshire", 0)),
            universities=(("University of Bedfordshire", BOTH),),
            source=_C2,
            source_note=(
                "Seed 001 §9.1 says Central Eastern had a new lead authority but does not name "
                "it; we assume the first authority listed (Central Bedfordshire) leads. "
                + _NO_PLACES
            ),
        ),
        PartnershipData(
            code="EAST",
            name="East",
            lead="Norfolk",
            members=(
                ("Norfolk", 0),
                ("Suffolk", 0),
                ("Southend", 0),
                ("Thurrock", 0),
                ("Essex", 0),
            ),
            universities=(("MMU", BOTH),),
            source=_C2,
            source_note=_NO_BOLD_C2.format(lead="Norfolk"),
        ),
        PartnershipData(
            code="EM",
            name="East Midlands",
            lead="Leicester",
            members=(
                ("Leicester", 0),
                ("Nottinghamshire", 0),
                ("Nottingham", 0),
                ("Derby", 0),
                ("Northamptonshire", 0),
                ("<i>Derbyshire</i>", 0),
                ("<i>Leicestershire</i>", 0),
                ("<i>Lincolnshire</i>", 0),
            ),
            universities=(("MMU", BOTH),),
            source=_C2,
            source_note=_NO_BOLD_C2.format(lead="Leicester"),
        ),
        PartnershipData(
            code="GM",
            name="Greater Manchester",
            lead="Salford",
            members=(
                ("Salford", 0),
                ("Bury", 0),
                ("Bolton", 0),
                ("Manchester", 0),
                ("Stockport", 0),
            ),
            universities=(("Salford", BOTH),),
            source=_C2,
            source_note=_NO_BOLD_C2.format(lead="Salford"),
        ),
        PartnershipData(
            code="LTP",
            name="Merseyside (Learn Together Partnership)",
            lead="Wirral",
            members=(
                ("Wirral", 0),
                ("Knowsley", 0),
                ("St Helens", 0),
                ("Cheshire East", 0),
                ("Cheshire West & Chester", 0),
            ),
            universities=(("Liverpool John Moores University", BOTH),),
            source=_C2,
            source_note=_NO_BOLD_C2.format(lead="Wirral"),
        ),
        PartnershipData(
            code="NWM",
            name="North West Midlands",
            lead="<b>Stoke</b>",
            members=(
                ("<b>Stoke</b>", 0),
                ("Sandwell", 0),
                ("Staffordshire", 0),
                ("Telford and Wrekin", 0),
                ("Worcestershire", 0),
            ),
            universities=(("MMU", LEAD), ("Staffordshire", DELIVERY)),
            source=_C2,
            source_note=_NO_PLACES,
        ),
        PartnershipData(
            code="SE",
            name="South East",
            lead="Buckinghamshire",
            members=(("Buckinghamshire", 0), ("Oxfordshire", 0), ("Milton Keynes", 0)),
            universities=(("University of Bedfordshire", BOTH),),
            source=_C2,
            source_note=(
                "Table 9.1 prints 'Buckinghamshire, Oxfordshire & Milton Keynes': three "
                "authorities. " + _NO_BOLD_C2.format(lead="Buckinghamshire")
            ),
        ),
        PartnershipData(
            code="SEL",
            name="South East London",
            lead="London Borough of Bromley",
            members=(
                ("London Borough of Lewisham", 6),
                ("London Borough of Bromley", 5),
                ("London Borough of Bexley", 3),
            ),
            universities=(("Goldsmiths, University of London", BOTH),),
            recruitment_target=14,
            source=(
                "Seed 001, Table 9.1 (authorities, HEI); seed 000 §2.1 (Bromley leads), §5.9 "
                "(Lewisham 6, Bromley 5, Bexley 3) and §3.2 (funding based on 14 students)"
            ),
            source_note=(
                "Seed 000 §5.9: the partnership first looked for 12 students and raised this to "
                "14; we load 14 as the recruitment target."
            ),
        ),
        PartnershipData(
            code="WLA",
            name="West London Alliance",
            lead="<b>Hammersmith &amp; Fulham</b>",
            members=(
                ("Ealing", 0),
                ("Brent", 0),
                ("<b>Hammersmith &amp; Fulham</b>", 0),
                ("Harrow", 0),
                ("Hillingdon", 0),
                ("Hounslow", 0),
                ("Westminster", 0),
                ("<i>Kensington &amp; Chelsea</i>", 0),
            ),
            universities=(("University of Hertfordshire", BOTH),),
            source=_C2,
            source_note=_NO_PLACES,
        ),
        PartnershipData(
            code="YH",
            name="Yorkshire & Humber",
            lead="<b>Sheffield</b>",
            members=(
                ("<b>Sheffield</b>", 0),
                ("Rotherham", 0),
                ("Leeds", 0),
                ("Calderdale", 0),
                ("North Lincolnshire", 0),
                ("Kirklees", 0),
                ("North Yorkshire", 0),
                ("<i>Doncaster</i>", 0),
                ("<i>North</i> <i>East Lincolnshire</i>", 0),
            ),
            universities=(("Salford", BOTH),),
            source=_C2,
            source_note=_NO_PLACES,
        ),
    ),
)

# --- Cohort 5: seed 003 (Bromley, 2017), Tables 2 and 3 and §3.5 ---

_T3 = "Seed 003, Table 3"
_T2 = "Seed 003, Table 2"

COHORT_5 = CohortData(
    number=5,
    name="2017–18",
    start_date=D(2018, 1, 1),
    length_months=18,
    status=CohortStatus.CLOSED,
    start_note="January 2018",
    source="Seed 003, §3.6 and Table 3: trainees start in January 2018",
    milestones=(
        MilestoneData(MilestoneKind.BIDS_DEADLINE, D(2016, 12, 16), source=_T3),
        MilestoneData(MilestoneKind.BID_OUTCOMES, D(2017, 1, 27), source=_T3),
        MilestoneData(MilestoneKind.APPLICATION_WINDOW, D(2017, 3, 28), D(2017, 5, 5), source=_T3),
        MilestoneData(MilestoneKind.CONTRACTOR_SIFT, D(2017, 3, 30), D(2017, 5, 19), source=_T3),
        MilestoneData(
            MilestoneKind.FORWARD_TO_PARTNERSHIPS, D(2017, 4, 3), D(2017, 5, 22), source=_T3
        ),
        MilestoneData(MilestoneKind.PARTNERSHIP_SIFT, D(2017, 4, 3), D(2017, 6, 7), source=_T3),
        MilestoneData(MilestoneKind.ASSESSMENT_CENTRES, D(2017, 6, 22), D(2017, 7, 21), source=_T3),
        MilestoneData(
            MilestoneKind.OFFERS,
            D(2017, 8, 1),
            D(2017, 8, 15),
            note="Early-mid August 2017",
            source=_T3,
        ),
        MilestoneData(
            MilestoneKind.CHECKS, D(2017, 8, 1), D(2017, 8, 31), note="August 2017", source=_T3
        ),
        MilestoneData(
            MilestoneKind.LOCAL_RESERVES,
            D(2017, 8, 1),
            D(2017, 9, 30),
            note="August – September 2017",
            source=_T3,
        ),
        MilestoneData(
            MilestoneKind.NATIONAL_RESERVE_POOL,
            D(2017, 10, 1),
            D(2017, 11, 30),
            note="October – November 2017",
            source=_T3,
        ),
        MilestoneData(
            MilestoneKind.REGULATOR_APPROVAL,
            D(2017, 11, 30),
            note="By November 2017 latest",
            source=_T3,
        ),
        MilestoneData(
            MilestoneKind.PROGRAMME_START, D(2018, 1, 1), note="January 2018", source=_T3
        ),
    ),
    funding_rates=(
        RateData(
            "Administration and management of the programme",
            FundingBasis.PER_PARTNERSHIP,
            4_800_000,
            source=_T2,
        ),
        RateData("Bursary", FundingBasis.PER_TRAINEE, 1_983_300, source=_T2),
        RateData(
            "Training costs (university fees)", FundingBasis.PER_TRAINEE, 1_166_700, source=_T2
        ),
        RateData("Placement supervision", FundingBasis.PER_TRAINEE, 175_000, source=_T2),
        RateData(
            "Additional one-off funding for a partnership supporting 26 to 35 trainees",
            FundingBasis.SIZE_BAND,
            250_000,
            band_min=26,
            band_max=35,
            source=_T2,
        ),
    ),
    partnerships=(
        PartnershipData(
            code="SSL",
            name="Surrey and South London",
            lead="LB Bromley",
            members=(
                ("LB Bromley", 4),
                ("LB Bexley", 4),
                ("LB Croydon", 3),
                ("LB Merton", 4),
                ("LB Wandsworth", 3),
                ("Surrey CC", 8),
            ),
            universities=(),
            recruitment_target=26,
            source="Seed 003, §3.5 (authorities, lead, places) and §3.7 (26 trainees)",
            source_note=(
                "Seed 003 names no university for cohort 5, so none is loaded. The contract "
                "model is not published; we load the training bursary that Table 2 funds."
            ),
            coordinator_email=_email("coordinator"),
        ),
    ),
)

COHORTS: tuple[CohortData, ...] = (COHORT_1, COHORT_2, COHORT_5)

# Organisations that are in no partnership: the national team and the contractor.
ORGANISATIONS: tuple[tuple[str, str], ...] = (
    (NATIONAL_TEAM, OrganisationKind.NATIONAL),
    (CONTRACTOR, OrganisationKind.CONTRACTOR),
)

PEOPLE: tuple[PersonData, ...] = (
    PersonData(_email("national.admin"), "Naomi Adeyemi", Role.NATIONAL_ADMIN, NATIONAL_TEAM),
    PersonData(_email("national.analyst"), "Arun Mehta", Role.NATIONAL_ANALYST, NATIONAL_TEAM),
    # A second national admin: giving the analyst role takes two (ADR 0012).
    PersonData(_email("national.admin.two"), "Owen Price", Role.NATIONAL_ADMIN, NATIONAL_TEAM),
    PersonData(_email("contractor"), "Carys Howell", Role.CONTRACTOR, CONTRACTOR),
    PersonData(
        _email("coordinator"), "Grace Okafor", Role.COORDINATOR, "London Borough of Bromley"
    ),
    PersonData(_email("coordinator.wirral"), "Liam Doyle", Role.COORDINATOR, "Wirral"),
    PersonData(
        _email("authority.officer"),
        "Tomasz Nowak",
        Role.AUTHORITY_OFFICER,
        "London Borough of Croydon",
    ),
    PersonData(
        _email("university.tutor"),
        "Helen Achebe",
        Role.UNIVERSITY_TUTOR,
        "Goldsmiths, University of London",
    ),
    PersonData(_email("assessor"), "Sam Reid", Role.ASSESSOR, "London Borough of Bromley"),
    PersonData(
        _email("service.user.assessor"),
        "Jo Clarke",
        Role.SERVICE_USER_ASSESSOR,
        "London Borough of Bromley",
    ),
)


# A request for the national analyst role, asked by the second admin, for the first to decide.
ANALYST_REQUEST = ("Priya Shah", _email("priya.shah"), _email("national.admin.two"))

# Two round applications the coordinator keeps for the assessor to sift.
SIFT_KEPT_BY, SIFT_KEPT_FOR = _email("coordinator"), _email("assessor")

# The candidate people sign in as; their application is in the demonstration round.
CANDIDATE_EMAIL = _email("candidate")
CANDIDATE_NAME = "Alex Morgan"
CANDIDATE_LABEL = "Candidate"


def sign_in_people() -> list[tuple[str, str]]:
    """Every demo person who can sign in, as (email, what they are), in the table's order."""
    staff = [(person.email, Role(person.role).label) for person in PEOPLE]
    return [*staff, (CANDIDATE_EMAIL, CANDIDATE_LABEL)]


def demo_app_key(email: str) -> str:
    """The demonstration person's authenticator secret, the same on every machine, so that
    the sign-in table (and ``manage.py demo_code``) can give it. Never used for real people."""
    return hashlib.sha256(f"stepup-demo-authenticator:{email.lower()}".encode()).hexdigest()[:40]
