"""Record texts kept in several languages (core.i18n), in the page's language.

{% load texts %}
<h1>{% localized_text program "title" %}</h1>   marked up when shown in its original language
<title>{{ program|plain_text:"title" }}</title>  the same text, nothing around it
"""

from django import template
from django.utils.safestring import SafeString

from core.i18n import localized, localized_html

register = template.Library()


@register.simple_tag
def localized_text(record, field: str) -> SafeString:
    return localized_html(localized(record, field))


@register.filter
def plain_text(record, field: str) -> str:
    return localized(record, field).text
