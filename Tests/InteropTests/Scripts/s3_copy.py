"""boto3 copy_object against Coffer, changing encryption: prints one JSON summary line.

Covers: a copy across buckets from SSE-KMS key A to key B with a bucket key, in-place re-encryption to SSE-S3,
the illegal no-change self-copy, copy-source conditions, the metadata directive, a key that needs URL encoding,
get_object_attributes and a conditional put. Run by InteropTests/CopyInteropTests.swift.
"""
import json
import os

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


s3.create_bucket(Bucket="copy-src")
s3.create_bucket(Bucket="copy-dst")
key_a = kms.create_key()["KeyMetadata"]["Arn"]
key_b = kms.create_key()["KeyMetadata"]["Arn"]
body = bytes(range(256)) * 4096  # 1 MiB
source_key = "dir/a b+ü.bin"

put = s3.put_object(Bucket="copy-src", Key=source_key, Body=body, ServerSideEncryption="aws:kms", SSEKMSKeyId=key_a,
                    Metadata={"course": "kms"}, ContentType="application/octet-stream")
src = {"Bucket": "copy-src", "Key": source_key}

copied = s3.copy_object(Bucket="copy-dst", Key="copy.bin", CopySource=src, ServerSideEncryption="aws:kms",
                        SSEKMSKeyId=key_b, BucketKeyEnabled=True)
out["copy_etag_matches"] = copied["CopyObjectResult"]["ETag"] == put["ETag"]
out["copy_sse"] = [copied.get("ServerSideEncryption"), copied.get("SSEKMSKeyId") == key_b,
                   copied.get("BucketKeyEnabled") is True]
got = s3.get_object(Bucket="copy-dst", Key="copy.bin")
out["copy_body"] = got["Body"].read() == body
out["copy_meta"] = got["Metadata"]
out["copy_get_key_b"] = got.get("SSEKMSKeyId") == key_b
head_src = s3.head_object(Bucket="copy-src", Key=source_key)
out["source_kept_key_a"] = head_src.get("SSEKMSKeyId") == key_a

inplace = s3.copy_object(Bucket="copy-src", Key=source_key, CopySource=src, ServerSideEncryption="AES256")
out["inplace_sse"] = inplace.get("ServerSideEncryption")
out["inplace_body"] = s3.get_object(Bucket="copy-src", Key=source_key)["Body"].read() == body
out["no_change"] = code(lambda: s3.copy_object(Bucket="copy-src", Key=source_key, CopySource=src))
out["if_match"] = code(lambda: s3.copy_object(Bucket="copy-dst", Key="x", CopySource=src,
                                              CopySourceIfMatch='"00000000000000000000000000000000"'))
out["if_none_match_ok"] = code(lambda: s3.copy_object(Bucket="copy-dst", Key="y", CopySource=src,
                                                      CopySourceIfNoneMatch='"0"')) is None
out["missing_source"] = code(lambda: s3.copy_object(Bucket="copy-dst", Key="z",
                                                    CopySource={"Bucket": "copy-src", "Key": "missing"}))

s3.copy_object(Bucket="copy-dst", Key="replaced", CopySource=src, MetadataDirective="REPLACE",
               Metadata={"new": "1"}, ContentType="text/plain")
replaced = s3.head_object(Bucket="copy-dst", Key="replaced")
out["replaced"] = [replaced["Metadata"], replaced["ContentType"]]

attributes = s3.get_object_attributes(Bucket="copy-dst", Key="copy.bin",
                                      ObjectAttributes=["ETag", "ObjectSize", "StorageClass"])
out["attributes"] = [attributes.get("ETag") == put["ETag"].strip('"'), attributes.get("ObjectSize"),
                     attributes.get("StorageClass")]

s3.put_object(Bucket="copy-dst", Key="once", Body=b"1", IfNoneMatch="*")
out["put_if_none_match"] = code(lambda: s3.put_object(Bucket="copy-dst", Key="once", Body=b"2", IfNoneMatch="*"))
print(json.dumps(out))
