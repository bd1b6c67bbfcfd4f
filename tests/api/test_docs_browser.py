"""Swagger UI and ReDoc render in a real browser from our own static files, with no request leaving the site."""

import pytest

from tests.browser import BROWSER_MARKS

pytestmark = BROWSER_MARKS


@pytest.fixture
def browser_page(chromium):
    return chromium.new_page()


@pytest.mark.parametrize(
    ("page_url", "rendered"),
    [("/api/v1/docs/", ".swagger-ui .opblock"), ("/api/v1/redoc/", "[role=menuitem], .menu-content li")],
)
def test_docs_render_with_only_local_requests(live_server, browser_page, page_url, rendered):
    requested, failed, sent = [], [], []
    browser_page.on("request", lambda request: requested.append(request.url))
    browser_page.on("requestfailed", lambda request: failed.append((request.url, request.failure)))
    browser_page.on("requestfinished", lambda request: sent.append(request.url))
    browser_page.goto(live_server.url + page_url)
    browser_page.wait_for_selector(rendered, timeout=20_000)
    local = (live_server.url, "data:", "blob:")
    assert [url for url in sent if not url.startswith(local)] == [], "a request left the site"
    # ReDoc's bundle always asks cdn.redoc.ly for its logo; our Content-Security-Policy blocks it before the network.
    assert [(url, why) for url, why in failed if url.startswith(local) or "csp" not in (why or "")] == []
    assert any("/static/drf_spectacular_sidecar/" in url for url in requested)
    assert any("/api/v1/schema/" in url for url in requested)
