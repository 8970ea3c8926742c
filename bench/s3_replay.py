#!/usr/bin/env python3
"""Replays presigned S3 URLs (written by ../shared/bench/presign.py) exactly N times over one keep-alive connection.

For instruction counts (bench/s3-callgrind.sh): a fixed number of requests, so a profile of the server can be
divided by it. PUTs send the same SIZE random bytes every time and the headers in headers.txt. Every answer must
be 200, else it exits non-zero and prints the first failure.
  s3_replay.py --endpoint http://127.0.0.1:9000 --dir <presign.py --out DIR> --method GET --count 2000 [--size 4096]
"""
import argparse
import http.client
import os
import sys
import urllib.parse

ap = argparse.ArgumentParser()
ap.add_argument("--endpoint", default=os.environ.get("ENDPOINT", "http://127.0.0.1:9000"))
ap.add_argument("--dir", required=True)
ap.add_argument("--method", choices=["GET", "PUT"], required=True)
ap.add_argument("--count", type=int, default=1000)
ap.add_argument("--size", type=int, default=4096)
a = ap.parse_args()

with open(os.path.join(a.dir, "urls.txt")) as f:
    paths = [line.strip() for line in f if line.strip()]
headers = {}
with open(os.path.join(a.dir, "headers.txt")) as f:
    for line in f:
        name, _, value = line.rstrip("\n").partition(":")
        if name:
            headers[name] = value.strip()
body = os.urandom(a.size) if a.method == "PUT" else None

url = urllib.parse.urlsplit(a.endpoint)
connection = http.client.HTTPConnection(url.hostname, url.port or 80)
for index in range(a.count):
    connection.request(a.method, paths[index % len(paths)], body=body, headers=headers)
    response = connection.getresponse()
    payload = response.read()
    if response.status != 200:
        sys.exit(f"request {index}: HTTP {response.status}: {payload[:300]!r}")
print(f"{a.count} {a.method} requests answered 200")
