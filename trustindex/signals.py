"""Signals other parts of the site listen to.

`index_recomputed` is sent (with `dyad_id`) after a dyad's snapshots were
rewritten and the transaction committed, so caches of that dyad's pages and
API answers can be dropped. `ranks_refreshed` is sent after every dyad's rank interval
was stored again (and committed): a rank compares dyads, so any page showing one may
have changed.
"""

from django.dispatch import Signal

index_recomputed = Signal()
ranks_refreshed = Signal()
