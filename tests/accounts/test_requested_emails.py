"""Creating an account and asking for a password reset, as an attacker would use them: to
take over an account made with someone else's address, to learn from the time taken whether
an address has an account, and to fill a person's inbox (ADR 0009, addendum of 8 December
2026)."""

import re
from unittest import mock

import pytest
import time_machine
from django.contrib.auth.hashers import MD5PasswordHasher
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from stepup.accounts import services
from stepup.accounts.models import RequestedEmail, User
from stepup.core.audit import history_for
from stepup.programme.models import CohortStatus
from tests.factories import PASSWORD, CohortFactory, UserFactory

NOW = "2027-03-15 10:00Z"
ATTACKERS_PASSWORD = "the attacker's own words"
VICTIMS_PASSWORD = "a quiet green harbour"


def account_answers(email: str, password: str = ATTACKERS_PASSWORD) -> dict:
    return {
        "full_name": "Amara Okafor",
        "email": email,
        "password": password,
        "password_again": password,
    }


@pytest.fixture
def recruiting(db):
    with time_machine.travel(NOW, tick=False):
        yield CohortFactory(number=6, status=CohortStatus.RECRUITING)


@pytest.fixture
def sent(mailoutbox, django_capture_on_commit_callbacks):
    """Runs the after-commit work (the queued tasks, then the emails) inside it."""

    def _sent():
        return django_capture_on_commit_callbacks(execute=True)

    return _sent


def link_in(message) -> str:
    return re.search(r"http://127\.0\.0\.1:8000(/email-links/[^/\s]+/)", message.body)[1]


def text(response) -> str:
    return response.content.decode()


def page_for(response, email: str) -> str:
    """The page as anyone would compare two: its address and per-response secrets (the
    script nonce, the form token) blanked."""
    page = text(response).replace(email, "ADDRESS")
    page = re.sub(r'nonce="[^"]*"', 'nonce=""', page)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


def signs_in(email: str, password: str) -> bool:
    response = Client().post("/sign-in/", {"email": email, "password": password})
    return response.status_code == 302


# Finding 7: an account made with someone else's address


def test_confirming_an_account_made_in_another_browser_replaces_its_password(
    recruiting, sent, mailoutbox
):
    attacker = Client()
    with sent():
        made = attacker.post("/apply/6/create-account/", account_answers("ines@example.net"))
    assert made["Location"] == "/check-your-email/"
    # The attacker signs in to the unconfirmed account and waits.
    assert (
        attacker.post(
            "/sign-in/", {"email": "ines@example.net", "password": ATTACKERS_PASSWORD}
        ).status_code
        == 302
    )
    # Ines, who owns the address, opens the link in her own browser.
    ines = Client()
    link = link_in(mailoutbox[0])
    page = text(ines.get(link))
    assert "To finish creating your account, choose its password" in page
    refused = ines.post(link, {})
    assert "Enter a password" in text(refused)
    with sent():
        done = ines.post(link, {"password": VICTIMS_PASSWORD, "password_again": VICTIMS_PASSWORD})
    assert done.status_code == 302 and done["Location"] == "/apply/6/start/"
    assert ines.get("/applications/").status_code == 200
    person = User.objects.get(email="ines@example.net")
    assert person.email_verified_at is not None
    # The attacker's password no longer works, and their session has ended.
    assert not signs_in("ines@example.net", ATTACKERS_PASSWORD)
    assert signs_in("ines@example.net", VICTIMS_PASSWORD)
    assert attacker.get("/account/")["Location"].startswith("/sign-in/")
    assert "Confirmed their email address and chose a new password" in [
        entry.summary for entry in history_for(person)
    ]


def test_the_browser_that_made_the_account_confirms_it_with_a_button(recruiting, sent, mailoutbox):
    browser = Client()
    with sent():
        browser.post("/apply/6/create-account/", account_answers("ola@example.net", PASSWORD))
    link = link_in(mailoutbox[0])
    assert "Confirm that <strong>ola@example.net</strong> is your email address" in text(
        browser.get(link)
    )
    assert browser.post(link)["Location"] == "/apply/6/start/"
    assert signs_in("ola@example.net", PASSWORD)


# Finding 8: the same work whatever the address


def _work(action):
    """What a request does that takes time or can be seen: passwords hashed, tasks and
    emails queued (run after the commit), and queries made."""
    with (
        mock.patch.object(
            MD5PasswordHasher, "encode", autospec=True, side_effect=MD5PasswordHasher.encode
        ) as hashed,
        CaptureQueriesContext(connection) as queries,
        mock.patch("django.db.transaction.on_commit") as queued,
    ):
        response = action()
    return response, {"hashed": hashed.call_count, "queued": queued.call_count}, queries


