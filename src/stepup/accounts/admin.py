from django.contrib import admin
from django.db.models import Q

from stepup.accounts.models import Invitation, Membership, Organisation, User
from stepup.core.admin import ReadOnlyAdmin, ReadOnlyInline


class MembershipInline(ReadOnlyInline):
    model = Membership


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    """Staff only: candidates' accounts are not for support staff to browse or search."""

    list_display = ("email", "full_name", "is_active", "is_staff", "date_joined")
    list_filter = ("is_active", "is_staff")
    search_fields = ("email", "full_name")
    exclude = ("password",)
    inlines = [MembershipInline]

    def get_queryset(self, request):
        staff = Q(is_staff=True) | Q(memberships__isnull=False)
        return super().get_queryset(request).filter(staff).distinct()


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind")
    list_filter = ("kind",)
    search_fields = ("name",)


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ("email", "organisation", "role", "created_at", "expires_at", "accepted_at")
    search_fields = ("email",)
    exclude = ("token_hash",)
