#!/usr/bin/env python3
"""End-to-end mutation fuzzing of a live `coffer serve`, with signed hostile requests.

The driver starts a real server on a loopback port with a temporary data folder (or uses --endpoint), writes
canary objects (small inline, a > 32 KiB blob, a multipart object, SSE-KMS and SSE-S3) and a canary KMS
ciphertext, then sends mutated S3 and KMS requests: headers, queries, paths and odd keys, XML and JSON bodies,
aws-chunked framing, ranges, copy sources and methods. Most are signed after mutation (SigV4 header, presigned,
SigV2, signed aws-chunked) so that they get past authentication; some are mutated after signing.

Checks: the process stays alive (no crash), every request is answered within --request-timeout (no hang), no
answer is >= 500 except 501 and 503, and at the end every canary reads back byte-identical and the canary
ciphertext still decrypts. Case i is generated from random.Random(f"{seed}:{i}") alone, so
`--seed S --case I` replays one case. Prints one summary line:

    fuzz: N cases, 0 crashes, 0 hangs, 0 bad 5xx, canaries intact

and exits 0 only when all of it holds. The SigV4 and SigV2 signers are written here (hmac/hashlib) so that
hostile paths and queries are signed exactly as the server canonicalises them; botocore's signer checks them on
a plain request at start-up.
"""

import argparse
import base64
import hashlib
import hmac
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import zlib
from datetime import datetime, timezone
from urllib.parse import quote

REGION = "us-east-1"
DEFAULT_ACCESS_KEY = "AKIAFUZZE2E000000001"
DEFAULT_SECRET = "fuzz/e2e/secret/key/for/coffer/00000001"
ALLOWED_5XX = {501, 503}
FUZZ_BUCKET = "fuzz"
CANARY_BUCKET = "canary-objects"

# --------------------------------------------------------------------------------------------------------------
# Signing (SigV4 header and query, SigV2 header, aws-chunked chunk signatures)


def uri_decode(text):
    """Decodes %XX once; a % not followed by two hex digits stays (as the server's URIEncoding.decode)."""
    raw = text.encode("utf-8", "surrogateescape") if isinstance(text, str) else text
    out = bytearray()
    i = 0
    while i < len(raw):
        if raw[i] == 0x25 and i + 2 < len(raw) and _hex(raw[i + 1:i + 3]):
            out.append(int(raw[i + 1:i + 3], 16))
            i += 3
        else:
            out.append(raw[i])
            i += 1
    return bytes(out)


def _hex(pair):
    return len(pair) == 2 and all(c in b"0123456789abcdefABCDEF" for c in pair)


def uri_encode(raw, keep_slash):
    safe = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~" + (b"/" if keep_slash else b"")
    return "".join(chr(b) if b in safe else "%%%02X" % b for b in raw)


def canonical_query(query):
    pairs = []
    for part in query.split("&"):
        if not part:
            continue
        name, _, value = part.partition("=")
        if name.startswith("X-Amz-Signature") and "X-Amz-Signature" == uri_decode(name).decode("latin-1"):
            continue
        pairs.append((uri_encode(uri_decode(name), False), uri_encode(uri_decode(value), False)))
    pairs.sort()
    return "&".join(f"{n}={v}" for n, v in pairs)


def header_value_text(value):
    """How the server reads a header value: bytes decoded as UTF-8 (invalid bytes repaired)."""
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace") if isinstance(value, str) else value


def canonical_headers(headers, names):
    values = {}
    for name, value in headers:
        if name.lower() in names:
            text = " ".join(header_value_text(value).strip(" \t").split(" "))
            while "  " in text:
                text = text.replace("  ", " ")
            values.setdefault(name.lower(), []).append(text)
    return "".join(f"{n}:{','.join(values.get(n, []))}\n" for n in names)


