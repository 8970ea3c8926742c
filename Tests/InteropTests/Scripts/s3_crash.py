"""Crash-safety driver for Coffer's S3 API: concurrent uploads, then verification after a restart.

  s3_crash.py upload <bucket> <acked-file>   16 threads PUT distinct keys in a bounded loop; every PUT that got
                                             HTTP 200 is appended to <acked-file>. Ends when the server is gone.
  s3_crash.py verify <bucket> <acked-file>   every acknowledged key must read back byte-identical, and every key
                                             the bucket lists must be whole. Prints one JSON summary line.

Object bytes are derived from the key, so the verifier needs nothing but the key. Run by InteropTests.
"""
import hashlib
import json
import os
import sys
import threading

import boto3
from botocore.config import Config

THREADS = 16
PER_THREAD = 400  # bounded: the server is killed long before this

endpoint = os.environ["COFFER_ENDPOINT"]
s3 = boto3.client("s3", endpoint_url=endpoint,
                  config=Config(retries={"total_max_attempts": 1}, connect_timeout=2, read_timeout=10))


def content(key):
    seed = hashlib.sha256(key.encode()).digest()
    size = 1024 + int.from_bytes(seed[:4], "big") % (192 * 1024)
    block = hashlib.sha256(seed).digest() * 32  # 1 KiB
    return (block * (size // len(block) + 1))[:size]


def upload(bucket, acked_path):
    lock = threading.Lock()
    acked = open(acked_path, "a", buffering=1)

    def worker(index):
        for n in range(PER_THREAD):
            key = f"w{index:02d}/{n:04d}"
            try:
                s3.put_object(Bucket=bucket, Key=key, Body=content(key),
                              **({"ServerSideEncryption": "aws:kms"} if n % 2 else {}))
            except Exception:
                return
            with lock:
                acked.write(key + "\n")

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    acked.close()


def verify(bucket, acked_path):
    acked = [line.strip() for line in open(acked_path) if line.strip()]
    out = {"acked": len(acked), "acked_bad": [], "listed": 0, "listed_bad": []}
    for key in acked:
        try:
            body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
            if body != content(key):
                out["acked_bad"].append(key)
        except Exception as e:
            out["acked_bad"].append(f"{key}: {e}")
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            out["listed"] += 1
            key = item["Key"]
            body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
            if body != content(key) or item["Size"] != len(body):
                out["listed_bad"].append(key)
    print(json.dumps(out))


if __name__ == "__main__":
    command, bucket, acked_path = sys.argv[1:4]
    if command == "upload":
        upload(bucket, acked_path)
    else:
        verify(bucket, acked_path)
