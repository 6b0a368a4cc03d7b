"""Codes posted at the same moment from several sessions, on real concurrent connections:
each code signs in one session only, and every wrong code checked is counted (ADR 0011,
addendum of 8 December 2026)."""

import threading
from unittest import mock

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from stepup.accounts.roles import Role
from tests.factories import PASSWORD, person_with_role
from tests.signing_in import code_for

NOW = "2027-03-15 10:00:05Z"
SESSIONS = 3


def _needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one write at a time; the race needs PostgreSQL")


def _password_given(person, sessions: int) -> list[Client]:
    """Sessions that have each given the right password, and wait for a code."""
    clients = []
    for _ in range(sessions):
        client = Client()
        response = client.post("/sign-in/", {"email": person.email, "password": PASSWORD})
        assert response["Location"] == "/sign-in/code/"
        clients.append(client)
    return clients


def _post_at_once(clients: list[Client], codes: list[str]) -> list[int]:
    start = threading.Barrier(len(clients))
    statuses = [0] * len(clients)

    def post(index):
        try:
            start.wait()
            response = clients[index].post("/sign-in/code/", {"code": codes[index]})
            statuses[index] = response.status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


@pytest.mark.django_db(transaction=True)
def test_one_code_posted_by_three_sessions_at_once_signs_in_one():
    _needs_postgresql()
    with time_machine.travel(NOW, tick=False):
        person = person_with_role(Role.NATIONAL_ADMIN)
        clients = _password_given(person, SESSIONS)
        code = code_for(person)
        statuses = _post_at_once(clients, [code] * SESSIONS)
        signed_in = [c for c in clients if c.get("/account/").status_code == 200]
    assert sorted(statuses) == [200] * (SESSIONS - 1) + [302]
    assert len(signed_in) == 1


@pytest.mark.django_db(transaction=True)
def test_wrong_codes_posted_at_once_are_each_counted_if_checked():
    _needs_postgresql()
    with time_machine.travel(NOW, tick=False):
        person = person_with_role(Role.NATIONAL_ADMIN)
        clients = _password_given(person, 6)
        right = code_for(person)
        wrong = f"{(int(right) + 1) % 1_000_000:06d}"
        checked = []
        lock = threading.Lock()
        verify = TOTP.verify

        def counted(self, *args, **kwargs):
            with lock:
                checked.append(1)
            return verify(self, *args, **kwargs)

        with mock.patch.object(TOTP, "verify", counted):
            statuses = _post_at_once(clients, [wrong] * len(clients))
    assert statuses == [200] * len(clients)
    failures = TOTPDevice.objects.get(user=person).throttling_failure_count
    assert failures == len(checked)
    # Checked one at a time: after the first wrong code, the others wait their turn.
    assert failures == 1
