"""Contributions only in currencies the index can compare: those with a configured exchange rate."""

from decimal import Decimal

import pytest
from django.urls import reverse

from programs.choices import rated_currencies
from programs.models import Program
from tests.api.conftest import token_client
from tests.factories import ProgramFactory
from tests.people import staff
from tests.programs.test_workspace_pages import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_rates(settings):
    settings.TRUST_INDEX = {**settings.TRUST_INDEX, "FX_RATES": {"USD": 1.0, "EUR": 1.08}}


def test_the_form_offers_only_currencies_with_a_rate(client, dyad, two_rates):
    client.force_login(staff("IR"))
    form = client.get(reverse("workspace:program_new")).context["form"]
    assert [code for code, _ in form.fields["currency_a"].choices] == ["EUR", "USD"] == rated_currencies()


def test_a_currency_without_a_rate_is_a_form_error_naming_the_accepted_ones(client, dyad, two_rates):
    client.force_login(staff("IR"))
    response = client.post(reverse("workspace:program_new"), form_data(dyad=dyad.pk, currency_a="CHF"))
    assert response.status_code == 200
    assert response.context["form"].errors["currency_a"] == [
        "No exchange rate is configured for CHF, so the trust index could not compare this contribution. "
        "Choose one of: EUR, USD."
    ]
    assert not Program.objects.exists()


def test_the_api_refuses_a_currency_without_a_rate_with_a_400(program, two_rates):
    response = token_client(staff("IR")).patch(f"/api/v1/programs/{program.pk}/", {"currency_a": "JPY"}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["currency_a"][0].startswith("No exchange rate is configured for JPY")
    program.refresh_from_db()
    assert program.currency_a == "USD"


def test_a_stored_currency_that_lost_its_rate_is_shown_and_refused_not_silently_replaced(client, two_rates):
    program = ProgramFactory(currency_a="CHF", contribution_a=Decimal(500))
    client.force_login(staff("IR"))
    url = reverse("workspace:program_edit", args=[program.pk])
    field = client.get(url).context["form"]["currency_a"]
    assert field.value() == "CHF" and "CHF (no exchange rate: choose another)" in str(field)
    response = client.post(url, form_data(title="Renamed", currency_a="CHF", version=program.version))
    assert "No exchange rate is configured for CHF" in str(response.context["form"].errors["currency_a"])
    program.refresh_from_db()
    assert (program.title, program.currency_a) == (program.title, "CHF") and program.version == 1
