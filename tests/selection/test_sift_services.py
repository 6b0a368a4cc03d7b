"""The sift: who may mark what, double marking, moderation, the pass mark and its reasons."""

import re

import pytest
from django.core.exceptions import ValidationError

from stepup.applications.models import Application, ApplicationStatus
from stepup.core.audit import history_for
from stepup.selection import queries
from stepup.selection.models import (
    DecisionReason,
    DecisionStage,
    SiftDecision,
    SiftMark,
    SiftRound,
    SiftScore,
)
from stepup.selection.services import sift_mark_submit
from tests.selection.conftest import scores_of


def _reason(code="values"):
    return DecisionReason.objects.get(stage=DecisionStage.SIFT, code=code)


def _queue(person, **kwargs):
    """The applications in the person's queue, in its order (the queue's rows are records)."""
    rows = list(queries.sift_queue(user=person, **kwargs))
    found = Application.objects.in_bulk([row["id"] for row in rows])
    return [found[row["id"]] for row in rows]


def test_partnership_sift_is_for_the_first_choice_partnerships_people(sift_world):
    people = sift_world["people"]
    application = sift_world["eligible"]()
    elsewhere = sift_world["eligible"](first_choice=sift_world["theirs"])
    for who in ("coordinator", "assessor", "su_assessor"):
        assert _queue(people[who]) == [application], who
    assert _queue(people["other_coordinator"]) == [elsewhere]
    for who in ("contractor", "admin", "officer", "contractor_assessor"):
        assert _queue(people[who]) == [], who


def test_national_sift_is_for_the_contractor_and_national_admins(sift_world):
    rules = sift_world["rules"]
    rules.sift_by = "national"
    rules.save()
    people = sift_world["people"]
    application = sift_world["eligible"]()
    for who in ("contractor", "admin"):
        assert _queue(people[who]) == [application], who
    for who in ("coordinator", "assessor", "su_assessor", "officer", "contractor_assessor"):
        assert _queue(people[who]) == [], who
    with pytest.raises(ValidationError, match="cannot sift"):
        sift_mark_submit(
            actor=people["coordinator"],
            application=application,
            scores=scores_of(sift_world["criteria"], 3),
        )
    assert not SiftMark.objects.exists()


def test_only_eligible_applications_wait_and_the_cohort_filter_works(sift_world):
    people = sift_world["people"]
    application = sift_world["eligible"]()
    sift_world["eligible"](status=ApplicationStatus.ELIGIBILITY_REVIEW)
    sift_world["eligible"](status=ApplicationStatus.SCREENED_IN)
    assert _queue(people["assessor"]) == [application]
    assert _queue(people["assessor"], cohort=sift_world["cohort"]) == [application]
    from tests.factories import CohortFactory

    assert _queue(people["assessor"], cohort=CohortFactory(number=99)) == []


def test_a_single_mark_at_the_pass_mark_screens_in(
    sift_world, django_capture_on_commit_callbacks, mailoutbox
):
    people, criteria = sift_world["people"], sift_world["criteria"]
    application = sift_world["eligible"](
        candidate__full_name="Xanthippe Quarrington-Blythe",
        full_name="Xanthippe Quarrington-Blythe",
    )
    with django_capture_on_commit_callbacks(execute=True):
        mark = sift_mark_submit(
            actor=people["assessor"],
            application=application,
            scores=scores_of(criteria, 3, 3, 2, 2, 2),  # 12: the pass mark itself
        )
    assert mark.round == SiftRound.FIRST
    assert mark.total == 12
    assert SiftScore.objects.filter(mark=mark).count() == 5
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SCREENED_IN
    decision = SiftDecision.objects.get(application=application)
    assert decision.screened_in and decision.total == 12
    assert decision.decided_by is None
    [entry] = history_for(application)
    assert entry.actor == people["assessor"]
    assert entry.summary.startswith("Sift mark submitted (first sifter)")
    assert "screened in" in entry.summary
    assert "Xanthippe" not in entry.summary
    assert {
        "field": "Status",
        "before": "Eligible: waiting for the sift",
        "after": "Screened in",
    } in entry.changes
    [mail] = mailoutbox
    assert mail.to == [application.candidate.email]
    assert "screened in" in mail.subject
    # Marked and decided: it leaves every queue.
    assert _queue(people["coordinator"]) == []


