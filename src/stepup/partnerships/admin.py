from django.contrib import admin

from stepup.core.admin import ReadOnlyAdmin
from stepup.partnerships.models import Partnership


@admin.register(Partnership)
class PartnershipAdmin(ReadOnlyAdmin):
    list_display = ("name", "code", "cohort", "lead_authority", "status")
    list_filter = ("status", "cohort")
    search_fields = ("name", "code")
