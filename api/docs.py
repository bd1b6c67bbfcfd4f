"""The API's documentation pages, served from our static files only.

drf-spectacular's ReDoc page links Google Fonts (dropped in
templates/api/redoc.html) and the ReDoc bundle always draws its logo from
cdn.redoc.ly; a Content-Security-Policy keeps the browser from fetching
anything outside the site, and ReDoc hides the logo when it fails to load.
"""

from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerView

DOCS_CSP = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self' 'unsafe-inline'",
        "script-src 'self' 'unsafe-inline'",
        "worker-src 'self' blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
    ]
)


class LocalOnlyDocsMixin:
    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        response["Content-Security-Policy"] = DOCS_CSP
        return response


class SwaggerDocsView(LocalOnlyDocsMixin, SpectacularSwaggerView):
    pass


class RedocDocsView(LocalOnlyDocsMixin, SpectacularRedocView):
    template_name = "api/redoc.html"
