"""The assessment centre's share of ``load_volume``: centre days of 24, invitations,
assignments, scores and results, written in bulk as the rest of the volume is.

Each partnership's candidates at the centre fill days in turn: those invited are booked on
days still open; those who came (or did not) on days held yesterday, half of them scored by
one assessor so far and half by both; those with a result on days confirmed last week,
scored by both assessors, with their result. The same arguments give the same rows.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from stepup.accounts.models import User
from stepup.applications.models import ApplicationStatus
from stepup.assessment.models import (
    AssessorKind,
    Assignment,
    Centre,
    CentreAssessor,
    CentreResult,
    CentreScore,
    CentreStatus,
    Invitation,
    Slot,
)
from stepup.programme.models import ExerciseStage, RuleVersion

PER_DAY = 24
BENCHMARK = 24
# Where each stage's candidates are booked, and the score both assessors give them.
DAY_OF_STAGE = {
    "invited": CentreStatus.OPEN,
    "did_not_attend": CentreStatus.HELD,
    "attended": CentreStatus.HELD,
    "met": CentreStatus.CONFIRMED,
    "not_met": CentreStatus.CONFIRMED,
}
STATUS_OF_STAGE = {
    "invited": ApplicationStatus.INVITED,
    "did_not_attend": ApplicationStatus.DID_NOT_ATTEND,
    "attended": ApplicationStatus.ATTENDED,
    "met": ApplicationStatus.MET_BENCHMARK,
    "not_met": ApplicationStatus.BENCHMARK_NOT_MET,
}
SCORE_OF_STAGE = {"attended": 3, "met": 3, "not_met": 2}
DAYS_FROM_TODAY = {CentreStatus.OPEN: 21, CentreStatus.HELD: -1, CentreStatus.CONFIRMED: -7}


@dataclass
class _Day:
    centre: Centre
    slot: Slot
    assessors: list[int]
    booked: int = 0


@dataclass
class CentreVolume:
    """The days being filled, by (cohort id, partnership id, status), and each framework's
    centre exercises with their criteria, by rules id."""

    assessors: dict[int, tuple]  # partnership id -> its two assessors (Users)
    days: dict[tuple, _Day] = field(default_factory=dict)
    matrix: dict[int, list[tuple[int, list[int]]]] = field(default_factory=dict)
    criteria_count: dict[int, int] = field(default_factory=dict)

    def exercises(self, rules: RuleVersion) -> list[tuple[int, list[int]]]:
        if rules.pk not in self.matrix:
            exercises = rules.exercises.filter(stage=ExerciseStage.ASSESSMENT_CENTRE)
            self.matrix[rules.pk] = [
                (e.pk, list(e.criteria.values_list("pk", flat=True)))
                for e in exercises.order_by("position", "pk")
            ]
            self.criteria_count[rules.pk] = len(
                {c for _, criteria in self.matrix[rules.pk] for c in criteria}
            )
        return self.matrix[rules.pk]

    def day_for(self, *, cohort_id: int, partnership_id: int, status: str) -> _Day:
        key = (cohort_id, partnership_id, status)
        day = self.days.get(key)
        if day is None or day.booked >= PER_DAY:
            day = self.days[key] = self._new_day(cohort_id, partnership_id, status)
        day.booked += 1
        return day

    def _new_day(self, cohort_id: int, partnership_id: int, status: str) -> _Day:
        day = timezone.localdate() + datetime.timedelta(days=DAYS_FROM_TODAY[status])
        centre = Centre.objects.create(
            cohort_id=cohort_id,
            partnership_id=partnership_id,
            day=day,
            venue=f"Volume hall {Centre.objects.count() + 1:04d}",
            address="1 Volume Street, Volume Town VO1 1UM",
            accessibility="Step-free entry and accessible toilets",
            booking_closes_at=timezone.make_aware(
                datetime.datetime.combine(day - datetime.timedelta(days=7), datetime.time(17))
            ),
            status=status,
            assignments_confirmed_at=None
            if status == CentreStatus.OPEN
            else timezone.now() - datetime.timedelta(days=30),
        )
        slot = Slot.objects.create(
            centre=centre, starts_at=datetime.time(9), ends_at=datetime.time(17), places=PER_DAY
        )
        assessors = []
        if status != CentreStatus.OPEN:
            # The partnership's own two assessors (who sign in) observe its first day of
            # each kind; later days have people of their own, as days do, so that nobody's
            # list of candidates to score holds hundreds.
            people = self.assessors[partnership_id]
            earlier = sum(1 for key in self.days if key[1:] == (partnership_id, status))
            if earlier:
                number = Centre.objects.count()
                people = User.objects.bulk_create(
                    User(
                        email=f"day{number:05d}.assessor{n}@volume.example",
                        full_name=f"Volume Day Assessor {number:05d}-{n}",
                        password="!",
                    )
                    for n in (1, 2)
                )
            for person in people:
                assessors.append(
                    CentreAssessor.objects.create(
                        centre=centre, person=person, kind=AssessorKind.AUTHORITY
                    ).pk
                )
        return _Day(centre, slot, assessors)


def centre_rows(volume: CentreVolume, *, plans: list[dict], rules: dict, insert, result) -> None:
    """The invitations, assignments, scores and results of the chunk's candidates at the
    centre. ``rules`` by cohort number; ``insert`` writes rows in bulk and gives their ids."""
    at_centre = [plan for plan in plans if plan["stage"] in DAY_OF_STAGE]
    invitations, scored = [], []
    for plan in at_centre:
        version = rules[plan["cohort"]]
        day = volume.day_for(
            cohort_id=version.cohort_id,
            partnership_id=plan["first_choice"],
            status=DAY_OF_STAGE[plan["stage"]],
        )
        invitations.append(
            {
                "application_id": plan["id"],
                "partnership_id": plan["first_choice"],
                "invited_at": plan["submitted_at"] + datetime.timedelta(days=10),
                "slot_id": day.slot.pk,
                "centre_id": day.centre.pk,
                "candidate_number": day.booked,
                "booked_at": plan["submitted_at"] + datetime.timedelta(days=11),
            }
        )
        if plan["stage"] in SCORE_OF_STAGE:
            scored.append((plan, day, version))
    invitation_ids = insert(Invitation, invitations)
    by_application = {
        row["application_id"]: pk for row, pk in zip(invitations, invitation_ids, strict=True)
    }
    assignments, plan_of_assignment = [], []
    for plan, day, version in scored:
        for exercise_id, criteria in volume.exercises(version):
            for assessor_id in day.assessors:
                assignments.append(
                    {
                        "assessor_id": assessor_id,
                        "exercise_id": exercise_id,
                        "invitation_id": by_application[plan["id"]],
                    }
                )
                plan_of_assignment.append((plan, criteria, assessor_id == day.assessors[0]))
    assignment_ids = insert(Assignment, assignments)
    scores = [
        {
            "assignment_id": assignment_id,
            "criterion_id": criterion_id,
            "score": SCORE_OF_STAGE[plan["stage"]],
            "evidence": "Shown clearly in the exercise.",
            "submitted_at": plan["submitted_at"] + datetime.timedelta(days=20),
        }
        for assignment_id, (plan, criteria, first) in zip(
            assignment_ids, plan_of_assignment, strict=True
        )
        # Half of those waiting for the wash-up have only the first assessor's scores in.
        if plan["stage"] != "attended" or first or plan["number"] % 2 == 0
        for criterion_id in criteria
    ]
    insert(CentreScore, scores)
    results = []
    for plan, _, version in scored:
        if plan["stage"] == "attended":
            continue
        score = SCORE_OF_STAGE[plan["stage"]]
        composite = Decimal(score * volume.criteria_count[version.pk])
        results.append(
            {
                "invitation_id": by_application[plan["id"]],
                "composite": composite,
                "lowest": Decimal(score),
                "met": plan["stage"] == "met",
                "reasons": []
                if plan["stage"] == "met"
                else [f"Your overall score of {composite} was below the {BENCHMARK} needed"],
                "decided_at": plan["submitted_at"] + datetime.timedelta(days=25),
            }
        )
    insert(CentreResult, results)
    result.made["centre invitations"] += len(invitation_ids)
    result.made["centre scores"] += len(scores)
    result.made["centre results"] += len(results)
