#!/usr/bin/env bash
# One KMS operation over HTTP, signed, replayed by wrk (see docs/performance.md).
#   ENDPOINT=http://127.0.0.1:9000 [WORKLOAD=generate-data-key] bench/kms-bench.sh [CONNS] [DURATION] [THREADS]
# Defaults: 16 connections, 10s, 1 wrk thread (on a two-core machine wrk shares the cores with the server).
# WORKLOAD is one of kms_signed_request.py's: generate-data-key (the default), sign-rsa-pss, sign-ecc,
# verify-rsa-pss, verify-ecc, decrypt-rsa.
# Start the server with every quota off (`--kms-quota-symmetric 0 --kms-quota-rsa 0 --kms-quota-ecc 0`): the
# defaults (10,000 symmetric, 500 RSA and 300 ECC calls/s per account) otherwise answer the excess with
# ThrottlingException, and wrk reports those as "Non-2xx".
# COUNT_STATUS=1 is the quota check instead: throttled answers are expected and counted per second (kms.lua); the
# run fails on any other answer or any socket error (a timeout is one).
# Needs wrk (apt-get install wrk) and boto3. Credentials: COFFER_ACCESS_KEY_ID / COFFER_SECRET_ACCESS_KEY (the
# server's variables), else AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, else COFFERACCESSKEY0000 / coffer-secret-change-me.
# The signature stays valid for the server's 15-minute clock-skew window: keep DURATION well under that.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
: "${ENDPOINT:=http://127.0.0.1:9000}"
CONNS=${1:-16}
DURATION=${2:-10s}
THREADS=${3:-1}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
python3 "$HERE/kms_signed_request.py" --endpoint "${ENDPOINT%/}" --workload "${WORKLOAD:-generate-data-key}" \
    --out "$OUT" > "$OUT/key_id"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
HDRS="$OUT/headers.txt" BODY="$OUT/body.json" \
    wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s "$HERE/kms.lua" "${ENDPOINT%/}" | tee "$OUT/wrk.txt"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if grep -q "Socket errors" "$OUT/wrk.txt"; then
    echo "error: wrk saw socket errors or timeouts" >&2
    exit 1
fi
if [ -n "${COUNT_STATUS:-}" ]; then
    if ! grep -q ", 0 other$" "$OUT/wrk.txt"; then
        echo "error: some answers were neither 200 nor ThrottlingException" >&2
        exit 1
    fi
elif grep -q "Non-2xx" "$OUT/wrk.txt"; then
    echo "error: some answers were not 200 (throttled? expired signature?): this run did not measure ${WORKLOAD:-generate-data-key}" >&2
    exit 1
fi
