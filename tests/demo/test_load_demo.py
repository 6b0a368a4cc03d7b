"""``manage.py load_demo``: the published cohorts, one person per role, loaded once for the
module (``demo``); loading on an empty database is in test_load_demo_fresh.py."""

import datetime
import re

import pytest
from django.db.models import Q, Sum

from stepup.accounts.models import Membership, Organisation, RoleRequest, User
from stepup.accounts.roles import OrganisationKind, Role
from stepup.applications.models import Application
from stepup.core.audit import audit_chain_verify, history_for
from stepup.core.models import AuditEntry
from stepup.demo.data import DEFAULT_PASSWORD
from stepup.partnerships.models import (
    Partnership,
    PartnershipAuthority,
    PartnershipStatus,
    PartnershipUniversity,
)
from stepup.programme.models import (
    Cohort,
    CohortStatus,
    Criterion,
    DegreeClass,
    Exercise,
    FundingRate,
    Milestone,
    MilestoneKind,
    RuleVersion,
)
from stepup.programme.queries import funding_for
from stepup.trainees.models import Module
from stepup.trainees.queries import outcomes_table
from tests.support.demo import DEMO_PASSWORD, page_text, sign_in

pytestmark = pytest.mark.django_db

# Seed 001, Table 4.2, typed in again here: (lead, {authority: places}, target).
TABLE_4_2 = {
    "CE": ("Central Bedfordshire", {"Central Bedfordshire": 4, "Luton": 2}, 6),
    "EAST": (
        "Norfolk",
        {"Norfolk": 7, "Cambridgeshire": 7, "Suffolk": 6, "Southend": 3, "Thurrock": 2},
        25,
    ),
    "EM": (
        "Leicester",
        {"Leicester": 6, "Nottinghamshire": 2, "Nottingham": 5, "Derby": 5, "Northamptonshire": 5},
        30,
    ),
    "GM": ("Salford", {"Salford": 6, "Bury": 1, "Bolton": 3, "Manchester": 4, "Wigan": 1}, 15),
    "LTP": (
        "Wirral",
        {
            "Wirral": 8,
            "Halton": 2,
            "Knowsley": 4,
            "Liverpool": 8,
            "Sefton": 6,
            "Warrington": 5,
            "St Helens": 5,
        },
        40,
    ),
    "WLA": (
        "Hammersmith & Fulham",
        {
            "Ealing": 4,
            "Brent": 6,
            "Hammersmith & Fulham": 5,
            "Harrow": 7,
            "Hillingdon": 2,
            "Hounslow": 5,
            "Westminster": 5,
        },
        35,
    ),
    "WM": ("Coventry", {"Solihull": 2, "Coventry": 3, "Warwickshire": 4}, 12),
    "YH": (
        "Sheffield",
        {
            "Sheffield": 8,
            "Rotherham": 2,
            "Leeds": 6,
            "Calderdale": 2,
            "East Riding": 4,
            "North Lincolnshire": 2,
            "Kirklees": 2,
            "North Yorkshire": 5,
        },
        37,
    ),
}

SSL_PLACES = {
    "London Borough of Bromley": 4,
    "London Borough of Bexley": 4,
    "London Borough of Croydon": 3,
    "London Borough of Merton": 4,
    "London Borough of Wandsworth": 3,
    "Surrey County Council": 8,
}


def places(partnership: Partnership) -> dict[str, int]:
    return {m.authority.name: m.places for m in partnership.members.select_related("authority")}


def universities(partnership: Partnership) -> dict[str, str]:
    return {
        u.university.name: u.role for u in partnership.universities.select_related("university")
    }


def partnership(cohort: int, code: str) -> Partnership:
    return Partnership.objects.get(cohort__number=cohort, code=code)


# Cohort 1


