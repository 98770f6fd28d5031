#!/usr/bin/env bash
# The load test of `coinage serve` (issue 15), kept in the benchmark, not the tests.
#
# In one run, on the same rules and the same requests:
#   1. `coinage quote --batch` throughput (lines/s of wall time, a large file of
#      JSON lines through the release binary, output discarded);
#   2. `coinage serve` on an ephemeral port, driven by wrk with 64 keep-alive
#      connections, one POST /v1/quote per request: requests/s and the ratio to (1);
#   3. the same with 16 requests pipelined per connection (reported, not the headline);
#   4. a fixed rate of 10,000 requests/s (bench/fixed-rate.c, open loop, latency from
#      each request's scheduled send time): p50 and p99.
# Steps 1 and 2 are repeated RUNS times, interleaved, so each ratio is of figures
# taken moments apart. Client and server share the machine's cores: the CPU time of
# each is printed beside the figures.
#
#   bench/serve-load.sh                  # build release, then measure on rules/
#   RULES=dir RUNS=5 SECONDS_PER_RUN=10 LINES=1000000 RATE=10000 bench/serve-load.sh
#   SKIP_BUILD=1 bench/serve-load.sh     # use the release binary already built
#   SKIP_BUILD=1 BIN=/path/to/other/coinage bench/serve-load.sh   # another build, to compare
#
# Needs wrk (`apt-get install wrk`; installed here when missing and run as root),
# cc and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

RULES=${RULES:-rules}
RUNS=${RUNS:-3}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
LINES=${LINES:-1000000}
RATE=${RATE:-10000}
RATE_SECONDS=${RATE_SECONDS:-15}
CONNECTIONS=${CONNECTIONS:-64}
PIPELINE=${PIPELINE:-16}
WRK_THREADS=${WRK_THREADS:-2}
SCRATCH=${SCRATCH:-$(mktemp -d /tmp/coinage-serve-load.XXXXXX)}
BIN=${BIN:-.build/release/coinage}

if ! command -v wrk >/dev/null; then
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y wrk >/dev/null; else echo "wrk is missing: apt-get install wrk" >&2; exit 2; fi
fi
if [ -z "${SKIP_BUILD:-}" ]; then swift build -c release --product coinage >&2; fi
cc -O2 -o "$SCRATCH/fixed-rate" bench/fixed-rate.c

echo "date:        $(date -u +%Y-%m-%dT%H:%MZ)"
echo "cpu:         $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') ($(nproc) cores)"
echo "load:        $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min, before the run)"
echo "rules:       $RULES"
echo "commit:      $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo

# The requests: every bundle x region x channel cell of the rules (from `coinage
# prices`), on Black Friday evening, for buyers of each segment, some with a code
# and counters; the same bodies for the batch file and for the server.
"$BIN" prices --rules "$RULES" --format json > "$SCRATCH/prices.json"
python3 - "$SCRATCH" "$LINES" <<'EOF'
import json, sys
scratch, lines = sys.argv[1], int(sys.argv[2])
doc = json.load(open(scratch + "/prices.json"))
rows = doc["prices"] if isinstance(doc, dict) else doc
segments = ["new", "casual", "whale", "vip", "lapsed"]
bodies = []
for i, row in enumerate(rows):
    request = {"bundle": row["bundle"], "region": row["region"], "at": "2026-11-28T19:00:00Z",
               "user": {"segment": segments[i % 5], "purchases": i % 40, "first_purchase": i % 7 == 0}}
    if row.get("channel"):
        request["channel"] = row["channel"]
    if i % 4 == 0:
        request["codes"] = ["VIP2026"]
    bodies.append(json.dumps(request, separators=(",", ":")))
with open(scratch + "/bodies.jsonl", "w") as f:
    f.write("\n".join(bodies) + "\n")
with open(scratch + "/batch.jsonl", "w") as f:
    for k in range(lines):
        f.write(bodies[k % len(bodies)] + "\n")
print(f"requests:    {len(bodies)} distinct bodies (every cell of the rules); batch file {lines} lines")
EOF

# Any body the rules refuse would make the comparison unfair: check them all first.
refused=$("$BIN" quote --rules "$RULES" --batch < "$SCRATCH/bodies.jsonl" | grep -c '"error"' || true)
echo "refused:     $refused of the bodies (must be 0)"
echo

cpu_of() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # user + system ticks
TICKS=$(getconf CLK_TCK)

