"""The subject access export: a person's own data and documents, nobody else's."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from stepup.applications.models import Document, DocumentKind, EqualityMonitoring
from stepup.core.models import AuditEntry
from stepup.privacy.export import subject_access_export
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def _with_document(application, content: bytes, name: str):
    Document.objects.create(
        application=application,
        kind=DocumentKind.values[0],
        file=SimpleUploadedFile(name, content),
        original_name=name,
        content_type="application/pdf",
        size_bytes=len(content),
    )


def test_the_export_holds_their_data_and_documents_and_nobody_elses():
    mine = ApplicationFactory(answer_q1="My own words about youth work")
    theirs = ApplicationFactory(answer_q1="Somebody else's words")
    EqualityMonitoring.objects.create(application=mine, sex="female")
    _with_document(mine, b"%PDF mine", "my-degree.pdf")
    _with_document(theirs, b"%PDF theirs", "their-degree.pdf")
    archive = zipfile.ZipFile(
        io.BytesIO(subject_access_export(person=mine.candidate, actor=mine.candidate))
    )
    data = json.loads(archive.read("data.json"))
    assert data["account"]["email"] == mine.candidate.email
    [application] = data["applications"]
    assert application["reference"] == mine.reference
    assert application["details"]["answer_q1"] == "My own words about youth work"
    assert application["equality_answers"]["sex"] == "female"
    everything = archive.read("data.json").decode() + " ".join(archive.namelist())
    assert theirs.reference not in everything and "Somebody else" not in everything
    assert theirs.candidate.email not in everything
    documents = [n for n in archive.namelist() if n.startswith("documents/")]
    assert len(documents) == 1 and archive.read(documents[0]) == b"%PDF mine"
    entry = AuditEntry.objects.get(event="privacy.subject_access_export")
    assert entry.record_label == f"Candidate (account {mine.candidate.pk})"


def test_a_candidate_downloads_their_own_data_from_their_home_page(client):
    mine = ApplicationFactory()
    other = ApplicationFactory()
    client.force_login(mine.candidate)
    home = client.get("/applications/")
    assert b'href="/my-data/"' in home.content
    response = client.get("/my-data/")
    assert response["Content-Type"] == "application/zip"
    data = zipfile.ZipFile(io.BytesIO(response.content)).read("data.json").decode()
    assert mine.reference in data and other.reference not in data
