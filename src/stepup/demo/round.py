"""The demonstration round: a cohort recruiting now, with a few hundred fictitious candidates
at every stage built so far, so that each role finds work waiting after ``make run``.

Everything goes through the services that people's own actions go through: candidates start,
fill in and submit their applications (and the service checks eligibility), a contractor's
colleague decides some referred applications, and partnership sifters give marks. Each action
happens at its own moment: the clock is moved with ``time_machine``, so the round reads as one
that opened six weeks ago, in the pages and in the audit trail alike. Dates are relative to the
day it is loaded; every other choice comes from one seeded generator, so a load on a given day
always makes the same round.

The people are plainly made up ("Amira Example"), and their email addresses end in
``.invalid`` (RFC 2606), which the service never sends mail to. Later stages add their own
demonstration data to this round; ``docs/demo-data.md`` says how.
"""

import datetime
import random
from collections import Counter
from dataclasses import dataclass, replace

import time_machine
from django.core.files.base import ContentFile
from django.utils import timezone

from stepup.accounts import services as accounts
from stepup.accounts.models import EmailLink, Organisation, User
from stepup.accounts.roles import Role
from stepup.applications import services as applying

# The fictitious candidates answer the questionnaire as candidates do: this module writes
# answers and never reads them (see tests/equality/test_no_leak.py).
from stepup.applications.equality import (
    Disability,
    DisabilityKind,
    Religion,
    Sex,
    SexualOrientation,
    equality_save,
)
from stepup.applications.models import (
    PREFER_NOT_TO_SAY,
    Application,
    ApplicationStatus,
    DegreeClassGiven,
    DegreeStatus,
    DocumentKind,
    ExperienceKind,
    HeardAbout,
    RightToWork,
)
from stepup.applications.sections import SECTIONS
from stepup.assessment import services as assessment
from stepup.assessment.models import CentreScore
from stepup.assessment.queries import centre_exercises
from stepup.candidates import services as submitting
from stepup.demo import data, round_funding, round_offers, round_trainees
from stepup.demo.data import CohortData, MilestoneData, PartnershipData
from stepup.partnerships.models import UniversityRole
from stepup.programme.models import Cohort, CohortStatus, MilestoneKind
from stepup.selection import services as selection
from stepup.selection.models import DecisionReason, DecisionStage
from stepup.selection.queries import sift_criteria

NUMBER = 6
NAME = "Demonstration round"
CANDIDATES = 300
SEED = "step-up-demonstration-round"
EMAIL_DOMAIN = "demo-round.invalid"
WINDOW_OPENED_DAYS_AGO = 42

# How many of every 300 candidates are at each stage; the rest of any other total is spread
# the same way. Shaped like cohort 1's funnel (seed 001 §5.5), with work left in every queue.
STAGE_SHARES: dict[str, int] = {
    "draft": 30,
    "withdrawn before submitting": 4,
    "not eligible": 30,
    "referred": 30,
    "decided eligible": 6,
    "decided not eligible": 6,
    "waiting for a first mark": 60,
    "waiting for a second mark": 40,
    "waiting for moderation": 15,
    "screened in": 45,
    "screened out": 25,
    "withdrawn after eligibility": 9,
}
NOT_SUBMITTED = frozenset({"draft", "withdrawn before submitting"})
ELIGIBLE_STAGES = frozenset(
    {
        "waiting for a first mark",
        "waiting for a second mark",
        "waiting for moderation",
        "screened in",
        "screened out",
        "withdrawn after eligibility",
        "decided eligible",
    }
)


# (email, name, role, organisation): the fictitious staff whose work is already in the round.
STAFF: tuple[tuple[str, str, str, str], ...] = (
    ("eligibility.checker", "Robin Placeholder", Role.CONTRACTOR, data.CONTRACTOR),
    ("sifter.bromley.1", "Pat Example", Role.ASSESSOR, "London Borough of Bromley"),
    ("sifter.bromley.2", "Chris Sample", Role.ASSESSOR, "London Borough of Bromley"),
    ("sifter.croydon", "Morgan Specimen", Role.ASSESSOR, "London Borough of Croydon"),
    ("sifter.wirral.1", "Jamie Madeup", Role.ASSESSOR, "Wirral"),
    ("sifter.wirral.2", "Taylor Fictional", Role.ASSESSOR, "Wirral"),
    ("sifter.liverpool", "Drew Pretend", Role.ASSESSOR, "Liverpool"),
)
SIFTERS_OF = {
    "SSL": ("sifter.bromley.1", "sifter.bromley.2", "sifter.croydon"),
    "LTP": ("sifter.wirral.1", "sifter.wirral.2", "sifter.liverpool"),
}

