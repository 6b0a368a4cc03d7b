"""The Django admin is for support staff to look records up, never to change them.

Every change to the domain goes through a service that checks it and writes the audit trail;
an admin form would do neither, so every model is registered read-only.
"""

from django.contrib import admin

from stepup.core.access import PUBLIC, access
from stepup.core.models import AuditEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """What happened to which record, and when: by event code and record number only.

    Support staff see no summaries, changes or reasons (they can carry a candidate's words)
    and no candidate's name: someone who also sifts must not be able to tie a name to an
    application reference here."""

    list_display = ("at", "event", "record_type", "record_id", "actor_shown")
    list_filter = ("action", "record_type")
    search_fields = ("=event", "=record_id")
    date_hierarchy = "at"
    fields = ("at", "event", "action", "record_type", "record_id", "actor_shown")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor", "record_type")

    @admin.display(description="By")
    def actor_shown(self, entry: AuditEntry) -> str:
        return support_name(entry.actor) if entry.actor_id else "The service"


def support_name(person) -> str:
    """Staff by name; a candidate's own account only by its number."""
    if getattr(person, "is_staff_member", False):
        return person.email
    return f"A candidate (account {person.pk})"


# Models of other libraries that /support/ would otherwise offer to change or delete, or that
# hold what support staff must not read: sign-in records (email addresses and addresses),
# task results (the bodies of emails, with their links), and groups (the service does not
# use them: roles are memberships), and the secrets staff sign in with.
_NOT_FOR_SUPPORT = (
    ("auth", "Group"),
    ("axes", "AccessAttempt"),
    ("axes", "AccessLog"),
    ("axes", "AccessFailureLog"),
    ("django_tasks_database", "DBTaskResult"),
    # Authenticator secrets and recovery codes.
    ("otp_totp", "TOTPDevice"),
    ("otp_static", "StaticDevice"),
)


@access(PUBLIC)
def support_sign_in(request, extra_context=None):
    """/support/ is signed in to through the service's own sign-in, second factor and all."""
    from urllib.parse import urlencode

    from django.shortcuts import redirect
    from django.urls import reverse

    next_url = request.GET.get("next") or "/support/"
    return redirect(f"{reverse('accounts:sign-in')}?{urlencode({'next': next_url})}")


@access(PUBLIC)
def support_password_change(request, extra_context=None):
    """Support staff change their password through the service's own journey, which checks
    it, records it in the audit trail and emails the person (docs/security.md): /support/
    offers no way of its own. Reading the page sends them there; a form posted here changes
    nothing."""
    from django.http import Http404
    from django.shortcuts import redirect
    from django.urls import reverse

    if request.method in ("GET", "HEAD"):
        return redirect(reverse("accounts:password-change"))
    raise Http404("Change your password from your account page")


def support_may_use(request) -> bool:
    user = request.user
    return user.is_active and user.is_staff and user.is_verified()


def support_site_tidy() -> None:
    """Unregister what is listed above, and send sign-in to the service's own pages;
    called once every admin module is loaded."""
    from django.apps import apps

    admin.site.login = support_sign_in
    admin.site.has_permission = support_may_use
    admin.site.password_change = support_password_change
    admin.site.password_change_done = support_password_change

    for app_label, model_name in _NOT_FOR_SUPPORT:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        if admin.site.is_registered(model):
            admin.site.unregister(model)
