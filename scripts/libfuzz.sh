#!/usr/bin/env bash
# Optional coverage-guided fuzzing with libFuzzer (swiftc -sanitize=fuzzer, Linux) of the self-contained parsers:
# JSONReader (KMS bodies), XMLProlog (S3 XML bodies) and ByteRangeRequest (Range). Not part of CI.
# Usage: scripts/libfuzz.sh [libFuzzer options, e.g. -max_total_time=60 -jobs=2]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${TMPDIR:-/tmp}/coffer-libfuzz
mkdir -p "$out/corpus"
swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name CofferLibFuzz -o "$out/fuzz" \
    scripts/libfuzzer/Entry.swift Sources/KMSAPI/JSON/JSONReader.swift Sources/KMSAPI/JSON/JSONReader+String.swift \
    Sources/KMSAPI/JSON/JSONValue.swift Sources/S3API/XMLProlog.swift Sources/ObjectStore/ByteRangeRequest.swift \
    Sources/ObjectStore/ObjectStoreError.swift Sources/ObjectStore/ObjectStoreError+Constructors.swift \
    Sources/ObjectStore/ChecksumAlgorithm.swift
printf '{"KeyId": "alias/x", "NumberOfBytes": 32, "EncryptionContext": {"a": "b"}}' > "$out/corpus/json"
printf '<?xml version="1.0"?><Delete><Object><Key>k</Key></Object></Delete>' > "$out/corpus/xml"
printf 'bytes=0-99' > "$out/corpus/range"
"$out/fuzz" "$out/corpus" -max_len=4096 "${@:--max_total_time=60}"
