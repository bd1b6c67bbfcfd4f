"""The trust index engine: the pure method, its inputs and loader, the recompute jobs and
triggers, the stored snapshots, and the one selector module every reader uses."""
