#!/usr/bin/env bash
# KMS GenerateDataKey over HTTP, signed, replayed by wrk (see docs/performance.md).
#   ENDPOINT=http://127.0.0.1:9000 bench/kms-bench.sh [CONNS] [DURATION] [THREADS]
# Defaults: 16 connections, 10s, 1 wrk thread (on a two-core machine wrk shares the cores with the server).
# Start the server with `--kms-quota-symmetric 0`: the default quota (10,000 symmetric calls/s per account, as
# AWS) otherwise answers the excess with ThrottlingException, and wrk reports those as "Non-2xx".
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
python3 "$HERE/kms_signed_request.py" --endpoint "${ENDPOINT%/}" --out "$OUT" > "$OUT/key_id"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
HDRS="$OUT/headers.txt" BODY="$OUT/body.json" \
    wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s "$HERE/kms.lua" "${ENDPOINT%/}" | tee "$OUT/wrk.txt"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if grep -q "Non-2xx" "$OUT/wrk.txt"; then
    echo "error: some answers were not 200 (throttled? expired signature?): this run did not measure GenerateDataKey" >&2
    exit 1
fi