FIRST_NAMES = (
    "Amira", "Ben", "Chloe", "Dev", "Ella", "Femi", "Grace", "Hassan", "Isla", "Jack",
    "Kemi", "Leo", "Maya", "Noah", "Olivia", "Priya", "Quinn", "Rosa", "Sam", "Tariq",
    "Uma", "Vik", "Wendy", "Xander", "Yasmin", "Zak", "Aoife", "Bilal", "Ceri", "Dan",
)  # fmt: skip
LAST_NAMES = (
    "Example", "Sample", "Specimen", "Placeholder", "Madeup", "Fictional", "Pretend",
    "Testcase", "Notreal", "Imaginary",
)  # fmt: skip
TOWNS = ("Bromley", "Croydon", "Sutton", "Guildford", "Birkenhead", "Liverpool", "Southport")
SUBJECTS = (
    "Psychology", "Sociology", "Criminology", "History", "English literature",
    "Education studies", "Law", "Youth and community work", "Biology", "Politics",
)  # fmt: skip
UNIVERSITIES = (
    "University of Kent", "University of Liverpool", "University of Surrey",
    "Goldsmiths, University of London", "University of Chester", "Open University",
    "University of Leeds", "Kingston University",
)  # fmt: skip
ROLES = (
    ("Youth worker", "Example Youth Trust"),
    ("Teaching assistant", "Sample Primary School"),
    ("Support worker", "Placeholder Family Centre"),
    ("Volunteer mentor", "Demo Mentoring Scheme"),
    ("Residential care worker", "Specimen House children's home"),
    ("Sports coach", "Madeup Juniors FC"),
    ("Nursery practitioner", "Little Examples Nursery"),
)
SENTENCES = (
    "I have worked with young people who had been let down by the adults around them.",
    "What I learnt is that trust is earned slowly and lost quickly.",
    "I listen first, and I check that I have understood before I act.",
    "A child's safety comes before anything else, including what is convenient for me.",
    "I keep careful notes, because a record can matter years later.",
    "I asked for supervision when a case affected me, and it helped me do better.",
    "Families told me that being treated with respect made them willing to engage.",
    "I worked with teachers and health visitors to agree one plan around a child.",
    "Social work appeals to me because it joins practical help with lasting change.",
    "I want to train in the area where I live, and to stay and work here once qualified.",
    "I have learnt to explain difficult decisions plainly and honestly.",
    "When I got something wrong I said so, and I put it right.",
)
EVIDENCE = {
    1: "Little evidence of this in the answers.",
    2: "Some evidence, but general rather than drawn from experience.",
    3: "Meets the standard: a clear example from the candidate's own work.",
    4: "Strong evidence: several examples, with reflection on what was learnt.",
}
# A tiny valid PDF: the evidence candidates "upload".
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass(frozen=True)
class Plan:
    """One fictitious candidate: who they are, what they answer and how far they get."""

    number: int
    stage: str
    first_name: str
    last_name: str
    first_choice: str  # partnership code
    submitted_days_ago: int
    started_days_ago: int

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def email(self) -> str:
        return f"{self.first_name}.{self.last_name}.{self.number:03d}@{EMAIL_DOMAIN}".lower()


def round_data(*, today: datetime.date) -> CohortData:
    """Cohort 6, recruiting: its timetable is set around ``today``."""

    def day(offset: int) -> datetime.date:
        return today + datetime.timedelta(days=offset)

    start = day(300).replace(day=1)
    M = MilestoneData
    cohort_5 = data.COHORT_5
    return CohortData(
        number=NUMBER,
        name=NAME,
        start_date=start,
        length_months=18,
        status=CohortStatus.OPEN_FOR_BIDS,
        source="Made up for the demonstration: dates relative to the day it was loaded",
        milestones=(
            M(MilestoneKind.BIDS_DEADLINE, day(-110)),
            M(MilestoneKind.BID_OUTCOMES, day(-80)),
            M(MilestoneKind.APPLICATION_WINDOW, day(-WINDOW_OPENED_DAYS_AGO), day(21)),
            M(MilestoneKind.FORWARD_TO_PARTNERSHIPS, day(-40), day(24)),
            M(MilestoneKind.PARTNERSHIP_SIFT, day(-40), day(35)),
            M(MilestoneKind.ASSESSMENT_CENTRES, day(49), day(77)),
            M(MilestoneKind.OFFERS, day(84), day(98)),
            M(MilestoneKind.CHECKS, day(84), day(130)),
            M(MilestoneKind.LOCAL_RESERVES, day(84), day(140)),
            M(MilestoneKind.NATIONAL_RESERVE_POOL, day(141), day(190)),
            M(MilestoneKind.REGULATOR_APPROVAL, start - datetime.timedelta(days=31)),
            M(MilestoneKind.PROGRAMME_START, start),
        ),
        funding_rates=cohort_5.funding_rates,
        partnerships=(
            PartnershipData(
                code="SSL",
                name="Surrey and South London",
                lead="London Borough of Bromley",
                # Fewer places than candidates who meet the benchmark, so it has reserves.
                members=(("LB Bromley", 2), ("LB Croydon", 2), ("LB Merton", 1)),
                universities=(("Goldsmiths", UniversityRole.BOTH),),
                source="The demonstration round: three of cohort 5's authorities, with Goldsmiths",
                recruitment_target=5,
                coordinator_email=f"coordinator@{data.EMAIL_DOMAIN}",
            ),
            PartnershipData(
                code="LTP",
                name="Learn Together Partnership",
                lead="Wirral",
                members=(("Wirral", 8), ("Liverpool", 8), ("Sefton", 6), ("Knowsley", 4)),
                universities=(("University of Chester", UniversityRole.BOTH),),
                source="The demonstration round: four of cohort 1's authorities",
                recruitment_target=26,
                coordinator_email=f"coordinator.wirral@{data.EMAIL_DOMAIN}",
            ),
        ),
        recruitment=(
            ("sift_by", "partnership"),
            ("double_sift", True),
            ("sift_tolerance", 2),
            ("centre_benchmark", 24),
        ),
    )


