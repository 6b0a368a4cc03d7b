"""Giving an application to a particular sifter: whoever runs
the sift keeps an application's next mark for one sifter, moves it, or puts it back in the
shared queue, always with a reason; nobody else can mark it meanwhile."""

import re

import pytest
from django.core.exceptions import ValidationError

from stepup.applications.models import Application, ApplicationStatus
from stepup.applications.services import application_withdraw
from stepup.core.audit import history_for
from stepup.selection import queries
from stepup.selection.services import sift_assign, sift_mark_submit
from tests.selection.conftest import scores_of

pytestmark = pytest.mark.django_db


def _queue(person) -> list[str]:
    return [row["reference"] for row in queries.sift_queue(user=person)]


def _errors(excinfo) -> dict:
    return {key: " ".join(messages) for key, messages in excinfo.value.message_dict.items()}


def test_an_application_kept_for_one_sifter_leaves_everyone_elses_queue(
    sift_world, django_capture_on_commit_callbacks, mailoutbox
):
    people = sift_world["people"]
    application = sift_world["eligible"]()
    with django_capture_on_commit_callbacks(execute=True):
        sift_assign(
            actor=people["coordinator"],
            application=application,
            sifter=people["assessor"],
            reason="Amal knows this kind of overseas experience",
        )
    assert _queue(people["assessor"]) == [application.reference]
    assert _queue(people["su_assessor"]) == []
    assert _queue(people["coordinator"]) == []
    with pytest.raises(ValidationError, match="cannot sift"):
        sift_mark_submit(
            actor=people["su_assessor"],
            application=application,
            scores=scores_of(sift_world["criteria"], 3),
        )
    [entry] = history_for(application)
    assert entry.event == "sift.assigned"
    assert entry.reason == "Amal knows this kind of overseas experience"
    assert entry.changes == [
        {"field": "Sifter", "before": "the shared queue", "after": people["assessor"].full_name}
    ]
    [email] = mailoutbox
    assert email.to == [people["assessor"].email]
    assert application.reference in email.subject


def test_after_their_mark_the_next_goes_back_to_the_shared_queue(sift_world):
    rules = sift_world["rules"]
    rules.double_sift = True
    rules.save()
    people = sift_world["people"]
    application = sift_world["eligible"]()
    sift_assign(
        actor=people["admin"], application=application, sifter=people["assessor"], reason="Cover"
    )
    sift_mark_submit(
        actor=people["assessor"],
        application=application,
        scores=scores_of(sift_world["criteria"], 3),
    )
    application.refresh_from_db()
    assert application.sift_assignee is None
    assert application.sift_round_needed == "second"
    assert _queue(people["su_assessor"]) == [application.reference]
    assert _queue(people["coordinator"]) == [application.reference]
    assert _queue(people["assessor"]) == []


def test_it_can_move_to_another_sifter_and_back_to_the_shared_queue(sift_world):
    people = sift_world["people"]
    application = sift_world["eligible"]()
    sift_assign(
        actor=people["coordinator"],
        application=application,
        sifter=people["assessor"],
        reason="First",
    )
    sift_assign(
        actor=people["coordinator"],
        application=application,
        sifter=people["su_assessor"],
        reason="Amal is on leave",
    )
    assert _queue(people["assessor"]) == []
    assert _queue(people["su_assessor"]) == [application.reference]
    sift_assign(actor=people["coordinator"], application=application, sifter=None, reason="Back")
    assert application.reference in _queue(people["assessor"])
    latest = history_for(application)[0]
    assert latest.changes[0]["before"] == people["su_assessor"].full_name
    assert latest.changes[0]["after"] == "the shared queue"


def test_each_wrong_choice_is_refused_with_how_to_put_it_right(sift_world):
    rules = sift_world["rules"]
    rules.double_sift = True
    rules.save()
    people = sift_world["people"]
    application = sift_world["eligible"]()
    sift_mark_submit(
        actor=people["assessor"],
        application=application,
        scores=scores_of(sift_world["criteria"], 3),
    )
    coordinator = people["coordinator"]
    for sifter in (people["assessor"], people["other_coordinator"], people["contractor"]):
        with pytest.raises(ValidationError, match="has not marked it already") as excinfo:
            sift_assign(actor=coordinator, application=application, sifter=sifter, reason="x")
        assert "has not marked it already" in _errors(excinfo)["sifter"], sifter
    with pytest.raises(ValidationError, match="already in the shared queue") as excinfo:
        sift_assign(actor=coordinator, application=application, sifter=None, reason=" ")
    errors = _errors(excinfo)
    assert "already in the shared queue" in errors["sifter"]
    assert errors["reason"] == "Enter why you are changing who sifts it"
    sift_assign(actor=coordinator, application=application, sifter=coordinator, reason="Mine")
    with pytest.raises(ValidationError, match="already kept for") as excinfo:
        sift_assign(actor=coordinator, application=application, sifter=coordinator, reason="x")
    assert "already kept for" in _errors(excinfo)["sifter"]
    people["su_assessor"].is_active = False
    people["su_assessor"].save()
    with pytest.raises(ValidationError, match="has not marked it already"):
        sift_assign(
            actor=coordinator, application=application, sifter=people["su_assessor"], reason="x"
        )
    assert [e.event for e in history_for(application)].count("sift.assigned") == 1


