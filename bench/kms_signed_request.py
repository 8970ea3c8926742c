#!/usr/bin/env python3
"""Writes one SigV4-signed KMS request for wrk to replay (bench/kms.lua).

Creates the key the workload needs with boto3 (unless --key-id is given), prepares what the request carries
(a signature to verify, an RSA ciphertext to decrypt), then signs `TrentService.<Operation>` with botocore
exactly as boto3 would, and writes:
  <out>/headers.txt  "Name: value" lines (X-Amz-Date, Authorization, X-Amz-Target, Content-Type)
  <out>/body.json    the request body
and prints the key id. Workloads (--workload, default generate-data-key):
  generate-data-key   GenerateDataKey, AES_256, with an S3-like encryption context (symmetric key)
  sign-rsa-pss        Sign, RSA_2048 SIGN_VERIFY, RSASSA_PSS_SHA_256, a 32-byte RAW message
  sign-ecc            Sign, ECC_NIST_P256, ECDSA_SHA_256
  verify-rsa-pss      Verify of a valid RSASSA_PSS_SHA_256 signature
  verify-ecc          Verify of a valid ECDSA_SHA_256 signature
  decrypt-rsa         Decrypt, RSA_2048 ENCRYPT_DECRYPT, RSAES_OAEP_SHA_256, a 32-byte plaintext
The signature stays valid for the server's 15-minute clock-skew window, so run wrk right away.
"""
import argparse
import base64
import json
import os

import boto3
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

MESSAGE = bytes(range(32))

# workload -> (operation, CreateKey arguments, algorithm)
WORKLOADS = {
    "generate-data-key": ("GenerateDataKey", {}, None),
    "sign-rsa-pss": ("Sign", {"KeySpec": "RSA_2048", "KeyUsage": "SIGN_VERIFY"}, "RSASSA_PSS_SHA_256"),
    "sign-ecc": ("Sign", {"KeySpec": "ECC_NIST_P256", "KeyUsage": "SIGN_VERIFY"}, "ECDSA_SHA_256"),
    "verify-rsa-pss": ("Verify", {"KeySpec": "RSA_2048", "KeyUsage": "SIGN_VERIFY"}, "RSASSA_PSS_SHA_256"),
    "verify-ecc": ("Verify", {"KeySpec": "ECC_NIST_P256", "KeyUsage": "SIGN_VERIFY"}, "ECDSA_SHA_256"),
    "decrypt-rsa": ("Decrypt", {"KeySpec": "RSA_2048", "KeyUsage": "ENCRYPT_DECRYPT"}, "RSAES_OAEP_SHA_256"),
}

ap = argparse.ArgumentParser()
ap.add_argument("--endpoint", default=os.environ.get("ENDPOINT", "http://127.0.0.1:9000"))
ap.add_argument("--key-id", default="")
ap.add_argument("--workload", default="generate-data-key", choices=sorted(WORKLOADS))
ap.add_argument("--out", required=True)
a = ap.parse_args()

# The server's own variables first, then the AWS CLI's, then Coffer's published default pair.
access = os.environ.get("COFFER_ACCESS_KEY_ID") or os.environ.get("AWS_ACCESS_KEY_ID") or "COFFERACCESSKEY0000"
secret = (os.environ.get("COFFER_SECRET_ACCESS_KEY") or os.environ.get("AWS_SECRET_ACCESS_KEY")
          or "coffer-secret-change-me")
region = os.environ.get("AWS_REGION", "us-east-1")

operation, key_arguments, algorithm = WORKLOADS[a.workload]
kms = boto3.client("kms", endpoint_url=a.endpoint, region_name=region,
                   aws_access_key_id=access, aws_secret_access_key=secret)
key_id = a.key_id or kms.create_key(Description=f"bench {a.workload}", **key_arguments)["KeyMetadata"]["KeyId"]


def b64(data):
    return base64.b64encode(data).decode()


if operation == "GenerateDataKey":
    body = {"KeyId": key_id, "KeySpec": "AES_256",
            "EncryptionContext": {"aws:s3:arn": "arn:aws:s3:::bench/object"}}
elif operation == "Sign":
    body = {"KeyId": key_id, "Message": b64(MESSAGE), "MessageType": "RAW", "SigningAlgorithm": algorithm}
elif operation == "Verify":
    signature = kms.sign(KeyId=key_id, Message=MESSAGE, MessageType="RAW", SigningAlgorithm=algorithm)["Signature"]
    body = {"KeyId": key_id, "Message": b64(MESSAGE), "MessageType": "RAW", "SigningAlgorithm": algorithm,
            "Signature": b64(signature)}
else:  # Decrypt with an RSA key
    ciphertext = kms.encrypt(KeyId=key_id, Plaintext=MESSAGE, EncryptionAlgorithm=algorithm)["CiphertextBlob"]
    body = {"KeyId": key_id, "CiphertextBlob": b64(ciphertext), "EncryptionAlgorithm": algorithm}

body = json.dumps(body)
request = AWSRequest(method="POST", url=a.endpoint + "/", data=body, headers={
    "X-Amz-Target": f"TrentService.{operation}",
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
