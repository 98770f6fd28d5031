#!/usr/bin/env bash
# Runs one fuzzer for a while: Fuzz/run.sh NAME SECONDS [extra libFuzzer flags...]
#
# NAME is one of ParserFuzzer, CheckerFuzzer, QuoteFuzzer, FormatterFuzzer (rule
# files) or RequestLineFuzzer (request lines); build them with Fuzz/build.sh. The
# corpus lives in Fuzz/corpus-NAME (kept between runs, not committed) and starts
# from the seeds of the harness's input kind; crashes land in Fuzz/crashes/.
# CORPUS=DIR and ARTIFACTS=DIR put the corpus and the crashes elsewhere (smoke.sh
# uses both). Leak detection is off: the price book and zone tables live for the
# whole run, and LeakSanitizer does not follow the tagged pointers Swift keeps in
# enums, so it reports them as leaked.
set -euo pipefail

fuzz_dir="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$fuzz_dir/.." && pwd)"
name="${1:?usage: Fuzz/run.sh NAME SECONDS}"
seconds="${2:?usage: Fuzz/run.sh NAME SECONDS}"
shift 2

# max_len bounds every input. A request line is short; a rules file must hold the
# whole sample shop (its top-level files together are about 11 KB).
#
# timeout (seconds) is libFuzzer's hang detector, and the time past which an input is
# reported as slow. The checker harness checks, repairs and checks again, proves the
# guards and runs the lints, then proves the guards once more for their worst cases,
# all under ASan and coverage instrumentation: an input near the analysis budgets
# that `coinage check` finishes in about a second in release takes about 15 s of CPU
# here, so it gets 60 s. Budgets bound every input, so a real hang still shows.
timeout=10
case "$name" in
    RequestLineFuzzer) kind=requests; max_len=2048 ;;
    CheckerFuzzer) kind=rules; max_len=16384; timeout=60 ;;
    ParserFuzzer | FormatterFuzzer) kind=rules; max_len=16384 ;;
    # Quoting a rule set costs hundreds of quotes: small files keep it quick
    # (seeds/rules/compact-shop.coin is the sample shop within this length).
    QuoteFuzzer) kind=rules; max_len=4096 ;;
    *) echo "unknown fuzzer $name" >&2; exit 2 ;;
esac

corpus="${CORPUS:-$fuzz_dir/corpus-$name}"
artifacts="${ARTIFACTS:-$fuzz_dir/crashes}"
mkdir -p "$corpus" "$artifacts"
export COINAGE_RULES="$root/rules"
export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
# Swift's own backtracer fights ASan over the crashed process (and can hang);
# libFuzzer prints the stack instead.
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"

# Seed directories are read, never written (libFuzzer adds to the first one only).
seeds=("$fuzz_dir/seeds/$kind")
if [[ "$kind" == rules ]]; then
    # The sample shop file by file (tests included), and as one file, built fresh
    # so it never goes stale.
    shop="$fuzz_dir/.build/seeds-shop"
    mkdir -p "$shop"
    cat "$root"/rules/*.coin > "$shop/whole-shop.coin"
    seeds+=("$root/rules" "$shop")
    # Every reproducer a run has found is replayed first: a finding once fixed
    # stays a regression test of every run, the CI smoke run included.
    seeds+=("$fuzz_dir/crashes")
fi

"$fuzz_dir/.build/$name" "$corpus" "${seeds[@]}" \
    -dict="$fuzz_dir/dictionaries/$kind.dict" \
    -max_len="$max_len" -timeout="$timeout" -report_slow_units="$timeout" -rss_limit_mb=2048 -max_total_time="$seconds" \
    -artifact_prefix="$artifacts/$name-" -print_final_stats=1 -detect_leaks=0 "$@"
