"""The pages of a sign-in half done (the code, the authenticator's secret, the recovery
codes) are kept by no browser or proxy; static files say the service uses no camera,
microphone or location, as every page does (docs/security.md)."""

import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from stepup.accounts.roles import Role
from tests.factories import PASSWORD, person_with_role

pytestmark = pytest.mark.django_db


def _password_step(client, user):
    return client.post("/sign-in/", {"email": user.email, "password": PASSWORD})


def test_the_code_page_is_not_stored():
    client = Client()
    assert _password_step(client, person_with_role(Role.NATIONAL_ADMIN))["Location"] == (
        "/sign-in/code/"
    )
    for path in ("/sign-in/code/", "/sign-in/recovery-code/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Cache-Control"] == "no-store", path


def test_the_authenticator_secret_and_the_recovery_codes_are_not_stored():
    client = Client()
    coordinator = person_with_role(Role.COORDINATOR)
    TOTPDevice.objects.filter(user=coordinator).delete()
    assert _password_step(client, coordinator)["Location"] == "/sign-in/set-up-app/"

    set_up = client.get("/sign-in/set-up-app/")

    assert re.search(r"Key: </span>[A-Z2-7 ]+</p>", set_up.content.decode())
    assert set_up["Cache-Control"] == "no-store"
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    client.post("/sign-in/set-up-app/", {"code": f"{totp(device.bin_key):06d}"})
    codes = client.get("/sign-in/recovery-codes/")
    assert "Save your recovery codes" in codes.content.decode()
    assert codes["Cache-Control"] == "no-store"


def test_a_public_page_for_someone_not_signing_in_may_be_kept(client):
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")


def test_static_files_carry_the_permissions_policy(settings):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True

    response = Client().get("/static/stepup/stepup.css")

    assert response.status_code == 200
    assert "camera=()" in response["Permissions-Policy"]
