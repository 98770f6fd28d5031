#!/usr/bin/env bash
# Runs one fuzzer for a while: Fuzz/run.sh NAME SECONDS [extra libFuzzer flags...]
#
# NAME is RequestLineFuzzer or RuleFileFuzzer (build them with Fuzz/build.sh). The
# corpus lives in Fuzz/corpus-NAME (kept between runs, not committed) and starts
# from Fuzz/seeds/NAME; crashes land in Fuzz/crashes/. Leak detection is off: the
# price book and zone tables live for the whole run, and LeakSanitizer does not
# follow the tagged pointers Swift keeps in enums, so it reports them as leaked.
set -euo pipefail

fuzz_dir="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$fuzz_dir/.." && pwd)"
name="${1:?usage: Fuzz/run.sh NAME SECONDS}"
seconds="${2:?usage: Fuzz/run.sh NAME SECONDS}"
shift 2

case "$name" in
    # A request line is short; a rules file can be the whole sample shop (~11 KB).
    RequestLineFuzzer) max_len=2048 ;;
    RuleFileFuzzer) max_len=16384 ;;
    *) echo "unknown fuzzer $name" >&2; exit 2 ;;
esac

corpus="$fuzz_dir/corpus-$name"
mkdir -p "$corpus" "$fuzz_dir/crashes"
export COINAGE_RULES="$root/rules"
export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"

"$fuzz_dir/.build/$name" "$corpus" "$fuzz_dir/seeds/$name" \
    -dict="$fuzz_dir/dictionaries/$name.dict" \
    -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 -max_total_time="$seconds" \
    -artifact_prefix="$fuzz_dir/crashes/$name-" -print_final_stats=1 -detect_leaks=0 "$@"
