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
# shellcheck source=bench/lib.sh
source "$HERE/lib.sh"
TAG=get CONNS=8 DURATION=10s SSE=kms KMS_KEY_ID="$KEY" "$H/bench.sh" get 4096 > "$DATA/get.txt" 2>&1 &
GET=$!
for _ in $(seq 1 600); do
    pgrep -x wrk > /dev/null && break
    sleep 0.1
done
TAG=put CONNS=8 DURATION=8s SSE=kms KMS_KEY_ID="$KEY" "$H/bench.sh" put 4096 > "$DATA/put.txt" 2>&1
wait $GET
cat "$DATA/get.txt" "$DATA/put.txt"
