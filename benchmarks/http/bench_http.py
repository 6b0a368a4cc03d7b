"""``make bench-http``: the service's pages through a real server, beside a bare Django view.

1. A scratch PostgreSQL database, made here and dropped at the end: migrated, static files
   collected, and filled by ``load_volume`` (200,000 applications unless told otherwise).
2. gunicorn serves the service as the README deploys it (``DEBUG=0``, behind a proxy that
   says https) and, beside it in the same run, the bare view of ``bare.py``, each with the same
   number of workers.
3. Each page is fetched once and checked: it answers 200 and shows the words that prove it
   holds its list (a page that redirected to sign-in would be fast and meaningless). Then wrk
   drives it on loopback, bounded in time: with one connection for the wait one person sees
   (median and 99th percentile), and with several at once for the requests a second the server
   sustains, also given as a ratio to the bare view's in this run.
4. The table is written into docs/performance.md, between its bench-http markers.

    .venv/bin/python benchmarks/http/bench_http.py [--applications N] [--seconds S]
"""

import argparse
import datetime
import math
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from check_production import Browser, sign_in  # noqa: E402 - a sibling tool, not a package

PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
REPORT = ROOT / "docs" / "performance.md"
START, END = "<!-- bench-http:start -->", "<!-- bench-http:end -->"
PASSWORD = "volume-measure-2026"
GOAL = 1 / 3  # of the bare view's requests a second: the goal we track for every page


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    person: str | None  # who signs in (load_volume's people), or nobody
    proof: str  # words the page shows when it holds what it should
    last_page_of: str = ""  # a paginated list: replace LAST with its last page


def pages(national: int) -> list[Page]:
    admin, contractor, coordinator, assessor = (
        f"{who}@volume.example" for who in ("admin", "contractor", "coordinator01", "assessor01.1")
    )
    centres = "/assessment-centres/"
    sift, eligibility = "/selection/sift/", "/selection/eligibility/"
    applications = "/selection/applications/"
    waiting, deciding, found = "waiting for your mark", "waiting for a decision", "found"
    return [
        Page("home page, signed out", "/", None, "Apply to train as a social worker"),
        Page("cohort list, national admin", "/cohorts/", admin, "Cohort 9001"),
        Page("partnership list, national admin", "/partnerships/", admin, "Volume partnership"),
        Page("sift queue, first page, contractor", sift, contractor, waiting),
        Page("sift queue, last page, contractor", f"{sift}?page=LAST", contractor, waiting, "sift"),
        Page(
            "sift queue, one cohort, first page", f"{sift}?cohort={national}", contractor, waiting
        ),
        Page(
            "sift queue, one cohort, last page",
            f"{sift}?cohort={national}&page=LAST",
            contractor,
            waiting,
            "sift",
        ),
        Page("sift queue, first page, coordinator", sift, coordinator, waiting),
        Page(
            "sift queue, last page, coordinator", f"{sift}?page=LAST", coordinator, waiting, "sift"
        ),
        Page("eligibility queue, first page, contractor", eligibility, contractor, deciding),
        Page(
            "eligibility queue, last page, contractor",
            f"{eligibility}?page=LAST",
            contractor,
            deciding,
            "eligibility",
        ),
        Page(
            "eligibility queue, one cohort, last page",
            f"{eligibility}?cohort={national}&page=LAST",
            contractor,
            deciding,
            "eligibility",
        ),
        Page("eligibility queue, first page, national admin", eligibility, admin, deciding),
        Page("applications, first page, national admin", applications, admin, found),
        Page(
            "applications, last page, national admin",
            f"{applications}?page=LAST",
            admin,
            found,
            "applications",
        ),
        Page(
            "applications, a surname searched, contractor",
            f"{applications}?q=Candidate+0001234",
            contractor,
            found,
        ),
        Page(
            "applications, one cohort and status, coordinator",
            f"{applications}?cohort={national}&status=eligible",
            coordinator,
            found,
        ),
        Page(
            "progress of the round, one cohort, national admin",
            f"/selection/progress/?cohort={national}",
            admin,
            "Waiting for a first mark",
        ),
        Page(
            "progress of the round, one cohort, coordinator",
            f"/selection/progress/?cohort={national}",
            coordinator,
            "Waiting for a first mark",
        ),
        Page("home page, the work waiting, contractor", "/", contractor, "Waiting for you"),
        Page("home page, the work waiting, coordinator", "/", coordinator, "Waiting for you"),
        Page(
            "reasons for decisions, counted in every cohort, national admin",
            "/selection/reasons/",
            admin,
            "Times given",
        ),
        # The assessment centre: {open}, {held} and {assignment} are found once loaded.
        Page(
            "assessment centres, the days listed, coordinator", centres, coordinator, "Centre days"
        ),
        Page(
            "a centre day open for booking, coordinator",
            f"{centres}{{open}}/",
            coordinator,
            "Candidates booked",
        ),
        Page(
            "the wash-up of a day of 24, coordinator",
            f"{centres}{{held}}/wash-up/",
            coordinator,
            "Confirm the scores",
        ),
        Page(
            "the day sheet of a day of 24, coordinator",
            f"{centres}{{held}}/day-sheet/",
            coordinator,
            "Who observes whom",
        ),
        Page(
            "the ranking, one partnership, coordinator",
            f"{centres}ranking/{national}/V01/",
            coordinator,
            "Candidates who met the benchmark",
        ),
        Page(
            "assessment centres across the country, national admin",
            f"{centres}national/?cohort={national}",
            admin,
            "Met the benchmark",
        ),
        Page("your scoring, assessor", f"{centres}scoring/", assessor, "Candidates to score"),
        Page(
            "the funnel counted live, one cohort, national admin",
            f"/insights/cohorts/{national}/funnel/",
            admin,
            "Where candidates heard about the programme",
        ),
        Page(
            "scoring a candidate, assessor",
            f"{centres}scoring/{{assignment}}/",
            assessor,
            "Save scores",
        ),
    ]


