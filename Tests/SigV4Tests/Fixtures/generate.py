#!/usr/bin/env python3
"""Generates the SigV4/SigV2 test vectors in this folder with the installed botocore signer.

botocore is our independent oracle: every request below is signed by botocore (through a real
client where possible, so the wire form is exactly what boto3 sends), then captured as the server
would receive it (method, raw path, raw query, headers) together with botocore's canonical request,
string to sign and signature.

Run from anywhere:  python3 Tests/SigV4Tests/Fixtures/generate.py
Outputs (next to this script): sigv4-botocore.json, sigv2-botocore.json, chunk-signatures.json
"""

import datetime
import email.utils
import hashlib
import hmac
import json
import os
import types
from urllib.parse import quote, urlsplit

import botocore
import botocore.auth
import botocore.session
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials

HERE = os.path.dirname(os.path.abspath(__file__))

ACCESS_KEY = "AKIDCOFFERTEST000001"
SECRET_KEY = "cofferSecret/Key+With=Specials0123456789ab"
SESSION_TOKEN = "FwoGZXIvYXdzEJr//////////wEaDOBogusSessionToken+/=="
FIXED = datetime.datetime(2024, 5, 15, 12, 34, 56)  # naive UTC, like botocore's own clock
FIXED_EPOCH = int((FIXED - datetime.datetime(1970, 1, 1)).total_seconds())
AMZ_DATE = FIXED.strftime("%Y%m%dT%H%M%SZ")

# --- Pin botocore's clocks -------------------------------------------------------------------
botocore.auth.get_current_datetime = lambda remove_tzinfo=True: FIXED
_formatdate = email.utils.formatdate
botocore.auth.formatdate = lambda timeval=None, localtime=False, usegmt=False: _formatdate(
    FIXED_EPOCH if timeval is None else timeval, localtime, usegmt
)
botocore.auth.time = types.SimpleNamespace(time=lambda: float(FIXED_EPOCH))

# --- Record what botocore computes -----------------------------------------------------------
RECORDED = {}
_canonical_request = botocore.auth.SigV4Auth.canonical_request
_string_to_sign = botocore.auth.SigV4Auth.string_to_sign
_sign_string_v1 = botocore.auth.HmacV1Auth.sign_string


def _record_cr(self, request):
    RECORDED["canonicalRequest"] = _canonical_request(self, request)
    return RECORDED["canonicalRequest"]


def _record_sts(self, request, canonical_request):
    RECORDED["stringToSign"] = _string_to_sign(self, request, canonical_request)
    return RECORDED["stringToSign"]


def _record_sts_v1(self, string_to_sign):
    RECORDED["stringToSign"] = string_to_sign
    return _sign_string_v1(self, string_to_sign)


botocore.auth.SigV4Auth.canonical_request = _record_cr
botocore.auth.SigV4Auth.string_to_sign = _record_sts
botocore.auth.HmacV1Auth.sign_string = _record_sts_v1


class Captured(Exception):
    def __init__(self, request):
        self.request = request


def _capture(request, **kwargs):
    raise Captured(request)


def _text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else value


def _wire_headers(url, headers):
    """Headers as the server receives them: botocore's plus the Host the HTTP client adds."""
    out = [{"name": name, "value": _text(value)} for name, value in headers.items()]
    for header in out:  # unsigned, and random or machine-specific: pinned so regenerating gives the same files
        if header["name"].lower() == "amz-sdk-invocation-id":
            header["value"] = "00000000-0000-4000-8000-000000000000"
        elif header["name"].lower() == "user-agent":
            header["value"] = f"Botocore/{botocore.__version__} (pinned by generate.py)"
    if not any(h["name"].lower() == "host" for h in out):
        out.insert(0, {"name": "Host", "value": botocore.auth._host_from_url(url)})
    return out


def _body_sha(body):
    if body is None or body == b"" or body == "":
        return hashlib.sha256(b"").hexdigest()
    if hasattr(body, "read"):
        position = body.tell()
        data = body.read()
        body.seek(position)
        return hashlib.sha256(data).hexdigest()
    return hashlib.sha256(body if isinstance(body, bytes) else body.encode()).hexdigest()


