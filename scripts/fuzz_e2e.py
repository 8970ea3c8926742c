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
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

from fuzzkit.cases import *  # noqa: F401,F403
from fuzzkit.client import *  # noqa: F401,F403
from fuzzkit.wire import *  # noqa: F401,F403


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
