"""The furthest stage each application reached, as SQL for the database to aggregate.

One query gives every application of a cohort its furthest stage (``stages.STAGES`` index)
from its status changes, its offers and its trainee record, with the partnership it counts
under (its first choice). The funnel and the fairness figures group this in the database, so
no report loops over applications in Python (ADR 0019: 200,000 applications in a cohort).
"""

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from stepup.applications.models import Application
from stepup.core.models import StatusChange
from stepup.insights.stages import OFFER_ACCEPTED_STATUSES, RANK, STATUS_REACHED
from stepup.offers.models import Offer
from stepup.trainees.models import Trainee


@dataclass(frozen=True)
class ReachedSql:
    """``sql`` selects ``application_id``, ``partnership_id`` (0 for none) and ``stage``."""

    sql: str
    params: list


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _column(model, name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


def reached_sql(
    *, cohort_id: int, partnership_id: int | None = None, until: datetime.datetime | None = None
) -> ReachedSql:
    """Every application of the cohort (or of its partnership) with its furthest stage; with
    ``until``, only what happened before that moment counts: status changes, offers made
    and trainees enrolled (their record's ``consent_recorded_at``, set when it is created)."""
    application, change, offer, trainee = (
        _table(Application),
        _table(StatusChange),
        _table(Offer),
        _table(Trainee),
    )
    a_id, a_cohort, a_choice = (
        _column(Application, "id"),
        _column(Application, "cohort"),
        _column(Application, "first_choice"),
    )
    c_type, c_record, c_target = (
        _column(StatusChange, "record_type"),
        _column(StatusChange, "record_id"),
        _column(StatusChange, "target"),
    )
    o_id, o_application, o_made = (
        _column(Offer, "id"),
        _column(Offer, "application"),
        _column(Offer, "made_at"),
    )
    t_offer, t_at = _column(Trainee, "offer"), _column(Trainee, "consent_recorded_at")
    c_at = _column(StatusChange, "at")
    before = (lambda alias, column: f"AND {alias}.{column} < %s") if until else (lambda *_: "")
    types = ContentType.objects.get_for_models(Application, Offer)
    statuses = list(STATUS_REACHED)
    cases = " ".join("WHEN %s THEN %s" for _ in statuses)
    in_list = ", ".join(["%s"] * len(statuses))
    accepted = ", ".join(["%s"] * len(OFFER_ACCEPTED_STATUSES))
    # Identifiers from the models only: every value is a parameter.
    sql = f"""
        SELECT a.{a_id} AS application_id, COALESCE(a.{a_choice}, 0) AS partnership_id,
               MAX(r.stage) AS stage
        FROM {application} a
        JOIN (
            SELECT c.{c_record} AS application_id, CASE c.{c_target} {cases} END AS stage
            FROM {change} c
            WHERE c.{c_type} = %s AND c.{c_target} IN ({in_list}) {before("c", c_at)}
            UNION ALL
            SELECT o.{o_application}, %s FROM {offer} o
            WHERE o.{o_made} IS NOT NULL {before("o", o_made)}
            UNION ALL
            SELECT o.{o_application}, %s
            FROM {offer} o JOIN {change} c ON c.{c_type} = %s AND c.{c_record} = o.{o_id}
            WHERE c.{c_target} IN ({accepted}) {before("c", c_at)}
            UNION ALL
            SELECT o.{o_application}, %s FROM {trainee} t JOIN {offer} o ON o.{o_id} = t.{t_offer}
            WHERE 1 = 1 {before("t", t_at)}
        ) r ON r.application_id = a.{a_id}
        WHERE a.{a_cohort} = %s {f"AND a.{a_choice} = %s" if partnership_id else ""}
        GROUP BY a.{a_id}, a.{a_choice}
    """  # noqa: S608
    params: list = []
    for status in statuses:
        params += [status, STATUS_REACHED[status]]
    cut = [until] if until else []
    params += [types[Application].pk, *statuses, *cut]
    params += [RANK["offered"], *cut]
    params += [RANK["accepted"], types[Offer].pk, *OFFER_ACCEPTED_STATUSES, *cut]
    params += [RANK["started"], *cut, cohort_id]
    if partnership_id:
        params.append(partnership_id)
    return ReachedSql(" ".join(sql.split()), params)


def rows(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
