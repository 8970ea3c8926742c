"""The MinIO Python SDK against Coffer: prints one JSON summary line.

Usage: s3_minio.py KEY_ARN [multipart]. Uploads with put_object and fput_object under SSE-KMS (SseKMS works over
plain http: the SDK refuses only SSE-C there), lists, downloads, checks bytes and encryption, deletes. With
`multipart`, put_object streams an unknown length in 5 MiB parts instead. Run by InteropTests/MinioSDKTests.swift.
"""
import io
import json
import os
import sys
import tempfile
from urllib.parse import urlparse

from minio import Minio
from minio.sse import SseKMS

key_arn = sys.argv[1]
multipart = len(sys.argv) > 2 and sys.argv[2] == "multipart"
endpoint = urlparse(os.environ["COFFER_ENDPOINT"])
client = Minio(endpoint.netloc, access_key=os.environ["AWS_ACCESS_KEY_ID"],
               secret_key=os.environ["AWS_SECRET_ACCESS_KEY"], region="us-east-1", secure=False)
sse = SseKMS(key_arn, {"client": "minio"})
bucket = "minio-bucket"
out = {}


def encryption(name):
    """The SSE algorithm and key of a stored object, as stat_object reports them."""
    headers = client.stat_object(bucket, name).metadata
    return [headers.get("x-amz-server-side-encryption"), headers.get("x-amz-server-side-encryption-aws-kms-key-id")]


client.make_bucket(bucket)
out["bucket_exists"] = client.bucket_exists(bucket)

if multipart:
    body = os.urandom(1 << 20) * 11 + b"tail"
    client.put_object(bucket, "big.bin", io.BytesIO(body), length=-1, part_size=5 << 20, sse=sse)
    names = ["big.bin"]
else:
    body = os.urandom(300_000)
    client.put_object(bucket, "dir/put.bin", io.BytesIO(body), length=len(body), sse=sse,
                      metadata={"x-amz-meta-course": "kms"})
    with tempfile.NamedTemporaryFile() as f:
        f.write(body)
        f.flush()
        client.fput_object(bucket, "fput.bin", f.name, sse=sse)
    names = ["dir/put.bin", "fput.bin"]

out["listed"] = sorted(o.object_name for o in client.list_objects(bucket, recursive=True))
out["top"] = sorted(o.object_name for o in client.list_objects(bucket))
out["encryption"] = {name: encryption(name) for name in names}
intact = {}
for name in names:
    response = client.get_object(bucket, name)
    try:
        intact[name] = response.read() == body
    finally:
        response.close()
        response.release_conn()
out["intact"] = intact
with tempfile.TemporaryDirectory() as folder:
    client.fget_object(bucket, names[-1], os.path.join(folder, "back"))
    with open(os.path.join(folder, "back"), "rb") as f:
        out["fget_intact"] = f.read() == body

for name in names:
    client.remove_object(bucket, name)
out["after_delete"] = [o.object_name for o in client.list_objects(bucket, recursive=True)]
client.remove_bucket(bucket)
out["bucket_after"] = client.bucket_exists(bucket)
print(json.dumps(out))
