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
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"
export TAG=coffer DURATION
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
