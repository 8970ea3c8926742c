"""The lecture's quota point against a Coffer started with a low symmetric quota (--kms-quota-symmetric N).

argv[1] is the burst size. Three bursts, each after the bucket of tokens has refilled:
1. direct GenerateDataKey calls: the calls over the quota get ThrottlingException;
2. SSE-KMS PUTs to a bucket without Bucket Keys: one GenerateDataKey each, so some get 503 SlowDown;
3. the same PUTs to a bucket with Bucket Keys: one GenerateDataKey for the whole burst, so none fail.
Retries are off so every throttle is seen. Prints one JSON line of counts and error codes.
"""
import json
import os
import sys
import time
from collections import Counter

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint = os.environ["COFFER_ENDPOINT"]
burst = int(sys.argv[1])
config = Config(retries={"total_max_attempts": 1, "mode": "standard"})
kms = boto3.client("kms", endpoint_url=endpoint, config=config)
s3 = boto3.client("s3", endpoint_url=endpoint, config=config)


def run(call):
    outcomes = Counter()
    messages = set()
    for i in range(burst):
        try:
            call(i)
            outcomes["ok"] += 1
        except ClientError as e:
            error = e.response["Error"]
            outcomes["%s %d" % (error["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"])] += 1
            messages.add(error.get("Message", ""))
    return {"outcomes": dict(outcomes), "messages": sorted(messages)}


key = kms.create_key(Description="quota")["KeyMetadata"]["Arn"]
for bucket, bucket_key in [("no-bucket-key", False), ("with-bucket-key", True)]:
    s3.create_bucket(Bucket=bucket)
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={"Rules": [{
        "ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key},
        "BucketKeyEnabled": bucket_key}]})

out = {}
time.sleep(1.5)
out["kms"] = run(lambda i: kms.generate_data_key(KeyId=key, KeySpec="AES_256"))
time.sleep(1.5)
out["s3_without_bucket_keys"] = run(lambda i: s3.put_object(Bucket="no-bucket-key", Key="o%d" % i, Body=b"x"))
time.sleep(1.5)
out["s3_with_bucket_keys"] = run(lambda i: s3.put_object(Bucket="with-bucket-key", Key="o%d" % i, Body=b"x"))
print(json.dumps(out, sort_keys=True))
