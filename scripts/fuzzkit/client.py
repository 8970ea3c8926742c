"""Signed requests to one server, and the canaries, for fuzz_e2e.py."""

import base64
import hashlib
import json
from datetime import datetime, timezone

from fuzzkit.wire import *  # noqa: F401,F403 (the shared constants, signers and connection)


# --------------------------------------------------------------------------------------------------------------
# Signed requests to one server


class Client:
    def __init__(self, host, port, access_key, secret, timeout):
        self.host_header = f"{host}:{port}"
        self.connection = Connection(host, port, timeout)
        self.signer = Signer(access_key, secret)

    def prepare(self, req):
        """Signs `req` in place as its `auth` says; returns it."""
        now = datetime.now(timezone.utc)
        if not any(n.lower() == "host" for n, _ in req["headers"]):
            req["headers"].insert(0, ("Host", self.host_header))
        auth = req.get("auth", "v4")
        if auth == "v4":
            payload = req.get("payload_hash") or hashlib.sha256(req["body"]).hexdigest()
            self.signer.sign_v4(req, req.get("service", "s3"), payload, now)
        elif auth == "presign":
            self.signer.presign_v4(req, now)
        elif auth == "v2":
            self.signer.sign_v2(req, now)
        elif auth in ("chunked", "trailer"):
            self._sign_chunked(req, now, signed=auth == "chunked")
        return req

    def _sign_chunked(self, req, now, signed):
        payload = req["body"]
        # Tiny chunks only for small bodies: 40,000 signed chunks cost seconds of a debug build's CPU.
        chunk_size = req.get("chunk_size", 8192) if len(payload) <= 5000 else max(req.get("chunk_size", 8192), 1000)
        req["headers"] += [("Content-Encoding", "aws-chunked"), ("X-Amz-Decoded-Content-Length", str(len(payload)))]
        if signed:
            literal = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
            key, amz_date, scope, seed = self.signer.sign_v4(req, "s3", literal, now)
            req["body"] = chunked_body(payload, chunk_size, key, amz_date, scope, seed)
        else:
            req["headers"].append(("X-Amz-Trailer", "x-amz-checksum-crc32"))
            self.signer.sign_v4(req, "s3", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", now)
            trailer = f"x-amz-checksum-crc32:{crc32_b64(payload)}"
            req["body"] = chunked_body(payload, chunk_size, trailer=trailer)

    def send(self, req):
        target = req["path"] + ("?" + req["query"] if req["query"] else "")
        return self.connection.request(req["method"], target, req["headers"], req["body"])

    def call(self, method, path, query="", headers=None, body=b"", **options):
        req = dict(method=method, path=path, query=query, headers=list(headers or []), body=body, **options)
        return self.send(self.prepare(req))

    def kms(self, operation, document):
        body = json.dumps(document).encode()
        headers = [("X-Amz-Target", f"TrentService.{operation}"), ("Content-Type", "application/x-amz-json-1.1")]
        status, _, answer = self.call("POST", "/", headers=headers, body=body, service="kms")
        return status, (json.loads(answer) if answer else {})


def expect_ok(result, what):
    status = result[0]
    if status >= 300:
        raise SystemExit(f"fuzz: setup failed: {what} answered {status}: {result[-1][:300]!r}")
    return result


def check_signers_agree(access_key, secret):
    """botocore's SigV4 signer and ours sign a plain S3 request alike (an independent check of ours)."""
    try:
        from botocore.auth import S3SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials
    except ImportError:
        return "botocore not installed: signer not cross-checked"
    now = datetime(2025, 12, 6, 5, 46, 40, tzinfo=timezone.utc)
    body = b"hello"
    headers = {"Host": "127.0.0.1:9", "Content-Type": "text/plain", "x-amz-meta-a": "b"}
    request = AWSRequest(method="PUT", url="http://127.0.0.1:9/bucket/a%20key?partNumber=2&uploadId=x",
                         data=body, headers=headers)
    auth = S3SigV4Auth(Credentials(access_key, secret), "s3", REGION)
    request.context["timestamp"] = now.strftime("%Y%m%dT%H%M%SZ")
    request.headers["X-Amz-Date"] = request.context["timestamp"]
    request.headers["X-Amz-Content-SHA256"] = hashlib.sha256(body).hexdigest()
    theirs = auth.signature(auth.string_to_sign(request, auth.canonical_request(request)), request)
    req = dict(method="PUT", path="/bucket/a%20key", query="partNumber=2&uploadId=x",
               headers=list(headers.items()), body=body)
    Signer(access_key, secret).sign_v4(req, "s3", hashlib.sha256(body).hexdigest(), now)
    ours = dict(req["headers"])["Authorization"].rsplit("Signature=", 1)[1]
    if ours != theirs:
        raise SystemExit(f"fuzz: our SigV4 signer disagrees with botocore's ({ours} != {theirs})")
    return "signer agrees with botocore"


# --------------------------------------------------------------------------------------------------------------
# Canaries: written before the run, read back after it


class Canaries:
    def __init__(self, client, rng):
        self.client = client
        self.objects = {}
        self.rng = rng

    def setup(self):
        c = self.client
        for bucket in (CANARY_BUCKET, FUZZ_BUCKET):
            expect_ok(c.call("PUT", f"/{bucket}"), f"CreateBucket {bucket}")
        status, key = c.kms("CreateKey", {"Description": "fuzz canary"})
        expect_ok((status, key), "CreateKey canary")
        self.key_id = key["KeyMetadata"]["KeyId"]
        status, key = c.kms("CreateKey", {"Description": "fuzz target"})
        self.fuzz_key_id = expect_ok((status, key), "CreateKey fuzz")[1]["KeyMetadata"]["KeyId"]
        self.plaintext = self.rng.randbytes(64)
        status, answer = c.kms("Encrypt", {"KeyId": self.key_id, "Plaintext": base64.b64encode(self.plaintext).decode(),
                                           "EncryptionContext": {"purpose": "canary"}})
        self.ciphertext = expect_ok((status, answer), "Encrypt canary")[1]["CiphertextBlob"]
        self._put("small", 100)
        self._put("blob", 100 * 1024)
        self._put("sse-kms", 50 * 1024, [("x-amz-server-side-encryption", "aws:kms"),
                                          ("x-amz-server-side-encryption-aws-kms-key-id", self.key_id)])
        self._put("sse-s3", 40 * 1024, [("x-amz-server-side-encryption", "AES256")])
        self._multipart("multipart", [5 * 1024 * 1024, 1024])
        for key, size in (("a", 10), ("big", 70 * 1024)):
            expect_ok(c.call("PUT", f"/{FUZZ_BUCKET}/{key}", body=self.rng.randbytes(size)), f"PUT fuzz/{key}")

    def _put(self, key, size, headers=()):
        data = self.rng.randbytes(size)
        expect_ok(self.client.call("PUT", f"/{CANARY_BUCKET}/{key}", headers=list(headers), body=data), f"PUT {key}")
        self.objects[key] = data

    def _multipart(self, key, sizes):
        c = self.client
        upload = upload_id(expect_ok(c.call("POST", f"/{CANARY_BUCKET}/{key}", "uploads"), "CreateMultipartUpload"))
        parts, data = [], b""
        for number, size in enumerate(sizes, 1):
            part = self.rng.randbytes(size)
            _, headers, _ = expect_ok(c.call("PUT", f"/{CANARY_BUCKET}/{key}", f"partNumber={number}&uploadId={upload}",
                                             body=part), "UploadPart")
            parts.append(f"<Part><PartNumber>{number}</PartNumber><ETag>{headers['etag']}</ETag></Part>")
            data += part
        body = f"<CompleteMultipartUpload>{''.join(parts)}</CompleteMultipartUpload>".encode()
        expect_ok(c.call("POST", f"/{CANARY_BUCKET}/{key}", f"uploadId={upload}", body=body), "Complete")
        self.objects[key] = data

    def verify(self):
        """The names of the canaries that did not read back intact (empty when all did)."""
        broken = []
        for key, data in self.objects.items():
            try:
                status, _, body = self.client.call("GET", f"/{CANARY_BUCKET}/{key}")
            except (Hang, Dropped, OSError):
                status, body = None, b""
            if status != 200 or body != data:
                broken.append(f"{key} (status {status}, {len(body)} of {len(data)} bytes)")
        try:
            status, answer = self.client.kms("Decrypt", {"CiphertextBlob": self.ciphertext,
                                                         "EncryptionContext": {"purpose": "canary"}})
            intact = status == 200 and base64.b64decode(answer.get("Plaintext", "")) == self.plaintext
        except (Hang, Dropped, OSError, ValueError):
            intact = False
        if not intact:
            broken.append("KMS canary ciphertext")
        return broken


def upload_id(result):
    body = result[2].decode()
    return body.split("<UploadId>", 1)[1].split("</UploadId>", 1)[0]
