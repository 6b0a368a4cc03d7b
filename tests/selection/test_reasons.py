"""The national admin keeps the list of reasons; reasons are never deleted, and are counted."""

import pytest

from stepup.accounts.roles import Role
from stepup.applications.models import ApplicationStatus
from stepup.core.audit import history_for
from stepup.selection.models import DecisionReason, EligibilityDecision
from stepup.selection.queries import reason_counts
from tests.factories import CohortFactory, person_with_role

pytestmark = pytest.mark.django_db


def test_the_default_reasons_are_there(db):
    eligibility = set(
        DecisionReason.objects.filter(stage="eligibility").values_list("code", flat=True)
    )
    assert {
        "degree-class-below-minimum",
        "degree-in-social-work",
        "gcse-english-below-minimum",
        "gcse-maths-below-minimum",
        "no-relevant-experience",
        "no-right-to-work",
        "qualification-not-verified",
        "other",
    } <= eligibility
    sift = set(DecisionReason.objects.filter(stage="sift").values_list("code", flat=True))
    assert {"child-centred", "values", "answers-off-question", "other"} <= sift


def test_the_list_shows_both_stages(national_admin, sign_in):
    page = sign_in(national_admin).get("/selection/reasons/").content.decode()

    assert "You already have a degree in social work" in page
    assert "Your answers do not address the questions asked" in page


def test_adding_a_reason(national_admin, sign_in):
    response = sign_in(national_admin).post(
        "/selection/reasons/add/",
        {"stage": "sift", "text": "Your answers were over the word limit", "code": "Over-Limit"},
        follow=True,
    )

    assert "Reason added" in response.content.decode()
    reason = DecisionReason.objects.get(stage="sift", code="over-limit")
    assert reason.active
    [entry] = history_for(reason)
    assert entry.actor == national_admin
    assert entry.summary == "Added the sift reason “Your answers were over the word limit”"


@pytest.mark.parametrize(
    "data, message",
    [
        (
            {"stage": "sift", "text": "", "code": "x"},
            "Enter the reason as the candidate will read it",
        ),
        ({"stage": "", "text": "A reason", "code": "x"}, "Select the stage the reason is for"),
        (
            {"stage": "sift", "text": "A reason", "code": ""},
            "Enter a short code, like missing-evidence",
        ),
        (
            {"stage": "sift", "text": "A reason", "code": "no spaces!"},
            "The code can only contain letters, numbers and hyphens",
        ),
        (
            {"stage": "sift", "text": "A reason", "code": "values"},
            "A reason with this code already exists",
        ),
    ],
)
def test_adding_a_bad_reason_shows_the_error_and_saves_nothing(
    national_admin, sign_in, data, message
):
    before = DecisionReason.objects.count()

    response = sign_in(national_admin).post("/selection/reasons/add/", data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert DecisionReason.objects.count() == before


def test_changing_and_deactivating_a_reason_is_audited(national_admin, sign_in):
    reason = DecisionReason.objects.get(stage="eligibility", code="qualification-not-verified")
    client = sign_in(national_admin)

    client.post(
        f"/selection/reasons/{reason.pk}/",
        {"text": "We could not check a qualification", "active": "no"},
    )

    reason.refresh_from_db()
    assert reason.text == "We could not check a qualification" and not reason.active
    [entry] = history_for(reason)
    assert entry.summary == "Stopped offering the reason “We could not check a qualification”"
    assert {
        "field": "Offered to decision makers",
        "before": "Yes",
        "after": "No",
    } in entry.changes
    page = client.get(f"/selection/reasons/{reason.pk}/").content.decode()
    assert "Stopped offering the reason" in page


def test_an_inactive_reason_is_not_offered_to_deciders(national_admin, sign_in, in_review):
    reason = DecisionReason.objects.get(stage="eligibility", code="qualification-not-verified")
    reason.active = False
    reason.save()

    page = sign_in(national_admin).get(f"/selection/eligibility/{in_review().reference}/")

    assert reason.text not in page.content.decode()


def test_a_reason_cannot_be_emptied(national_admin, sign_in):
    reason = DecisionReason.objects.get(stage="sift", code="values")
    response = sign_in(national_admin).post(
        f"/selection/reasons/{reason.pk}/", {"text": " ", "active": "yes"}
    )
    assert "Enter the reason as the candidate will read it" in response.content.decode()
    reason.refresh_from_db()
    assert reason.text.startswith("Your answers")
    assert not history_for(reason).exists()


def test_the_reason_pages_are_the_national_admins_alone(sign_in):
    client = sign_in(person_with_role(Role.CONTRACTOR))
    reason = DecisionReason.objects.first()
    assert client.get("/selection/reasons/").status_code == 403
    assert client.post("/selection/reasons/add/", {"stage": "sift"}).status_code == 403
    assert client.post(f"/selection/reasons/{reason.pk}/", {"text": "x"}).status_code == 403


def test_reason_counts_count_decisions_for_the_cohort(in_review, cohort):
    no_rtw = DecisionReason.objects.get(stage="eligibility", code="no-right-to-work")
    other = DecisionReason.objects.get(stage="eligibility", code="other")
    retired = DecisionReason.objects.get(stage="eligibility", code="qualification-not-verified")
    retired.active = False
    retired.save()
    for reasons in ([no_rtw], [no_rtw, other]):
        decision = EligibilityDecision.objects.create(
            application=in_review(status=ApplicationStatus.INELIGIBLE), eligible=False
        )
        decision.reasons.set(reasons)
    elsewhere = CohortFactory(number=9)
    EligibilityDecision.objects.create(
        application=in_review(cohort=elsewhere, status=ApplicationStatus.INELIGIBLE),
        eligible=False,
    ).reasons.set([other])

    counts = dict(reason_counts(cohort=cohort, stage="eligibility"))

    assert counts[no_rtw] == 2
    assert counts[other] == 1
    assert counts[DecisionReason.objects.get(stage="eligibility", code="other")] == 1
    assert retired not in counts  # no longer offered and never used
    assert dict(reason_counts(cohort=None, stage="eligibility"))[other] == 2
    assert all(r.stage == "sift" for r, _ in reason_counts(cohort=cohort, stage="sift"))
