"""Shared fixtures. Test databases are created by pytest-django."""

import os

import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation

from tests.factories import DyadFactory, ProgramFactory


@pytest.fixture
def dyad(db):
    return DyadFactory()


@pytest.fixture
def program(dyad):
    return ProgramFactory(dyad=dyad)


@pytest.fixture
def on_postgres(db):
    """Skip unless the suite runs on PostgreSQL (make test sets DATABASE_URL when it is up)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://...")


@pytest.fixture(autouse=True)
def english_between_tests():
    """The test client's requests activate their page's language in this thread (LocaleMiddleware);
    each test starts, and ends, in English so reverse() gives the unprefixed URLs."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashers are slow by design; tests only need them to round-trip."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def axes_off_unless_tested(settings):
    """django-axes needs the request in authenticate(), which client.login() does not pass.

    Lockout tests switch it back on with `settings.AXES_ENABLED = True`.
    """
    settings.AXES_ENABLED = False


@pytest.fixture
def chromium():
    """A headless Chromium for one test; closes it and the ORM connections its thread opened."""
    from django.db import connections

    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; ORM calls here are plain test set-up.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # ORM calls made inside Playwright's greenlet get their own connection; close it, or the
        # test database cannot be dropped at the end of the run.
        connections.close_all()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
