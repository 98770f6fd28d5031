#!/usr/bin/env bash
# Builds the engine as WebAssembly (wasm32, Embedded Swift) with swiftc and wasm-ld.
#
# SwiftPM has no WebAssembly SDK here, so, like Fuzz/build.sh, this compiles each
# module whole-module in dependency order from the package's own sources (no fork):
# CoinageSyntax, CoinageJSON, CoinageChecker, CoinageEngine, then a small `Coinage`
# shim (Wasm/Shim: re-exports the phases a quote needs, not the analysis), the
# request/quote codecs of CoinageIO (JSON/ and Diagnostics/), the formatter
# (CoinageFormat), and the exports (Wasm/Sources). It links them with wasm-ld against the Embedded standard library,
# wasi-libc (malloc, free, memcmp, arc4random_buf) and clang_rt's builtins for wasm32
# (the 128-bit __divti3, __modti3, __multi3) into Wasm/.build/coinage.wasm.
#
# Every swiftc runs under a memory cap and a timeout: an Embedded compile that runs
# away must not take the machine with it.
#
# Usage: Wasm/build.sh            (OPT=-Osize by default; OPT=-Onone for a quick build;
#                                  FROM=CoinageIO rebuilds from that module on;
#                                  STRIP=1 leaves out the function names too)
# Exit status 3: the toolchain cannot build WebAssembly here (no Embedded wasm32 stdlib).
set -euo pipefail

wasm_dir="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$wasm_dir/.." && pwd)"
out="${WASM_BUILD_DIR:-$wasm_dir/.build}"
opt="${OPT:--Osize}"
target=wasm32-unknown-none-wasm
swift_bin="$(dirname "$(command -v swiftc)")"
embedded="$swift_bin/../lib/swift/embedded/$target"
wasm_ld="$swift_bin/wasm-ld"
memory_cap_kb=6000000
compile_timeout=300

if [[ ! -d "$embedded" || ! -x "$wasm_ld" ]]; then
    echo "Wasm/build.sh: this toolchain has no Embedded Swift for $target or no wasm-ld" >&2
    exit 3
fi

# wasi-libc and the wasm32 builtins come from Debian.
wasi_libc=/usr/lib/wasm32-wasi/libc.a
builtins="$(ls /usr/lib/llvm-*/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a 2>/dev/null | head -1 || true)"
if [[ ! -f "$wasi_libc" || -z "$builtins" ]]; then
    echo "installing wasi-libc and libclang-rt-dev-wasm32" >&2
    # The package lists first: a fresh machine may have none yet.
    apt-get update -qq >&2
    apt-get install -y -q wasi-libc libclang-rt-dev-wasm32 >&2
    builtins="$(ls /usr/lib/llvm-*/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a | head -1)"
fi

# Binaryen's wasm-opt, from Debian too, optimizes the linked module once more
# (below). Without it the module is still correct, only larger.
if ! command -v wasm-opt > /dev/null; then
    echo "installing binaryen (wasm-opt)" >&2
    { apt-get update -qq && apt-get install -y -q binaryen; } >&2 || echo "binaryen is not available: the module is left as linked" >&2
fi

mkdir -p "$out"
common=(-target "$target" -enable-experimental-feature Embedded -wmo "$opt" -parse-as-library
        -package-name coinage -enable-experimental-feature Extern)

# swiftc with the memory cap and the timeout.
capped_swiftc() {
    ( ulimit -v "$memory_cap_kb"; timeout "$compile_timeout" swiftc "$@" )
}

# compile MODULE SOURCES...: one object and one module file in $out.
compile() {
    local module="$1"; shift
    echo "compiling $module ($# files)" >&2
    capped_swiftc "${common[@]}" -module-name "$module" \
        -emit-module -emit-module-path "$out/$module.swiftmodule" \
        -c -o "$out/$module.o" -I "$out" "$@"
}

sources_of() {
    find "$@" -name '*.swift' | sort
}

mapfile -t syntax < <(sources_of "$root/Sources/CoinageSyntax")
mapfile -t format < <(sources_of "$root/Sources/CoinageFormat")
mapfile -t json < <(sources_of "$root/Sources/CoinageJSON")
mapfile -t checker < <(sources_of "$root/Sources/CoinageChecker")
mapfile -t engine < <(sources_of "$root/Sources/CoinageEngine")
mapfile -t shim < <(sources_of "$wasm_dir/Shim")
mapfile -t io < <(sources_of "$root/Sources/CoinageIO/JSON" "$root/Sources/CoinageIO/Diagnostics")
mapfile -t exports < <(sources_of "$wasm_dir/Sources")

# FROM=MODULE starts at that module, reusing the ones before it from an earlier build.
from="${FROM:-CoinageSyntax}"
started=0
for module in CoinageSyntax CoinageJSON CoinageChecker CoinageEngine Coinage CoinageIO CoinageFormat CoinageWasm; do
    [[ "$module" == "$from" ]] && started=1
    [[ $started == 1 ]] || continue
    case "$module" in
        CoinageSyntax) compile CoinageSyntax "${syntax[@]}" ;;
        CoinageFormat) compile CoinageFormat "${format[@]}" ;;
        CoinageJSON) compile CoinageJSON "${json[@]}" ;;
        CoinageChecker) compile CoinageChecker "${checker[@]}" ;;
        CoinageEngine) compile CoinageEngine "${engine[@]}" ;;
        Coinage) compile Coinage "${shim[@]}" ;;
        CoinageIO) compile CoinageIO "${io[@]}" ;;
        CoinageWasm) compile CoinageWasm "${exports[@]}" ;;
    esac
done

echo "compiling the stack-protector stubs" >&2
"$swift_bin/clang" --target=wasm32-unknown-unknown -O2 -c "$wasm_dir/Support/stubs.c" -o "$out/stubs.o"

echo "linking" >&2
# The function names stay (a trap's stack trace names Swift functions) unless STRIP=1.
strip=--strip-debug
[[ "${STRIP:-0}" == 1 ]] && strip=--strip-all
"$wasm_ld" --no-entry --gc-sections "$strip" \
    -o "$out/coinage.wasm" \
    "$out/CoinageSyntax.o" "$out/CoinageFormat.o" "$out/CoinageJSON.o" "$out/CoinageChecker.o" "$out/CoinageEngine.o" \
    "$out/Coinage.o" "$out/CoinageIO.o" "$out/CoinageWasm.o" "$out/stubs.o" \
    "$embedded/libswiftUnicodeDataTables.a" \
    "$wasi_libc" "$builtins"

# `wasm-opt -O3` over the whole module (Binaryen's inlining, dead-code and
# duplicate-function passes across modules): 2,585,857 → 1,980,909 bytes with the
# names, 2,055,645 → 1,827,503 without, and quotes as fast or faster in Node. Its
# -Os and -Oz are smaller still but quote 20-50% slower. `-g` keeps the names.
if [[ "$opt" != -Onone ]] && command -v wasm-opt > /dev/null; then
    keep_names=-g
    [[ "${STRIP:-0}" == 1 ]] && keep_names=--strip-producers
    wasm-opt -O3 "$keep_names" "$out/coinage.wasm" -o "$out/coinage.opt.wasm"
    mv "$out/coinage.opt.wasm" "$out/coinage.wasm"
    opt="$opt, wasm-opt -O3"
fi

size=$(wc -c < "$out/coinage.wasm")
echo "Wasm/.build/coinage.wasm: $size bytes ($opt)"
