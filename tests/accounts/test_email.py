"""Email: sent by a task through the configured mailer, only once the change is committed."""

import json
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings

from stepup.accounts import services
from stepup.accounts.models import Invitation
from stepup.accounts.roles import Role
from stepup.core.email import email_send_now
from stepup.core.tasks import email_later, send_email

ROOT = Path(__file__).resolve().parents[2]

NOTIFY = {
    "default": {
        "BACKEND": "stepup.core.notify.NotifyEmailBackend",
        "OPTIONS": {"api_key": "test-key", "template_id": "template-123"},
    }
}


class Boom(Exception):
    pass


def test_notify_backend_sends_subject_and_body_through_the_generic_template():
    with (
        override_settings(MAILERS=NOTIFY),
        mock.patch("stepup.core.notify.NotificationsAPIClient") as client_class,
    ):
        sent = email_send_now(to="jo@example.org", subject="Hello", body="Line one\n\nLine two")

    assert sent == 1
    client_class.assert_called_once_with("test-key")
    client_class.return_value.send_email_notification.assert_called_once_with(
        email_address="jo@example.org",
        template_id="template-123",
        personalisation={"subject": "Hello", "body": "Line one\n\nLine two"},
    )


def test_notify_backend_reads_the_key_and_template_from_settings_by_default():
    mailers = {"default": {"BACKEND": "stepup.core.notify.NotifyEmailBackend"}}
    with (
        override_settings(
            MAILERS=mailers, NOTIFY_API_KEY="settings-key", NOTIFY_TEMPLATE_ID="settings-template"
        ),
        mock.patch("stepup.core.notify.NotificationsAPIClient") as client_class,
    ):
        email_send_now(to="jo@example.org", subject="S", body="B")

    client_class.assert_called_once_with("settings-key")
    call = client_class.return_value.send_email_notification.call_args
    assert call.kwargs["template_id"] == "settings-template"


def test_a_notify_failure_is_raised_so_that_the_task_fails_and_can_be_retried():
    with (
        override_settings(MAILERS=NOTIFY),
        mock.patch("stepup.core.notify.NotificationsAPIClient") as client_class,
    ):
        client_class.return_value.send_email_notification.side_effect = RuntimeError("403")
        with pytest.raises(RuntimeError, match="403"):
            email_send_now(to="jo@example.org", subject="S", body="B")


def test_the_send_email_task_sends_through_the_default_mailer(mailoutbox):
    result = send_email.enqueue(to="jo@example.org", subject="Hello", body="Welcome")

    assert result.status == "SUCCESSFUL"
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["jo@example.org"]
    assert message.subject == "Hello"
    assert message.body == "Welcome"
    assert message.from_email == "Step Up <no-reply@stepup.example>"


@pytest.mark.django_db
def test_email_later_waits_for_the_commit(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            email_later(to="jo@example.org", subject="Hello", body="Welcome")
        assert mailoutbox == []

    assert len(callbacks) == 1
    assert [m.subject for m in mailoutbox] == ["Hello"]


@pytest.mark.django_db
def test_nothing_is_queued_for_an_address_that_cannot_exist(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        email_later(to="amira.example.001@demo-round.INVALID", subject="Hello", body="Hi")
        email_later(to="jo@example.invalid.org", subject="Hello", body="Hi")
    assert len(callbacks) == 1
    assert [m.to for m in mailoutbox] == [["jo@example.invalid.org"]]


@pytest.mark.django_db
def test_an_invitation_email_goes_out_after_the_invitation_is_saved(
    national_admin, bromley, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.person_invite(
            actor=national_admin,
            email="Jo.Bloggs@Example.org",
            full_name="Jo Bloggs",
            organisation=bromley,
            role=Role.ASSESSOR,
        )
        assert mailoutbox == [], "nothing is sent before the transaction commits"

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["jo.bloggs@example.org"]
    assert message.subject == "You have been invited to use Step Up to Social Work"
    assert f"http://127.0.0.1:8000/invitations/{invitation.token}/" in message.body
    assert "Nadia Admin has invited you" in message.body
    assert "as an assessor for Bromley" in message.body


@pytest.mark.django_db
def test_no_invitation_email_when_the_change_is_rolled_back(
    national_admin, bromley, mailoutbox, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Boom),
        transaction.atomic(),
    ):
        services.person_invite(
            actor=national_admin,
            email="jo@example.org",
            full_name="Jo Bloggs",
            organisation=bromley,
            role=Role.ASSESSOR,
        )
        raise Boom

    assert callbacks == []
    assert mailoutbox == []
    assert not Invitation.objects.exists()


def _mailers_in_a_fresh_process(**env) -> dict:
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("NOTIFY_", "SMTP_", "MAILER_", "DEBUG"))
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="stepup.settings")
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.MAILERS))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment | {"PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_settings_send_email_to_the_console_by_default():
    mailers = _mailers_in_a_fresh_process()
    assert mailers["default"]["BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_settings_send_email_through_notify_when_a_key_is_set():
    mailers = _mailers_in_a_fresh_process(NOTIFY_API_KEY="key", NOTIFY_TEMPLATE_ID="template")
    assert mailers["default"]["BACKEND"] == "stepup.core.notify.NotifyEmailBackend"


def test_settings_never_log_email_to_the_console_when_live():
    mailers = _mailers_in_a_fresh_process(
        DEBUG="0", SECRET_KEY="x" * 60, SMTP_HOST="relay.example", SMTP_USE_TLS="1"
    )
    assert mailers["default"]["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert mailers["default"]["OPTIONS"]["host"] == "relay.example"
    assert mailers["default"]["OPTIONS"]["use_tls"] is True


def test_the_test_run_uses_the_in_memory_mailer():
    from django.conf import settings

    assert settings.MAILERS["default"]["BACKEND"] == "django.core.mail.backends.locmem.EmailBackend"
    assert hasattr(mail, "outbox")