def _fixture(name, description, service, region, method, url, headers, body_sha, presigned, creds):
    parts = urlsplit(url)
    query = parts.query
    if presigned:
        signature = [p.split("=", 1)[1] for p in query.split("&") if p.startswith("X-Amz-Signature=")][0]
    else:
        auth = [_text(v) for k, v in headers.items() if k.lower() == "authorization"][0]
        signature = auth.rsplit("Signature=", 1)[1]
    return {
        "name": name,
        "description": description,
        "service": service,
        "region": region,
        "accessKeyId": creds.access_key,
        "secretAccessKey": creds.secret_key,
        "now": AMZ_DATE,
        "method": method,
        "path": parts.path,
        "query": query,
        "headers": _wire_headers(url, headers),
        "bodySHA256": body_sha,
        "isPresigned": presigned,
        "expectedSignature": signature,
        "expectedCanonicalRequest": RECORDED.pop("canonicalRequest"),
        "expectedStringToSign": RECORDED.pop("stringToSign"),
    }


CREDS = Credentials(ACCESS_KEY, SECRET_KEY)
SESSION_CREDS = Credentials(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN)


# --- Through a real botocore client ----------------------------------------------------------
def client(service, region="us-east-1", endpoint="http://127.0.0.1:9000", token=None, **config):
    session = botocore.session.get_session()
    c = session.create_client(
        service,
        region_name=region,
        endpoint_url=endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        aws_session_token=token,
        config=Config(s3={"addressing_style": "path", **config.pop("s3", {})}, retries={"max_attempts": 1}, **config),
    )
    c.meta.events.register_first("before-send", _capture)
    return c


def via_client(name, description, service, region, call, body_sha_from_body=True, creds=CREDS):
    try:
        call()
    except Captured as captured:
        req = captured.request
        body_sha = _body_sha(req.body) if body_sha_from_body else None
        return _fixture(name, description, service, region, req.method, req.url, req.headers, body_sha, False, creds)
    raise RuntimeError("request was not captured")


# --- Directly through the signer classes -----------------------------------------------------
def direct(name, description, signer, service, region, method, url, headers=(), body=b"", presigned=False, creds=CREDS):
    request = AWSRequest(method=method, url=url, data=body)
    for key, value in headers:
        request.headers[key] = value  # botocore's HTTPHeaders appends: repeats are kept
    signer.add_auth(request)
    body_sha = None if presigned else _body_sha(body)
    return _fixture(name, description, service, region, method, request.url, request.headers, body_sha, presigned, creds)


SPECIAL_KEY = "photos/2024/a b+c=d&e?f#g@h,ü€😀~!$'()*;:[].txt"


