"""boto3's copy_object with new SSE parameters against Coffer: prints one JSON summary line.

Usage: s3_copy_sse.py KEY_A_ARN KEY_B_ARN. Copies an SSE-S3 object to SSE-KMS under key A with a Bucket Key, then onto
itself changing only the encryption (key B, no Bucket Key, as AWS allows), then with REPLACE metadata back to
SSE-S3, checking bytes and encryption after each. Run by InteropTests/Boto3TransferTests.swift.
"""
import json
import os
import sys

import boto3

s3 = boto3.client("s3", endpoint_url=os.environ["COFFER_ENDPOINT"])
key_a, key_b = sys.argv[1], sys.argv[2]
bucket = "copy-bucket"
body = os.urandom(256 * 1024)
out = {}


def state(key):
    got = s3.get_object(Bucket=bucket, Key=key)
    return {"sse": got.get("ServerSideEncryption"), "key_arn": got.get("SSEKMSKeyId"),
            "bucket_key": bool(got.get("BucketKeyEnabled")), "metadata": got["Metadata"],
            "intact": got["Body"].read() == body}


s3.create_bucket(Bucket=bucket)
s3.create_bucket(Bucket=bucket + "-other")
s3.put_object(Bucket=bucket, Key="source", Body=body, Metadata={"origin": "sse-s3"})
out["source"] = state("source")

copied = s3.copy_object(Bucket=bucket, Key="kms", CopySource={"Bucket": bucket, "Key": "source"},
                        ServerSideEncryption="aws:kms", SSEKMSKeyId=key_a, BucketKeyEnabled=True)
out["copy_response"] = [copied.get("ServerSideEncryption"), copied.get("SSEKMSKeyId"),
                        bool(copied.get("BucketKeyEnabled"))]
out["kms"] = state("kms")

s3.copy_object(Bucket=bucket, Key="kms", CopySource={"Bucket": bucket, "Key": "kms"},
               ServerSideEncryption="aws:kms", SSEKMSKeyId=key_b, BucketKeyEnabled=False)
out["in_place"] = state("kms")

s3.copy_object(Bucket=bucket + "-other", Key="back", CopySource={"Bucket": bucket, "Key": "kms"},
               ServerSideEncryption="AES256", MetadataDirective="REPLACE", Metadata={"origin": "replaced"})
got = s3.get_object(Bucket=bucket + "-other", Key="back")
out["other_bucket"] = {"sse": got.get("ServerSideEncryption"), "key_arn": got.get("SSEKMSKeyId"),
                       "metadata": got["Metadata"], "intact": got["Body"].read() == body}
print(json.dumps(out))
