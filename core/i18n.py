"""The interface language of a request, and text kept in several languages.

Pages live under a language prefix (/ar/dyads/ir-sa/); English, the default,
has none, so every URL from before languages existed still works. Django's
LocaleMiddleware serves an unprefixed URL in English whatever the browser
asks for, so a first visit from an Arabic browser would never see Arabic:
PreferredLanguageRedirectMiddleware sends such a visitor to the prefixed URL
of the language they chose before (the language cookie the switcher sets) or,
on a first visit, of their browser's Accept-Language.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import get_script_prefix, is_valid_path
from django.utils import translation
from django.utils.cache import patch_vary_headers

SAFE_METHODS = ("GET", "HEAD")


class PreferredLanguageRedirectMiddleware:
    """Redirect an unprefixed page to the visitor's preferred language, if that is not English.

    Only pages inside `i18n_patterns` (not the API, admin, health check or
    static files), only GET/HEAD, and only when the preferred language has
    the page. Choosing English in the switcher sets the cookie, which then
    wins over Accept-Language.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        target = self._redirect_target(request)
        if target is not None:
            redirect = HttpResponseRedirect(target)
            patch_vary_headers(redirect, ("Accept-Language", "Cookie"))
            return redirect
        return self.get_response(request)

    def _redirect_target(self, request: HttpRequest) -> str | None:
        if request.method not in SAFE_METHODS or translation.get_language_from_path(request.path_info):
            return None
        preferred = translation.get_language_from_request(request, check_path=False)
        if preferred == settings.LANGUAGE_CODE:
            return None
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        with translation.override(preferred):
            if not is_valid_path(f"/{preferred}{request.path_info}", urlconf):
                return None
        prefix = get_script_prefix()
        return request.get_full_path().replace(prefix, f"{prefix}{preferred}/", 1)


def language_name(code: str) -> str:
    """A language's name in that language (العربية, 中文), for the switcher and "original language" notes."""
    return translation.get_language_info(code)["name_local"]


@dataclass(frozen=True)
class LocalizedText:
    """One field of a record in the interface language, or in its original language when not translated."""

    text: str
    language: str
    is_original_fallback: bool

    def __str__(self) -> str:
        return self.text

    @property
    def language_name(self) -> str:
        return language_name(self.language)

    @property
    def direction(self) -> str:
        return "rtl" if translation.get_language_info(self.language)["bidi"] else "ltr"