def test_cohort_1_is_the_closed_2010_pilot_with_the_eight_partnerships_of_table_3_1(demo):
    cohort = Cohort.objects.get(number=1)
    assert cohort.start_date == datetime.date(2010, 9, 1)
    assert cohort.length_months == 18
    assert cohort.status == CohortStatus.CLOSED
    assert set(cohort.partnerships.values_list("code", flat=True)) == set(TABLE_4_2)
    assert set(cohort.partnerships.values_list("status", flat=True)) == {PartnershipStatus.APPROVED}


@pytest.mark.parametrize("code", sorted(TABLE_4_2))
def test_cohort_1_places_leads_and_targets_are_table_4_2_as_published(demo, code):
    lead, allocations, target = TABLE_4_2[code]
    loaded = partnership(1, code)
    assert loaded.lead_authority.name == lead
    assert places(loaded) == allocations
    assert loaded.recruitment_target == target


def test_learn_together_partnership_wirral_leads_with_8_places_of_38(demo):
    ltp = partnership(1, "LTP")
    assert ltp.name == "Learn Together Partnership"
    assert ltp.lead_authority.name == "Wirral"
    assert places(ltp)["Wirral"] == 8
    assert places(ltp)["Liverpool"] == 8
    assert ltp.total_places == 38
    assert ltp.contract_model == "employment"
    assert universities(ltp) == {
        "Manchester Metropolitan University": "lead",
        "University of Chester": "delivery",
    }
    assert ltp.coordinator.email == "coordinator.wirral@stepup.example"


def test_east_midlands_has_23_places_of_a_target_of_30_and_the_3000_pound_tie_in(demo):
    em = partnership(1, "EM")
    assert em.total_places == 23
    assert em.recruitment_target == 30
    assert em.tie_in_amount_pence == 300_000
    assert "within six months of completing the programme" in em.tie_in_terms


def test_cohort_1_universities_and_contract_models_follow_table_3_1_and_section_4_4(demo):
    assert universities(partnership(1, "GM")) == {"University of Salford": "both"}
    assert universities(partnership(1, "WM")) == {
        "Manchester Metropolitan University": "lead",
        "Coventry University": "delivery",
    }
    assert universities(partnership(1, "CE")) == {
        "University of Salford": "lead",
        "University of Bedfordshire": "delivery",
    }
    models = dict(
        Partnership.objects.filter(cohort__number=1).values_list("code", "contract_model")
    )
    assert models == {
        "CE": "bursary",
        "EAST": "bursary",
        "EM": "tie_in",
        "GM": "bursary",
        "LTP": "employment",
        "WLA": "guaranteed_job",
        "WM": "employment",
        "YH": "bursary",
    }


def test_wigan_not_a_full_partner_is_still_loaded_with_its_one_place(demo):
    assert places(partnership(1, "GM"))["Wigan"] == 1


def test_published_totals_that_disagree_are_loaded_without_correction(demo):
    # Table 4.2's allocations add up to 181; the text says 185 started. Both stand.
    total = PartnershipAuthority.objects.filter(partnership__cohort__number=1).aggregate(
        total=Sum("places")
    )["total"]
    assert total == 181


# Cohort 2


def test_cohort_2_has_the_ten_partnerships_of_table_9_1(demo):
    cohort = Cohort.objects.get(number=2)
    assert cohort.status == CohortStatus.CLOSED
    assert cohort.start_date == datetime.date(2012, 2, 1)
    assert set(cohort.partnerships.values_list("code", flat=True)) == {
        "CE",
        "EAST",
        "EM",
        "GM",
        "LTP",
        "NWM",
        "SE",
        "SEL",
        "WLA",
        "YH",
    }
    window = cohort.milestones.get(kind=MilestoneKind.APPLICATION_WINDOW)
    assert (window.starts_on, window.ends_on) == (
        datetime.date(2011, 8, 1),
        datetime.date(2011, 8, 29),
    )


def test_south_east_london_has_14_places_led_by_bromley_with_goldsmiths(demo):
    sel = partnership(2, "SEL")
    assert sel.lead_authority.name == "London Borough of Bromley"
    assert places(sel) == {
        "London Borough of Lewisham": 6,
        "London Borough of Bromley": 5,
        "London Borough of Bexley": 3,
    }
    assert sel.total_places == 14
    assert universities(sel) == {"Goldsmiths, University of London": "both"}


