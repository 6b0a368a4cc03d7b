"""Use a running service over real HTTP, as a browser behind a TLS-terminating proxy would.

Run by ``scripts/check-production`` against gunicorn serving the service with ``DEBUG=0``
and collected static files: the README's "Deploying" section, followed to the letter. Each
request carries ``X-Forwarded-Proto: https``, as the proxy adds it, and cookies are kept and
sent back only as a browser on https would (their ``Secure``, ``HttpOnly`` and ``SameSite``
attributes are checked on the way in). Prints what it checked; exits 1 on the first list of
failures.

    python scripts/check_production.py http://127.0.0.1:8123 --password PASSWORD
"""

import argparse
import gzip
import http.client
import os
import re
import sys
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urljoin, urlsplit

IMMUTABLE = "immutable"
ONE_YEAR = 365 * 24 * 60 * 60


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def header(self, name: str) -> str:
        return self.headers.get(name, "")


class Links(HTMLParser):
    """The links, stylesheets, scripts, icons and form fields of a page."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def find(self, tag: str, **wanted) -> list[dict]:
        def has(attrs: dict) -> bool:
            return all(
                value in attrs.get(key.rstrip("_"), "").split() for key, value in wanted.items()
            )

        return [attrs for name, attrs in self.tags if name == tag and has(attrs)]


def parse(html: str) -> Links:
    links = Links()
    links.feed(html)
    return links


@dataclass
class Browser:
    """A browser on https://host behind the proxy: keeps its cookies, sends Origin on POST."""

    base: str
    failures: list[str] = field(default_factory=list)
    cookies: dict[str, str] = field(default_factory=dict)
    checked: int = 0

    @property
    def origin(self) -> str:
        return f"https://{urlsplit(self.base).netloc}"

    def request(
        self, method: str, path: str, *, body: dict | None = None, proxy: bool = True, **headers
    ) -> Response:
        parts = urlsplit(self.base)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        sent = {"Accept-Encoding": "gzip", "User-Agent": "stepup-production-check", **headers}
        if proxy:
            sent["X-Forwarded-Proto"] = "https"
        if self.cookies and proxy:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Origin"] = self.origin
            sent["Referer"] = self.origin + path
        connection.request(method, path, body=data, headers=sent)
        raw = connection.getresponse()
        content = raw.read()
        if raw.getheader("Content-Encoding") == "gzip":
            content = gzip.decompress(content)
        response = Response(raw.status, raw.headers, content)
        connection.close()
        self._keep_cookies(path, response)
        self.checked += 1
        return response

    def _keep_cookies(self, path: str, response: Response) -> None:
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.expect(bool(morsel["secure"]), f"{path}: cookie {name} is not Secure")
                self.expect(
                    morsel["samesite"].lower() in {"lax", "strict"},
                    f"{path}: cookie {name} has no SameSite",
                )
                if name in {"sessionid", "csrftoken"}:
                    self.expect(bool(morsel["httponly"]), f"{path}: cookie {name} not HttpOnly")
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def get(self, path: str, **headers) -> Response:
        return self.request("GET", path, **headers)

    def post(self, path: str, body: dict) -> Response:
        return self.request("POST", path, body=body)

    def expect(self, condition: bool, failure: str) -> bool:
        if not condition:
            self.failures.append(failure)
        return condition


# The checks


def check_page(browser: Browser, path: str, *, status: int = 200) -> Response | None:
    response = browser.get(path)
    ok = browser.expect(
        response.status == status, f"GET {path}: {response.status}, expected {status}"
    )
    browser.expect("Traceback" not in response.text, f"GET {path}: shows a traceback")
    browser.expect("govuk-template" in response.text, f"GET {path}: not a GOV.UK page")
    return response if ok else None


def check_fingerprinted(browser: Browser, url: str, content_type: str) -> Response | None:
    """A static file: answers 200, with its type, cached for a year as immutable, and
    compressed where it is text big enough to gain (WhiteNoise skips tiny files)."""
    response = browser.get(url)
    if not browser.expect(response.status == 200, f"GET {url}: {response.status}"):
        return None
    cache = response.header("Cache-Control")
    max_age = re.search(r"max-age=(\d+)", cache)
    browser.expect(
        IMMUTABLE in cache and max_age is not None and int(max_age.group(1)) >= ONE_YEAR,
        f"GET {url}: Cache-Control is {cache!r}, not a year or more and immutable",
    )
    browser.expect(
        "camera=()" in response.header("Permissions-Policy"),
        f"GET {url}: no Permissions-Policy",
    )
    browser.expect(
        response.header("Content-Type").startswith(content_type),
        f"GET {url}: Content-Type is {response.header('Content-Type')!r}",
    )
    if content_type.startswith("text/") and len(response.body) > 1024:
        browser.expect(
            response.header("Content-Encoding") == "gzip", f"GET {url}: not served compressed"
        )
    return response


