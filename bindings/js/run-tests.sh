#!/usr/bin/env bash
# Builds coinage.wasm (Wasm/build.sh) and the native `coinage` and `coinage-bench`
# the tests compare with, then runs the JavaScript binding's tests with `node --test`.
# Skips (exit 0, saying so) only when there is no Node or the toolchain cannot build
# WebAssembly (Wasm/build.sh exits 3).
#
# Usage: bindings/js/run-tests.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v node > /dev/null; then
    echo "bindings/js: skipped: no node on PATH"
    exit 0
fi
status=0
Wasm/build.sh || status=$?
if [[ $status -eq 3 ]]; then
    echo "bindings/js: skipped: this toolchain cannot build WebAssembly"
    exit 0
elif [[ $status -ne 0 ]]; then
    exit "$status"
fi
swift build --product coinage
swift build --product coinage-bench
exec node --test bindings/js/test/