def test_cohort_2_authorities_hei_roles_and_unpublished_places(demo):
    nwm = partnership(2, "NWM")
    assert nwm.lead_authority.name == "Stoke"
    assert universities(nwm) == {
        "Manchester Metropolitan University": "lead",
        "Staffordshire University": "delivery",
    }
    assert set(places(partnership(2, "SE"))) == {"Buckinghamshire", "Oxfordshire", "Milton Keynes"}
    assert "Kensington & Chelsea" in places(partnership(2, "WLA"))
    assert "North East Lincolnshire" in places(partnership(2, "YH"))
    assert partnership(2, "YH").lead_authority.name == "Sheffield"
    assert partnership(2, "CE").lead_authority.name == "Central Bedfordshire"
    assert universities(partnership(2, "LTP")) == {"Liverpool John Moores University": "both"}
    others = PartnershipAuthority.objects.filter(partnership__cohort__number=2).exclude(
        partnership__code="SEL"
    )
    assert others.count() == 51
    assert set(others.values_list("places", flat=True)) == {0}


# Cohort 5


def test_surrey_and_south_london_has_26_places_across_six_authorities(demo):
    ssl = partnership(5, "SSL")
    assert ssl.name == "Surrey and South London"
    assert ssl.lead_authority.name == "London Borough of Bromley"
    assert ssl.status == PartnershipStatus.APPROVED
    assert ssl.contract_model == "bursary"
    assert places(ssl) == SSL_PLACES
    assert ssl.total_places == 26
    assert not ssl.universities.exists()
    assert ssl.coordinator.email == "coordinator@stepup.example"


def test_cohort_5_funding_for_26_trainees_is_915000_pounds(demo):
    cohort = Cohort.objects.get(number=5)
    estimate = funding_for(rules=cohort.current_rules, trainees=26)
    assert estimate.total_pence == 91_500_000
    # The one-off line is for 26 to 35 trainees only.
    assert funding_for(rules=cohort.current_rules, trainees=25).total_pence == (
        4_800_000 + 25 * (1_983_300 + 1_166_700 + 175_000)
    )


def test_cohort_5_timetable_is_table_3_with_the_published_wording_where_vague(demo):
    cohort = Cohort.objects.get(number=5)
    assert cohort.start_date == datetime.date(2018, 1, 1)
    assert cohort.status == CohortStatus.CLOSED
    timetable = {m.kind: m for m in cohort.milestones.all()}
    assert set(timetable) == set(MilestoneKind.values)
    window = timetable[MilestoneKind.APPLICATION_WINDOW]
    assert (window.starts_on, window.ends_on) == (
        datetime.date(2017, 3, 28),
        datetime.date(2017, 5, 5),
    )
    assert timetable[MilestoneKind.BIDS_DEADLINE].starts_on == datetime.date(2016, 12, 16)
    offers = timetable[MilestoneKind.OFFERS]
    assert (offers.starts_on, offers.ends_on, offers.note) == (
        datetime.date(2017, 8, 1),
        datetime.date(2017, 8, 15),
        "Early-mid August 2017",
    )
    approval = timetable[MilestoneKind.REGULATOR_APPROVAL]
    assert (approval.starts_on, approval.note) == (
        datetime.date(2017, 11, 30),
        "By November 2017 latest",
    )
    assert timetable[MilestoneKind.ASSESSMENT_CENTRES].note == ""


# Every cohort


def test_every_cohort_has_the_standard_framework_and_the_published_eligibility(demo):
    for cohort in Cohort.objects.all():
        rules = cohort.current_rules
        assert rules.criteria.count() == 9
        assert rules.exercises.count() == 6
        assert rules.min_degree_class == DegreeClass.UPPER_SECOND
        assert rules.excluded_degree_subject == "Social work"
        assert (rules.gcse_english_minimum, rules.gcse_maths_minimum) == ("C4", "C4")
        assert rules.experience_required and rules.right_to_work_required
    assert set(Cohort.objects.values_list("number", flat=True)) == {1, 2, 5, 6}