def stage_counts(total: int) -> Counter:
    """``total`` candidates shared between the stages in the proportions of ``STAGE_SHARES``."""
    whole = sum(STAGE_SHARES.values())
    counts = Counter({stage: share * total // whole for stage, share in STAGE_SHARES.items()})
    for stage in list(STAGE_SHARES)[: total - sum(counts.values())]:
        counts[stage] += 1
    return counts


def plans(*, total: int, rng: random.Random) -> list[Plan]:
    stages = [stage for stage, count in stage_counts(total).items() for _ in range(count)]
    rng.shuffle(stages)
    made = []
    for number, stage in enumerate(stages, start=1):
        submitted = rng.randint(3, WINDOW_OPENED_DAYS_AGO - 2)
        made.append(
            Plan(
                number=number,
                stage=stage,
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                first_choice="SSL" if rng.random() < 0.6 else "LTP",
                submitted_days_ago=submitted,
                started_days_ago=min(WINDOW_OPENED_DAYS_AGO, submitted + rng.randint(0, 8)),
            )
        )
    return made


# Loading


class _Clock:
    """Moves the clock to a moment in the round: so many days ago, at an hour and minute."""

    def __init__(self, today: datetime.date):
        self.today = today

    def at(self, days_ago: int, hour: int, minute: int = 0):
        day = self.today - datetime.timedelta(days=days_ago)
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))
        return time_machine.travel(moment, tick=False)


@dataclass
class _Round:
    cohort: Cohort
    partnerships: dict
    staff: dict[str, User]
    reasons: dict[str, list[DecisionReason]]
    rng: random.Random
    clock: _Clock
    result: Counter


def round_load(
    *,
    load_cohort,
    walk_cohort,
    organisations: dict[str, Organisation],
    password: str,
    candidates: int = CANDIDATES,
    created: Counter,
) -> User:
    """Make the round if it is not there, and return the demonstration candidate.

    ``load_cohort`` and ``walk_cohort`` are the loader's own steps for historic cohorts, so
    cohort 6 is set up exactly as they are."""
    today = timezone.localdate()
    clock = _Clock(today)
    cohort = Cohort.objects.filter(number=NUMBER).first()
    if cohort is None:
        with clock.at(120, 9):
            cohort = load_cohort(round_data(today=today))
        with clock.at(WINDOW_OPENED_DAYS_AGO + 1, 9):
            walk_cohort(cohort, CohortStatus.RECRUITING)
    staff = _staff(organisations, created)
    candidate = _demo_candidate(cohort, password, clock, created)
    if Application.objects.filter(cohort=cohort).exclude(candidate=candidate).exists():
        return candidate
    reasons = {
        stage: list(DecisionReason.objects.filter(stage=stage, active=True).exclude(code="other"))
        for stage in DecisionStage.values
    }
    world = _Round(
        cohort=cohort,
        partnerships={p.code: p for p in cohort.partnerships.all()},
        staff=staff,
        reasons=reasons,
        rng=random.Random(SEED),  # noqa: S311 -- repeatable, not secret
        clock=clock,
        result=created,
    )
    if candidates:
        _first_wave(world)
    for plan in plans(total=candidates, rng=world.rng):
        _candidate(world, plan)
    _centres(world)
    round_funding.funding_load(partnerships=world.partnerships, clock=world.clock)
    return candidate


def _staff(organisations: dict[str, Organisation], created: Counter) -> dict[str, User]:
    staff = {}
    for local, name, role, organisation in STAFF:
        email = f"{local}@{EMAIL_DOMAIN}"
        person = User.objects.filter(email__iexact=email).first()
        if person is None:
            # No password: they are here for the work they have already done.
            person = accounts.person_create(
                actor=None,
                email=email,
                full_name=name,
                password=None,
                organisation=organisations[organisation],
                role=role,
            )
            created["fictitious staff"] += 1
        staff[local] = person
    return staff


def _demo_candidate_confirms(person: User) -> None:
    """As the candidate would: open the link emailed to their new account's address."""
    if person.email_verified_at is None:
        link = accounts.email_link_send(user=person, purpose=EmailLink.Purpose.CONFIRM_EMAIL)
        accounts.email_confirm(link=link)


