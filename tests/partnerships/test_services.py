"""The services as a data loader calls them: no person (the "System"), same checks."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from stepup.core.audit import history_for
from stepup.partnerships import services
from stepup.partnerships.models import ContractModel, PartnershipStatus
from tests.factories import AuthorityFactory, UniversityFactory
from tests.partnerships.conftest import PDF_BYTES, PNG_BYTES
from tests.partnerships.helpers import history_count, places_of


@pytest.mark.django_db
def test_a_loader_builds_a_partnership_from_scratch(cohort):
    wirral, cheshire, halton = (
        AuthorityFactory(name=name) for name in ("Wirral", "Cheshire West", "Halton")
    )
    partnership = services.partnership_create(
        actor=None,
        cohort=cohort,
        name="Learn Together Partnership",
        code="LTP",
        lead_authority=wirral,
        contract_model=ContractModel.TIE_IN,
        tie_in_amount_pence=300000,
        tie_in_terms="Repayable within six months",
        recruitment_target=20,
    )
    services.partnership_set_members(
        actor=None, partnership=partnership, members=[(wirral, 8), (cheshire, 7), (halton, 5)]
    )
    services.partnership_set_universities(
        actor=None,
        partnership=partnership,
        universities=[(UniversityFactory(name="University of Chester"), "both")],
    )
    services.memorandum_upload(
        actor=None,
        partnership=partnership,
        file=ContentFile(PDF_BYTES, name="memorandum.pdf"),
        signed_on=datetime.date(2010, 9, 1),
        review_on=datetime.date(2011, 9, 1),
    )
    services.meeting_record(
        actor=None,
        partnership=partnership,
        held_on=datetime.date(2010, 10, 1),
        minutes="First meeting of the board.",
    )
    services.partnership_transition(
        actor=None, partnership=partnership, to_status=PartnershipStatus.SUBMITTED
    )

    assert places_of(partnership) == {"Wirral": 8, "Cheshire West": 7, "Halton": 5}
    assert partnership.total_places == 20
    assert partnership.memoranda.get().uploaded_by is None
    assert partnership.meetings.get().recorded_by is None
    entries = list(history_for(partnership))
    assert len(entries) == 6
    assert {entry.actor_label for entry in entries} == {"System"}


@pytest.mark.django_db
def test_set_members_refuses_bad_rows_and_changes_nothing(partnership, bromley):
    croydon = partnership.members.get(authority__name="Croydon").authority
    before = places_of(partnership)
    with pytest.raises(ValidationError, match="Places must be 0 or more") as error:
        services.partnership_set_members(
            actor=None,
            partnership=partnership,
            members=[(croydon, -1), (croydon, 2), (UniversityFactory(name="Uni"), 1)],
        )
    assert error.value.messages == [
        "Places must be 0 or more",
        "Croydon is listed more than once. Remove the duplicate row",
        "Uni is not a local authority. Select a local authority",
        "The lead authority, Bromley, must be one of the member authorities",
    ]
    assert places_of(partnership) == before
    assert history_count(partnership) == 0


@pytest.mark.django_db
def test_a_memorandum_is_judged_by_its_content_not_its_name(partnership):
    with pytest.raises(ValidationError, match="The selected file must be a PDF") as error:
        services.memorandum_upload(
            actor=None,
            partnership=partnership,
            file=ContentFile(PNG_BYTES, name="memorandum.pdf"),
            signed_on=datetime.date(2026, 1, 1),
            review_on=datetime.date(2027, 1, 1),
        )
    assert error.value.message_dict == {"file": ["The selected file must be a PDF"]}
    memorandum = services.memorandum_upload(
        actor=None,
        partnership=partnership,
        file=ContentFile(PDF_BYTES, name="scan"),
        signed_on=datetime.date(2026, 1, 1),
        review_on=datetime.date(2027, 1, 1),
    )
    assert memorandum.original_name == "scan"
    with memorandum.file.open("rb") as handle:
        assert handle.read() == PDF_BYTES


@pytest.mark.django_db
def test_update_with_no_change_writes_no_history(partnership):
    services.partnership_update(actor=None, partnership=partnership, name=partnership.name)
    assert history_count(partnership) == 0


@pytest.mark.django_db
def test_update_refuses_an_unknown_field(partnership):
    with pytest.raises(TypeError, match=r"partnership_update\(\) cannot change status"):
        services.partnership_update(actor=None, partnership=partnership, status="approved")