def test_one_below_the_pass_mark_needs_reasons_and_screens_out_with_them(
    sift_world, django_capture_on_commit_callbacks, mailoutbox
):
    people, criteria = sift_world["people"], sift_world["criteria"]
    application = sift_world["eligible"]()
    eleven = scores_of(criteria, 3, 2, 2, 2, 2)
    with pytest.raises(
        ValidationError, match="your total of 11 is below the pass mark of 12"
    ) as refused:
        sift_mark_submit(actor=people["assessor"], application=application, scores=eleven)
    assert "below the pass mark" in refused.value.message_dict["reasons"][0]
    assert not SiftMark.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        sift_mark_submit(
            actor=people["assessor"],
            application=application,
            scores=eleven,
            reasons=[_reason("values"), _reason("child-centred")],
            detail="The answer to question 3 was about the writer, not the child.",
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SCREENED_OUT
    decision = SiftDecision.objects.get(application=application)
    assert not decision.screened_in
    assert {r.code for r in decision.reasons.all()} == {"values", "child-centred"}
    assert "question 3" in decision.detail
    counts = {
        reason.code: n
        for reason, n in queries.reason_counts(cohort=sift_world["cohort"], stage="sift")
    }
    assert counts["values"] == 1 and counts["child-centred"] == 1 and counts["other"] == 0
    [mail] = mailoutbox
    assert "screened out" in mail.subject
    assert _reason("values").text in mail.body
    assert "question 3" in mail.body
    # The candidate reads reasons, not scores (their name and reference may hold digits).
    words = mail.body.replace(application.candidate.full_name, "").replace(
        application.reference, ""
    )
    assert not re.search(r"\b11\b", words)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (lambda s, c: s.pop(c[1].pk), "score_{1}", "Select a score for {1}"),
        (lambda s, c: s.__setitem__(c[0].pk, (5, "Good")), "score_{0}", "Select a score for {0}"),
        (lambda s, c: s.__setitem__(c[0].pk, (0, "Good")), "score_{0}", "Select a score for {0}"),
        (
            lambda s, c: s.__setitem__(c[2].pk, (3, "  ")),
            "evidence_{2}",
            "Enter the evidence for your score for {2}",
        ),
    ],
)
def test_bad_scores_are_refused_and_nothing_is_saved(
    sift_world, mailoutbox, change, field, message
):
    people, criteria = sift_world["people"], sift_world["criteria"]
    application = sift_world["eligible"]()
    scores = scores_of(criteria, 3)
    change(scores, criteria)
    index = int(field.split("{")[1][0])
    expected = message.format(*[c.name for c in criteria])
    with pytest.raises(ValidationError, match=re.escape(expected)) as refused:
        sift_mark_submit(actor=people["assessor"], application=application, scores=scores)
    key = field.replace(f"{{{index}}}", str(criteria[index].pk))
    assert refused.value.message_dict[key] == [expected]
    assert not SiftMark.objects.exists() and not SiftScore.objects.exists()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ELIGIBLE
    assert list(history_for(application)) == []
    assert mailoutbox == []


def test_an_eligibility_reason_is_refused_at_the_sift(sift_world):
    people, criteria = sift_world["people"], sift_world["criteria"]
    application = sift_world["eligible"]()
    with pytest.raises(
        ValidationError, match="Select reasons from the list of sift reasons"
    ) as refused:
        sift_mark_submit(
            actor=people["assessor"],
            application=application,
            scores=scores_of(criteria, 1),
            reasons=[DecisionReason.objects.filter(stage=DecisionStage.ELIGIBILITY).first()],
        )
    assert "reasons" in refused.value.message_dict
    assert not SiftMark.objects.exists()


