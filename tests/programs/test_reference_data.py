import pytest
from django.core.management import call_command

from programs.models import State


@pytest.mark.django_db(transaction=True)
def test_states_come_back_after_the_database_is_flushed():
    call_command("flush", interactive=False, verbosity=0)
    assert State.objects.count() == 249