def test_creating_an_account_does_the_same_work_for_an_address_with_an_account(recruiting):
    UserFactory(email="taken@example.net")
    existing, new = Client(), Client()
    answer_existing, work_existing, _ = _work(
        lambda: existing.post("/apply/6/create-account/", account_answers("taken@example.net"))
    )
    answer_new, work_new, _ = _work(
        lambda: new.post("/apply/6/create-account/", account_answers("fresh@example.net"))
    )
    assert work_existing == work_new == {"hashed": 1, "queued": 1}
    assert (answer_existing.status_code, answer_existing["Location"]) == (
        answer_new.status_code,
        answer_new["Location"],
    )
    page_existing = existing.get("/check-your-email/")
    page_new = new.get("/check-your-email/")
    assert [t.name for t in page_existing.templates] == [t.name for t in page_new.templates]
    assert page_for(page_existing, "taken@example.net") == page_for(page_new, "fresh@example.net")


def test_asking_for_a_reset_does_the_same_work_whatever_the_address(recruiting):
    UserFactory(email="taken@example.net")
    known, unknown = Client(), Client()
    answer_known, work_known, _ = _work(
        lambda: known.post("/sign-in/forgotten-password/", {"email": "taken@example.net"})
    )
    answer_unknown, work_unknown, _ = _work(
        lambda: unknown.post("/sign-in/forgotten-password/", {"email": "nobody@example.net"})
    )
    assert work_known == work_unknown == {"hashed": 0, "queued": 1}
    assert (answer_known.status_code, answer_known["Location"]) == (
        answer_unknown.status_code,
        answer_unknown["Location"],
    )
    page_known = known.get("/check-your-email/")
    page_unknown = unknown.get("/check-your-email/")
    assert page_for(page_known, "taken@example.net") == page_for(page_unknown, "nobody@example.net")
    # The service itself reads and writes nothing in the request: the task does it.
    _, _, queries_known = _work(lambda: services.password_reset_request(email="taken@example.net"))
    _, _, queries_unknown = _work(lambda: services.password_reset_request(email="nobody@x.net"))
    assert len(queries_known) == len(queries_unknown) == 0


def test_the_emails_are_still_sent_from_the_queue(recruiting, sent, mailoutbox):
    UserFactory(email="taken@example.net")
    with sent():
        Client().post("/apply/6/create-account/", account_answers("taken@example.net"))
        Client().post("/sign-in/forgotten-password/", {"email": "other@example.net"})
        Client().post("/apply/6/create-account/", account_answers("fresh@example.net"))
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["taken@example.net"], "You already have a Step Up to Social Work account"),
        (["fresh@example.net"], "Confirm your email address for Step Up to Social Work"),
    ]


# Finding 15: one email an address a window


def test_five_requests_for_one_address_send_one_email_in_fifteen_minutes(
    recruiting, sent, mailoutbox
):
    UserFactory(email="taken@example.net")
    with sent():
        for _ in range(3):
            response = Client().post("/sign-in/forgotten-password/", {"email": "taken@example.net"})
            assert response["Location"] == "/check-your-email/"
        for _ in range(2):
            response = Client().post(
                "/apply/6/create-account/", account_answers("taken@example.net")
            )
            assert response["Location"] == "/check-your-email/"
    assert [m.subject for m in mailoutbox] == ["Reset your Step Up to Social Work password"]
    with time_machine.travel("2027-03-15 10:14:59Z", tick=False), sent():
        Client().post("/sign-in/forgotten-password/", {"email": "TAKEN@example.net"})
    assert len(mailoutbox) == 1
    with time_machine.travel("2027-03-15 10:15Z", tick=False), sent():
        Client().post("/sign-in/forgotten-password/", {"email": "taken@example.net"})
    assert len(mailoutbox) == 2
    # Another address has a window of its own; rows whose window has passed are removed.
    with time_machine.travel("2027-03-15 10:40Z", tick=False), sent():
        Client().post("/apply/6/create-account/", account_answers("fresh@example.net"))
    assert mailoutbox[-1].to == ["fresh@example.net"]
    assert RequestedEmail.objects.count() == 1
    assert "taken" not in str(list(RequestedEmail.objects.values()))


def test_using_a_link_lets_its_owner_ask_for_another_at_once(recruiting, sent, mailoutbox):
    browser = Client()
    with sent():
        browser.post("/apply/6/create-account/", account_answers("ola@example.net", PASSWORD))
    browser.post(link_in(mailoutbox[0]))
    with sent():
        Client().post("/sign-in/forgotten-password/", {"email": "ola@example.net"})
    assert mailoutbox[-1].subject == "Reset your Step Up to Social Work password"
    with sent():
        Client().post("/sign-in/forgotten-password/", {"email": "ola@example.net"})
    assert len(mailoutbox) == 2, "the reset link was not used: the window holds"
