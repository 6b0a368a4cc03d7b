"""The service's frame: GOV.UK pages, security headers, deny by default."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import path

from stepup.core.access import AccessRuleMiddleware
from tests.signing_in import force_login_with_code

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_home_page_is_a_govuk_page_with_skip_link_banner_and_footer(client):
    html = client.get("/").content.decode()
    assert "Step Up to Social Work" in html
    assert 'class="govuk-skip-link"' in html
    assert "govuk-phase-banner" in html
    assert "govuk-footer" in html
    assert '<html lang="en"' in html
    # Landmarks: a screen reader lists the banner, the main content and the footer
    # (once the footer was a plain div).
    assert html.count('<header class="govuk-template__header">') == 1
    assert html.count("<main ") == 1
    footer = html[html.index('<footer class="govuk-template__footer">') :]
    assert 'class="govuk-footer"' in footer[: footer.index("</footer>")]


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
    with pytest.raises(PermissionDenied, match="This page has not declared who may use it"):
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


@pytest.mark.django_db
def test_the_error_check_page_is_not_found_unless_a_deploy_check_turns_it_on(
    sign_in, national_admin
):
    client = sign_in(national_admin)
    assert client.get("/error-check/").status_code == 404


@pytest.mark.django_db
def test_a_server_error_shows_the_services_own_500_page(settings, national_admin):
    settings.ERROR_CHECK_PAGE = True
    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    force_login_with_code(client, national_admin)
    response = client.get("/error-check/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "govuk-template" in html
    assert "Traceback" not in html and "ErrorCheck" not in html


@pytest.mark.django_db
def test_the_500_page_needs_nothing_when_what_every_page_needs_has_failed(
    settings, national_admin, monkeypatch
):
    """A fault in the menu (the database down, say) still gets the service's own words."""
    settings.ERROR_CHECK_PAGE = True

    def broken(request):
        raise RuntimeError("the database is down")

    monkeypatch.setattr("stepup.core.context_processors.navigation_for", broken)
    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    response = client.get("/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "stepup/stepup.css" in html


@pytest.mark.django_db
def test_pages_render_with_the_fingerprinted_static_files_production_serves(settings, tmp_path):
    """Production's storage has a manifest entry for each file and none for a folder."""
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    html = Client(HTTP_HOST="127.0.0.1").get("/").content.decode()
    names = ("stepup/stepup", "stepup/init", "govuk/assets/images/favicon", "govuk/assets/manifest")
    for name in names:
        start = html.index(f"/static/{name}")
        href = html[start : html.index('"', start)]
        assert href.count(".") >= 2, f"{href} is not fingerprinted"
        assert (tmp_path / href.removeprefix("/static/")).exists(), href