def test_double_sift_within_tolerance_takes_the_mean(sift_world, mailoutbox):
    rules = sift_world["rules"]
    rules.double_sift, rules.sift_tolerance = True, 2
    rules.save()
    people, criteria = sift_world["people"], sift_world["criteria"]
    application = sift_world["eligible"]()
    sift_mark_submit(
        actor=people["coordinator"],
        application=application,
        scores=scores_of(criteria, 2, 2, 2, 2, 3),  # 11
        reasons=[_reason("relationships")],
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ELIGIBLE
    assert not SiftDecision.objects.exists()
    # The first sifter never sees it again; the others now mark it second.
    assert _queue(people["coordinator"]) == []
    [waiting] = _queue(people["assessor"])
    assert waiting.sift_round_needed == SiftRound.SECOND
    with pytest.raises(ValidationError, match="cannot sift"):
        sift_mark_submit(
            actor=people["coordinator"], application=application, scores=scores_of(criteria, 3)
        )
    second = sift_mark_submit(
        actor=people["assessor"],
        application=application,
        scores=scores_of(criteria, 3, 3, 2, 2, 3),  # 13: a gap of 2, within tolerance
    )
    assert second.round == SiftRound.SECOND
    decision = SiftDecision.objects.get(application=application)
    assert decision.total == 12  # the mean of 11 and 13, at the pass mark
    assert decision.screened_in
    assert not decision.reasons.exists()
    assert _queue(people["su_assessor"]) == []
    entries = list(history_for(application).order_by("id"))
    assert [e.summary.split(":")[0] for e in entries] == [
        "Sift mark submitted (first sifter)",
        "Sift mark submitted (second sifter)",
    ]


def test_a_gap_over_the_tolerance_goes_to_a_third_person_who_decides(sift_world):
    rules = sift_world["rules"]
    rules.double_sift, rules.sift_tolerance = True, 1
    rules.save()
    people, criteria = sift_world["people"], sift_world["criteria"]
    application = sift_world["eligible"]()
    sift_mark_submit(
        actor=people["coordinator"],
        application=application,
        scores=scores_of(criteria, 4),  # 20
    )
    sift_mark_submit(
        actor=people["assessor"],
        application=application,
        scores=scores_of(criteria, 2),  # 10: a gap of 10
        reasons=[_reason("values")],
        detail="Little on values.",
    )
    assert not SiftDecision.objects.exists()
    assert "goes to moderation" in history_for(application).order_by("-id").first().summary
    # Neither earlier sifter may moderate.
    assert _queue(people["coordinator"]) == [] and _queue(people["assessor"]) == []
    [waiting] = _queue(people["su_assessor"])
    assert waiting.sift_round_needed == SiftRound.MODERATION
    for earlier in ("coordinator", "assessor"):
        with pytest.raises(ValidationError, match="it is not waiting for a mark from you"):
            sift_mark_submit(
                actor=people[earlier], application=application, scores=scores_of(criteria, 3)
            )
    moderation = sift_mark_submit(
        actor=people["su_assessor"],
        application=application,
        scores=scores_of(criteria, 2, 2, 2, 2, 3),  # 11
        reasons=[_reason("written-communication")],
    )
    assert moderation.round == SiftRound.MODERATION
    decision = SiftDecision.objects.get(application=application)
    assert decision.total == 11 and not decision.screened_in
    # The moderator's mark decides, so theirs are the reasons.
    assert [r.code for r in decision.reasons.all()] == ["written-communication"]
    assert decision.detail == ""
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SCREENED_OUT
    assert SiftMark.objects.filter(application=application).count() == 3


def test_no_pass_mark_no_sift(sift_world):
    rules = sift_world["rules"]
    rules.sift_pass_mark = None
    rules.save()
    people = sift_world["people"]
    application = sift_world["eligible"]()
    assert _queue(people["assessor"]) == []
    assert queries.cohorts_waiting_for_a_pass_mark(user=people["assessor"]) == [3]
    assert queries.cohorts_waiting_for_a_pass_mark(user=people["contractor"]) == []
    with pytest.raises(ValidationError, match="Set the pass mark for cohort 3 before the sift"):
        sift_mark_submit(
            actor=people["assessor"],
            application=application,
            scores=scores_of(sift_world["criteria"], 3),
        )


def test_the_criteria_are_the_application_forms(sift_world):
    names = [c.name for c in queries.sift_criteria(sift_world["rules"])]
    assert names == [c.name for c in sift_world["criteria"]]
    assert len(names) == 5
    assert "Resilience" not in names


@pytest.mark.parametrize("size", [3, 30])
def test_the_queue_takes_a_fixed_number_of_queries(sift_world, django_assert_num_queries, size):
    rules = sift_world["rules"]
    rules.double_sift = True
    rules.save()
    people = sift_world["people"]
    for index in range(size):
        application = sift_world["eligible"](experiences=0)
        if index % 3 == 0:
            sift_mark_submit(
                actor=people["coordinator"],
                application=application,
                scores=scores_of(sift_world["criteria"], 3),
            )
    person = people["assessor"]
    person.role_set  # noqa: B018 (cached once a request, as the middleware does)
    # The rule versions the person sifts under (a short list), then the rows.
    with django_assert_num_queries(2):
        rows = [
            (a["reference"], a["cohort_name"], a["first_choice_name"], a["sift_round_needed"])
            for a in queries.sift_queue(user=person)
        ]
    assert len(rows) == size


def test_the_round_an_application_waits_for_is_kept_on_it_as_marks_arrive(sift_world):
    """The queues read ``sift_round_needed``; it must follow every mark and every move."""
    rules = sift_world["rules"]
    rules.double_sift, rules.sift_tolerance = True, 1
    rules.save()
    people, criteria = sift_world["people"], sift_world["criteria"]
    application = sift_world["eligible"]()

    def waits_for():
        application.refresh_from_db()
        return application.sift_round_needed

    assert waits_for() == SiftRound.FIRST
    sift_mark_submit(
        actor=people["coordinator"], application=application, scores=scores_of(criteria, 4)
    )
    assert waits_for() == SiftRound.SECOND
    sift_mark_submit(
        actor=people["assessor"],
        application=application,
        scores=scores_of(criteria, 2),
        reasons=[_reason("values")],
    )
    assert waits_for() == SiftRound.MODERATION
    sift_mark_submit(
        actor=people["su_assessor"], application=application, scores=scores_of(criteria, 3)
    )
    assert waits_for() == ""
    assert application.status == ApplicationStatus.SCREENED_IN


def test_an_application_withdrawn_while_waiting_for_a_mark_waits_for_none(sift_world):
    from stepup.applications.services import application_withdraw

    application = sift_world["eligible"]()
    application_withdraw(candidate=application.candidate, application=application)
    application.refresh_from_db()
    assert application.sift_round_needed == ""
    assert _queue(sift_world["people"]["assessor"]) == []


def test_the_migration_works_out_the_round_of_applications_already_in_the_sift(sift_world):
    import importlib

    from django.apps import apps

    fill = importlib.import_module("stepup.selection.migrations.0004_sift_round_needed").fill
    rules = sift_world["rules"]
    rules.double_sift, rules.sift_tolerance = True, 1
    rules.save()
    people, criteria = sift_world["people"], sift_world["criteria"]
    untouched, once, apart = (sift_world["eligible"]() for _ in range(3))
    sift_mark_submit(actor=people["coordinator"], application=once, scores=scores_of(criteria, 3))
    sift_mark_submit(actor=people["coordinator"], application=apart, scores=scores_of(criteria, 4))
    sift_mark_submit(
        actor=people["assessor"],
        application=apart,
        scores=scores_of(criteria, 2),
        reasons=[_reason("values")],
    )
    Application.objects.update(sift_round_needed="")

    fill(apps, None)

    assert dict(Application.objects.values_list("pk", "sift_round_needed")) == {
        untouched.pk: SiftRound.FIRST,
        once.pk: SiftRound.SECOND,
        apart.pk: SiftRound.MODERATION,
    }
