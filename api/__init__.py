"""The REST API's wiring: URLs, token login, documentation pages and schema hooks.

Each app keeps its own serializers and viewsets; what they share is in `core.api`.
"""
