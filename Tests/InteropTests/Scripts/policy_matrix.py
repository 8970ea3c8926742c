"""The policy matrix of issue #5 against a real Coffer: principals x keys x operations.

argv[1] is the users file the server was started with (--users). As root, the script creates a bucket (Bucket
Keys off), four keys (default policy, custom policy, explicit Deny, a grant) and one SSE-KMS object per key.
Then every principal (root, alice, bob, carol of another account) calls GenerateDataKey directly, PUTs an object
with SSE-KMS under each key and GETs the object root wrote. Prints one JSON line: {"<who>/<key>/<op>": outcome},
where an outcome is "ok" or "<error code> <HTTP status>". Run by InteropTests/PolicyMatrixTests.swift, which
holds the expected outcome of each cell and the AWS rule that decides it.
"""
import json
import os
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint = os.environ["COFFER_ENDPOINT"]
config = Config(retries={"total_max_attempts": 1, "mode": "standard"})
users = {u["name"]: u for u in json.load(open(sys.argv[1]))["users"]}


def clients(name):
    if name == "root":
        session = boto3.session.Session()
    else:
        user = users[name]
        session = boto3.session.Session(aws_access_key_id=user["accessKeyId"],
                                        aws_secret_access_key=user["secretAccessKey"])
    return (session.client("kms", endpoint_url=endpoint, config=config),
            session.client("s3", endpoint_url=endpoint, config=config))


def outcome(call):
    try:
        call()
        return "ok"
    except ClientError as e:
        return "%s %d" % (e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"])


kms, s3 = clients("root")
account = "111122223333"
root_arn = "arn:aws:iam::%s:root" % account
bob_arn = "arn:aws:iam::%s:user/bob" % account
alice_arn = "arn:aws:iam::%s:user/alice" % account
carol_account = users["carol"]["accountId"]

root_statement = {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": root_arn},
                  "Action": "kms:*", "Resource": "*"}
custom = {"Version": "2012-10-17", "Statement": [
    {"Sid": "RootUserOnly", "Effect": "Allow", "Principal": {"AWS": root_arn}, "Action": "kms:*", "Resource": "*",
     "Condition": {"StringEquals": {"aws:PrincipalArn": root_arn}}},
    {"Sid": "KeyUsers", "Effect": "Allow",
     "Principal": {"AWS": [bob_arn, "arn:aws:iam::%s:root" % carol_account]},
     "Action": ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey"], "Resource": "*"}]}
deny = {"Version": "2012-10-17", "Statement": [root_statement,
    {"Sid": "DenyAlice", "Effect": "Deny", "Principal": {"AWS": alice_arn}, "Action": "kms:*", "Resource": "*"}]}

keys = {
    "default": kms.create_key(Description="default policy")["KeyMetadata"]["Arn"],
    "custom": kms.create_key(Description="custom policy", Policy=json.dumps(custom))["KeyMetadata"]["Arn"],
    "deny": kms.create_key(Description="explicit deny", Policy=json.dumps(deny))["KeyMetadata"]["Arn"],
    "grant": kms.create_key(Description="grant to bob")["KeyMetadata"]["Arn"],
}
kms.create_grant(KeyId=keys["grant"], GranteePrincipal=bob_arn,
                 Operations=["Encrypt", "Decrypt", "GenerateDataKey"])

bucket = "policy-matrix"
s3.create_bucket(Bucket=bucket)
for name, arn in keys.items():
    s3.put_object(Bucket=bucket, Key="setup/" + name, Body=b"written by root", ServerSideEncryption="aws:kms",
                  SSEKMSKeyId=arn, BucketKeyEnabled=False)

out = {}
for who in ["root", "alice", "bob", "carol"]:
    k, s = clients(who)
    for name, arn in keys.items():
        out["%s/%s/kms" % (who, name)] = outcome(lambda: k.generate_data_key(KeyId=arn, KeySpec="AES_256"))
        out["%s/%s/put" % (who, name)] = outcome(lambda: s.put_object(
            Bucket=bucket, Key="by-%s/%s" % (who, name), Body=b"data", ServerSideEncryption="aws:kms",
            SSEKMSKeyId=arn, BucketKeyEnabled=False))

        def get():
            body = s.get_object(Bucket=bucket, Key="setup/" + name)["Body"].read()
            assert body == b"written by root"
        out["%s/%s/get" % (who, name)] = outcome(get)

print(json.dumps(out, sort_keys=True))
