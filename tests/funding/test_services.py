"""The grant, its instalments, the lead authority's ledger and repayments, through the
services. The clock stands at 1 June 2027 (financial year 2027–28); the programme started
on 4 January 2027 (in 2026–27) and runs for 18 months."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from stepup.accounts.roles import Role
from stepup.funding import queries, services
from stepup.funding.models import (
    EntryKind,
    Evidence,
    InstalmentStatus,
    LedgerEntry,
    RepaymentBasis,
    RepaymentStatus,
    financial_year,
    financial_year_label,
)
from stepup.offers.models import Terms
from tests.factories import (
    person_with_role,
)
from tests.funding.conftest import BURSARY, TODAY


def _released(world, amount=10_000_000):
    instalment = services.instalment_add(
        actor=world.admin,
        partnership=world.partnership,
        milestone=Evidence.APPROVED,
        year=2026,
        amount_pence=amount,
        evidence_needed="The signed memorandum of understanding",
    )
    services.instalment_submit(
        actor=world.coordinator, instalment=instalment, evidence="Signed on 3 March 2026"
    )
    services.instalment_accept(actor=world.admin, instalment=instalment)
    services.instalment_release(
        actor=world.admin,
        instalment=instalment,
        amount_pence=amount,
        paid_on=datetime.date(2027, 1, 10),
    )
    return instalment


def test_financial_years_run_from_april_to_march():
    assert financial_year(datetime.date(2027, 3, 31)) == 2026
    assert financial_year(datetime.date(2027, 4, 1)) == 2027
    assert financial_year_label(2026) == "2026–27"
    assert financial_year_label(1999) == "1999–00"


def test_the_grant_is_planned_from_places_and_actual_from_trainees_with_the_reasons(world):
    grant = queries.grant_of(world.partnership)

    assert (grant.planned_trainees, grant.planned_pence) == (5, 4_800_000 + 5 * 2_966_700)
    assert (grant.actual_trainees, grant.actual_pence) == (3, 4_800_000 + 3 * 2_966_700)
    assert grant.difference_pence == -2 * 2_966_700
    assert grant.reasons == ["2 of the 5 places were not filled"]
    assert [(line.label, line.planned_pence, line.actual_pence) for line in grant.lines] == [
        ("Administration", 4_800_000, 4_800_000),
        ("Bursary", 5 * BURSARY, 3 * BURSARY),
        ("University fees", 5 * 1_166_700, 3 * 1_166_700),
    ]
    services.withdrawal_record(
        actor=world.coordinator,
        trainee=world.trainees[1],
        withdrawn_on=TODAY,
        reason="Moved away for family reasons",
    )

    grant = queries.grant_of(world.partnership)
    assert grant.actual_trainees == 2
    assert grant.reasons[-1] == "Ben withdrew on 1 June 2027: Moved away for family reasons"


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (-5, "must be more than £0"),
        (0, "must be more than £0"),
        (12.5, "whole number of pence"),
        ("100", "whole number of pence"),
        # The grant as it stands: the actual, for the three trainees who started.
        (4_800_000 + 3 * 2_966_700 + 1, "more than the grant of £137,001: enter £137,001 or less"),
    ],
)
def test_an_instalment_that_is_not_a_sum_of_money_within_the_grant_is_refused(
    world, amount, message
):
    with pytest.raises(ValidationError, match=message):
        services.instalment_add(
            actor=world.admin,
            partnership=world.partnership,
            milestone=Evidence.APPROVED,
            year=2026,
            amount_pence=amount,
            evidence_needed="Memorandum",
        )
    assert not world.partnership.instalments.exists()


def test_only_the_national_team_schedules_instalments(world):
    with pytest.raises(ValidationError, match="national programme team"):
        services.instalment_add(
            actor=world.coordinator,
            partnership=world.partnership,
            milestone=Evidence.APPROVED,
            year=2026,
            amount_pence=100,
            evidence_needed="Memorandum",
        )


def test_evidence_is_submitted_accepted_and_the_instalment_released_into_the_ledger(world):
    instalment = services.instalment_add(
        actor=world.admin,
        partnership=world.partnership,
        milestone=Evidence.ENROLLED,
        year=2026,
        amount_pence=6_000_000,
        evidence_needed="The university's enrolment list",
    )
    with pytest.raises(ValidationError, match="Accept the instalment's evidence"):
        services.instalment_release(
            actor=world.admin, instalment=instalment, amount_pence=100, paid_on=TODAY
        )
    with pytest.raises(ValidationError, match="You cannot make this change"):
        services.instalment_submit(
            actor=world.other_coordinator, instalment=instalment, evidence="Not mine"
        )
    services.instalment_submit(
        actor=world.coordinator, instalment=instalment, evidence="Enrolment list of 3"
    )
    services.instalment_accept(actor=world.admin, instalment=instalment)
    with pytest.raises(ValidationError, match="Release £60,000 or less"):
        services.instalment_release(
            actor=world.admin, instalment=instalment, amount_pence=6_000_001, paid_on=TODAY
        )
    with pytest.raises(ValidationError, match="Say why less than the whole"):
        services.instalment_release(
            actor=world.admin, instalment=instalment, amount_pence=5_000_000, paid_on=TODAY
        )

    receipt = services.instalment_release(
        actor=world.admin,
        instalment=instalment,
        amount_pence=5_000_000,
        paid_on=TODAY,
        reason="Two places were not filled",
    )

    instalment.refresh_from_db()
    assert (instalment.status, instalment.released_pence) == (InstalmentStatus.RELEASED, 5_000_000)
    assert (receipt.kind, receipt.amount_pence, receipt.authority) == (
        EntryKind.RECEIPT,
        5_000_000,
        world.partnership.lead_authority,
    )
    assert receipt.year == 2027


def test_evidence_sent_back_needs_a_reason_and_can_be_submitted_again(world):
    instalment = services.instalment_add(
        actor=world.admin,
        partnership=world.partnership,
        milestone=Evidence.REGULATOR,
        year=2026,
        amount_pence=100_000,
        evidence_needed="The regulator's letter",
    )
    services.instalment_submit(actor=world.coordinator, instalment=instalment, evidence="Email")
    with pytest.raises(ValidationError, match="reason"):
        services.instalment_return(actor=world.admin, instalment=instalment, reason="")
    services.instalment_return(
        actor=world.admin, instalment=instalment, reason="We need the letter itself"
    )
    services.instalment_submit(
        actor=world.coordinator, instalment=instalment, evidence="Letter of 2 May 2027"
    )
    assert instalment.status == InstalmentStatus.SUBMITTED


def _post(world, **overrides):
    values = {
        "actor": world.coordinator,
        "partnership": world.partnership,
        "kind": EntryKind.TRANSFER,
        "amount_pence": 1_000_000,
        "paid_on": TODAY,
        "authority_id": world.croydon.pk,
        "description": "For the two trainees Croydon hosts",
    }
    return services.entry_post(**(values | overrides))


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"amount_pence": -100}, "must be more than £0"),
        ({"amount_pence": 99.5}, "whole number of pence"),
        ({"authority_id": "outsider"}, "cannot pay another"),
        ({"authority_id": "lead"}, "not the lead authority itself"),
        ({"kind": EntryKind.RECEIPT}, "Receipts come with a released instalment"),
        ({"paid_on": TODAY + datetime.timedelta(days=1)}, "cannot be in the future"),
        ({"kind": EntryKind.BURSARY}, "Choose the trainee"),
        ({"description": " "}, "Describe the payment"),
    ],
)
def test_bad_postings_are_refused_and_nothing_is_posted(world, overrides, message):
    if overrides.get("authority_id") == "outsider":
        overrides["authority_id"] = world.outsider.pk
    if overrides.get("authority_id") == "lead":
        overrides["authority_id"] = world.partnership.lead_authority_id
    with pytest.raises(ValidationError, match=message):
        _post(world, **overrides)
    assert not LedgerEntry.objects.exists()


def test_only_the_partnerships_coordinator_posts_to_its_ledger(world):
    with pytest.raises(ValidationError, match="Only the partnership's coordinator"):
        _post(world, actor=world.other_coordinator)


def test_a_posted_entry_never_changes_and_is_put_right_by_a_reversal(world):
    entry = _post(world)
    entry.amount_pence = 1
    with pytest.raises(ValidationError, match="cannot be changed"):
        entry.save()
    with pytest.raises(ValidationError, match="cannot be deleted"):
        entry.delete()
    with pytest.raises(ValidationError, match="Say why"):
        services.entry_reverse(actor=world.coordinator, entry=entry, reason="")

    reversal = services.entry_reverse(
        actor=world.coordinator, entry=entry, reason="Paid to the wrong authority"
    )

    assert reversal.amount_pence == 1_000_000 and reversal.reverses_id == entry.pk
    assert sum(LedgerEntry.objects.values_list("amount_pence", flat=True)) == 0
    with pytest.raises(ValidationError, match="already been reversed"):
        services.entry_reverse(actor=world.coordinator, entry=entry, reason="Again")
    with pytest.raises(ValidationError, match="cannot itself be reversed"):
        services.entry_reverse(actor=world.coordinator, entry=reversal, reason="Undo")


def test_eighteen_months_of_bursary_pay_each_trainee_the_bursary_to_the_penny(world):
    Terms.objects.filter(partnership=world.partnership).update(bursary_pence=1_983_300)
    first = services.bursary_month_post(
        actor=world.coordinator,
        partnership=world.partnership,
        month=datetime.date(2027, 1, 1),
        paid_on=datetime.date(2027, 1, 28),
    )
    assert [(e.trainee.application.full_name, -e.amount_pence) for e in first] == [
        ("Ada", 110_183),
        ("Ben", 110_183),
        ("Cara", 110_183),
    ]
    with pytest.raises(ValidationError, match="paid their bursary for January 2027"):
        services.bursary_month_post(
            actor=world.coordinator,
            partnership=world.partnership,
            month=datetime.date(2027, 1, 15),
            paid_on=TODAY,
        )
    for offset in range(1, 18):
        month = datetime.date(2027 + (offset // 12), offset % 12 + 1, 1)
        services.bursary_month_post(
            actor=world.coordinator, partnership=world.partnership, month=month, paid_on=TODAY
        )
    for trainee in world.trainees:
        assert queries.bursary_received(trainee) == 1_983_300


def _bursary_months(world, months: int) -> None:
    for index in range(months):
        services.bursary_month_post(
            actor=world.coordinator,
            partnership=world.partnership,
            month=datetime.date(2027, index + 1, 1),
            paid_on=TODAY,
        )


@pytest.mark.parametrize(
    ("basis", "due", "working"),
    [
        ("all_received", 500_000, "All £5,000 received"),
        # Withdrawn in June, the sixth month: 13 of 18 months left.
        ("pro_rata", 500_000 * 13 // 18, "£5,000 received × 13 of 18 months left"),
        ("none", 0, "The partnership's terms ask for nothing back"),
    ],
)
def test_a_withdrawal_owes_what_the_terms_say(world, basis, due, working):
    Terms.objects.filter(partnership=world.partnership).update(repayment_basis=basis)
    _bursary_months(world, 5)

    repayment = services.withdrawal_record(
        actor=world.coordinator,
        trainee=world.trainees[0],
        withdrawn_on=TODAY,
        reason="Found the placement too much",
    )

    assert (repayment.basis, repayment.due_pence, repayment.working) == (basis, due, working)
    assert repayment.status == (RepaymentStatus.DUE if due else RepaymentStatus.SETTLED)
    # A trainee who has left is paid no more bursary.
    paid = services.bursary_month_post(
        actor=world.coordinator,
        partnership=world.partnership,
        month=datetime.date(2027, 6, 1),
        paid_on=TODAY,
    )
    assert world.trainees[0] not in [entry.trainee for entry in paid]


def test_the_tie_in_sum_is_due_from_a_trainee_who_did_not_apply_to_their_host(world):
    world.partnership.tie_in_amount_pence = 300_000
    world.partnership.save()

    repayment = services.withdrawal_record(
        actor=world.coordinator,
        trainee=world.trainees[1],
        withdrawn_on=TODAY,
        reason="Took a post in another authority",
        tie_in=True,
    )

    assert (repayment.basis, repayment.due_pence) == (RepaymentBasis.TIE_IN, 300_000)
    assert "did not apply to Croydon within six months" in repayment.working


def test_a_repayment_is_settled_into_the_ledger_or_written_off_with_a_reason(world):
    _bursary_months(world, 2)
    repayment = services.withdrawal_record(
        actor=world.coordinator, trainee=world.trainees[0], withdrawn_on=TODAY, reason="Left"
    )
    entry = services.repayment_settle(actor=world.coordinator, repayment=repayment, paid_on=TODAY)
    assert (entry.kind, entry.amount_pence) == (EntryKind.REPAYMENT, 200_000)
    other = services.withdrawal_record(
        actor=world.coordinator, trainee=world.trainees[1], withdrawn_on=TODAY, reason="Left"
    )
    with pytest.raises(ValidationError, match="reason"):
        services.repayment_write_off(actor=world.coordinator, repayment=other, reason="")
    services.repayment_write_off(
        actor=world.coordinator, repayment=other, reason="The trainee has died"
    )
    assert other.status == RepaymentStatus.WRITTEN_OFF


def test_the_statement_balances_and_flags_last_years_unspent_grant_for_return(world):
    _released(world, amount=10_000_000)  # received in January 2027: 2026–27
    _post(world, paid_on=datetime.date(2027, 2, 1))  # £10,000 to Croydon in 2026–27
    _post(world, amount_pence=250_000, authority_id=world.merton.pk)  # in 2027–28
    _bursary_months(world, 1)  # three trainees, £1,000 each, paid in 2027–28

    statement = queries.statement_of(world.partnership)

    assert statement.received_pence == 10_000_000
    assert statement.spent_pence == 1_000_000 + 250_000 + 300_000
    assert statement.balance_pence == 10_000_000 - 1_550_000
    assert statement.by_authority == {
        "Bromley": 10_000_000 - 300_000,
        "Croydon": -1_000_000,
        "Merton": -250_000,
    }
    last_year, this_year = statement.years
    assert (last_year["year"], last_year["unspent_pence"], last_year["to_return"]) == (
        "2026–27",
        9_000_000,
        True,
    )
    assert (this_year["year"], this_year["to_return"]) == ("2027–28", False)
    data = queries.statement_json(statement)
    assert data["balance"] == {"pence": 8_450_000, "pounds": "£84,500"}
    assert data["spent_by_line"]["Transfer to a member authority"]["pence"] == 1_250_000


def test_a_member_authoritys_officer_sees_its_own_lines(world):
    officer = person_with_role(Role.AUTHORITY_OFFICER, world.croydon)
    _post(world)
    _post(world, amount_pence=250_000, authority_id=world.merton.pk)

    only = queries.authority_lines_only(officer, world.partnership)
    statement = queries.statement_of(world.partnership, authority_ids=only)

    assert only == {world.croydon.pk}
    assert [entry.authority for entry in statement.entries] == [world.croydon]
    assert queries.authority_lines_only(world.coordinator, world.partnership) is None
    assert queries.authority_lines_only(world.admin, world.partnership) is None


def test_releasing_more_than_the_grant_is_refused_when_the_grant_has_fallen(world):
    grant = queries.grant_of(world.partnership).current_pence
    instalment = services.instalment_add(
        actor=world.admin,
        partnership=world.partnership,
        milestone=Evidence.APPROVED,
        year=2026,
        amount_pence=grant,
        evidence_needed="Memorandum",
    )
    services.instalment_submit(actor=world.coordinator, instalment=instalment, evidence="Seen")
    services.instalment_accept(actor=world.admin, instalment=instalment)
    # A trainee leaves before the money goes: the grant falls by their share.
    services.withdrawal_record(
        actor=world.coordinator, trainee=world.trainees[2], withdrawn_on=TODAY, reason="Left"
    )

    with pytest.raises(ValidationError, match="more than the grant of £107,334"):
        services.instalment_release(
            actor=world.admin, instalment=instalment, amount_pence=grant, paid_on=TODAY
        )
    assert not LedgerEntry.objects.exists()


def test_a_bursary_paid_by_mistake_and_reversed_can_be_paid_again(world):
    january = datetime.date(2027, 1, 1)
    [ada, *_] = services.bursary_month_post(
        actor=world.coordinator, partnership=world.partnership, month=january, paid_on=TODAY
    )
    services.entry_reverse(actor=world.coordinator, entry=ada, reason="Paid to the wrong account")

    again = services.bursary_month_post(
        actor=world.coordinator, partnership=world.partnership, month=january, paid_on=TODAY
    )

    assert [entry.trainee for entry in again] == [world.trainees[0]]
    assert queries.bursary_received(world.trainees[0]) == 100_000
