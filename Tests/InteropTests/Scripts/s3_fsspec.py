"""s3fs (fsspec's S3 filesystem) against Coffer: prints one JSON summary line.

Usage: s3_fsspec.py KEY_ARN [multipart]. Writes files through open(), lists them, reads them back, removes them,
with SSE-KMS through s3_additional_kwargs. With `multipart`, a 5 MiB block size makes a 12 MiB write upload in
parts. Run by InteropTests/S3fsTests.swift.
"""
import json
import os
import sys

import s3fs

key_arn = sys.argv[1]
multipart = len(sys.argv) > 2 and sys.argv[2] == "multipart"
fs = s3fs.S3FileSystem(
    key=os.environ["AWS_ACCESS_KEY_ID"], secret=os.environ["AWS_SECRET_ACCESS_KEY"],
    client_kwargs={"endpoint_url": os.environ["COFFER_ENDPOINT"], "region_name": "us-east-1"},
    s3_additional_kwargs={"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": key_arn})
bucket = "fsspec-bucket"
out = {}

fs.mkdir(bucket)
if multipart:
    body = os.urandom(1 << 20) * 12 + b"tail"
    with fs.open(f"{bucket}/big.bin", "wb", block_size=5 << 20) as f:
        for offset in range(0, len(body), 1 << 20):
            f.write(body[offset:offset + (1 << 20)])
    names = ["big.bin"]
else:
    body = os.urandom(200_000)
    for name in ["notes.bin", "dir/nested.bin"]:
        with fs.open(f"{bucket}/{name}", "wb") as f:
            f.write(body)
    names = ["dir/nested.bin", "notes.bin"]

fs.invalidate_cache()
out["ls"] = sorted(p.split("/", 1)[1] for p in fs.ls(bucket))
out["find"] = sorted(p.split("/", 1)[1] for p in fs.find(bucket))
out["sizes"] = [fs.size(f"{bucket}/{name}") for name in names]
intact = {}
for name in names:
    with fs.open(f"{bucket}/{name}", "rb") as f:
        intact[name] = f.read() == body
out["intact"] = intact
with fs.open(f"{bucket}/{names[0]}", "rb") as f:
    f.seek(len(body) - 4)
    out["tail"] = f.read().hex()
out["expected_tail"] = body[-4:].hex()
encryption = {}
for name in names:
    info = fs.call_s3("head_object", Bucket=bucket, Key=name)
    encryption[name] = [info.get("ServerSideEncryption"), info.get("SSEKMSKeyId")]
out["encryption"] = encryption

fs.rm(bucket, recursive=True)
fs.invalidate_cache()
out["bucket_after"] = fs.exists(bucket)
print(json.dumps(out))
