"""boto3 against Coffer's bucket policies and Block Public Access: prints one JSON summary line.

Covers: the default Block Public Access of a new bucket, BlockPublicPolicy refusing a public policy, a public-read
policy letting an unsigned client read (and not write), RestrictPublicBuckets taking it back, GetBucketPolicyStatus,
MalformedPolicy, and the classic policy requiring SSE-KMS under one key with put_object and
create_multipart_upload. Run by InteropTests/BucketPolicyInteropTests.swift.
"""
import json
import os

import boto3
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint = os.environ["COFFER_ENDPOINT"]
s3 = boto3.client("s3", endpoint_url=endpoint)
kms = boto3.client("kms", endpoint_url=endpoint)
anonymous = boto3.client("s3", endpoint_url=endpoint, config=Config(signature_version=UNSIGNED))
out = {}


def code(call):
    try:
        call()
    except ClientError as e:
        return e.response["Error"]["Code"]
    return None


s3.create_bucket(Bucket="pub")
s3.put_object(Bucket="pub", Key="cat.txt", Body=b"meow")
out["default_block"] = s3.get_public_access_block(Bucket="pub")["PublicAccessBlockConfiguration"]
public_read = {"Version": "2012-10-17", "Statement": [{
    "Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:::pub/*"}]}
out["blocked"] = code(lambda: s3.put_bucket_policy(Bucket="pub", Policy=json.dumps(public_read)))
out["anonymous_before"] = code(lambda: anonymous.get_object(Bucket="pub", Key="cat.txt"))
s3.put_public_access_block(Bucket="pub", PublicAccessBlockConfiguration={
    "BlockPublicAcls": False, "IgnorePublicAcls": False, "BlockPublicPolicy": False, "RestrictPublicBuckets": False})
s3.put_bucket_policy(Bucket="pub", Policy=json.dumps(public_read))
out["policy_round_trip"] = json.loads(s3.get_bucket_policy(Bucket="pub")["Policy"]) == public_read
out["is_public"] = s3.get_bucket_policy_status(Bucket="pub")["PolicyStatus"]["IsPublic"]
out["anonymous_get"] = anonymous.get_object(Bucket="pub", Key="cat.txt")["Body"].read().decode()
out["anonymous_put"] = code(lambda: anonymous.put_object(Bucket="pub", Key="x", Body=b"x"))
s3.put_public_access_block(Bucket="pub", PublicAccessBlockConfiguration={"RestrictPublicBuckets": True})
out["anonymous_restricted"] = code(lambda: anonymous.get_object(Bucket="pub", Key="cat.txt"))
out["malformed"] = code(lambda: s3.put_bucket_policy(Bucket="pub", Policy='{"Version": "2012-10-17"}'))
s3.delete_bucket_policy(Bucket="pub")
out["after_delete"] = code(lambda: s3.get_bucket_policy(Bucket="pub"))
s3.delete_public_access_block(Bucket="pub")
out["no_block"] = code(lambda: s3.get_public_access_block(Bucket="pub"))

# The classic policy: every upload SSE-KMS, under this key.
key = kms.create_key()["KeyMetadata"]["Arn"]
other = kms.create_key()["KeyMetadata"]["Arn"]
s3.create_bucket(Bucket="guarded")
require_kms = {"Version": "2012-10-17", "Statement": [
    {"Sid": "DenyIncorrectEncryptionHeader", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject",
     "Resource": "arn:aws:s3:::guarded/*",
     "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption": "aws:kms"}}},
    {"Sid": "DenyUnEncryptedObjectUploads", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject",
     "Resource": "arn:aws:s3:::guarded/*", "Condition": {"Null": {"s3:x-amz-server-side-encryption": "true"}}},
    {"Sid": "DenyOtherKeys", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject",
     "Resource": "arn:aws:s3:::guarded/*",
     "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption-aws-kms-key-id": key}}}]}
s3.put_bucket_policy(Bucket="guarded", Policy=json.dumps(require_kms))
out["guarded_public"] = s3.get_bucket_policy_status(Bucket="guarded")["PolicyStatus"]["IsPublic"]
out["plain_put"] = code(lambda: s3.put_object(Bucket="guarded", Key="a", Body=b"a"))
out["aes_put"] = code(lambda: s3.put_object(Bucket="guarded", Key="a", Body=b"a", ServerSideEncryption="AES256"))
out["other_key_put"] = code(lambda: s3.put_object(
    Bucket="guarded", Key="a", Body=b"a", ServerSideEncryption="aws:kms", SSEKMSKeyId=other))
out["right_put"] = s3.put_object(
    Bucket="guarded", Key="a", Body=b"a", ServerSideEncryption="aws:kms", SSEKMSKeyId=key)["SSEKMSKeyId"] == key
out["plain_multipart"] = code(lambda: s3.create_multipart_upload(Bucket="guarded", Key="m"))
out["right_multipart"] = "UploadId" in s3.create_multipart_upload(
    Bucket="guarded", Key="m", ServerSideEncryption="aws:kms", SSEKMSKeyId=key)
print(json.dumps(out))
