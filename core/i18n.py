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
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import get_script_prefix, is_valid_path
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from modeltrans.utils import build_localized_fieldname

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


def validate_language_code(code: str) -> None:
    """Only the site's interface languages (settings.LANGUAGES): a new one needs no migration."""
    if code not in dict(settings.LANGUAGES):
        raise ValidationError(_("%(code)s is not one of this site's languages."), params={"code": code})


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


# Text in several languages (django-modeltrans): a model's `i18n = TranslationField(fields=(...),
# fallback_language_field=...)` keeps its fields' English text in the fields themselves and the other
# languages in `i18n` as `<field>_<language>` (title_ar, title_zh_hans). Program and Milestone use it;
# a new model (e.g. results indicators) registers the same way and gets `localized` and `narratives`.


def translation_field_names(*fields: str) -> tuple[str, ...]:
    """The per-language names of `fields` other than English (title_ar, ..., summary_fa), for forms and the API."""
    others = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    return tuple(build_localized_fieldname(field, code) for field in fields for code in others)


def virtual_field_names(*fields: str) -> list[str]:
    """Every name django-modeltrans adds for `fields` (title_i18n, title_en, title_ar, ...).

    Views of `i18n`, not columns: a form that lists a model's editable fields (the admin's)
    must leave them out, or an empty `title_en` it posts would blank the English title.
    """
    codes = [code for code, _name in settings.LANGUAGES]
    return [build_localized_fieldname(field, code) for field in fields for code in ("i18n", *codes)]


def original_language(record) -> str:
    """The language a record's texts were first written in (its i18n field's fallback language)."""
    path = record._meta.get_field("i18n").fallback_language_field or ""
    value = record
    for name in filter(None, path.split("__")):
        value = getattr(value, name, None)
    return value or settings.LANGUAGE_CODE


def texts_of(field: str, english: str, i18n: dict | None) -> dict[str, str]:
    """Every language's non-empty text of `field`, from the field's English value and the record's `i18n`."""
    texts = {settings.LANGUAGE_CODE: english or ""}
    for code, _name in settings.LANGUAGES:
        texts.setdefault(code, (i18n or {}).get(build_localized_fieldname(field, code)) or "")
    return {code: text for code, text in texts.items() if text}


def pick(texts: dict[str, str], original: str) -> LocalizedText:
    """The text in the active language; else in the original language; else in English; else any."""
    active = translation.get_language() or settings.LANGUAGE_CODE
    for code in dict.fromkeys((active, original, settings.LANGUAGE_CODE, *texts)):
        if texts.get(code):
            return LocalizedText(texts[code], code, code != active)
    return LocalizedText("", active, False)


def localized(record, field: str) -> LocalizedText:
    """`field` of a record in the active language, or in its original language, marked as such."""
    return pick(texts_of(field, getattr(record, field), record.i18n), original_language(record))


def narratives(record, field: str) -> list[tuple[str, str]]:
    """Every language's text of `field` as (language, text), the original language first.

    What the API returns and what an IATI export writes as `<narrative xml:lang="...">` elements.
    """
    texts = texts_of(field, getattr(record, field), record.i18n)
    first = original_language(record)
    return [(code, texts[code]) for code in dict.fromkeys((first, *texts)) if code in texts]


def localized_html(text: LocalizedText) -> SafeString:
    """The text, escaped; when it is not in the page's language, with its lang and a note naming it."""
    if not text.is_original_fallback:
        return conditional_escape(text.text)
    return format_html(
        '<span lang="{}" dir="{}">{}</span> <span class="original-language">({})</span>',
        text.language,
        text.direction,
        text.text,
        _("original language: %(language)s") % {"language": text.language_name},
    )
