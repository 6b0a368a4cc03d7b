"""Changes a candidate makes: their application, its sections and evidence, submitting and
withdrawing.

Forms only parse what was typed; every rule is checked here, before anything is written,
and each change is one transaction with one audit entry on the application. Errors are
``ValidationError``s keyed by the field a candidate would correct. One module a part;
callers import from the package, as ``from stepup.applications import services``.
"""

from stepup.applications.services.common import (
    ALLOWED_UPLOADS,
    GCSE_GRADES,
    NOT_ALLOWED_TYPE,
    NOT_CHANGEABLE,
    REFERENCE_ALPHABET,
)
from stepup.applications.services.evidence import (
    document_errors,
    document_remove,
    document_upload,
    experience_add,
    experience_remove,
    experience_update,
    experience_values,
)
from stepup.applications.services.sections import (
    application_section_mark,
    application_section_save,
    section_values,
)
from stepup.applications.services.start import (
    already_applied_message,
    application_start,
    new_reference,
)
from stepup.applications.services.submission import (
    application_submission_record,
    application_withdraw,
    can_withdraw,
    submission_problems,
    window_closed_message,
    window_is_open,
)

__all__ = [
    "ALLOWED_UPLOADS",
    "GCSE_GRADES",
    "NOT_ALLOWED_TYPE",
    "NOT_CHANGEABLE",
    "REFERENCE_ALPHABET",
    "already_applied_message",
    "application_section_mark",
    "application_section_save",
    "application_start",
    "application_submission_record",
    "application_withdraw",
    "can_withdraw",
    "document_errors",
    "document_remove",
    "document_upload",
    "experience_add",
    "experience_remove",
    "experience_update",
    "experience_values",
    "new_reference",
    "section_values",
    "submission_problems",
    "window_closed_message",
    "window_is_open",
]
