"""Where a pair's diplomatic status and its trust index tell different stories, in words.

The status (estranged, thawing, normalised) is the state of diplomatic relations, set by
ruptures and normalisations; the index measures what the pair's programs deliver. A pair
with a worse status can have a higher index than one with a better status: the overview
names such pairs, so the table does not read as a contradiction.
"""

from collections.abc import Sequence

from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from programs.choices import DyadStatus

STATUS_ORDER = {status: position for position, status in enumerate(DyadStatus.values)}  # worst first


def disagreements(rows: Sequence) -> list[str]:
    """One sentence per pair whose index is above that of a pair with a better status, highest index first."""
    valued = sorted((r for r in rows if r.value is not None), key=lambda r: (-r.value, str(r.dyad)))
    sentences = []
    for row in valued:
        status = STATUS_ORDER[row.dyad.status]
        below = [r for r in valued if STATUS_ORDER[r.dyad.status] > status and r.value < row.value]
        if not below:
            continue
        others = [
            _("%(pair)s (%(value)s, %(status)s)")
            % {"pair": r.dyad, "value": r.value_label, "status": r.dyad.get_status_display()}
            for r in below
        ]
        sentences.append(
            _("%(pair)s is %(status)s, yet its index (%(value)s) is above that of %(others)s.")
            % {
                "pair": row.dyad,
                "status": row.dyad.get_status_display(),
                "value": row.value_label,
                "others": get_text_list(others, _("and")),
            }
        )
    return sentences
