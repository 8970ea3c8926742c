"""Checks of a Coffer cluster (several nodes on one PostgreSQL and one blob store), driven by boto3.

  cluster_check.py crossnode   read-after-write across nodes for PUT, multipart, copy, delete and list
  cluster_check.py race        24 concurrent `If-None-Match: *` PUTs of one key, spread over the nodes
  cluster_check.py disable     DisableKey on one node, then how long until another node refuses SSE-KMS (5 tries)
  cluster_check.py probe       one PUT and one GET on the first node; prints the HTTP statuses

The nodes are COFFER_NODES (comma-separated endpoints). Each command prints one JSON line. Run by InteropTests.
"""
import concurrent.futures
import hashlib
import json
import os
import statistics
import sys
import time

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

NODES = os.environ["COFFER_NODES"].split(",")
MARKER = os.environ.get("COFFER_MARKER", "coffer-cluster-plaintext-marker")
CONFIG = Config(retries={"total_max_attempts": 1}, connect_timeout=2, read_timeout=20,
                s3={"addressing_style": "path"})


def s3(node):
    return boto3.client("s3", endpoint_url=NODES[node], config=CONFIG)


def kms(node):
    return boto3.client("kms", endpoint_url=NODES[node], config=CONFIG)


def code(error):
    return error.response.get("Error", {}).get("Code", "")


def body(size, seed):
    line = f"{MARKER} {seed} ".encode()
    return (line * (size // len(line) + 1))[:size]


def crossnode():
    problems = []
    a, b, c = s3(0), s3(1), s3(2 % len(NODES))
    a.create_bucket(Bucket="cluster")
    small, medium = body(100, "small"), body(200_000, "medium")
    a.put_object(Bucket="cluster", Key="small.txt", Body=small)
    b.put_object(Bucket="cluster", Key="medium.txt", Body=medium, ServerSideEncryption="aws:kms")
    for name, node in (("b", b), ("c", c), ("a", a)):
        for key, expected in (("small.txt", small), ("medium.txt", medium)):
            got = node.get_object(Bucket="cluster", Key=key)["Body"].read()
            if got != expected:
                problems.append(f"GET {key} on {name}: {len(got)} bytes, not the PUT's")
            if node.head_object(Bucket="cluster", Key=key)["ContentLength"] != len(expected):
                problems.append(f"HEAD {key} on {name}")
        listed = [o["Key"] for o in node.list_objects_v2(Bucket="cluster").get("Contents", [])]
        if listed != ["medium.txt", "small.txt"]:
            problems.append(f"LIST on {name}: {listed}")
    # Multipart: started on A, parts on B and C, completed on A, read on C.
    upload = a.create_multipart_upload(Bucket="cluster", Key="large.bin", ServerSideEncryption="aws:kms")
    parts, expected = [], b""
    for number, node in ((1, b), (2, c), (3, a)):
        part = body(5 * 1024 * 1024 if number < 3 else 1000, f"part{number}")
        expected += part
        etag = node.upload_part(Bucket="cluster", Key="large.bin", UploadId=upload["UploadId"], PartNumber=number,
                                Body=part)["ETag"]
        parts.append({"PartNumber": number, "ETag": etag})
    a.complete_multipart_upload(Bucket="cluster", Key="large.bin", UploadId=upload["UploadId"],
                                MultipartUpload={"Parts": parts})
    if hashlib.sha256(c.get_object(Bucket="cluster", Key="large.bin")["Body"].read()).digest() != \
            hashlib.sha256(expected).digest():
        problems.append("multipart object read on C differs")
    # Copy on C, read on B; delete on A, gone on B and C at once.
    c.copy_object(Bucket="cluster", Key="copy.txt", CopySource={"Bucket": "cluster", "Key": "medium.txt"})
    if b.get_object(Bucket="cluster", Key="copy.txt")["Body"].read() != medium:
        problems.append("copy read on B differs")
    a.delete_object(Bucket="cluster", Key="small.txt")
    for name, node in (("b", b), ("c", c)):
        try:
            node.get_object(Bucket="cluster", Key="small.txt")
            problems.append(f"deleted object still read on {name}")
        except ClientError as error:
            if code(error) != "NoSuchKey":
                problems.append(f"deleted object on {name}: {code(error)}")
    listed = [o["Key"] for o in b.list_objects_v2(Bucket="cluster").get("Contents", [])]
    if listed != ["copy.txt", "large.bin", "medium.txt"]:
        problems.append(f"LIST after delete on b: {listed}")
    print(json.dumps({"problems": problems}))


def race():
    s3(0).create_bucket(Bucket="race")
    clients = [s3(n) for n in range(len(NODES))]

    def attempt(index):
        try:
            clients[index % len(clients)].put_object(Bucket="race", Key="winner", Body=f"writer {index}".encode(),
                                                     IfNoneMatch="*")
            return "ok"
        except ClientError as error:
            return code(error)

    with concurrent.futures.ThreadPoolExecutor(24) as pool:
        outcomes = list(pool.map(attempt, range(24)))
    stored = clients[-1].get_object(Bucket="race", Key="winner")["Body"].read().decode()
    print(json.dumps({"outcomes": outcomes, "stored": stored}))


def disable():
    keys = kms(0)
    key = keys.create_key(Description="cluster propagation")["KeyMetadata"]["KeyId"]
    writer = s3(1)
    writer.create_bucket(Bucket="propagation")
    delays = []
    for attempt in range(5):
        deadline = time.monotonic() + 10
        while True:  # bounded: until the other node uses the (re-)enabled key, at most 10 s
            try:
                writer.put_object(Bucket="propagation", Key="probe", Body=b"x", ServerSideEncryption="aws:kms",
                                  SSEKMSKeyId=key)
                break
            except ClientError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.01)
        keys.disable_key(KeyId=key)
        start = time.monotonic()
        refused = None
        while time.monotonic() - start < 10:  # bounded
            try:
                writer.put_object(Bucket="propagation", Key="probe", Body=b"x", ServerSideEncryption="aws:kms",
                                  SSEKMSKeyId=key)
            except ClientError as error:
                refused = code(error)
                break
        delays.append(round((time.monotonic() - start) * 1000, 1))
        if refused is None:
            print(json.dumps({"error": "never refused", "delays_ms": delays}))
            return
        keys.enable_key(KeyId=key)
    print(json.dumps({"delays_ms": delays, "median_ms": statistics.median(delays), "max_ms": max(delays),
                      "refusal": refused, "key": key}))


def probe():
    client = s3(0)
    statuses = {}
    for name, call in (("put", lambda: client.put_object(Bucket="cluster", Key="probe.txt", Body=b"probe")),
                       ("get", lambda: client.get_object(Bucket="cluster", Key="medium.txt")["Body"].read())):
        try:
            call()
            statuses[name] = 200
        except ClientError as error:
            statuses[name] = error.response["ResponseMetadata"]["HTTPStatusCode"]
            statuses[name + "_code"] = code(error)
    print(json.dumps(statuses))


if __name__ == "__main__":
    {"crossnode": crossnode, "race": race, "disable": disable, "probe": probe}[sys.argv[1]]()
