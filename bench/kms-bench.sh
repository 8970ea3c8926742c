#!/usr/bin/env bash
# KMS GenerateDataKey over HTTP, signed, replayed by wrk.
#   ENDPOINT=http://127.0.0.1:9000 bench/kms-bench.sh [CONNS] [DURATION]
# Needs wrk (apt-get install wrk) and boto3. Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
# (default: Coffer's default pair). Prints wrk's report.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
: "${ENDPOINT:=http://127.0.0.1:9000}"
CONNS=${1:-32}
DURATION=${2:-10s}
OUT=$(mktemp -d)
python3 "$HERE/kms_signed_request.py" --endpoint "$ENDPOINT" --out "$OUT" > "$OUT/key_id"
HDRS="$OUT/headers.txt" BODY="$OUT/body.json" \
    wrk -t2 -c"$CONNS" -d"$DURATION" --latency -s "$HERE/kms.lua" "$ENDPOINT"
