"""The service's frame: GOV.UK pages, security headers, deny by default."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import path

from stepup.core.access import AccessRuleMiddleware

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_home_page_is_a_govuk_page_with_skip_link_banner_and_footer(client):
    html = client.get("/").content.decode()
    assert "Step Up to Social Work" in html
    assert 'class="govuk-skip-link"' in html
    assert "govuk-phase-banner" in html
    assert "govuk-footer" in html
    assert '<html lang="en"' in html


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_with_a_nonce_for_the_inline_script(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'<script nonce="{nonce}">' in response.content.decode()
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_unknown_page_is_a_govuk_not_found_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_view_without_an_access_rule_is_refused():
    from django.core.exceptions import PermissionDenied

    def undeclared(request):  # pragma: no cover - never reached
        return None

    middleware = AccessRuleMiddleware(lambda request: None)
    with pytest.raises(PermissionDenied):
        middleware.process_view(None, undeclared, (), {})
    assert path("x/", undeclared)  # a pattern like any other


def test_deploy_check_is_clean_when_debug_is_off():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DEBUG="0",
        SECRET_KEY="a-long-random-production-secret-key-for-the-check-0123456789abcdef",
        ALLOWED_HOSTS="stepup.example",
        DJANGO_SETTINGS_MODULE="stepup.settings",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
