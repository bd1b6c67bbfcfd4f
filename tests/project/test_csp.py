"""Every HTML page carries a Content-Security-Policy that allows no inline script."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.people import staff

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in header.split(";"))}


@pytest.mark.parametrize("url", ["/", "/method/", "/accounts/login/", "/admin/login/", "/nowhere/"])
def test_public_pages_allow_scripts_from_our_own_origin_only(client, url):
    rules = policy(client.get(url))
    assert rules["script-src"] == ["'self'"] and rules["default-src"] == ["'self'"]
    assert rules["object-src"] == ["'none'"] and rules["frame-ancestors"] == ["'none'"]
    assert not any("unsafe-inline" in value for values in rules.values() for value in values)


def test_dyad_and_workspace_pages_carry_the_policy_too(client, program):
    assert policy(client.get(program.dyad.get_absolute_url()))["script-src"] == ["'self'"]
    client.force_login(staff("SA"))
    assert policy(client.get(reverse("workspace:programs")))["script-src"] == ["'self'"]


def test_the_browsable_api_allows_inline_styles_but_no_inline_script(client, dyad):
    rules = policy(client.get("/api/v1/dyads/", HTTP_ACCEPT="text/html"))
    assert rules["script-src"] == ["'self'"] and "'unsafe-inline'" in rules["style-src"]


def test_the_api_docs_keep_their_own_policy(client):
    assert "worker-src 'self' blob:" in client.get("/api/v1/docs/")["Content-Security-Policy"]


def test_no_template_has_an_inline_script():
    # A data block (<script type="application/json">) is never run; anything else must be a file.
    for template in (ROOT / "templates").rglob("*.html"):
        for attributes in SCRIPT_TAG.findall(template.read_text()):
            assert "src=" in attributes or 'type="application/json"' in attributes, template