def sigv4_fixtures():
    kms = client("kms")
    kms_https = client("kms", region="eu-central-1", endpoint="https://kms.localhost:8443")
    s3 = client("s3", signature_version="s3v4", request_checksum_calculation="when_required")
    s3_session = client("s3", signature_version="s3v4", request_checksum_calculation="when_required", token=SESSION_TOKEN)
    s3_https_unsigned = client(
        "s3",
        endpoint="https://s3.localhost:9443",
        signature_version="s3v4",
        request_checksum_calculation="when_required",
        s3={"payload_signing_enabled": False},
    )
    s3_https_default = client("s3", endpoint="https://s3.localhost:9443", signature_version="s3v4")
    s3_eu = client("s3", region="eu-central-1", signature_version="s3v4", request_checksum_calculation="when_required")

    f = []
    f.append(via_client(
        "kms-encrypt", "KMS Encrypt: POST / JSON body, no x-amz-content-sha256, payload hash = sha256(body)",
        "kms", "us-east-1",
        lambda: kms.encrypt(KeyId="alias/coffer", Plaintext=b"hello world", EncryptionContext={"bucket": "b1"})))
    f.append(via_client(
        "kms-generate-data-key-https", "KMS GenerateDataKey over https, non-default port, eu-central-1",
        "kms", "eu-central-1",
        lambda: kms_https.generate_data_key(KeyId="1234abcd-12ab-34cd-56ef-1234567890ab", KeySpec="AES_256")))
    f.append(via_client(
        "s3-list-buckets", "S3 ListBuckets: GET /, empty query, empty-body hash",
        "s3", "us-east-1", lambda: s3.list_buckets()))
    f.append(via_client(
        "s3-list-objects-v2-special-query", "S3 ListObjectsV2 with spaces, unicode, slash, plus and = in query values",
        "s3", "us-east-1",
        lambda: s3.list_objects_v2(Bucket="bucket-1", Prefix="photos and more/ü€ a+b=c&d", Delimiter="/",
                                   StartAfter="~tilde_-.x", MaxKeys=100)))
    f.append(via_client(
        "s3-get-object-special-key", "S3 GetObject: key with reserved chars, unicode and emoji, response-* query",
        "s3", "us-east-1",
        lambda: s3.get_object(Bucket="bucket-1", Key=SPECIAL_KEY, VersionId="3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY",
                              ResponseContentDisposition='attachment; filename="x y.txt"')))
    f.append(via_client(
        "s3-get-object-dot-segments", "S3 GetObject: key with // . and .. kept verbatim (no normalisation)",
        "s3", "us-east-1", lambda: s3.get_object(Bucket="bucket-1", Key="a//b/../c/./d/")))
    f.append(via_client(
        "s3-put-object-hex-payload", "S3 PutObject over http: hex payload hash, metadata with runs of spaces",
        "s3", "us-east-1",
        lambda: s3.put_object(Bucket="bucket-1", Key="dir/hello.txt", Body=b"hello world", ContentType="text/plain",
                              Metadata={"note": "  lots   of    spaces  ", "x": "tab\there"},
                              ServerSideEncryption="aws:kms", SSEKMSKeyId="alias/coffer", BucketKeyEnabled=True)))
    f.append(via_client(
        "s3-put-object-unsigned-payload", "S3 PutObject over https with payload signing off: UNSIGNED-PAYLOAD",
        "s3", "us-east-1",
        lambda: s3_https_unsigned.put_object(Bucket="bucket-1", Key="big.bin", Body=b"x" * 1000,
                                             ContentMD5="/xRu+0nQLDWGqCyNoe8WdQ=="),
        body_sha_from_body=False))
    f.append(via_client(
        "s3-put-object-streaming-unsigned-trailer", "S3 PutObject over https, boto3 default: STREAMING-UNSIGNED-PAYLOAD-TRAILER",
        "s3", "us-east-1",
        lambda: s3_https_default.put_object(Bucket="bucket-1", Key="k", Body=b"hello world"),
        body_sha_from_body=False))
    f.append(via_client(
        "s3-create-multipart-upload", "S3 CreateMultipartUpload: POST ?uploads (parameter without '=')",
        "s3", "us-east-1", lambda: s3.create_multipart_upload(Bucket="bucket-1", Key="mp/obj")))
    f.append(via_client(
        "s3-upload-part", "S3 UploadPart: PUT ?partNumber&uploadId",
        "s3", "us-east-1",
        lambda: s3.upload_part(Bucket="bucket-1", Key="mp/obj", PartNumber=2, UploadId="upl/oad+id==", Body=b"part")))
    f.append(via_client(
        "s3-delete-objects", "S3 DeleteObjects: POST ?delete with Content-MD5 and XML body",
        "s3", "us-east-1",
        lambda: s3.delete_objects(Bucket="bucket-1", Delete={"Objects": [{"Key": "a"}, {"Key": "b c"}]})))
    f.append(via_client(
        "s3-head-object-session-token", "S3 HeadObject with session credentials (x-amz-security-token signed)",
        "s3", "us-east-1", lambda: s3_session.head_object(Bucket="bucket-1", Key="k"), creds=SESSION_CREDS))
    f.append(via_client(
        "s3-put-bucket-encryption-eu", "S3 PutBucketEncryption in eu-central-1 (?encryption, XML body)",
        "s3", "eu-central-1",
        lambda: s3_eu.put_bucket_encryption(Bucket="bucket-eu", ServerSideEncryptionConfiguration={
            "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "alias/k"},
                       "BucketKeyEnabled": True}]})))

    # Hand-built requests: repeated headers, Date instead of X-Amz-Date, presigned URLs.
    s3v4 = botocore.auth.S3SigV4Auth(CREDS, "s3", "us-east-1")
    f.append(direct(
        "s3-repeated-headers", "Repeated header joined with ',' after trimming; mixed-case names; whitespace runs",
        s3v4, "s3", "us-east-1", "PUT", "http://localhost:9000/bucket-1/obj",
        headers=[("X-Amz-Meta-Tags", "  alpha   beta "), ("x-amz-meta-TAGS", "gamma"), ("X-Amz-Meta-Tags", "delta\t\tepsilon"),
                 ("Content-Type", "application/octet-stream")],
        body=b"payload"))
    sigv4_generic = botocore.auth.SigV4Auth(CREDS, "kms", "us-east-1")
    f.append(direct(
        "kms-date-header", "Date header (RFC 1123, -0000 zone) instead of X-Amz-Date",
        sigv4_generic, "kms", "us-east-1", "POST", "http://localhost:9000/",
        headers=[("Date", "placeholder"), ("Content-Type", "application/x-amz-json-1.1"),
                 ("X-Amz-Target", "TrentService.ListKeys")],
        body=b"{}"))
    presign = botocore.auth.S3SigV4QueryAuth(CREDS, "s3", "us-east-1", expires=3600)
    f.append(direct(
        "s3-presigned-get", "Presigned GET (host only signed), special key and response-content-disposition",
        presign, "s3", "us-east-1", "GET",
        "http://127.0.0.1:9000/bucket-1/" + quote(SPECIAL_KEY, safe="/~")
        + "?response-content-disposition=" + quote('attachment; filename="ü x.txt"', safe="-_.~"),
        presigned=True))
    presign_week = botocore.auth.S3SigV4QueryAuth(CREDS, "s3", "us-east-1", expires=604800)
    f.append(direct(
        "s3-presigned-put-sse-headers", "Presigned PUT with signed SSE-KMS and content-type headers, 7-day expiry",
        presign_week, "s3", "us-east-1", "PUT", "http://127.0.0.1:9000/bucket-1/upload/file.bin",
        headers=[("x-amz-server-side-encryption", "aws:kms"),
                 ("x-amz-server-side-encryption-aws-kms-key-id", "alias/coffer"),
                 ("x-amz-server-side-encryption-bucket-key-enabled", "true"),
                 ("Content-Type", "application/octet-stream")],
        body=b"", presigned=True))
    presign_token = botocore.auth.S3SigV4QueryAuth(SESSION_CREDS, "s3", "us-east-1", expires=900)
    f.append(direct(
        "s3-presigned-get-session-token", "Presigned GET with X-Amz-Security-Token (+ / = in the value)",
        presign_token, "s3", "us-east-1", "GET", "http://127.0.0.1:9000/bucket-1/k.txt?versionId=v%2B1",
        presigned=True, creds=SESSION_CREDS))
    return f


