"""The funding pages: each partnership's statement, with its downloads, and the forms that
change its money. Who may do what is the services' to say; these pages only ask."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from stepup.accounts.roles import Role
from stepup.core.access import access, roles
from stepup.core.decision_form import ApproveOrRefuseForm
from stepup.core.exports import csv_writer
from stepup.core.form_flow import form_round_trip, posted
from stepup.core.reads import download_record
from stepup.funding import forms, queries, services
from stepup.funding.models import EntryKind, Instalment, LedgerEntry, Repayment
from stepup.funding.xlsx import statement_rows, statement_xlsx
from stepup.partnerships.models import PartnershipAuthority
from stepup.partnerships.queries import partnerships_changeable_by, partnerships_visible_to

# Statements name trainees (bursaries, repayments), so not the national analyst, who sees
# equality figures (ADR 0022); the analyst sees the money by partnership under Insights.
READERS = roles(Role.NATIONAL_ADMIN, Role.COORDINATOR, Role.AUTHORITY_OFFICER)
ADMIN = roles(Role.NATIONAL_ADMIN)
LEAD = roles(Role.NATIONAL_ADMIN, Role.COORDINATOR)


def _partnership(request, pk: int):
    return get_object_or_404(
        partnerships_visible_to(request.user).select_related("cohort", "lead_authority"), pk=pk
    )


def _led(request, pk: int):
    """A partnership whose ledger the person keeps: its coordinator (or a national admin)."""
    return get_object_or_404(
        partnerships_changeable_by(request.user).select_related("cohort", "lead_authority"),
        pk=pk,
    )


def _submit(request, form, action, *, success, done, fields=None, **page):
    return form_round_trip(
        request,
        form,
        action,
        success=success,
        done=done,
        fields=fields,
        back_text="Back to the statement",
        **page,
    )


def _statement_url(pk: int) -> str:
    return reverse("funding:statement", kwargs={"pk": pk})


@access(READERS)
def home(request):
    partnerships = list(
        partnerships_visible_to(request.user)
        .filter(status="approved")
        .select_related("cohort")
        .order_by("-cohort__number", "name")
    )
    return render(request, "funding/home.html", {"partnerships": partnerships})


@access(READERS)
def statement(request, pk: int):
    partnership = _partnership(request, pk)
    only = queries.authority_lines_only(request.user, partnership)
    found = queries.statement_of(partnership, authority_ids=only)
    return render(
        request,
        "funding/statement.html",
        {
            "partnership": partnership,
            "statement": found,
            "reversed": {e.reverses_id for e in found.entries if e.reverses_id},
            "kind_labels": dict(EntryKind.choices),
            "own_lines_only": only is not None,
            "may_lead": only is None
            and partnerships_changeable_by(request.user).filter(pk=partnership.pk).exists(),
            "is_admin": request.user.has_role(Role.NATIONAL_ADMIN),
            "is_coordinator": request.user.has_role(Role.COORDINATOR),
        },
    )


def _download(request, pk: int, kind: str):
    partnership = _partnership(request, pk)
    only = queries.authority_lines_only(request.user, partnership)
    download_record(
        actor=request.user,
        record=partnership,
        event="download.statement",
        summary=f"Downloaded the funding statement ({kind.upper()})",
        filename=_statement_name(partnership, kind),
    )
    return partnership, queries.statement_of(partnership, authority_ids=only)


def _statement_name(partnership, kind: str) -> str:
    return f"funding-{partnership.cohort.number}-{partnership.code}.{kind}"


@access(READERS)
def statement_csv(request, pk: int):
    partnership, found = _download(request, pk, "csv")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{_statement_name(partnership, "csv")}"'
    )
    writer = csv_writer(response)
    for row in statement_rows(found):
        writer.writerow(row)
    return response


@access(READERS)
def statement_download_xlsx(request, pk: int):
    partnership, found = _download(request, pk, "xlsx")
    response = HttpResponse(
        statement_xlsx(found),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{_statement_name(partnership, "xlsx")}"'
    )
    return response


# Instalments.


@access(ADMIN)
def instalment_add(request, pk: int):
    partnership = _partnership(request, pk)
    form = forms.InstalmentForm(*posted(request))
    return _submit(
        request,
        form,
        lambda: services.instalment_add(
            actor=request.user, partnership=partnership, **form.cleaned_data
        ),
        success="Instalment scheduled",
        done=_statement_url(pk),
        title="Schedule an instalment",
        caption=partnership.name,
        button="Schedule the instalment",
        intro="The lead authority submits the evidence; you accept it and release the money.",
    )


def _instalment(request, instalment_pk: int) -> Instalment:
    instalment = get_object_or_404(
        Instalment.objects.select_related("partnership__cohort"), pk=instalment_pk
    )
    _partnership(request, instalment.partnership_id)
    return instalment


@access(LEAD)
def instalment_evidence(request, instalment_pk: int):
    instalment = _instalment(request, instalment_pk)
    form = forms.EvidenceForm(*posted(request))
    return _submit(
        request,
        form,
        lambda: services.instalment_submit(
            actor=request.user, instalment=instalment, evidence=form.cleaned_data["evidence"]
        ),
        success="Evidence submitted: the national team will check it",
        done=_statement_url(instalment.partnership_id),
        title=f"Evidence for instalment {instalment.number}",
        caption=instalment.partnership.name,
        button="Submit the evidence",
        intro=f"It needs: {instalment.evidence_needed}",
    )


@access(ADMIN)
def instalment_decide(request, instalment_pk: int):
    instalment = _instalment(request, instalment_pk)
    form = ApproveOrRefuseForm(
        *posted(request),
        question="Does the evidence show the milestone is met?",
        approve="Yes, accept it",
        refuse="No, send it back",
        subject="the evidence",
        told="The lead authority is shown it.",
    )

    def decide():
        if form.approved:
            services.instalment_accept(actor=request.user, instalment=instalment)
        else:
            services.instalment_return(
                actor=request.user, instalment=instalment, reason=form.cleaned_data["reason"]
            )

    return _submit(
        request,
        form,
        decide,
        success="Decision saved",
        done=_statement_url(instalment.partnership_id),
        title=f"Instalment {instalment.number}: the evidence",
        caption=instalment.partnership.name,
        button="Save decision",
        intro=f"Needed: {instalment.evidence_needed}. Submitted: {instalment.evidence}",
    )


@access(ADMIN)
def instalment_release(request, instalment_pk: int):
    instalment = _instalment(request, instalment_pk)
    form = forms.ReleaseForm(
        *posted(request),
        initial={"amount_pence": instalment.amount_pence, "paid_on": timezone.localdate()},
    )
    return _submit(
        request,
        form,
        lambda: services.instalment_release(
            actor=request.user, instalment=instalment, **form.cleaned_data
        ),
        success="Instalment released and received in the lead authority's ledger",
        done=_statement_url(instalment.partnership_id),
        title=f"Release instalment {instalment.number}",
        caption=instalment.partnership.name,
        button="Release",
    )


# The ledger.


@access(LEAD)
def payment(request, pk: int):
    partnership = _led(request, pk)
    authorities = [
        m.authority
        for m in PartnershipAuthority.objects.filter(partnership=partnership).select_related(
            "authority"
        )
    ]
    form = forms.PaymentForm(
        *posted(request),
        authorities=authorities,
        trainees=queries.trainees_of(partnership),
        initial={"paid_on": timezone.localdate()},
    )
    trainees = {t.pk: t for t in queries.trainees_of(partnership)}
    return _submit(
        request,
        form,
        lambda: services.entry_post(
            actor=request.user,
            partnership=partnership,
            kind=form.cleaned_data["kind"],
            amount_pence=form.cleaned_data["amount_pence"],
            paid_on=form.cleaned_data["paid_on"],
            authority_id=form.cleaned_data["authority"],
            description=form.cleaned_data["description"],
            trainee=trainees.get(form.cleaned_data["trainee"]),
        ),
        fields={"authority_id": "authority"},
        success="Payment posted",
        done=_statement_url(pk),
        title="Record a payment",
        caption=partnership.name,
        button="Post the payment",
    )


@access(LEAD)
def bursaries(request, pk: int):
    partnership = _led(request, pk)
    form = forms.BursaryForm(*posted(request), initial={"paid_on": timezone.localdate()})
    return _submit(
        request,
        form,
        lambda: services.bursary_month_post(
            actor=request.user, partnership=partnership, **form.cleaned_data
        ),
        success="A month's bursary posted for each trainee",
        done=_statement_url(pk),
        title="Pay a month's bursaries",
        caption=partnership.name,
        button="Post the bursaries",
        intro="Each trainee not yet paid for the month is paid their monthly bursary.",
    )


@access(LEAD)
def entry_reverse(request, entry_pk: int):
    entry = get_object_or_404(LedgerEntry.objects.select_related("partnership"), pk=entry_pk)
    _led(request, entry.partnership_id)
    form = forms.ReverseForm(*posted(request))
    return _submit(
        request,
        form,
        lambda: services.entry_reverse(
            actor=request.user, entry=entry, reason=form.cleaned_data["reason"]
        ),
        success="Entry reversed",
        done=_statement_url(entry.partnership_id),
        title="Reverse an entry",
        caption=entry.description,
        button="Reverse the entry",
        intro="A posted entry never changes: its opposite is posted, with your reason.",
    )


# Withdrawals and repayments.


@access(LEAD)
def withdrawal(request, pk: int):
    partnership = _led(request, pk)
    trainees = queries.trainees_of(partnership)
    by_pk = {t.pk: t for t in trainees}
    form = forms.WithdrawalForm(
        *posted(request), trainees=trainees, initial={"withdrawn_on": timezone.localdate()}
    )
    return _submit(
        request,
        form,
        lambda: services.withdrawal_record(
            actor=request.user,
            trainee=by_pk[form.cleaned_data["trainee"]],
            withdrawn_on=form.cleaned_data["withdrawn_on"],
            reason=form.cleaned_data["reason"],
            tie_in=form.cleaned_data["tie_in"],
        ),
        success="Withdrawal recorded, with what they repay",
        done=_statement_url(pk),
        title="Record a trainee leaving",
        caption=partnership.name,
        button="Record it",
        intro="What they repay follows the partnership's agreement terms.",
    )


@access(LEAD)
def repayment(request, repayment_pk: int):
    found = get_object_or_404(
        Repayment.objects.select_related("partnership", "trainee__application"), pk=repayment_pk
    )
    _led(request, found.partnership_id)
    writing_off = request.GET.get("write_off") == "1" or "reason" in request.POST
    if writing_off:
        form = forms.WriteOffForm(*posted(request))
        action = lambda: services.repayment_write_off(  # noqa: E731
            actor=request.user, repayment=found, reason=form.cleaned_data["reason"]
        )
    else:
        form = forms.SettleForm(*posted(request), initial={"paid_on": timezone.localdate()})
        action = lambda: services.repayment_settle(  # noqa: E731
            actor=request.user, repayment=found, paid_on=form.cleaned_data["paid_on"]
        )
    if found.status != "due" and request.method != "POST":
        raise Http404("This repayment is closed")
    return _submit(
        request,
        form,
        action,
        success="Repayment recorded",
        done=_statement_url(found.partnership_id),
        title="Write off the repayment" if writing_off else "Record the repayment",
        caption=f"{found.trainee.application.full_name}: {found.working}",
        button="Write it off" if writing_off else "Record as repaid",
    )
