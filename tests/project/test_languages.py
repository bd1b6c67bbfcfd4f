"""The interface language: URL prefix, first visit from Accept-Language, the switcher, lang/dir, dates."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


def test_existing_unprefixed_urls_still_answer_in_english(client, program):
    for url in ("/", program.dyad.get_absolute_url(), program.get_absolute_url(), "/method/", "/accounts/login/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="en" dir="ltr">' in response.content.decode()


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("fa", "rtl"), ("zh-hans", "ltr"), ("ru", "ltr")])
def test_a_language_prefix_sets_lang_and_direction(client, program, language, direction):
    body = client.get(f"/{language}{program.dyad.get_absolute_url()}").content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in body


def test_a_first_visit_follows_the_browsers_accept_language(client, program):
    response = client.get(program.get_absolute_url(), headers={"accept-language": "fa-IR,fa;q=0.9,en;q=0.5"})
    assert response.status_code == 302
    assert response["Location"] == f"/fa{program.get_absolute_url()}"
    assert "Accept-Language" in response["Vary"]


def test_a_query_string_survives_the_redirect(client, program):
    response = client.get("/?status=thawing&sort=name", headers={"accept-language": "es"})
    assert response["Location"] == "/es/?status=thawing&sort=name"


def test_a_browser_asking_for_english_or_an_unknown_language_stays_unprefixed(client, program):
    for header in ("en-US,en;q=0.9", "de-DE", ""):
        assert client.get("/", headers={"accept-language": header}).status_code == 200


def test_the_language_chosen_in_the_switcher_wins_over_accept_language(client, program):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get("/", headers={"accept-language": "ar"}).status_code == 200
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    assert client.get("/method/")["Location"] == "/ru/method/"


def test_api_admin_health_and_writes_are_never_redirected(client, program):
    arabic = {"accept-language": "ar"}
    assert client.get("/api/v1/programs/", headers=arabic).status_code == 200
    assert client.get("/healthz", headers=arabic).status_code == 200
    assert client.get("/admin/login/", headers=arabic).status_code == 200
    assert client.post("/accounts/login/", {"username": "x", "password": "y"}, headers=arabic).status_code == 200


def test_an_unknown_page_is_a_404_not_a_redirect(client):
    assert client.get("/no-such-page/", headers={"accept-language": "fa"}).status_code == 404


def test_the_switcher_posts_to_set_language_and_returns_to_the_same_page(client, program):
    dyad_url, program_url = program.dyad.get_absolute_url(), program.get_absolute_url()
    page = client.get(dyad_url).content.decode()
    assert 'action="/i18n/setlang/"' in page and 'name="language"' in page
    assert '<label for="language-select">' in page and '<option value="fa" lang="fa">فارسی</option>' in page
    response = client.post("/i18n/setlang/", {"language": "fa", "next": dyad_url})
    assert response["Location"] == f"/fa{dyad_url}"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fa"
    # From a Persian page the form posts to the Persian switcher URL, which can read the Persian path.
    persian = client.get(f"/fa{program_url}").content.decode()
    assert 'action="/fa/i18n/setlang/"' in persian
    response = client.post("/fa/i18n/setlang/", {"language": "en", "next": f"/fa{program_url}"})
    assert response["Location"] == program_url


def test_login_redirects_stay_in_the_pages_language(client):
    response = client.get("/ar/workspace/programs/")
    assert response["Location"].startswith("/ar/accounts/login/")


def test_every_page_has_a_skip_link_to_the_content_and_links_the_accessibility_statement(client, program):
    for url in ("/", program.get_absolute_url(), "/accounts/login/"):
        body = client.get(url).content.decode()
        assert body.index('<a class="skip-link" href="#main">') < body.index("<header")
        assert '<main id="main" tabindex="-1">' in body
        assert f'href="{reverse("dashboards:accessibility")}"' in body
    statement = client.get(reverse("dashboards:accessibility")).content.decode()
    assert "WCAG" in statement and "2.1" in statement and "axe-core" in statement


def test_dyad_and_program_pages_link_a_print_stylesheet(client, program):
    for url in (program.dyad.get_absolute_url(), program.get_absolute_url()):
        assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in client.get(url).content.decode()


def test_program_pages_of_one_language_do_not_leak_into_another(client, dyad):
    url = ProgramFactory(dyad=dyad, title="Water", i18n={"title_fa": "آب"}, language="en").get_absolute_url()
    assert "آب" in client.get(f"/fa{url}").content.decode()
    assert "آب" not in client.get(url).content.decode()