def test_only_whoever_runs_the_sift_may_choose_the_sifter(sift_world):
    people = sift_world["people"]
    application = sift_world["eligible"]()
    for who in ("contractor", "officer", "other_coordinator", "assessor"):
        with pytest.raises(ValidationError, match="cannot choose who sifts"):
            sift_assign(
                actor=people[who],
                application=application,
                sifter=people["su_assessor"],
                reason="x",
            )
    rules = sift_world["rules"]
    rules.sift_by = "national"
    rules.save()
    with pytest.raises(ValidationError, match="cannot choose who sifts"):
        sift_assign(
            actor=people["coordinator"],
            application=application,
            sifter=people["contractor"],
            reason="x",
        )
    sift_assign(
        actor=people["contractor"],
        application=application,
        sifter=people["contractor2"],
        reason="Carl has capacity",
    )
    assert _queue(people["contractor2"]) == [application.reference]
    assert _queue(people["contractor"]) == []


def test_only_an_application_waiting_for_a_mark_can_be_given(sift_world):
    people = sift_world["people"]
    application = sift_world["eligible"](status=ApplicationStatus.SCREENED_IN)
    with pytest.raises(ValidationError, match="not waiting for a sift mark"):
        sift_assign(
            actor=people["admin"],
            application=application,
            sifter=people["assessor"],
            reason="x",
        )


def test_withdrawing_ends_the_keeping(sift_world):
    people = sift_world["people"]
    application = sift_world["eligible"]()
    sift_assign(
        actor=people["admin"], application=application, sifter=people["assessor"], reason="x"
    )
    application_withdraw(candidate=application.candidate, application=application, reason="")
    application.refresh_from_db()
    assert application.sift_assignee is None


def test_the_coordinator_chooses_a_sifter_on_the_page(sift_world, sign_in, client):
    people = sift_world["people"]
    application = sift_world["eligible"]()
    sign_in(people["coordinator"])
    detail = client.get(f"/selection/applications/{application.reference}/").content.decode()
    assert "Anyone who may sift it (the shared queue)" in detail
    url = f"/selection/applications/{application.reference}/sifter/"
    assert url in detail
    page = client.get(url).content.decode()
    for who in ("assessor", "su_assessor", "coordinator"):
        assert people[who].full_name in page, who
    assert people["other_coordinator"].full_name not in page
    assert "the shared queue" not in page.split("<form")[1], "it is in the shared queue already"

    refused = client.post(url, {})
    text = refused.content.decode()
    assert refused.status_code == 200
    summary = text[text.index("govuk-error-summary") :]
    summary = summary[: summary.index("</ul>")]
    assert "Select who should give its next mark" in summary
    assert "Enter why you are changing who sifts it" in summary
    assert Application.objects.get(pk=application.pk).sift_assignee is None

    done = client.post(
        url, {"sifter": people["assessor"].pk, "reason": "Amal knows this area"}, follow=True
    )
    text = done.content.decode()
    assert f"{application.reference} is now kept for {people['assessor'].full_name}" in text
    assert f"{people['assessor'].full_name} only" in text
    assert "Amal knows this area" in text, "the reason is in the history"


def test_someone_who_cannot_choose_is_refused_and_sees_no_link(sift_world, sign_in, client):
    people = sift_world["people"]
    application = sift_world["eligible"]()
    sign_in(people["officer"])
    detail = client.get(f"/selection/applications/{application.reference}/").content.decode()
    assert "/sifter/" not in detail
    url = f"/selection/applications/{application.reference}/sifter/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"sifter": people["assessor"].pk, "reason": "x"}).status_code == 403


def test_a_decided_application_sends_the_chooser_back_to_its_page(sift_world, sign_in, client):
    application = sift_world["eligible"](status=ApplicationStatus.SCREENED_IN)
    sign_in(sift_world["people"]["admin"])
    response = client.get(f"/selection/applications/{application.reference}/sifter/")
    assert response.status_code == 302
    assert response["Location"] == f"/selection/applications/{application.reference}/"


def test_progress_home_and_queue_show_who_holds_what(sift_world, sign_in, client):
    people = sift_world["people"]
    kept = sift_world["eligible"]()
    sift_world["eligible"]()
    sift_world["eligible"]()
    sift_assign(actor=people["admin"], application=kept, sifter=people["assessor"], reason="x")
    sign_in(people["admin"])
    text = client.get("/selection/progress/").content.decode()
    row = text[text.index(f">{people['assessor'].full_name}</th>") :]
    row = row[: row.index("</tr>")]
    assert re.findall(r'numeric">(\d+)', row) == ["0", "0", "0", "1"]
    assert "2 of the 3 applications waiting for a sift mark are in the shared queue" in text
    client.logout()
    sign_in(people["assessor"])
    home = client.get("/").content.decode()
    assert "3 applications wait for your sift mark, 1 of them kept for you alone" in home
    queue = client.get("/selection/sift/").content.decode()
    assert queue.count("Kept for you") == 1
