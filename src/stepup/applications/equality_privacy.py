"""The equality answers as erasure and the subject access export (``stepup.privacy``) need
them, and nothing more: the rest of the service reaches them only through the questionnaire
and the analyst's report (``equality``)."""

from stepup.applications.models import Application, EqualityMonitoring

EQUALITY_FREE_TEXT = ("ethnicity_description", "disability_description", "religion_description")


def equality_free_text_erase(*, application: Application) -> None:
    """Blank what the candidate typed; the categories the report counts stay (ADR 0013)."""
    EqualityMonitoring.objects.filter(application=application).update(
        **dict.fromkeys(EQUALITY_FREE_TEXT, "")
    )


def equality_answers_export(*, application: Application) -> dict | None:
    """The candidate's own answers, for their subject access export only."""
    return (
        EqualityMonitoring.objects.filter(application=application)
        .values(*(f.name for f in EqualityMonitoring._meta.fields if f.name not in {"id"}))
        .first()
    )
