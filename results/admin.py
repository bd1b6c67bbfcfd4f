"""The admin of the results framework: versions checked as in the workspace and the API.

Dimensions and breakdown values, edited inline, are versioned through their
indicator and period: a saved inline change raises the parent's version.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin_tools import VersionCheckedAdmin

from . import versions
from .models import Breakdown, Dimension, Indicator, ReportingPeriod, Result


class ChildrenRaiseVersionAdmin(VersionCheckedAdmin):
    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)  # type: ignore[misc]
        if change and formset.has_changed():
            versions.save(form.instance, user=request.user, changes={}, children_changed=True)


class DimensionInline(admin.TabularInline):
    model = Dimension
    extra = 0


class BreakdownInline(admin.TabularInline):
    model = Breakdown
    extra = 0


@admin.register(Result)
class ResultAdmin(VersionCheckedAdmin, SimpleHistoryAdmin):
    list_display = ["title", "type", "program"]
    list_filter = ["type", "program__dyad"]
    search_fields = ["title", "program__title"]
    autocomplete_fields = ["program"]
    readonly_fields = ["created_by", "updated_by", "created_at", "updated_at"]


@admin.register(Indicator)
class IndicatorAdmin(ChildrenRaiseVersionAdmin, SimpleHistoryAdmin):
    list_display = ["title", "kind", "unit", "result"]
    list_filter = ["kind", "ascending", "cumulative"]
    search_fields = ["title", "result__title", "result__program__title"]
    inlines = [DimensionInline]
    readonly_fields = ["created_by", "updated_by", "created_at", "updated_at"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(ChildrenRaiseVersionAdmin, SimpleHistoryAdmin):
    list_display = ["indicator", "start", "end", "target_value", "actual_value", "status"]
    list_filter = ["status", "indicator__result__program__dyad"]
    search_fields = ["indicator__title", "indicator__result__program__title"]
    date_hierarchy = "end"
    inlines = [BreakdownInline]
    readonly_fields = [
        "submitted_state",
        "submitted_by",
        "submitted_at",
        "reviewed_by",
        "reviewed_at",
        "created_by",
        "updated_by",
        "created_at",
        "updated_at",
    ]
    list_select_related = ["indicator"]
