"""Top-level URLs: public dashboards at /, staff admin at /admin/, files through views that check visibility.

Pages people read are in `i18n_patterns`: /dyads/ir-sa/ in English (no prefix, so URLs from
before languages existed keep working), /ar/dyads/ir-sa/ in Arabic. The API, the admin, the
health check and file downloads stay unprefixed.

Uploaded files are never served from MEDIA_URL (a draft's evidence would be anyone's):
each is handed out by its record's download view.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import set_language

from evaluation.views import report_file
from milestones.views import evidence_file
from results.views import evidence_document as period_evidence_file

from .health import healthz

admin.site.site_header = "Concord administration"
admin.site.site_title = "Concord"

urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("iati.urls")),
    path("api/v1/", include("api.urls")),
    path("files/milestones/<int:pk>/evidence/", evidence_file, name="milestone_evidence"),
    path("files/evaluations/<int:pk>/report/", report_file, name="evaluation_report"),
    path("files/periods/<int:pk>/evidence/", period_evidence_file, name="period_evidence"),
    *i18n_patterns(
        # The language switcher posts here (Django's set_language: cookie, then back to the page in that
        # language). Prefixed like the page it is on, so it can read that page's URL to translate it.
        path("i18n/setlang/", set_language, name="set_language"),
        path("accounts/", include("django.contrib.auth.urls")),
        path("workspace/notifications/", include("notifications.urls")),
        path("workspace/iati/", include("iati.workspace_urls")),
        path("workspace/", include("workspace.urls")),
        path("", include("dashboards.urls")),
        prefix_default_language=False,
    ),
]

# Errors raised outside a DRF view: the API's JSON shape under /api/, pages elsewhere.
handler400 = "core.errors.bad_request"
handler403 = "core.errors.permission_denied"
handler404 = "core.errors.page_not_found"
handler500 = "core.errors.server_error"
