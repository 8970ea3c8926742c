#!/usr/bin/env bash
# Instructions per signed KMS GenerateDataKey request, counted by callgrind: repeatable on a busy machine, where
# wrk's requests/s are not. Starts the server under valgrind on a fresh data folder, warms it up, then counts
# exactly COUNT replayed requests (kms_replay.py, one keep-alive connection) between a zero and a dump.
#   bench/kms-callgrind.sh [BINARY] [COUNT]      (defaults: .build-release/release/coffer 2000)
# SERVER_ARGS adds `coffer serve` options (e.g. --no-audit-trail). Prints instructions/request and writes the
# profile to $OUT/callgrind.out.* (callgrind_annotate 3.19 mis-attributes Swift profiles to `clone`; read the
# file with a script or KCachegrind).
# The server runs with COFFER_NIO_EXECUTOR=0 unless set: valgrind runs one thread at a time, which changes how
# event-loop tasks batch, so the executor is judged by CPU time and context switches under wrk instead.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=${1:-.build-release/release/coffer}
COUNT=${2:-2000}
PORT=${PORT:-19100}
ENDPOINT=http://127.0.0.1:$PORT
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT/data"
# valgrind 3.19 cannot read the DWARF 5 of Swift 6 binaries ("Possibly corrupted debuginfo file"): profile a
# copy without debug info; the symbol table, and so the function names, stay.
objcopy --strip-debug "$BIN" "$OUT/coffer"
gcc -O2 -shared -fPIC -o "$OUT/sigsuspend-shim.so" "$HERE/valgrind-sigsuspend-shim.c"
COFFER_NIO_EXECUTOR=${COFFER_NIO_EXECUTOR:-0} LD_PRELOAD="$OUT/sigsuspend-shim.so" \
    valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind.out" \
    "$OUT/coffer" serve --port "$PORT" --data "$OUT/data" ${SERVER_ARGS:-} > "$OUT/server.log" 2>&1 &
PID=$!
trap 'kill -TERM $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
    curl -fs "$ENDPOINT/_coffer/health" > /dev/null 2>&1 && break
    sleep 0.2
done
python3 "$HERE/kms_signed_request.py" --endpoint "$ENDPOINT" --out "$OUT/request" > /dev/null
python3 "$HERE/kms_replay.py" --endpoint "$ENDPOINT" --dir "$OUT/request" --count 200 > /dev/null
callgrind_control --zero "$PID" > /dev/null 2>&1
python3 "$HERE/kms_replay.py" --endpoint "$ENDPOINT" --dir "$OUT/request" --count "$COUNT" > /dev/null
callgrind_control --dump=measured "$PID" > /dev/null 2>&1
DUMP=$(ls -t "$OUT"/callgrind.out* | head -1)
TOTAL=$(callgrind_annotate "$DUMP" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1; exit }')
echo "profile: $DUMP"
echo "requests: $COUNT  instructions: $TOTAL  instructions/request: $((TOTAL / COUNT))"
