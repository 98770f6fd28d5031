#!/usr/bin/env bash
# Builds the libFuzzer harnesses from the package sources with swiftc alone.
#
# Each module is compiled whole-module into a static library with coverage and
# AddressSanitizer instrumentation, in dependency order, once; then each harness
# (`Fuzz/NAME.swift`) is compiled with the shared files (`Fuzz/Fuzz*.swift`) and
# linked against them all. SwiftPM is not involved, so Package.swift stays untouched.
# FUZZ_BUILD_DIR=DIR builds elsewhere than Fuzz/.build (say, while fuzzers run from it).
#
# Usage: Fuzz/build.sh [harness...]   (default: every harness, see `all_harnesses`)
#        SKIP_MODULES=1 Fuzz/build.sh NAME   relinks one harness only
set -euo pipefail

fuzz_dir="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$fuzz_dir/.." && pwd)"
out="${FUZZ_BUILD_DIR:-$fuzz_dir/.build}"
mkdir -p "$out"

# `-sanitize=fuzzer` on a library only instruments it (libFuzzer's main is linked
# with the executable); `-enable-testing` lets harnesses use `@testable import`.
instrument=(-sanitize=fuzzer,address -O -wmo -g -enable-testing)

build_module() {
    local module="$1"
    local sources
    mapfile -t sources < <(find "$root/Sources/$module" -name '*.swift' | sort)
    echo "building $module (${#sources[@]} files)" >&2
    # One package name for all of them, as SwiftPM gives them: `package` declarations
    # (the name tables the request reader shares with the core) cross modules.
    swiftc "${instrument[@]}" -package-name coinage -parse-as-library -module-name "$module" \
        -emit-module -emit-module-path "$out/$module.swiftmodule" \
        -emit-library -static -o "$out/lib$module.a" \
        -I "$out" "${sources[@]}"
}

# In dependency order, as Package.swift declares them.
modules=(CoinageSyntax CoinageJSON CoinageFormat CoinageChecker CoinageEngine CoinageAnalysis CoinageRuleTests CoinageDiff
         Coinage CoinageIO CoinageFoundation)
if [[ "${SKIP_MODULES:-0}" != 1 ]]; then
    for module in "${modules[@]}"; do build_module "$module"; done
fi
link_flags=()
for (( index=${#modules[@]}-1; index>=0; index-- )); do link_flags+=("-l${modules[index]}"); done

all_harnesses=(ParserFuzzer CheckerFuzzer QuoteFuzzer FormatterFuzzer RequestLineFuzzer)
harnesses=("$@")
if [[ ${#harnesses[@]} -eq 0 ]]; then
    harnesses=("${all_harnesses[@]}")
fi
# The files every harness shares: the invariants and the input helpers.
mapfile -t shared < <(find "$fuzz_dir" -maxdepth 1 -name 'Fuzz[A-Z]*.swift' | sort)

# gold warns once per ASan helper symbol it cannot export; the warnings are harmless.
# The link runs in the build directory: with `-g` the driver leaves the harness's
# module files in the working directory.
for harness in "${harnesses[@]}"; do
    echo "linking $harness" >&2
    (cd "$out" && swiftc "${instrument[@]}" -package-name coinage -parse-as-library -module-name "$harness" \
        -I "$out" -L "$out" "${link_flags[@]}" \
        "$fuzz_dir/$harness.swift" "${shared[@]}" -o "$out/$harness") \
        2> >(grep -v "Cannot export local symbol" >&2)
done
