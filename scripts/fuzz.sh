#!/usr/bin/env bash
# The long end-to-end fuzz run: at least 100,000 signed hostile requests against a release build of coffer.
# Usage: scripts/fuzz.sh [--ci] [--seed N] [--cases N] [other fuzz_e2e.py options]
# --ci: the bounded pass CI runs before the test suite (debug build, seed 11, at most 75 s of cases).
# Passes when the summary reads "0 crashes, 0 hangs, 0 bad 5xx, canaries intact" (exit 0). See docs/fuzzing.md.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--ci" ]]; then
    # CI's bounded pass: the debug build, a fixed seed so a failure replays, at most 75 seconds of cases.
    shift
    swift build --product coffer 2>&1 | tail -n 3
    start=$(date +%s)
    python3 scripts/fuzz_e2e.py --coffer .build/debug/coffer --seed 11 --cases 20000 --time-limit 75 \
        --request-timeout 10 "$@"
else
    swift build -c release --product coffer 2>&1 | tail -n 3
    start=$(date +%s)
    python3 scripts/fuzz_e2e.py --coffer .build/release/coffer --cases 100000 --time-limit 5400 --progress 10000 "$@"
fi
echo "fuzz.sh: finished in $(( $(date +%s) - start )) s"
