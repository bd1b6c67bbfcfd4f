"""Top-level URLs: public dashboards at /, staff admin at /admin/, files through views that check visibility.

Uploaded files are never served from MEDIA_URL (a draft's evidence would be anyone's):
each is handed out by its record's download view.
"""

from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from evaluation.views import report_file
from milestones.views import evidence_file
from results.views import evidence_document as period_evidence_file

from .health import healthz

admin.site.site_header = "Concord administration"
admin.site.site_title = "Concord"

urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/v1/", include("iati.urls")),
    path("api/v1/", include("api.urls")),
    path("workspace/notifications/", include("notifications.urls")),
    path("workspace/iati/", include("iati.workspace_urls")),
    path("workspace/", include("workspace.urls")),
    path("files/milestones/<int:pk>/evidence/", evidence_file, name="milestone_evidence"),
    path("files/evaluations/<int:pk>/report/", report_file, name="evaluation_report"),
    path("files/periods/<int:pk>/evidence/", period_evidence_file, name="period_evidence"),
    path("", include("dashboards.urls")),
]

# Errors raised outside a DRF view: the API's JSON shape under /api/, pages elsewhere.
handler400 = "core.errors.bad_request"
handler403 = "core.errors.permission_denied"
handler404 = "core.errors.page_not_found"
handler500 = "core.errors.server_error"
