"""The Redis broker transport, with one defect of kombu 5.7 worked around.

When a worker loses Redis while it holds unacknowledged messages (a task waiting for its
countdown, or a late-acked task running), Celery collects the broken connection and then
closes it; closing tries to put the unacknowledged messages back, which asks the collected
connection for its address and fails with an AttributeError that Celery treats as
unrecoverable: the worker exits instead of reconnecting. Here that attempt fails with the
connection error Celery expects and ignores; the messages stay in Redis's unacked set and
come back after the visibility timeout, and the outbox sweep queues the saves' recomputations
as soon as the worker reconnects (see `trackerproj.celery.SweepOutboxOnConnect`).
"""

from kombu.transport import redis as kombu_redis
from redis.exceptions import ConnectionError as RedisConnectionError


class Channel(kombu_redis.Channel):
    def _connparams(self, asynchronous: bool = False):
        if self.connection.client is None:
            raise RedisConnectionError("the broker connection was already closed after an outage")
        return super()._connparams(asynchronous=asynchronous)


class Transport(kombu_redis.Transport):
    Channel = Channel
