"""Creating a partnership, and changing its details and trainee contract model."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stepup.accounts.roles import Role
from stepup.core.audit import history_for
from stepup.partnerships import services
from stepup.partnerships.models import ContractModel, Partnership, PartnershipStatus
from stepup.programme.models import CohortStatus
from tests.factories import AuthorityFactory, CohortFactory, person_with_role
from tests.partnerships.helpers import history_count


def create_post(cohort, lead, /, **overrides) -> dict:
    data = {
        "cohort": str(cohort.number),
        "name": "Learn Together",
        "code": "LTP",
        "lead_authority": str(lead.pk),
        "coordinator": "",
        "contract_model": ContractModel.BURSARY,
        "tie_in_amount_pence": "",
        "tie_in_terms": "",
        "recruitment_target": "",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_national_admin_creates_a_partnership_with_a_tie_in(sign_in, national_admin, cohort):
    wirral = AuthorityFactory(name="Wirral")
    cora = person_with_role(Role.COORDINATOR, organisation=wirral, full_name="Cora Wirral")
    response = sign_in(national_admin).post(
        "/partnerships/new/",
        create_post(
            cohort,
            wirral,
            code="ltp",  # typed in lower case: kept in capitals
            coordinator=str(cora.pk),
            contract_model=ContractModel.TIE_IN,
            tie_in_amount_pence="£3,000",
            tie_in_terms="Repayable if the trainee does not apply to Wirral within six months",
            recruitment_target="14",
        ),
    )

    partnership = Partnership.objects.get(name="Learn Together")
    assert response.status_code == 302
    assert response["Location"] == f"/partnerships/{partnership.pk}/"
    assert partnership.code == "LTP"
    assert partnership.status == PartnershipStatus.DRAFT
    assert partnership.coordinator == cora
    assert partnership.tie_in_amount_pence == 300000
    assert partnership.recruitment_target == 14
    assert list(partnership.members.values_list("authority__name", "places")) == [("Wirral", 0)]
    [entry] = history_for(partnership)
    assert entry.summary == "Created the partnership"
    assert entry.actor == national_admin
    assert {"field": "Tie-in amount", "before": "(blank)", "after": "£3,000"} in entry.changes

    page = sign_in(national_admin).get(response["Location"]).content.decode()
    assert "£3,000" in page
    assert "Bursary with a tie-in" in page
    assert "Wirral (lead)" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"contract_model": ContractModel.TIE_IN}, "Enter the tie-in amount, like 3000"),
        (
            {"contract_model": ContractModel.TIE_IN, "tie_in_amount_pence": "3000"},
            "Enter the terms of the tie-in",
        ),
        ({"tie_in_amount_pence": "lots"}, "Enter an amount in pounds, like 19833"),
        ({"code": "S"}, "Short code must be 2 to 10 capital letters or digits, like SELP"),
        ({"code": "SE-L"}, "Short code must be 2 to 10 capital letters or digits, like SELP"),
        ({"code": "sel"}, "already uses the short code SEL"),
        ({"name": "south east london"}, "is already called south east london"),
        ({"name": ""}, "Enter the name of the partnership"),
        ({"lead_authority": ""}, "Select the lead authority"),
        ({"cohort": "999"}, "Select a cohort from the list"),
        ({"recruitment_target": "ten"}, "Enter the recruitment target as a whole number, like 14"),
        ({"recruitment_target": "0"}, "Recruitment target must be 1 or more"),
    ],
)
def test_bad_details_show_an_error_and_create_nothing(
    sign_in, national_admin, partnership, cohort, overrides, message
):
    wirral = AuthorityFactory(name="Wirral")
    response = sign_in(national_admin).post(
        "/partnerships/new/", create_post(cohort, wirral, **overrides)
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert message in html
    assert Partnership.objects.count() == 1  # only the fixture's


@pytest.mark.django_db
def test_the_coordinator_must_be_a_coordinator_at_the_lead_authority(
    sign_in, national_admin, cohort, coordinator
):
    wirral = AuthorityFactory(name="Wirral")
    response = sign_in(national_admin).post(
        "/partnerships/new/", create_post(cohort, wirral, coordinator=str(coordinator.pk))
    )
    assert "Cora Ordinator is not a partnership coordinator at Wirral" in response.content.decode()
    assert not Partnership.objects.exists()


@pytest.mark.django_db
def test_a_coordinator_creates_a_bid_led_by_their_authority(sign_in, coordinator, cohort, bromley):
    client = sign_in(coordinator)
    html = client.get("/partnerships/new/").content.decode()
    assert ">Bromley</option>" in html
    assert ">Wirral</option>" not in html

    response = client.post("/partnerships/new/", create_post(cohort, bromley))
    assert response.status_code == 302
    partnership = Partnership.objects.get()
    assert partnership.lead_authority == bromley
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_a_coordinator_cannot_bid_in_a_cohort_not_open_for_bids(sign_in, coordinator, bromley):
    closed = CohortFactory(number=6, status=CohortStatus.RECRUITING)
    client = sign_in(coordinator)
    response = client.post("/partnerships/new/", create_post(closed, bromley))
    assert "Select a cohort from the list" in response.content.decode()
    with pytest.raises(ValidationError, match="Cohort 6 is not open for bids") as error:
        services.partnership_create(
            actor=coordinator, cohort=closed, name="X", code="XX", lead_authority=bromley
        )
    assert "Cohort 6 is not open for bids" in str(error.value)
    assert not Partnership.objects.exists()


@pytest.mark.django_db
def test_a_coordinator_cannot_bid_for_another_authority(coordinator, cohort):
    wirral = AuthorityFactory(name="Wirral")
    with pytest.raises(
        ValidationError, match="Select an authority you are a partnership coordinator for"
    ) as error:
        services.partnership_create(
            actor=coordinator, cohort=cohort, name="X", code="XX", lead_authority=wirral
        )
    assert error.value.message_dict["lead_authority"] == [
        "Select an authority you are a partnership coordinator for"
    ]


@pytest.mark.django_db
def test_an_officer_cannot_create_partnerships(sign_in, bromley, cohort):
    officer = person_with_role(Role.AUTHORITY_OFFICER, organisation=bromley)
    assert sign_in(officer).get("/partnerships/new/").status_code == 403
    with pytest.raises(PermissionDenied, match="You cannot create a partnership"):
        services.partnership_create(
            actor=officer, cohort=cohort, name="X", code="XX", lead_authority=bromley
        )


# Changing the details


def edit_post(partnership, **overrides) -> dict:
    data = {
        "name": partnership.name,
        "code": partnership.code,
        "coordinator": str(partnership.coordinator_id or ""),
        "contract_model": partnership.contract_model,
        "tie_in_amount_pence": "",
        "tie_in_terms": "",
        "recruitment_target": "",
        "reason": "",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_coordinator_changes_the_contract_model_and_it_is_audited(
    sign_in, partnership, coordinator
):
    response = sign_in(coordinator).post(
        f"/partnerships/{partnership.pk}/details/",
        edit_post(
            partnership,
            contract_model=ContractModel.TIE_IN,
            tie_in_amount_pence="3000",
            tie_in_terms="Repay if you do not apply to Bromley within six months",
            reason="Agreed at the steering board",
        ),
    )
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.contract_model == ContractModel.TIE_IN
    assert partnership.tie_in_amount_pence == 300000
    [entry] = history_for(partnership)
    assert entry.summary == "Changed the partnership’s details"
    assert entry.reason == "Agreed at the steering board"
    assert {
        "field": "Trainee contract model",
        "before": "Training bursary",
        "after": "Bursary with a tie-in",
    } in entry.changes


@pytest.mark.django_db
def test_tie_in_amount_is_required_for_a_tie_in(sign_in, partnership, coordinator):
    response = sign_in(coordinator).post(
        f"/partnerships/{partnership.pk}/details/",
        edit_post(partnership, contract_model=ContractModel.TIE_IN, tie_in_terms="Six months"),
    )
    assert "Enter the tie-in amount, like 3000" in response.content.decode()
    partnership.refresh_from_db()
    assert partnership.contract_model == ContractModel.BURSARY
    assert history_count(partnership) == 0


@pytest.mark.django_db
def test_a_coordinator_cannot_change_the_lead_authority(partnership, coordinator):
    croydon = partnership.members.get(authority__name="Croydon").authority
    with pytest.raises(
        ValidationError, match="Only the national programme team can change the lead authority"
    ) as error:
        services.partnership_update(
            actor=coordinator, partnership=partnership, lead_authority=croydon
        )
    assert "Only the national programme team" in str(error.value)


@pytest.mark.django_db
def test_the_national_admin_may_move_the_lead_to_a_member_only(
    sign_in, partnership, national_admin
):
    croydon = partnership.members.get(authority__name="Croydon").authority
    client = sign_in(national_admin)
    outsider = AuthorityFactory(name="Sutton")
    response = client.post(
        f"/partnerships/{partnership.pk}/details/",
        edit_post(partnership, lead_authority=str(outsider.pk)),
    )
    assert "The lead authority, Sutton, must be one of the member authorities" in (
        response.content.decode()
    )
    response = client.post(
        f"/partnerships/{partnership.pk}/details/",
        edit_post(partnership, lead_authority=str(croydon.pk)),
    )
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.lead_authority == croydon


@pytest.mark.django_db
def test_a_named_coordinator_from_another_authority_keeps_their_place_when_editing(
    sign_in, partnership
):
    croydon = partnership.members.get(authority__name="Croydon").authority
    named = person_with_role(Role.COORDINATOR, organisation=croydon, full_name="Nia Named")
    Partnership.objects.filter(pk=partnership.pk).update(coordinator=named)
    client = sign_in(named)
    form = client.get(f"/partnerships/{partnership.pk}/details/").content.decode()
    assert f'<option value="{named.pk}" selected>Nia Named (Croydon)</option>' in form

    response = client.post(
        f"/partnerships/{partnership.pk}/details/",
        edit_post(partnership, coordinator=str(named.pk), recruitment_target="12"),
    )
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.coordinator == named
    assert partnership.recruitment_target == 12
