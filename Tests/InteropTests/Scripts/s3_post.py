"""Browser POST uploads against Coffer: boto3's generate_presigned_post posted with requests, a SigV2 form built by
hand, and curl -F. Prints one JSON summary line. Run by InteropTests/PostUploadInteropTests.swift.

Usage: s3_post.py forms BUCKET KMS_KEY_ARN | s3_post.py big BUCKET KEY FILE
"""
import base64
import datetime
import hashlib
import hmac
import html
import json
import os
import subprocess
import sys

import boto3
import requests
from botocore.config import Config

endpoint = os.environ["COFFER_ENDPOINT"]
s3 = boto3.client("s3", endpoint_url=endpoint)
# boto3's default presigned POST is SigV2 (AWSAccessKeyId, signature); s3v4 makes the SigV4 form.
s3v4 = boto3.client("s3", endpoint_url=endpoint, config=Config(signature_version="s3v4"))
out = {}


def post(presigned, file_name, data, override=None):
    fields = dict(presigned["fields"])
    fields.update(override or {})
    return requests.post(presigned["url"], data=fields, files={"file": (file_name, data)}, timeout=120)


def error(response):
    text = response.text
    code = text.split("<Code>")[1].split("</Code>")[0] if "<Code>" in text else None
    message = html.unescape(text.split("<Message>")[1].split("</Message>")[0]) if "<Message>" in text else None
    return [response.status_code, code, message]


def forms(bucket, kms_key):
    s3.create_bucket(Bucket=bucket)
    body = bytes(range(256)) * 40

    # Defaults: only the key (with ${filename}) and the signature fields (SigV2 by default, then SigV4).
    plain = s3.generate_presigned_post(bucket, "plain/${filename}")
    r = post(plain, "photo.bin", body)
    out["plain"] = [r.status_code, r.headers.get("ETag") == '"%s"' % hashlib.md5(body).hexdigest()]
    out["plain_body"] = s3.get_object(Bucket=bucket, Key="plain/photo.bin")["Body"].read() == body
    out["plain_v2_form"] = "AWSAccessKeyId" in plain["fields"]
    plain_v4 = s3v4.generate_presigned_post(bucket, "plain4/${filename}")
    out["plain_v4"] = [post(plain_v4, "p.bin", body).status_code, "x-amz-signature" in plain_v4["fields"]]

    # SSE-KMS under a named key, a bucket key, a 201 answer, and a length range.
    fields = {"x-amz-server-side-encryption": "aws:kms", "x-amz-server-side-encryption-aws-kms-key-id": kms_key,
              "x-amz-server-side-encryption-bucket-key-enabled": "true", "success_action_status": "201",
              "Content-Type": "application/pdf"}
    conditions = [{k: v} for k, v in fields.items()] + [["content-length-range", 1, 1 << 20]]
    out["kms_sigv2"] = error(post(s3.generate_presigned_post(bucket, "kms/v2.pdf", Fields=dict(fields), Conditions=list(conditions)),
                                  "doc.pdf", body))
    kms = s3v4.generate_presigned_post(bucket, "kms/doc.pdf", Fields=dict(fields), Conditions=list(conditions))
    r = post(kms, "doc.pdf", body)
    out["kms"] = [r.status_code, "<PostResponse>" in r.text, r.headers.get("x-amz-server-side-encryption"),
                  r.headers.get("x-amz-server-side-encryption-aws-kms-key-id") == kms_key]
    head = s3.head_object(Bucket=bucket, Key="kms/doc.pdf")
    out["kms_head"] = [head["ServerSideEncryption"], head["SSEKMSKeyId"] == kms_key, head.get("BucketKeyEnabled"),
                       head["ContentType"]]

    # The length range: 11 bytes where 10 is the most.
    sized = s3v4.generate_presigned_post(bucket, "sized", Conditions=[["content-length-range", 1, 10]])
    out["too_large"] = error(post(sized, "x", b"x" * 11))

    # starts-with on the key: another prefix is refused.
    scoped = s3v4.generate_presigned_post(bucket, "user/eric/${filename}", Conditions=[["starts-with", "$key", "user/eric/"]])
    out["scoped_ok"] = post(scoped, "a.txt", b"mine").status_code
    out["scoped_other"] = error(post(scoped, "a.txt", b"theirs", {"key": "user/ann/a.txt"}))

    # An expired policy and a tampered signature.
    expired = s3v4.generate_presigned_post(bucket, "late", ExpiresIn=-60)
    out["expired"] = error(post(expired, "x", b"x"))
    tampered = s3v4.generate_presigned_post(bucket, "tampered")
    signature = tampered["fields"]["x-amz-signature"]
    out["tampered"] = error(post(tampered, "x", b"x", {"x-amz-signature": ("0" if signature[0] != "0" else "1") + signature[1:]}))
    out["tampered_absent"] = s3.list_objects_v2(Bucket=bucket, Prefix="tampered").get("KeyCount")

    # SigV2, by hand: base64 policy signed with HMAC-SHA1 of the secret.
    expiration = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
    policy = base64.b64encode(json.dumps({"expiration": expiration, "conditions": [
        {"bucket": bucket}, ["starts-with", "$key", "v2/"], {"acl": "private"}]}).encode()).decode()
    secret = os.environ["AWS_SECRET_ACCESS_KEY"]
    v2 = {"key": "v2/legacy.txt", "acl": "private", "AWSAccessKeyId": os.environ["AWS_ACCESS_KEY_ID"], "policy": policy,
          "signature": base64.b64encode(hmac.new(secret.encode(), policy.encode(), hashlib.sha1).digest()).decode()}
    r = requests.post(endpoint + "/" + bucket, data=v2, files={"file": ("legacy.txt", b"signed the old way")}, timeout=60)
    out["sigv2"] = [r.status_code, s3.get_object(Bucket=bucket, Key="v2/legacy.txt")["Body"].read() == b"signed the old way"]

    # curl -F, fields first and the file last, with a redirect.
    redirect = s3v4.generate_presigned_post(bucket, "curl/${filename}", Fields={"success_action_redirect": "http://app.test/ok"},
                                          Conditions=[{"success_action_redirect": "http://app.test/ok"}])
    path = os.path.join(os.environ.get("TMPDIR", "/tmp"), "coffer-post-curl-%d.txt" % os.getpid())
    with open(path, "wb") as f:
        f.write(b"sent by curl -F")
    args = ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}"]
    for name, value in redirect["fields"].items():
        args += ["--form-string", "%s=%s" % (name, value)]
    args += ["-F", "file=@%s;filename=hello.txt" % path, redirect["url"]]
    status = subprocess.run(args, capture_output=True, text=True, timeout=60).stdout.split(" ")
    os.remove(path)
    out["curl"] = [status[0], status[1].startswith("http://app.test/ok?bucket=%s&key=curl%%2Fhello.txt&etag=" % bucket)]
    out["curl_body"] = s3.get_object(Bucket=bucket, Key="curl/hello.txt")["Body"].read() == b"sent by curl -F"


def big(bucket, key, path):
    presigned = s3v4.generate_presigned_post(bucket, key)
    with open(path, "rb") as f:
        r = requests.post(presigned["url"], data=presigned["fields"], files={"file": ("big.bin", f)}, timeout=300)
    out["big"] = [r.status_code, r.text]


if sys.argv[1] == "forms":
    forms(sys.argv[2], sys.argv[3])
else:
    big(sys.argv[2], sys.argv[3], sys.argv[4])
print(json.dumps(out))
