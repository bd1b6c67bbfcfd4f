"""Status badges: one markup for every "published", "draft", status or count badge in the workspace."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def badge(kind: str, label) -> SafeString:
    """`<span class="badge kind">label</span>`; the CSS class picks the colour."""
    return format_html('<span class="badge {}">{}</span>', kind, label)


@register.simple_tag
def publication_badge(record) -> SafeString:
    """Published, submitted (an evaluation awaiting publication) or draft."""
    if record.is_published:
        return badge("published", "published")
    if getattr(record, "is_submitted", False):
        return badge("due-soon", "submitted")
    return badge("draft", "draft")


@register.simple_tag
def count_badge(kind: str, count: int) -> SafeString | int:
    """A badge with the count when there is something to act on, else a plain 0."""
    return badge(kind, count) if count else 0
