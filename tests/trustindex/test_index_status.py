"""A dyad whose index cannot be recomputed is recorded, told to its ministries and coordinators, listed in the admin."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import DyadFactory, ProgramFactory, state
from tests.people import coordinator, staff, superuser
from trustindex import engine
from trustindex.models import DyadIndexStatus, IndexSnapshot

pytestmark = pytest.mark.django_db
TODAY = date(2025, 12, 10)


@pytest.fixture
def broken(settings):
    """An indexed dyad whose contribution then turns out to be in a currency with no rate."""
    settings.TRUST_INDEX = {**settings.TRUST_INDEX, "FX_RATES": {"USD": 1.0, "CHF": 1.1}}
    program = ProgramFactory(contribution_a=Decimal(500), currency_a="CHF")
    engine.recompute_dyad(dyad_id=program.dyad_id, today=TODAY)
    settings.TRUST_INDEX = {**settings.TRUST_INDEX, "FX_RATES": {"USD": 1.0}}
    return program


def test_a_failed_recompute_records_since_when_the_index_is_stale_and_why(broken):
    last = IndexSnapshot.objects.filter(dyad=broken.dyad).latest("computed_at").computed_at
    assert engine.recompute_dyad(dyad_id=broken.dyad_id, today=TODAY) == 0
    status = DyadIndexStatus.objects.get(dyad=broken.dyad)
    assert status.failing_since is not None and status.last_updated == last and "CHF" in status.reason


def test_a_full_run_records_the_failing_dyad_and_a_later_success_clears_it(broken, settings):
    engine.recompute_all(today=TODAY)
    assert DyadIndexStatus.objects.get(dyad=broken.dyad).failing_since is not None
    settings.TRUST_INDEX = {**settings.TRUST_INDEX, "FX_RATES": {"USD": 1.0, "CHF": 1.1}}
    engine.recompute_all(today=TODAY)
    status = DyadIndexStatus.objects.get(dyad=broken.dyad)
    assert (status.failing_since, status.reason) == (None, "")


@pytest.mark.parametrize("page", ["workspace:programs", "workspace:program", "workspace:coordinator"])
def test_the_dyads_ministries_and_coordinators_are_told(client, broken, page):
    engine.recompute_dyad(dyad_id=broken.dyad_id, today=TODAY)
    user = coordinator(broken.dyad) if page == "workspace:coordinator" else staff("SA")
    client.force_login(user)
    args = [broken.pk] if page == "workspace:program" else []
    text = client.get(reverse(page, args=args)).content.decode()
    assert "Iran – Saudi Arabia: index not updated since" in text and "No exchange rate for &#x27;CHF&#x27;" in text


def test_others_are_not_told(client, broken):
    engine.recompute_dyad(dyad_id=broken.dyad_id, today=TODAY)
    client.force_login(staff("FR"))
    assert "index not updated" not in client.get(reverse("workspace:program", args=[broken.pk])).content.decode()


def test_the_admin_lists_failing_dyads(client, broken):
    healthy = ProgramFactory(dyad=DyadFactory(state_a=state("JP"), state_b=state("KR")))
    engine.recompute_dyad(dyad_id=broken.dyad_id, today=TODAY)
    engine.recompute_dyad(dyad_id=healthy.dyad_id, today=TODAY)
    client.force_login(superuser())
    page = client.get(reverse("admin:trustindex_dyadindexstatus_changelist") + "?failing=yes").content.decode()
    assert "Iran – Saudi Arabia" in page and "Japan" not in page
