"""Top-level URLs: public dashboards at /, staff admin at /admin/.

Pages people read are in `i18n_patterns`: /dyads/ir-sa/ in English (no
prefix, so URLs from before languages existed keep working), /ar/dyads/ir-sa/
in Arabic. The API, the admin and the health check stay unprefixed.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import set_language

from .health import healthz

admin.site.site_header = "Concord administration"
admin.site.site_title = "Concord"

urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    *i18n_patterns(
        # The language switcher posts here (Django's set_language: cookie, then back to the page in that
        # language). Prefixed like the page it is on, so it can read that page's URL to translate it.
        path("i18n/setlang/", set_language, name="set_language"),
        path("accounts/", include("django.contrib.auth.urls")),
        path("workspace/", include("workspace.urls")),
        path("", include("dashboards.urls")),
        prefix_default_language=False,
    ),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
