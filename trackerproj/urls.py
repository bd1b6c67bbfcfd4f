"""Top-level URLs: public dashboards at /, staff admin at /admin/."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from .health import healthz

admin.site.site_header = "Concord administration"
admin.site.site_title = "Concord"

urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/v1/", include("api.urls")),
    path("workspace/notifications/", include("notifications.urls")),
    path("workspace/", include("workspace.urls")),
    path("", include("dashboards.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
