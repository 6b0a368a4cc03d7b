"""Checking an uploaded file, the same way for every upload: its size, then its type.

The content decides the type, never the name or what the browser claims: a renamed image is
not a PDF. Each caller says which types it takes and how to name a missing file.
"""

import filetype
from django.shortcuts import render

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
EMPTY_FILE = "The selected file is empty"
TOO_BIG = "The selected file must be smaller than 10MB"


def file_head(file, size: int = 2048) -> bytes:
    """The first bytes of the file, leaving it ready to be read again from the start."""
    if hasattr(file, "seek"):
        file.seek(0)
    head = file.read(size)
    if hasattr(file, "seek"):
        file.seek(0)
    return head or b""


def content_type(file) -> str | None:
    """The file's type as its content shows it, like ``application/pdf``; None if unknown."""
    guessed = filetype.guess(file_head(file))
    return guessed.mime if guessed is not None else None


# The extension each accepted type is served with, whatever the file was called.
EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


def download_name(original: str, mime: str) -> str:
    """The name to download a file as: its own stem, the extension of what it really is, so
    a PDF uploaded as ``x.html`` comes back as ``x.pdf`` and no browser runs it as a page."""
    stem = (original or "document").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    return (stem.strip() or "document") + EXTENSIONS.get(mime, ".bin")


def upload_problem(*, file, allowed: frozenset[str], missing: str, wrong_type: str) -> str | None:
    """What is wrong with the file, as the message to show; None when nothing is."""
    if file is None:
        return missing
    if not file.size:
        return EMPTY_FILE
    if file.size > MAX_UPLOAD_BYTES:
        return TOO_BIG
    if content_type(file) not in allowed:
        return wrong_type
    return None


# A form's other fields and the multipart framing, beside the largest file it may carry.
UPLOAD_REQUEST_MAX_BYTES = MAX_UPLOAD_BYTES + 1024 * 1024


class UploadSizeMiddleware:
    """A form sent with a file too big to take is answered before its body is read.

    Django would otherwise read it all (60MB was seen) to find the file, then refuse it. The
    length the browser declares is enough to know; nothing is saved, so the page says so
    and links back to the form. Placed before anything that reads the form, CSRF included:
    the answer changes nothing, so it needs no token. The proxy's own limit sits just above
    this one (README, "Deploying")."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type == "multipart/form-data":
            try:
                declared = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                declared = 0
            if declared > UPLOAD_REQUEST_MAX_BYTES:
                return render(
                    request,
                    "core/upload_too_large.html",
                    {"back": request.get_full_path()},
                    status=413,
                )
        return self.get_response(request)
