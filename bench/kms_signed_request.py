#!/usr/bin/env python3
"""Writes one SigV4-signed KMS GenerateDataKey request for wrk to replay (bench/kms.lua).

Creates a customer managed key with boto3 (unless --key-id is given), then signs
`TrentService.GenerateDataKey` with botocore exactly as boto3 would, and writes:
  <out>/headers.txt  "Name: value" lines (X-Amz-Date, Authorization, X-Amz-Target, Content-Type)
  <out>/body.json    the request body
The signature stays valid for the server's 15-minute clock-skew window, so run wrk right away.
"""
import argparse
import json
import os

import boto3
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ap = argparse.ArgumentParser()
ap.add_argument("--endpoint", default=os.environ.get("ENDPOINT", "http://127.0.0.1:9000"))
ap.add_argument("--key-id", default="")
ap.add_argument("--operation", default="GenerateDataKey")
ap.add_argument("--out", required=True)
a = ap.parse_args()

# The server's own variables first, then the AWS CLI's, then Coffer's published default pair.
access = os.environ.get("COFFER_ACCESS_KEY_ID") or os.environ.get("AWS_ACCESS_KEY_ID") or "COFFERACCESSKEY0000"
secret = (os.environ.get("COFFER_SECRET_ACCESS_KEY") or os.environ.get("AWS_SECRET_ACCESS_KEY")
          or "coffer-secret-change-me")
region = os.environ.get("AWS_REGION", "us-east-1")

key_id = a.key_id
if not key_id:
    kms = boto3.client("kms", endpoint_url=a.endpoint, region_name=region,
                       aws_access_key_id=access, aws_secret_access_key=secret)
    key_id = kms.create_key(Description="bench")["KeyMetadata"]["KeyId"]

body = json.dumps({"KeyId": key_id, "KeySpec": "AES_256",
                   "EncryptionContext": {"aws:s3:arn": "arn:aws:s3:::bench/object"}})
request = AWSRequest(method="POST", url=a.endpoint + "/", data=body, headers={
    "X-Amz-Target": f"TrentService.{a.operation}",
    "Content-Type": "application/x-amz-json-1.1",
})
SigV4Auth(Credentials(access, secret), "kms", region).add_auth(request)
os.makedirs(a.out, exist_ok=True)
with open(os.path.join(a.out, "headers.txt"), "w") as f:
    for name, value in request.headers.items():
        f.write(f"{name}: {value}\n")
with open(os.path.join(a.out, "body.json"), "w") as f:
    f.write(body)
print(key_id)
