"""The browsable API's HTML, made to fit the site's Content-Security-Policy."""

from django.conf import settings
from django.utils.csp import CSP
from rest_framework import renderers


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    """DRF's browsable API under the site's policy, with one relaxation: DRF's templates
    style elements inline (`style="float: right"`), so its pages allow inline *styles*.
    Scripts stay 'self' only; the inline <style> of code colours is dropped."""

    def get_context(self, *args, **kwargs) -> dict:
        context = super().get_context(*args, **kwargs)
        context["code_style"] = None
        return context

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None:
            config = {name: value for name, value in settings.SECURE_CSP.items() if name != "style-src-attr"}
            response._csp_config = {**config, "style-src": [CSP.SELF, CSP.UNSAFE_INLINE]}
        return super().render(data, accepted_media_type, renderer_context)