def signing_key(secret, date, service):
    key = ("AWS4" + secret).encode()
    for part in (date, REGION, service, "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return key


class Signer:
    def __init__(self, access_key, secret):
        self.access_key = access_key
        self.secret = secret

    def sign_v4(self, req, service, payload_hash, now):
        amz_date = now.strftime("%Y%m%dT%H%M%SZ")
        headers = [(n, v) for n, v in req["headers"] if n.lower() not in ("authorization", "x-amz-date")]
        headers.append(("X-Amz-Date", amz_date))
        if service == "s3" and not any(n.lower() == "x-amz-content-sha256" for n, _ in headers):
            headers.append(("X-Amz-Content-Sha256", payload_hash))
        names = sorted({n.lower() for n, _ in headers if n.lower() in ("host", "content-type", "content-md5")
                        or n.lower().startswith("x-amz-")})
        scope = f"{amz_date[:8]}/{REGION}/{service}/aws4_request"
        creq = "\n".join([req["method"], uri_encode(uri_decode(req["path"]), True), canonical_query(req["query"]),
                          canonical_headers(headers, names), ";".join(names), payload_hash])
        sts = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(creq.encode("utf-8", "surrogateescape")).hexdigest()])
        key = signing_key(self.secret, amz_date[:8], service)
        signature = hmac.new(key, sts.encode(), hashlib.sha256).hexdigest()
        headers.append(("Authorization", f"AWS4-HMAC-SHA256 Credential={self.access_key}/{scope}, "
                        f"SignedHeaders={';'.join(names)}, Signature={signature}"))
        req["headers"] = headers
        return key, amz_date, scope, signature

    def presign_v4(self, req, now, expires=600):
        amz_date = now.strftime("%Y%m%dT%H%M%SZ")
        scope = f"{amz_date[:8]}/{REGION}/s3/aws4_request"
        params = [("X-Amz-Algorithm", "AWS4-HMAC-SHA256"), ("X-Amz-Credential", f"{self.access_key}/{scope}"),
                  ("X-Amz-Date", amz_date), ("X-Amz-Expires", str(expires)), ("X-Amz-SignedHeaders", "host")]
        extra = "&".join(f"{n}={quote(v, safe='')}" for n, v in params)
        req["query"] = f"{req['query']}&{extra}" if req["query"] else extra
        creq = "\n".join([req["method"], uri_encode(uri_decode(req["path"]), True), canonical_query(req["query"]),
                          canonical_headers(req["headers"], ["host"]), "host", "UNSIGNED-PAYLOAD"])
        sts = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(creq.encode("utf-8", "surrogateescape")).hexdigest()])
        signature = hmac.new(signing_key(self.secret, amz_date[:8], "s3"), sts.encode(), hashlib.sha256).hexdigest()
        req["query"] += f"&X-Amz-Signature={signature}"

    def sign_v2(self, req, now):
        date = now.strftime("%a, %d %b %Y %H:%M:%S GMT")
        headers = [(n, v) for n, v in req["headers"] if n.lower() not in ("authorization", "date")]
        headers.append(("Date", date))
        get = lambda name: next((v for n, v in headers if n.lower() == name), "")
        amz = sorted((n.lower(), v.strip()) for n, v in headers if n.lower().startswith("x-amz-"))
        sub = sorted(p for p in req["query"].split("&") if p.split("=")[0] in SIGV2_SUBRESOURCES)
        resource = req["path"] + ("?" + "&".join(sub) if sub else "")
        sts = "\n".join([req["method"], get("content-md5"), get("content-type"), date]
                        + [f"{n}:{v}" for n, v in amz] + [resource])
        sig = base64.b64encode(hmac.new(self.secret.encode(), sts.encode("utf-8", "surrogateescape"), hashlib.sha1).digest()).decode()
        headers.append(("Authorization", f"AWS {self.access_key}:{sig}"))
        req["headers"] = headers


SIGV2_SUBRESOURCES = {"acl", "delete", "location", "uploads", "uploadId", "partNumber", "versioning", "versionId",
                      "encryption", "attributes", "tagging", "policy"}


def chunked_body(payload, chunk_size, key=None, amz_date=None, scope=None, seed=None, trailer=None):
    """aws-chunked framing: signed chunks when key is given, else unsigned with a trailing checksum."""
    chunks = [payload[i:i + chunk_size] for i in range(0, len(payload), chunk_size)] + [b""]
    out = bytearray()
    previous = seed
    empty = hashlib.sha256(b"").hexdigest()
    for chunk in chunks:
        line = b"%x" % len(chunk)
        if key is not None:
            sts = "\n".join(["AWS4-HMAC-SHA256-PAYLOAD", amz_date, scope, previous, empty,
                             hashlib.sha256(chunk).hexdigest()])
            previous = hmac.new(key, sts.encode(), hashlib.sha256).hexdigest()
            line += b";chunk-signature=" + previous.encode()
        out += line + b"\r\n" + chunk + (b"\r\n" if chunk else b"")
    if trailer:
        out += trailer.encode() + b"\r\n"
    out += b"\r\n"
    return bytes(out)


def crc32_b64(data):
    return base64.b64encode(zlib.crc32(data).to_bytes(4, "big")).decode()


# --------------------------------------------------------------------------------------------------------------
# A raw HTTP/1.1 client: hostile targets and headers go on the wire as they are.


class Dropped(Exception):
    """The server closed the connection without an answer."""


class Hang(Exception):
    """No complete answer within the request timeout."""


