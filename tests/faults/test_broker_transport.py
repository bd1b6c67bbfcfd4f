"""A worker that loses Redis while holding unacknowledged messages reconnects instead of exiting."""

from types import SimpleNamespace

import pytest
from django.conf import settings
from kombu.common import ignore_errors

from trackerproj.broker import Channel, Transport


def closing_after_collect() -> Channel:
    """The channel as Celery leaves it: its connection collected (client gone) before close()."""
    channel = Channel.__new__(Channel)
    channel.connection = SimpleNamespace(client=None)
    return channel


def test_putting_messages_back_on_a_collected_connection_is_a_connection_error():
    with pytest.raises(Transport.connection_errors):
        closing_after_collect()._connparams()


def test_celery_ignores_it_so_the_worker_reconnects():
    connection = SimpleNamespace(connection_errors=Transport.connection_errors, channel_errors=())
    ignore_errors(connection, closing_after_collect()._connparams)  # kombu's own: AttributeError escaped


def test_the_redis_broker_uses_this_transport_and_the_in_process_default_does_not():
    assert settings.CELERY_BROKER_TRANSPORT in (None, "trackerproj.broker:Transport")
    assert settings.CELERY_BROKER_TRANSPORT is None or settings.CELERY_BROKER_URL.startswith("redis")
