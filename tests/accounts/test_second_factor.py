"""Staff sign in with a password and a code from an authenticator app, or a recovery code;
/support/ uses the same sign-in."""

import base64
import datetime
import re

import pytest
import time_machine
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from stepup.accounts.roles import Role
from stepup.core.audit import history_for
from tests.accounts.pages import error_summary, text_of
from tests.factories import PASSWORD, CandidateFactory, UserFactory, person_with_role
from tests.signing_in import code_for, force_login_with_code, sign_in_through_form

pytestmark = pytest.mark.django_db


def password_step(client, user, next_url=""):
    data = {"email": user.email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post("/sign-in/", data)


def test_a_password_alone_does_not_sign_staff_in(client):
    admin = person_with_role(Role.NATIONAL_ADMIN)
    response = password_step(client, admin, "/people/")
    assert response["Location"] == "/sign-in/code/"
    assert client.get("/people/")["Location"].startswith("/sign-in/")
    page = client.get("/sign-in/code/")
    assert "Enter the code from your authenticator app" in text_of(page)

    wrong = client.post("/sign-in/code/", {"code": "000000"})
    assert error_summary(wrong) == [
        "The code is not right. Check your authenticator app and enter the code it shows now"
    ]
    empty = client.post("/sign-in/code/", {"code": ""})
    assert error_summary(empty) == ["Enter the 6-digit code from your authenticator app"]

    hurried = client.post("/sign-in/code/", {"code": code_for(admin)})
    assert "You have entered wrong codes too quickly. Wait" in error_summary(hurried)[0]
    with time_machine.travel(datetime.timedelta(seconds=5)):
        done = client.post("/sign-in/code/", {"code": code_for(admin)})
    assert done["Location"] == "/people/"
    assert client.get("/people/").status_code == 200


def test_a_code_works_once(client):
    admin = person_with_role(Role.NATIONAL_ADMIN)
    code = code_for(admin)
    password_step(client, admin)
    assert client.post("/sign-in/code/", {"code": code}).status_code == 302
    other = Client()
    password_step(other, admin)
    assert other.post("/sign-in/code/", {"code": code}).status_code == 200


def test_a_recovery_code_works_once_and_says_how_many_are_left(client):
    admin = person_with_role(Role.NATIONAL_ADMIN)
    from stepup.accounts.second_factor import recovery_codes_replace

    codes = recovery_codes_replace(user=admin)
    password_step(client, admin)
    page = client.get("/sign-in/recovery-code/")
    assert "Enter a recovery code" in text_of(page)
    done = client.post("/sign-in/recovery-code/", {"code": codes[0].upper()})
    assert done["Location"] == "/"
    assert "You have 9 recovery codes left" in text_of(client.get("/"))
    client.post("/sign-out/")
    password_step(client, admin)
    again = client.post("/sign-in/recovery-code/", {"code": codes[0]})
    assert error_summary(again) == [
        "The recovery code is not right, or it has been used. Check it and try again"
    ]
    assert any("recovery code" in e.summary for e in history_for(admin))


def test_staff_without_an_app_set_one_up_and_get_recovery_codes_once(client):
    coordinator = person_with_role(Role.COORDINATOR)
    TOTPDevice.objects.filter(user=coordinator).delete()
    assert password_step(client, coordinator)["Location"] == "/sign-in/set-up-app/"
    html = client.get("/sign-in/set-up-app/").content.decode()
    page = text_of(client.get("/sign-in/set-up-app/"))
    assert "Set up an authenticator app" in page
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    shown = re.search(r"Key: </span>([A-Z2-7 ]+)</p>", html)[1].replace(" ", "")
    assert base64.b32decode(shown + "=" * (-len(shown) % 8)) == device.bin_key
    code = f"{totp(device.bin_key):06d}"
    done = client.post("/sign-in/set-up-app/", {"code": code})
    assert done["Location"] == "/sign-in/recovery-codes/"
    codes_page = text_of(client.get("/sign-in/recovery-codes/"))
    assert "Save your recovery codes" in codes_page
    assert len(re.findall(r"\b[0-9a-f]{10}\b", codes_page)) == 10
    assert client.get("/sign-in/recovery-codes/")["Location"] == "/", "shown once"
    device.refresh_from_db()
    assert device.confirmed


def test_candidates_sign_in_with_a_password_alone(client):
    candidate = CandidateFactory()
    assert password_step(client, candidate)["Location"] == "/"


def test_the_second_step_waits_ten_minutes_at_most(client):
    admin = person_with_role(Role.NATIONAL_ADMIN)
    with time_machine.travel("2027-01-04 09:00Z", tick=False):
        password_step(client, admin)
    with time_machine.travel("2027-01-04 09:11Z", tick=False):
        response = client.post("/sign-in/code/", {"code": code_for(admin)})
    assert response["Location"] == "/sign-in/"


def test_a_staff_session_without_a_code_is_signed_out(client):
    admin = person_with_role(Role.NATIONAL_ADMIN)
    client.force_login(admin)
    response = client.get("/people/")
    assert response["Location"] == "/sign-in/?next=%2Fpeople%2F"
    assert client.get("/people/")["Location"].startswith("/sign-in/")


# /support/


def test_support_signs_in_through_the_services_own_sign_in(client):
    support = UserFactory(is_staff=True)
    response = client.get("/support/")
    assert response.status_code == 302
    login = client.get(response["Location"])
    assert login["Location"] == "/sign-in/?next=%2Fsupport%2F"
    # The admin's own form no longer signs anyone in.
    client.post("/support/login/", {"username": support.email, "password": PASSWORD})
    assert client.get("/support/").status_code == 302


def test_support_needs_the_second_factor(client):
    support = UserFactory(is_staff=True)
    from stepup.accounts.second_factor import app_enrol_with_key

    app_enrol_with_key(user=support, key_hex="3132333435363738393031323334353637383930")
    response = sign_in_through_form(client, support, next_url="/support/")
    assert response["Location"] == "/support/"
    assert client.get("/support/").status_code == 200


def test_after_many_wrong_passwords_the_right_one_does_not_get_into_support(client):
    """Seen: /support/ posted ``username`` while the throttle read ``email``; after 14 wrong
    passwords the right one still got in."""
    support = UserFactory(is_staff=True)
    for _ in range(14):
        client.post("/sign-in/", {"email": support.email, "password": "wrong"})
        client.post("/support/login/", {"username": support.email, "password": "wrong"})
    response = client.post("/sign-in/", {"email": support.email, "password": PASSWORD})
    assert response.status_code == 429
    assert client.get("/support/").status_code == 302


def test_force_login_with_code_is_what_tests_use(client):
    admin = person_with_role(Role.NATIONAL_ADMIN)
    force_login_with_code(client, admin)
    assert client.get("/people/").status_code == 200


def test_staff_get_new_recovery_codes_and_the_old_ones_stop_working(client, sign_in):
    from stepup.accounts.second_factor import recovery_code_check, recovery_codes_replace

    admin = person_with_role(Role.NATIONAL_ADMIN)
    old = recovery_codes_replace(user=admin)
    sign_in(admin)
    assert "10 left" in text_of(client.get("/account/"))
    assert client.post("/account/recovery-codes/")["Location"] == "/sign-in/recovery-codes/"
    new = re.findall(r"\b[0-9a-f]{10}\b", text_of(client.get("/sign-in/recovery-codes/")))
    assert len(new) == 10 and not set(new) & set(old)
    assert recovery_code_check(user=admin, code=old[0]) is None


def test_a_national_admin_resets_someones_app_and_they_set_one_up_again(client, sign_in):
    admin = person_with_role(Role.NATIONAL_ADMIN)
    coordinator = person_with_role(Role.COORDINATOR)
    sign_in(admin)
    page = client.get(f"/people/{coordinator.pk}/")
    assert f'href="/people/{coordinator.pk}/sign-in-app/reset/"' in page.content.decode()
    empty = client.post(f"/people/{coordinator.pk}/sign-in-app/reset/", {"reason": ""})
    assert error_summary(empty) == ["Enter why you are resetting this person's sign-in app"]
    done = client.post(
        f"/people/{coordinator.pk}/sign-in-app/reset/", {"reason": "Lost phone and codes"}
    )
    assert done["Location"] == f"/people/{coordinator.pk}/"
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    entry = history_for(coordinator).get(event="account.second_factor_reset")
    assert entry.actor == admin and entry.reason == "Lost phone and codes"
    assert password_step(Client(), coordinator)["Location"] == "/sign-in/set-up-app/"


def test_nobody_resets_their_own_app(client, sign_in):
    admin = person_with_role(Role.NATIONAL_ADMIN)
    sign_in(admin)
    response = client.post(f"/people/{admin.pk}/sign-in-app/reset/", {"reason": "Me"})
    assert "You cannot reset your own sign-in app" in text_of(response)
    assert TOTPDevice.objects.filter(user=admin).exists()
