"""Signing (SigV4 header and query, SigV2 header, aws-chunked) and a raw HTTP/1.1 client for fuzz_e2e.py."""

import base64
import hashlib
import hmac
import socket
import time
import zlib
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