def sigv2_fixtures():
    out = []
    header_signer = botocore.auth.HmacV1Auth(CREDS)
    for name, method, url, headers in [
        ("sigv2-header-get", "GET", "http://127.0.0.1:9000/bucket-1/photos/a%20b.txt?versionId=v1&foo=bar", []),
        ("sigv2-header-put", "PUT", "http://127.0.0.1:9000/bucket-1/k?partNumber=1&uploadId=u1",
         [("Content-Type", "text/plain"), ("Content-MD5", "XrY7u+Ae7tCTyyK7j1rNww=="),
          ("x-amz-meta-b", " two "), ("X-Amz-Meta-A", "one"), ("x-amz-meta-b", "three")]),
    ]:
        request = AWSRequest(method=method, url=url, data=b"")
        for key, value in headers:
            request.headers[key] = value
        header_signer.add_auth(request)
        auth = _text(request.headers["Authorization"])
        parts = urlsplit(request.url)
        out.append({
            "name": name, "accessKeyId": ACCESS_KEY, "secretAccessKey": SECRET_KEY, "now": FIXED_EPOCH,
            "method": method, "path": parts.path, "query": parts.query,
            "headers": _wire_headers(request.url, request.headers), "isPresigned": False,
            "expectedSignature": auth.split(":", 1)[1], "expectedStringToSign": RECORDED.pop("stringToSign"),
        })
    query_signer = botocore.auth.HmacV1QueryAuth(CREDS, expires=3600)
    for name, method, url, headers in [
        ("sigv2-presigned-get", "GET", "http://127.0.0.1:9000/bucket-1/dir/a%20b%2Bc.txt?response-content-type=text%2Fplain", []),
        ("sigv2-presigned-put-amz-header", "PUT", "http://127.0.0.1:9000/bucket-1/up.bin",
         [("x-amz-acl", "private"), ("Content-Type", "application/octet-stream")]),
    ]:
        request = AWSRequest(method=method, url=url, data=b"")
        for key, value in headers:
            request.headers[key] = value
        query_signer.add_auth(request)
        parts = urlsplit(request.url)
        # The client sends the presigned URL; headers it was told to sign are sent as headers too.
        wire = [{"name": k, "value": _text(v)} for k, v in headers]
        wire.insert(0, {"name": "Host", "value": parts.netloc})
        signature = [p.split("=", 1)[1] for p in parts.query.split("&") if p.startswith("Signature=")][0]
        out.append({
            "name": name, "accessKeyId": ACCESS_KEY, "secretAccessKey": SECRET_KEY, "now": FIXED_EPOCH,
            "method": method, "path": parts.path, "query": parts.query, "headers": wire, "isPresigned": True,
            "expectedSignature": signature, "expectedStringToSign": RECORDED.pop("stringToSign"),
        })
    return out


