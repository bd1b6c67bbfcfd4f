"""A bounded load test of a running Concord: throughput and latency of the overview, a dyad
page and the index API. Loopback only; at most 60 seconds; it stops by itself.

    make prod                                   # in one terminal (demo data: seed_demo)
    .venv/bin/python -m bench.load --base http://127.0.0.1:8000 --dyad ir-sa

Each URL gets CLIENTS concurrent clients for SECONDS seconds, one after the other.
"""

import argparse
import ipaddress
import os
import socket
import statistics
import threading
import time
import urllib.request
from urllib.parse import urlsplit

MAX_TOTAL_SECONDS = 60


def loopback_only(base: str) -> None:
    host = urlsplit(base).hostname or ""
    if not all(ipaddress.ip_address(info[4][0]).is_loopback for info in socket.getaddrinfo(host, None)):
        raise SystemExit(f"refusing {host}: this load test only targets this machine (loopback)")


def hammer(url: str, *, clients: int, seconds: float) -> dict:
    """Requests from `clients` threads for `seconds`; latencies of the 200s, count of the others."""
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client() -> None:
        while time.monotonic() < deadline:
            started = time.monotonic()
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    response.read()
                    ok = response.status == 200
            except OSError:
                ok = False
            with lock:
                if ok:
                    latencies.append(time.monotonic() - started)
                else:
                    failures[0] += 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    latencies.sort()
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)] if latencies else float("nan")
    return {
        "requests": len(latencies),
        "errors": failures[0],
        "per_second": len(latencies) / elapsed,
        "p50_ms": 1000 * statistics.median(latencies) if latencies else float("nan"),
        "p95_ms": 1000 * p95,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--dyad", default="ir-sa")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=15.0, help="per URL (three URLs; 60 s at most in all)")
    args = parser.parse_args()
    loopback_only(args.base)
    seconds = min(args.seconds, MAX_TOTAL_SECONDS / 3)
    urls = {
        "overview /": "/",
        "dyad page": f"/dyads/{args.dyad}/",
        "index API": f"/api/v1/dyads/{args.dyad}/index/",
    }
    print(f"{args.clients} clients, {seconds:.0f} s per URL, load average before: {os.getloadavg()}")
    print(f"{'':12} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
    for name, path in urls.items():
        result = hammer(args.base + path, clients=args.clients, seconds=seconds)
        rates = f"{result['per_second']:8.1f} {result['p50_ms']:8.1f} {result['p95_ms']:8.1f}"
        print(f"{name:12} {rates} {result['errors']:7d}")
    print(f"load average after: {os.getloadavg()} ({os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
