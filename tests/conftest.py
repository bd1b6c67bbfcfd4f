"""Shared fixtures. Test databases are created by pytest-django."""

import pytest
from django.db import connection

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
def fast_password_hashing(settings):
    """Real hashers are slow by design; tests only need them to round-trip."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def axes_off_unless_tested(settings):
    """django-axes needs the request in authenticate(), which client.login() does not pass.

    Lockout tests switch it back on with `settings.AXES_ENABLED = True`.
    """
    settings.AXES_ENABLED = False