def _hmac(key, msg):
    return hmac.new(key, msg.encode("utf-8"), hashlib.sha256)


def chunk_vectors():
    """aws-chunked signatures computed with Python's hmac/hashlib straight from the formulas (§6.4/6.5).

    Not botocore (it has no signed-chunk signer); the AWS documentation example is checked separately in Swift.
    """
    date, region, service = AMZ_DATE[:8], "us-east-1", "s3"
    key = ("AWS4" + SECRET_KEY).encode()
    for part in (date, region, service, "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    scope = f"{date}/{region}/{service}/aws4_request"
    seed = "9b2a9a1b1e8e0a8c7e3d5f4c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0918"
    empty = hashlib.sha256(b"").hexdigest()
    chunks = [("a" * 65536), ("b" * 1024), ""]
    previous, out = seed, []
    for chunk in chunks:
        sts = "\n".join(["AWS4-HMAC-SHA256-PAYLOAD", AMZ_DATE, scope, previous, empty,
                         hashlib.sha256(chunk.encode()).hexdigest()])
        previous = _hmac(key, sts).hexdigest()
        out.append({"character": chunk[:1], "length": len(chunk), "signature": previous})
    trailer = "x-amz-checksum-crc32:DUoRhQ==\n"
    sts = "\n".join(["AWS4-HMAC-SHA256-TRAILER", AMZ_DATE, scope, previous, hashlib.sha256(trailer.encode()).hexdigest()])
    return {
        "accessKeyId": ACCESS_KEY, "secretAccessKey": SECRET_KEY, "amzDate": AMZ_DATE, "region": region,
        "service": service, "seedSignature": seed, "chunks": out, "trailer": trailer,
        "trailerSignature": _hmac(key, sts).hexdigest(),
    }


def write(name, value):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as fh:
        json.dump(value, fh, indent=2, ensure_ascii=False)
        fh.write("\n")


if __name__ == "__main__":
    write("sigv4-botocore.json", {"generator": f"botocore {botocore.__version__}", "fixtures": sigv4_fixtures()})
    write("sigv2-botocore.json", {"generator": f"botocore {botocore.__version__}", "fixtures": sigv2_fixtures()})
    write("chunk-signatures.json", chunk_vectors())
