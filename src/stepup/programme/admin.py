from django.contrib import admin

from stepup.core.admin import ReadOnlyAdmin, ReadOnlyInline
from stepup.programme.models import Cohort, Milestone, RuleVersion


class MilestoneInline(ReadOnlyInline):
    model = Milestone


@admin.register(Cohort)
class CohortAdmin(ReadOnlyAdmin):
    list_display = ("number", "name", "start_date", "status")
    inlines = [MilestoneInline]


@admin.register(RuleVersion)
class RuleVersionAdmin(ReadOnlyAdmin):
    list_display = ("cohort", "number", "created_at")
