"""Public transparency pages: published data only, no login."""
