#!/usr/bin/env bash
# A short, repeatable fuzz of the HTTP parser, for CI: Fuzz/HTTP/smoke.sh [RUNS]
#
# Builds the harness (build.sh), then runs RUNS inputs (default 1,000,000, about a
# minute on the project's 2-core machine) from the seeds, in a fresh corpus, with
# libFuzzer's seed fixed, so a run that passes before a change lands passes in CI.
# Fails (exit 1) on any finding, and prints the reproducer in base64. Where the
# toolchain has no libFuzzer it says so and exits 0, as Fuzz/smoke.sh does.
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
runs="${1:-1000000}"
work="$here/.build/smoke"
rm -rf "$work"
mkdir -p "$work/corpus" "$work/crashes"

if ! "$here/../has-libfuzzer.sh" "$work/probe" > /dev/null; then
    echo "http fuzz smoke: skipped: no libFuzzer (swiftc -sanitize=fuzzer,address cannot build a harness with this toolchain)"
    exit 0
fi
if ! "$here/build.sh" > "$work/build.log" 2>&1; then
    echo "http fuzz smoke: FAILED: the harness does not build"
    sed 's/^/  /' "$work/build.log" | tail -20
    exit 1
fi

SWIFT_DETERMINISTIC_HASHING=1 ASAN_OPTIONS=detect_leaks=0 "$here/.build/HTTPParserFuzzer" "$work/corpus" "$here/seeds" \
    -seed=1 -runs="$runs" -max_len=1024 -timeout=10 -artifact_prefix="$work/crashes/" > "$work/run.log" 2>&1
status=$?
executed="$(grep -o 'Done [0-9]* runs' "$work/run.log" | grep -o '[0-9]*' || true)"
found=("$work/crashes/"*)
if [[ $status -ne 0 || -e "${found[0]}" ]]; then
    echo "http fuzz smoke: FAILED (exit $status); the end of its log:"
    tail -n 40 "$work/run.log" | sed 's/^/  /'
    for reproducer in "${found[@]}"; do
        [[ -e "$reproducer" ]] || continue
        echo "http fuzz smoke: reproducer $reproducer, base64:"
        base64 < "$reproducer" | sed 's/^/  /'
    done
    exit 1
fi
echo "http fuzz smoke: ok, ${executed:-?} inputs, no findings"
