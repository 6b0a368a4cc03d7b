"""The Django admin is for support staff to look records up, never to change them.

Every change to the domain goes through a service that checks it and writes the audit trail;
an admin form would do neither, so every model is registered read-only.
"""

from django.contrib import admin

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
    list_display = ("at", "actor_label", "record_label", "action", "summary")
    list_filter = ("action", "record_type")
    search_fields = ("record_label", "actor_label", "summary", "reason")
    date_hierarchy = "at"
