from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin_tools import KeepsPublishedAdmin, VersionCheckedAdmin
from core.i18n import virtual_field_names

from .models import Milestone


@admin.register(Milestone)
class MilestoneAdmin(KeepsPublishedAdmin, VersionCheckedAdmin, SimpleHistoryAdmin):
    """Milestones; publishing and withdrawing (with a reason) happen in the workspace."""

    list_display = ["title", "program", "due_date", "status", "achieved_date", "is_published"]
    list_filter = ["status", "is_published", "cancelled_jointly", "program__domain", "program__dyad"]
    search_fields = ["title", "description", "program__title"]
    date_hierarchy = "due_date"
    autocomplete_fields = ["program"]
    readonly_fields = ["is_published", "created_by", "updated_by", "created_at", "updated_at"]
    # The English title only: translations are given in the workspace form.
    exclude = virtual_field_names("title")
    list_select_related = ["program", "program__dyad"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            obj.updated_by = request.user
        super().save_model(request, obj, form, change)
