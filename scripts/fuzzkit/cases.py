"""Mutations and the valid requests they start from, for fuzz_e2e.py."""

import base64
import hashlib
import json
import random

from fuzzkit.wire import *  # noqa: F401,F403 (the shared constants and crc32_b64)


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
