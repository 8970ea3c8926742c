"""boto3 and S3 Bucket Keys against Coffer: prints one JSON summary line.

Checks that boto3 sees BucketKeyEnabled on PUT, GET and HEAD, both when the PUT asks for a bucket key and when
the bucket's default encryption does, and that an explicit object-level False wins over the bucket default.
Run by InteropTests/BucketKeyBoto3Tests.swift.
"""
import json
import os

import boto3

endpoint = os.environ["COFFER_ENDPOINT"]
s3 = boto3.client("s3", endpoint_url=endpoint)
kms = boto3.client("kms", endpoint_url=endpoint)
out = {}

key_arn = kms.create_key(Description="bucket keys")["KeyMetadata"]["Arn"]
body = b"bucket keys from boto3\n" * 100


def flags(bucket, key, **put_arguments):
    """BucketKeyEnabled as boto3 reports it on PUT, GET and HEAD (None when the header is absent)."""
    put = s3.put_object(Bucket=bucket, Key=key, Body=body, **put_arguments)
    got = s3.get_object(Bucket=bucket, Key=key)
    intact = got["Body"].read() == body
    head = s3.head_object(Bucket=bucket, Key=key)
    return {
        "put": put.get("BucketKeyEnabled"),
        "get": got.get("BucketKeyEnabled"),
        "head": head.get("BucketKeyEnabled"),
        "intact": intact,
        "arn": head.get("SSEKMSKeyId"),
    }


# Object level: the PUT asks for a bucket key.
s3.create_bucket(Bucket="boto3-object-level")
out["object_level"] = flags("boto3-object-level", "asked", ServerSideEncryption="aws:kms", SSEKMSKeyId=key_arn,
                            BucketKeyEnabled=True)

# Bucket level: the default encryption asks for it, the PUT says nothing.
s3.create_bucket(Bucket="boto3-bucket-level")
s3.put_bucket_encryption(Bucket="boto3-bucket-level", ServerSideEncryptionConfiguration={"Rules": [{
    "ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key_arn},
    "BucketKeyEnabled": True}]})
rule = s3.get_bucket_encryption(Bucket="boto3-bucket-level")["ServerSideEncryptionConfiguration"]["Rules"][0]
out["bucket_rule"] = rule.get("BucketKeyEnabled")
out["bucket_level"] = flags("boto3-bucket-level", "default")

# An explicit False on the PUT overrides the bucket default.
out["explicit_false"] = flags("boto3-bucket-level", "opted-out", BucketKeyEnabled=False)

print(json.dumps(out))