class Connection:
    def __init__(self, host, port, timeout):
        self.address = (host, port)
        self.timeout = timeout
        self.sock = None
        self.buffer = b""

    def close(self):
        if self.sock:
            self.sock.close()
        self.sock = None
        self.buffer = b""

    def request(self, method, target, headers, body):
        head = f"{method} {target} HTTP/1.1\r\n".encode("utf-8", "surrogateescape")
        for name, value in headers:
            text = value.replace("\r", "").replace("\n", "") if isinstance(value, str) else value
            head += name.encode() + b": " + text.encode("utf-8", "surrogateescape") + b"\r\n"
        head += b"Content-Length: %d\r\n\r\n" % len(body)
        for attempt in (0, 1):
            fresh = self.sock is None
            if fresh:
                self.sock = socket.create_connection(self.address, timeout=self.timeout)
                self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            deadline = time.monotonic() + self.timeout
            try:
                self.sock.sendall(head + body)
                return self._response(method, deadline)
            except Dropped:
                self.close()
                if fresh or attempt == 1:
                    raise
            except (BrokenPipeError, ConnectionResetError):
                self.close()
                if fresh or attempt == 1:
                    raise Dropped()
            except socket.timeout:
                self.close()
                raise Hang()

    def _fill(self, deadline):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise socket.timeout()
        self.sock.settimeout(remaining)
        data = self.sock.recv(65536)
        if not data:
            raise Dropped()
        self.buffer += data

    def _line(self, deadline):
        while b"\r\n" not in self.buffer:
            self._fill(deadline)
        line, _, self.buffer = self.buffer.partition(b"\r\n")
        return line

    def _exact(self, count, deadline):
        while len(self.buffer) < count:
            self._fill(deadline)
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def _response(self, method, deadline):
        while True:
            status_line = self._line(deadline)
            status = int(status_line.split(b" ")[1])
            headers = {}
            while True:
                line = self._line(deadline)
                if not line:
                    break
                name, _, value = line.partition(b":")
                headers[name.strip().lower().decode()] = value.strip().decode("latin-1")
            if 100 <= status < 200:
                continue
            break
        if method == "HEAD" or status in (204, 304):
            body = b""
        elif "chunked" in headers.get("transfer-encoding", ""):
            body = b""
            while True:
                size = int(self._line(deadline).split(b";")[0], 16)
                if size == 0:
                    while self._line(deadline):
                        pass
                    break
                body += self._exact(size, deadline)
                self._exact(2, deadline)
        elif "content-length" in headers:
            body = self._exact(int(headers["content-length"]), deadline)
        else:
            try:
                while True:
                    self._fill(deadline)
            except Dropped:
                pass
            body, self.buffer = self.buffer, b""
            self.close()
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, headers, body


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


# --------------------------------------------------------------------------------------------------------------
# Mutations