batch_run() {  # prints "lines/s cpu-s"
    local start end
    start=$(date +%s.%N)
    /usr/bin/time -f "%U %S" -o "$SCRATCH/batch.time" "$BIN" quote --rules "$RULES" --batch < "$SCRATCH/batch.jsonl" > /dev/null
    end=$(date +%s.%N)
    echo "$(python3 -c "print(round($LINES / ($end - $start)))") $(awk '{print $1 + $2}' "$SCRATCH/batch.time")"
}

"$BIN" serve --rules "$RULES" --port 0 --no-watch 2> "$SCRATCH/serve.log" &
SERVER=$!
trap 'kill -TERM $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 100); do
    grep -q '"listening"' "$SCRATCH/serve.log" 2>/dev/null && break
    sleep 0.1
done
PORT=$(grep -o '"port":[0-9]*' "$SCRATCH/serve.log" | head -1 | cut -d: -f2)
URL="http://127.0.0.1:$PORT/v1/quote"
echo "server:      pid $SERVER, $URL"

wrk_run() {  # $1: pipelining depth; prints "req/s server-cpu-s client-cpu-s non2xx"
    local before after
    before=$(cpu_of "$SERVER")
    /usr/bin/time -f "%U %S" -o "$SCRATCH/wrk.time" \
        wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -s bench/serve-quote.lua "$URL" \
        -- "$SCRATCH/bodies.jsonl" "$1" > "$SCRATCH/wrk.out"
    after=$(cpu_of "$SERVER")
    cat "$SCRATCH/wrk.out" >> "$SCRATCH/wrk.all"
    local rps non2xx
    rps=$(awk '/Requests\/sec/ {print $2}' "$SCRATCH/wrk.out")
    non2xx=$(awk '/Non-2xx/ {print $5}' "$SCRATCH/wrk.out")
    echo "$rps $(python3 -c "print(round(($after - $before) / $TICKS, 2))") $(awk '{print $1 + $2}' "$SCRATCH/wrk.time") ${non2xx:-0}"
}

wrk -t1 -c4 -d2s -s bench/serve-quote.lua "$URL" -- "$SCRATCH/bodies.jsonl" 1 > /dev/null   # warm-up
# Besides the wall-clock ratio (the headline), the work per CPU second of each side:
# batch lines per CPU second of `quote --batch`, requests per CPU second of the
# server (wrk's own CPU not counted), which the other tenants of a shared machine
# move less than wall time.
printf '%-4s %13s %9s %17s %7s %11s %9s %13s %13s %8s %6s\n' run "batch lines/s" "batch CPU" "serve req/s c$CONNECTIONS" ratio "server CPU" "wrk CPU" "batch line/CPUs" "serve req/CPUs" "CPU ratio" non2xx
ratios=()
cpu_ratios=()
for run in $(seq "$RUNS"); do
    read -r batch batch_cpu < <(batch_run)
    read -r rps server_cpu client_cpu non2xx < <(wrk_run 1)
    ratio=$(python3 -c "print(f'{$rps / $batch:.3f}')")
    per_cpu_batch=$(python3 -c "print(round($LINES / $batch_cpu))")
    per_cpu_serve=$(python3 -c "print(round($rps * $SECONDS_PER_RUN / $server_cpu))")
    cpu_ratio=$(python3 -c "print(f'{$per_cpu_serve / $per_cpu_batch:.3f}')")
    ratios+=("$ratio")
    cpu_ratios+=("$cpu_ratio")
    printf '%-4s %13s %9s %17s %7s %11s %9s %13s %13s %8s %6s\n' "$run" "$batch" "$batch_cpu" "$rps" "$ratio" "$server_cpu" "$client_cpu" "$per_cpu_batch" "$per_cpu_serve" "$cpu_ratio" "$non2xx"
done
echo "ratio of single keep-alive requests/s to batch lines/s (wall): ${ratios[*]} (target 0.5)"
echo "ratio per CPU second (server requests per server CPU s / batch lines per batch CPU s): ${cpu_ratios[*]}"
echo

read -r rps server_cpu client_cpu non2xx < <(wrk_run "$PIPELINE")
echo "pipelined ($PIPELINE per connection, c$CONNECTIONS): $rps req/s, server CPU ${server_cpu} s, wrk CPU ${client_cpu} s, non-2xx $non2xx"
echo

before=$(cpu_of "$SERVER")
"$SCRATCH/fixed-rate" 127.0.0.1 "$PORT" /v1/quote "$SCRATCH/bodies.jsonl" "$RATE" "$RATE_SECONDS" "$CONNECTIONS" 2
after=$(cpu_of "$SERVER")
echo "server CPU during the fixed-rate run: $(python3 -c "print(round(($after - $before) / $TICKS, 2))") s"
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk output of every run: $SCRATCH/wrk.all"
