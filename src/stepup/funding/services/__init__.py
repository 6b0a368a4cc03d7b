"""Changing a partnership's money: the instalment schedule, evidence and release; postings
to the lead authority's ledger and their reversal; a withdrawal's repayment. Amounts are
integer pence; every refusal says how to put it right (docs/adr/0017-grant-funding.md)."""

from stepup.funding.services.instalments import (
    instalment_accept,
    instalment_add,
    instalment_release,
    instalment_return,
    instalment_submit,
)
from stepup.funding.services.ledger import (
    bursary_month_post,
    entry_post,
    entry_reverse,
    monthly_bursary,
)
from stepup.funding.services.repayments import (
    repayment_due,
    repayment_settle,
    repayment_write_off,
    tie_in_due,
    withdrawal_record,
)

__all__ = [
    "bursary_month_post",
    "entry_post",
    "entry_reverse",
    "instalment_accept",
    "instalment_add",
    "instalment_release",
    "instalment_return",
    "instalment_submit",
    "monthly_bursary",
    "repayment_due",
    "repayment_settle",
    "repayment_write_off",
    "tie_in_due",
    "withdrawal_record",
]
