"""boto3 with default settings against a Coffer serving HTTPS: prints one JSON summary line.

Over https boto3 1.43 sends UNSIGNED-PAYLOAD, and aws-chunked bodies with a trailing CRC32
(STREAMING-UNSIGNED-PAYLOAD-TRAILER) on uploads. The certificate is trusted through verify=<ca>
only (COFFER_CA_BUNDLE). Run by InteropTests/TLSInteropTests.swift.
"""
import hashlib
import json
import os
import ssl
import urllib.request

import boto3

endpoint = os.environ["COFFER_ENDPOINT"]
ca = os.environ["COFFER_CA_BUNDLE"]
s3 = boto3.client("s3", endpoint_url=endpoint, verify=ca)
kms = boto3.client("kms", endpoint_url=endpoint, verify=ca)
out = {}

key_id = kms.create_key()["KeyMetadata"]["KeyId"]
data_key = kms.generate_data_key(KeyId=key_id, KeySpec="AES_256")
out["data_key_bytes"] = len(data_key["Plaintext"])

s3.create_bucket(Bucket="tls-boto3")
put = s3.put_object(Bucket="tls-boto3", Key="small", Body=b"over tls" * 512,
                    ServerSideEncryption="aws:kms", SSEKMSKeyId=key_id)
out["put_sse"] = put["ServerSideEncryption"]
out["small_round_trip"] = s3.get_object(Bucket="tls-boto3", Key="small")["Body"].read() == b"over tls" * 512

big = os.urandom(20 * 1024 * 1024)
path = os.path.join(os.environ.get("TMPDIR", "/tmp"), "tls-boto3-%d" % os.getpid())
with open(path, "wb") as f:
    f.write(big)
s3.upload_file(path, "tls-boto3", "big")  # multipart: 20 MiB is past the 8 MiB threshold
s3.download_file("tls-boto3", "big", path + ".back")
with open(path + ".back", "rb") as f:
    out["big_round_trip"] = hashlib.sha256(f.read()).digest() == hashlib.sha256(big).digest()
os.remove(path)
os.remove(path + ".back")
out["big_etag_parts"] = s3.head_object(Bucket="tls-boto3", Key="big")["ETag"].strip('"').split("-")[-1]

# boto3's default presign in us-east-1 is SigV2, which (as on AWS) never reads SSE-KMS objects: presign an SSE-S3 one.
s3.put_object(Bucket="tls-boto3", Key="plain", Body=b"over tls" * 512)
upload = s3.create_multipart_upload(Bucket="tls-boto3", Key="one-part")["UploadId"]
part = s3.upload_part(Bucket="tls-boto3", Key="one-part", UploadId=upload, PartNumber=1, Body=b"part")
done = s3.complete_multipart_upload(Bucket="tls-boto3", Key="one-part", UploadId=upload,
                                    MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]})
out["complete_location"] = done["Location"]
url = s3.generate_presigned_url("get_object", Params={"Bucket": "tls-boto3", "Key": "plain"}, ExpiresIn=300)
out["presigned_scheme"] = url.split(":")[0]
context = ssl.create_default_context(cafile=ca)  # Python's own ssl, verifying host name and chain
with urllib.request.urlopen(url, context=context, timeout=30) as answer:
    out["presigned_ok"] = answer.read() == b"over tls" * 512
print(json.dumps(out))
