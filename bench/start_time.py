#!/usr/bin/env python3
"""Server start to first answered request: time from exec to the first 200 of GET /_coffer/health.

  start_time.py BINARY [--runs 10] [--port 19300]
Polls every millisecond. Runs once on a fresh data folder (first start: root key and databases created),
then RUNS times on that folder (a restart), and prints each time and the median of the restarts.
"""
import argparse
import http.client
import os
import signal
import statistics
import subprocess
import tempfile
import time

ap = argparse.ArgumentParser()
ap.add_argument("binary")
ap.add_argument("--runs", type=int, default=10)
ap.add_argument("--port", type=int, default=19300)
a = ap.parse_args()


def start_once(data):
    started = time.monotonic()
    server = subprocess.Popen([a.binary, "serve", "--port", str(a.port), "--data", data],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.monotonic() - started < 30:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", a.port, timeout=1)
                connection.request("GET", "/_coffer/health")
                if connection.getresponse().status == 200:
                    return time.monotonic() - started
            except OSError:
                pass
            time.sleep(0.001)
        raise SystemExit("no answer within 30 s")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait()


with tempfile.TemporaryDirectory() as folder:
    data = os.path.join(folder, "data")
    first = start_once(data)
    print(f"first start (fresh data folder): {first * 1000:.0f} ms")
    restarts = [start_once(data) for _ in range(a.runs)]
    print("restarts:", " ".join(f"{t * 1000:.0f}" for t in restarts), "ms")
    print(f"median of {a.runs} restarts: {statistics.median(restarts) * 1000:.0f} ms")
