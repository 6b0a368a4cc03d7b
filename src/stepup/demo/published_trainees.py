"""Cohort 1's trainees as the evaluation published them: the two lead
universities' assessment schedules (seed 001 Tables 6.3 and 6.4), and fictitious trainees
whose outcomes reproduce two rows of Table 8.1. Recorded as published, by the system."""

import datetime

from django.contrib.contenttypes.models import ContentType

from stepup.accounts.models import Organisation, User
from stepup.applications.models import Application, ApplicationStatus
from stepup.core.models import AuditEntry
from stepup.offers.models import Offer, OfferStatus, Place, Route
from stepup.partnerships.models import Partnership
from stepup.programme.models import Cohort
from stepup.trainees.models import (
    Assessment,
    Module,
    Outcome,
    Trainee,
    TraineeStatus,
)

D = datetime.date
T63 = "Seed 001, Table 6.3"
T64 = "Seed 001, Table 6.4"
T81 = "Seed 001, Table 8.1"
EMAIL_DOMAIN = "published.invalid"

# (module, level, credits, [(assessment, kind, words, hand in, hand back, pass or fail)])
SALFORD = (
    (
        "Evidencing personal and professional practice",
        "M level",
        30,
        [
            # The hand-in date as published ("Fitness to practice assessment 22 October 2012").
            (
                "Portfolio: critical reflection on professional development",
                "portfolio",
                None,
                D(2012, 10, 22),
                None,
                True,
            ),
            (
                "Reflection on personal and professional development",
                "essay",
                4000,
                D(2011, 2, 28),
                None,
                False,
            ),
        ],
    ),
    (
        "Independent learning studies (with a 40-day assessed placement)",
        "M level",
        30,
        [
            (
                "Portfolio of practice-based evidence and open-book law examination",
                "exam",
                None,
                D(2011, 2, 28),
                None,
                True,
            ),
            (
                "Critical, analytical and reflective commentary on the professional context",
                "essay",
                4000,
                D(2011, 2, 28),
                None,
                False,
            ),
        ],
    ),
    (
        "Work-based project (with a 60-day assessed placement)",
        "M level",
        30,
        [
            ("Portfolio of practice-based evidence", "portfolio", None, D(2011, 8, 22), None, True),
            ("Written project", "project", 4000, D(2011, 8, 22), None, False),
        ],
    ),
    (
        "Research, knowledge and theory for social work",
        "M level",
        30,
        [
            ("Presentation (15 minutes)", "presentation", None, D(2011, 8, 22), None, False),
            ("First assignment", "essay", 3000, D(2011, 8, 22), None, False),
            ("Second assignment", "essay", 3000, D(2011, 8, 22), None, False),
        ],
    ),
    (
        "Professional practice",
        "M level",
        30,
        [("Journal project", "project", 6000, D(2012, 3, 26), None, False)],
    ),
    (
        "Practice education (with a 100-day assessed placement)",
        "M level",
        30,
        [
            ("Portfolio of practice-based evidence", "portfolio", None, D(2012, 3, 26), None, True),
            ("Reflective commentary", "essay", 2500, D(2012, 3, 26), None, False),
            ("Assignment", "essay", 2500, D(2012, 3, 26), None, False),
        ],
    ),
)
MMU = tuple(
    (name, "Not published", credits, [("Assignment", "essay", words, hand_in, back, False)])
    for name, credits, words, hand_in, back in (
        ("Preparation for placement", 10, 2500, D(2010, 10, 11), D(2010, 11, 8)),
        ("Communication and engagement", 10, 2500, D(2010, 11, 15), D(2010, 12, 23)),
        (
            "Critical perspectives on processes of social work: assessment, planning, "
            "intervention and review",
            10,
            2500,
            D(2011, 1, 4),
            D(2011, 2, 18),
        ),
        ("Human growth and development", 10, 2500, D(2011, 2, 7), D(2011, 3, 18)),
        ("Law in social work practice", 20, 5000, D(2011, 4, 18), D(2011, 5, 27)),
        ("Social work research methods", 20, 5000, D(2011, 6, 24), D(2011, 8, 5)),
        ("Addictions", 10, 2500, D(2011, 7, 15), D(2011, 8, 26)),
        ("Social work and mental health", 10, 2500, D(2011, 7, 29), D(2011, 9, 9)),
    )
)
SCHEDULES = (
    ("University of Salford", SALFORD, T63),
    ("Manchester Metropolitan University", MMU, T64),
)

