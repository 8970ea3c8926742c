# Sourced by the bench/s3-*.sh scripts: starts a release `coffer serve` on a fresh data folder with the benchmark
# credentials and the KMS quota lifted, waits for it, creates the harness's bucket and one KMS key.
# Before sourcing, set BIN, PORT and HERE (the bench folder). Sets H (the shared harness folder), DATA, PID, KEY,
# ENDPOINT and the AWS_* variables the harness reads; stops the server and removes DATA on exit. SERVER_ARGS adds
# `coffer serve` options (e.g. `--blobs s3://bench --blobs-endpoint URL`, with COFFER_BLOBS_* in the environment).
H=${SHARED_BENCH:-$(cd "$HERE/../.." && pwd)/shared/bench}
[ -f "$H/bench.sh" ] || H=/work/shared/bench
DATA=$(mktemp -d /tmp/coffer-s3-bench.XXXXXX)
export ENDPOINT=http://127.0.0.1:$PORT AWS_ACCESS_KEY_ID=benchaccess AWS_SECRET_ACCESS_KEY=benchsecret
export AWS_REGION=us-east-1 OUTROOT=$DATA/out
COFFER_ACCESS_KEY_ID=benchaccess COFFER_SECRET_ACCESS_KEY=benchsecret \
    "$BIN" serve --port "$PORT" --data "$DATA/data" --kms-quota-symmetric 0 ${SERVER_ARGS:-} > "$DATA/server.log" 2>&1 &
PID=$!
trap 'kill -TERM $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 300); do
    curl -fs "$ENDPOINT/_coffer/health" > /dev/null 2>&1 && break
    sleep 0.1
done
python3 "$H/presign.py" mkbucket > /dev/null
KEY=$(python3 -c 'import boto3, os; print(boto3.client("kms", endpoint_url=os.environ["ENDPOINT"],
    region_name="us-east-1").create_key()["KeyMetadata"]["KeyId"])')
