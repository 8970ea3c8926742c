#!/usr/bin/env python3
"""Replays the request written by kms_signed_request.py exactly N times over one keep-alive connection.

For instruction counts (bench/kms-callgrind.sh): a fixed number of requests, so a profile of the server can be
divided by it. Every answer must be 200, else it exits non-zero and prints the first failure.
  kms_replay.py --endpoint http://127.0.0.1:9000 --dir <out of kms_signed_request.py> --count 2000
"""
import argparse
import http.client
import os
import sys
import urllib.parse

ap = argparse.ArgumentParser()
ap.add_argument("--endpoint", default=os.environ.get("ENDPOINT", "http://127.0.0.1:9000"))
ap.add_argument("--dir", required=True)
ap.add_argument("--count", type=int, default=1000)
a = ap.parse_args()

headers = {}
with open(os.path.join(a.dir, "headers.txt")) as f:
    for line in f:
        name, _, value = line.rstrip("\n").partition(":")
        if name:
            headers[name] = value.strip()
with open(os.path.join(a.dir, "body.json"), "rb") as f:
    body = f.read()

url = urllib.parse.urlsplit(a.endpoint)
connection = http.client.HTTPConnection(url.hostname, url.port or 80)
for index in range(a.count):
    connection.request("POST", "/", body=body, headers=headers)
    response = connection.getresponse()
    payload = response.read()
    if response.status != 200:
        sys.exit(f"request {index}: HTTP {response.status}: {payload[:300]!r}")
print(f"{a.count} requests answered 200")