def _demo_candidate(cohort: Cohort, password: str, clock: _Clock, created: Counter) -> User:
    """The candidate people sign in as: part-way through an application to cohort 6."""
    person = User.objects.filter(email__iexact=data.CANDIDATE_EMAIL).first()
    if person is not None:
        _demo_candidate_confirms(person)  # loaded before addresses needed confirming
        return person
    with clock.at(6, 19):
        person = accounts.candidate_account_create(
            full_name=data.CANDIDATE_NAME, email=data.CANDIDATE_EMAIL, password=password
        )
        _demo_candidate_confirms(person)
        application = applying.application_start(
            candidate=person, cohort=cohort, reference=f"SU{cohort.number}-DEMQ2X7K"
        )
    rng = random.Random(SEED + "-candidate")  # noqa: S311 -- repeatable, not secret
    partnerships = {p.code: p for p in cohort.partnerships.all()}
    values = _answers(rng, partnerships, "eligible", data.CANDIDATE_NAME, 1000, "SSL")
    for minute, section in enumerate(("personal-details", "right-to-work", "degree", "gcse")):
        with clock.at(6, 19, 5 + minute):
            applying.application_section_save(
                candidate=person,
                application=application,
                section=section,
                data={**values[section], "completed": True},
            )
    created["candidate to sign in as"] += 1
    return person


def _candidate(world: _Round, plan: Plan, *, only_choice: bool = False) -> None:
    rng, clock, cohort = world.rng, world.clock, world.cohort
    kind = _eligibility_kind(plan.stage, rng)
    values = _answers(rng, world.partnerships, kind, plan.full_name, plan.number, plan.first_choice)
    if only_choice:
        values["partnerships"] |= {"second_choice": None, "willing_to_move": False}
    started, submitted = plan.started_days_ago, plan.submitted_days_ago
    if plan.stage in NOT_SUBMITTED:
        submitted = None
    with clock.at(started, 6, rng.randint(0, 59)):
        person = accounts.candidate_account_add(
            full_name=plan.full_name,
            email=plan.email,
            summary="Created their own account to apply to Step Up (demonstration round)",
        )
        application = applying.application_start(
            candidate=person, cohort=cohort, reference=_reference(rng, cohort)
        )
    sections = [s.key for s in SECTIONS]
    done = len(sections) if submitted is not None else rng.randint(0, len(sections) - 1)
    # Sections 1 to 4 the day they started; the rest, the questionnaire and the submission on
    # the day they submitted, at an hour of their own.
    start_hour = rng.randint(7, 20)
    submit_hour = rng.randint(start_hour + 1, 22) if submitted == started else rng.randint(7, 22)
    for minute, key in enumerate(sections[:done], start=1):
        if submitted is None or minute < 5:
            moment = clock.at(started, start_hour, minute)
        else:
            moment = clock.at(submitted, submit_hour, minute)
        with moment:
            _section(person, application, key, values, rng)
    if rng.random() < 0.85:
        if submitted is None:
            moment = clock.at(started, start_hour, 30)
        else:
            moment = clock.at(submitted, submit_hour, 30)
        with moment:
            equality_save(candidate=person, application=application, answers=_equality(rng))
    world.result["fictitious candidates"] += 1
    if submitted is None:
        if plan.stage == "withdrawn before submitting":
            with clock.at(max(started - 2, 1), 12):
                applying.application_withdraw(
                    candidate=person,
                    application=application,
                    reason="I have decided to apply next year instead",
                )
        return
    with clock.at(submitted, submit_hour, 40 + rng.randint(0, 19)):
        application = submitting.application_submit(candidate=person, application=application)
    _after_submission(world, plan, person, application)


def _after_submission(world: _Round, plan: Plan, person: User, application: Application) -> None:
    rng, clock = world.rng, world.clock
    days = plan.submitted_days_ago
    decided = rng.randint(1, max(days - 1, 1))
    if plan.stage in ("decided eligible", "decided not eligible"):
        eligible = plan.stage == "decided eligible"
        with clock.at(days - decided, 11):
            selection.eligibility_decide(
                actor=world.staff["eligibility.checker"],
                application=application,
                eligible=eligible,
                reasons=[] if eligible else [_reason(world, DecisionStage.ELIGIBILITY, rng)],
                staff_note=(
                    "Checked the evidence uploaded: it meets the rule."
                    if eligible
                    else "The evidence uploaded does not show the qualification."
                ),
                candidate_message=(
                    ""
                    if eligible
                    else "The document you uploaded does not show the qualification. If you "
                    "apply again, upload a certificate or transcript that names it."
                ),
            )
        return
    if plan.stage == "withdrawn after eligibility":
        with clock.at(days - decided, 20):
            applying.application_withdraw(
                candidate=person, application=application, reason="I have accepted a job offer"
            )
        return
    totals = _totals(plan.stage, rng)
    if not totals:
        return
    sifters = [world.staff[local] for local in SIFTERS_OF[plan.first_choice]]
    rng.shuffle(sifters)
    marked = days
    for sifter, total in zip(sifters, totals, strict=False):
        marked = rng.randint(max(marked - 6, 1), max(marked - 1, 1))
        with clock.at(marked, 9 + len(totals)):
            _mark(world, sifter, application, total)


def _totals(stage: str, rng: random.Random) -> list[int]:
    """The totals of the marks given so far, out of 20, in the order they were given."""
    if stage == "waiting for a second mark":
        return [rng.randint(9, 19)]
    if stage == "waiting for moderation":
        low = rng.randint(9, 14)
        return [low, low + rng.randint(3, 6)][:: rng.choice((1, -1))]
    if stage == "screened in":
        if rng.random() < 0.2:  # the sifters disagreed, and the moderator screened in
            return [14, 18, rng.randint(15, 19)]
        first = rng.randint(15, 19)
        return [first, min(20, first + rng.randint(-1, 1))]
    if stage == "screened out":
        first = rng.randint(8, 13)
        return [first, first + rng.randint(0, 1)]
    return []


