"""Checks on text people type that others read: titles and names.

Bidirectional *control* characters (embeddings, overrides and isolates) are
invisible and reorder the text around them, so a title can display as
something other than what it stores ("Trojan Source"). A title never needs
them: right-to-left scripts display correctly without them. The plain marks
(U+200E, U+200F, U+061C) only nudge neutral characters and stay allowed.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def reject_bidi_controls(value: str) -> None:
    """Refuse text with bidirectional embedding, override or isolate characters."""
    found = sorted({f"U+{ord(ch):04X}" for ch in value or "" if ch in BIDI_CONTROLS})
    if found:
        raise ValidationError(
            _("Remove the invisible text-direction characters (%(found)s): they make the text display differently."),
            code="bidi_control",
            params={"found": ", ".join(found)},
        )
