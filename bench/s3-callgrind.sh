#!/usr/bin/env bash
# Instructions per presigned S3 request, counted by callgrind (the S3 twin of kms-callgrind.sh): repeatable on a
# busy machine, where wrk's requests/s are not. Starts the server under valgrind on a fresh data folder, presigns
# URLs with ../shared/bench/presign.py (the wrk harness's own signer), warms up, then counts exactly COUNT
# replayed requests (s3_replay.py, one keep-alive connection) between a zero and a dump.
#   bench/s3-callgrind.sh [BINARY] [COUNT] [get|put] [SIZE] [none|kms]   (defaults: release coffer 2000 get 4096 kms)
# SERVER_ARGS adds `coffer serve` options. Prints instructions/request; read the profile with callgrind_top.py.
# Only CPU work is counted: fsync and other waits cost no instructions (judge those with wrk or strace -c).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=${1:-.build-release/release/coffer}
COUNT=${2:-2000}
OP=${3:-get}
SIZE=${4:-4096}
SSE=${5:-kms}
SHARED=${SHARED_BENCH:-$(cd "$HERE/../.." && pwd)/shared/bench}
[ -f "$SHARED/presign.py" ] || SHARED=/work/shared/bench
PORT=${PORT:-19200}
export ENDPOINT=http://127.0.0.1:$PORT AWS_ACCESS_KEY_ID=benchaccess AWS_SECRET_ACCESS_KEY=benchsecret
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT/data"
objcopy --strip-debug "$BIN" "$OUT/coffer"          # valgrind 3.19 cannot read Swift 6's DWARF 5
gcc -O2 -shared -fPIC -o "$OUT/sigsuspend-shim.so" "$HERE/valgrind-sigsuspend-shim.c"
COFFER_ACCESS_KEY_ID=benchaccess COFFER_SECRET_ACCESS_KEY=benchsecret \
COFFER_NIO_EXECUTOR=${COFFER_NIO_EXECUTOR:-0} LD_PRELOAD="$OUT/sigsuspend-shim.so" \
    valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind.out" \
    "$OUT/coffer" serve --port "$PORT" --data "$OUT/data" --kms-quota-symmetric 0 ${SERVER_ARGS:-} \
    > "$OUT/server.log" 2>&1 &
PID=$!
trap 'kill -TERM $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
    curl -fs "$ENDPOINT/_coffer/health" > /dev/null 2>&1 && break
    sleep 0.2
done
python3 "$SHARED/presign.py" mkbucket > /dev/null
KEY=""
if [ "$SSE" = kms ]; then
    KEY=$(python3 -c 'import boto3, os; print(boto3.client("kms", endpoint_url=os.environ["ENDPOINT"],
        region_name="us-east-1").create_key()["KeyMetadata"]["KeyId"])')
fi
python3 "$SHARED/presign.py" "$OP" --size "$SIZE" --keys 64 --sse "$SSE" --kms-key-id "$KEY" \
    --prefix cg --out "$OUT/urls" > /dev/null
METHOD=$(echo "$OP" | tr a-z A-Z)
python3 "$HERE/s3_replay.py" --dir "$OUT/urls" --method "$METHOD" --size "$SIZE" --count 200 > /dev/null
callgrind_control --zero "$PID" > /dev/null 2>&1
python3 "$HERE/s3_replay.py" --dir "$OUT/urls" --method "$METHOD" --size "$SIZE" --count "$COUNT" > /dev/null
callgrind_control --dump=measured "$PID" > /dev/null 2>&1
DUMP=$(ls -t "$OUT"/callgrind.out* | head -1)
TOTAL=$(callgrind_annotate "$DUMP" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1; exit }')
echo "profile: $DUMP"
echo "$OP $SIZE $SSE requests: $COUNT  instructions: $TOTAL  instructions/request: $((TOTAL / COUNT))"
