#!/usr/bin/env bash
# One node on PostgreSQL + SeaweedFS beside the embedded default, on the same harness (docs/performance.md,
# docs/scale-out.md): starts PostgreSQL and SeaweedFS with scripts/cluster.sh (no nodes), then runs bench/s3-bench.sh
# twice, once with `--metadata postgres://... --blobs s3://...` on a fresh database and once with neither.
#   bench/scaleout-bench.sh [BINARY]      (default .build-release/release/coffer)
# Environment: ROWS (default "put4k-s3 get4k-s3 put4k-bk get4k-bk put1m-kms get1m-kms"), DURATION, COFFER_CLUSTER_DIR (default ./cluster),
# EMBEDDED=0 to skip the embedded run.
# Leaves PostgreSQL and SeaweedFS running for a second run: `scripts/cluster.sh down` stops them.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build-release/release/coffer}
export ROWS=${ROWS:-"put4k-s3 get4k-s3 put4k-bk get4k-bk put1m-kms get1m-kms"}
export COFFER_CLUSTER_DIR=${COFFER_CLUSTER_DIR:-$PWD/cluster}
PG_PORT=${COFFER_CLUSTER_PG_PORT:-55432}
PG_PASSWORD=${COFFER_CLUSTER_PG_PASSWORD:-coffer-cluster}

curl -s -o /dev/null "http://127.0.0.1:18333" || COFFER_CLUSTER_NODES=0 bash scripts/cluster.sh up >/dev/null
# One SeaweedFS bucket for every run, a prefix per run: each new bucket (a SeaweedFS collection) takes volumes of its
# own, and a few dozen runs used them all up.
database="bench_$(date +%s)"
PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U coffer -d postgres -qc "CREATE DATABASE $database"

echo "== one node, metadata in PostgreSQL ($database), blobs in SeaweedFS"
COFFER_KMS_ROOT_KEY=$(head -c 32 /dev/urandom | base64) \
COFFER_METADATA_URL="postgres://coffer:$PG_PASSWORD@127.0.0.1:$PG_PORT/$database" \
COFFER_BLOBS_ACCESS_KEY_ID=AKIACOFFERCLUSTER001 \
COFFER_BLOBS_SECRET_ACCESS_KEY=${COFFER_CLUSTER_BLOBS_SECRET:-coffer-cluster-blobs-secret} \
SERVER_ARGS="--blobs s3://bench-blobs/$database --blobs-endpoint http://127.0.0.1:18333" \
    bash bench/s3-bench.sh "$BIN"

[ "${EMBEDDED:-1}" = 0 ] && exit 0
echo "== one node, embedded default (SQLite and local files)"
bash bench/s3-bench.sh "$BIN"
