"""Centre days: planned by whoever runs the centres, opened for booking,
screened-in candidates invited, slots booked and moved, adjustments asked for and answered,
attendance recorded as the application's own moves."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from stepup.applications.models import ApplicationStatus
from stepup.assessment import services
from stepup.assessment.models import CentreStatus, Invitation
from stepup.assessment.queries import slots_bookable_for
from stepup.core.audit import history_for
from stepup.core.models import StatusChange
from tests.assessment.conftest import closes, day, t
from tests.assessment.conftest import invite as _invited
from tests.assessment.conftest import plan_centre as _centre

pytestmark = pytest.mark.django_db


def _errors(excinfo) -> dict:
    return excinfo.value.message_dict


def test_a_coordinator_plans_opens_and_invites(
    centre_world, mailoutbox, django_capture_on_commit_callbacks
):
    world = centre_world
    first, second = world["screened_in"](), world["screened_in"]()
    elsewhere = world["screened_in"](first_choice=world["theirs"])
    centre = _centre(world)
    assert centre.status == CentreStatus.PLANNED
    with pytest.raises(ValidationError, match="Open a centre day"):
        services.invitations_send(
            actor=world["people"]["coordinator"], cohort=world["cohort"], partnership=world["ours"]
        )
    services.centre_open(actor=world["people"]["coordinator"], centre=centre)
    with django_capture_on_commit_callbacks(execute=True):
        invited = services.invitations_send(
            actor=world["people"]["coordinator"], cohort=world["cohort"], partnership=world["ours"]
        )
    assert invited == 2
    for application in (first, second):
        application.refresh_from_db()
        assert application.status == ApplicationStatus.INVITED
        assert StatusChange.objects.filter(
            record_id=application.pk, target=ApplicationStatus.INVITED
        ).exists(), "the insights read the move"
    elsewhere.refresh_from_db()
    assert elsewhere.status == ApplicationStatus.SCREENED_IN
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [first.candidate.email, second.candidate.email]
    )
    again = services.invitations_send(
        actor=world["people"]["coordinator"], cohort=world["cohort"], partnership=world["ours"]
    )
    assert again == 0, "nobody is invited twice"


def test_only_whoever_runs_the_centres_plans_them(centre_world):
    world = centre_world
    for who in ("other_coordinator", "assessor", "contractor"):
        with pytest.raises(ValidationError, match="cannot run"):
            _centre(world, actor=world["people"][who])
    _centre(world, actor=world["people"]["admin"])
    with pytest.raises(ValidationError, match="Each partnership runs"):
        _centre(world, actor=world["people"]["admin"], partnership=None)


def test_a_centre_day_with_wrong_details_says_how_to_fix_each(centre_world):
    world = centre_world
    with pytest.raises(ValidationError, match="The centre day must be in the future") as excinfo:
        _centre(
            world,
            day=day(0),
            booking_closes_at=closes(-1),
            slots=[(t(13), t(9), 0), (t(13), t(15), 61)],
        )
    errors = _errors(excinfo)
    assert errors["day"] == ["The centre day must be in the future"]
    assert errors["slots"] == [
        "Slot 1: the end must be after the start",
        "Slot 1: places must be between 1 and 60",
        "Slot 2: places must be between 1 and 60",
    ]
    with pytest.raises(
        ValidationError, match="Booking must close before the centre day"
    ) as excinfo:
        _centre(world, booking_closes_at=closes(14), slots=[])
    errors = _errors(excinfo)
    assert errors["booking_closes_at"] == ["Booking must close before the centre day"]
    assert errors["slots"] == ["Add at least one slot, with its times and places"]


def test_candidates_book_a_slot_until_it_is_full_and_keep_their_number_when_moving(centre_world):
    world = centre_world
    centre, (a, b, c) = _invited(world, 3)
    morning, afternoon = centre.slots.order_by("starts_at")
    services.booking_make(actor=a.candidate, application=a, slot=morning)
    services.booking_make(actor=b.candidate, application=b, slot=morning)
    with pytest.raises(ValidationError, match="This time is full"):
        services.booking_make(actor=c.candidate, application=c, slot=morning)
    assert [s.pk for s in slots_bookable_for(c.centre_invitation)] == [afternoon.pk]
    services.booking_make(actor=c.candidate, application=c, slot=afternoon)
    numbers = dict(Invitation.objects.values_list("application_id", "candidate_number"))
    assert numbers == {a.pk: 1, b.pk: 2, c.pk: 3}
    with pytest.raises(ValidationError, match="This time is full"):
        services.booking_make(actor=a.candidate, application=a, slot=afternoon)
    with pytest.raises(ValidationError, match="already booked"):
        services.booking_make(actor=a.candidate, application=a, slot=morning)
    with pytest.raises(ValidationError, match="cannot run"):
        services.booking_make(actor=b.candidate, application=a, slot=afternoon)
    assert history_for(a)[0].event == "centre.booked"


def test_moving_is_for_the_candidate_until_the_cut_off_and_for_staff_until_the_day(
    centre_world, time_machine
):
    world = centre_world
    centre, (a,) = _invited(world, 1)
    morning, afternoon = centre.slots.order_by("starts_at")
    services.booking_make(actor=a.candidate, application=a, slot=afternoon)
    time_machine.move_to(closes(7), tick=False)
    with pytest.raises(ValidationError, match="Booking for this day has closed"):
        services.booking_make(actor=a.candidate, application=a, slot=morning)
    services.booking_make(actor=world["people"]["coordinator"], application=a, slot=morning)
    invitation = Invitation.objects.get(application=a)
    assert invitation.slot == morning and invitation.candidate_number == 1
    assert history_for(a)[0].event == "centre.booking_moved"


def test_adjustments_are_asked_answered_and_kept_out_of_the_audit_trail(
    centre_world, mailoutbox, django_capture_on_commit_callbacks
):
    world = centre_world
    _, (a,) = _invited(world, 1)
    with pytest.raises(
        ValidationError, match="Say what you need to take part on equal terms"
    ) as excinfo:
        services.adjustment_ask(candidate=a.candidate, application=a, request=" ")
    assert _errors(excinfo) == {"request": ["Say what you need to take part on equal terms"]}
    asked = services.adjustment_ask(
        candidate=a.candidate, application=a, request="Extra time for written exercises: dyslexia"
    )
    with pytest.raises(
        ValidationError, match="Select whether you can make the adjustment"
    ) as excinfo:
        services.adjustment_answer(
            actor=world["people"]["coordinator"], adjustment=asked, outcome="maybe", answer=""
        )
    assert set(_errors(excinfo)) == {"outcome", "answer"}
    with pytest.raises(ValidationError, match="cannot run"):
        services.adjustment_answer(
            actor=world["people"]["other_coordinator"],
            adjustment=asked,
            outcome="agreed",
            answer="Yes",
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.adjustment_answer(
            actor=world["people"]["coordinator"],
            adjustment=asked,
            outcome="agreed",
            answer="You will have 25% more time for each written exercise.",
        )
    assert "25% more time" in mailoutbox[-1].body
    assert not [e for e in history_for(a) if "dyslexia" in e.summary + str(e.changes)]


def test_attendance_is_recorded_on_the_day_and_a_no_show_needs_a_reason(centre_world, time_machine):
    world = centre_world
    centre, (a, b) = _invited(world, 2)
    morning = centre.slots.order_by("starts_at").first()
    for application in (a, b):
        services.booking_make(actor=application.candidate, application=application, slot=morning)
    coordinator = world["people"]["coordinator"]
    invitation_a, invitation_b = (Invitation.objects.get(application=x) for x in (a, b))
    with pytest.raises(ValidationError, match="on the day or after"):
        services.attendance_record(actor=coordinator, invitation=invitation_a, attended=True)
    time_machine.move_to(datetime.datetime.combine(centre.day, datetime.time(9)), tick=False)
    with pytest.raises(ValidationError, match="Enter why the candidate did not attend") as excinfo:
        services.attendance_record(actor=coordinator, invitation=invitation_b, attended=False)
    assert _errors(excinfo) == {"reason": ["Enter why the candidate did not attend"]}
    with pytest.raises(ValidationError, match="cannot make this change"):
        services.attendance_record(
            actor=world["people"]["other_coordinator"], invitation=invitation_a, attended=True
        )
    services.attendance_record(actor=coordinator, invitation=invitation_a, attended=True)
    services.attendance_record(
        actor=coordinator, invitation=invitation_b, attended=False, reason="Phoned in unwell"
    )
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == (ApplicationStatus.ATTENDED, ApplicationStatus.DID_NOT_ATTEND)
    assert history_for(b)[0].reason == "Phoned in unwell"


def test_a_day_is_held_once_everyone_booked_is_recorded(centre_world, time_machine):
    world = centre_world
    centre, (a,) = _invited(world, 1)
    services.booking_make(actor=a.candidate, application=a, slot=centre.slots.first())
    coordinator = world["people"]["coordinator"]
    with pytest.raises(ValidationError, match="on the day or after"):
        services.centre_hold(actor=coordinator, centre=centre)
    time_machine.move_to(datetime.datetime.combine(centre.day, datetime.time(18)), tick=False)
    with pytest.raises(ValidationError, match="1 has no attendance recorded"):
        services.centre_hold(actor=coordinator, centre=centre)
    services.attendance_record(
        actor=coordinator, invitation=Invitation.objects.get(application=a), attended=True
    )
    services.centre_hold(actor=coordinator, centre=centre)
    centre.refresh_from_db()
    assert centre.status == CentreStatus.HELD