def test_each_authority_has_one_name_across_cohorts(demo):
    names = set(Organisation.objects.values_list("name", flat=True))
    assert "London Borough of Bromley" in names
    assert "Hammersmith & Fulham" in names
    assert "Surrey County Council" in names
    for variant in ("Bromley", "LB Bromley", "Surrey", "Surrey CC", "Hammersmith &amp; Fulham"):
        assert variant not in names
    assert not [name for name in names if "<" in name or "&amp;" in name]
    bromley = Organisation.objects.get(name="London Borough of Bromley")
    assert bromley.kind == OrganisationKind.LOCAL_AUTHORITY
    # Cohorts 2 and 5 as published, and the demonstration round (cohort 6).
    assert set(bromley.led_partnerships.values_list("cohort__number", flat=True)) == {2, 5, 6}
    wirral = Organisation.objects.get(name="Wirral")
    assert set(wirral.led_partnerships.values_list("cohort__number", flat=True)) == {1, 2, 6}


def test_the_load_is_audited_as_the_system(demo):
    """Only the demonstration round's fictitious people act for themselves."""
    entries = AuditEntry.objects.all()
    assert entries.filter(actor__isnull=True, actor_label="System").exists()
    assert not (
        entries.filter(actor__isnull=False)
        .exclude(actor__email__endswith="@demo-round.invalid")
        .exclude(actor__email="candidate@stepup.example")
        # The demo's waiting request for the analyst role is asked by the second admin.
        .exclude(event="role_request.created", actor__email="national.admin.two@stepup.example")
        # And the change to an approved bid its coordinator asked for.
        .exclude(event="variation.requested", actor__email="coordinator@stepup.example")
        # And the two applications the coordinator keeps for the demo assessor.
        .exclude(event="sift.assigned", actor__email="coordinator@stepup.example")
        # And the demonstration round's centre days, run by its coordinators.
        .exclude(
            event__startswith="centre.",
            actor__email__in=[
                "coordinator@stepup.example",
                "coordinator.wirral@stepup.example",
                "assessor@stepup.example",
                "service.user.assessor@stepup.example",
                "university.tutor@stepup.example",
            ],
        )
        .exclude(
            event__in=[
                "application.invited",
                "application.attended",
                "application.did_not_attend",
                "application.met_benchmark",
                "application.benchmark_not_met",
            ],
            actor__email="coordinator@stepup.example",
        )
        # And the first wave of offers: the allocation, the offers and their checks; and the
        # round's money: instalments and the ledger; and its first trainee.
        .exclude(
            Q(event__startswith="trainee.")
            | Q(event__startswith="result.")
            | Q(event__startswith="need.")
            | Q(event__startswith="module.")
            | Q(event__startswith="assessment.")
            | Q(event__startswith="placement.")
            | Q(event__startswith="warning.")
            | Q(event__startswith="instalment.")
            | Q(event__startswith="ledger.")
            | Q(event__startswith="offer.")
            | Q(event__startswith="allocation.")
            | Q(event__startswith="condition.")
            | Q(event__startswith="agreement.")
            | Q(event="terms.saved"),
            actor__email__in=[
                "national.admin@stepup.example",
                "coordinator@stepup.example",
                "coordinator.wirral@stepup.example",
                "authority.officer@stepup.example",
                "university.tutor@stepup.example",
            ],
        )
        .exists()
    )


def test_the_demo_assessor_has_two_applications_kept_for_them(demo):
    assessor = User.objects.get(email="assessor@stepup.example")
    kept = Application.objects.filter(sift_assignee=assessor)
    assert kept.count() == 2
    assert all(a.first_choice.code == "SSL" and a.sift_round_needed == "first" for a in kept)
    ssl = partnership(5, "SSL")
    assert history_for(ssl).exists()
    cohort_5 = Cohort.objects.get(number=5)
    summaries = list(history_for(cohort_5).values_list("summary", flat=True))
    assert any("Closed" in s for s in summaries)


