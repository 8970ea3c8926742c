#!/usr/bin/env bash
# The S3 table of docs/performance.md end to end, with the shared wrk harness (../shared/bench): starts a release
# `coffer serve` on a fresh data folder, creates the bucket and a KMS key, runs every row, prints one summary line
# per row with the 1-minute load average before and after it, and stops the server.
#   bench/s3-bench.sh [BINARY]                 (default .build-release/release/coffer)
# Build first: swift build -c release --scratch-path .build-release --product coffer
# Environment: DURATION (8s), PORT (9300), SHARED_BENCH (the harness folder), ROWS (a subset, e.g. "put4k-kms get4k-kms").
# Rows: 4 KiB PUT and GET with SSE-S3 (the default), SSE-KMS and SSE-KMS + Bucket Keys at 16 connections;
# 1 MiB PUT and GET with SSE-S3 and SSE-KMS at 8 connections over 64 keys. A row with non2xx>0 or socket errors is
# not a valid figure. The machine should be quiet: compare the load averages printed with each row.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=${1:-.build-release/release/coffer}
PORT=${PORT:-9300}
DURATION=${DURATION:-8s}
H=${SHARED_BENCH:-$(cd "$HERE/../.." && pwd)/shared/bench}
[ -f "$H/bench.sh" ] || H=/work/shared/bench
DATA=$(mktemp -d /tmp/coffer-s3-bench.XXXXXX)
export ENDPOINT=http://127.0.0.1:$PORT AWS_ACCESS_KEY_ID=benchaccess AWS_SECRET_ACCESS_KEY=benchsecret
export AWS_REGION=us-east-1 OUTROOT=$DATA/out TAG=coffer DURATION
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
load() { cut -d' ' -f1 /proc/loadavg; }
row() {  # row NAME ENV... -- OP SIZE
    local name=$1; shift
    if [ -n "${ROWS:-}" ] && [[ " $ROWS " != *" $name "* ]]; then return; fi
    local before; before=$(load)
    local line; line=$(env "$@")
    echo "$line load=$before->$(load)"
}
echo "# $(date -u +%FT%TZ) $(nproc) cores, binary $BIN, DURATION=$DURATION"
row put4k-s3    CONNS=16 "$H/bench.sh" put 4096
row get4k-s3    CONNS=16 "$H/bench.sh" get 4096
row put4k-kms   CONNS=16 SSE=kms KMS_KEY_ID="$KEY" "$H/bench.sh" put 4096
row get4k-kms   CONNS=16 SSE=kms KMS_KEY_ID="$KEY" "$H/bench.sh" get 4096
row put4k-bk    CONNS=16 SSE=kms KMS_KEY_ID="$KEY" BUCKET_KEY=1 "$H/bench.sh" put 4096
row get4k-bk    CONNS=16 SSE=kms KMS_KEY_ID="$KEY" BUCKET_KEY=1 "$H/bench.sh" get 4096
row put1m-s3    CONNS=8 KEYS=64 "$H/bench.sh" put 1048576
row get1m-s3    CONNS=8 KEYS=64 "$H/bench.sh" get 1048576
row put1m-kms   CONNS=8 KEYS=64 SSE=kms KMS_KEY_ID="$KEY" "$H/bench.sh" put 1048576
row get1m-kms   CONNS=8 KEYS=64 SSE=kms KMS_KEY_ID="$KEY" "$H/bench.sh" get 1048576
