"""New audit entries hold references, not candidates' names or words."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from stepup.accounts.roles import Role
from stepup.applications import services
from stepup.applications.models import Experience
from stepup.core.audit import audit_record
from stepup.core.models import AuditEntry
from tests.factories import ApplicationFactory, person_with_role

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
ROLE = {
    "kind": "voluntary",
    "role": "Befriender for Zanzibar Quigley",
    "organisation": "Quigley Family Trust",
    "started_on": datetime.date(2020, 1, 6),
    "ended_on": datetime.date(2021, 1, 6),
    "hours_per_week": 6,
}


def _everything_written() -> str:
    return " ".join(
        f"{e.actor_label} {e.record_label} {e.summary} {e.changes} {e.values}"
        for e in AuditEntry.objects.all()
    )


def test_a_candidates_experience_and_documents_leave_no_words_in_the_audit_trail():
    draft = ApplicationFactory(candidate__full_name="Zanzibar Quigley")
    candidate = draft.candidate
    experience = services.experience_add(candidate=candidate, application=draft, data=ROLE)
    services.experience_update(
        candidate=candidate,
        experience=experience,
        data=ROLE | {"role": "Mentor to Zanzibar's cousin", "organisation": "Quigley Trust"},
    )
    services.experience_remove(candidate=candidate, experience=experience)
    document = services.document_upload(
        candidate=candidate,
        application=draft,
        kind="degree",
        file=SimpleUploadedFile("zanzibar-quigley-degree.pdf", PDF, "application/pdf"),
    )
    number = document.pk
    services.document_remove(candidate=candidate, document=document)
    written = _everything_written()
    for words in ("Zanzibar", "Quigley", "Befriender", "Mentor", "zanzibar-quigley"):
        assert words not in written
    assert f"Candidate (account {candidate.pk})" in written
    assert f"Removed document {number}" in written


def test_records_are_labelled_by_reference_and_staff_stay_named():
    draft = ApplicationFactory(candidate__full_name="Zanzibar Quigley")
    experience = Experience.objects.create(application=draft, **(ROLE | {"kind": "voluntary"}))
    admin = person_with_role(Role.NATIONAL_ADMIN, full_name="Ada Staff")
    entry = audit_record(actor=admin, record=experience, action="changed", summary="Checked")
    assert entry.record_label == f"Experience {experience.pk} of application {draft.reference}"
    assert entry.actor_label.startswith("Ada Staff (")
    entry = audit_record(actor=admin, record=draft.candidate, action="changed", summary="Seen")
    assert entry.record_label == f"Candidate (account {draft.candidate.pk})"
