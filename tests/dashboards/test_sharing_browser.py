"""Sharing charts in Chromium: another site frames an embed view (and only that), and a downloaded
image carries the chart's title, source and date."""

import struct
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from threading import Thread

import pytest

from tests.browser import BROWSER_MARKS, DESKTOP, charts_drawn, seed_demo_site

pytestmark = [*BROWSER_MARKS, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def other_site():
    """Another origin on this machine (127.0.0.1, a port of its own) serving one page that frames a URL."""
    framed = {}

    class Newspaper(BaseHTTPRequestHandler):
        def do_GET(self):
            frame = f'<iframe src="{framed["src"]}" width="800" height="520"></iframe>'
            body = f"<!doctype html><title>A newspaper</title>{frame}"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Newspaper)
    Thread(target=server.serve_forever, daemon=True).start()

    def framing(src: str) -> str:
        framed["src"] = src
        return f"http://127.0.0.1:{server.server_port}/"

    yield framing
    server.shutdown()
    server.server_close()


def test_another_site_can_frame_a_charts_embed_view_but_not_the_page(live_server, chromium, other_site):
    seed_demo_site()
    page = chromium.new_page(viewport=DESKTOP)
    page.goto(other_site(f"{live_server.url}/dyads/ir-sa/charts/history/"))
    frame = page.frames[1]
    frame.wait_for_selector("#chart-history .main-svg")
    assert frame.locator("h1").inner_text() == "Trust index over time: Iran – Saudi Arabia"
    source = frame.locator(".embed-source").inner_text()
    assert "Source: Concord" in source and "Licence: CC BY 4.0" in source and "Data as of" in source

    blocked = chromium.new_page(viewport=DESKTOP)
    blocked.goto(other_site(f"{live_server.url}/dyads/ir-sa/"))
    blocked.wait_for_timeout(500)
    # Chromium shows its error page in the frame instead of the site's page.
    assert blocked.frames[1].locator(".site-header").count() == 0, "the full page must not be framable"


def test_a_downloaded_chart_image_carries_title_source_and_date_and_nothing_goes_to_the_cloud(live_server, chromium):
    seed_demo_site()
    page = chromium.new_page(viewport=DESKTOP, accept_downloads=True)
    problems = []
    page.on("console", lambda m: problems.extend([m.text] if m.type == "error" else []))
    page.goto(f"{live_server.url}/dyads/ir-sa/#chart-history", wait_until="networkidle")
    charts_drawn(page)
    buttons = page.locator("#chart-history .modebar-btn")
    titles = [buttons.nth(i).get_attribute("data-title") for i in range(buttons.count())]
    assert "Download the chart as an image (PNG)" in titles
    assert not any("cloud" in (t or "").lower() or "share" in (t or "").lower() for t in titles)
    assert "Download plot as a PNG" not in titles  # plotly's own, which would save the bare chart

    exported = page.evaluate(
        "() => { const f = ConcordCharts.exportFigure(document.getElementById('chart-history'));"
        " return [f.layout.title.text, f.layout.title.subtitle.text]; }"
    )
    assert "Trust index over time: Iran – Saudi Arabia" in exported[0]
    assert "Source: Concord" in exported[1] and "Licence: CC BY 4.0" in exported[1] and "Data as of" in exported[1]

    page.hover("#chart-history")
    with page.expect_download() as download:
        page.click("#chart-history .modebar-btn[data-title='Download the chart as an image (PNG)']")
    assert download.value.suggested_filename == "concord-dyads-ir-sa-history.png"
    png = Path(download.value.path()).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    _width, height = struct.unpack(">II", png[16:24])
    chart_height = page.evaluate("document.getElementById('chart-history')._fullLayout.height")
    assert height >= 2 * (chart_height + 60), "the image has room above the chart for its title and source"
    assert problems == []
