"""Notes for staff on an application:
anyone who may see the application adds one; the candidate never sees them on the service,
gets them in a copy of their data, and erasure blanks them."""

import io
import json
import zipfile

import pytest
from django.core.exceptions import ValidationError

from stepup.core.audit import history_for
from stepup.privacy.export import subject_access_export
from stepup.privacy.services import application_erase
from stepup.selection.models import ApplicationNote
from stepup.selection.services import ERASED_NOTE_TEXT, application_note_add

pytestmark = pytest.mark.django_db

NOTE = "Phoned about the missing transcript: she will upload it by Friday."


def test_staff_who_see_an_application_add_notes_which_the_history_records(sift_world):
    people = sift_world["people"]
    application = sift_world["eligible"]()
    note = application_note_add(actor=people["officer"], application=application, text=NOTE)
    assert note.author == people["officer"] and note.text == NOTE
    [entry] = history_for(application)
    assert entry.event == "application.note_added"
    assert NOTE not in entry.summary and NOTE not in json.dumps(entry.changes)


def test_a_note_needs_words_and_someone_who_may_see_the_application(sift_world):
    people = sift_world["people"]
    application = sift_world["eligible"]()
    with pytest.raises(ValidationError, match="Enter the note") as excinfo:
        application_note_add(actor=people["admin"], application=application, text="  ")
    assert excinfo.value.message_dict == {"text": ["Enter the note"]}
    with pytest.raises(
        ValidationError, match="The note must be 2,000 characters or fewer"
    ) as excinfo:
        application_note_add(actor=people["admin"], application=application, text="x" * 2001)
    assert "2,000 characters or fewer" in excinfo.value.message_dict["text"][0]
    for who in ("other_coordinator", "assessor"):
        with pytest.raises(ValidationError, match="cannot add a note"):
            application_note_add(actor=people[who], application=application, text=NOTE)
    assert not ApplicationNote.objects.exists()


def test_notes_are_added_and_read_on_the_application_page(sift_world, sign_in, client):
    people = sift_world["people"]
    application = sift_world["eligible"]()
    sign_in(people["coordinator"])
    url = f"/selection/applications/{application.reference}/notes/add/"
    refused = client.post(url, {"text": ""})
    assert refused.status_code == 200
    assert "Enter the note" in refused.content.decode()
    done = client.post(url, {"text": NOTE}, follow=True)
    page = done.content.decode()
    assert "Note added" in page
    assert NOTE in page and people["coordinator"].full_name in page
    assert done.redirect_chain[-1][0].endswith("#notes")


def test_the_candidate_never_sees_a_note_on_the_service(sift_world, sign_in, client):
    application = sift_world["eligible"]()
    application_note_add(actor=sift_world["people"]["admin"], application=application, text=NOTE)
    sign_in(application.candidate)
    for url in ("/", f"/applications/{application.reference}/your-answers/"):
        response = client.get(url, follow=True)
        assert NOTE not in response.content.decode(), url


def test_a_copy_of_their_data_has_the_notes_and_erasure_blanks_them(sift_world):
    people = sift_world["people"]
    application = sift_world["eligible"]()
    application_note_add(actor=people["admin"], application=application, text=NOTE)
    archive = zipfile.ZipFile(
        io.BytesIO(subject_access_export(person=application.candidate, actor=application.candidate))
    )
    data = json.loads(archive.read("data.json"))
    [notes] = [a["notes_by_staff"] for a in data["applications"]]
    assert [note["text"] for note in notes] == [NOTE]
    assert people["admin"].full_name not in json.dumps(notes)
    application_erase(application=application, actor=people["admin"], why="request")
    assert ApplicationNote.objects.get().text == ERASED_NOTE_TEXT
