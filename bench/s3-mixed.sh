#!/usr/bin/env bash
# A mixed load on one release server, with the shared wrk harness (../shared/bench): 4 KiB SSE-KMS GETs of 256 hot
# keys (8 connections, 10 s) while 8 other connections PUT other keys (8 s, started once the GETs' wrk runs).
# Shows how the row cache of GET and HEAD holds up under writes (docs/performance.md).
#   bench/s3-mixed.sh [BINARY]        (default .build-release/release/coffer)
# Environment: PORT (9420), SHARED_BENCH (the harness folder). Prints the GET row, then the PUT row.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=${1:-.build-release/release/coffer}
PORT=${PORT:-9420}
H=${SHARED_BENCH:-$(cd "$HERE/../.." && pwd)/shared/bench}
[ -f "$H/bench.sh" ] || H=/work/shared/bench
DATA=$(mktemp -d /tmp/coffer-s3-mixed.XXXXXX)
export ENDPOINT=http://127.0.0.1:$PORT AWS_ACCESS_KEY_ID=benchaccess AWS_SECRET_ACCESS_KEY=benchsecret
export AWS_REGION=us-east-1 OUTROOT=$DATA/out
COFFER_ACCESS_KEY_ID=benchaccess COFFER_SECRET_ACCESS_KEY=benchsecret \
    "$BIN" serve --port "$PORT" --data "$DATA/data" --kms-quota-symmetric 0 > "$DATA/server.log" 2>&1 &
PID=$!
trap 'kill -TERM $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 300); do
    curl -fs "$ENDPOINT/_coffer/health" > /dev/null 2>&1 && break
    sleep 0.1
done
python3 "$H/presign.py" mkbucket > /dev/null
KEY=$(python3 -c 'import boto3, os; print(boto3.client("kms", endpoint_url=os.environ["ENDPOINT"],
    region_name="us-east-1").create_key()["KeyMetadata"]["KeyId"])')
TAG=get CONNS=8 DURATION=10s SSE=kms KMS_KEY_ID="$KEY" "$H/bench.sh" get 4096 > "$DATA/get.txt" 2>&1 &
GET=$!
for _ in $(seq 1 600); do
    pgrep -x wrk > /dev/null && break
    sleep 0.1
done
TAG=put CONNS=8 DURATION=8s SSE=kms KMS_KEY_ID="$KEY" "$H/bench.sh" put 4096 > "$DATA/put.txt" 2>&1
wait $GET
cat "$DATA/get.txt" "$DATA/put.txt"
