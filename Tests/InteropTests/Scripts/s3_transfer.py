"""boto3's transfer manager and paginators against Coffer: prints one JSON summary line.

Usage:
  s3_transfer.py roundtrip BUCKET FILE KEY_ARN  upload_file then download_file to FILE.back, with a 5 MiB multipart
                                                threshold and chunk size, under SSE-KMS with a Bucket Key (the
                                                bucket's default: ExtraArgs cannot ask for one), then
                                                head_object(PartNumber=1) and get_object(PartNumber=2)
  s3_transfer.py paginate                       list_objects_v2 and list_objects paginators over several pages
  s3_transfer.py empty-then-put                 a zero-byte file upload, then more on the same connection: botocore
                                                sends Expect: 100-continue for both (a 10 s read timeout, no retry)
Run by InteropTests/Boto3TransferTests.swift and LargeFileRoundTripTests.swift.
"""
import io
import json
import os
import sys

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.exceptions import ClientError

s3 = boto3.client("s3", endpoint_url=os.environ["COFFER_ENDPOINT"])
MiB = 1 << 20


def roundtrip(bucket, path, key_arn):
    try:
        s3.create_bucket(Bucket=bucket)
    except ClientError as e:
        if e.response["Error"]["Code"] != "BucketAlreadyOwnedByYou":
            raise
    # The transfer manager refuses BucketKeyEnabled in ExtraArgs: a Bucket Key comes from the bucket's default
    # encryption, which applies when the upload does not say otherwise.
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={"Rules": [{
        "ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key_arn},
        "BucketKeyEnabled": True}]})
    config = TransferConfig(multipart_threshold=5 * MiB, multipart_chunksize=5 * MiB)
    key = os.path.basename(path)
    s3.upload_file(path, bucket, key, Config=config,
                   ExtraArgs={"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": key_arn})
    head = s3.head_object(Bucket=bucket, Key=key)
    s3.download_file(bucket, key, path + ".back", Config=config)
    parts = parts_by_number(bucket, key, path)
    s3.delete_object(Bucket=bucket, Key=key)
    return {"sse": head.get("ServerSideEncryption"), "key_arn": head.get("SSEKMSKeyId"),
            "bucket_key": head.get("BucketKeyEnabled"), "length": head["ContentLength"], "etag": head["ETag"],
            **parts}


def parts_by_number(bucket, key, path):
    """head_object(PartNumber=1) and, for a multipart object, get_object(PartNumber=2), checked against the file."""
    first = s3.head_object(Bucket=bucket, Key=key, PartNumber=1)
    out = {"part1_status": first["ResponseMetadata"]["HTTPStatusCode"], "part1_length": first["ContentLength"],
           "part1_range": first.get("ContentRange"), "parts_count": first.get("PartsCount")}
    if (first.get("PartsCount") or 0) >= 2:
        second = s3.get_object(Bucket=bucket, Key=key, PartNumber=2)
        body = second["Body"].read()
        with open(path, "rb") as f:
            f.seek(first["ContentLength"])
            expected = f.read(len(body))
        out.update({"part2_status": second["ResponseMetadata"]["HTTPStatusCode"], "part2_length": len(body),
                    "part2_range": second.get("ContentRange"), "part2_matches": body == expected,
                    "part2_etag_is_object_etag": second["ETag"] == first["ETag"]})
    return out


def paginate():
    s3.create_bucket(Bucket="paginated")
    keys = [f"page/{i:02d}" for i in range(7)] + ["other/x"]
    for key in keys:
        s3.put_object(Bucket="paginated", Key=key, Body=key.encode())
    out = {}
    for operation in ["list_objects_v2", "list_objects"]:
        pages = list(s3.get_paginator(operation).paginate(
            Bucket="paginated", Prefix="page/", PaginationConfig={"PageSize": 3}))
        out[operation] = {"pages": len(pages), "keys": [o["Key"] for p in pages for o in p.get("Contents", [])],
                          "truncated": [p["IsTruncated"] for p in pages]}
    limited = s3.get_paginator("list_objects_v2").paginate(
        Bucket="paginated", PaginationConfig={"PageSize": 2, "MaxItems": 5}).build_full_result()
    out["max_items"] = [o["Key"] for o in limited["Contents"]]
    prefixes = list(s3.get_paginator("list_objects_v2").paginate(
        Bucket="paginated", Delimiter="/", PaginationConfig={"PageSize": 1}))
    out["prefixes"] = [c["Prefix"] for p in prefixes for c in p.get("CommonPrefixes", [])]
    deleted = s3.delete_objects(Bucket="paginated", Delete={"Objects": [{"Key": k} for k in keys]})
    out["deleted"] = len(deleted.get("Deleted", []))
    return out


def empty_then_put():
    from botocore.config import Config
    strict = boto3.client("s3", endpoint_url=os.environ["COFFER_ENDPOINT"],
                          config=Config(read_timeout=10, retries={"total_max_attempts": 1}))
    strict.create_bucket(Bucket="expect")
    bodies = [b"", b"after the empty one" * 100, b"", b"and again" * 100]
    for i, body in enumerate(bodies):
        strict.put_object(Bucket="expect", Key=f"k{i}", Body=io.BytesIO(body))
    sizes = [strict.head_object(Bucket="expect", Key=f"k{i}")["ContentLength"] for i in range(len(bodies))]
    return {"sizes": sizes, "expected": [len(b) for b in bodies]}


if sys.argv[1] == "empty-then-put":
    print(json.dumps(empty_then_put()))
elif sys.argv[1] == "roundtrip":
    print(json.dumps(roundtrip(sys.argv[2], sys.argv[3], sys.argv[4])))
else:
    print(json.dumps(paginate()))