def test_cohort_1_status_is_recorded_as_published_because_no_window_is_published(demo):
    cohort = Cohort.objects.get(number=1)
    assert not cohort.milestones.filter(kind=MilestoneKind.APPLICATION_WINDOW).exists()
    entry = history_for(cohort).filter(summary__startswith="Loaded as published").get()
    assert entry.action == AuditEntry.Action.TRANSITION
    assert "application window" in entry.reason
    assert entry.changes[0]["after"] == "Closed"


# People


def test_one_demo_person_per_role_each_in_the_right_organisation(demo):
    expected = {
        "national.admin@stepup.example": (Role.NATIONAL_ADMIN, "Department for Education"),
        "national.analyst@stepup.example": (Role.NATIONAL_ANALYST, "Department for Education"),
        "national.admin.two@stepup.example": (Role.NATIONAL_ADMIN, "Department for Education"),
        "contractor@stepup.example": (Role.CONTRACTOR, "National recruitment contractor"),
        "coordinator@stepup.example": (Role.COORDINATOR, "London Borough of Bromley"),
        "coordinator.wirral@stepup.example": (Role.COORDINATOR, "Wirral"),
        "authority.officer@stepup.example": (Role.AUTHORITY_OFFICER, "London Borough of Croydon"),
        "university.tutor@stepup.example": (
            Role.UNIVERSITY_TUTOR,
            "Goldsmiths, University of London",
        ),
        "assessor@stepup.example": (Role.ASSESSOR, "London Borough of Bromley"),
        "service.user.assessor@stepup.example": (
            Role.SERVICE_USER_ASSESSOR,
            "London Borough of Bromley",
        ),
    }
    loaded = {
        m.user.email: (m.role, m.organisation.name)
        for m in Membership.objects.select_related("user", "organisation").filter(
            user__email__endswith="@stepup.example"
        )
    }
    assert loaded == expected
    assert {role for role, _ in expected.values()} == set(Role.values)
    assert Organisation.objects.get(name="Department for Education").kind == "national"
    assert Organisation.objects.get(name="National recruitment contractor").kind == "contractor"


def test_every_demo_person_can_sign_in_with_the_password_given(demo, client):
    for user in User.objects.filter(email__endswith="@stepup.example"):
        response = sign_in(client, user.email, DEMO_PASSWORD)
        assert response.status_code == 302, user.email
        client.post("/sign-out/")
    assert sign_in(client, "coordinator@stepup.example", DEFAULT_PASSWORD).status_code == 200


def test_the_command_prints_a_table_of_sign_ins(demo):
    lines = demo.splitlines()
    header = next(line for line in lines if line.startswith("Email"))
    assert "Role" in header and "Organisation" in header and "Password" in header
    row = next(line for line in lines if line.startswith("coordinator@stepup.example"))
    assert "Partnership coordinator" in row
    assert "London Borough of Bromley" in row
    assert DEMO_PASSWORD in row


# Loading twice


MODELS = (
    Organisation,
    User,
    Membership,
    Cohort,
    RuleVersion,
    Milestone,
    FundingRate,
    Criterion,
    Exercise,
    Partnership,
    PartnershipAuthority,
    PartnershipUniversity,
    AuditEntry,
)


def test_loading_twice_changes_nothing(demo, load_demo):
    before = {model.__name__: model.objects.count() for model in MODELS}
    statuses = list(Cohort.objects.values_list("number", "status"))
    output = load_demo(password=DEMO_PASSWORD)
    assert {model.__name__: model.objects.count() for model in MODELS} == before
    assert list(Cohort.objects.values_list("number", "status")) == statuses
    assert "nothing changed" in output


