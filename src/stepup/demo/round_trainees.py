"""The demonstration round's first trainee (ADR 0018): the first-wave candidate whose offer is
unconditional is enrolled with Goldsmiths at an induction day three days ago, with the
dyslexia the evaluation found went unnoticed for four months recorded at once, and the
adjustments agreed; the programme of study's first module is in place, and her induction
reflection has passed; the first placement
is planned, so the plan shows what is still missing; and it is already at risk, which raised
an early warning for the trainee's tutor and coordinator."""

import datetime

from stepup.accounts.models import User
from stepup.demo import data
from stepup.offers.models import Offer, OfferStatus
from stepup.partnerships.models import PartnershipAuthority
from stepup.trainees import services as trainees
from stepup.trainees.models import Trainee


def trainees_load(*, partnership, clock) -> None:
    offer = Offer.objects.filter(partnership=partnership, status=OfferStatus.UNCONDITIONAL).first()
    if offer is None or Trainee.objects.filter(offer=offer).exists():
        return
    tutor = User.objects.get(email=f"university.tutor@{data.EMAIL_DOMAIN}")
    coordinator = partnership.coordinator
    cohort, today = partnership.cohort, clock.today
    start = cohort.start_date
    with clock.at(3, 10):
        trainee = trainees.trainee_enrol(
            actor=tutor,
            offer=offer,
            enrolled_on=today - datetime.timedelta(days=3),
            consent_to_link=True,
            student_number="GS6-00041",
        )
        Trainee.objects.filter(pk=trainee.pk).update(academic_tutor=tutor)
        trainee.refresh_from_db()
        trainees.learning_need_record(
            actor=tutor,
            trainee=trainee,
            need="Dyslexia, assessed at school; reading long documents takes longer",
            adjustments="25% extra time in written assessments; reading lists a month ahead; "
            "assistive software on the laptop",
        )
        module = trainees.module_add(
            actor=tutor,
            university=trainee.university,
            cohort=cohort,
            name="Preparation for placement",
            credits=10,
            level="M level",
        )
        induction = trainees.assessment_add(
            actor=tutor,
            module=module,
            name="Induction: reflection on the pre-course reading",
            kind="essay",
            words=1000,
            hand_in_on=today - datetime.timedelta(days=2),
            pass_fail=True,
        )
        trainees.assessment_add(
            actor=tutor,
            module=module,
            name="Assignment",
            kind="essay",
            words=2500,
            hand_in_on=start + datetime.timedelta(days=40),
            hand_back_on=start + datetime.timedelta(days=68),
            pass_fail=False,
        )
    croydon = PartnershipAuthority.objects.get(
        partnership=partnership, authority__name="London Borough of Croydon"
    ).authority
    with clock.at(2, 14):
        placement = trainees.placement_add(
            actor=coordinator,
            trainee=trainee,
            setting="Children's services, assessment team",
            authority=croydon,
            team="Assessment team 2",
            group="child_protection",
            statutory=True,
            starts_on=start + datetime.timedelta(days=56),
            ends_on=start + datetime.timedelta(days=56 + 97),
            days=70,
            practice_educator="Ruth Example (practice educator)",
            onsite_supervisor="",
            placement_tutor="Helen Achebe",
        )
    with clock.at(1, 11):
        trainees.result_record(actor=tutor, trainee=trainee, assessment=induction, passed=True)
    with clock.at(1, 16):
        trainees.placement_flag(
            actor=coordinator,
            placement=placement,
            reason="The practice educator is leaving Croydon in the spring; a replacement is "
            "not yet found",
        )
