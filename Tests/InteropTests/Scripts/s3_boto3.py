"""boto3's s3 client with default settings against Coffer: prints one JSON summary line.

Defaults matter here: boto3 1.43 sends CRC32 checksums, signs payloads over http, and presigns
with SigV2 in us-east-1. Run by InteropTests/S3Boto3Tests.swift.
"""
import base64
import json
import os
import urllib.request
import urllib.error

import boto3
from botocore.exceptions import ClientError

endpoint = os.environ["COFFER_ENDPOINT"]
s3 = boto3.client("s3", endpoint_url=endpoint)
kms = boto3.client("kms", endpoint_url=endpoint)
out = {}


def code(call):
    try:
        call()
    except ClientError as e:
        return e.response["Error"]["Code"]
    return None


s3.create_bucket(Bucket="boto3-bucket")
out["buckets"] = [b["Name"] for b in s3.list_buckets()["Buckets"]]
body = b"0123456789" * 1000

put = s3.put_object(Bucket="boto3-bucket", Key="plain", Body=body, Metadata={"course": "kms"},
                    ContentType="text/plain")
out["put_sse"] = put.get("ServerSideEncryption")
out["put_etag"] = put["ETag"]
got = s3.get_object(Bucket="boto3-bucket", Key="plain")
out["get_ok"] = got["Body"].read() == body
out["get_meta"] = got["Metadata"]
out["get_content_type"] = got["ContentType"]
out["range"] = s3.get_object(Bucket="boto3-bucket", Key="plain", Range="bytes=5-14")["Body"].read().decode()
out["bad_range"] = code(lambda: s3.get_object(Bucket="boto3-bucket", Key="plain", Range="bytes=20000-"))

key_arn = kms.create_key()["KeyMetadata"]["Arn"]
ctx = base64.b64encode(json.dumps({"tenant": "a"}).encode()).decode()
kput = s3.put_object(Bucket="boto3-bucket", Key="kms", Body=body, ServerSideEncryption="aws:kms",
                     SSEKMSKeyId=key_arn, SSEKMSEncryptionContext=ctx)
out["kms_put"] = [kput.get("ServerSideEncryption"), kput.get("SSEKMSKeyId") == key_arn]
kget = s3.get_object(Bucket="boto3-bucket", Key="kms")
out["kms_get"] = kget["Body"].read() == body and kget.get("SSEKMSKeyId") == key_arn
khead = s3.head_object(Bucket="boto3-bucket", Key="kms")
out["kms_head"] = khead.get("ServerSideEncryption")

s3.put_bucket_encryption(Bucket="boto3-bucket", ServerSideEncryptionConfiguration={"Rules": [{
    "ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key_arn}}]})
enc = s3.get_bucket_encryption(Bucket="boto3-bucket")["ServerSideEncryptionConfiguration"]["Rules"][0]
out["bucket_default"] = enc["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"]
dput = s3.put_object(Bucket="boto3-bucket", Key="default", Body=b"x")
out["default_applied"] = dput.get("ServerSideEncryption") == "aws:kms" and dput.get("SSEKMSKeyId") == key_arn
s3.delete_bucket_encryption(Bucket="boto3-bucket")
out["after_delete"] = s3.get_bucket_encryption(Bucket="boto3-bucket")[
    "ServerSideEncryptionConfiguration"]["Rules"][0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"]

# SigV2 presigned URLs (boto3's default in us-east-1): fine for SSE-S3, refused for SSE-KMS as on AWS.
plain_url = s3.generate_presigned_url("get_object", Params={"Bucket": "boto3-bucket", "Key": "plain"})
out["presign_v2"] = "Signature=" in plain_url and "AWSAccessKeyId=" in plain_url
out["presign_plain"] = urllib.request.urlopen(plain_url).read() == body
kms_url = s3.generate_presigned_url("get_object", Params={"Bucket": "boto3-bucket", "Key": "kms"})
try:
    urllib.request.urlopen(kms_url)
    out["presign_kms"] = 200
except urllib.error.HTTPError as e:
    out["presign_kms"] = e.code

for i in range(5):
    s3.put_object(Bucket="boto3-bucket", Key=f"dir/{i}", Body=b"x")
pages = list(s3.get_paginator("list_objects_v2").paginate(Bucket="boto3-bucket", Prefix="dir/",
                                                          PaginationConfig={"PageSize": 2}))
out["pages"] = len(pages)
out["listed"] = [o["Key"] for p in pages for o in p.get("Contents", [])]
delim = s3.list_objects_v2(Bucket="boto3-bucket", Delimiter="/")
out["prefixes"] = [p["Prefix"] for p in delim.get("CommonPrefixes", [])]
deleted = s3.delete_objects(Bucket="boto3-bucket", Delete={"Objects": [{"Key": f"dir/{i}"} for i in range(5)]})
out["deleted"] = len(deleted.get("Deleted", []))
out["no_such_key"] = code(lambda: s3.get_object(Bucket="boto3-bucket", Key="missing"))
out["no_such_bucket"] = code(lambda: s3.get_object(Bucket="missing-bucket", Key="x"))
out["not_empty"] = code(lambda: s3.delete_bucket(Bucket="boto3-bucket"))
print(json.dumps(out))
