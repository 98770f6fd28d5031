#!/usr/bin/env bash
# A short fuzz of every harness, for CI: Fuzz/smoke.sh [SECONDS] [HARNESS...]
#
# Builds the harnesses (Fuzz/build.sh; SKIP_BUILD=1 reuses the last build), then
# runs each one in turn from its seeds (and every reproducer in crashes/), in a
# fresh corpus, and prints how many inputs each ran.
#
# The run is the same on every machine: libFuzzer's seed is fixed (-seed=1),
# Swift's hashing is made deterministic (SWIFT_DETERMINISTIC_HASHING), and each
# harness runs a fixed number of inputs, about SECONDS (default 60) of work on
# this project's 2-core machine (SMOKE_RUNS_<Harness> overrides one). So a smoke run
# that passes before a change lands passes in CI; a slower machine stops at three
# times SECONDS, having run a prefix of the same inputs. Set SMOKE_RANDOM=1 for a
# run with a random seed and time only, to look for new findings. Fails (exit 1) on any finding: a crash, a
# broken invariant, an ASan report, a timeout or running out of memory; the
# reproducer is kept in Fuzz/.build/smoke/ and printed in base64.
#
# Where the toolchain has no libFuzzer (`swiftc -sanitize=fuzzer` cannot link a
# tiny harness; e.g. the macOS toolchains), it prints a "skipped" line and exits 0.
set -uo pipefail

fuzz_dir="$(cd "$(dirname "$0")" && pwd)"
seconds="${1:-60}"
shift || true
harnesses=("$@")
if [[ ${#harnesses[@]} -eq 0 ]]; then
    harnesses=(ParserFuzzer CheckerFuzzer QuoteFuzzer FormatterFuzzer RequestLineFuzzer)
fi

smoke="$fuzz_dir/.build/smoke"
rm -rf "$smoke"
mkdir -p "$smoke"

if ! probe_log="$("$fuzz_dir/has-libfuzzer.sh" "$smoke/probe")"; then
    echo "fuzz smoke: skipped: no libFuzzer (swiftc -sanitize=fuzzer,address cannot build a harness with this toolchain)"
    echo "$probe_log"
    exit 0
fi

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    echo "fuzz smoke: building ${harnesses[*]}"
    "$fuzz_dir/build.sh" "${harnesses[@]}" || { echo "fuzz smoke: FAILED: the harnesses do not build"; exit 1; }
fi

failed=()
summary=()
# Inputs per harness: about a minute each at the rates of a 60 s run on the
# project's machine (Fuzz/README.md), scaled to SECONDS.
declare -A per_minute=(
    [ParserFuzzer]=90000 [CheckerFuzzer]=12000 [QuoteFuzzer]=15000
    [FormatterFuzzer]=80000 [RequestLineFuzzer]=1000000
)

for name in "${harnesses[@]}"; do
    log="$smoke/$name.log"
    if [[ "${SMOKE_RANDOM:-0}" == 1 ]]; then
        echo "fuzz smoke: $name for ${seconds}s, random seed"
        CORPUS="$smoke/corpus-$name" ARTIFACTS="$smoke/crashes" \
            "$fuzz_dir/run.sh" "$name" "$seconds" > "$log" 2>&1
    else
        override="SMOKE_RUNS_$name"
        count="${!override:-$(( ${per_minute[$name]:-10000} * seconds / 60 ))}"
        echo "fuzz smoke: $name, $count inputs from seed 1"
        SWIFT_DETERMINISTIC_HASHING=1 CORPUS="$smoke/corpus-$name" ARTIFACTS="$smoke/crashes" \
            "$fuzz_dir/run.sh" "$name" "$(( seconds * 3 ))" -seed=1 -runs="$count" > "$log" 2>&1
    fi
    status=$?
    runs="$(grep -o 'stat::number_of_executed_units:[[:space:]]*[0-9]*' "$log" | grep -o '[0-9]*$' || true)"
    rate="$(grep -o 'stat::average_exec_per_sec:[[:space:]]*[0-9]*' "$log" | grep -o '[0-9]*$' || true)"
    found=("$smoke/crashes/$name-"*)
    if [[ $status -ne 0 || -e "${found[0]}" ]]; then
        failed+=("$name")
        summary+=("$(printf '%-18s FAILED (exit %s)' "$name" "$status")")
        echo "fuzz smoke: $name FAILED (exit $status); the end of its log:"
        tail -n 60 "$log" | sed 's/^/  /'
        for reproducer in "${found[@]}"; do
            [[ -e "$reproducer" ]] || continue
            echo "fuzz smoke: reproducer $reproducer ($(wc -c < "$reproducer") bytes), base64:"
            base64 < "$reproducer" | sed 's/^/  /'
        done
    else
        summary+=("$(printf '%-18s %12s executions  %8s exec/s' "$name" "${runs:-?}" "${rate:-?}")")
    fi
done

echo "fuzz smoke: ${seconds}s per harness"
printf '  %s\n' "${summary[@]}"
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "fuzz smoke: FAILED: ${failed[*]} (logs and reproducers in $smoke)"
    exit 1
fi
echo "fuzz smoke: ok, no findings"
