"""People, the organisations they act for, and the roles they hold there."""

from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from stepup.accounts.lifecycle import (
    EmailLinkStatus,
    InvitationStatus,
    PersonStatus,
    RoleRequestStatus,
)
from stepup.accounts.roles import OrganisationKind, Role
from stepup.accounts.tokens import new_token


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("A person needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an email address. Never deleted: deactivated instead."""

    email = models.EmailField("Email address", unique=True)
    full_name = models.CharField("Full name", max_length=200)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        "Support staff", default=False, help_text="May use the Django admin site."
    )
    date_joined = models.DateTimeField(default=timezone.now)
    email_verified_at = models.DateTimeField(
        "Email address confirmed",
        null=True,
        blank=True,
        help_text="When the person showed they own the address: by an emailed link, or by "
        "accepting an invitation sent to it.",
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def role_set(self) -> frozenset[str]:
        """The roles this person holds in any organisation, cached for the request."""
        if not hasattr(self, "_role_set"):
            self._role_set = frozenset(self.memberships.values_list("role", flat=True))
        return self._role_set

    @property
    def is_email_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def is_staff_member(self) -> bool:
        """Holds a role somewhere or uses /support/: not a candidate's own account."""
        return self.is_staff or bool(self.role_set)

    @property
    def status(self) -> str:
        return PersonStatus.ACTIVE if self.is_active else PersonStatus.DEACTIVATED

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_set.intersection(roles))

    def organisation_ids_with_role(self, *roles: str) -> set[int]:
        return set(
            self.memberships.filter(role__in=roles).values_list("organisation_id", flat=True)
        )


# Words around a local authority's place name, so that "London Borough of Bromley" sorts and
# is found under B with "Bolton".
_PLACE_PREFIXES = (
    "London Borough of ",
    "Royal Borough of ",
    "Metropolitan Borough of ",
    "Borough of ",
    "City of ",
    "County of ",
)
_PLACE_SUFFIXES = (
    " Metropolitan Borough Council",
    " County Council",
    " City Council",
    " Borough Council",
    " Council",
    " CC",
)


class Organisation(models.Model):
    """A body that people act for: the national team, a contractor, an authority, a university."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="organisation_name_ci_unique")]

    def __str__(self) -> str:
        return self.name

    @property
    def place(self) -> str:
        """The place an authority is named for: "Bromley" for "London Borough of Bromley"."""
        name = self.name
        for prefix in _PLACE_PREFIXES:
            if name.startswith(prefix):
                name = name.removeprefix(prefix)
                break
        for suffix in _PLACE_SUFFIXES:
            if name.endswith(suffix):
                name = name.removesuffix(suffix)
                break
        return name or self.name

    @property
    def place_label(self) -> str:
        """Place first, so that a list sorts and is searched by it: "Bromley (London Borough
        of Bromley)"; just the name when that is the place."""
        return self.name if self.place == self.name else f"{self.place} ({self.name})"


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(max_length=30, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} at {self.organisation}"


def _invitation_token() -> str:
    """Named by migration 0001, from when invitations kept their secret in plain text."""
    return new_token()[0]


def _invitation_expiry():
    return timezone.now() + timedelta(days=7)


class Invitation(models.Model):
    """An emailed link that lets a new person set a password and join an organisation."""

    email = models.EmailField()
    full_name = models.CharField(max_length=200)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    role = models.CharField(max_length=30, choices=Role.choices)
    # Only a digest is stored: the link itself is in the email alone (see ``tokens``).
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=_invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    replaced_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When a newer invitation for the same email and organisation replaced it.",
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.email}"

    def save(self, *args, **kwargs):
        """A new invitation gets its secret; ``token`` holds it until the email is written."""
        if not self.token_hash:
            self.token, self.token_hash = new_token()
        super().save(*args, **kwargs)

    @property
    def status(self) -> str:
        """One of InvitationStatus; "expired" is worked out from the clock, never stored."""
        if self.accepted_at is not None:
            return InvitationStatus.ACCEPTED
        if self.replaced_at is not None:
            return InvitationStatus.REPLACED
        if self.expires_at <= timezone.now():
            return InvitationStatus.EXPIRED
        return InvitationStatus.OPEN

    @property
    def is_usable(self) -> bool:
        return (
            self.accepted_at is None
            and self.replaced_at is None
            and (self.expires_at > timezone.now())
        )


class RoleRequest(models.Model):
    """One national admin's request to give someone the national analyst role, which a
    second national admin approves or refuses (ADR 0012). For someone with an account,
    approval gives them the role; for someone new, it sends their invitation."""

    user = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="role_requests"
    )
    email = models.EmailField()
    full_name = models.CharField(max_length=200)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT)
    role = models.CharField(max_length=30, choices=Role.choices)
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=20, choices=RoleRequestStatus.choices, default=RoleRequestStatus.WAITING
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"Request for the {self.get_role_display().lower()} role for {self.full_name}"


class EmailLink(models.Model):
    """A single-use, time-limited link emailed to a person: to confirm their address, to set
    a new password (or a first one, for an account made for them), or to move their account
    to a new address. Only a digest of the secret is stored."""

    class Purpose(models.TextChoices):
        CONFIRM_EMAIL = "confirm_email", "Confirm email address"
        RESET_PASSWORD = "reset_password", "Set a new password"
        CLAIM_ACCOUNT = "claim_account", "Set a password for an account made for you"
        CHANGE_EMAIL = "change_email", "Change email address"

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="email_links")
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    email = models.EmailField(help_text="The address the link was sent to.")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    next_path = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    replaced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "purpose"], name="email_link_user_purpose")]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} link"

    @property
    def status(self) -> str:
        if self.used_at is not None:
            return EmailLinkStatus.USED
        if self.replaced_at is not None:
            return EmailLinkStatus.REPLACED
        if self.expires_at <= timezone.now():
            return EmailLinkStatus.EXPIRED
        return EmailLinkStatus.OPEN


class SignInFailure(models.Model):
    """One failed sign-in, counted against each of its keys (the account, the address, and
    the two together) to slow guessing down; removed when the account signs in, and after
    a day (see ``throttle``)."""

    key = models.CharField(max_length=200, db_index=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["key", "-at"], name="sign_in_failure_key_at")]


class RequestedEmail(models.Model):
    """When the service last emailed an address because someone asked it to (creating an
    account, forgetting a password): one email an address a window, so that nobody can fill
    a person's inbox (ADR 0009). Keyed by a digest: the table lists no email addresses."""

    key = models.CharField(max_length=64, unique=True)
    sent_at = models.DateTimeField()
