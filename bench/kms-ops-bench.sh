#!/usr/bin/env bash
# The figures of docs/performance.md, "KMS asymmetric operations, the audit trail and the quota":
#   bench/kms-ops-bench.sh [BINARY] [RUNS] [DURATION]     (defaults: .build-release/release/coffer 3 10s)
# 1. Throughput: each workload of kms_signed_request.py (Sign RSA-PSS and ECDSA, Verify of each, RSA Decrypt,
#    GenerateDataKey), every quota off so no quota caps it. GenerateDataKey runs on two servers, with the audit
#    trail (the default) and with --no-audit-trail. One round runs every workload once, back to back, and the
#    rounds repeat RUNS times, so load from others on the machine falls on every workload alike.
# 2. The quota check: a server with --kms-quota-symmetric 5500, GenerateDataKey driven above that rate for
#    DURATION; kms.lua counts the answers per second (200, ThrottlingException, anything else).
# Prints one line per run with the load average before and after, then the median of each workload.
# ONLY=generate-data-key (a workload name, or several separated by spaces) runs just those, and QUOTA_CHECK=0
# skips step 2: more rounds of the audit on/off pair take `ONLY=generate-data-key QUOTA_CHECK=0`.
# Needs wrk and boto3 (see kms-bench.sh). Ports 19200-19202.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=${1:-.build-release/release/coffer}
RUNS=${2:-3}
DURATION=${3:-10s}
WORK=$(mktemp -d)
PIDS=()
trap 'for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT
UNLIMITED=(--kms-quota-symmetric 0 --kms-quota-rsa 0 --kms-quota-ecc 0)

start() {   # start NAME PORT ARGS...: a server on a fresh data folder, waited for
    local name=$1 port=$2
    shift 2
    "$BIN" serve --port "$port" --data "$WORK/$name" "$@" > "$WORK/$name.log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/_coffer/health" > /dev/null && return; sleep 0.1; done
    echo "error: server $name did not start" >&2
    exit 1
}

run() {   # run WORKLOAD PORT LABEL: one wrk run; appends "LABEL req/s p50 p99 load" to results.txt
    [[ -z "${ONLY:-}" || " $ONLY " == *" $1 "* ]] || return 0
    local out
    out=$(ENDPOINT=http://127.0.0.1:$2 WORKLOAD=$1 "$HERE/kms-bench.sh" 16 "$DURATION" 1)
    local rps p50 p99 before after
    rps=$(awk '/^Requests\/sec:/ { printf "%d", $2 }' <<< "$out")
    p50=$(awk '$1 == "50%" { print $2 }' <<< "$out")
    p99=$(awk '$1 == "99%" { print $2 }' <<< "$out")
    before=$(awk -F': ' '/^load average before/ { print $2 }' <<< "$out")
    after=$(awk -F': ' '/^load average after/ { print $2 }' <<< "$out")
    printf '%-28s %8s req/s  p50 %-8s p99 %-8s load %s -> %s\n' "$3" "$rps" "$p50" "$p99" "$before" "$after" |
        tee -a "$WORK/results.txt"
}

echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo); binary: $BIN"
start audit 19200 "${UNLIMITED[@]}"
start no-audit 19201 "${UNLIMITED[@]}" --no-audit-trail
for round in $(seq "$RUNS"); do
    echo "round $round of $RUNS"
    run sign-rsa-pss 19200 "Sign RSA_2048 PSS"
    run sign-ecc 19200 "Sign ECC_NIST_P256"
    run verify-rsa-pss 19200 "Verify RSA_2048 PSS"
    run verify-ecc 19200 "Verify ECC_NIST_P256"
    run decrypt-rsa 19200 "Decrypt RSA_2048 OAEP-256"
    run generate-data-key 19200 "GenerateDataKey, audit"
    run generate-data-key 19201 "GenerateDataKey, no audit"
done
for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
PIDS=()

echo "medians of $RUNS runs:"
awk '{ label = $1; for (i = 2; $i != "req/s"; i++) ;
       name = ""; for (j = 1; j < i - 1; j++) name = name (j > 1 ? " " : "") $j;
       values[name] = values[name] " " $(i - 1); order[name] = NR }
     END { for (name in values) {
               n = split(substr(values[name], 2), v, " ");
               for (a = 1; a <= n; a++) for (b = a + 1; b <= n; b++) if (v[b] + 0 < v[a] + 0) { t = v[a]; v[a] = v[b]; v[b] = t }
               printf "%-28s %8d req/s (runs:%s)\n", name, v[int((n + 1) / 2)], values[name] } }' "$WORK/results.txt" |
    sort

[ "${QUOTA_CHECK:-1}" = 1 ] || exit 0
echo "quota check: --kms-quota-symmetric 5500, GenerateDataKey for $DURATION"
start quota 19202 --kms-quota-symmetric 5500
ENDPOINT=http://127.0.0.1:19202 WORKLOAD=generate-data-key COUNT_STATUS=1 "$HERE/kms-bench.sh" 16 "$DURATION" 1 |
    grep -E "^(second|total|Requests/sec|load average|    Latency)"