def _mark(world: _Round, sifter: User, application: Application, total: int) -> None:
    rng = world.rng
    criteria = sift_criteria(application.rules)
    scores = [total // len(criteria)] * len(criteria)
    for index in range(total - sum(scores)):
        scores[index] += 1
    rng.shuffle(scores)
    below = total < application.rules.sift_pass_mark
    selection.sift_mark_submit(
        actor=sifter,
        application=application,
        scores={
            criterion.pk: (score, EVIDENCE[score])
            for criterion, score in zip(criteria, scores, strict=True)
        },
        reasons=[_reason(world, DecisionStage.SIFT, rng)] if below else [],
        detail="The answers are short on examples from the candidate's own work." if below else "",
    )


# The assessment centres (ADR 0015): Surrey and South London held a day two days ago and has
# another in ten days, and invited its screened-in candidates twelve days ago; the Learn
# Together Partnership's day is in twelve days, its invitations not yet sent.
CENTRE_DAYS = (
    # (partnership, days from today, booking closes days from today, venue, slot places)
    ("SSL", -2, -5, "Bromley Civic Centre", 2),
    ("SSL", -1, -4, "Sutton Civic Offices", 2),
    ("SSL", 10, 5, "Croydon Town Hall", 6),
    ("LTP", 12, 7, "Wallasey Town Hall", 8),
)
CENTRE_ADDRESSES = {
    "Kingston Guildhall": "High Street, Kingston upon Thames KT1 1EU",
    "Bromley Civic Centre": "Stockwell Close, Bromley BR1 3UH",
    "Croydon Town Hall": "Katharine Street, Croydon CR0 1NX",
    "Sutton Civic Offices": "St Nicholas Way, Sutton SM1 1EA",
    "Wallasey Town Hall": "Brighton Street, Wallasey CH44 8ED",
}
CENTRE_ACCESS = (
    "Step-free entrance from the car park, a lift to every floor, accessible toilets on each "
    "floor, a hearing loop in the main hall and a quiet room for breaks."
)


def _centres(world: _Round) -> None:
    clock = world.clock
    days: dict[str, list] = {}
    with clock.at(12, 9):
        for day in CENTRE_DAYS:
            days.setdefault(day[0], []).append(_centre_day(world, *day))
        # The Learn Together Partnership has yet to send its invitations: its coordinator
        # has that waiting.
        partnership = world.partnerships["SSL"]
        assessment.invitations_send(
            actor=partnership.coordinator, cohort=world.cohort, partnership=partnership
        )
    _bookings(world, days["SSL"])


def _centre_day(world: _Round, code: str, offset: int, closes: int, venue: str, places: int):
    """A day planned by the partnership's coordinator, timed exercise by exercise, two slots
    of ``places``, open for booking."""
    partnership, today = world.partnerships[code], world.clock.today
    coordinator = partnership.coordinator
    centre = assessment.centre_create(
        actor=coordinator,
        cohort=world.cohort,
        partnership=partnership,
        day=today + datetime.timedelta(days=offset),
        venue=venue,
        address=CENTRE_ADDRESSES[venue],
        accessibility=CENTRE_ACCESS,
        booking_closes_at=timezone.make_aware(
            datetime.datetime.combine(today + datetime.timedelta(days=closes), datetime.time(17))
        ),
        slots=[
            (datetime.time(9), datetime.time(13), places),
            (datetime.time(13, 30), datetime.time(17, 30), places),
        ],
        assessors_needed=3,
    )
    _timetable(centre, coordinator, centre_exercises(centre))
    assessment.centre_open(actor=coordinator, centre=centre)
    return centre


def _bookings(world: _Round, centres: list) -> None:
    """The invited book the first day with room; two leave it for now; one asks for an
    adjustment. At the later of the days already held, one did not come."""
    clock = world.clock
    invited = list(
        Application.objects.filter(
            cohort=world.cohort,
            status=ApplicationStatus.INVITED,
            first_choice=centres[0].partnership,
        )
        .select_related("candidate")
        .order_by("submitted_at", "pk")
    )
    # The two days already held take turns, so each has candidates; then the days to come.
    held_slots = [
        list(centre.slots.order_by("starts_at")) for centre in centres if centre.day < clock.today
    ]
    slots = [slot for pair in zip(*held_slots, strict=False) for slot in pair] + [
        slot
        for centre in centres
        if centre.day >= clock.today
        for slot in centre.slots.order_by("starts_at")
    ]
    taken = {slot.pk: 0 for slot in slots}
    with clock.at(11, 19):
        for application in invited[:-2]:
            slot = next((s for s in slots if taken[s.pk] < s.places), None)
            if slot is None:
                break
            taken[slot.pk] += 1
            assessment.booking_make(actor=application.candidate, application=application, slot=slot)
        if invited:
            assessment.adjustment_ask(
                candidate=invited[-1].candidate,
                application=invited[-1],
                request="I am dyslexic: may I have extra time for the written exercises?",
            )
    held = [c for c in centres if c.day < clock.today]
    for centre in held:
        coordinator = centre.partnership.coordinator
        days_ago = clock.today.toordinal() - centre.day.toordinal()
        with clock.at(days_ago, 8):
            pool = _assessors(world, centre, coordinator)
        with clock.at(days_ago, 17, 30):
            bookings = list(
                centre.bookings.select_related("application").order_by("candidate_number")
            )
            for number, invitation in enumerate(bookings):
                # At the later day, the last to book did not come.
                no_show = centre == held[-1] and number == len(bookings) - 1
                assessment.attendance_record(
                    actor=coordinator,
                    invitation=invitation,
                    attended=not no_show,
                    reason="Did not arrive, and did not answer our calls on the day"
                    if no_show
                    else "",
                )
            # The first day's wash-up is done; the later one's scores are still coming.
            washed_up = centre == held[0]
            _scores(world, centre, pool, everyone=washed_up)
            if washed_up:
                assessment.centre_hold(actor=coordinator, centre=centre)
        if washed_up:
            with clock.at(days_ago - 1, 10):
                # One score changed at the wash-up, with the reason.
                score = (
                    CentreScore.objects.filter(assignment__assessor__centre=centre, score__lt=4)
                    .order_by("pk")
                    .first()
                )
                if score is not None:
                    assessment.score_moderate(
                        actor=coordinator,
                        score=score,
                        new_score=score.score + 1,
                        reason="The group's recording shows a clearer example than the notes",
                    )
                assessment.washup_confirm(actor=coordinator, centre=centre)
                # The service user records their day, for the coordinator to pay back.
                lived = next(a for a in pool if a.kind == "service_user")
                assessment.time_and_expenses_record(
                    actor=lived.person, assessor=lived, minutes=8 * 60, travel_pence=1480
                )


# The first wave (ADR 0016): before the rest of the round's candidates applied, eight applied
# to Surrey and South London on the window's first day, were screened in, came to its first
# centre day at Kingston and were ranked; their allocation, offers and checks follow
# (``round_offers``). They chose that partnership alone.
FIRST_WAVE = 8
FIRST_WAVE_DAY = ("SSL", -16, -18, "Kingston Guildhall", 4)


def _first_wave(world: _Round) -> None:
    wave = replace(world, rng=random.Random(SEED + "-first-wave"))  # noqa: S311 -- repeatable
    for number in range(1, FIRST_WAVE + 1):
        plan = Plan(
            number=900 + number,
            stage="screened in",
            first_name=wave.rng.choice(FIRST_NAMES),
            last_name=wave.rng.choice(LAST_NAMES),
            first_choice="SSL",
            submitted_days_ago=WINDOW_OPENED_DAYS_AGO - 1,
            started_days_ago=WINDOW_OPENED_DAYS_AGO,
        )
        _candidate(wave, plan, only_choice=True)
    partnership = world.partnerships[FIRST_WAVE_DAY[0]]
    coordinator = partnership.coordinator
    clock, offset = world.clock, FIRST_WAVE_DAY[1]
    with clock.at(20, 9):
        centre = _centre_day(world, *FIRST_WAVE_DAY)
        assessment.invitations_send(actor=coordinator, cohort=world.cohort, partnership=partnership)
    slots = list(centre.slots.order_by("starts_at"))
    with clock.at(19, 20):
        invited = Application.objects.filter(
            cohort=world.cohort, status=ApplicationStatus.INVITED
        ).select_related("candidate")
        for index, application in enumerate(invited.order_by("submitted_at", "pk")):
            assessment.booking_make(
                actor=application.candidate, application=application, slot=slots[index % 2]
            )
    with clock.at(-offset, 8):
        pool = _assessors(world, centre, coordinator)
    with clock.at(-offset, 17, 30):
        for invitation in centre.bookings.select_related("application"):
            assessment.attendance_record(actor=coordinator, invitation=invitation, attended=True)
        _scores(wave, centre, pool, everyone=True)
        assessment.centre_hold(actor=coordinator, centre=centre)
    with clock.at(-offset - 1, 10):
        assessment.washup_confirm(actor=coordinator, centre=centre)
    round_offers.first_wave_offers(
        cohort=world.cohort, partnership=partnership, clock=clock, created=world.result
    )
    round_trainees.trainees_load(partnership=partnership, clock=clock)


# Each candidate's usual level, in turn: the second falls short of the benchmark.
LEVELS = (3, 2, 4, 3)
CENTRE_EVIDENCE = {
    2: "Shown in part, but not consistently through the exercise.",
    3: "Shown clearly and consistently in the exercise.",
    4: "Shown strongly throughout, with reflection when asked about it.",
}
# The demo's own assessors, who sign in: an authority social worker and a service user, who
# observe every exercise, and a university tutor, who sits on the joint interview only.
DEMO_ASSESSORS = (
    (f"assessor@{data.EMAIL_DOMAIN}", "authority", "Child protection"),
    (f"service.user.assessor@{data.EMAIL_DOMAIN}", "service_user", "Care leaver"),
    (f"university.tutor@{data.EMAIL_DOMAIN}", "university", "Social work admissions"),
)


def _assessors(world: _Round, centre, coordinator) -> list:
    """The day's pool, each observing every candidate in every exercise (the university
    tutor, the joint interview only), confirmed."""
    pool = [
        assessment.assessor_add(
            actor=coordinator,
            centre=centre,
            person=User.objects.get(email=email),
            kind=kind,
            specialism=specialism,
        )
        for email, kind, specialism in DEMO_ASSESSORS
    ]
    booked = list(centre.bookings.order_by("candidate_number"))
    exercises = centre_exercises(centre)
    for assessor in pool:
        for exercise in exercises:
            if assessor.kind == "university" and not exercise.panel:
                continue
            assessment.assignments_set(
                actor=coordinator, assessor=assessor, exercise=exercise, invitations=booked
            )
    assessment.assignments_confirm(actor=coordinator, centre=centre)
    return pool


def _timetable(centre, coordinator, exercises) -> None:
    """Each exercise in turn from 9:30am, an hour each, with lunch at 12:30pm."""
    times, start = {}, datetime.datetime.combine(centre.day, datetime.time(9, 30))
    for exercise in exercises:
        if start.time() == datetime.time(12, 30):
            start += datetime.timedelta(hours=1)
        times[exercise] = (start.time(), (start + datetime.timedelta(hours=1)).time())
        start += datetime.timedelta(hours=1)
    assessment.timetable_set(actor=coordinator, centre=centre, times=times)


def _scores(world: _Round, centre, pool, *, everyone: bool) -> None:
    """Scores for everyone who came (or the first half of them): most around the benchmark,
    so some meet it and some do not."""
    rng = world.rng
    attended = list(
        centre.bookings.filter(application__status=ApplicationStatus.ATTENDED).order_by(
            "candidate_number"
        )
    )
    for index, invitation in enumerate(attended if everyone else attended[: len(attended) // 2]):
        level = LEVELS[index % len(LEVELS)]
        for assessor in pool:
            for assignment in invitation.assignments.filter(assessor=assessor).select_related(
                "exercise"
            ):
                assessment.scores_submit(
                    actor=assessor.person,
                    assignment=assignment,
                    scores={
                        criterion.pk: {
                            "score": max(1, min(4, level + rng.choice((-1, 0, 0, 1)))),
                            "evidence": CENTRE_EVIDENCE[level],
                        }
                        for criterion in assignment.exercise.criteria.all()
                    },
                )


def _reason(world: _Round, stage: str, rng: random.Random) -> DecisionReason:
    return rng.choice(world.reasons[stage])


def _reference(rng: random.Random, cohort: Cohort) -> str:
    code = "".join(rng.choice(applying.REFERENCE_ALPHABET) for _ in range(8))
    return f"SU{cohort.number}-{code}"


# What the candidates answer


def _eligibility_kind(stage: str, rng: random.Random) -> str:
    """Which answers put the application at its stage: "eligible", a reason it fails the
    rules ("fails: …") or something a person must check ("refer: …")."""
    if stage == "not eligible":
        return rng.choice(
            ("fails: degree class", "fails: social work", "fails: experience", "fails: gcse")
        )
    if stage in ("referred", "decided eligible", "decided not eligible"):
        return rng.choice(("refer: overseas", "refer: predicted", "refer: visa", "refer: gcse"))
    if stage in ELIGIBLE_STAGES:
        return "eligible"
    return rng.choice(("eligible",) * 4 + ("fails: degree class",))


def _answers(rng, partnerships, kind, full_name, number, first_choice) -> dict[str, dict]:
    """Every section's answers, as the candidate would type them into the form;
    ``partnerships`` are the round's, by code."""
    this_year = timezone.localdate().year
    other = next(code for code in partnerships if code != first_choice)
    degree_class = rng.choice((DegreeClassGiven.FIRST,) + (DegreeClassGiven.UPPER_SECOND,) * 3)
    if kind == "fails: degree class":
        degree_class = DegreeClassGiven.LOWER_SECOND
    elif kind == "refer: overseas":
        degree_class = DegreeClassGiven.OVERSEAS
    predicted = kind == "refer: predicted"
    english, maths = (
        rng.choice(("A", "B", "C", "4", "5", "6", "7")),
        rng.choice(("A", "B", "C", "4", "5", "6")),
    )
    if kind == "fails: gcse":
        maths = rng.choice(("D", "3"))
    elif kind == "refer: gcse":
        english = "equivalent"
    words = {1: 6, 2: 5, 3: 4}
    return {
        "personal-details": {
            "full_name": full_name,
            "phone": f"01632 960 {number % 1000:03d}",  # Ofcom's numbers for drama
            "address_line_1": f"{number} Example Street",
            "address_line_2": "",
            "town": rng.choice(TOWNS),
            "postcode": f"ZZ99 {number % 10}ZZ",
        },
        "right-to-work": {
            "right_to_work": RightToWork.NOT_SURE if kind == "refer: visa" else RightToWork.YES,
            "right_to_work_details": (
                "My graduate visa application is being decided" if kind == "refer: visa" else ""
            ),
        },
        "degree": {
            "degree_subject": "Social work"
            if kind == "fails: social work"
            else (rng.choice(SUBJECTS)),
            "degree_class": degree_class,
            "degree_equivalence": "2:1" if kind == "refer: overseas" else "",
            "degree_institution": (
                "University of Example, Lisbon"
                if kind == "refer: overseas"
                else rng.choice(UNIVERSITIES)
            ),
            "degree_year": this_year if predicted else rng.randint(2004, this_year - 1),
            "degree_status": DegreeStatus.PREDICTED if predicted else DegreeStatus.AWARDED,
        },
        "gcse": {
            "gcse_english_grade": english,
            "gcse_english_equivalent": (
                "Level 2 Functional Skills English, pass" if english == "equivalent" else ""
            ),
            "gcse_maths_grade": maths,
            "gcse_maths_equivalent": "",
        },
        "experience": {"none": kind == "fails: experience"},
        "questions": {
            f"answer_q{n}": " ".join(rng.sample(SENTENCES, count)) for n, count in words.items()
        },
        "partnerships": {
            "first_choice": partnerships[first_choice],
            "second_choice": partnerships[other] if rng.random() < 0.7 else None,
            "willing_to_move": rng.random() < 0.5,
        },
        "heard-about": {"heard_about": rng.choice(HeardAbout.values)},
        "declarations": {
            "has_criminal_record": False,
            "criminal_record_details": "",
            "declaration_confirmed": True,
        },
    }


def _section(person, application, key, values, rng) -> None:
    if key == "experience":
        if not values["experience"]["none"]:
            for _ in range(rng.randint(1, 2)):
                role, organisation = rng.choice(ROLES)
                started_on = timezone.localdate() - datetime.timedelta(days=rng.randint(400, 3000))
                applying.experience_add(
                    candidate=person,
                    application=application,
                    data={
                        "kind": rng.choice(ExperienceKind.values),
                        "role": role,
                        "organisation": organisation,
                        "started_on": started_on,
                        "ongoing": rng.random() < 0.5,
                        "ended_on": started_on + datetime.timedelta(days=rng.randint(90, 380)),
                        "hours_per_week": rng.randint(4, 37),
                    },
                )
        applying.application_section_mark(
            candidate=person, application=application, section=key, completed=True
        )
    elif key == "documents":
        applying.document_upload(
            candidate=person,
            application=application,
            kind=DocumentKind.DEGREE,
            file=ContentFile(PDF, name="degree-certificate.pdf"),
        )
        applying.application_section_mark(
            candidate=person, application=application, section=key, completed=True
        )
    else:
        applying.application_section_save(
            candidate=person,
            application=application,
            section=key,
            data={**values[key], "completed": True},
        )


# Equality monitoring, in a spread like the programme's applicants (seed 001 §5.7): mostly
# women, a third from black and minority ethnic groups, some choosing not to say.
_SEX = ((Sex.FEMALE, 74), (Sex.MALE, 23), (Sex.PREFER_NOT, 3))
_ETHNICITY = (
    ("white_british", 52), ("white_irish", 2), ("white_other", 6), ("black_african", 10),
    ("black_caribbean", 6), ("black_other", 1), ("asian_indian", 5), ("asian_pakistani", 4),
    ("asian_bangladeshi", 2), ("asian_other", 1), ("mixed_white_black_caribbean", 3),
    ("mixed_white_asian", 2), ("mixed_other", 1), ("other_arab", 1), (PREFER_NOT_TO_SAY, 4),
)  # fmt: skip
_DISABILITY = ((Disability.NO, 82), (Disability.YES, 13), (Disability.PREFER_NOT, 5))
_RELIGION = (
    (Religion.NONE, 40), (Religion.CHRISTIAN, 34), (Religion.MUSLIM, 10), (Religion.HINDU, 3),
    (Religion.SIKH, 2), (Religion.JEWISH, 1), (Religion.BUDDHIST, 1),
    (Religion.PREFER_NOT, 9),
)  # fmt: skip
_ORIENTATION = (
    (SexualOrientation.HETEROSEXUAL, 82),
    (SexualOrientation.GAY_LESBIAN, 4),
    (SexualOrientation.BISEXUAL, 5),
    (SexualOrientation.PREFER_NOT, 9),
)


def _pick(rng: random.Random, weighted) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _equality(rng: random.Random) -> dict:
    declined = rng.random() < 0.04
    age = min(int(rng.gammavariate(3, 3)) + 22, 58)
    born = timezone.localdate() - datetime.timedelta(days=age * 365 + rng.randint(0, 364))
    disability = _pick(rng, _DISABILITY)
    return {
        "date_of_birth": None if declined else born,
        "date_of_birth_declined": declined,
        "sex": _pick(rng, _SEX),
        "ethnicity": _pick(rng, _ETHNICITY),
        "disability": disability,
        "disability_kinds": (
            rng.sample(DisabilityKind.values[:-1], rng.randint(1, 2))
            if disability == Disability.YES
            else []
        ),
        "religion": _pick(rng, _RELIGION),
        "sexual_orientation": _pick(rng, _ORIENTATION),
    }
