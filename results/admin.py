from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Breakdown, Dimension, Indicator, ReportingPeriod, Result


class DimensionInline(admin.TabularInline):
    model = Dimension
    extra = 0


class BreakdownInline(admin.TabularInline):
    model = Breakdown
    extra = 0


@admin.register(Result)
class ResultAdmin(SimpleHistoryAdmin):
    list_display = ["title", "type", "program"]
    list_filter = ["type", "program__dyad"]
    search_fields = ["title", "program__title"]
    autocomplete_fields = ["program"]
    readonly_fields = ["created_by", "updated_by", "created_at", "updated_at"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "unit", "result"]
    list_filter = ["kind", "ascending", "cumulative"]
    search_fields = ["title", "result__title", "result__program__title"]
    inlines = [DimensionInline]
    readonly_fields = ["created_by", "updated_by", "created_at", "updated_at"]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(SimpleHistoryAdmin):
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