def centre_ids(national: int) -> dict[str, int]:
    """The rows the centre pages show, once load_volume has made them: a day open and a day
    held of partnership V01, and one of its assessor's candidates to score."""
    from stepup.assessment.models import Assignment, Centre

    days = Centre.objects.filter(partnership__code="V01", cohort__number=national).order_by("pk")
    assignment = (
        Assignment.objects.filter(
            assessor__person__email="assessor01.1@volume.example",
            assessor__centre__status="held",
            invitation__application__status="attended",
        )
        .order_by("pk")
        .first()
    )
    return {
        "open": days.filter(status="open").first().pk,
        "held": days.filter(status="held").first().pk,
        "assignment": assignment.pk,
    }


@dataclass
class Result:
    name: str
    requests_per_second: float
    median_ms: float
    p99_ms: float


# Servers and the database


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def scratch_database(server_url: str):
    name = f"stepup_bench_http_{os.getpid()}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    parts = urlsplit(server_url)
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@contextmanager
def gunicorn(app: str, port: int, workers: int, env: dict, chdir: Path, log: Path):
    command = [
        str(GUNICORN),
        app,
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--chdir",
        str(chdir),
    ]
    with log.open("w") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        for _ in range(120):
            try:
                socket.create_connection(("127.0.0.1", port), 1).close()
                break
            except OSError:
                if server.poll() is not None:
                    raise SystemExit(f"gunicorn {app} did not start: see {log}") from None
                time.sleep(0.25)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


