"""A cold load of a dyad page transfers under 1 MB, as the demo and production serve it.

The site runs as `make demo` runs it: static files collected and compressed, served by
WhiteNoise (not the test server's uncompressed static handler), and plotly.js the bundle
with only the trace types the charts use. The figure is the sum of every response's
transferred bytes (headers and encoded body), as Chromium counts them.
"""

import os

import pytest
from django.core.management import call_command
from django.test.testcases import LiveServerThread

from dashboards.staticfinders import built_bundle
from tests.browser import BROWSER_MARKS, DESKTOP, charts_drawn, seed_demo_site

pytestmark = [*BROWSER_MARKS, pytest.mark.django_db(transaction=True)]

BUDGET = 1_000_000  # bytes


@pytest.fixture
def compressed_site(settings, tmp_path):
    if not built_bundle().exists():
        if os.environ.get("CI"):
            pytest.fail("The plotly.js bundle is not built: `make assets`.")
        pytest.skip("needs the plotly.js bundle: run `make assets` (Node.js and npm)")
    settings.STATIC_ROOT = tmp_path / "static"
    call_command("collectstatic", "--noinput", verbosity=0)  # writes a .gz beside every file
    seed_demo_site()
    server = LiveServerThread("127.0.0.1", static_handler=lambda app: app)  # WhiteNoise serves /static/
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    yield f"http://127.0.0.1:{server.port}"
    server.terminate()


def cold_load(browser, url: str) -> tuple[int, dict[str, int], dict[str, str]]:
    """Bytes transferred loading `url` with an empty cache: total, per URL, and each URL's Content-Encoding."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    sizes: dict[str, int] = {}
    encodings: dict[str, str] = {}

    def count(request) -> None:
        transferred = request.sizes()
        sizes[request.url] = transferred["responseBodySize"] + transferred["responseHeadersSize"]
        response = request.response()
        encodings[request.url] = response.headers.get("content-encoding", "") if response else ""

    page.on("requestfinished", count)
    page.goto(url, wait_until="networkidle")
    charts_drawn(page)
    context.close()
    return sum(sizes.values()), sizes, encodings


@pytest.mark.parametrize("path", ["/dyads/ir-sa/", "/"], ids=["dyad", "overview"])
def test_a_cold_load_transfers_under_1_mb(compressed_site, chromium, path):
    total, sizes, encodings = cold_load(chromium, compressed_site + path)
    plotly = next(url for url in sizes if url.endswith("/plotly.min.js"))
    print(f"\ncold load of {path}: {total:,} bytes in {len(sizes)} responses; plotly.js {sizes[plotly]:,}")
    assert encodings[plotly] == "gzip"
    assert total < BUDGET, sorted(sizes.items(), key=lambda item: -item[1])[:5]