def test_loading_again_with_another_password_keeps_the_first(demo, load_demo, client):
    output = load_demo(password="yet-another-password-77")
    assert "unchanged" in output
    assert sign_in(client, "coordinator@stepup.example", DEMO_PASSWORD).status_code == 302


# What a person sees


def test_the_demo_coordinator_sees_ssl_with_its_six_authorities_and_26_places(demo, client):
    assert sign_in(client, "coordinator@stepup.example", DEMO_PASSWORD).status_code == 302
    ssl = partnership(5, "SSL")
    response = client.get(f"/partnerships/{ssl.pk}/")
    assert response.status_code == 200
    text = page_text(response)
    assert "Surrey and South London" in text
    for name, count in SSL_PLACES.items():
        assert re.search(rf"{re.escape(name)}( \(lead\))? {count}\b", text), name
    assert "Total places 26" in text


def test_the_wirral_coordinator_cannot_see_bromleys_partnership(demo, client):
    assert sign_in(client, "coordinator.wirral@stepup.example", DEMO_PASSWORD).status_code == 302
    assert client.get(f"/partnerships/{partnership(5, 'SSL').pk}/").status_code == 404
    assert client.get(f"/partnerships/{partnership(1, 'LTP').pk}/").status_code == 200


def test_the_national_admin_has_an_analyst_request_to_decide(demo, client):
    """Giving the analyst role takes two national admins; the demo has one waiting."""
    sign_in(client, "national.admin@stepup.example", DEMO_PASSWORD)
    page = client.get("/people/role-requests/").content.decode()
    assert "Priya Shah" in page and "Owen Price" in page
    waiting = RoleRequest.objects.get(email="priya.shah@stepup.example")
    assert 'name="decision"' in client.get(f"/people/role-requests/{waiting.pk}/").content.decode()


def test_the_national_admin_has_a_change_to_an_approved_bid_to_decide(demo, client):
    """Surrey's places 8 to 9 on an approved bid: waiting, not saved."""
    from stepup.partnerships.models import Partnership, Variation

    ssl = Partnership.objects.get(code="SSL", cohort__number=5)
    variation = Variation.objects.get(partnership=ssl)
    assert "Surrey County Council: 8 places to 9" in variation.description
    assert ssl.members.get(authority__name="Surrey County Council").places == 8
    sign_in(client, "national.admin@stepup.example", DEMO_PASSWORD)
    assert "1 change to an approved bid waits for your decision" in client.get("/").content.decode()


def test_cohort_1_trainees_reproduce_two_rows_of_table_8_1(demo):
    rows = {
        row.partnership.code: row for row in outcomes_table(cohort=Cohort.objects.get(number=1))
    }

    def shares(row):
        return [
            row.share(row.withdrawn),
            *(row.share(row.counts.get(k, 0)) for k in ("pass", "merit", "distinction")),
        ]

    assert (rows["WM"].registered, shares(rows["WM"])) == (10, [10, 10, 60, 20])
    assert (rows["GM"].registered, shares(rows["GM"])) == (16, [6, 56, 25, 13])


def test_cohort_1_has_the_two_published_assessment_schedules(demo):
    salford = Module.objects.filter(cohort__number=1, university__name="University of Salford")
    mmu = Module.objects.filter(
        cohort__number=1, university__name="Manchester Metropolitan University"
    )
    assert salford.count() == 6 and all(m.credits == 30 for m in salford)
    assert mmu.count() == 8
    law = mmu.get(name="Law in social work practice").assessments.get()
    assert (law.words, law.hand_in_on, law.hand_back_on) == (
        5000,
        datetime.date(2011, 4, 18),
        datetime.date(2011, 5, 27),
    )


def test_the_loaded_audit_trail_is_one_unbroken_hash_chain(demo, load_demo):
    """Everything the demo writes to the audit trail is linked into the chain (ADR 0023),
    loaded once or twice."""
    load_demo(password=DEMO_PASSWORD)
    check = audit_chain_verify()
    assert check.intact, check.problem
    assert check.entries == AuditEntry.objects.count() > 1000
