"""At submission the rules decide clear cases and refer the rest, and the candidate is told."""

import pytest
from django.db import transaction

from stepup.applications.models import ApplicationStatus
from stepup.core.audit import history_for
from stepup.selection.models import EligibilityCheck, EligibilityDecision
from stepup.selection.services import eligibility_run

pytestmark = pytest.mark.django_db


def run(application, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        decision = eligibility_run(application=application)
    application.refresh_from_db()
    return decision, callbacks


def test_an_application_meeting_every_rule_is_eligible(
    submitted, django_capture_on_commit_callbacks, mailoutbox
):
    application = submitted()

    decision, _ = run(application, django_capture_on_commit_callbacks)

    assert application.status == ApplicationStatus.ELIGIBLE
    assert decision.eligible is True and decision.decided_by is None
    assert list(decision.reasons.all()) == []
    checks = EligibilityCheck.objects.filter(application=application)
    assert {c.rule: c.outcome for c in checks} == {
        "right_to_work": "pass",
        "degree_subject": "pass",
        "degree_class": "pass",
        "gcse_english": "pass",
        "gcse_maths": "pass",
        "experience": "pass",
    }
    assert all(c.reason and c.rules == application.rules for c in checks)
    [entry] = history_for(application)
    assert entry.actor is None and entry.actor_label == "System"
    assert entry.changes == [
        {"field": "Status", "before": "Submitted", "after": "Eligible: waiting for the sift"}
    ]
    [mail] = mailoutbox
    assert mail.to == [application.candidate.email]
    assert "is eligible" in mail.subject
    assert application.reference in mail.subject


def test_a_failed_rule_makes_it_ineligible_with_the_matching_reasons(
    submitted, django_capture_on_commit_callbacks, mailoutbox
):
    application = submitted(degree_class="third", gcse_maths_grade="3", experiences=0)

    decision, _ = run(application, django_capture_on_commit_callbacks)

    assert application.status == ApplicationStatus.INELIGIBLE
    assert decision.eligible is False and decision.decided_by is None
    assert sorted(r.code for r in decision.reasons.all()) == [
        "degree-class-below-minimum",
        "gcse-maths-below-minimum",
        "no-relevant-experience",
    ]
    assert "You told us your degree is Third" in decision.detail
    assert "GCSE Maths" in decision.detail
    failed = EligibilityCheck.objects.filter(application=application, outcome="fail")
    assert {c.rule for c in failed} == {"degree_class", "gcse_maths", "experience"}
    [entry] = history_for(application)
    assert entry.actor is None
    assert entry.changes[0]["after"] == "Not eligible"
    assert "Degree class: does not meet the rule" in entry.reason
    [mail] = mailoutbox
    assert "not eligible" in mail.subject
    assert "Step Up needs a degree of Upper second (2:1) or higher" in mail.body
    assert "experience with children" in mail.body


def test_a_fail_decides_even_when_another_rule_is_referred(
    submitted, django_capture_on_commit_callbacks
):
    application = submitted(degree_class="overseas", right_to_work="no")

    decision, _ = run(application, django_capture_on_commit_callbacks)

    assert application.status == ApplicationStatus.INELIGIBLE
    assert [r.code for r in decision.reasons.all()] == ["no-right-to-work"]


def test_what_the_rules_cannot_judge_waits_for_a_person(
    submitted, django_capture_on_commit_callbacks, mailoutbox
):
    application = submitted(degree_status="predicted", gcse_english_grade="equivalent")

    decision, _ = run(application, django_capture_on_commit_callbacks)

    assert decision is None
    assert application.status == ApplicationStatus.ELIGIBILITY_REVIEW
    assert not EligibilityDecision.objects.filter(application=application).exists()
    referred = EligibilityCheck.objects.filter(application=application, outcome="refer")
    assert {c.rule for c in referred} == {"degree_class", "gcse_english"}
    [entry] = history_for(application)
    assert entry.summary == "Eligibility checked: referred to the national team for a decision"
    [mail] = mailoutbox
    assert "We are checking your application" in mail.body
    assert "we will tell you the outcome" in mail.body
    assert "predicted" in mail.body


def test_no_email_when_the_submission_is_rolled_back(
    submitted, django_capture_on_commit_callbacks, mailoutbox
):
    application = submitted()

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError, match="the submission failed later"),
        transaction.atomic(),
    ):
        eligibility_run(application=application)
        raise RuntimeError("the submission failed later")

    assert mailoutbox == []
    assert not EligibilityCheck.objects.filter(application=application).exists()


def test_only_a_submitted_application_is_checked(cohort, django_capture_on_commit_callbacks):
    from django.core.exceptions import ValidationError

    from tests.factories import ApplicationFactory

    draft = ApplicationFactory(cohort=cohort, rules=cohort.current_rules)

    with pytest.raises(ValidationError, match="cannot move from draft to eligible"):
        eligibility_run(application=draft)

    assert not EligibilityCheck.objects.filter(application=draft).exists()


def test_the_email_waits_for_the_commit(submitted, django_capture_on_commit_callbacks, mailoutbox):
    application = submitted()

    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        eligibility_run(application=application)
        assert mailoutbox == []  # nothing is sent before the submission commits

    assert len(callbacks) == 1
    assert len(mailoutbox) == 1