# Table 8.1's rows: registered, then how many withdrew and how many had each classification
# (10 registered: 10 % withdrawn, 10 % pass, 60 % merit, 20 % distinction; 16: 6 %, 56 %,
# 25 %, 13 %).
OUTCOMES = (
    ("WM", "Manchester Metropolitan University", 10, {"pass": 1, "merit": 6, "distinction": 2}),
    ("GM", "University of Salford", 16, {"pass": 9, "merit": 4, "distinction": 2}),
)


def _published(record, summary: str, source: str) -> None:
    AuditEntry.objects.create(
        record_type=ContentType.objects.get_for_model(record),
        record_id=str(record.pk),
        record_label=str(record)[:300],
        actor=None,
        actor_label="System",
        action=AuditEntry.Action.CREATED,
        summary=summary,
        reason=f"Recorded as published: {source}",
        event="demo.recorded_as_published",
    )


def published_trainees_load(*, created) -> None:
    cohort = Cohort.objects.filter(number=1).first()
    if cohort is None:
        return
    for university_name, modules, source in SCHEDULES:
        university = Organisation.objects.get(name=university_name)
        for position, (name, level, credits, assessments) in enumerate(modules):
            module, made = Module.objects.get_or_create(
                university=university,
                cohort=cohort,
                name=name,
                defaults={"level": level, "credits": credits, "position": position},
            )
            if not made:
                continue
            for title, kind, words, hand_in, back, pass_fail in assessments:
                Assessment.objects.create(
                    module=module,
                    name=title,
                    kind=kind,
                    words=words,
                    hand_in_on=hand_in,
                    hand_back_on=back,
                    pass_fail=pass_fail,
                )
            _published(module, f"Module and its assessments: {name}", source)
            created["published modules"] += 1
    for code, university_name, registered, classes in OUTCOMES:
        partnership = Partnership.objects.get(cohort=cohort, code=code)
        if Trainee.objects.filter(offer__partnership=partnership).exists():
            continue
        _trainees(partnership, Organisation.objects.get(name=university_name), registered, classes)
        _published(partnership, f"{registered} trainees and their outcomes", T81)
        created["published trainees"] += registered


def _trainees(partnership, university, registered: int, classes: dict) -> None:
    cohort, lead = partnership.cohort, partnership.lead_authority
    outcomes = [c for c, n in classes.items() for _ in range(n)]
    withdrawn = registered - len(outcomes)
    for number in range(1, registered + 1):
        person = User.objects.create_user(
            email=f"trainee.{partnership.code.lower()}.{number:02d}@{EMAIL_DOMAIN}",
            password=None,
            full_name=f"{partnership.name} trainee {number}",
        )
        application = Application.objects.create(
            cohort=cohort,
            candidate=person,
            reference=f"SU1-{partnership.code}{number:03d}",
            status=ApplicationStatus.MET_BENCHMARK,
            full_name=person.full_name,
            first_choice=partnership,
        )
        offer = Offer.objects.create(
            application=application,
            partnership=partnership,
            host=lead,
            route=Route.ALLOCATION,
            status=OfferStatus.UNCONDITIONAL,
            place=Place.objects.create(partnership=partnership, authority=lead, number=number),
        )
        left = number <= withdrawn
        trainee = Trainee.objects.create(
            offer=offer,
            university=university,
            host=lead,
            enrolled_on=cohort.start_date,
            consent_to_link=True,
            status=TraineeStatus.WITHDRAWN if left else TraineeStatus.COMPLETED,
        )
        if not left:
            Outcome.objects.create(
                trainee=trainee,
                classification=outcomes[number - withdrawn - 1],
            )