# Driving a page with wrk

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def wrk(url: str, *, connections: int, seconds: int, headers: dict) -> tuple[float, float, float]:
    """Requests a second, median and 99th percentile (ms); fails on any error response."""
    command = ["wrk", "--latency", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in output or "Socket errors" in output:
        raise SystemExit(f"wrk saw errors on {url}:\n{output}")
    # The distribution's own lines: "62.50%" elsewhere in the output also ends in "50%".
    found = [
        re.search(pattern, output, re.MULTILINE)
        for pattern in (r"Requests/sec:\s+([\d.]+)", r"^\s+50%\s+(\S+)\s*$", r"^\s+99%\s+(\S+)\s*$")
    ]
    if not all(found):
        raise SystemExit(f"Cannot read what wrk said about {url}:\n{output}")
    rate, median, p99 = (match.group(1) for match in found)
    return float(rate), _milliseconds(median), _milliseconds(p99)


def measure(name: str, url: str, *, headers: dict, args) -> Result:
    _, median, p99 = wrk(url, connections=1, seconds=args.seconds, headers=headers)
    rate, _, _ = wrk(url, connections=args.connections, seconds=args.seconds, headers=headers)
    print(f"  {name:<56} {rate:8.1f}/s  median {median:6.1f} ms  p99 {p99:6.1f} ms", flush=True)
    return Result(name, rate, median, p99)


def prepared(page: Page, base: str, sessions: dict, ids: dict) -> tuple[str, dict]:
    """The page's URL (its last page and rows worked out) and headers, once checked to
    answer 200."""
    browser = Browser(base)
    if page.person:
        browser.cookies = dict(sessions[page.person])
    path = page.path.format(**ids)
    if page.last_page_of:
        first = browser.get(path.replace("page=LAST", "page=1"))
        count = int(re.search(r"(\d+) applications? " + page.proof, first.text).group(1))
        path = path.replace("LAST", str(max(1, math.ceil(count / 50))))
    response = browser.get(path)
    if response.status != 200 or page.proof not in response.text:
        raise SystemExit(f"{page.name}: {path} answered {response.status} without {page.proof!r}")
    headers = {"X-Forwarded-Proto": "https"}
    if browser.cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
    return base + path, headers


# The report


def table(results: list[Result], bare: Result, context: dict) -> str:
    lines = [
        START,
        f"Measured {context['when']} by `make bench-http` on {context['machine']}: "
        f"{context['applications']:,} applications loaded by `load_volume` in "
        f"{context['load_seconds'] or 0:.0f} s; gunicorn with {context['workers']} sync workers "
        f"and `DEBUG=0`; PostgreSQL {context['postgres']}; wrk on loopback, {context['seconds']} s "
        f"a run. Requests a second with {context['connections']} connections at once; median and "
        "99th percentile with one connection (the wait of one person, without queueing behind "
        "others). Ratio: the page's requests a second over the bare view's in the same run; "
        f"the goal is {GOAL:.2f} or more.",
        "",
        "| page | requests/s | ratio to bare | median | p99 |",
        "|---|---:|---:|---:|---:|",
    ]
    for result in [bare, *results]:
        ratio = result.requests_per_second / bare.requests_per_second
        lines.append(
            f"| {result.name} | {result.requests_per_second:,.0f} | {ratio:.2f} | "
            f"{result.median_ms:.1f} ms | {result.p99_ms:.1f} ms |"
        )
    lines.append(END)
    return "\n".join(lines)


def write_report(block: str) -> None:
    text = REPORT.read_text()
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip() + "\n\n## Through a real server (`make bench-http`)\n\n" + block + "\n"
    REPORT.write_text(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=200_000)
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="a PostgreSQL server to make the scratch database on",
    )
    parser.add_argument(
        "--database",
        help="measure a database load_volume already filled (kept), instead of a new one; "
        "implies --no-report",
    )
    parser.add_argument("--no-report", action="store_true", help="print, do not write the docs")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")
    with ExitStack() as stack:
        database = args.database or stack.enter_context(scratch_database(args.postgres))
        env = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": database,
            "LOG_LEVEL": "WARNING",
        }
        manage = [str(PYTHON), str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "--no-input", "-v0"], env=env, check=True)
        subprocess.run([*manage, "collectstatic", "--no-input", "-v0"], env=env, check=True)
        load_seconds = None
        if not args.database:
            print(f"Loading {args.applications:,} applications with load_volume", flush=True)
            started = time.perf_counter()
            subprocess.run(
                [*manage, "load_volume", "--applications", str(args.applications)],
                env=env,
                check=True,
            )
            load_seconds = time.perf_counter() - started
        logs = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-http-")))
        service = stack.enter_context(
            gunicorn("stepup.wsgi", free_port(), args.workers, env, ROOT / "src", logs / "s.log")
        )
        bare_base = stack.enter_context(
            gunicorn(
                "bare:application",
                free_port(),
                args.workers,
                env,
                Path(__file__).parent,
                logs / "b.log",
            )
        )
        with psycopg.connect(database) as connection:
            postgres = connection.execute("SHOW server_version").fetchone()[0]
        national = 9001
        people = {page.person for page in pages(national) if page.person}
        # Staff sign in with a code from their app: the sign-in reads each person's secret
        # from the scratch database, through Django set up here as the service is.
        os.environ.update({"DJANGO_SETTINGS_MODULE": "stepup.settings", **env})
        sys.path.insert(0, str(ROOT / "src"))
        import django

        django.setup()
        sessions = {}
        for email in sorted(people):
            browser = Browser(service)
            if not sign_in(browser, email, PASSWORD):
                raise SystemExit(f"Could not sign in as {email}: {browser.failures}")
            sessions[email] = browser.cookies
        print("Measuring (requests/s with several connections; latency with one)", flush=True)
        bare = measure("bare Django view (the floor)", bare_base + "/", headers={}, args=args)
        ids = centre_ids(national)
        results = []
        for page in pages(national):
            url, headers = prepared(page, service, sessions, ids)
            results.append(measure(page.name, url, headers=headers, args=args))
    context = {
        "when": datetime.date.today().strftime("%-d %B %Y"),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, "
        f"Python {platform.python_version()}",
        "applications": args.applications,
        "load_seconds": load_seconds,
        "workers": args.workers,
        "postgres": postgres.split()[0],
        "seconds": args.seconds,
        "connections": args.connections,
    }
    block = table(results, bare, context)
    print("\n" + block)
    if not (args.no_report or args.database):
        write_report(block)
        print(f"\nWritten to {REPORT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
