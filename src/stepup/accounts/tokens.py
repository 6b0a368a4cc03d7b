"""Secrets for emailed links. The database keeps only a SHA-256 digest, so that someone who
reads it (a backup, a support screen) cannot use a link. A digest without a salt is enough:
the secret is 256 random bits, not a password anyone could guess."""

import hashlib
import secrets


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """The secret to put in the link, and the digest to store."""
    token = secrets.token_urlsafe(32)
    return token, token_digest(token)