TOKENS = [t.encode() for t in [
    "0", "-1", "-0", "1e400", "99999999999999999999", "9223372036854775807", "9223372036854775808",
    "18446744073709551616", "ffffffffffffffff", "NaN", "\x00", "\r\n", "\t", " ", "%", "%00", "%zz", "%FF", "%C0%80",
    "%ED%A0%80", "+", "&", "=", "?", "/", "..", "//", ";", ",", ":", "\"", "'", "\\", "\\u0000", "\\ud800", "{", "}",
    "[", "]", "<", ">", "</", "<!DOCTYPE x [<!ENTITY a \"b\">]>", "&a;", "&#0;", "<![CDATA[", "]]>", "<!--", "null",
    "true", "bytes=", "chunk-signature=", "\r\n0\r\n\r\n", "AWS4-HMAC-SHA256", "\uFFFD", "\uFEFF",
]] + [b"\xc3", b"\xc3\x28", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xff", b"\xfe\xff", b"\xc0\x80"]


def mutate_bytes(rng, data, steps=None):
    data = bytearray(data)
    for _ in range(steps or rng.randint(1, 4)):
        pos = rng.randint(0, len(data))
        op = rng.randrange(10)
        if op == 0 and data:
            i = rng.randrange(len(data))
            data[i] ^= 1 << rng.randrange(8)
        elif op == 1 and data:
            data[rng.randrange(len(data))] = rng.randrange(256)
        elif op == 2:
            del data[pos:]
        elif op == 3:
            data[pos:pos] = rng.choice(TOKENS)
        elif op == 4:
            data[pos:pos] = rng.randbytes(rng.randint(1, 16))
        elif op == 5:
            del data[pos:pos + rng.randint(1, 32)]
        elif op == 6:
            data[pos:pos] = bytes(data[pos:pos + rng.randint(1, 64)]) * rng.randint(1, 64)
        elif op == 7:
            data[pos:pos] = rng.choice([b"[", b'{"a":', b"<a>"]) * rng.randint(100, 5000)
        elif op == 8:
            token = rng.choice(TOKENS)
            data[pos:pos + len(token)] = token
        else:
            data[pos:pos] = str(rng.randrange(2 ** 64)).encode()
    return bytes(data[:256 * 1024])


def mutate_text(rng, text):
    return mutate_bytes(rng, text.encode("utf-8", "surrogateescape")).decode("utf-8", "surrogateescape")


def clean_target(text):
    """A mutated path or query as it can stand in a request line."""
    return text.replace("\r", "").replace("\n", "").replace(" ", "%20").replace("#", "%23")


ODD_KEYS = ["%00", "a%00b", "%01", "%1F", "%7F", "%0D", "%0A", "%09", "%FF%FE", "%C0%80", "%ED%A0%80", "%EF%BF%BF",
            "%F4%90%80%80", "..", ".", "./x", "a//b", "%2F", "%", "%zz", "%E2%82%AC", "%F0%9F%98%80", "%20",
            "key%3Fx", "k+y", "%25", "a" * 1024, "a" * 1025, "%C3%A9" * 400, "b" * 5000]

METHODS = ["GET", "PUT", "POST", "DELETE", "HEAD", "OPTIONS", "PATCH", "TRACE", "PROPFIND", "get", "X" * 64]

EXTRA_HEADERS = [
    ("Range", ["bytes=0-99", "bytes=-1", "bytes=5-", "bytes=99999999999999999999-", "bytes=1-0", "bytes=0-1,3-4"]),
    ("If-Match", ['"0123456789abcdef0123456789abcdef"', "*", ""]),
    ("If-None-Match", ["*", '"x"']),
    ("If-Modified-Since", ["Sat, 06 Dec 2025 05:46:40 GMT", "yesterday"]),
    ("Content-MD5", ["1B2M2Y8AsgTpgAmYeQ9ihA==", "xx", ""]),
    ("x-amz-checksum-crc32", ["AAAAAA==", "!!"]), ("x-amz-checksum-sha256", ["AAAA"]),
    ("x-amz-checksum-crc64nvme", ["AAAAAAAAAAA="]), ("x-amz-sdk-checksum-algorithm", ["CRC32C", "MD5", "x"]),
    ("x-amz-server-side-encryption", ["AES256", "aws:kms", "aws:kms:dsse", "rot13"]),
    ("x-amz-server-side-encryption-aws-kms-key-id", ["alias/nope", "arn:aws:kms:us-east-1:1:key/x"]),
    ("x-amz-server-side-encryption-context", ["eyJhIjoiYiJ9", "e30=", "!!", base64.b64encode(b"[" * 3000).decode()]),
    ("x-amz-server-side-encryption-bucket-key-enabled", ["true", "maybe"]),
    ("x-amz-server-side-encryption-customer-algorithm", ["AES256"]),
    ("x-amz-copy-source", [f"/{CANARY_BUCKET}/small", f"{FUZZ_BUCKET}/a?versionId=null", "/x", "%00/%00"]),
    ("x-amz-copy-source-range", ["bytes=0-5", "bytes=5-0"]), ("x-amz-metadata-directive", ["REPLACE", "x"]),
    ("x-amz-acl", ["private", "public-read", "nope"]), ("x-amz-decoded-content-length", ["-1", "99999999999"]),
    ("Content-Encoding", ["aws-chunked", "gzip"]), ("x-amz-trailer", ["x-amz-checksum-crc32", "x-amz-bogus"]),
    ("Expect", ["100-continue"]), ("x-amz-object-attributes", ["ETag,Checksum,ObjectParts,StorageClass,ObjectSize"]),
    ("x-amz-max-parts", ["-1", "99999999999999999999"]), ("x-amz-meta-fuzz", ["v" * 3000, "\u00e9"]),
    ("Host", [f"{FUZZ_BUCKET}.coffer.test", "x..coffer.test", "coffer.test", "[::1]:1"]),
    ("Content-Type", ["application/xml", "application/x-amz-json-1.1", ""]),
    ("x-amz-content-sha256", ["UNSIGNED-PAYLOAD", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "0" * 64, "zz"]),
    ("X-Amz-Target", ["TrentService.Decrypt", "TrentService.Nope", "TrentService."]),
    ("x-amz-expected-bucket-owner", ["111122223333", "x"]), ("x-amz-request-payer", ["requester"]),
]


def mutate_request(rng, req, fields):
    """Applies 1-3 mutations to the parts of `req` named in `fields`."""
    for _ in range(rng.randint(1, 3)):
        field = rng.choice(fields)
        if field == "path":
            req["path"] = clean_target(mutate_text(rng, req["path"]))
            if not req["path"].startswith("/"):
                req["path"] = "/" + req["path"]
        elif field == "query":
            if rng.random() < 0.5:
                name = rng.choice(["prefix", "delimiter", "max-keys", "marker", "start-after", "continuation-token",
                                   "encoding-type", "partNumber", "uploadId", "max-parts", "part-number-marker",
                                   "list-type", "versionId", "key-marker", "upload-id-marker", "uploads", "delete",
                                   "location", "encryption", "attributes", "acl", "versions", "max-uploads"])
                value = rng.choice(["", "1", "-1", "0", "99999999999999999999", "%00", "%FF", "a/b", "url", "x" * 2000])
                req["query"] += ("&" if req["query"] else "") + f"{name}={value}"
            else:
                req["query"] = clean_target(mutate_text(rng, req["query"]))
        elif field == "header":
            if req["headers"] and rng.random() < 0.5:
                i = rng.randrange(len(req["headers"]))
                name, value = req["headers"][i]
                req["headers"][i] = (name, mutate_text(rng, value))
            else:
                name, values = rng.choice(EXTRA_HEADERS)
                value = rng.choice(values)
                req["headers"].append((name, mutate_text(rng, value) if rng.random() < 0.3 else value))
        elif field == "body":
            req["body"] = mutate_bytes(rng, req["body"])
        elif field == "method":
            req["method"] = rng.choice(METHODS)
        elif field == "key":
            bucket = req["path"].split("/")[1] if req["path"].count("/") >= 1 else FUZZ_BUCKET
            req["path"] = f"/{bucket}/{rng.choice(ODD_KEYS)}"


def mutate_after_signing(rng, req):
    choice = rng.randrange(6)
    if choice == 0 and req["headers"]:
        i = rng.randrange(len(req["headers"]))
        req["headers"][i] = (req["headers"][i][0], mutate_text(rng, req["headers"][i][1]))
    elif choice == 1:
        req["query"] = clean_target(mutate_text(rng, req["query"]))
    elif choice == 2:
        req["path"] = "/" + clean_target(mutate_text(rng, req["path"])).lstrip("/")
    elif choice == 3 and req["headers"]:
        del req["headers"][rng.randrange(len(req["headers"]))]
    elif choice == 4 and req["headers"]:
        req["headers"].append(rng.choice(req["headers"]))
    else:
        req["body"] = mutate_bytes(rng, req["body"])


# --------------------------------------------------------------------------------------------------------------
# Valid requests, the seeds that cases mutate


def xml_seeds(ctx):
    return {
        "delete": b'<?xml version="1.0" encoding="UTF-8"?><Delete><Quiet>false</Quiet><Object><Key>gone-1</Key>'
                  b"</Object><Object><Key>gone&amp;2</Key><VersionId>null</VersionId></Object></Delete>",
        "encryption": b"<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>"
                      b"aws:kms</SSEAlgorithm><KMSMasterKeyID>" + ctx.fuzz_key_id.encode() + b"</KMSMasterKeyID>"
                      b"</ApplyServerSideEncryptionByDefault><BucketKeyEnabled>true</BucketKeyEnabled></Rule>"
                      b"</ServerSideEncryptionConfiguration>",
        "create": b'<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>'
                  b"us-east-1</LocationConstraint></CreateBucketConfiguration>",
        "complete": b"<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\"" + b"0" * 32 + b"\"</ETag>"
                    b"<ChecksumCRC32>AAAAAA==</ChecksumCRC32></Part></CompleteMultipartUpload>",
    }


def s3_seed(rng, ctx):
    """A valid S3 request and the fields its mutations may touch."""
    key = rng.choice(["a", "big", "fresh", "x/y/z", f"k{rng.randrange(50)}"])
    obj = f"/{FUZZ_BUCKET}/{key}"
    body = rng.randbytes(rng.choice([0, 1, 100, 5000, 40000]))
    xml = xml_seeds(ctx)
    md5 = lambda b: base64.b64encode(hashlib.md5(b).digest()).decode()
    kind = rng.randrange(22)
    seeds = [
        lambda: dict(method="PUT", path=obj, body=body, headers=[("Content-Type", "text/plain")]),
        lambda: dict(method="PUT", path=obj, body=body, headers=[("x-amz-checksum-crc32", crc32_b64(body)),
                                                                  ("Content-MD5", md5(body))]),
        lambda: dict(method="PUT", path=obj, body=body, auth="chunked", chunk_size=rng.choice([1, 100, 8192])),
        lambda: dict(method="PUT", path=obj, body=body, auth="trailer", chunk_size=rng.choice([7, 8192])),
        lambda: dict(method="PUT", path=obj, body=body, headers=[("x-amz-server-side-encryption", "aws:kms"), (
            "x-amz-server-side-encryption-aws-kms-key-id", ctx.fuzz_key_id), (
            "x-amz-server-side-encryption-context", base64.b64encode(b'{"app":"fuzz"}').decode())]),
        lambda: dict(method="GET", path=rng.choice([obj, f"/{CANARY_BUCKET}/{rng.choice(list(ctx.canary_keys))}"]),
                     headers=[("Range", rng.choice(["bytes=0-99", "bytes=-10", "bytes=100-"]))]),
        lambda: dict(method="HEAD", path=obj, query=rng.choice(["", "partNumber=1"])),
        lambda: dict(method="PUT", path=obj, headers=[("x-amz-copy-source", rng.choice(ctx.copy_sources)),
                                                       ("x-amz-metadata-directive", "REPLACE")]),
        lambda: dict(method="PUT", path=f"/{FUZZ_BUCKET}/upload", query=f"partNumber=2&uploadId={ctx.upload}",
                     headers=[("x-amz-copy-source", rng.choice(ctx.copy_sources)),
                              ("x-amz-copy-source-range", "bytes=0-9")]),
        lambda: dict(method="POST", path=obj, query="uploads"),
        lambda: dict(method="PUT", path=f"/{FUZZ_BUCKET}/upload", query=f"partNumber=1&uploadId={ctx.upload}",
                     body=body),
        lambda: dict(method="POST", path=f"/{FUZZ_BUCKET}/upload", query=f"uploadId={ctx.upload}",
                     body=xml["complete"]),
        lambda: dict(method="GET", path=f"/{FUZZ_BUCKET}/upload", query=f"uploadId={ctx.upload}&max-parts=2"),
        lambda: dict(method="POST", path=f"/{FUZZ_BUCKET}", query="delete", body=xml["delete"],
                     headers=[("Content-MD5", md5(xml["delete"]))]),
        lambda: dict(method="GET", path=f"/{FUZZ_BUCKET}", query=rng.choice([
            "list-type=2&prefix=k&delimiter=/&max-keys=3", "prefix=x/&marker=a&encoding-type=url", "versions",
            "uploads&max-uploads=2", "list-type=2&continuation-token=YQ==&start-after=a&fetch-owner=true"])),
        lambda: dict(method="PUT", path=f"/{FUZZ_BUCKET}", query="encryption", body=xml["encryption"]),
        lambda: dict(method=rng.choice(["GET", "DELETE"]), path=f"/{FUZZ_BUCKET}",
                     query=rng.choice(["encryption", "location", "versioning", "acl"])),
        lambda: dict(method="PUT", path=f"/fz{rng.randrange(100)}", body=xml["create"] if rng.random() < .5 else b""),
        lambda: dict(method="GET", path=obj, query="attributes",
                     headers=[("x-amz-object-attributes", "ETag,Checksum,ObjectParts,ObjectSize")]),
        lambda: dict(method="DELETE", path=obj),
        lambda: dict(method="GET", path=rng.choice([obj, f"/{CANARY_BUCKET}/small"]), auth="presign"),
        lambda: dict(method="GET", path=rng.choice([obj, "/", f"/{FUZZ_BUCKET}"]), auth="v2",
                     query=rng.choice(["", "acl", "location"])),
    ]
    req = seeds[kind]()
    req.setdefault("query", "")
    req.setdefault("headers", [])
    req.setdefault("body", b"")
    fields = ["path", "query", "header", "header", "method", "key"] + (["body"] * 3 if req["body"] else [])
    return req, fields


KMS_SEEDS = [
    ("CreateKey", {"Description": "d", "KeySpec": "SYMMETRIC_DEFAULT", "Tags": [{"TagKey": "k", "TagValue": "v"}]}),
    ("CreateKey", {"KeySpec": "HMAC_256", "KeyUsage": "GENERATE_VERIFY_MAC"}),
    ("CreateKey", {"KeySpec": "ECC_NIST_P256", "KeyUsage": "SIGN_VERIFY"}),
    ("DescribeKey", {"KeyId": "$KEY"}), ("ListKeys", {"Limit": 5}), ("ListAliases", {"KeyId": "$KEY", "Limit": 10}),
    ("Encrypt", {"KeyId": "$KEY", "Plaintext": "aGVsbG8=", "EncryptionContext": {"a": "b"}}),
    ("Decrypt", {"CiphertextBlob": "$BLOB", "EncryptionContext": {"a": "b"}}),
    ("ReEncrypt", {"CiphertextBlob": "$BLOB", "DestinationKeyId": "$KEY", "SourceEncryptionContext": {"a": "b"}}),
    ("GenerateDataKey", {"KeyId": "$KEY", "KeySpec": "AES_256", "EncryptionContext": {"aws:s3:arn": "x"}}),
    ("GenerateDataKeyWithoutPlaintext", {"KeyId": "$KEY", "NumberOfBytes": 32}),
    ("GenerateRandom", {"NumberOfBytes": 64}),
    ("CreateAlias", {"AliasName": "alias/fuzz-$N", "TargetKeyId": "$KEY"}),
    ("UpdateAlias", {"AliasName": "alias/fuzz-1", "TargetKeyId": "$KEY"}), ("DeleteAlias", {"AliasName": "alias/fuzz-2"}),
    ("TagResource", {"KeyId": "$KEY", "Tags": [{"TagKey": "t", "TagValue": "v"}]}),
    ("UntagResource", {"KeyId": "$KEY", "TagKeys": ["t"]}), ("ListResourceTags", {"KeyId": "$KEY"}),
    ("GetKeyPolicy", {"KeyId": "$KEY", "PolicyName": "default"}),
    ("PutKeyPolicy", {"KeyId": "$KEY", "PolicyName": "default", "Policy": json.dumps({
        "Version": "2012-10-17", "Statement": [{"Sid": "root", "Effect": "Allow", "Principal": {
            "AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*", "Condition": {
            "StringLike": {"kms:EncryptionContext:a": "b*"}}}]})}),
    ("CreateGrant", {"KeyId": "$KEY", "GranteePrincipal": "arn:aws:iam::111122223333:user/u",
                     "Operations": ["Encrypt", "Decrypt"], "Constraints": {"EncryptionContextSubset": {"a": "b"}}}),
    ("ListGrants", {"KeyId": "$KEY"}), ("RetireGrant", {"KeyId": "$KEY", "GrantId": "0" * 64}),
    ("RevokeGrant", {"KeyId": "$KEY", "GrantId": "0" * 64}),
    ("EnableKeyRotation", {"KeyId": "$KEY", "RotationPeriodInDays": 90}), ("GetKeyRotationStatus", {"KeyId": "$KEY"}),
    ("DisableKeyRotation", {"KeyId": "$KEY"}), ("RotateKeyOnDemand", {"KeyId": "$KEY"}),
    ("ListKeyRotations", {"KeyId": "$KEY"}), ("DisableKey", {"KeyId": "$KEY"}), ("EnableKey", {"KeyId": "$KEY"}),
    ("ScheduleKeyDeletion", {"KeyId": "$KEY", "PendingWindowInDays": 7}), ("CancelKeyDeletion", {"KeyId": "$KEY"}),
    ("UpdateKeyDescription", {"KeyId": "$KEY", "Description": "new"}),
    ("Sign", {"KeyId": "$KEY", "Message": "aGk=", "SigningAlgorithm": "ECDSA_SHA_256"}),
    ("Verify", {"KeyId": "$KEY", "Message": "aGk=", "Signature": "AA==", "SigningAlgorithm": "ECDSA_SHA_256"}),
    ("GenerateMac", {"KeyId": "$KEY", "Message": "aGk=", "MacAlgorithm": "HMAC_SHA_256"}),
    ("VerifyMac", {"KeyId": "$KEY", "Message": "aGk=", "Mac": "AA==", "MacAlgorithm": "HMAC_SHA_256"}),
    ("GetPublicKey", {"KeyId": "$KEY"}), ("GenerateDataKeyPair", {"KeyId": "$KEY", "KeyPairSpec": "ECC_NIST_P256"}),
]


def kms_seed(rng, ctx):
    operation, document = rng.choice(KMS_SEEDS)
    text = json.dumps(document).replace("$KEY", rng.choice(ctx.fuzz_keys)).replace("$BLOB", ctx.fuzz_blob)
    text = text.replace("$N", str(rng.randrange(20)))
    req = dict(method="POST", path="/", query="", body=text.encode(), service="kms",
               headers=[("X-Amz-Target", f"TrentService.{operation}"), ("Content-Type", "application/x-amz-json-1.1")])
    return req, ["body", "body", "body", "body", "header", "query", "method"]


def admin_seed(rng, ctx):
    path = rng.choice(["/_coffer/health", "/_coffer/metrics", "/_coffer/stats", "/_coffer/audit"])
    query = rng.choice(["", "limit=5", "key=alias/x&operation=Decrypt&since=2025-01-01T00:00:00Z"])
    return dict(method="GET", path=path, query=query, headers=[], body=b""), ["path", "query", "header"]


def make_case(seed, index, ctx):
    """Case `index` of `seed`: (request, description). Depends on nothing but the seed, index and ctx."""
    rng = random.Random(f"{seed}:{index}")
    draw = rng.random()
    req, fields = (s3_seed if draw < 0.6 else kms_seed if draw < 0.95 else admin_seed)(rng, ctx)
    req.setdefault("service", "s3")
    req.setdefault("auth", "v4")
    if req["path"].startswith(f"/{CANARY_BUCKET}/"):
        fields = [f for f in fields if f not in ("method", "key")]  # canaries are only read
    if rng.random() < 0.9:
        mutate_request(rng, req, fields)
    if req["auth"] != "v4" and req["method"] not in ("GET", "PUT", "HEAD"):
        req["auth"] = "v4"
    return req, rng


# --------------------------------------------------------------------------------------------------------------
# The server and the run


class Server:
    """A `coffer serve` on a free loopback port with a temporary data folder."""

    def __init__(self, binary, access_key, secret, keep):
        self.data = tempfile.mkdtemp(prefix="coffer-fuzz-")
        self.keep = keep
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.log_path = os.path.join(self.data, "server.log")
        env = dict(os.environ, COFFER_ACCESS_KEY_ID=access_key, COFFER_SECRET_ACCESS_KEY=secret)
        args = [binary, "serve", "--host", "127.0.0.1", "--port", str(self.port), "--data", os.path.join(self.data, "d"),
                "--kms-quota-symmetric", "0", "--kms-quota-rsa", "0", "--kms-quota-ecc", "0",
                "--domain", "coffer.test", "--log-level", "error"]
        self.log = open(self.log_path, "wb")
        self.process = subprocess.Popen(args, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(500):  # bounded: 500 x 20 ms
            if self.process.poll() is not None:
                raise SystemExit(f"fuzz: coffer exited at start:\n{self.tail()}")
            if health("127.0.0.1", self.port):
                return
            time.sleep(0.02)
        raise SystemExit("fuzz: coffer did not answer /_coffer/health within 10 s")

    def alive(self):
        return self.process.poll() is None

    def tail(self, lines=40):
        with open(self.log_path, "rb") as log:
            return b"\n".join(log.read().splitlines()[-lines:]).decode("utf-8", "replace")

    def stop(self, failed):
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        if failed or self.keep:
            print(f"fuzz: server data and log kept in {self.data}", file=sys.stderr)
        else:
            shutil.rmtree(self.data, ignore_errors=True)


def health(host, port):
    try:
        with socket.create_connection((host, port), timeout=2) as s:
            s.sendall(b"GET /_coffer/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            return s.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


class Context:
    """What cases refer to: keys, a ciphertext and an open multipart upload of the fuzz bucket."""

    def __init__(self, client, canaries):
        self.client = client
        self.fuzz_key_id = canaries.fuzz_key_id
        self.fuzz_keys = [canaries.fuzz_key_id, "alias/fuzz-1", f"arn:aws:kms:{REGION}:111122223333:key/"
                          + canaries.fuzz_key_id, "alias/aws/s3"]
        client.kms("CreateAlias", {"AliasName": "alias/fuzz-1", "TargetKeyId": canaries.fuzz_key_id})
        status, answer = client.kms("Encrypt", {"KeyId": canaries.fuzz_key_id, "Plaintext": "aGVsbG8=",
                                                "EncryptionContext": {"a": "b"}})
        self.fuzz_blob = answer.get("CiphertextBlob", "AQ==")
        self.canary_keys = canaries.objects.keys()
        self.copy_sources = [f"/{CANARY_BUCKET}/{k}" for k in ("small", "blob", "sse-kms", "sse-s3")] + [
            f"{FUZZ_BUCKET}/a", f"/{FUZZ_BUCKET}/big?versionId=null"]
        self.upload = "none"
        self.refresh_upload()

    def refresh_upload(self):
        """Opens a new upload; a fuzzed bucket default (an unknown key, say) is removed first if it is in the way."""
        for attempt in range(2):
            try:
                result = self.client.call("POST", f"/{FUZZ_BUCKET}/upload", "uploads")
            except (Hang, Dropped, OSError):
                return
            if result[0] == 200:
                self.upload = upload_id(result)
                return
            self.client.call("DELETE", f"/{FUZZ_BUCKET}", "encryption")


def describe(req):
    target = req["path"] + ("?" + req["query"] if req["query"] else "")
    headers = "".join(f"\n    {n}: {v!r}" for n, v in req["headers"])
    return f"{req['method']!r} {target!r}{headers}\n    body ({len(req['body'])} bytes): {req['body'][:300]!r}"


def run(args):
    access_key = os.environ.get("COFFER_ACCESS_KEY_ID", DEFAULT_ACCESS_KEY)
    secret = os.environ.get("COFFER_SECRET_ACCESS_KEY", DEFAULT_SECRET)
    server = None
    if args.endpoint:
        host, port = args.endpoint.replace("http://", "").rstrip("/").split(":")
        port = int(port)
    else:
        server = Server(args.coffer, access_key, secret, args.keep)
        host, port = "127.0.0.1", server.port
    note = check_signers_agree(access_key, secret)
    seed = args.seed if args.seed is not None else random.randrange(2 ** 32)
    client = Client(host, port, access_key, secret, args.request_timeout)
    canaries = Canaries(client, random.Random(f"{seed}:canaries"))
    canaries.setup()
    ctx = Context(client, canaries)
    print(f"fuzz: seed {seed}, {note}, server on {host}:{port}", flush=True)

    counts = dict(cases=0, crashes=0, hangs=0, bad=0, dropped=0, denied=0)
    statuses = {}
    start = time.monotonic()
    indices = [args.case] if args.case is not None else range(args.cases)
    failures = []
    for index in indices:
        if time.monotonic() - start > args.time_limit:
            break
        if index and index % 500 == 0:
            ctx.refresh_upload()
        req, rng = make_case(seed, index, ctx)
        client.prepare(req)
        if rng.random() < 0.15:
            mutate_after_signing(rng, req)
        counts["cases"] += 1
        failure = None
        try:
            status, _, body = client.send(req)
            statuses[status] = statuses.get(status, 0) + 1
            counts["denied"] += status == 403
            if status >= 500 and status not in ALLOWED_5XX:
                counts["bad"] += 1
                failure = f"answered {status}: {body[:400]!r}"
        except Hang:
            counts["hangs"] += 1
            failure = f"no answer within {args.request_timeout} s"
        except (Dropped, OSError):
            counts["dropped"] += 1
        if (server and not server.alive()) or (not server and index % 100 == 0 and not health(host, port)):
            counts["crashes"] += 1
            failure = f"the server died\n{server.tail() if server else ''}"
        if args.check_every and not failure and (index + 1) % args.check_every == 0:
            broken_now = canaries.verify()
            if broken_now:
                failure = f"canaries broken by case {index + 1 - args.check_every}..{index}: {'; '.join(broken_now)}"
                counts["bad"] += 1
        if failure:
            failures.append(index)
            print(f"FAIL seed={seed} case={index}: {failure}\n  replay: --seed {seed} --case {index}\n  "
                  f"request: {describe(req)}", flush=True)
            if counts["crashes"] or len(failures) >= args.max_failures:
                break
        if args.progress and counts["cases"] % args.progress == 0:
            print(f"fuzz: {counts['cases']} cases, {time.monotonic() - start:.0f} s", flush=True)
    duration = time.monotonic() - start
    client.connection.close()
    broken = [] if counts["crashes"] else canaries.verify()
    ok = not (counts["crashes"] or counts["hangs"] or counts["bad"] or broken)
    if server:
        if not ok:
            print(server.tail(), file=sys.stderr)
        server.stop(failed=not ok)
    top = ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items()))
    print(f"fuzz: statuses {{{top}}}; {counts['denied']} refused by authentication (403), "
          f"{counts['dropped']} connections closed without an answer; {duration:.1f} s, "
          f"{counts['cases'] / max(duration, 0.001):.0f} cases/s")
    canary_text = "canaries intact" if not broken else "canaries BROKEN: " + "; ".join(broken)
    print(f"fuzz: {counts['cases']} cases, {counts['crashes']} crashes, {counts['hangs']} hangs, "
          f"{counts['bad']} bad 5xx, {canary_text}", flush=True)
    return 0 if ok else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--coffer", default=".build/release/coffer", help="the coffer binary to start")
    parser.add_argument("--endpoint", help="use this running server (http://127.0.0.1:PORT) instead")
    parser.add_argument("--seed", type=int, help="the run's seed (random when absent; printed)")
    parser.add_argument("--cases", type=int, default=2000, help="the most cases to send")
    parser.add_argument("--case", type=int, help="replay this one case of --seed")
    parser.add_argument("--time-limit", type=float, default=3600, help="stop sending cases after this many seconds")
    parser.add_argument("--request-timeout", type=float, default=10, help="seconds an answer may take (the hang bound)")
    parser.add_argument("--max-failures", type=int, default=20, help="stop after this many failing cases")
    parser.add_argument("--progress", type=int, default=0, help="print progress every N cases")
    parser.add_argument("--check-every", type=int, default=0,
                        help="also read the canaries back every N cases (1 names the case that broke one)")
    parser.add_argument("--keep", action="store_true", help="keep the server's data folder")
    sys.exit(run(parser.parse_args()))


if __name__ == "__main__":
    main()
