"""Signals other parts of the site listen to.

`index_recomputed` is sent (with `dyad_id`) after a dyad's snapshots were
rewritten and the transaction committed, so caches of that dyad's pages and
API answers can be dropped.
"""

from django.dispatch import Signal

index_recomputed = Signal()