def check_home_and_assets(browser: Browser) -> None:
    plain = browser.request("GET", "/", proxy=False)
    browser.expect(
        plain.status == 301 and plain.header("Location").startswith("https://"),
        f"GET / over plain http: {plain.status}, expected a redirect to https",
    )
    home = check_page(browser, "/")
    if home is None:
        return
    browser.expect("max-age=" in home.header("Strict-Transport-Security"), "GET /: no HSTS header")
    browser.expect(
        "nonce-" in home.header("Content-Security-Policy"), "GET /: no Content-Security-Policy"
    )
    page = parse(home.text)
    stylesheets = [link["href"] for link in page.find("link", rel="stylesheet")]
    icons = [link["href"] for link in page.find("link", rel="icon")]
    scripts = [script["src"] for script in page.find("script") if script.get("src")]
    if not browser.expect(bool(stylesheets and icons and scripts), "GET /: assets not linked"):
        return
    css = check_fingerprinted(browser, stylesheets[0], "text/css")
    check_fingerprinted(browser, icons[0], "image/")
    if css is not None:
        fonts = re.findall(r"url\(['\"]?([^'\")]+\.woff2)['\"]?\)", css.text)
        if browser.expect(bool(fonts), f"{stylesheets[0]}: no font"):
            check_fingerprinted(browser, urljoin(stylesheets[0], fonts[0]), "font/woff2")
    init = check_fingerprinted(browser, scripts[0], "text/javascript")
    if init is not None:
        imported = re.findall(r"from\s*[\"']([^\"']+govuk-frontend[^\"']*\.js)[\"']", init.text)
        if browser.expect(bool(imported), f"{scripts[0]}: does not import GOV.UK Frontend"):
            check_fingerprinted(browser, urljoin(scripts[0], imported[0]), "text/javascript")


def _csrf(page) -> list[str]:
    return [
        field["value"]
        for field in parse(page.text).find("input")
        if field.get("name") == "csrfmiddlewaretoken"
    ]


_STEPS_USED: dict[str, int] = {}


def app_code(email: str) -> str:
    """The code the person's authenticator app shows now, from the secret the demo (or
    load_volume) gave them. A code works once: a second sign-in in the same 30 seconds waits
    for the next one."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user__email__iexact=email, confirmed=True)
    clock = TOTP(device.bin_key, device.step, device.t0, device.digits)
    clock.time = time.time()
    while clock.t() <= _STEPS_USED.get(email, -1):
        time.sleep(1)
        clock.time = time.time()
    _STEPS_USED[email] = clock.t()
    return f"{clock.token():0{device.digits}d}"


def sign_in(browser: Browser, email: str, password: str) -> bool:
    """Through the form; staff then give the code from their app."""
    form = browser.get("/sign-in/")
    tokens = _csrf(form)
    if not browser.expect(bool(tokens) and "csrftoken" in browser.cookies, "sign-in: no CSRF"):
        return False
    done = browser.post(
        "/sign-in/", {"csrfmiddlewaretoken": tokens[0], "email": email, "password": password}
    )
    if done.status == 302 and done.headers.get("Location", "").endswith("/sign-in/code/"):
        page = browser.get("/sign-in/code/")
        tokens = _csrf(page)
        if not browser.expect(bool(tokens), f"sign-in as {email}: no code page"):
            return False
        browser.expect(
            page.header("Cache-Control") == "no-store",
            f"GET /sign-in/code/: Cache-Control is {page.header('Cache-Control')!r}, not no-store",
        )
        done = browser.post(
            "/sign-in/code/", {"csrfmiddlewaretoken": tokens[0], "code": app_code(email)}
        )
    return browser.expect(
        done.status == 302 and "sessionid" in browser.cookies,
        f"sign-in as {email}: {done.status}, expected a redirect with a session",
    )


def menu_of(browser: Browser) -> list[str]:
    home = browser.get("/")
    links = parse(home.text).find("a", class_="govuk-service-navigation__link")
    return [link["href"] for link in links if link["href"] != "/sign-out/"]


def sign_out(browser: Browser) -> None:
    browser.get("/sign-out/")
    browser.cookies.clear()


def check_roles(browser: Browser, people: list[tuple[str, str]], password: str) -> None:
    """Each demo person signs in through the form and opens every page of their menu."""
    for email, role in people:
        if not sign_in(browser, email, password):
            continue
        menu = menu_of(browser)
        browser.expect(bool(menu) or role == "Candidate", f"{role}: the menu is empty")
        for href in menu:
            check_page(browser, href)
        print(f"  {email:<40} {role:<24} {len(menu)} pages of the menu answer 200")
        sign_out(browser)


def check_error_pages(browser: Browser, people: list[tuple[str, str]], password: str) -> None:
    """The service's own 404, 403 and 500 pages, never Django's."""
    missing = check_page(browser, "/no-such-page/", status=404)
    if missing is not None:
        browser.expect("Page not found" in missing.text, "404: not the service's own page")
        browser.expect("URLconf" not in missing.text, "404: Django's debug page")
    analyst = next(email for email, role in people if role == "National analyst")
    if sign_in(browser, analyst, password):
        refused = check_page(browser, "/people/", status=403)
        if refused is not None:
            browser.expect("You cannot use this page" in refused.text, "403: not our own page")
        sign_out(browser)
    email = people[0][0]
    if sign_in(browser, email, password):
        broken = check_page(browser, "/error-check/", status=500)
        if broken is not None:
            browser.expect(
                "Sorry, there is a problem with the service" in broken.text,
                "500: not the service's own page",
            )
        sign_out(browser)


def demo_people() -> list[tuple[str, str]]:
    """Every demo sign-in, from the demo data the server was loaded with."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stepup.settings")
    django.setup()
    from stepup.demo.data import sign_in_people

    return sign_in_people()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="where the service listens, e.g. http://127.0.0.1:8123")
    parser.add_argument("--password", required=True, help="the demo people's password")
    args = parser.parse_args(argv)
    browser = Browser(args.base.rstrip("/"))
    people = demo_people()
    print("Home page and static files")
    check_home_and_assets(browser)
    print("Each demo person, through the sign-in form, and every page of their menu")
    check_roles(browser, people, args.password)
    print("The service's own error pages")
    check_error_pages(browser, people, args.password)
    if browser.failures:
        print(f"\nFAIL: {len(browser.failures)} problem(s)", file=sys.stderr)
        for failure in browser.failures:
            print(f"- {failure}", file=sys.stderr)
        return 1
    print(f"\nProduction check passed: {browser.checked} requests over HTTP.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
